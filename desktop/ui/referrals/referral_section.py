"""The "Referral" tab: track, who refers, the addressed CPI, reason, urgency, privacy notice,
attachments. The CPI is derived from the comune of residence and may be overridden."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import Track, Urgency
from desktop.services.referrals.records import REASON_MAX, ReferralDetail
from desktop.ui.common.fields import CodeCombo, DateField, set_read_only
from desktop.ui.common.forms import (
    ERROR_COLOUR,
    WARNING_COLOUR,
    FieldRegistry,
    add_row,
    connect_changes,
    make_form,
)
from desktop.ui.common.signals import emit
from desktop.ui.labels import label
from desktop.ui.referrals.context import EditorContext
from desktop.ui.referrals.section_values import TabValues

ATTACHMENT_MAX = 200


@dataclass(frozen=True)
class ReferralValues(TabValues):
    """The "Referral" tab, common to both tracks: fields of ``ReferralInput`` by their names."""

    track: Track = Track.NEET
    referring_service: str = ""
    referring_operator: str = ""
    # The CPI asked for; None: the one competent for the residence (the service derives it).
    job_centre_id: str | None = None
    reason: str = ""
    urgency: Urgency = Urgency.NORMAL
    privacy_notice_on: date | None = None
    attachments: tuple[str, ...] = ()

    @classmethod
    def of(cls, referral: ReferralDetail | None, *, operator_name: str) -> ReferralValues:
        """A new referral is sent by this installation's operator."""
        if referral is None:
            return cls(referring_operator=operator_name)
        return cls.copied(referral)


# Any field: ``_row`` gives back the very widget it placed, with its own type.
W = TypeVar("W", bound=QWidget)


