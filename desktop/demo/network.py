"""Demo co-design projects and meetings, linked to the demo referrals by number only.

A few hundred rows, written through the ORM in the caller's unit of work.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy.orm import Session

from desktop.demo.meetings import Meetings
from desktop.demo.practice import Practice
from desktop.demo.projects import Projects
from desktop.demo.reference import DemoReference
from desktop.demo.seeding import ReferralSummary, Seeding


def seed_network(
    session: Session,
    *,
    rng: random.Random,
    reference: DemoReference,
    today: date,
    referrals: Sequence[ReferralSummary],
    new_id: Callable[[], str],
) -> tuple[int, int]:
    """Add the demo projects and meetings; returns how many of each."""
    seeding = Seeding(session, rng, reference, today, referrals, new_id)
    projects = Projects(seeding).add_all()
    meetings = Meetings(seeding, projects).add_all()
    Practice(seeding).add_all(referrals)
    return len(projects), meetings
