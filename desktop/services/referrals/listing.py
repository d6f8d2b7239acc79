"""The query side of the referral list: counts and pages of rows for a windowed view.

Built for 100,000+ referrals (DESIGN.md §5). A list shows a filter's first page at once and
finds the rest as the operator scrolls, each read a short session of its own:

- ``first_page``: the count and the first rows, in one read. Filters on the referral's own
  columns (track, status, CPI, sending site, period) are counted exactly from the partial index
  ``ix_referral_listed``. A search, a person or an Ambito is counted from the rows it picks
  (the *driver*); when those are many, the count stops at ``count_cap`` rows (the page is then
  found faster by walking the sort order) and the page says it is not exact;
- ``ordered_rowids``: every matching row id in the list's order, in one query meant for a
  background thread. It gives the exact count and lets any later page be read by row id
  (``fetch_rows_by_rowid``) instead of skipping rows with OFFSET;
- ``fetch_referral_rows``: a page at any offset, before the row ids are known.

A page is chosen in two steps: first the row ids of the page (only the joins that the filter and
the order need), then the columns shown, for those ids alone. The first step either *walks* the
index of the sort order and stops after the page (best when many rows match) or *sorts* the
matching rows (best when few do). Both use the same ORDER BY, ending on row ids, so a page is the
same whichever way it was found. Text of 3+ characters is searched through the FTS5 trigram
table ``referral_search`` (number, codice fiscale, "cognome nome"); 1-2 characters are prefix
ranges on the indexed ``person.search_name``, ``person.fiscal_code`` and ``referral.number``.

Each query takes a filter or its ``QueryPlan`` (``plan_query``): the filter compiled once into its
normalised search text, its driver and its WHERE clauses. A list compiles the plan when its
filter changes and passes it to the count, every page and the row ids' background job.

Deleted (tombstoned) referrals are never listed; restricted ones (GDPR art. 18: the referral or
its person) only when the filter asks for them. Work on another thread passes ``cancelled``: a
query whose answer is no longer wanted stops within a few milliseconds.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from desktop.services.referrals.listing_reader import ListReader, ReadSource
from desktop.services.referrals.listing_rows import ReferralListRow, rows_for
from desktop.services.referrals.listing_sql import (
    ORDERS,
    TRIGRAM_MIN,
    QueryPlan,
    ReferralFilter,
    SortKey,
    fts_match_query,
    order_by,
    plan_query,
)
from desktop.store.raw import Connection, OperationalError

__all__ = [
    "TRIGRAM_MIN",
    "ListPage",
    "ListQueryCancelled",
    "ListReader",
    "QueryPlan",
    "ReadSource",
    "ReferralFilter",
    "ReferralListRow",
    "SortKey",
    "count_cap",
    "count_referrals",
    "fetch_referral_rows",
    "fetch_rows_by_rowid",
    "first_page",
    "fts_match_query",
    "ordered_rowids",
    "plan_query",
]

# A count that stops early stops at no fewer rows than this.
COUNT_FLOOR = 1000
# SQLite virtual-machine steps between two looks at ``cancelled``.
_CANCEL_CHECK_STEPS = 2000

Cancelled = Callable[[], bool]
# Every query takes a filter or its plan: a list compiles its filter once (``plan_query``) and
# passes the plan to the count, the pages and the row ids; a one-off query may pass the filter.
Query = ReferralFilter | QueryPlan


def _plan(query: Query) -> QueryPlan:
    return query if isinstance(query, QueryPlan) else plan_query(query)


class ListQueryCancelled(Exception):
    """The caller's ``cancelled()`` turned true while a list query ran; nothing was returned."""


@dataclass(frozen=True)
class ListPage:
    """A filter's first rows and its count; ``exact`` False: the count is a lower bound."""

    count: int
    exact: bool
    rows: list[ReferralListRow]


def count_cap(population: int, page_rows: int, *, floor: int = COUNT_FLOOR) -> int:
    """Where a count may stop: from there on, walking the sort order finds a page faster.

    Walking visits about page_rows × population / matches rows, sorting visits every match:
    the two meet at matches = √(page_rows × population).
    """
    return max(floor, math.isqrt(max(page_rows, 1) * max(population, 1)) + 1)


@contextmanager
def _reading(store: ReadSource, cancelled: Cancelled | None) -> Iterator[Connection]:
    if cancelled is not None and cancelled():
        raise ListQueryCancelled
    with store.raw_read() as connection:
        if cancelled is not None:
            connection.set_progress_handler(lambda: int(cancelled()), _CANCEL_CHECK_STEPS)
        try:
            yield connection
        except OperationalError as error:
            if cancelled is not None and cancelled():
                raise ListQueryCancelled from error
            raise
        finally:
            # The store keeps its read connections: the next reader of this one (a sync's
            # status on the GUI thread) must not be interrupted by this job's flag (issue 20:
            # found by the soak, "OperationalError: interrupted").
            if cancelled is not None:
                connection.set_progress_handler(None, 0)
    if cancelled is not None and cancelled():
        raise ListQueryCancelled  # finished, but no longer wanted


