"""Enrollment with the provincial server: its address and the one-time code from the Province.

The exchange runs in the background (it is a network call); the device token goes only into
the OS keyring (``sync.client.credentials``, through ``enroll``). Without a usable keyring the
dialog says so and how to fix it before the code is typed, and the code is never spent.
"""

from __future__ import annotations

import httpx
from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import SiteKind
from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask
from desktop.ui.common.forms import make_form
from desktop.ui.labels import label
from sync.client import credentials
from sync.client.api import Enrollment, KeyringUnavailableError, SyncError, enroll

SERVER_URL_SETTING = "sync/server_url"  # the last address typed, offered again
_ERROR_STYLE = "color: #b00020;"


class EnrollDialog(QDialog):
    """``enrolled(Enrollment)`` then ``accept()`` once the server has named this PC's site."""

    enrolled = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.result_enrollment: Enrollment | None = None
        self._task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Connect to the provincial server"))

        intro = QLabel(
            self.tr(
                "Enter the address of the provincial server and the one-time enrollment code "
                "received from the Province. The server then tells which site (Ambito, CPI or "
                "Province) this computer works for; the access key is kept in the system "
                "keyring, never in a file."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.url_edit = QLineEdit(str(QSettings().value(SERVER_URL_SETTING, "") or ""), self)
        self.url_edit.setPlaceholderText("https://sync.provincia.va.it")
        self.url_edit.setAccessibleName(self.tr("Server address"))
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText("ABCD-EFGH-JKMN-PQRS")
        self.code_edit.setAccessibleName(self.tr("Enrollment code"))
        form = make_form()
        url_caption = QLabel(self.tr("Server &address:"), self)
        url_caption.setBuddy(self.url_edit)
        code_caption = QLabel(self.tr("Enrollment &code:"), self)
        code_caption.setBuddy(self.code_edit)
        form.addRow(url_caption, self.url_edit)
        form.addRow(code_caption, self.code_edit)

        self.keyring_label = QLabel(self)
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setStyleSheet(_ERROR_STYLE)
        self.keyring_label.hide()
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(_ERROR_STYLE)
        self.error_label.hide()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.busy_label = QLabel(self.tr("Contacting the server…"), self)
        self.busy_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("C&onnect"))
        self.buttons.accepted.connect(self.start_enrollment)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.keyring_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.check_keyring()

    def check_keyring(self) -> bool:
        """Tell at once when there is no keyring: typing the code would be of no use."""
        try:
            credentials.check_keyring()
        except KeyringUnavailableError as error:
            self.keyring_label.setText(str(error))
            self.keyring_label.show()
            self.connect_button.setEnabled(False)
            return False
        self.keyring_label.hide()
        self.connect_button.setEnabled(True)
        return True

    @property
    def busy_now(self) -> bool:
        return self._task is not None

    def start_enrollment(self) -> None:
        if self._task is not None or not self.check_keyring():
            return
        store, url, code = self.store, self.url_edit.text().strip(), self.code_edit.text()
        if not url:
            self._show_error(self.tr("Enter the address of the provincial server."))
            return
        self.error_label.hide()
        self._set_busy(True)

        def job(_cancelled: object, _progress: object) -> Enrollment:
            return enroll(store, server_url=url, code=code)

        self._task = BackgroundTask(job, parent=self)
        self._task.finished.connect(self._on_enrolled)
        self._task.failed.connect(self._on_failed)
        self._task.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.url_edit.setEnabled(not busy)
        self.code_edit.setEnabled(not busy)
        self.connect_button.setEnabled(not busy)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _on_enrolled(self, result: object) -> None:
        assert isinstance(result, Enrollment)
        self._task = None
        self._set_busy(False)
        QSettings().setValue(SERVER_URL_SETTING, result.server_url)
        self.result_enrollment = result
        self.enrolled.emit(result)
        self.accept()

    def _on_failed(self, error: object) -> None:
        self._task = None
        self._set_busy(False)
        if isinstance(error, httpx.InvalidURL):  # typed by a person: not a bug
            self._show_error(
                self.tr("The server address is not valid: %1").replace("%1", str(error))
            )
            return
        if not isinstance(error, SyncError | OSError):
            raise error  # type: ignore[misc]  # a bug: for the crash handler
        if isinstance(error, KeyringUnavailableError):
            self.check_keyring()
        self._show_error(str(error))

    def reject(self) -> None:
        if self._task is not None:
            return  # the code may be spent already: wait for the server's answer
        super().reject()


def enrollment_summary(enrollment: Enrollment) -> str:
    """ "Sede: Ambito di Somma Lombardo (AMB-SOMMA), Ambito territoriale" in the UI's language."""
    try:
        kind = label(SiteKind(enrollment.site_kind))
    except ValueError:
        kind = enrollment.site_kind
    return f"{enrollment.site_name}, {kind}"
