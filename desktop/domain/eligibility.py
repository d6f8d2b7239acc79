"""Eligibility rules of each track (DOMAIN.md §2), as plain functions of dates and numbers."""

from __future__ import annotations

from datetime import date

from desktop.domain.codes import DisabilityCategory

NEET_MIN_AGE = 15
NEET_MAX_AGE = 29  # Garanzia Giovani: up to 29 years and 364 days
TURNING_30_WARNING_DAYS = 90

# Minimum reduction of working capacity, strictly above, per art. 1 L. 68/1999.
MIN_PERCENTAGE = {
    DisabilityCategory.CIVIL_INVALID: 45,
    DisabilityCategory.WORK_INVALID: 33,
}


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
