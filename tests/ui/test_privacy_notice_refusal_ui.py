"""A privacy notice whose controller's profile is incomplete: a message, not a crash, and
nothing previewed, printed or recorded."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desktop.documents import DocumentType
from desktop.services.documents import list_issued_documents
from desktop.store.engine import Store
from desktop.store.models import Site
from desktop.ui.documents import show_document_preview
from tests.documents_records import make_records

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_an_incomplete_profile_gets_a_message_instead_of_a_preview(
    qtbot: QtBot, store: Store
) -> None:
    records = make_records(store)
    with store.write() as session:
        session.execute(update(Site).where(Site.code == "AMB-VA").values(dpo_email="", dpo_pec=""))
    for record_id in (records.referral_id, ""):
        preview = show_document_preview(
            None, store, records.actor, DocumentType.PRIVACY_NOTICE, record_id
        )
        assert preview is None
    boxes = [
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMessageBox")
    ]
    assert len(boxes) == 2
    for box in boxes:
        text = box.text()  # type: ignore[attr-defined]
        assert text.startswith("Impossibile stampare l'informativa: nel profilo di «Ambito di")
        assert "Responsabile della protezione dei dati" in text
        box.close()
    assert list_issued_documents(store) == []
    # The referral form is no privacy notice: still previewed.
    form = show_document_preview(
        None, store, records.actor, DocumentType.REFERRAL_FORM, records.referral_id
    )
    assert form is not None
    qtbot.addWidget(form)
