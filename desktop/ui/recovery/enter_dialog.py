"""Asking for the recovery key at start, when the keyring has no key for the data folder or
one that does not open it: a typo or a wrong key is said beside the field and changes
nothing; the right key goes back into the keyring (``desktop.store.recovery``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.store.errors import StoreError, WrongKeyError
from desktop.store.keys import StoreKey
from desktop.store.recovery import recover_folder
from desktop.ui.common.messages import MessageBanner
from desktop.ui.recovery.key_text import TYPED_SIZE_FACTOR, key_font

# What a person might paste: the key with spaces or dashes, never much more.
MAX_TYPED = 200


class EnterRecoveryKeyDialog(QDialog):
    """Accepted once the typed key opened the folder and was put back in the keyring
    (``recovered`` holds it); rejected means: quit Trama."""

    def __init__(self, data_dir: Path, problem: StoreError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.recovered: StoreKey | None = None
        self.setWindowTitle(self.tr("Trama: recovery key needed"))

        if isinstance(problem, WrongKeyError):
            headline = self.tr("The key kept on this PC does not open the data")
        else:
            headline = self.tr("The key of the data is not on this PC")
        heading = QLabel(headline, self)
        heading_font = heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        heading.setFont(heading_font)

        explanation = QLabel(
            self.tr(
                "The data of Trama are encrypted, and the key kept in this Windows user's "
                "keyring is missing or does not open them. This happens with a new Windows "
                "profile, a reinstalled PC or a data folder moved elsewhere. Type the recovery "
                "key printed when the data folder was created: the sheet kept in the office "
                "safe or by IT. Nothing is changed until the key is proven to open the data."
            ),
            self,
        )
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.PlainText)
        folder = QLabel(self.tr("Data folder: %1").replace("%1", str(data_dir)), self)
        folder.setWordWrap(True)
        folder.setTextFormat(Qt.TextFormat.PlainText)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setStyleSheet("QLabel { color: #5b6470; }")

        field_label = QLabel(self.tr("&Recovery key (56 characters, as on the sheet):"), self)
        self.key_field = QLineEdit(self)
        self.key_field.setFont(key_font(self.font(), TYPED_SIZE_FACTOR))
        self.key_field.setMaxLength(MAX_TYPED)
        self.key_field.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.key_field.setAccessibleName(self.tr("Recovery key"))
        field_label.setBuddy(self.key_field)
        hint = QLabel(self.tr("Upper or lower case, spaces and dashes do not matter."), self)
        hint.setStyleSheet("QLabel { color: #5b6470; }")

        self.banner = MessageBanner(self)

        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton(
            self.tr("Open the data"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button = self.buttons.addButton(
            self.tr("Quit Trama"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.open_button.setDefault(True)
        self.open_button.setEnabled(False)
        self.key_field.textChanged.connect(self._typed)
        self.buttons.accepted.connect(self.try_key)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(folder)
        layout.addSpacing(4)
        layout.addWidget(field_label)
        layout.addWidget(self.key_field)
        layout.addWidget(hint)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # The whole key (69 characters with its dashes) visible in the field.
        key_width = self.key_field.fontMetrics().horizontalAdvance("W" * 72)
        self.setMinimumWidth(max(key_width + 40, self.fontMetrics().averageCharWidth() * 90))

    def _typed(self, text: str) -> None:
        self.open_button.setEnabled(bool(text.strip()))

    def try_key(self) -> None:
        """Prove the typed key on the folder; said inline if it does not open it."""
        text = self.key_field.text()
        if not text.strip():
            return
        try:
            self.recovered = recover_folder(self.data_dir, text)
        except StoreError as error:
            self.banner.show_error(str(error))
            self.key_field.setFocus()
            self.key_field.selectAll()
            return
        self.accept()
