"""Restricting processing (GDPR art. 18), or lifting the restriction, with the reason why.

The dialog calls the service itself on OK, so that a refused reason is shown beside the field
and the dialog stays open; it closes only when the change is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import ServiceError, ValidationError
from desktop.ui.common.window_state import fit_window

REASON_MAX = 500


class RestrictionDialog(QDialog):
    """``apply(reason)`` saves the change; a ``ServiceError`` it raises is shown here."""

    def __init__(
        self,
        *,
        restrict: bool,
        subject: str,
        apply: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._apply = apply
        if restrict:
            self.setWindowTitle(self.tr("Restrict processing"))
            intro = self.tr(
                "Restricting processing (GDPR art. 18) hides %1 from lists and exports and "
                "stops any change, printing and synchronisation until the restriction is lifted."
            )
            ok_text = self.tr("Restrict")
        else:
            self.setWindowTitle(self.tr("Lift restriction"))
            intro = self.tr(
                "Lifting the restriction lets %1 be processed, listed and exported again."
            )
            ok_text = self.tr("Lift restriction")
        text = QLabel(intro.replace("%1", subject), self)
        text.setWordWrap(True)
        caption = QLabel(self.tr("&Reason (required):"), self)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.reason_edit.setPlaceholderText(
            self.tr("For example: request of the person concerned of 12/03/2026, prot. 1234")
        )
        caption.setBuddy(self.reason_edit)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(caption)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        fit_window(self, self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()[:REASON_MAX]

    def accept(self) -> None:
        try:
            self._apply(self.reason())
        except ValidationError as error:
            self._show_error(error.field_errors.get("reason") or str(error))
            return
        except ServiceError as error:
            self._show_error(str(error))
            return
        super().accept()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.reason_edit.setFocus()
