"""How often each thing happens in demo data, and fast draws from one seeded generator.

The weights are plausible guesses for the Province of Varese, not statistics: enough for
lists, filters and reports to look like a working office.
"""

from __future__ import annotations

import json
import random
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, combinations
from typing import Generic, TypeVar

from desktop.demo import texts
from desktop.domain import codes as c
from desktop.domain.codes import ReferralStatus as S
from desktop.domain.codes import Track

T = TypeVar("T")


class Draw:
    """Integer and choice draws from ``random.Random``: its ``randint`` and ``choice`` are
    pure Python and dominated the cost of 100,000 referrals; ``random()`` is C."""

    def __init__(self, rng: random.Random) -> None:
        self.random = rng.random

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def one_of(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def chance(self, probability: float) -> bool:
        return self.random() < probability


class Pick(Generic[T]):
    """A weighted choice that costs one random number and a bisection."""

    def __init__(self, items: Sequence[tuple[T, float]]) -> None:
        self.values = [value for value, _ in items]
        self.cumulative = list(accumulate(weight for _, weight in items))
        self.total = self.cumulative[-1]

    def __call__(self, draw: Draw) -> T:
        return self.values[bisect_right(self.cumulative, draw.random() * self.total)]


PAIRED_PERSON_SHARE = 0.2  # persons with two referrals: about 1.2 referrals per person
LOCAL_SITE_SHARE = 0.35  # of referrals sent by this installation's Ambito, when it is one
OVERRIDDEN_CPI_SHARE = 0.02
ETS_SITE_SHARE = 0.04  # of referrals sent by a Third Sector body enrolled as a site
FOREIGN_BORN_SHARE = 0.12

STATUS = Pick([
    (S.DRAFT, 4), (S.SENT, 5), (S.RECEIVED, 5), (S.TAKEN_IN_CHARGE, 9), (S.IN_PATH, 22),
    (S.CONCLUDED, 37), (S.RETURNED, 4), (S.NOT_RELEVANT, 7), (S.WITHDRAWN, 7),
])  # fmt: skip
# The earlier referral of a person referred twice was closed before the later one began.
EARLIER_STATUS = Pick([(S.CONCLUDED, 55), (S.NOT_RELEVANT, 25), (S.WITHDRAWN, 20)])
TRACK = Pick([(Track.NEET, 60), (Track.CMD, 40)])
# Days between two statuses, and days since the last change for a referral still in a status.
GAP_DAYS: dict[tuple[S, S], tuple[int, int]] = {
    (S.DRAFT, S.SENT): (0, 6), (S.RETURNED, S.SENT): (2, 20), (S.SENT, S.RECEIVED): (0, 4),
    (S.RECEIVED, S.RETURNED): (0, 12), (S.RECEIVED, S.NOT_RELEVANT): (0, 15),
    (S.SENT, S.NOT_RELEVANT): (1, 10), (S.DRAFT, S.WITHDRAWN): (1, 30),
    (S.SENT, S.WITHDRAWN): (1, 10), (S.RETURNED, S.WITHDRAWN): (5, 40),
    (S.RECEIVED, S.TAKEN_IN_CHARGE): (2, 35), (S.TAKEN_IN_CHARGE, S.IN_PATH): (3, 45),
    (S.IN_PATH, S.CONCLUDED): (60, 450),
}  # fmt: skip
DAYS_IN_STATUS: dict[S, tuple[int, int]] = {
    S.DRAFT: (0, 40), S.SENT: (0, 8), S.RECEIVED: (0, 20), S.TAKEN_IN_CHARGE: (0, 50),
    S.IN_PATH: (0, 300), S.RETURNED: (0, 45), S.CONCLUDED: (0, 800),
    S.NOT_RELEVANT: (0, 800), S.WITHDRAWN: (0, 800),
}  # fmt: skip
EVENT_NOTES: dict[S, tuple[str, ...]] = {
    S.DRAFT: ("",), S.SENT: texts.SEND_NOTES, S.RECEIVED: texts.RECEIVE_NOTES,
    S.TAKEN_IN_CHARGE: texts.TAKE_IN_CHARGE_NOTES, S.IN_PATH: texts.START_PATH_NOTES,
    S.CONCLUDED: texts.CONCLUDE_NOTES, S.RETURNED: texts.RETURN_NOTES,
    S.NOT_RELEVANT: texts.NOT_RELEVANT_NOTES, S.WITHDRAWN: texts.WITHDRAW_NOTES,
}  # fmt: skip

NEET_AGE = Pick([
    (16, 2), (17, 3), (18, 6), (19, 7), (20, 7), (21, 7), (22, 7), (23, 6), (24, 5), (25, 4),
    (26, 4), (27, 3), (28, 3), (29, 2),
])  # fmt: skip
ISCED = {
    Track.NEET: Pick([(0, 2), (2, 33), (3, 45), (4, 6), (5, 2), (6, 9), (7, 3)]),
    Track.CMD: Pick([(1, 4), (2, 38), (3, 38), (4, 5), (6, 10), (7, 5)]),
}
# The usual age at which each ISCED level is completed in Italy.
ISCED_AGE = {0: 0, 1: 11, 2: 14, 3: 17, 4: 18, 5: 21, 6: 22, 7: 24, 8: 28}
EMPLOYMENT = {
    Track.NEET: Pick([
        (c.EmploymentStatus.UNEMPLOYED, 80), (c.EmploymentStatus.INACTIVE, 15),
        (c.EmploymentStatus.EMPLOYED_LOW_INCOME, 5),
    ]),
    Track.CMD: Pick([
        (c.EmploymentStatus.UNEMPLOYED, 72), (c.EmploymentStatus.EMPLOYED_LOW_INCOME, 5),
        (c.EmploymentStatus.INACTIVE, 10), (c.EmploymentStatus.EMPLOYED, 8),
        (c.EmploymentStatus.STUDENT, 5),
    ]),
}  # fmt: skip
CHANNEL = Pick([
    (c.ContactChannel.PHONE, 50), (c.ContactChannel.SMS, 15), (c.ContactChannel.EMAIL, 25),
    (c.ContactChannel.IN_PERSON, 10),
])  # fmt: skip
# "Inoccupato" is gone since D.Lgs. 150/2015: one condition of "disoccupato" for all.
# Permits of protection go to people born abroad only; the others to any non-EU citizen.
PROTECTION_PERMITS = frozenset({
    c.PermitType.ASYLUM, c.PermitType.SUBSIDIARY_PROTECTION, c.PermitType.SPECIAL_PROTECTION,
})  # fmt: skip
BORN_HERE_PERMIT = Pick([
    (c.PermitType.FAMILY, 50), (c.PermitType.LONG_TERM_EU, 35), (c.PermitType.STUDY, 10),
    (c.PermitType.WORK, 5),
])  # fmt: skip
PERMIT = Pick([
    (c.PermitType.WORK, 30), (c.PermitType.FAMILY, 30), (c.PermitType.LONG_TERM_EU, 20),
    (c.PermitType.ASYLUM, 5), (c.PermitType.SUBSIDIARY_PROTECTION, 5),
    (c.PermitType.SPECIAL_PROTECTION, 5), (c.PermitType.STUDY, 3), (c.PermitType.OTHER, 2),
])  # fmt: skip
URGENCY = Pick([(c.Urgency.NORMAL, 80), (c.Urgency.HIGH, 15), (c.Urgency.URGENT, 5)])
GUARANTEE = Pick([
    (c.GuaranteeStatus.ADHERED, 60), (c.GuaranteeStatus.TAKEN_IN_CHARGE, 30),
    (c.GuaranteeStatus.CANCELLED, 10),
])  # fmt: skip
PROFILING = Pick([
    (c.ProfilingClass.LOW, 15), (c.ProfilingClass.MEDIUM_LOW, 30),
    (c.ProfilingClass.MEDIUM_HIGH, 35), (c.ProfilingClass.HIGH, 20),
])  # fmt: skip
GOL_PATH = Pick([(1, 35), (2, 25), (3, 15), (4, 20), (5, 5)])


def _json_lists_by_size(codes: list[str], sizes: range) -> dict[int, list[str]]:
    """Every sorted selection of each size, already as the JSON text the column stores."""
    return {
        size: [json.dumps(list(chosen)) for chosen in combinations(codes, size)] for size in sizes
    }


NEEDS_BY_SIZE = _json_lists_by_size(
    sorted(need.value for need in c.Need if need is not c.Need.OTHER), range(1, 5)
)
OTHER_SERVICES_BY_SIZE = _json_lists_by_size(
    sorted(s.value for s in c.OtherService if s is not c.OtherService.OTHER), range(3)
)
OTHER_SERVICES_COUNT = (0, 1, 1, 1, 2)
CATEGORY = Pick([
    (c.DisabilityCategory.CIVIL_INVALID, 76), (c.DisabilityCategory.WORK_INVALID, 8),
    (c.DisabilityCategory.DEAF, 5), (c.DisabilityCategory.BLIND, 4),
    (c.DisabilityCategory.SERVICE_INVALID, 4), (c.DisabilityCategory.WAR_INVALID, 1),
])  # fmt: skip
# Art. 1 L. 68/1999: strictly above 45% (civil) or 33% (work); other categories carry no %.
PERCENTAGE_FLOOR = {
    c.DisabilityCategory.CIVIL_INVALID: 46, c.DisabilityCategory.WORK_INVALID: 34,
}  # fmt: skip
ACTIONS = {
    Track.NEET: Pick([
        (c.PathActionType.BASIC_GUIDANCE, 20), (c.PathActionType.SPECIALIST_GUIDANCE, 10),
        (c.PathActionType.TRAINING, 14), (c.PathActionType.BACK_TO_EDUCATION, 6),
        (c.PathActionType.TRAINEESHIP, 22), (c.PathActionType.TRAINING_ISLAND, 4),
        (c.PathActionType.JOB_ACCOMPANIMENT, 10), (c.PathActionType.APPRENTICESHIP, 5),
        (c.PathActionType.CIVIL_SERVICE, 4), (c.PathActionType.SELF_EMPLOYMENT, 1),
        (c.PathActionType.WORK_GRANT, 3), (c.PathActionType.OTHER, 1),
    ]),
    Track.CMD: Pick([
        (c.PathActionType.BASIC_GUIDANCE, 12), (c.PathActionType.SPECIALIST_GUIDANCE, 12),
        (c.PathActionType.TRAINING, 8), (c.PathActionType.INCLUSION_TRAINEESHIP, 22),
        (c.PathActionType.TRAINING_ISLAND, 4), (c.PathActionType.JOB_ACCOMPANIMENT, 10),
        (c.PathActionType.L68_ART11_AGREEMENT, 10), (c.PathActionType.L68_ART12_AGREEMENT, 3),
        (c.PathActionType.ART14_AGREEMENT, 6), (c.PathActionType.WORK_GRANT, 8),
        (c.PathActionType.JOB_RETENTION, 4), (c.PathActionType.OTHER, 1),
    ]),
}  # fmt: skip
GUIDANCE_ACTIONS = frozenset({
    c.PathActionType.BASIC_GUIDANCE, c.PathActionType.SPECIALIST_GUIDANCE,
})  # fmt: skip
FUNDING = {
    Track.NEET: ("PNRR GOL", "Garanzia Giovani", "FSE+ Regione Lombardia", "Piano di Zona"),
    Track.CMD: (
        "Fondo regionale disabili (L.R. 13/2003)", "Dote Unica Lavoro – disabili", "PNRR GOL",
        "Piano di Zona",
    ),
}  # fmt: skip
_K = c.OrganizationKind
_EMPLOYERS = frozenset({_K.COMPANY, _K.SOCIAL_COOP_B})
PROVIDER_KINDS: dict[c.PathActionType, frozenset[c.OrganizationKind]] = {
    c.PathActionType.BASIC_GUIDANCE: frozenset({_K.CPI}),
    c.PathActionType.SPECIALIST_GUIDANCE: frozenset({_K.CPI, _K.SOCIAL_ENTERPRISE, _K.CONSORTIUM}),
    c.PathActionType.TRAINING: frozenset({_K.SCHOOL, _K.CONSORTIUM, _K.OTHER_ETS}),
    c.PathActionType.BACK_TO_EDUCATION: frozenset({_K.SCHOOL}),
    c.PathActionType.TRAINEESHIP: _EMPLOYERS,
    c.PathActionType.INCLUSION_TRAINEESHIP: _EMPLOYERS,
    c.PathActionType.TRAINING_ISLAND: frozenset({_K.SOCIAL_COOP_B, _K.SOCIAL_ENTERPRISE}),
    c.PathActionType.JOB_ACCOMPANIMENT: _EMPLOYERS,
    c.PathActionType.APPRENTICESHIP: frozenset({_K.COMPANY}),
    c.PathActionType.CIVIL_SERVICE: frozenset({_K.ODV, _K.APS}),
    c.PathActionType.SELF_EMPLOYMENT: frozenset({_K.CONSORTIUM, _K.SOCIAL_ENTERPRISE}),
    c.PathActionType.L68_ART11_AGREEMENT: frozenset({_K.COMPANY}),
    c.PathActionType.L68_ART12_AGREEMENT: frozenset({_K.COMPANY}),
    c.PathActionType.ART14_AGREEMENT: frozenset({_K.SOCIAL_COOP_B}),
    c.PathActionType.WORK_GRANT: frozenset({_K.SOCIAL_COOP_B, _K.SOCIAL_COOP_A}),
    c.PathActionType.JOB_RETENTION: frozenset({_K.COMPANY}),
    c.PathActionType.OTHER: frozenset({_K.SOCIAL_COOP_A, _K.SOCIAL_COOP_B, _K.CONSORTIUM}),
}
ETS_SENDERS = frozenset({_K.SOCIAL_COOP_A, _K.APS, _K.ODV, _K.SOCIAL_ENTERPRISE})
OUTCOME = {
    Track.NEET: Pick([
        (c.Outcome.HIRED, 35), (c.Outcome.TRAINEESHIP_NO_HIRE, 12),
        (c.Outcome.TRAINING_COMPLETED, 12), (c.Outcome.BACK_TO_EDUCATION, 8),
        (c.Outcome.CIVIL_SERVICE, 5), (c.Outcome.SELF_EMPLOYMENT, 2),
        (c.Outcome.OTHER_SERVICE, 4), (c.Outcome.UNREACHABLE, 4), (c.Outcome.MOVED_AWAY, 3),
        (c.Outcome.LOST_ELIGIBILITY, 2), (c.Outcome.OTHER, 3),
    ]),
    Track.CMD: Pick([
        (c.Outcome.HIRED, 40), (c.Outcome.TRAINEESHIP_NO_HIRE, 18),
        (c.Outcome.TRAINING_COMPLETED, 6), (c.Outcome.SELF_EMPLOYMENT, 1),
        (c.Outcome.OTHER_SERVICE, 8), (c.Outcome.UNREACHABLE, 5), (c.Outcome.MOVED_AWAY, 3),
        (c.Outcome.LOST_ELIGIBILITY, 3), (c.Outcome.OTHER, 6),
    ]),
}  # fmt: skip
# How long each kind of action lasts, in days: a tirocinio extracurriculare 3 to 12 months
# (Lombardy allows 2 to 12), an inclusion traineeship up to 24, a course weeks to months.
ACTION_DAYS: dict[c.PathActionType, tuple[int, int]] = {
    c.PathActionType.BASIC_GUIDANCE: (1, 30), c.PathActionType.SPECIALIST_GUIDANCE: (14, 60),
    c.PathActionType.TRAINING: (21, 180), c.PathActionType.BACK_TO_EDUCATION: (120, 280),
    c.PathActionType.TRAINEESHIP: (95, 360), c.PathActionType.INCLUSION_TRAINEESHIP: (95, 700),
    c.PathActionType.TRAINING_ISLAND: (30, 180), c.PathActionType.JOB_ACCOMPANIMENT: (30, 180),
    c.PathActionType.APPRENTICESHIP: (180, 360), c.PathActionType.CIVIL_SERVICE: (240, 360),
    c.PathActionType.SELF_EMPLOYMENT: (30, 180), c.PathActionType.L68_ART11_AGREEMENT: (90, 360),
    c.PathActionType.L68_ART12_AGREEMENT: (90, 360), c.PathActionType.ART14_AGREEMENT: (180, 360),
    c.PathActionType.WORK_GRANT: (60, 360), c.PathActionType.JOB_RETENTION: (30, 180),
    c.PathActionType.OTHER: (14, 120),
}  # fmt: skip
COMPATIBLE_TASKS = [t.value for t in c.CompatibleTask if t is not c.CompatibleTask.OTHER]
PLACEMENT_SUPPORTS = [s.value for s in c.PlacementSupport if s is not c.PlacementSupport.OTHER]
HIRING_MODE = Pick([
    (c.HiringMode.NOMINATIVE, 60), (c.HiringMode.NUMERIC, 15), (c.HiringMode.ART11_AGREEMENT, 20),
    (c.HiringMode.ART14_AGREEMENT, 5),
])  # fmt: skip
DROPPED_OUT_SHARE = 0.12  # of concluded paths: the last action was interrupted
CONTRACT = {
    Track.NEET: Pick([
        (c.ContractType.FIXED_TERM, 45), (c.ContractType.PERMANENT, 20),
        (c.ContractType.APPRENTICESHIP, 20), (c.ContractType.AGENCY, 10),
        (c.ContractType.OTHER, 5),
    ]),
    Track.CMD: Pick([
        (c.ContractType.FIXED_TERM, 45), (c.ContractType.PERMANENT, 35),
        (c.ContractType.AGENCY, 10), (c.ContractType.OTHER, 10),
    ]),
}  # fmt: skip
EMPLOYER = Pick([
    (c.EmployerType.PRIVATE, 70), (c.EmployerType.SOCIAL_COOP, 17),
    (c.EmployerType.PUBLIC, 8), (c.EmployerType.OTHER, 5),
])  # fmt: skip
