"""A coloured strip with one message inside a window: info, warning or error.

The kind shows in an icon as well as in the colour (colour alone says nothing to everyone), and
the strip is named for screen readers by its kind and its text. Every area uses this one:
the referral editor's read-only note and its returned/rejected reason, errors in dialogs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget


class Banner(QFrame):
    """One message, hidden while it has none; ``title`` (optional) is set in bold above it."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    # background, border, text: each text colour is above 7:1 on its background (WCAG AAA).
    _STYLES = {  # noqa: RUF012 - constant look-up, never mutated
        INFO: ("#e8f0fb", "#9bb7e0", "#123c73"),
        WARNING: ("#fff4d6", "#e0b84f", "#5c4100"),
        ERROR: ("#fde7e9", "#e39aa1", "#7a0d18"),
    }
    _ICONS = {INFO: "ℹ", WARNING: "⚠", ERROR: "⚠"}  # noqa: RUF012 - constant look-up

    def __init__(self, kind: str = INFO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        background, border, text = self._STYLES[kind]
        self.setObjectName("banner")
        self.setStyleSheet(
            f"QFrame#banner {{ background: {background}; border: 1px solid {border}; "
            f"border-radius: 4px; }} QFrame#banner QLabel {{ color: {text}; }}"
        )
        self.icon = QLabel(self._ICONS[kind], self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.hide()
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts = QVBoxLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        texts.setSpacing(2)
        texts.addWidget(self.title)
        texts.addWidget(self.label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)
        self.hide()

    def _kind_name(self) -> str:
        return {
            self.INFO: self.tr("Note"),
            self.WARNING: self.tr("Warning"),
            self.ERROR: self.tr("Error"),
        }[self.kind]

    def show_message(self, text: str, title: str = "") -> None:
        """Show ``text`` (with ``title`` above it); an empty text hides the banner."""
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self.label.setText(text)
        spoken = " ".join(part for part in (title, text) if part)
        self.setAccessibleName(f"{self._kind_name()}: {spoken}" if spoken else "")
        self.setVisible(bool(text))

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def heading(self) -> str:
        return "" if self.isHidden() else self.title.text()
