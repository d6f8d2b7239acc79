"""The query side of the referral list: counts and pages of rows for a windowed view.

Built for 100,000+ referrals (DESIGN.md §5): the list asks for the row count, then for blocks
of rows at any offset, each in its own short read session. Every query is shaped so that SQLite
can answer from an index:

- text of 3+ characters goes through the FTS5 trigram table ``referral_search`` (number,
  codice fiscale and "cognome nome" of each referral); 1-2 characters are prefix ranges on the
  indexed ``person.search_name``, ``person.fiscal_code`` and ``referral.number``;
- a page is chosen in two steps: first the row ids of the page (only the joins that the
  filter and the order need), then the columns shown, for those ids alone;
- the first step either *walks* the index of the sort order and stops after the page (best
  when many rows match) or *sorts* the matching rows (best when few do). Which one is picked
  from the number of matches; the unary ``+`` keeps SQLite from using the index we do not
  want. Both walk and sort use the same ORDER BY, ending on row ids, so a page is the same
  whichever way it was found.

Deleted (tombstoned) referrals are never listed; restricted ones (GDPR art. 18: the referral or
its person) only when the filter asks for them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from desktop.domain.codes import ReferralStatus, Track
from desktop.domain.eligibility import age_on
from desktop.domain.text import normalise_search_text
from desktop.store.engine import Store

# Texts shorter than this cannot use the trigram index (SQLite's FTS5 trigram tokenizer).
TRIGRAM_MIN = 3
# Sorts past the last character any name, code or number can hold.
_PREFIX_END = "\uffff"


class SortKey(StrEnum):
    NUMBER = "number"
    CREATED_ON = "created_on"
    TRACK = "track"
    PERSON = "person"
    AGE = "age"
    MUNICIPALITY = "municipality"
    JOB_CENTRE = "job_centre"
    STATUS = "status"
    DAYS_IN_STATUS = "days_in_status"


@dataclass(frozen=True)
class ReferralFilter:
    """What the list shows; the default is every referral that may be shown.

    ``ambito_id`` selects referrals of persons resident in a comune of that Ambito.
    """

    search: str = ""
    track: Track | None = None
    statuses: frozenset[ReferralStatus] = field(default_factory=frozenset)
    job_centre_id: str | None = None
    ambito_id: str | None = None
    sent_by_site: str | None = None
    include_restricted: bool = False


@dataclass(frozen=True)
class ReferralListRow:
    id: str
    number: str
    created_on: date
    track: Track
    person_name: str  # "Cognome Nome"
    age: int
    municipality_name: str  # comune of residence, "" when unknown
    job_centre_name: str
    status: ReferralStatus
    days_in_status: int
    restricted: bool  # the referral or its person


@dataclass
class _Conditions:
    """WHERE terms on ``referral r`` and their parameters.

    ``drive`` False prefixes the indexable columns with ``+`` so that SQLite does not start from
    their indexes (it then walks the sort order, or another table, instead).
    """

    terms: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def sql(self) -> str:
        return " AND ".join(self.terms) if self.terms else "1"


def _fts_phrase(text_: str) -> str:
    return '"' + text_.replace('"', '""') + '"'


def fts_match_query(needle: str) -> str:
    """An FTS5 query for a normalised text of 3+ characters: every word must appear.

    Words of 3+ characters are matched each on their own, in any order ("mario rossi" finds
    "rossi mario"); when some word is shorter (the trigram index cannot look it up) the whole
    text must appear as typed too ("de luca").
    """
    words = needle.split()
    long_words = [word for word in words if len(word) >= TRIGRAM_MIN]
    phrases = [_fts_phrase(word) for word in long_words]
    if len(long_words) < len(words):
        phrases.append(_fts_phrase(needle))
    return " AND ".join(phrases)


def _search_term(search: str, params: dict[str, Any], *, drive: bool, per_row: bool) -> str | None:
    needle = normalise_search_text(search)
    if not needle:
        return None
    rowid = "r.rowid" if drive else "+r.rowid"
    if len(needle) >= TRIGRAM_MIN:
        params["fts"] = fts_match_query(needle)
        return f"{rowid} IN (SELECT rowid FROM referral_search WHERE referral_search MATCH :fts)"
    params.update(
        prefix=needle,
        prefix_end=needle + _PREFIX_END,
        cf_prefix=needle.upper(),
        cf_prefix_end=needle.upper() + _PREFIX_END,
    )
    if per_row:
        # A short prefix matches many rows: checking the rows walked is cheaper than collecting
        # every match first.
        return (
            "((+p.search_name >= :prefix AND +p.search_name < :prefix_end) "
            "OR (+p.fiscal_code >= :cf_prefix AND +p.fiscal_code < :cf_prefix_end) "
            "OR (+r.number >= :prefix AND +r.number < :prefix_end))"
        )
    return (
        f"{rowid} IN ("
        "SELECT rowid FROM referral WHERE number >= :prefix AND number < :prefix_end "
        "UNION ALL SELECT r_s.rowid FROM person p_s "
        "JOIN referral r_s ON r_s.person_id = p_s.id "
        "WHERE (p_s.search_name >= :prefix AND p_s.search_name < :prefix_end) "
        "OR (p_s.fiscal_code >= :cf_prefix AND p_s.fiscal_code < :cf_prefix_end))"
    )


def _conditions(
    flt: ReferralFilter,
    *,
    drive: bool,
    drive_search: bool | None = None,
    person_restriction: bool = True,
    per_row: bool = False,
) -> _Conditions:
    """``per_row``: the query joins ``person p`` to every referral row it visits (a walk)."""
    plus = "" if drive else "+"
    where = _Conditions()
    where.terms.append(f"{plus}r.deleted = 0")
    if not flt.include_restricted:
        where.terms.append(f"{plus}r.restricted = 0")
        if per_row:
            where.terms.append("+p.restricted = 0")
        elif person_restriction:
            where.terms.append("r.person_id NOT IN (SELECT id FROM person WHERE restricted = 1)")
    if flt.track is not None:
        where.terms.append(f"{plus}r.track = :track")
        where.params["track"] = Track(flt.track).value
    if flt.statuses:
        names = []
        for index, status in enumerate(sorted(ReferralStatus(s).value for s in flt.statuses)):
            names.append(f":status_{index}")
            where.params[f"status_{index}"] = status
        where.terms.append(f"{plus}r.status IN ({', '.join(names)})")
    if flt.job_centre_id is not None:
        where.terms.append(f"{plus}r.job_centre_id = :job_centre_id")
        where.params["job_centre_id"] = flt.job_centre_id
    if flt.sent_by_site is not None:
        where.terms.append(f"{plus}r.sending_site = :sent_by_site")
        where.params["sent_by_site"] = flt.sent_by_site
    if flt.ambito_id is not None:
        if per_row:
            where.terms.append(
                "+p.residence_municipality_id IN "
                "(SELECT id FROM municipality WHERE ambito_id = :ambito_id)"
            )
        else:
            where.terms.append(
                f"{plus}r.person_id IN (SELECT p_a.id FROM municipality m_a "
                "JOIN person p_a ON p_a.residence_municipality_id = m_a.id "
                "WHERE m_a.ambito_id = :ambito_id)"
            )
        where.params["ambito_id"] = flt.ambito_id
    search = _search_term(
        flt.search,
        where.params,
        drive=drive if drive_search is None else drive_search,
        per_row=per_row,
    )
    if search is not None:
        where.terms.append(search)
    return where


def count_referrals(store: Store, flt: ReferralFilter) -> int:
    """How many referrals the filter shows."""
    with store.raw_read() as connection:
        return _count(connection, flt)


def _count(connection: sqlite3.Connection, flt: ReferralFilter) -> int:
    if flt.search.strip():
        # The matching rows are few: look them up one by one (the other filters' indexes kept
        # out of the way), checking each one's person on the way.
        where = _conditions(flt, drive=False, drive_search=True)
        sql = f"SELECT count(*) FROM referral r WHERE {where.sql()}"
        return _scalar(connection, sql, where.params)
    where = _conditions(flt, drive=True, person_restriction=False)
    sql = f"SELECT count(*) FROM referral r WHERE {where.sql()}"
    if not flt.include_restricted:
        # Persons under restriction are few: count their referrals starting from them (index on
        # person.restricted) and subtract, instead of checking the person of every referral.
        restricted = _conditions(flt, drive=False, person_restriction=False)
        sql = (
            f"SELECT ({sql}) - (SELECT count(*) FROM person p "
            "CROSS JOIN referral r ON r.person_id = p.id "
            f"WHERE p.restricted = 1 AND {restricted.sql()})"
        )
    return _scalar(connection, sql, where.params)


@dataclass(frozen=True)
class _Order:
    joins: str  # after "referral r" when sorting; the walk has its own FROM
    walk_from: str  # FROM clause that delivers rows already in this order
    keys: tuple[str, ...]  # ORDER BY terms before the final row id tie-breaks
    tie_breaks: tuple[str, ...]
    inverted: bool = False  # ascending age = descending birth date


_PERSON_JOIN = "JOIN person p ON p.id = r.person_id"
_PERSON_WALK = "person p CROSS JOIN referral r ON r.person_id = p.id"
# CROSS JOIN keeps SQLite from reordering the tables: the first one is walked in index order.
_REFERRAL_WALK = "referral r CROSS JOIN person p ON p.id = r.person_id"

_ORDERS: dict[SortKey, _Order] = {
    SortKey.NUMBER: _Order("", _REFERRAL_WALK, ("r.number",), ()),
    SortKey.CREATED_ON: _Order("", _REFERRAL_WALK, ("r.created_on",), ("r.rowid",)),
    SortKey.TRACK: _Order("", _REFERRAL_WALK, ("r.track",), ("r.rowid",)),
    SortKey.STATUS: _Order("", _REFERRAL_WALK, ("r.status",), ("r.rowid",)),
    SortKey.DAYS_IN_STATUS: _Order(
        "", _REFERRAL_WALK, ("r.status_changed_at",), ("r.rowid",), inverted=True
    ),
    SortKey.PERSON: _Order(_PERSON_JOIN, _PERSON_WALK, ("p.search_name",), ("p.rowid", "r.rowid")),
    SortKey.AGE: _Order(
        _PERSON_JOIN, _PERSON_WALK, ("p.birth_date",), ("p.rowid", "r.rowid"), inverted=True
    ),
    SortKey.MUNICIPALITY: _Order(
        _PERSON_JOIN + " LEFT JOIN municipality m ON m.id = p.residence_municipality_id",
        "municipality m CROSS JOIN person p ON p.residence_municipality_id = m.id "
        "CROSS JOIN referral r ON r.person_id = p.id",
        ("m.name",),
        ("m.rowid", "p.rowid", "r.rowid"),
    ),
    SortKey.JOB_CENTRE: _Order(
        "JOIN job_centre j ON j.id = r.job_centre_id",
        "job_centre j CROSS JOIN referral r ON r.job_centre_id = j.id "
        "CROSS JOIN person p ON p.id = r.person_id",
        ("j.name",),
        ("j.rowid", "r.rowid"),
    ),
}


def _order_by(order: _Order, *, descending: bool, walk: bool) -> str:
    direction = " DESC" if descending != order.inverted else ""
    keys = [key if walk else f"+{key}" for key in order.keys]
    return ", ".join(f"{term}{direction}" for term in (*keys, *order.tie_breaks))


def _prefer_walk(matches: int, population: int, needed: int) -> bool:
    """Walking visits about needed × population / matches rows; sorting visits all matches."""
    return matches * matches >= needed * max(population, 1)


def _page_rowids(
    connection: sqlite3.Connection,
    flt: ReferralFilter,
    *,
    offset: int,
    limit: int,
    sort: SortKey,
    descending: bool,
    matches: int,
    walk: bool,
) -> list[int]:
    """Row ids of one page, walking the sort order's index or sorting the matches."""
    order = _ORDERS[sort]
    where = _conditions(flt, drive=not walk, per_row=walk)
    order_by = _order_by(order, descending=descending, walk=walk)

    def page(from_: str, extra: str, page_offset: int, page_limit: int) -> list[int]:
        sql = (
            f"SELECT r.rowid FROM {from_} WHERE {where.sql()}{extra} "
            f"ORDER BY {order_by} LIMIT :limit OFFSET :offset"
        )
        params = {**where.params, "limit": page_limit, "offset": page_offset}
        return [int(row[0]) for row in connection.execute(sql, params)]

    if not walk:
        return page(f"referral r {order.joins}", "", offset, limit)
    if sort is not SortKey.MUNICIPALITY:
        return page(order.walk_from, "", offset, limit)
    # Persons with no comune of residence cannot be reached from the comuni: they are their own
    # segment, placed where NULL sorts (first ascending, last descending) as the sort step does.
    homeless_sql = f"referral r {order.joins}"
    homeless = " AND p.residence_municipality_id IS NULL"
    count_sql = f"SELECT count(*) FROM {homeless_sql} WHERE {where.sql()}{homeless}"
    homeless_count = _scalar(connection, count_sql, where.params)
    segments = [
        (homeless_sql, homeless, homeless_count),
        (order.walk_from, "", matches - homeless_count),
    ]
    if descending:
        segments.reverse()
    rowids: list[int] = []
    skip = offset
    for from_, extra, size in segments:
        wanted = limit - len(rowids)
        if wanted <= 0:
            break
        if skip >= size:
            skip -= size
            continue
        rowids.extend(page(from_, extra, skip, wanted))
        skip = 0
    return rowids


