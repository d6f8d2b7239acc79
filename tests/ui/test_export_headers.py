"""The export's headers: each column's English label lives in the service beside its Italian
header, and the dialog translates the label, so both languages give the same headers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.services.referrals.export import COLUMNS
from desktop.ui.i18n import ui_areas
from desktop.ui.referrals.export_dialog import export_headers
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401


def test_the_marker_gives_the_text_back() -> None:
    assert QT_TRANSLATE_NOOP("ReferralExport", "Number") == "Number"


def test_the_service_is_a_source_of_the_referrals_translations() -> None:
    sources = ui_areas()["referrals"]
    assert any(path.match("desktop/services/referrals/export.py") for path in sources)
    assert all(path.exists() for path in sources)


def test_headers_are_the_english_labels_untranslated(qapp: QApplication) -> None:
    assert export_headers() == {column.key: column.label for column in COLUMNS}
    assert export_headers()["fiscal_code"] == "Tax code"


def test_headers_in_italian_are_the_services_own(
    qapp: QApplication,
    italian: None,  # noqa: F811
    italian_qm: Path,  # noqa: F811
) -> None:
    assert export_headers() == {column.key: column.header for column in COLUMNS}
    assert export_headers()["municipality"] == "Comune di residenza"
