"""The recovery key, shown when a data folder's store is new (or was just encrypted), until
the user confirms it was kept: printed for the office safe or IT, never left on the PC."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store.engine import Store
from desktop.store.errors import StoreError
from desktop.store.keys import StoreKey
from desktop.store.recovery import confirm_recovery_key_kept
from desktop.ui.common.messages import MessageBanner
from desktop.ui.recovery.key_text import key_font, key_lines
from desktop.ui.recovery.sheet import SHEET_FILE_NAME, SheetPlaceError, build_sheet, print_sheet
from desktop.ui.recovery.sheet import save_sheet as write_sheet

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)


def _paragraph(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class KeepRecoveryKeyDialog(QDialog):
    """Accepted once the user ticked "kept" and pressed Continue: the confirmation is then in
    the store. Closed any other way, the key comes back at the next start."""

    def __init__(
        self, store: Store, data_dir: Path, key: StoreKey, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.data_dir = data_dir
        self.key = key
        self._pdf: bytes | None = None
        self.setWindowTitle(self.tr("Recovery key of the data"))

        heading = QLabel(self.tr("Keep the recovery key of your data"), self)
        heading_font = heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        heading.setFont(heading_font)

        purpose = _paragraph(
            self.tr(
                "The data of Trama on this PC are encrypted. The key that opens them is kept in "
                "your Windows user's keyring, and Trama uses it by itself. It can be lost, "
                "though: a new Windows profile, a reinstalled or repaired PC, the data folder "
                "moved to another place or PC. Trama then asks for this recovery key: without "
                "it nobody can open the data any more."
            ),
            self,
        )

        self.key_label = QLabel(key_lines(key), self)
        self.key_label.setFont(key_font(self.font()))
        self.key_label.setTextFormat(Qt.TextFormat.PlainText)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        self.key_label.setStyleSheet(
            "QLabel { background: #f3f6fa; color: #10243d; border: 1px solid #1f3a5f;"
            " border-radius: 4px; padding: 14px 22px; }"
        )
        fingerprint = QLabel(
            self.tr("Data folder: %1 · key fingerprint %2")
            .replace("%1", str(data_dir))
            .replace("%2", key.fingerprint()),
            self,
        )
        fingerprint.setWordWrap(True)
        fingerprint.setTextFormat(Qt.TextFormat.PlainText)
        fingerprint.setStyleSheet("QLabel { color: #5b6470; }")

        keeping = _paragraph(
            self.tr(
                "Print the sheet and hand it to the office safe or to IT. Never keep it on this "
                "PC (no file, no photo, no e-mail): whoever holds it and a copy of the data "
                "folder can read every person's data."
            ),
            self,
        )

        self.print_button = QPushButton(self.tr("Print the sheet…"), self)
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button = QPushButton(self.tr("Save as PDF…"), self)
        self.save_button.clicked.connect(self.choose_where_to_save)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.print_button)
        sheet_row.addWidget(self.save_button)
        sheet_row.addStretch(1)

        self.banner = MessageBanner(self)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        self.kept = QCheckBox(self.tr("I have kept the recovery key"), self)
        self.buttons = QDialogButtonBox(self)
        self.later_button = self.buttons.addButton(
            self.tr("Remind me at the next start"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.continue_button = self.buttons.addButton(
            self.tr("Continue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        self.kept.toggled.connect(self.continue_button.setEnabled)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(heading)
        layout.addWidget(purpose)
        layout.addSpacing(4)
        layout.addWidget(self.key_label)
        layout.addWidget(fingerprint)
        layout.addSpacing(4)
        layout.addWidget(keeping)
        layout.addLayout(sheet_row)
        layout.addWidget(self.banner)
        layout.addWidget(line)
        layout.addWidget(self.kept)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.key_label.sizeHint().width() + 60)

    def sheet(self) -> bytes:
        if self._pdf is None:
            self._pdf = build_sheet(self.store, self.data_dir, self.key)
        return self._pdf

    # -- printing and saving ------------------------------------------------------------------

    def print_sheet(self) -> None:
        # Qt's printing modules only when printing: they are not needed to start.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # noqa: PLC0415

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the recovery sheet"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        try:
            print_sheet(self.sheet(), printer)
        except Exception as error:  # the printer's own failure: said, and the key still shown
            log.warning("the recovery sheet could not be printed: %s", type(error).__name__)
            self.banner.show_error(
                self.tr("The sheet could not be printed: %1").replace("%1", str(error))
            )
            return False
        self.banner.show_info(
            self.tr(
                "The sheet was sent to the printer. Keep it in the office safe or give it to IT."
            )
        )
        return True

    def choose_where_to_save(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recovery sheet"),
            str(Path(folder) / SHEET_FILE_NAME),
            self.tr("PDF documents (*.pdf)"),
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> Path | None:
        try:
            saved = write_sheet(self.sheet(), path, self.data_dir)
        except SheetPlaceError:
            self.banner.show_error(
                self.tr(
                    "The sheet cannot be saved inside the data folder, beside the data it "
                    "opens: choose another place (a USB stick, IT's folder)."
                )
            )
            return None
        except OSError as error:
            self.banner.show_error(
                self.tr("The file %1 could not be written: %2")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error))
            )
            return None
        self.banner.show_warning(
            self.tr(
                "Saved to %1. Do not leave it on this PC: print it or move it to IT's storage, "
                "then delete the file."
            ).replace("%1", str(saved))
        )
        return saved

    # -- confirming ---------------------------------------------------------------------------

    def confirm(self) -> None:
        if not self.kept.isChecked():
            return
        try:
            confirm_recovery_key_kept(self.store)
        except StoreError as error:
            self.banner.show_error(str(error))
            return
        self.accept()
