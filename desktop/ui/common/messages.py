"""Messages and dialogs: banners inside forms, non-blocking message boxes and confirmations,
and the form dialog whose OK runs a service call.

Dialogs open window-modal with ``open()`` rather than ``exec()``: nothing blocks, so tests drive
them like a person would."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import ServiceError
from desktop.ui.common.forms import FieldRegistry, make_form
from desktop.ui.common.keyboard import keyboard_ready

ERROR_STYLE = (
    "QLabel { background: #fde8e8; color: #8a1c1c; border: 1px solid #e3a3a3;"
    " border-radius: 3px; padding: 6px; }"
)
WARNING_STYLE = (
    "QLabel { background: #fff4d6; color: #5c4400; border: 1px solid #e5c97a;"
    " border-radius: 3px; padding: 6px; }"
)
INFO_STYLE = (
    "QLabel { background: #e6f0fa; color: #123e66; border: 1px solid #a9c6e3;"
    " border-radius: 3px; padding: 6px; }"
)


class MessageBanner(QLabel):
    """An error, warning or note shown inside a form, with an icon (not colour alone)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show("⚠ " + text, ERROR_STYLE)

    def show_warning(self, text: str) -> None:
        self._show("⚠ " + text, WARNING_STYLE)

    def show_info(self, text: str) -> None:
        self._show("ℹ " + text, INFO_STYLE)

    def _show(self, text: str, style: str) -> None:
        self.setText(text)
        self.setStyleSheet(style)
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def open_modal(dialog: QDialog, on_accepted: Callable[[], None] | None = None) -> QDialog:
    """Show ``dialog`` window-modal without blocking; ``on_accepted`` runs when it is accepted.

    The dialog is deleted once closed; callers that need its values read them in
    ``on_accepted`` (or in the dialog's own ``submit``).
    """
    dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def finished(result: int) -> None:
        try:
            if result == QDialog.DialogCode.Accepted and on_accepted is not None:
                on_accepted()
        finally:
            dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def show_error(parent: QWidget, error: Exception | str) -> QMessageBox:
    """A service's refusal, in its own Italian words, in a non-blocking message box."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Forms", "Trama"),
        str(error),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    open_modal(box)
    return box


def confirm(
    parent: QWidget,
    text: str,
    on_yes: Callable[[], None],
    *,
    yes_text: str | None = None,
    details: Sequence[str] = (),
) -> QMessageBox:
    """Ask before an action that cannot be undone; ``on_yes`` runs on the positive answer."""
    box = QMessageBox(
        QMessageBox.Icon.Question, QCoreApplication.translate("Forms", "Trama"), text, parent=parent
    )
    yes = box.addButton(
        yes_text or QCoreApplication.translate("Forms", "Confirm"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QCoreApplication.translate("Forms", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    if details:
        box.setInformativeText("\n".join(f"• {line}" for line in details))

    def finished(_result: int) -> None:
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(finished)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.finished.connect(lambda _result: box.deleteLater())
    box.open()
    return box


def confirm_then(
    parent: QWidget,
    text: str,
    action: Callable[[], object],
    *,
    then: Callable[[], None],
    yes_text: str,
    details: Sequence[str] = (),
) -> QMessageBox:
    """Ask, then run a service call: a refusal is shown, and ``then`` (a reload) runs anyway,
    since the data may have changed under the view."""

    def on_yes() -> None:
        try:
            action()
        except ServiceError as error:
            show_error(parent, error)
        then()

    return confirm(parent, text, on_yes, yes_text=yes_text, details=details)


def ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """The dialog's OK (saying ``ok_text``) and Cancel, wired to accept and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("Forms", "Cancel")
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class FormDialog(QDialog):
    """A form whose OK runs ``submit``; a refusal is shown inside and the dialog stays open.

    Subclasses fill ``self.form`` and implement ``submit`` (which calls a service and may raise
    ``ServiceError``); ``self.banner`` carries the refusal.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.banner = MessageBanner(self)
        self.form = make_form()
        self.buttons = ok_cancel(self, self.tr("Save"))
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.banner)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.buttons)
        self._keyboard_ready = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._keyboard_ready:  # the form is filled by now: Tab follows its rows
            self._keyboard_ready = True
            keyboard_ready(self)
        super().showEvent(event)

    def submit(self) -> None:
        """Save what the form holds; raise ``ServiceError`` to refuse."""

    def accept(self) -> None:
        try:
            self.submit()
        except ServiceError as error:
            self.banner.show_error(str(error))
            return
        super().accept()


def warning_icon(widget: QWidget) -> QIcon:
    return widget.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label


def show_refusal_in(
    parent: QWidget, banner: MessageBanner, registry: FieldRegistry, error: Exception
) -> None:
    """A dialog's refusal: each field's message beside its field and the rest in its banner; a
    file problem or anything else a service does not word, in a message box."""
    from desktop.services.errors import ValidationError  # noqa: PLC0415
    from desktop.ui.operations import show_refusal  # noqa: PLC0415

    if isinstance(error, ValidationError):
        unplaced = registry.show(error.field_errors)
        if unplaced:
            banner.show_error(" ".join(unplaced.values()))
        else:
            banner.show_error(
                QCoreApplication.translate(
                    "MessageBanner", "Some values need correcting: see the fields."
                )
            )
    elif isinstance(error, ServiceError):
        banner.show_error(str(error))
    else:
        show_refusal(parent, error)
