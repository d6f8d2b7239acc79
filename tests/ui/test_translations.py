"""Every visible string of the UI has its Italian translation (issue: a test fails otherwise).

``pyside6-lupdate`` collects each area's strings from the code into a copy of its ``.ts``, as
``python -m desktop.ui.i18n --update AREA`` would: a string added to the code and never
translated comes out as a new, unfinished message. The ``.ts`` files in the repository are never
touched.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.resources import resource_path
from desktop.ui.i18n import TRANSLATIONS_DIR, find_tool, ui_areas
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401

LANGUAGE = "it"


def _unfinished(ts_file: Path) -> list[tuple[str, str]]:
    found = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            texts = []
            if translation is not None:
                texts = [form.text for form in translation.iter("numerusform")] or [
                    translation.text
                ]
            if (
                translation is None
                or translation.get("type") in {"unfinished", "obsolete", "vanished"}
                or not all(text and text.strip() for text in texts)
            ):
                found.append((name, message.findtext("source") or ""))
    return found


def test_every_source_string_has_an_italian_translation(tmp_path: Path) -> None:
    lupdate = find_tool("lupdate")
    assert lupdate is not None, "pyside6-lupdate is part of PySide6 and must be at hand"
    missing: dict[str, list[tuple[str, str]]] = {}
    for area, sources in ui_areas().items():
        shipped = resource_path(*TRANSLATIONS_DIR, f"{area}_{LANGUAGE}.ts")
        copy = tmp_path / shipped.name
        if shipped.exists():
            shutil.copyfile(shipped, copy)
        options = ["-silent", "-locations", "none", "-no-obsolete", "-target-language", LANGUAGE]
        files = [str(path) for path in sources]
        subprocess.run(
            [str(lupdate), *options, *files, "-ts", str(copy)], check=True, capture_output=True
        )
        if copy.exists() and (untranslated := _unfinished(copy)):
            missing[area] = untranslated
    assert missing == {}, (
        "strings without an Italian translation: run `python -m desktop.ui.i18n --update AREA`, "
        "translate them in resources/translations/AREA_it.ts, then `python -m desktop.ui.i18n`"
    )


def test_the_check_sees_a_new_string(tmp_path: Path) -> None:
    """The check above is not vacuous: an untranslated string in the code is reported."""
    lupdate = find_tool("lupdate")
    assert lupdate is not None
    source = tmp_path / "probe.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "QCoreApplication.translate('Probe', 'A string nobody translated')\n",
        encoding="utf-8",
    )
    ts_file = tmp_path / "probe_it.ts"
    subprocess.run(
        [str(lupdate), "-silent", "-target-language", LANGUAGE, str(source), "-ts", str(ts_file)],
        check=True,
        capture_output=True,
    )
    assert _unfinished(ts_file) == [("Probe", "A string nobody translated")]


def test_qts_own_buttons_are_italian(qapp: QApplication, italian: None) -> None:  # noqa: F811
    """Qt's ``qtbase_it.qm`` is loaded with ours: standard buttons say Annulla, Sì, Chiudi."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.Close
    )
    texts = {
        buttons.button(which).text().replace("&", "")
        for which in (
            QDialogButtonBox.StandardButton.Cancel,
            QDialogButtonBox.StandardButton.Yes,
            QDialogButtonBox.StandardButton.Close,
        )
    }
    assert texts == {"Annulla", "Sì", "Chiudi"}
    assert QLocale().name() == "it_IT"


def test_translations_follow_code_moved_to_another_area(tmp_path: Path) -> None:
    """A class moved into another area keeps its context: its translations come along."""
    from desktop.ui.i18n import _carry_over, _translated_messages  # noqa: PLC0415

    pool = _translated_messages(LANGUAGE)
    moved = tmp_path / "moved_it.ts"
    moved.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="it">\n'
        "<context><name>ReferralExportDialog</name>"
        '<message><source>Export the list</source><translation type="unfinished"/></message>'
        '<message><source>Never written anywhere</source><translation type="unfinished"/>'
        "</message></context></TS>\n",
        encoding="utf-8",
    )
    assert ("ReferralExportDialog", "Export the list") in pool
    assert _carry_over(moved, pool)
    messages = {
        message.findtext("source"): message.find("translation")
        for message in ET.parse(moved).getroot().iter("message")
    }
    exported = messages["Export the list"]
    assert exported is not None and exported.get("type") is None
    assert exported.text == pool[("ReferralExportDialog", "Export the list")].text
    untouched = messages["Never written anywhere"]
    assert untouched is not None and untouched.get("type") == "unfinished"
