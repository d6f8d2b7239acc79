"""The recovery key's sheet (desktop.documents.recovery_sheet), read back with pypdf: one page
that carries the key, the folder it opens and how to use it."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from desktop.documents.inputs import RecoverySheetInput
from desktop.documents.recovery_sheet import build_recovery_sheet
from desktop.store.keys import StoreKey, key_from_recovery_text

KEY = StoreKey(bytes(range(32)))


def _sheet(**changes: object) -> RecoverySheetInput:
    values: dict[str, object] = {
        "recovery_text": KEY.recovery_text(),
        "fingerprint": KEY.fingerprint(),
        "data_dir": r"C:\Users\gverdi\AppData\Local\Provincia di Varese\Trama",
        "computer": "SOCIALI-PC-03",
        "user": "gverdi",
        "created_at": datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
        "office": "Comune di Gavirate – Servizi sociali",
    }
    values.update(changes)
    return RecoverySheetInput(**values)  # type: ignore[arg-type]


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_the_sheet_is_one_page_with_the_key_and_where_it_belongs() -> None:
    pages, text = _text(build_recovery_sheet(_sheet()))
    assert pages == 1
    flat = " ".join(text.split())
    for group in KEY.recovery_text().split("-"):
        assert group in flat
    assert KEY.fingerprint() in flat
    assert "SOCIALI-PC-03" in flat and "gverdi" in flat
    assert r"Provincia di Varese\Trama" in flat
    assert "trama recover --data-dir" in flat
    assert "cassaforte" in flat
    assert "Comune di Gavirate – Servizi sociali" in flat


def test_the_key_read_back_from_the_sheet_opens_what_it_was_made_for() -> None:
    """Copied from the PDF's text, as someone would, the groups give the same key."""
    _pages, text = _text(build_recovery_sheet(_sheet()))
    groups = [word for word in text.split() if len(word) == 4 and word.isupper()]
    start = groups.index(KEY.recovery_text()[:4])
    assert key_from_recovery_text(" ".join(groups[start : start + 14])) == KEY


@pytest.mark.parametrize(
    "changes",
    [
        {"data_dir": "/srv/condivisa/" + "cartella-molto-lunga-" * 12 + "dati"},
        {"office": "", "computer": "", "user": ""},
        {"office": 'Ufficio <Piano> & Servizi "Sociali" dell\'Ambito di Sesto Calende' * 2},
    ],
    ids=["long-path", "nothing-optional", "markup-in-names"],
)
def test_the_sheet_stays_one_page_whatever_it_names(changes: dict[str, object]) -> None:
    pages, text = _text(build_recovery_sheet(_sheet(**changes)))
    assert pages == 1
    assert KEY.recovery_text()[:4] in text


def test_the_sheet_is_the_same_bytes_for_the_same_data() -> None:
    assert build_recovery_sheet(_sheet()) == build_recovery_sheet(_sheet())
