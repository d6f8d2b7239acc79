"""Trama's fields an import fills, their Italian header synonyms, and the mapping (helper B)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from desktop.domain.text import normalise_search_text
from desktop.services.imports.model import ColumnMapping, ImportField, ImportKind


def import_fields(kind: ImportKind) -> tuple[ImportField, ...]:
    raise NotImplementedError


def normalise_header(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: how headers are compared.

    "Data di nascita", "DATA  DI NASCITA:" and "data_di_nascita" are one header; "N°" and
    "n." both become "n". Shared by the reader's search for the header row and the mapping.
    """
    return " ".join(_NOT_WORD.sub(" ", normalise_search_text(text).replace("°", "")).split())


_NOT_WORD = re.compile(r"[^0-9a-z]+")


def suggest_mapping(kind: ImportKind, headers: Sequence[str]) -> ColumnMapping:
    raise NotImplementedError


def save_mapping(path: Path, mapping: ColumnMapping) -> None:
    raise NotImplementedError


def load_mapping(path: Path) -> ColumnMapping:
    """A saved mapping; raises ImportFileError in Italian when it is not one."""
    raise NotImplementedError
