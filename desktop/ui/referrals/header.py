"""The top of the editor: number, person, track, who sent it to whom, and the status; and the
sentence that says why (part of) the editor is read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.documents.formatting import fill_date
from desktop.documents.labels import fill_name
from desktop.domain.codes import ReferralStatus
from desktop.services.persons import PersonDetail
from desktop.services.referrals.records import ReferralDetail
from desktop.ui.labels import label
from desktop.ui.referrals.context import EditorContext
from desktop.ui.referrals.notices import ReadOnlyNotices
from desktop.ui.referrals.rights import Rights


class EditorHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(self)
        font = QFont(self.title_label.font())
        if font.pointSizeF() > 0:  # -1 when the font is sized in pixels
            font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setStyleSheet("color: palette(placeholder-text);")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status")
        self.status_label.setStyleSheet(
            "QLabel#status { background: #e8f0fb; color: #123c73; border: 1px solid #9bb7e0; "
            "border-radius: 9px; padding: 2px 10px; font-weight: bold; }"
        )
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(titles, 1)
        layout.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)

    def show_referral(
        self,
        context: EditorContext,
        detail: ReferralDetail | None,
        person: PersonDetail | None,
    ) -> str:
        """Fill the header; returns the title (for the window's own title)."""
        if detail is None:
            title = self.tr("New referral")
            subtitle = fill_name(
                self.tr("From %1"), "%1", context.site_name(context.actor.site_code)
            )
            self.status_label.setText(label(ReferralStatus.DRAFT))
        else:
            title = self.tr("Referral %1").replace("%1", detail.number)
            parts = [
                label(detail.track),
                fill_name(self.tr("from %1"), "%1", context.site_name(detail.sending_site)),
                fill_name(self.tr("to %1"), "%1", context.job_centre_name(detail.job_centre_id)),
            ]
            if detail.created_on:
                parts.append(fill_date(self.tr("created on %1"), "%1", detail.created_on))
            if detail.sent_on:
                parts.append(fill_date(self.tr("sent on %1"), "%1", detail.sent_on))
            subtitle = " · ".join(parts)
            self.status_label.setText(label(detail.status))
        if person is not None:
            title += f" — {person.last_name.upper()} {person.first_name}"
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)
        return title


def read_only_text(
    context: EditorContext,
    rights: Rights,
    detail: ReferralDetail | None,
    person: PersonDetail | None,
) -> str:
    """Every reason this site may not change (part of) the referral, as one paragraph."""
    notices = ReadOnlyNotices()
    restriction = ""
    if detail is not None and detail.restricted:
        restriction = detail.restriction_reason
    elif person is not None:
        restriction = person.restriction_reason
    return " ".join(
        notices.sentence(
            reason,
            status=detail.status if detail else None,
            restriction_reason=restriction,
            sender=context.site_name(detail.sending_site) if detail else "",
            job_centre=context.job_centre_name(detail.job_centre_id) if detail else "",
        )
        for reason in rights.reasons
    )