# The shown columns of the page's rows. Plain sqlite3 rather than SQLAlchemy and the ORM
# models: the list's first page is painted before the models are imported (start-up time).
_ROWS_SQL = (
    "SELECT r.rowid, r.id, r.number, r.created_on, r.track, p.last_name, p.first_name, "
    "p.birth_date, m.name, j.name, r.status, r.status_changed_at, r.restricted, p.restricted "
    "FROM referral r JOIN person p ON p.id = r.person_id "
    "LEFT JOIN municipality m ON m.id = p.residence_municipality_id "
    "LEFT JOIN job_centre j ON j.id = r.job_centre_id "
    "WHERE r.rowid IN ({ids})"
)

def fetch_referral_rows(
    store: Store,
    flt: ReferralFilter,
    *,
    offset: int,
    limit: int,
    sort: SortKey,
    descending: bool,
    today: date,
    total: int | None = None,
) -> list[ReferralListRow]:
    """The rows from ``offset`` (at most ``limit``) in the given order.

    ``total`` is the filter's count if the caller already has it (a list always has); without
    it the count is made here, since it decides how the page is found.
    """
    if limit <= 0:
        return []
    with store.raw_read() as connection:
        matches = _count(connection, flt) if total is None else total
        if matches <= offset:
            return []
        population = _scalar(connection, "SELECT max(rowid) FROM referral", {})
        rowids = _page_rowids(
            connection,
            flt,
            offset=offset,
            limit=limit,
            sort=sort,
            descending=descending,
            matches=matches,
            walk=_prefer_walk(matches, population, offset + limit),
        )
        if not rowids:
            return []
        # Row ids are integers read back from SQLite: inlining them keeps the statement simple.
        ids = ", ".join(str(int(key)) for key in rowids)
        by_rowid = {row[0]: row for row in connection.execute(_ROWS_SQL.format(ids=ids))}
    return [_list_row(by_rowid[key], today) for key in rowids if key in by_rowid]


