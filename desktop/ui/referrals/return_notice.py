"""The banner on the editor's first tab of a referral the CPI returned or rejected.

The reason used to be only in the Timeline, the last tab; the sender reads it here first: who
answered, when, why, and what to do next.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain.codes import ReferralStatus
from desktop.services.referrals.records import EventRow, ReferralDetail
from desktop.ui.common.banner import Banner
from desktop.ui.referrals.timeline import local_time

S = ReferralStatus
ANSWERED = (S.RETURNED, S.NOT_RELEVANT)


def last_answer(detail: ReferralDetail | None) -> EventRow | None:
    """The event that returned or rejected the referral, if that is where it stands."""
    if detail is None or detail.status not in ANSWERED:
        return None
    for event in reversed(detail.events):
        if event.to_status is detail.status:
            return event
    return None


def show_return_notice(
    banner: Banner,
    detail: ReferralDetail | None,
    site_names: dict[str, str],
    *,
    may_resend: bool = True,
) -> None:
    """Fill ``banner`` for a returned or rejected referral; hide it for any other.

    ``may_resend``: this site is the sender, who corrects and sends a returned referral; any
    other site reads that the sender is expected to."""
    event = last_answer(detail)
    if detail is None or event is None:
        banner.show_message("")
        return
    who = event.operator or QCoreApplication.translate("ReturnNotice", "an operator")
    site = site_names.get(event.site, event.site)
    by = f"{who} ({site})" if site else who
    reason = event.note.strip() or QCoreApplication.translate(
        "ReturnNotice", "No reason was written."
    )
    if detail.status is S.RETURNED:
        title = QCoreApplication.translate("ReturnNotice", "Returned by {by} on {at}").format(
            by=by, at=local_time(event.at)
        )
        next_step = (
            QCoreApplication.translate(
                "ReturnNotice", "Correct what is asked and send the referral again."
            )
            if may_resend
            else QCoreApplication.translate(
                "ReturnNotice", "The sending office is expected to correct it and send it again."
            )
        )
    else:
        title = QCoreApplication.translate(
            "ReturnNotice", "Rejected as not relevant by {by} on {at}"
        ).format(by=by, at=local_time(event.at))
        next_step = QCoreApplication.translate(
            "ReturnNotice",
            "The referral is closed: for the same person, prepare a new referral if needed.",
        )
    text = (
        QCoreApplication.translate("ReturnNotice", "Reason: {reason}").format(reason=reason)
        + "\n"
        + next_step
    )
    banner.show_message(text, title)
