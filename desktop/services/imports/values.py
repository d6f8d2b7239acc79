"""A cell as one of Trama's values: dates, numbers, yes/no, codici fiscali, comuni (helper B)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.services.imports.model import CellValue, ImportField
from desktop.store.engine import Store


@dataclass(frozen=True)
class Parsed:
    """A cell read for a field: ``value`` None for an empty cell or an error."""

    value: object = None
    error: str | None = None  # Italian, names the field: the row is skipped
    warning: str | None = None  # Italian, names the field: the row goes in
    suggestions: tuple[str, ...] = ()  # e.g. the comuni a loosely written name may mean


class ValueReader:
    """Reads cells for fields against the store's reference data, loaded once per import."""

    def read(self, field: ImportField, raw: CellValue) -> Parsed:
        raise NotImplementedError


def load_value_reader(store: Store, *, today: date) -> ValueReader:
    raise NotImplementedError
