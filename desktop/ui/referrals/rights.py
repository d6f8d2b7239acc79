"""Who may change what in the referral editor, from the installation's site (no Qt here).

The sender (whichever site wrote the referral: an Ambito, a Third Sector body, a CPI on a route
the Province opened) owns the referral's data while it is in its hands (draft, returned); the
CPI it is addressed to owns the handling, the actions and the outcome. Everything else is
shown read-only with the reasons, which the editor turns into a banner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from desktop.domain import lifecycle
from desktop.domain.codes import ReferralStatus, SiteKind, Track
from desktop.domain.lifecycle import Party, Transition, allowed_transitions
from desktop.services.context import Actor
from desktop.services.referrals.records import ReferralDetail
from desktop.services.routes import referral_tracks_for
from sync.protocol.routes import DEFAULT_ROUTES

S = ReferralStatus


class ReadOnlyReason(Enum):
    """Why (part of) the editor is read-only; each has its own sentence in the banner."""

    REFERRAL_RESTRICTED = "referral_restricted"
    PERSON_RESTRICTED = "person_restricted"
    CPI_CANNOT_CREATE = "cpi_cannot_create"  # no route lets this site send referrals
    NOT_A_PARTY = "not_a_party"  # a Province or ETS installation
    OTHER_SENDER = "other_sender"
    ALREADY_SENT = "already_sent"
    FINAL = "final"
    SENDER_DATA = "sender_data"  # a CPI reads the sender's data
    OTHER_CPI = "other_cpi"
    NOT_RECEIVED = "not_received"  # a CPI before marking the referral received


@dataclass(frozen=True)
class Rights:
    edit_data: bool = False  # person and referral data (the sender)
    edit_handling: bool = False  # received / taken-in-charge dates and referent (the CPI)
    edit_outcome: bool = False  # outcome corrections and the 6-month follow-up (the CPI)
    add_actions: bool = False
    change_actions: bool = False
    transitions: tuple[Transition, ...] = ()
    reasons: tuple[ReadOnlyReason, ...] = ()

    @property
    def can_save(self) -> bool:
        return self.edit_data or self.edit_handling or self.edit_outcome


def rights_for(
    actor: Actor,
    referral: ReferralDetail | None,
    *,
    own_job_centre_id: str | None,
    sender_tracks: Sequence[Track] | None = None,
    person_restricted: bool = False,
) -> Rights:
    """What ``actor`` may do with ``referral`` (None: a new one, not saved yet).

    ``sender_tracks``: the tracks the routes in force let this site send (None: the defaults).
    """
    R = ReadOnlyReason
    if referral is None:
        if sender_tracks is None:
            sender_tracks = referral_tracks_for(DEFAULT_ROUTES, actor.site_kind)
        if sender_tracks:
            return Rights(edit_data=True, transitions=(Transition.SEND,))
        if actor.site_kind is SiteKind.CPI:
            return Rights(reasons=(R.CPI_CANNOT_CREATE,))
        return Rights(reasons=(R.NOT_A_PARTY,))
    if referral.restricted or person_restricted:
        reason = R.REFERRAL_RESTRICTED if referral.restricted else R.PERSON_RESTRICTED
        return Rights(reasons=(reason,))
    if referral.sending_site == actor.site_code:
        return _sender_rights(referral)
    if actor.site_kind is SiteKind.CPI:
        return _cpi_rights(actor, referral, own_job_centre_id)
    if actor.site_kind in {SiteKind.AMBITO, SiteKind.ETS}:
        return Rights(reasons=(R.OTHER_SENDER,))
    return Rights(reasons=(R.NOT_A_PARTY,))


def _sender_rights(referral: ReferralDetail) -> Rights:
    R = ReadOnlyReason
    transitions = tuple(allowed_transitions(referral.status, Party.SENDER))
    if referral.status in lifecycle.EDITABLE_BY_SENDER:
        return Rights(edit_data=True, transitions=transitions)
    reason = R.FINAL if referral.status in lifecycle.FINAL else R.ALREADY_SENT
    return Rights(transitions=transitions, reasons=(reason,))


def _cpi_rights(actor: Actor, referral: ReferralDetail, own_job_centre_id: str | None) -> Rights:
    R = ReadOnlyReason
    if own_job_centre_id is not None and own_job_centre_id != referral.job_centre_id:
        return Rights(reasons=(R.OTHER_CPI,))
    status = referral.status
    transitions = tuple(allowed_transitions(status, Party.RECIPIENT))
    reasons = [R.SENDER_DATA]
    if status in {S.DRAFT, S.SENT, S.RETURNED, S.WITHDRAWN}:
        if status is S.SENT:
            reasons.append(R.NOT_RECEIVED)
        elif status in lifecycle.FINAL:
            reasons.append(R.FINAL)
        return Rights(transitions=transitions, reasons=tuple(reasons))
    if status is S.NOT_RELEVANT:
        return Rights(reasons=(R.SENDER_DATA, R.FINAL))
    open_path = status in lifecycle.HANDLING_OPEN
    concluded = status is S.CONCLUDED
    return Rights(
        edit_handling=True,
        edit_outcome=concluded,
        add_actions=open_path,
        change_actions=open_path or concluded,
        transitions=transitions,
        reasons=tuple(reasons),
    )
