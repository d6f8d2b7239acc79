"""Each demo referral's history, decided before any person is drawn for it.

A referral gets a track and a final status, then the usual statuses that lead there
(``lifecycle.path_to``, with the occasional return and resend) at office hours on working
days outside the national holidays (``desktop.demo.office_days``), ending before ``today``:
no demo timestamp lies in the future of the day the demo is made. Persons referred twice
had the earlier referral closed before the later one began.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from desktop.demo import distributions as d
from desktop.demo.bulk import DAY
from desktop.demo.distributions import Draw
from desktop.demo.office_days import office_day_on_or_before
from desktop.domain.codes import ReferralStatus as S
from desktop.domain.codes import Track
from desktop.domain.lifecycle import path_to
from desktop.services.referrals.numbers import referral_number

# First and last second of office work, in UTC, for event timestamps.
WORK_START = 7 * 3600
WORK_END = 15 * 3600 + 1800


@dataclass
class Plan:
    track: Track
    statuses: list[S]
    # UTC instants as ``date ordinal * DAY + second of the day``, one per status, increasing:
    # plain integers are much cheaper than datetimes for 100,000 referrals.
    times: list[int]
    number: str = field(default="")


def plan_groups(draw: Draw, today: date, count: int) -> list[list[Plan]]:
    """``count`` referrals grouped by person, oldest first within a group.

    The first eighteen cover every track and status, so that even a small demo shows them all.
    """
    forced = [(track, status) for status in S for track in Track]
    today_ordinal = today.toordinal()
    groups: list[list[Plan]] = []
    remaining = count
    while remaining > 0:
        if forced:
            track, status = forced.pop(0)
        else:
            track, status = d.TRACK(draw), d.STATUS(draw)
        latest = _plan(draw, today_ordinal, track, status, _days_in(draw, status))
        if remaining >= 2 and draw.chance(d.PAIRED_PERSON_SHARE):
            earlier_track = track if draw.chance(0.85) else _other(track)
            days_before = today_ordinal - latest.times[0] // DAY
            earlier = _plan(
                draw,
                today_ordinal,
                earlier_track,
                d.EARLIER_STATUS(draw),
                days_before + draw.between(5, 240),
            )
            groups.append([earlier, latest])
            remaining -= 2
        else:
            groups.append([latest])
            remaining -= 1
    _age_a_few(groups)
    return groups


# A handful of referrals closed years ago, so that the retention page and ``trama retention
# --dry-run`` have something to show (docs/PRIVACY.md: withdrawn and not relevant ones are kept
# 24 months, concluded ones 60). Chosen after the forced ones and moved back whole, with no
# draw of their own: every other referral stays as it was.
AGED_YEARS = {S.WITHDRAWN: 3, S.NOT_RELEVANT: 4, S.RETURNED: 3, S.CONCLUDED: 6}
AGED_REFERRALS = 6
_FORCED = len(S) * len(Track)


def _age_a_few(groups: list[list[Plan]]) -> None:
    aged = 0
    for group in groups[_FORCED:]:
        if aged >= AGED_REFERRALS:
            return
        years = AGED_YEARS.get(group[-1].statuses[-1])
        if len(group) != 1 or years is None:
            continue
        shift = years * 364  # whole weeks: a weekday stays one (a holiday moves back below)
        times: list[int] = []
        for moment in group[0].times:
            day = office_day_on_or_before(moment // DAY - shift)
            if times:
                day = max(day, times[-1] // DAY)
            moved = day * DAY + moment % DAY
            times.append(max(moved, times[-1] + 60) if times else moved)
        group[0].times = times
        aged += 1


def number_plans(groups: list[list[Plan]], last_numbers: dict[int, int], series: str = "") -> None:
    """Numbers "AAAA/NNNNNN" (or "AAAA/SERIES/NNNNNN" on an enrolled PC) follow creation time
    within each year, after ``last_numbers``."""
    plans = sorted((plan for group in groups for plan in group), key=lambda plan: plan.times[0])
    counters = dict(last_numbers)
    for plan in plans:
        year = date.fromordinal(plan.times[0] // DAY).year
        counters[year] = counters.get(year, 0) + 1
        plan.number = referral_number(year, counters[year], series)


def _other(track: Track) -> Track:
    return Track.CMD if track is Track.NEET else Track.NEET


def _days_in(draw: Draw, status: S) -> int:
    low, high = d.DAYS_IN_STATUS[status]
    return draw.between(low, high)


def _chain(draw: Draw, status: S) -> list[S]:
    if status is S.WITHDRAWN:
        roll = draw.random()
        if roll < 0.3:
            return [S.DRAFT, S.WITHDRAWN]
        if roll < 0.85:
            return [S.DRAFT, S.SENT, S.WITHDRAWN]
        return [S.DRAFT, S.SENT, S.RECEIVED, S.RETURNED, S.WITHDRAWN]
    if status is S.NOT_RELEVANT and draw.chance(0.3):
        return [S.DRAFT, S.SENT, S.NOT_RELEVANT]
    chain = list(path_to(status))
    if S.RECEIVED in chain and status is not S.RETURNED and draw.chance(0.06):
        # Returned once (a missing document, say), then sent again.
        position = chain.index(S.RECEIVED) + 1
        chain[position:position] = [S.RETURNED, S.SENT, S.RECEIVED]
    return chain


def _plan(draw: Draw, today_ordinal: int, track: Track, status: S, days_ago: int) -> Plan:
    chain = _chain(draw, status)
    gaps = [draw.between(*d.GAP_DAYS[step]) for step in pairwise(chain)]
    # Yesterday at the latest: a moment "today" could still lie hours ahead of the clock.
    day = today_ordinal - 1 - days_ago - sum(gaps)
    times: list[int] = []
    for gap in (0, *gaps):
        day += gap
        # Offices are closed at weekends and on holidays: such a day moves back to the last
        # working day, never before the previous status.
        office_day = office_day_on_or_before(day)
        if times:
            office_day = max(office_day, times[-1] // DAY)
        moment = office_day * DAY + draw.between(WORK_START, WORK_END)
        if times and moment <= times[-1]:
            moment = times[-1] + draw.between(120, 1800)
        times.append(moment)
    return Plan(track, chain, times)
