"""A referral editor opened, saved and closed is destroyed, with nothing of it kept by the
launcher (the soak of issue 20 opens and saves thousands in a day)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.store.engine import Store
from desktop.store.models import Referral
from desktop.ui.referrals.launcher import EditorLauncher
from tests.ui.codesign_support import (
    OFFSCREEN_DIALOG_NOTICE,
    TODAY,
    build_seeded_database,
    copied_store,
)

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_DIALOG_NOTICE)


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Store]:
    database = build_seeded_database(tmp_path / "seeded")
    (tmp_path / "copy").mkdir()
    with copied_store(database, tmp_path / "copy" / "data") as store:
        yield store


def test_an_editor_saved_and_closed_is_destroyed(qtbot: QtBot, seeded: Store) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    launcher = EditorLauncher(seeded, today=lambda: TODAY, parent_window=window)
    with seeded.read() as session:
        ids = [str(referral_id) for referral_id in session.scalars(select(Referral.id))]
    saved = 0
    for referral_id in ids:
        editor = launcher.open_referral(referral_id, show=False)
        reason = editor.referral.reason
        if editor.rights.edit_data and reason.isEnabled() and not reason.isReadOnly():
            reason.setPlainText(reason.toPlainText() + " (rivisto)")
            editor.save_button.click()
            assert not editor.dirty
            saved += 1
        gone: list[bool] = []
        editor.destroyed.connect(lambda _object=None, gone=gone: gone.append(True))
        editor.reject()
        # Deleted later: once control is back in the event loop.
        qtbot.waitUntil(lambda gone=gone: bool(gone), timeout=2000)
        assert launcher.editors == []
        if saved:
            break
    assert saved == 1, "the demo should give this site a referral to change"
    assert window.findChildren(QWidget) == []
