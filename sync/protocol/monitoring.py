"""What the office PCs and the server mean alike by a monitoring period and a response time.

The Monitoraggio pages of the PCs (counted on their own stores) and the Province's tables
(counted by the server, ``sync.server.monitoring``) must agree on the same records, so the few
definitions they share live here:

- a referral belongs to a period by its ``created_on`` date (both ends included), as the referral
  list's date filter does, so a click on a figure opens exactly the referrals it counts;
- a response time is a whole number of days from the referral's ``sent_on`` to the CPI's
  ``received_on`` (*time to receipt*) or ``taken_in_charge_on`` (*time to taking in charge*) on
  its handling; a negative or missing interval is left out;
- the median and the 90th percentile are those of Python's ``statistics`` module (the
  ``inclusive`` method: the percentile lies within the observed values, as a spreadsheet's
  PERCENTILE.INC computes it).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

# Roman numerals, as Italian reports name quarters ("III trimestre 2026").
_QUARTER_NUMERALS = ("I", "II", "III", "IV")
# A waiting referral is one sent and not yet taken in charge for longer than this (the default
# of the "in attesa da più di N giorni" figure; the page lets the user change it).
DEFAULT_WAITING_DAYS = 30


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1..4

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * (self.number - 1) + 1, 1)

    @property
    def end(self) -> date:
        following = self.next()
        return following.start - timedelta(days=1)

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    @property
    def key(self) -> str:
        """ "2026-Q3": sortable, used on the wire and in drill-down keys."""
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return f"{_QUARTER_NUMERALS[self.number - 1]} trimestre {self.year}"

    @property
    def short_label(self) -> str:
        return f"{_QUARTER_NUMERALS[self.number - 1]} trim. {self.year}"


def quarters_between(start: date, end: date) -> list[Quarter]:
    """Every quarter that meets the days from ``start`` to ``end`` (both included)."""
    if end < start:
        return []
    found = [Quarter.of(start)]
    while found[-1].end < end:
        found.append(found[-1].next())
    return found


def whole_quarters(start: date, end: date) -> tuple[date, date]:
    """The period widened to whole quarters: the Province's tables are counted on those only,
    so two requests can never be subtracted to isolate a few days (docs/PRIVACY.md)."""
    return Quarter.of(start).start, Quarter.of(end).end


def in_period(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def days_between(first: date | None, then: date | None) -> int | None:
    """Whole days from ``first`` to ``then``; None when either is missing or ``then`` is earlier."""
    if first is None or then is None or then < first:
        return None
    return (then - first).days


@dataclass(frozen=True)
class ResponseTimes:
    """How many intervals were measured, their median and 90th percentile in days."""

    count: int
    median: float | None
    p90: float | None


def response_times(days: Iterable[int | None]) -> ResponseTimes:
    measured = sorted(value for value in days if value is not None)
    if not measured:
        return ResponseTimes(0, None, None)
    median = float(statistics.median(measured))
    if len(measured) == 1:
        return ResponseTimes(1, median, float(measured[0]))
    p90 = statistics.quantiles(measured, n=10, method="inclusive")[8]
    return ResponseTimes(len(measured), median, round(float(p90), 1))
