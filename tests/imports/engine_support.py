"""Helpers of the dry-run, commit, report and CLI tests: tables built by hand, a mapping by
field key, and a dump of every table to compare stores before and after."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.services.imports.model import (
    CellValue,
    ColumnMapping,
    ImportKind,
    SourceFormat,
    SourceInfo,
    SourceRow,
    SourceTable,
)
from desktop.store.engine import Store
from tests.imports.workbooks import column_letter

PERSON_HEADERS = ("Cognome", "Nome", "Data di nascita", "Codice fiscale", "Telefono")
PERSON_MAPPING = {
    "Cognome": "last_name",
    "Nome": "first_name",
    "Data di nascita": "birth_date",
    "Codice fiscale": "fiscal_code",
    "Telefono": "phone",
}
REFERRAL_HEADERS = (
    "N. pratica",
    "Cognome",
    "Nome",
    "Data di nascita",
    "Codice fiscale",
    "Comune di residenza",
    "Percorso",
    "Motivo",
    "Data segnalazione",
    "Data invio",
    "Data conclusione",
    "Esito",
)
REFERRAL_MAPPING = {
    "N. pratica": "source_reference",
    "Cognome": "last_name",
    "Nome": "first_name",
    "Data di nascita": "birth_date",
    "Codice fiscale": "fiscal_code",
    "Comune di residenza": "residence_municipality_id",
    "Percorso": "track",
    "Motivo": "reason",
    "Data segnalazione": "created_on",
    "Data invio": "sent_on",
    "Data conclusione": "concluded_on",
    "Esito": "outcome",
}

LAST_NAMES = ("Brambilla", "Colombo", "Ferrari", "Bianchi", "Galli", "Fontana", "Marelli")
FIRST_NAMES_F = ("Giulia", "Chiara", "Sara", "Elena", "Martina")
FIRST_NAMES_M = ("Luca", "Marco", "Davide", "Simone", "Andrea")


def fake_person(index: int, *, born_from: date = date(1999, 1, 1)) -> tuple[str, str, date, str]:
    """A distinct fake person for each ``index`` below 20,000: last name, first name, birth
    date (within 12 years of ``born_from``), a valid codice fiscale."""
    names = len(LAST_NAMES) * len(FIRST_NAMES_F) * 2
    combo, step = index % names, index // names
    female = combo % 2 == 0
    last = LAST_NAMES[(combo // 2) % len(LAST_NAMES)]
    first = (FIRST_NAMES_F if female else FIRST_NAMES_M)[(combo // 2) // len(LAST_NAMES)]
    born = date.fromordinal(born_from.toordinal() + (step * 13) % 4300)
    code = encode_fiscal_code(
        last_name=last,
        first_name=first,
        sex="F" if female else "M",
        birth_date=born,
        birthplace_code="L682",
    )
    return last, first, born, code


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    *,
    name: str = "invii.xlsx",
    hidden: Sequence[int] = (),
    first_row: int = 2,
) -> SourceTable:
    """A table as the reader would give it: rows numbered from ``first_row`` (under a header
    in row 1); ``hidden`` lists the sheet's row numbers hidden in the file."""
    body = "\n".join(repr(row) for row in rows).encode()
    source = SourceInfo(
        name=name,
        sha256=hashlib.sha256(body).hexdigest(),
        size=len(body),
        format=SourceFormat.XLSX,
        sheets=(),
    )
    return SourceTable(
        source=source,
        sheet="Foglio1",
        header_row=first_row - 1,
        headers=tuple(headers),
        column_letters=tuple(column_letter(i) for i in range(len(headers))),
        rows=tuple(
            SourceRow(
                number=first_row + i,
                cells=tuple(row) + (None,) * (len(headers) - len(row)),
                hidden=(first_row + i) in hidden,
            )
            for i, row in enumerate(rows)
        ),
    )


def mapping(kind: ImportKind, by_header: dict[str, str | None]) -> ColumnMapping:
    return ColumnMapping(kind=kind, by_header=by_header)


def person_table(count: int, **options: Any) -> SourceTable:
    rows = []
    for index in range(count):
        last, first, born, code = fake_person(index)
        rows.append([last.upper(), first, born, code, f"0332 {100000 + index}"])
    return table(PERSON_HEADERS, rows, **options)


def referral_rows(count: int, *, comune: str = "Varese") -> list[list[CellValue]]:
    """``count`` NEET referrals of distinct young people, every third one concluded."""
    rows: list[list[CellValue]] = []
    for index in range(count):
        last, first, born, code = fake_person(index, born_from=date(1996, 1, 1))
        concluded = index % 3 == 2
        rows.append(
            [
                f"PR-{index + 1:05d}",
                last,
                first,
                born,
                code,
                comune,
                "NEET",
                "Giovane fuori da scuola e lavoro, chiede orientamento.",
                date(2024, 3, 1),
                date(2024, 3, 4) if concluded else None,
                date(2024, 9, 30) if concluded else None,
                "Assunzione" if concluded else None,
            ]
        )
    return rows


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted: two dumps are equal when the stores hold the same data."""
    connection = store.raw_connection()
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            name: sorted(
                (tuple(row) for row in connection.execute(f'SELECT * FROM "{name}"')),
                key=repr,
            )
            for name in names
        }
    finally:
        connection.close()


def count(store: Store, sql: str) -> int:
    with store.read() as session:
        return int(session.execute(text(sql)).scalar_one())


def write_path(tmp_path: Path, name: str) -> Path:
    return tmp_path / name
