"""The referral lifecycle of DOMAIN.md §2: which transitions exist and who may make them.

Forward-only, mapped on Garanzia Giovani's states. The sending site (an Ambito) owns drafting,
sending and withdrawing; the CPI the referral is addressed to owns everything after receipt.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.codes import ReferralStatus, SiteKind

S = ReferralStatus


class Transition(StrEnum):
    SEND = "send"
    WITHDRAW = "withdraw"
    RECEIVE = "receive"
    RETURN = "return"
    REJECT = "reject"
    TAKE_IN_CHARGE = "take_in_charge"
    START_PATH = "start_path"
    CONCLUDE = "conclude"


@dataclass(frozen=True)
class TransitionRule:
    sources: frozenset[ReferralStatus]
    target: ReferralStatus
    performed_by: SiteKind
    needs_note: bool  # a reason the other side must read


RULES: dict[Transition, TransitionRule] = {
    Transition.SEND: TransitionRule(
        frozenset({S.DRAFT, S.RETURNED}), S.SENT, SiteKind.AMBITO, needs_note=False
    ),
    Transition.WITHDRAW: TransitionRule(
        frozenset({S.DRAFT, S.SENT, S.RETURNED}), S.WITHDRAWN, SiteKind.AMBITO, needs_note=True
    ),
    Transition.RECEIVE: TransitionRule(
        frozenset({S.SENT}), S.RECEIVED, SiteKind.CPI, needs_note=False
    ),
    Transition.RETURN: TransitionRule(
        frozenset({S.SENT, S.RECEIVED}), S.RETURNED, SiteKind.CPI, needs_note=True
    ),
    Transition.REJECT: TransitionRule(
        frozenset({S.SENT, S.RECEIVED}), S.NOT_RELEVANT, SiteKind.CPI, needs_note=True
    ),
    Transition.TAKE_IN_CHARGE: TransitionRule(
        frozenset({S.RECEIVED}), S.TAKEN_IN_CHARGE, SiteKind.CPI, needs_note=False
    ),
    Transition.START_PATH: TransitionRule(
        frozenset({S.TAKEN_IN_CHARGE}), S.IN_PATH, SiteKind.CPI, needs_note=False
    ),
    Transition.CONCLUDE: TransitionRule(
        frozenset({S.TAKEN_IN_CHARGE, S.IN_PATH}), S.CONCLUDED, SiteKind.CPI, needs_note=False
    ),
}

# The sender may change the referral's data only while it is in its hands.
EDITABLE_BY_SENDER = frozenset({S.DRAFT, S.RETURNED})
# The CPI records actions and outcome only while the path is open.
HANDLING_OPEN = frozenset({S.TAKEN_IN_CHARGE, S.IN_PATH})
FINAL = frozenset({S.CONCLUDED, S.NOT_RELEVANT, S.WITHDRAWN})


def allowed_transitions(status: ReferralStatus, site_kind: SiteKind) -> list[Transition]:
    """The transitions a site of this kind may make from this status, in display order."""
    return [
        transition
        for transition, rule in RULES.items()
        if status in rule.sources and rule.performed_by == site_kind
    ]


def path_to(status: ReferralStatus) -> list[ReferralStatus]:
    """The usual sequence of statuses from draft to ``status`` (used by demo data and tests)."""
    main = [S.DRAFT, S.SENT, S.RECEIVED, S.TAKEN_IN_CHARGE, S.IN_PATH, S.CONCLUDED]
    if status in main:
        return main[: main.index(status) + 1]
    side = {
        S.RETURNED: [S.DRAFT, S.SENT, S.RECEIVED, S.RETURNED],
        S.NOT_RELEVANT: [S.DRAFT, S.SENT, S.RECEIVED, S.NOT_RELEVANT],
        S.WITHDRAWN: [S.DRAFT, S.SENT, S.WITHDRAWN],
    }
    return side[status]
