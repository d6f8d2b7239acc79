"""Opening referral editors from the main window: one window per referral, brought to the
front when it is already open. The editor's modules are imported on first use, so that the
main window starts without them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QWidget

from desktop.store.engine import Store

if TYPE_CHECKING:
    from desktop.ui.referrals.context import ReferenceData
    from desktop.ui.referrals.editor import ReferralEditor


class EditorLauncher(QObject):
    """Owns the open editors (each announces its commits: ``desktop.ui.operations``)."""

    # An editor's "Print the plan…" (the referral's id), for the main window's printing.
    planPrintRequested = Signal(str)

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        parent_window: QWidget | None = None,
    ) -> None:
        super().__init__(parent_window)
        self._store = store
        self._today = today
        self._window = parent_window
        self._reference: ReferenceData | None = None
        self.editors: list[ReferralEditor] = []
        # "New referral" entries: enabled only where a route lets this site send.
        self._new_entries: list[QAction | QAbstractButton] = []
        self.may_create = True
        self.why_not = ""

    def forget_reference_data(self) -> None:
        """Read the comuni, CPIs, sites and routes again at the next opening (after a sync)."""
        self._reference = None
        self.update_new_entries()

    def govern(self, entry: QAction | QAbstractButton) -> None:
        """Enable ``entry`` (a "New referral" button) only while this site may send."""
        self._new_entries.append(entry)
        self._show_availability(entry)

    def update_new_entries(self, *, may_send: bool | None = None) -> None:
        """Whether this site may create referrals, from its kind and the routes in force
        (``may_send``: already read, off the GUI thread, by the main window's start-up)."""
        if may_send is None:
            from desktop.services.installation import current_actor  # noqa: PLC0415 - when used
            from desktop.services.routes import sendable_tracks  # noqa: PLC0415

            actor = current_actor(self._store)
            may_send = bool(sendable_tracks(self._store, actor.site_kind))
        self.may_create = may_send
        self.why_not = (
            ""
            if self.may_create
            else self.tr(
                "The referral routes the Province has set do not let this office send referrals."
            )
        )
        for entry in self._new_entries:
            self._show_availability(entry)

    def _show_availability(self, entry: QAction | QAbstractButton) -> None:
        entry.setEnabled(self.may_create)
        entry.setToolTip(self.why_not or self.tr("Write a new referral (Ctrl+N)"))

    def open_referral(self, referral_id: str, *, show: bool = True) -> ReferralEditor:
        for editor in self.editors:
            if editor.detail is not None and editor.detail.id == referral_id:
                editor.show()
                editor.raise_()
                editor.activateWindow()
                return editor
        return self._open(referral_id, show=show)

    def new_referral(self) -> ReferralEditor:
        return self._open(None, show=True)

    def request_new_referral(self) -> None:
        """A menu, a button or Ctrl+N: nothing where no route lets this site send."""
        if self.may_create:
            self.new_referral()

    def new_referral_action(self, parent: QObject) -> QAction:
        """ "New referral…" for a menu. The main window's commands give it Ctrl+N, and switch
        the referral list's own Ctrl+N off inside the window (``desktop.ui.shell.commands``):
        two owners of one shortcut would cancel each other out."""
        action = QAction(self.tr("&New referral…"), parent)
        action.triggered.connect(self.request_new_referral)
        self.govern(action)
        return action

    def _open(self, referral_id: str | None, *, show: bool) -> ReferralEditor:
        from desktop.ui.referrals.context import ReferenceData  # noqa: PLC0415 - on first use
        from desktop.ui.referrals.editor import ReferralEditor  # noqa: PLC0415

        if self._reference is None:
            self._reference = ReferenceData.load(self._store)
        editor = ReferralEditor(
            self._store,
            referral_id=referral_id,
            today=self._today,
            reference=self._reference,
            parent=self._window,
        )
        editor.finished.connect(lambda _result, editor=editor: self._forget(editor))
        editor.planPrintRequested.connect(self.planPrintRequested)
        self.editors.append(editor)
        if show:
            editor.show()
        return editor

    def _forget(self, editor: ReferralEditor) -> None:
        if editor in self.editors:
            self.editors.remove(editor)
        editor.deleteLater()
