"""The sentences that say why (part of) a referral is read-only, for the editor's banner."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.domain.codes import ReferralStatus
from desktop.ui.labels import label
from desktop.ui.referrals.rights import ReadOnlyReason


class ReadOnlyNotices(QObject):
    """Translated explanations; ``%1`` stands for a name, a status or a restriction's reason."""

    def sentence(
        self,
        reason: ReadOnlyReason,
        *,
        status: ReferralStatus | None = None,
        restriction_reason: str = "",
        sender: str = "",
        job_centre: str = "",
    ) -> str:
        R = ReadOnlyReason
        texts = {
            R.REFERRAL_RESTRICTED: self.tr(
                "Processing of this referral is restricted (GDPR art. 18): it cannot be "
                "changed, exported or printed. Reason: %1"
            ).replace("%1", restriction_reason),
            R.PERSON_RESTRICTED: self.tr(
                "Processing of this person's data is restricted (GDPR art. 18): the referral "
                "cannot be changed, exported or printed. Reason: %1"
            ).replace("%1", restriction_reason),
            R.CPI_CANNOT_CREATE: self.tr(
                "No referral route the Province has set lets this CPI send referrals: they "
                "are created by the offices that send them."
            ),
            R.NOT_A_PARTY: self.tr(
                "This installation is neither the sending office nor the addressed CPI: the "
                "referral is read-only."
            ),
            R.OTHER_SENDER: self.tr(
                "The referral was sent by another office (%1): it is read-only here."
            ).replace("%1", sender),
            R.ALREADY_SENT: self.tr(
                "The referral has been sent: its data can be changed only if the CPI returns it."
            ),
            R.FINAL: self.tr("The referral is closed (%1): it is read-only.").replace(
                "%1", label(status).lower() if status is not None else ""
            ),
            R.SENDER_DATA: self.tr(
                "The referral's data belong to the office that sent it: the CPI records the "
                "taking in charge, the path actions and the outcome."
            ),
            R.OTHER_CPI: self.tr(
                "The referral is addressed to another CPI (%1): it is read-only here."
            ).replace("%1", job_centre),
            R.NOT_RECEIVED: self.tr("Mark the referral as received before taking it in charge."),
        }
        return texts[reason]
