"""The indicators computed from the referrals linked to a project."""

from __future__ import annotations

import statistics
from datetime import date

from sqlalchemy import func, select

from desktop.domain.codes import IndicatorKind, Outcome, ReferralStatus
from desktop.services.projects.loading import children_of, load_project
from desktop.services.projects.records import COMPUTED_NAMES, TRAINEESHIP_TYPES, ComputedIndicator
from desktop.store.engine import Store
from desktop.store.models import (
    PathAction,
    ProjectBeneficiary,
    ProjectIndicator,
    Referral,
    ReferralEvent,
    ReferralHandling,
)


def computed_indicators(store: Store, project_id: str, today: date) -> list[ComputedIndicator]:
    """The indicators of DOMAIN.md §3 computed from the live linked referrals.

    The sending date is ``sent_on`` or else the first "sent" event; the taking in charge is the
    CPI's handling date or else the first "taken in charge" event. Event times are UTC and
    their UTC date is used. A traineeship counts once it has started by ``today``.
    """
    with store.read() as session:
        project = load_project(session, project_id)
        linked = select(ProjectBeneficiary.referral_id).where(
            ProjectBeneficiary.project_id == project.id, ProjectBeneficiary.deleted.is_(False)
        )
        referrals = dict(
            session.execute(
                select(Referral.id, Referral.sent_on).where(
                    Referral.id.in_(linked), Referral.deleted.is_(False)
                )
            ).all()
        )
        handling = {
            referral_id: (taken_on, outcome)
            for referral_id, taken_on, outcome in session.execute(
                select(
                    ReferralHandling.referral_id,
                    ReferralHandling.taken_in_charge_on,
                    ReferralHandling.outcome,
                ).where(
                    ReferralHandling.referral_id.in_(list(referrals)),
                    ReferralHandling.deleted.is_(False),
                )
            )
        }
        first_event: dict[tuple[str, ReferralStatus], date] = {}
        for referral_id, to_status, at in session.execute(
            select(ReferralEvent.referral_id, ReferralEvent.to_status, ReferralEvent.at)
            .where(
                ReferralEvent.referral_id.in_(list(referrals)),
                ReferralEvent.deleted.is_(False),
                ReferralEvent.to_status.in_([ReferralStatus.SENT, ReferralStatus.TAKEN_IN_CHARGE]),
            )
            .order_by(ReferralEvent.at)
        ):
            first_event.setdefault((referral_id, to_status), at.date())
        traineeships = int(
            session.scalar(
                select(func.count(PathAction.id)).where(
                    PathAction.referral_id.in_(list(referrals)),
                    PathAction.deleted.is_(False),
                    PathAction.action_type.in_(list(TRAINEESHIP_TYPES)),
                    PathAction.start_on.is_not(None),
                    PathAction.start_on <= today,
                )
            )
            or 0
        )
        targets: dict[IndicatorKind, tuple[float | None, float | None]] = {
            row.kind: (row.baseline, row.target)
            for row in children_of(session, ProjectIndicator, project.id)
            if row.kind is not IndicatorKind.MANUAL
        }

    waits: list[int] = []
    for referral_id, sent_on in referrals.items():
        sent = sent_on or first_event.get((referral_id, ReferralStatus.SENT))
        taken = handling.get(referral_id, (None, None))[0] or first_event.get(
            (referral_id, ReferralStatus.TAKEN_IN_CHARGE)
        )
        if sent is not None and taken is not None and taken >= sent:
            waits.append((taken - sent).days)
    outcomes = [outcome for _taken, outcome in handling.values()]
    linked_count = len(referrals)
    values: dict[IndicatorKind, tuple[float | None, int]] = {
        IndicatorKind.REFERRALS_LINKED: (float(linked_count), linked_count),
        IndicatorKind.MEDIAN_DAYS_TO_TAKING_IN_CHARGE: (
            float(statistics.median(waits)) if waits else None,
            len(waits),
        ),
        IndicatorKind.TRAINEESHIPS_STARTED: (float(traineeships), traineeships),
        IndicatorKind.HIRES: (float(outcomes.count(Outcome.HIRED)), linked_count),
        IndicatorKind.DROP_OUTS: (float(outcomes.count(Outcome.DROPPED_OUT)), linked_count),
    }
    result: list[ComputedIndicator] = []
    for kind, (name, unit) in COMPUTED_NAMES.items():
        value, basis = values[kind]
        baseline, target = targets.get(kind, (None, None))
        result.append(
            ComputedIndicator(
                kind=kind,
                name=name,
                unit=unit,
                value=value,
                basis=basis,
                baseline=baseline,
                target=target,
            )
        )
    return result