class ReferralSection(QWidget):
    """The sender's common data of a referral, whatever its track."""

    changed = Signal()
    trackChanged = Signal()

    def __init__(self, context: EditorContext, registry: FieldRegistry, page: QWidget) -> None:
        super().__init__(page)
        self._context = context
        self._registry = registry
        self._page = page
        self._competent_id: str | None = None

        who = QGroupBox(self.tr("Sending"))
        form = make_form(who)
        # Only the tracks this site's routes allow (a stored referral's own is added to show it).
        self.track = CodeCombo(Track, optional=False, members=context.sender_tracks or list(Track))
        self._row(form, "track", self.tr("Track"), self.track)
        self.referring_service = self._row(
            form, "referring_service", self.tr("Referring service"), QLineEdit()
        )
        self.referring_service.setPlaceholderText(self.tr("For example: basic social service"))
        self.referring_operator = self._row(
            form, "referring_operator", self.tr("Referring operator"), QLineEdit()
        )
        self.job_centre = QComboBox()
        for centre in context.job_centres:
            self.job_centre.addItem(centre.name, centre.id)
        self._row(form, "job_centre_id", self.tr("Addressed CPI"), self.job_centre)
        self.competent_label = QLabel()
        self.competent_label.setWordWrap(True)
        form.addRow("", self.competent_label)
        self.urgency = CodeCombo(Urgency, optional=False)
        self._row(form, "urgency", self.tr("Urgency"), self.urgency)
        self.privacy_notice_on = DateField(today=context.today)
        self._row(
            form,
            "privacy_notice_on",
            self.tr("Privacy notice handed over on"),
            self.privacy_notice_on,
        )

        reason_box = QGroupBox(self.tr("Reason for the referral"))
        reason_layout = QVBoxLayout(reason_box)
        self.health_warning = QLabel(self.tr("Do not enter diagnoses or health data."))
        self.health_warning.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName(self.tr("Reason for the referral"))
        self.reason.setAccessibleDescription(self.tr("Do not enter diagnoses or health data."))
        self.reason.setMinimumHeight(self.fontMetrics().height() * 7)
        self.reason_counter = QLabel()
        self.reason_counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        reason_layout.addWidget(self.health_warning)
        reason_layout.addWidget(registry.slot("reason", self.reason, page), 1)
        reason_layout.addWidget(self.reason_counter)

        attachments_box = QGroupBox(self.tr("Attachments (names only)"))
        attachments_layout = QVBoxLayout(attachments_box)
        self.attachments = QListWidget()
        self.attachments.setAccessibleName(self.tr("Attachments"))
        self.attachments.setMinimumHeight(self.fontMetrics().height() * 5)
        self.attachment_name = QLineEdit()
        self.attachment_name.setAccessibleName(self.tr("Attachment name"))
        self.attachment_name.setPlaceholderText(self.tr("For example: CV"))
        self.attachment_name.setMaxLength(ATTACHMENT_MAX)
        self.add_attachment_button = QPushButton(self.tr("Add attac&hment"))
        self.remove_attachment_button = QPushButton(self.tr("Remo&ve attachment"))
        row = QHBoxLayout()
        row.addWidget(self.attachment_name, 1)
        row.addWidget(self.add_attachment_button)
        row.addWidget(self.remove_attachment_button)
        attachments_layout.addWidget(registry.slot("attachments", self.attachments, page), 1)
        attachments_layout.addLayout(row)

        right = QVBoxLayout()
        right.addWidget(reason_box, 3)
        right.addWidget(attachments_box, 2)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(12)
        layout.addWidget(who, 1)
        layout.addLayout(right, 1)

        self.reason.textChanged.connect(self._update_counter)
        self.job_centre.currentIndexChanged.connect(lambda _index: self._update_competent_note())
        self.track.valueChanged.connect(self.trackChanged)
        self.add_attachment_button.clicked.connect(self.add_attachment)
        self.attachment_name.returnPressed.connect(self.add_attachment)
        self.remove_attachment_button.clicked.connect(self.remove_attachment)
        connect_changes(self.inputs(), self.changed)
        self._update_counter()

    def _row(self, form: QFormLayout, key: str, text: str, widget: W) -> W:
        add_row(form, self._registry, key, text, widget, page=self._page)
        return widget

    def inputs(self) -> list[QWidget]:
        return [
            self.track, self.referring_service, self.referring_operator, self.job_centre,
            self.urgency, self.privacy_notice_on, self.reason,
        ]  # fmt: skip

    # -- behaviour -----------------------------------------------------------------------------

    def _update_counter(self) -> None:
        length = len(self.reason.toPlainText().strip())
        self.reason_counter.setText(
            self.tr("%1 of %2 characters").replace("%1", str(length)).replace("%2", str(REASON_MAX))
        )
        colour = ERROR_COLOUR if length > REASON_MAX else "palette(placeholder-text)"
        self.reason_counter.setStyleSheet(f"color: {colour};")

    def set_competent(self, job_centre_id: str | None, *, follow: bool) -> None:
        """The CPI competent for the residence; ``follow`` selects it (a new residence)."""
        previous = self._competent_id
        self._competent_id = job_centre_id
        chosen = self.job_centre.currentData()
        if job_centre_id is not None and (follow and (chosen in (None, previous))):
            self.job_centre.setCurrentIndex(self.job_centre.findData(job_centre_id))
        self._update_competent_note()

    def _update_competent_note(self) -> None:
        if self._competent_id is None:
            text = self.tr(
                "The competent CPI cannot be derived from the residence: choose it above."
            )
        elif self.job_centre.currentData() == self._competent_id:
            text = self.tr("Competent CPI for the residence.")
        else:
            text = self.tr("Chosen instead of the CPI competent for the residence (%1).").replace(
                "%1", self._context.job_centre_name(self._competent_id)
            )
        self.competent_label.setText(text)
        self.competent_label.setStyleSheet("color: palette(placeholder-text);")

    def add_attachment(self) -> None:
        name = self.attachment_name.text().strip()
        if not name:
            return
        if name not in self.attachment_names():
            self.attachments.addItem(name)
            emit(self.changed)
        self.attachment_name.clear()

    def remove_attachment(self) -> None:
        row = self.attachments.currentRow()
        if row >= 0:
            self.attachments.takeItem(row)
            emit(self.changed)

    def attachment_names(self) -> tuple[str, ...]:
        return tuple(self.attachments.item(row).text() for row in range(self.attachments.count()))

    # -- data in and out -----------------------------------------------------------------------

    def set_values(self, values: ReferralValues) -> None:
        if self.track.findData(values.track.value) < 0:
            self.track.addItem(label(values.track), values.track.value)
        self.track.set_value(values.track)
        self.referring_service.setText(values.referring_service)
        self.referring_operator.setText(values.referring_operator)
        self.job_centre.setCurrentIndex(self.job_centre.findData(values.job_centre_id))
        self.urgency.set_value(values.urgency)
        self.privacy_notice_on.set_value(values.privacy_notice_on)
        self.reason.setPlainText(values.reason)
        self.attachments.clear()
        self.attachments.addItems(list(values.attachments))

    def values(self) -> ReferralValues:
        return ReferralValues(
            track=self.track.value() or Track.NEET,
            referring_service=self.referring_service.text().strip(),
            referring_operator=self.referring_operator.text().strip(),
            job_centre_id=self._chosen_job_centre(),
            reason=self.reason.toPlainText(),
            urgency=self.urgency.value() or Urgency.NORMAL,
            privacy_notice_on=self.privacy_notice_on.value(),
            attachments=self.attachment_names(),
        )

    def _chosen_job_centre(self) -> str | None:
        """What the sender asks for: None when it is the competent CPI (the service derives it)."""
        chosen = self.job_centre.currentData()
        if chosen is None or chosen == self._competent_id:
            return None
        return str(chosen)

    def set_editable(self, editable: bool) -> None:
        for widget in (
            *self.inputs(),
            self.attachment_name,
            self.add_attachment_button,
            self.remove_attachment_button,
        ):
            if widget in self.inputs():
                set_read_only(widget, not editable)
            else:
                widget.setEnabled(editable)
        self.attachments.setEnabled(True)  # still readable and scrollable
