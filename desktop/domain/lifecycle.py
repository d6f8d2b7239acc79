"""The referral lifecycle of DOMAIN.md §2: which transitions exist and who may make them.

Forward-only, mapped on Garanzia Giovani's states. The sender is a role, not a kind of site:
whoever's site is the referral's ``sending_site`` (an Ambito, a Third Sector body, a CPI on a
route the Province opened) owns drafting, sending and withdrawing; the CPI the referral is
addressed to owns everything after receipt. Which kinds of site may send at all is decided by
the routes (``sync.protocol.routes``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.codes import ReferralStatus

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


class Party(StrEnum):
    """The two sides of a referral."""

    SENDER = "sender"  # the site that wrote and sent it
    RECIPIENT = "recipient"  # the CPI it is addressed to


@dataclass(frozen=True)
class TransitionRule:
    sources: frozenset[ReferralStatus]
    target: ReferralStatus
    performed_by: Party
    needs_note: bool  # a reason the other side must read


RULES: dict[Transition, TransitionRule] = {
    Transition.SEND: TransitionRule(
        frozenset({S.DRAFT, S.RETURNED}), S.SENT, Party.SENDER, needs_note=False
    ),
    Transition.WITHDRAW: TransitionRule(
        frozenset({S.DRAFT, S.SENT, S.RETURNED}), S.WITHDRAWN, Party.SENDER, needs_note=True
    ),
    Transition.RECEIVE: TransitionRule(
        frozenset({S.SENT}), S.RECEIVED, Party.RECIPIENT, needs_note=False
    ),
    Transition.RETURN: TransitionRule(
        frozenset({S.SENT, S.RECEIVED}), S.RETURNED, Party.RECIPIENT, needs_note=True
    ),
    Transition.REJECT: TransitionRule(
        frozenset({S.SENT, S.RECEIVED}), S.NOT_RELEVANT, Party.RECIPIENT, needs_note=True
    ),
    Transition.TAKE_IN_CHARGE: TransitionRule(
        frozenset({S.RECEIVED}), S.TAKEN_IN_CHARGE, Party.RECIPIENT, needs_note=False
    ),
    Transition.START_PATH: TransitionRule(
        frozenset({S.TAKEN_IN_CHARGE}), S.IN_PATH, Party.RECIPIENT, needs_note=False
    ),
    Transition.CONCLUDE: TransitionRule(
        frozenset({S.TAKEN_IN_CHARGE, S.IN_PATH}), S.CONCLUDED, Party.RECIPIENT, needs_note=False
    ),
}

# The sender may change the referral's data only while it is in its hands.
EDITABLE_BY_SENDER = frozenset({S.DRAFT, S.RETURNED})
# The CPI records actions and outcome only while the path is open.
HANDLING_OPEN = frozenset({S.TAKEN_IN_CHARGE, S.IN_PATH})
FINAL = frozenset({S.CONCLUDED, S.NOT_RELEVANT, S.WITHDRAWN})


def allowed_transitions(status: ReferralStatus, party: Party) -> list[Transition]:
    """The transitions this side of the referral may make from this status, in display order."""
    return [
        transition
        for transition, rule in RULES.items()
        if status in rule.sources and rule.performed_by is party
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