def count_referrals(store: ReadSource, query: Query, *, cancelled: Cancelled | None = None) -> int:
    """How many referrals the filter shows (exactly; see ``first_page`` for a quick count)."""
    plan = _plan(query)
    with _reading(store, cancelled) as connection:
        return _count(connection, plan)


def _count(connection: Connection, plan: QueryPlan, stop_at: int | None = None) -> int:
    """The filter's count, or ``stop_at`` when there are at least that many (driven filters)."""
    if plan.search_count is not None:
        return _scalar(connection, plan.search_count.sql, plan.search_count.params)
    found = plan.driver
    if found is None or plan.driven_checks is None:
        # Persons under restriction are few: count their referrals starting from them (index on
        # person.restricted) and subtract, instead of checking the person of every referral.
        listed = plan.listed
        sql = f"SELECT count(*) FROM referral r WHERE {listed.sql}"
        theirs = plan.restricted_persons_referrals
        if theirs is not None:
            sql = (
                f"SELECT ({sql}) - (SELECT count(*) FROM person p "
                "CROSS JOIN referral r ON r.person_id = p.id "
                f"WHERE p.restricted = 1 AND {theirs.sql})"
            )
        return _scalar(connection, sql, listed.params)
    limit = "" if stop_at is None else " LIMIT :stop_at"
    inner, params = found.select("1", plan.driven_checks, limit=limit)
    if stop_at is not None:
        params["stop_at"] = stop_at
    return _scalar(connection, f"SELECT count(*) FROM ({inner})", params)


def _population(connection: Connection) -> int:
    return _scalar(connection, "SELECT max(rowid) FROM referral", {})


# A row visited in ix_referral_listed costs about a fortieth of a row read from the table: its
# entries are small and read in order, many to a page, where each matching row is a page of its
# own (decrypted, on an encrypted store). Measured on 100,000 referrals, first page by date: a
# walk and a sort cost the same at about 500 matches (issue 20; with 10, searches of 600-900
# matches were sorted in 9-12 ms, walked in 5).
_LISTED_VISIT_SHARE = 40


def _prefer_walk(sort: SortKey, matches: int, population: int, needed: int) -> bool:
    """Walking visits about needed × population / matches rows; sorting reads all matches."""
    share = _LISTED_VISIT_SHARE if _walks_listed_index(sort) else 1
    return matches * matches * share >= needed * max(population, 1)


def first_page(
    store: ReadSource,
    query: Query,
    *,
    sort: SortKey,
    descending: bool,
    limit: int,
    today: date,
    cancelled: Cancelled | None = None,
    count_floor: int = COUNT_FLOOR,
) -> ListPage:
    """The count (exact, or a lower bound when counting would take long) and the first rows.

    ``count_floor``: a count never stops before this many rows (``count_cap``).
    """
    plan = _plan(query)
    with _reading(store, cancelled) as connection:
        population = _population(connection)
        if not plan.driven or plan.search_count is not None:
            count, exact = _count(connection, plan), True
        else:
            cap = count_cap(population, limit, floor=count_floor)
            count = _count(connection, plan, stop_at=cap)
            exact = count < cap
        if count == 0 or limit <= 0:
            return ListPage(count, exact, [])
        # A walk by date counts on matches spread evenly; a number's matches bunch together
        # (its start holds the year, a walk may cross every newer year before the first one):
        # once all of them are counted (few enough), sorting them is the sure way.
        walk = not (exact and plan.runs_with_date) and _prefer_walk(sort, count, population, limit)
        rowids = _page_rowids(
            connection,
            plan,
            offset=0,
            limit=limit,
            sort=sort,
            descending=descending,
            matches=count,
            walk=walk,
        )
        return ListPage(count, exact, rows_for(connection, rowids, today))


def _page_rowids(
    connection: Connection,
    plan: QueryPlan,
    *,
    offset: int,
    limit: int,
    sort: SortKey,
    descending: bool,
    matches: int,
    walk: bool,
) -> list[int]:
    """Row ids of one page, walking the sort order's index or sorting the matches.

    ``matches`` is the filter's count or a lower bound of it.
    """
    order = ORDERS[sort]
    where = plan.walked if walk else plan.sorted_source
    ordering = order_by(order, descending=descending, walk=walk)
    if walk and _walks_listed_index(sort):
        where = plan.covered_walk
        order = replace(order, walk_from=_LISTED)

    def page(from_: str, extra: str, page_offset: int, page_limit: int) -> list[int]:
        sql = (
            f"SELECT r.rowid FROM {from_} WHERE {where.sql}{extra} "
            f"ORDER BY {ordering} LIMIT :limit OFFSET :offset"
        )
        params = {**where.params, "limit": page_limit, "offset": page_offset}
        return [int(row[0]) for row in connection.execute(sql, params)]

    if not walk:
        return page(f"referral r {order.joins}", "", offset, limit)
    if order.by_label is not None:
        # Code by code in the labels' order, each in row id order.
        segments = order.by_label.segments(descending=descending)
        ordering = "r.rowid DESC" if descending else "r.rowid"
    elif sort is SortKey.MUNICIPALITY:
        segments = _municipality_segments(order.walk_from, order.joins, descending=descending)
    else:
        return page(order.walk_from, "", offset, limit)
    rowids: list[int] = []
    skip = offset
    for index, (from_, extra) in enumerate(segments):
        wanted = limit - len(rowids)
        if wanted <= 0:
            break
        if index < len(segments) - 1:
            # Only whether this segment reaches past the page matters: count no further.
            sql = (
                f"SELECT count(*) FROM (SELECT 1 FROM {from_} WHERE {where.sql}{extra} "
                "LIMIT :stop_at)"
            )
            size = _scalar(connection, sql, {**where.params, "stop_at": skip + wanted})
            if skip >= size:
                skip -= size
                continue
        rowids.extend(page(from_, extra, skip, wanted))
        skip = 0
    return rowids


