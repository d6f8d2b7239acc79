"""The "Sincronizzazione" page: this PC's enrollment and state, the automatic schedule, the
conflicts screen and the sync log."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import SiteKind
from desktop.store.engine import Store
from desktop.ui.common.forms import make_form
from desktop.ui.labels import label
from desktop.ui.sync.conflicts_view import ConflictsView
from desktop.ui.sync.controller import interval_minutes
from desktop.ui.sync.log_view import SyncLogView
from sync.client.api import SyncProgress, SyncStatus

TAB_CONFLICTS = 0
TAB_LOG = 1


class SyncPage(QWidget):
    """Layout and display only: ``SyncArea`` connects its buttons to the controller."""

    intervalChanged = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._error: Exception | None = None
        state_box = QGroupBox(self.tr("Provincial server"), self)
        self.server_label = QLabel(state_box)
        self.site_label = QLabel(state_box)
        self.last_label = QLabel(state_box)
        self.pending_label = QLabel(state_box)
        self.message_label = QLabel(state_box)
        self.message_label.setWordWrap(True)
        for value in (self.server_label, self.site_label, self.message_label):
            value.setWordWrap(True)
        form = make_form(state_box)
        form.addRow(self.tr("Server:"), self.server_label)
        form.addRow(self.tr("Site:"), self.site_label)
        form.addRow(self.tr("Last synchronisation:"), self.last_label)
        form.addRow(self.tr("Waiting:"), self.pending_label)
        form.addRow(self.tr("Last result:"), self.message_label)

        self.enroll_button = QPushButton(self.tr("C&onnect to the provincial server…"), self)
        self.sync_button = QPushButton(self.tr("&Synchronise now"), self)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"), self)
        self.cancel_button.hide()
        self.interval_spin = QSpinBox(self)
        self.interval_spin.setRange(0, 240)
        self.interval_spin.setValue(interval_minutes())
        self.interval_spin.setSpecialValueText(self.tr("never"))
        self.interval_spin.setSuffix(self.tr(" min"))
        self.interval_spin.setAccessibleName(self.tr("Automatic synchronisation every"))
        self.interval_spin.valueChanged.connect(self.intervalChanged)
        interval_caption = QLabel(self.tr("&Automatically every:"), self)
        interval_caption.setBuddy(self.interval_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enroll_button)
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(interval_caption)
        buttons.addWidget(self.interval_spin)

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(False)
        self.progress_label = QLabel(self)
        self.progress_bar.hide()
        self.progress_label.hide()

        self.tabs = QTabWidget(self)
        self.conflicts = ConflictsView(store, self.tabs)
        self.log_view = SyncLogView(store, self.tabs)
        self.tabs.insertTab(TAB_CONFLICTS, self.conflicts, self.tr("Conflicts"))
        self.tabs.insertTab(TAB_LOG, self.log_view, self.tr("Synchronisation log"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(state_box)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.tabs, 1)

    def show_status(self, status: SyncStatus) -> None:
        enrolled = status.enrolled
        self.enroll_button.setVisible(not enrolled)
        self.sync_button.setEnabled(enrolled)
        self.interval_spin.setEnabled(enrolled)
        if not enrolled:
            self.server_label.setText(self.tr("not connected: enroll this computer first"))
            self.site_label.setText("—")
        else:
            self.server_label.setText(status.server_url)
            try:
                kind = label(SiteKind(status.site_kind))
            except ValueError:
                kind = status.site_kind
            self.site_label.setText(f"{status.site_name} — {kind}")
        self.last_label.setText(
            _when(status.last_success_at) if status.last_success_at else self.tr("never")
        )
        waiting = [
            self.tr("%n change(s) to send", "", status.pending_changes),
            self.tr("%n conflict(s) to resolve", "", status.open_conflicts),
        ]
        if status.set_aside_records:
            waiting.append(
                self.tr("%n record(s) received and set aside", "", status.set_aside_records)
            )
        self.pending_label.setText(", ".join(waiting))
        if status.set_aside_records != self.log_view.set_aside_model.rowCount():
            # The status is read after every sync and every few seconds; the list only when
            # what it shows is out of date.
            self.log_view.reload_set_aside()
        message = str(self._error) if self._error is not None else status.last_message
        self.message_label.setText(message or "—")
        self.tabs.setTabText(
            TAB_CONFLICTS,
            self.tr("Conflicts (%1)").replace("%1", str(status.open_conflicts))
            if status.open_conflicts
            else self.tr("Conflicts"),
        )
        # The indicator sends people here for the records set aside: the tab says so too.
        self.tabs.setTabText(
            TAB_LOG,
            self.tr("Synchronisation log (%n set aside)", "", status.set_aside_records)
            if status.set_aside_records
            else self.tr("Synchronisation log"),
        )

    def show_error(self, error: Exception | None) -> None:
        """Why the last sync failed (also when it failed before writing to the log)."""
        self._error = error
        if error is not None:
            self.message_label.setText(str(error))

    def set_running(self, running: bool) -> None:
        self.sync_button.setVisible(not running)
        self.cancel_button.setVisible(running)
        self.progress_bar.setVisible(running)
        self.progress_label.setVisible(running)
        self.progress_bar.setRange(0, 0)
        self.progress_label.setText(self.tr("Synchronising…"))

    def show_progress(self, progress: SyncProgress) -> None:
        self.progress_label.setText(progress.message)
        if progress.total:
            self.progress_bar.setRange(0, progress.total)
            self.progress_bar.setValue(min(progress.done, progress.total))
        else:
            self.progress_bar.setRange(0, 0)

    def reload(self) -> None:
        """Read the conflicts and the log again (after a sync or a resolution)."""
        self.conflicts.refresh()
        self.log_view.reload()


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")
