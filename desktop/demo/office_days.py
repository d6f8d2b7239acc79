"""Office days of the demo: Monday to Friday, outside Italy's national holidays.

The holidays come from the ``holidays`` library (Easter Monday, 25 April, 2 June, 15 August,
4 October from 2026, ...), not from a list of our own. Patron saints' days are local (San
Vittore, 8 May, closes the offices of the city of Varese only): the demo's offices are spread
over the Province, so it keeps them open on those days.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

_SATURDAY = 5
_FIRST_YEAR = 1990
_LAST_YEAR = 2100


@lru_cache(maxsize=1)
def _closed() -> frozenset[int]:
    italy = holidays.country_holidays("IT", years=range(_FIRST_YEAR, _LAST_YEAR + 1))
    return frozenset(day.toordinal() for day in italy)


def is_office_day(ordinal: int) -> bool:
    """``ordinal`` (``date.toordinal()``) is a working day outside the national holidays."""
    return (ordinal + 6) % 7 < _SATURDAY and ordinal not in _closed()


def office_day_on_or_before(ordinal: int) -> int:
    while not is_office_day(ordinal):
        ordinal -= 1
    return ordinal


def office_day_on_or_after(ordinal: int) -> int:
    while not is_office_day(ordinal):
        ordinal += 1
    return ordinal


def office_date_on_or_before(day: date) -> date:
    return date.fromordinal(office_day_on_or_before(day.toordinal()))


def office_date_on_or_after(day: date) -> date:
    return date.fromordinal(office_day_on_or_after(day.toordinal()))


def is_office_date(day: date) -> bool:
    return is_office_day(day.toordinal())
