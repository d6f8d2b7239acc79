"""Strumenti → Profili degli enti…: editable on the Province's PC, read only elsewhere.

The demo's invented bodies and contacts; addresses at example.org.
"""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow, QMessageBox, QScrollArea
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.demo.reference import install_demo_reference
from desktop.services.reference import PROVINCE_SITE
from desktop.services.site_profiles import get_profile
from desktop.store.engine import Store
from desktop.store.models import Site
from desktop.ui.common.tables import select_key
from desktop.ui.operations import change_hub
from desktop.ui.site_profiles import install_site_profiles_menu
from desktop.ui.site_profiles.dialog import SiteProfilesDialog
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
# Where the screenshots go when a person wants to look at them (TRAMA_SCREENSHOTS=folder).
SHOTS = os.environ.get("TRAMA_SCREENSHOTS")


def _open(qtbot: QtBot, store: Store) -> SiteProfilesDialog:
    dialog = SiteProfilesDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _shot(qtbot: QtBot, dialog: SiteProfilesDialog, name: str) -> None:
    if SHOTS:
        # The layouts catch up with the messages shown or hidden, one level per event.
        slots = [s for key in dialog.edits if not (s := dialog.registry.slots[key]).message()]
        qtbot.waitUntil(lambda: all(s.height() == s.sizeHint().height() for s in slots))
        # The whole form fits: the scroll bar shown while the dialog was laid out goes.
        bar = dialog.findChild(QScrollArea).verticalScrollBar()
        qtbot.waitUntil(lambda: not bar.isVisible())
        dialog.grab().save(str(Path(SHOTS) / name))


def _row_texts(dialog: SiteProfilesDialog) -> dict[str, list[str]]:
    rows = {}
    for row in range(dialog.table.rowCount()):
        texts = [dialog.table.item(row, column).text() for column in range(3)]
        rows[texts[0]] = texts
    return rows


def test_the_province_edits_a_profile_with_its_logo(
    qtbot: QtBot,
    store: Store,
    italian: None,  # noqa: F811
    tmp_path: Path,
) -> None:
    install_demo_reference(store, site_code=PROVINCE_SITE)
    with store.write() as session:
        luino = session.scalars(select(Site).where(Site.code == "AMB-LUINO")).one()
        luino.dpo_email = luino.dpo_pec = luino.pec = ""
    dialog = _open(qtbot, store)
    assert dialog.editable and dialog.windowTitle() == "Profili degli enti"
    rows = _row_texts(dialog)
    assert rows["Ambito di Saronno (demo)"][1:] == ["Ambito territoriale", "Completo"]
    assert rows["Ambito di Luino (demo)"][2] == "Manca: contatti del DPO"
    assert rows["Provincia di Varese"][2] == "Completo"
    # No site is shown by its code.
    assert not any("AMB-" in text or "CPI-" in text for row in rows.values() for text in row)

    assert select_key(dialog.table, "AMB-SARONNO")
    assert dialog.edits["pec"].text() == "protocollo.saronno@pec.example.org"
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    dialog.edits["pec"].setText("protocollo.saronno@pec")
    assert save.isEnabled() and not dialog.table.isEnabled()  # the list waits for the save

    assert not dialog.save()
    assert "non è un indirizzo valido" in dialog.registry.message("pec")
    _shot(qtbot, dialog, "site-profiles-refused.png")
    assert get_profile(store, "AMB-SARONNO").pec == "protocollo.saronno@pec.example.org"

    logo = tmp_path / "stemma.png"
    output = io.BytesIO()
    Image.new("RGB", (900, 300), "navy").save(output, format="PNG")
    logo.write_bytes(output.getvalue())
    assert dialog.use_logo_file(logo)
    assert not dialog.preview.pixmap().isNull()
    dialog.edits["pec"].setText("protocollo.ambito.saronno@pec.example.org")
    with qtbot.waitSignal(change_hub().changed) as announced:
        assert dialog.save()
    assert announced.args is not None and announced.args[0].reference
    saved = get_profile(store, "AMB-SARONNO")
    assert saved.pec == "protocollo.ambito.saronno@pec.example.org"
    assert saved.logo and Image.open(io.BytesIO(base64.b64decode(saved.logo))).size == (600, 200)
    assert dialog.table.isEnabled() and not save.isEnabled()
    _shot(qtbot, dialog, "site-profiles-province.png")
    with store.read() as session:
        assert session.scalars(select(Site.dirty).where(Site.code == "AMB-SARONNO")).one()

    # A picked file that is no picture is refused beside the preview.
    fake = tmp_path / "finto.png"
    fake.write_text("non sono un'immagine", encoding="utf-8")
    assert not dialog.use_logo_file(fake)
    assert "non è un'immagine PNG o JPEG" in dialog.registry.message("logo")

    dialog.remove_logo()
    assert dialog.save()
    assert get_profile(store, "AMB-SARONNO").logo == ""

    # Discarding puts back what is stored.
    dialog.edits["phone"].setText("0000")
    dialog.revert()
    assert dialog.edits["phone"].text() == get_profile(store, "AMB-SARONNO").phone

    # Closing with unsaved changes asks first; discarding closes without saving.
    dialog.edits["phone"].setText("0332 999999")
    dialog.close()
    assert dialog.isVisible()
    question = dialog.findChild(QMessageBox)
    assert question is not None and "modifiche non salvate" in question.text()
    discard = next(b for b in question.buttons() if b.text() == "Annullare le modifiche")
    discard.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert get_profile(store, "AMB-SARONNO").phone != "0332 999999"


def test_elsewhere_the_same_dialog_is_read_only(
    qtbot: QtBot,
    store: Store,
    italian: None,  # noqa: F811
) -> None:
    install_demo_reference(store, site_code="AMB-SOMMA")
    dialog = _open(qtbot, store)
    assert not dialog.editable
    assert "gestiti dalla Provincia" in dialog.note.text()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    assert all(edit.isReadOnly() for edit in dialog.edits.values())
    assert dialog.choose_button.isHidden() and dialog.remove_button.isHidden()
    assert select_key(dialog.table, "AMB-SOMMA")
    assert dialog.edits["controller_name"].text().startswith("Comune di Somma Lombardo")
    _shot(qtbot, dialog, "site-profiles-read-only.png")
    # Typing is impossible, and saving refuses even if asked directly.
    dialog.edits["pec"].setText("altro@pec.example.org")
    assert not dialog.dirty
    assert not dialog.save()
    assert get_profile(store, "AMB-SOMMA").pec != "altro@pec.example.org"


@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_strumenti_opens_the_dialog_once(
    qtbot: QtBot,
    store: Store,
    italian: None,  # noqa: F811
) -> None:
    install_demo_reference(store, site_code="AMB-SOMMA")
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("Strumenti")
    entry = install_site_profiles_menu(window, store, menu)
    assert entry.action.text() == "Profili degli &enti…"
    entry.action.trigger()
    dialog = entry.dialog
    assert dialog is not None and dialog.isVisible()
    assert entry.open_dialog() is dialog  # brought forward, not opened twice
    dialog.close()
    qtbot.waitUntil(lambda: entry.dialog is None)
