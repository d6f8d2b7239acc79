"""The meeting editor's Print button: previews of the agenda, the minutes and the attendance
sheet, and the agenda with the attendance sheet printed together (before the meeting, staff
bring both to the table).

The documents area (QtPdf, ReportLab) loads only when one of these actions runs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from desktop.services.installation import current_actor
from desktop.store.engine import Store

# Codes of ``desktop.documents.DocumentType``, kept as text so that building the editor does not
# import the documents package.
AGENDA = "agenda"
MINUTES = "minutes"
ATTENDANCE_SHEET = "attendance_sheet"


def documents_available() -> bool:
    """Whether the printed-documents area is part of this build."""
    try:
        import desktop.documents  # noqa: PLC0415
        import desktop.ui.documents  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


class MeetingPrinting(QObject):
    """A "Print" push button with a menu of the meeting's documents.

    ``meeting_id`` returns the id of the meeting on screen ("" when none); ``before_print``
    saves what was typed and not yet saved, so that the documents show it (False: stop).
    """

    def __init__(
        self,
        store: Store,
        meeting_id: Callable[[], str],
        before_print: Callable[[], bool],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.meeting_id = meeting_id
        self.before_print = before_print
        self.owner = parent
        self.batch: QObject | None = None  # the running (or last) BatchPrint

        self.agenda_action = self._action(
            self.tr("Preview agenda"),
            self.tr("The notice of meeting with its agenda, as it will be printed"),
            lambda: self.preview(AGENDA),
        )
        self.minutes_action = self._action(
            self.tr("Preview minutes"),
            self.tr("The minutes as they will be printed (marked DRAFT until approved)"),
            lambda: self.preview(MINUTES),
        )
        self.attendance_action = self._action(
            self.tr("Preview attendance sheet"),
            self.tr("The sheet the participants sign, with the invitees and blank rows"),
            lambda: self.preview(ATTENDANCE_SHEET),
        )
        self.batch_action = self._action(
            self.tr("Print agenda and attendance sheet…"),
            self.tr("Print the agenda and the attendance sheet together, choosing the printer"),
            self.print_agenda_and_attendance,
        )

        self.menu = QMenu(parent)
        self.menu.setAccessibleName(self.tr("Meeting documents"))
        self.menu.setToolTipsVisible(True)
        for action in (self.agenda_action, self.minutes_action, self.attendance_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.batch_action)

        self.button = QPushButton(self.tr("Print"), parent)
        self.button.setMenu(self.menu)
        self.button.setAccessibleName(self.tr("Print the meeting's documents"))
        shortcut = QKeySequence(QKeySequence.StandardKey.Print)
        self.button.setToolTip(
            self.tr("Previews and printing of the meeting's documents (%1)").replace(
                "%1", shortcut.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        # Ctrl+P opens the menu from anywhere in the editor; arrows and Enter pick a document.
        self.shortcut = QShortcut(shortcut, parent)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.activated.connect(self._open_menu)
        self.set_enabled(False)

    def _action(self, text: str, tip: str, run: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: run())
        return action

    def set_enabled(self, enabled: bool) -> None:
        self.button.setEnabled(enabled)
        for action in self.document_actions():
            action.setEnabled(enabled)
        self.shortcut.setEnabled(enabled)

    def document_actions(self) -> tuple[QAction, ...]:
        return (self.agenda_action, self.minutes_action, self.attendance_action, self.batch_action)

    def _open_menu(self) -> None:
        if self.button.isVisible() and self.button.isEnabled():
            self.button.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.button.showMenu()

    def preview(self, code: str) -> object:
        """Open the preview of one of the meeting's documents (None if nothing was shown)."""
        record_id = self.meeting_id()
        if not record_id or not self.before_print():
            return None
        from desktop.documents import DocumentType  # noqa: PLC0415 - ReportLab on demand
        from desktop.ui.documents import actions  # noqa: PLC0415 - QtPdf on demand

        return actions.show_document_preview(
            self.owner, self.store, current_actor(self.store), DocumentType(code), record_id
        )

    def print_agenda_and_attendance(self) -> object:
        """Print the agenda and the attendance sheet as one job, off the GUI thread."""
        record_id = self.meeting_id()
        running = self.batch is not None and bool(getattr(self.batch, "running", False))
        if not record_id or running or not self.before_print():
            return None
        from desktop.ui.documents import actions  # noqa: PLC0415 - QtPdf on demand

        self.batch = actions.print_meeting_batch(
            self.owner, self.store, current_actor(self.store), record_id
        )
        return self.batch
