"""Exporting the referral list: its order and filter, sensitive columns only when asked,
restricted rows never, dates as gg/mm/aaaa in CSV and as dates in Excel."""

from __future__ import annotations

import csv
import threading
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from desktop.domain.codes import ReferralStatus, Track
from desktop.services.referrals.export import COLUMNS, export_referral_list
from desktop.services.referrals.listing import ListQueryCancelled, ReferralFilter, SortKey
from desktop.store.engine import Store
from desktop.store.models import Person
from tests.meetings_support import AMBITO
from tests.referral_list_support import TODAY, VISIBLE, ListData, build_list_data

SENSITIVE_HEADERS = {column.header for column in COLUMNS if column.sensitive}


@pytest.fixture
def list_data(store: Store) -> ListData:
    return build_list_data(store)


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def export(store: Store, path: Path, flt: ReferralFilter, **options: object) -> int:
    values: dict[str, object] = {
        "sort": SortKey.NUMBER,
        "descending": False,
        "include_sensitive": False,
        "today": TODAY,
        "actor": AMBITO,
    }
    values.update(options)
    return export_referral_list(store, flt, path=path, **values)  # type: ignore[arg-type]


def test_csv_without_sensitive_columns(store: Store, list_data: ListData, tmp_path: Path) -> None:
    target = tmp_path / "elenco.csv"
    assert export(store, target, ReferralFilter()) == len(VISIBLE)
    header, *rows = read_csv(target)
    assert not SENSITIVE_HEADERS & set(header)
    assert header[:3] == ["Numero", "Data", "Percorso"]
    assert [row[0] for row in rows] == VISIBLE
    assert rows[0][1] == "10/01/2026"
    assert "BRMGLI04E57L682K" not in target.read_text(encoding="utf-8-sig")


def test_csv_with_sensitive_columns(store: Store, list_data: ListData, tmp_path: Path) -> None:
    target = tmp_path / "elenco.csv"
    export(store, target, ReferralFilter(search="brambilla"), include_sensitive=True)
    header, *rows = read_csv(target)
    assert set(header) >= SENSITIVE_HEADERS
    first = dict(zip(header, rows[0], strict=True))
    assert first["Codice fiscale"] == "BRMGLI04E57L682K"
    assert first["Data di nascita"] == "17/05/2004"
    assert first["Età"] == "22"


def test_the_lists_filter_and_order_are_kept(
    store: Store, list_data: ListData, tmp_path: Path
) -> None:
    target = tmp_path / "elenco.csv"
    flt = ReferralFilter(track=Track.CMD)
    export(store, target, flt, sort=SortKey.CREATED_ON, descending=True)
    _header, *rows = read_csv(target)
    assert [row[0] for row in rows] == ["2026/000008", "2026/000007", "2026/000002"]


def test_restricted_rows_are_never_exported(
    store: Store, list_data: ListData, tmp_path: Path
) -> None:
    """Even when the list shows them."""
    target = tmp_path / "elenco.csv"
    export(store, target, ReferralFilter(include_restricted=True), include_sensitive=True)
    _header, *rows = read_csv(target)
    numbers = [row[0] for row in rows]
    assert numbers == VISIBLE
    assert "2026/000004" not in numbers
    assert "2026/000005" not in numbers


def test_excel_reads_back_with_real_dates(
    store: Store, list_data: ListData, tmp_path: Path
) -> None:
    target = tmp_path / "elenco.xlsx"
    labels = {Track.NEET: "NEET", ReferralStatus.SENT: "Inviata"}
    count = export(
        store,
        target,
        ReferralFilter(statuses=frozenset({ReferralStatus.SENT})),
        include_sensitive=True,
        labeller=lambda code: labels.get(code, code.value),
        headers={"number": "N."},
    )
    assert count == 2
    workbook = load_workbook(target, read_only=True)
    try:
        rows = list(workbook["Segnalazioni"].iter_rows(values_only=True))
    finally:
        workbook.close()  # a read-only workbook keeps its file open until closed
    assert rows[0][0] == "N."
    assert "Codice fiscale" in rows[0]
    assert [row[0] for row in rows[1:]] == ["2026/000001", "2026/000012"]
    assert rows[1][1].date() == date(2026, 1, 10)
    assert rows[1][2] == "NEET"
    assert rows[1][3] == "Inviata"
    assert not list(tmp_path.glob("*.part"))


def test_a_formula_is_never_written_as_one(
    store: Store, list_data: ListData, tmp_path: Path
) -> None:
    with store.write() as session:
        session.execute(
            update(Person).where(Person.last_name == "Bianchi").values(last_name="=1+1")
        )
    target = tmp_path / "elenco.csv"
    export(store, target, ReferralFilter(search="2026/000002"))
    _header, row = read_csv(target)
    assert "'=1+1" in row


def test_a_cancelled_export_leaves_no_file(
    store: Store, list_data: ListData, tmp_path: Path
) -> None:
    target = tmp_path / "elenco.xlsx"
    target.write_bytes(b"old")
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        stop.set()

    with pytest.raises(ListQueryCancelled):
        export(store, target, ReferralFilter(), cancelled=stop.is_set, progress=progress)
    assert target.read_bytes() == b"old"
    assert not list(tmp_path.glob("*.part"))