def _scalar(connection: sqlite3.Connection, sql: str, params: dict[str, Any]) -> int:
    row = connection.execute(sql, params).fetchone()
    return int(row[0] or 0) if row is not None else 0


def _list_row(row: Any, today: date) -> ReferralListRow:
    (
        _rowid,
        referral_id,
        number,
        created_on,
        track,
        last_name,
        first_name,
        birth_date,
        municipality_name,
        job_centre_name,
        status,
        status_changed_at,
        referral_restricted,
        person_restricted,
    ) = row
    # Stored as SQLAlchemy writes them (ISO text, naive UTC): see desktop.store.base.
    changed = datetime.fromisoformat(status_changed_at).replace(tzinfo=UTC)
    return ReferralListRow(
        id=referral_id,
        number=number,
        created_on=date.fromisoformat(created_on),
        track=Track(track),
        person_name=f"{last_name} {first_name}",
        age=age_on(date.fromisoformat(birth_date), today),
        municipality_name=municipality_name or "",
        job_centre_name=job_centre_name or "",
        status=ReferralStatus(status),
        # The operator's calendar day, not UTC's: a change at 00:30 in Varese is "today".
        days_in_status=max(0, (today - changed.astimezone().date()).days),
        restricted=bool(referral_restricted or person_restricted),
    )
