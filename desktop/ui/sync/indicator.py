"""The status bar's sync indicator: offline / in corso / aggiornato alle HH:MM / N modifiche da
inviare / N conflitti / N record messi da parte, a progress bar while a sync runs, and
"Sincronizza ora" (or "Annulla")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QToolButton, QWidget

from desktop.documents.formatting import fill_date

if TYPE_CHECKING:  # the client engine is imported after the first paint (see area.py)
    from sync.client.api import SyncProgress, SyncStatus

# Outcomes of a failed last sync that are not "offline": shown as a failure with its message.
_FAILED = frozenset(
    {"server_error", "refused", "unauthorized", "keyring", "not_enrolled", "failed"}
)


@dataclass(frozen=True)
class IndicatorState:
    text: str
    tooltip: str
    offline: bool = False
    conflicts: int = 0
    set_aside: int = 0

    @property
    def warning(self) -> bool:
        """Something a person should look at: shown in the warning colour."""
        return self.offline or bool(self.conflicts) or bool(self.set_aside)


def indicator_state(
    status: SyncStatus | None,
    *,
    running: bool,
    progress: SyncProgress | None = None,
    error: Exception | None = None,
    now: datetime | None = None,
) -> IndicatorState:
    """What the indicator says: the state first, then what is waiting (changes, conflicts,
    records received but set aside).

    ``error``: why the last sync of this session failed, when it failed before it could write
    its line in the sync log (no keyring, no token).
    """
    if status is None or not status.enrolled:
        return IndicatorState(
            QCoreApplication.translate("SyncIndicator", "Not connected to the server"),
            QCoreApplication.translate(
                "SyncIndicator",
                "This computer is not enrolled with the provincial server: click to enroll.",
            ),
        )
    parts: list[str] = []
    tooltip = status.last_message
    offline = False
    outcome = status.last_outcome
    if error is not None:
        outcome = getattr(error, "outcome", "failed")
        tooltip = str(error)
    if running:
        parts.append(QCoreApplication.translate("SyncIndicator", "Synchronising…"))
        tooltip = progress.message if progress is not None else ""
    elif outcome == "offline":
        offline = True
        parts.append(QCoreApplication.translate("SyncIndicator", "Offline"))
    elif outcome in _FAILED:
        parts.append(QCoreApplication.translate("SyncIndicator", "Synchronisation failed"))
    elif status.last_success_at is not None:
        parts.append(updated_text(status.last_success_at, now or datetime.now().astimezone()))
    else:
        parts.append(QCoreApplication.translate("SyncIndicator", "Never synchronised"))
    if status.pending_changes:
        parts.append(
            QCoreApplication.translate(
                "SyncIndicator", "%n change(s) to send", None, status.pending_changes
            )
        )
    if status.open_conflicts:
        parts.append(
            QCoreApplication.translate(
                "SyncIndicator", "%n conflict(s)", None, status.open_conflicts
            )
        )
    set_aside = status.set_aside_records
    if set_aside:
        parts.append(
            QCoreApplication.translate("SyncIndicator", "%n record(s) set aside", None, set_aside)
        )
        # The count alone does not say that nothing is lost nor where to look: the tooltip does.
        explanation = QCoreApplication.translate(
            "SyncIndicator",
            "%n record(s) received from the server could not be saved on this computer: "
            "they are tried again at every synchronisation. The reason is in "
            "Synchronisation > Synchronisation log.",
            None,
            set_aside,
        )
        tooltip = f"{tooltip}\n\n{explanation}" if tooltip else explanation
    return IndicatorState(" · ".join(parts), tooltip, offline, status.open_conflicts, set_aside)


def updated_text(last_success: datetime, now: datetime) -> str:
    """ "Aggiornato alle 10:42" today, with the day when it was another day."""
    local = last_success.astimezone(now.tzinfo)
    if local.date() == now.date():
        return QCoreApplication.translate("SyncIndicator", "Updated at %1").replace(
            "%1", local.strftime("%H:%M")
        )
    text = QCoreApplication.translate("SyncIndicator", "Updated on %1 at %2")
    return fill_date(text, "%1", local.date(), local.strftime("%d/%m")).replace(
        "%2", local.strftime("%H:%M")
    )


class SyncIndicator(QWidget):
    """``clicked`` on the state, ``syncRequested`` / ``cancelRequested`` on the button."""

    clicked = Signal()
    syncRequested = Signal()
    cancelRequested = Signal()

    def __init__(
        self,
        *,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._status: SyncStatus | None = None
        self._running = False
        self._progress: SyncProgress | None = None
        self._error: Exception | None = None
        self.state = indicator_state(None, running=False)

        self.state_button = QToolButton(self)
        self.state_button.setObjectName("syncState")
        self.state_button.setAutoRaise(True)
        self.state_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.state_button.clicked.connect(self.clicked)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setMaximumWidth(self.fontMetrics().averageCharWidth() * 14)
        self.progress_bar.setMaximumHeight(self.fontMetrics().height())
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(self.tr("Synchronisation progress"))
        self.progress_bar.hide()
        self.action_button = QToolButton(self)
        self.action_button.setObjectName("syncNow")
        self.action_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.action_button.clicked.connect(self._on_action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self.state_button)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.action_button)
        self._show()

    def set_status(self, status: SyncStatus) -> None:
        self._status = status
        self._show()

    def set_error(self, error: Exception | None) -> None:
        self._error = error
        self._show()

    def set_running(self, running: bool) -> None:
        self._running = running
        self._progress = None
        self.progress_bar.setVisible(running)
        self.progress_bar.setRange(0, 0)  # busy until a stage knows its total
        self._show()

    def set_progress(self, progress: SyncProgress) -> None:
        self._progress = progress
        if progress.total:
            self.progress_bar.setRange(0, progress.total)
            self.progress_bar.setValue(min(progress.done, progress.total))
        else:
            self.progress_bar.setRange(0, 0)
        self._show()

    def text(self) -> str:
        return self.state.text

    def _on_action(self) -> None:
        if self._running:
            self.cancelRequested.emit()
        else:
            self.syncRequested.emit()

    def _show(self) -> None:
        self.state = indicator_state(
            self._status,
            running=self._running,
            progress=self._progress,
            error=self._error,
            now=self._now(),
        )
        self.state_button.setText(self.state.text)
        self.state_button.setToolTip(self.state.tooltip)
        self.state_button.setAccessibleName(self.state.text)
        colour = "#b00020" if self.state.warning else ""
        self.state_button.setStyleSheet(f"color: {colour};" if colour else "")
        enrolled = self._status is not None and self._status.enrolled
        self.action_button.setVisible(enrolled)
        if self._running:
            self.action_button.setText(self.tr("Cancel"))
            self.action_button.setToolTip(self.tr("Stop the synchronisation in progress"))
        else:
            self.action_button.setText(self.tr("Synchronise now"))
            self.action_button.setToolTip(
                self.tr("Exchange changes with the provincial server now (F9)")
            )
