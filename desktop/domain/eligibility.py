"""Eligibility rules of each track (DOMAIN.md §2), as plain functions of dates and numbers."""

from __future__ import annotations

from datetime import date

from desktop.domain.codes import DisabilityCategory

NEET_MIN_AGE = 15
NEET_MAX_AGE = 29  # Garanzia Giovani: up to 29 years and 364 days
TURNING_30_WARNING_DAYS = 90
ADULT_AGE = 18  # below it, the right and duty to education and training (D.Lgs. 76/2005)

# Minimum reduction of working capacity, strictly above, per art. 1 L. 68/1999 (lett. a, b).
MIN_PERCENTAGE = {
    DisabilityCategory.CIVIL_INVALID: 45,
    DisabilityCategory.WORK_INVALID: 33,
}
# Categories the law admits without a percentage: the blind and the deaf (art. 1 lett. c) by
# their condition, war and service invalids (lett. d) by the first to eighth category of the
# tables of D.P.R. 915/1978, not by a percentage. A percentage may still be recorded.
NO_PERCENTAGE_MINIMUM = frozenset(
    {
        DisabilityCategory.BLIND,
        DisabilityCategory.DEAF,
        DisabilityCategory.WAR_INVALID,
        DisabilityCategory.SERVICE_INVALID,
    }
)


def percentage_problem(category: DisabilityCategory, percentage: int | None) -> str | None:
    """Why ``percentage`` does not admit a person of ``category`` to L. 68/1999 (None: it does)."""
    minimum = MIN_PERCENTAGE.get(category)
    if minimum is None:
        return None
    if percentage is None:
        return "Indicare la percentuale di invalidità riconosciuta."
    if percentage <= minimum:
        return (
            f"Per questa categoria la L. 68/1999 richiede una percentuale superiore al {minimum}%."
        )
    return None


def neet_reference_date(adhesion_on: date | None, today: date) -> date:
    """The day NEET age is tested on: the Garanzia Giovani adhesion, else today.

    Whoever adhered before turning 30 keeps the programme's measures afterwards.
    """
    return adhesion_on if adhesion_on is not None and adhesion_on <= today else today


def neet_age_eligible(birth_date: date, on: date) -> bool:
    return NEET_MIN_AGE <= age_on(birth_date, on) <= NEET_MAX_AGE


def age_on(birth_date: date, on: date) -> int:
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def birthday(birth_date: date, year: int) -> date:
    # 29 February falls on 1 March in common years, as for Italian registry purposes.
    try:
        return birth_date.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def thirtieth_birthday(birth_date: date) -> date:
    return birthday(birth_date, birth_date.year + 30)


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (0 when end is before start)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def is_minor(birth_date: date | None, on: date) -> bool:
    return birth_date is not None and age_on(birth_date, on) < ADULT_AGE
