"""What the demo projects and meetings share: the referrals they may name, the seeding context.

Projects and minutes know referrals by number only, never the person (DOMAIN.md §3 and §4).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from desktop.demo.reference import DemoReference
from desktop.domain import codes as c
from desktop.domain.codes import ReferralStatus as S
from desktop.domain.codes import Track

IN_CHARGE = frozenset({S.TAKEN_IN_CHARGE, S.IN_PATH, S.CONCLUDED})
ETS_KINDS = frozenset({
    c.OrganizationKind.ODV, c.OrganizationKind.APS, c.OrganizationKind.SOCIAL_ENTERPRISE,
    c.OrganizationKind.SOCIAL_COOP_A, c.OrganizationKind.SOCIAL_COOP_B,
    c.OrganizationKind.CONSORTIUM, c.OrganizationKind.PHILANTHROPIC,
    c.OrganizationKind.NETWORK_ASSOCIATION, c.OrganizationKind.OTHER_ETS,
})  # fmt: skip


class ReferralSummary(NamedTuple):
    """What projects and minutes may know of a referral: its number, never the person."""

    id: str
    number: str
    track: Track
    status: S
    sending_site: str
    created_on: date


@dataclass(frozen=True)
class Seeding:
    session: Session
    rng: random.Random
    reference: DemoReference
    today: date
    referrals: Sequence[ReferralSummary]
    new_id: Callable[[], str]


def synced(owner: str, local_site: str, operator: str, at: datetime) -> dict[str, Any]:
    """The synced columns of a row the owner's site made at ``at``."""
    return {
        "owner_site": owner,
        "updated_by": operator,
        "dirty": owner == local_site,
        "created_at": at,
        "updated_at": at,
    }


def stamp(day: date, hour: int = 9) -> datetime:
    """``hour`` o'clock UTC of ``day``: callers pass yesterday at the latest, since "today" at
    office hours may still lie hours ahead of the clock (a demo made early in the morning)."""
    return datetime.combine(day, time(hour), tzinfo=UTC)


def operator_of(reference: DemoReference, site_code: str) -> str:
    """Who writes the site's records: this installation's user at the local site."""
    for site in reference.sites:
        if site.code == site_code and site.operators:
            if site_code == reference.local_site:
                return reference.local_operator
            return site.operators[0].username
    return "demo"