# ix_referral_listed is in date order and holds every column the filters test, the row id and
# the person's id: a walk reads from the table only the rows it keeps. Named, since SQLite
# prefers the narrower index on the date alone, whose order matches the ORDER BY better but
# which sends it to every row.
_LISTED = "referral r INDEXED BY ix_referral_listed"


def _by_listed_index(plan: QueryPlan, sort: SortKey) -> bool:
    return sort is SortKey.CREATED_ON and not plan.driven


def _walks_listed_index(sort: SortKey) -> bool:
    """Whether a walk in date order can test every row from ix_referral_listed alone.

    The index holds the number; a text of 3+ characters, the persons a prefix or an Ambito
    picks become sets of row or person ids, made once. Each row then costs a look at the index
    entry, whatever the order of the matches (a number's year runs with the date: a walk that
    read the table would go through every newer row first).
    """
    return sort is SortKey.CREATED_ON


def _municipality_segments(
    walk_from: str, joins: str, *, descending: bool
) -> list[tuple[str, str]]:
    """Persons with no comune of residence cannot be reached from the comuni: they are their own
    segment, placed where NULL sorts (first ascending, last descending) as the sort step does."""
    segments = [
        (f"referral r {joins}", " AND p.residence_municipality_id IS NULL"),
        (walk_from, ""),
    ]
    if descending:
        segments.reverse()
    return segments


def fetch_referral_rows(
    store: ReadSource,
    query: Query,
    *,
    offset: int,
    limit: int,
    sort: SortKey,
    descending: bool,
    today: date,
    total: int | None = None,
) -> list[ReferralListRow]:
    """The rows from ``offset`` (at most ``limit``) in the given order.

    ``total`` is the filter's count, or a lower bound of it, if the caller already has it (a
    list always has); without it the count is made here, since it decides how the page is found.
    """
    if limit <= 0:
        return []
    plan = _plan(query)
    with store.raw_read() as connection:
        matches = _count(connection, plan) if total is None else total
        if matches <= offset:
            return []
        rowids = _page_rowids(
            connection,
            plan,
            offset=offset,
            limit=limit,
            sort=sort,
            descending=descending,
            matches=matches,
            walk=_prefer_walk(sort, matches, _population(connection), offset + limit),
        )
        return rows_for(connection, rowids, today)


def ordered_rowids(
    store: ReadSource,
    query: Query,
    *,
    sort: SortKey,
    descending: bool,
    cancelled: Cancelled | None = None,
) -> array[int]:
    """Every matching row id, in the list's order: the exact count and a key to every page.

    Eight bytes a row (800 kB for 100,000): the rows themselves stay in the database.
    """
    plan = _plan(query)
    order = ORDERS[sort]
    # Sorting every match beats walking an index here, even when all rows match: a walk reads
    # the table row by row in index order, a sort reads only the columns it needs.
    where = plan.sorted_source
    ordering = order_by(order, descending=descending, walk=False)
    from_ = f"referral r {order.joins}"
    if _by_listed_index(plan, sort):
        from_, ordering = _LISTED, order_by(order, descending=descending, walk=True)
    ordered = f"SELECT r.rowid AS id FROM {from_} WHERE {where.sql} ORDER BY {ordering}"
    # One row back, not one per match: the whole query then runs in one call that releases
    # Python's lock, so a list reading this on a worker thread leaves the GUI thread free.
    # An aggregate reads an ordered subquery in its order (SQLite never flattens the two).
    sql = f"SELECT group_concat(id) FROM ({ordered})"
    with _reading(store, cancelled) as connection:
        row = connection.execute(sql, where.params).fetchone()
    text = row[0] if row is not None else None
    return array("q", map(int, text.split(","))) if text else array("q")


def fetch_rows_by_rowid(
    store: ReadSource, rowids: Sequence[int], *, today: date
) -> list[ReferralListRow]:
    """The shown columns of these rows, in this order; rows gone since are left out."""
    if not rowids:
        return []
    with store.raw_read() as connection:
        return rows_for(connection, list(rowids), today)


def _scalar(connection: Connection, sql: str, params: dict[str, Any]) -> int:
    row = connection.execute(sql, params).fetchone()
    return int(row[0] or 0) if row is not None else 0
