"""The explicit confirmation before an anonymisation: what goes, what stays, that it cannot be
undone and that it reaches the server and the other sites; nothing runs until it is ticked."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.messages import WARNING_STYLE


class ConfirmAnonymisation(QDialog):
    """Accepted only with the confirmation ticked; Cancel is the default button."""

    def __init__(
        self, *, referrals: int, persons: int, held: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Anonymise the selected records"))
        total = referrals + persons
        heading = QLabel(self.tr("Anonymise %1?").replace("%1", counted(referrals, persons)), self)
        font = heading.font()
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        heading.setWordWrap(True)

        points = [
            self.tr(
                "<b>Removed:</b> names, codici fiscali and the other identifiers, contacts "
                "(phone, e-mail, address) and every free text (reasons, notes, descriptions)."
            ),
            self.tr(
                "<b>Kept:</b> codes, outcomes and dates to the month, so that the Province's "
                "statistics and monitoring stay right."
            ),
            self.tr(
                "<b>It cannot be undone:</b> the removed data cannot be brought back from Trama."
            ),
            self.tr(
                "<b>Everywhere:</b> the anonymisation travels with the next synchronisation to "
                "the provincial server and to the other sites that hold these records."
            ),
        ]
        if held:
            points.append(
                self.tr(
                    "%n record(s) under restriction of processing (GDPR art. 18) are not "
                    "anonymised and stay as they are.",
                    "",
                    held,
                )
            )
        body = QLabel("<ul>" + "".join(f"<li>{point}</li>" for point in points) + "</ul>", self)
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setWordWrap(True)
        warning = QLabel("⚠ " + self.tr("This cannot be undone."), self)
        warning.setStyleSheet(WARNING_STYLE)

        self.tick = QCheckBox(
            self.tr(
                "I have checked the list and I confirm the anonymisation of %n record(s).",
                "",
                total,
            ),
            self,
        )
        buttons = QDialogButtonBox(self)
        self.anonymise_button = QPushButton(self.tr("Anonymise"), self)
        self.anonymise_button.setEnabled(False)
        self.anonymise_button.setAutoDefault(False)
        buttons.addButton(self.anonymise_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Cancel"))
        # Enter must never anonymise: Cancel is the default.
        self.cancel_button.setDefault(True)
        self.tick.toggled.connect(self.anonymise_button.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(warning)
        layout.addWidget(self.tick)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def accept(self) -> None:
        if not self.tick.isChecked():
            return
        super().accept()


def counted(referrals: int, persons: int) -> str:
    """ "12 segnalazioni e 3 persone", or one of the two when the other is none."""
    referral_text = QCoreApplication.translate("Retention", "%n referral(s)", "", referrals)
    person_text = QCoreApplication.translate("Retention", "%n person(s)", "", persons)
    if referrals and persons:
        return (
            QCoreApplication.translate("Retention", "%1 and %2")
            .replace("%1", referral_text)
            .replace("%2", person_text)
        )
    if persons:
        return person_text
    return referral_text
