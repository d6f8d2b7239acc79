"""The SQL of the referral list: a filter's WHERE terms, its driving rows and the sort orders.

``desktop.services.referrals.listing`` explains when each shape is used. Three ways to meet a
filter, each telling SQLite which index to start from (the unary ``+`` keeps it from starting
anywhere else):

- *covered*: no search, Ambito or person: the partial index ``ix_referral_listed`` holds every
  column the terms test, so a count reads the index alone;
- *driven*: a search, a person or an Ambito picks few candidate rows (the *driver*), the other
  terms are checked on each;
- *walked*: the rows are visited in the sort order's index and each is checked (``person p``
  is joined to every visited row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from desktop.documents.labels import it_label
from desktop.domain.codes import ReferralStatus, Track
from desktop.domain.text import normalise_search_text

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

    ``ambito_id`` selects referrals of persons resident in a comune of that Ambito;
    ``created_from``/``created_to`` bound the referral's date, both days included.
    """

    search: str = ""
    track: Track | None = None
    statuses: frozenset[ReferralStatus] = field(default_factory=frozenset)
    job_centre_id: str | None = None
    ambito_id: str | None = None
    sent_by_site: str | None = None
    created_from: date | None = None
    created_to: date | None = None
    person_id: str | None = None
    include_restricted: bool = False

    @property
    def covered(self) -> bool:
        """True when ``ix_referral_listed`` alone can tell which rows match."""
        return not (normalise_search_text(self.search) or self.ambito_id or self.person_id)


@dataclass
class Terms:
    """WHERE terms and their parameters."""

    terms: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def sql(self) -> str:
        return " AND ".join(self.terms) if self.terms else "1"

    def add(self, term: str, **params: Any) -> None:
        self.terms.append(term)
        self.params.update(params)


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


def _prefix_params(needle: str) -> dict[str, str]:
    return {
        "prefix": needle,
        "prefix_end": needle + _PREFIX_END,
        "cf_prefix": needle.upper(),
        "cf_prefix_end": needle.upper() + _PREFIX_END,
    }


_NUMBER_RANGE = "r.number >= :prefix AND r.number < :prefix_end"
_NAME_RANGE = "p_s.search_name >= :prefix AND p_s.search_name < :prefix_end"
_CODE_RANGE = "p_s.fiscal_code >= :cf_prefix AND p_s.fiscal_code < :cf_prefix_end"
_PERSON_RANGES = f"(({_NAME_RANGE}) OR ({_CODE_RANGE}))"
_FTS_ROWIDS = "SELECT rowid FROM referral_search WHERE referral_search MATCH :fts"
_AMBITO_PERSONS = (
    "SELECT p_a.id FROM municipality m_a "
    "JOIN person p_a ON p_a.residence_municipality_id = m_a.id WHERE m_a.ambito_id = :ambito_id"
)
_RESTRICTED_PERSONS = "SELECT id FROM person WHERE restricted = 1"


@dataclass(frozen=True)
class Driver:
    """Candidate rows of a driven filter, as FROM/WHERE arms (several arms: UNION ALL)."""

    arms: tuple[tuple[str, str], ...]  # (FROM with ``referral r``, its own WHERE terms)
    params: dict[str, Any]
    driven_by: str  # "person", "search" or "ambito": that term is not checked again

    def select(
        self, columns: str, checks: Terms | Where, *, limit: str = ""
    ) -> tuple[str, dict[str, Any]]:
        """``SELECT columns`` of the candidates that pass ``checks``, arm after arm."""
        sql = checks.sql if isinstance(checks, Where) else checks.sql()
        parts = [
            f"SELECT {columns} FROM {from_} WHERE {where} AND {sql}" for from_, where in self.arms
        ]
        return " UNION ALL ".join(parts) + limit, {**self.params, **checks.params}


SEARCH_NONE = ""
SEARCH_NUMBER = "number"  # "2025/01": the start of a referral number
SEARCH_TEXT = "text"  # 3+ characters anywhere in number, codice fiscale or name (FTS5)
SEARCH_PREFIX = "prefix"  # 1-2 characters: the start of a name, a codice fiscale or a number

# A year and a slash only ever begin a referral number ("2025/000123"): the unique index on the
# number finds those as one range, where the trigram index would intersect several trigrams.
_NUMBER_START = re.compile(r"\d{4}/\d*")


def search_kind(needle: str) -> str:
    """How a normalised search text is looked up (the SEARCH_* constants)."""
    if not needle:
        return SEARCH_NONE
    if _NUMBER_START.fullmatch(needle):
        return SEARCH_NUMBER
    return SEARCH_TEXT if len(needle) >= TRIGRAM_MIN else SEARCH_PREFIX


def _driver(flt: ReferralFilter, needle: str, kind: str) -> Driver | None:
    """Where a driven filter starts: its person, its search text, or its Ambito's comuni."""
    if flt.person_id is not None:
        arm = ("referral r", "r.person_id = :person_id")
        return Driver((arm,), {"person_id": flt.person_id}, "person")
    if kind == SEARCH_NUMBER:
        return Driver((("referral r", _NUMBER_RANGE),), _prefix_params(needle), "search")
    if kind == SEARCH_TEXT:
        # Joined rather than ``rowid IN (...)``: rows stream from the index, so a count that
        # stops early stops reading the index too.
        arm = (
            "referral_search s CROSS JOIN referral r ON r.rowid = s.rowid",
            "s.referral_search MATCH :fts",
        )
        return Driver((arm,), {"fts": fts_match_query(needle)}, "search")
    if needle:
        # Numbers, persons by name, persons by codice fiscale: three arms that each stream from
        # their index (one arm with OR would collect every match first); a referral found by
        # two arms is counted in the first only.
        by_person = "person p_s CROSS JOIN referral r ON r.person_id = p_s.id"
        not_number = "NOT (+r.number >= :prefix AND +r.number < :prefix_end)"
        arms = (
            ("referral r", _NUMBER_RANGE),
            (by_person, f"{_NAME_RANGE} AND {not_number}"),
            (
                by_person,
                # The persons found by name, as a set made once from the covering index: the
                # name itself is not in the codice fiscale's index.
                f"{_CODE_RANGE} AND p_s.id NOT IN (SELECT p_n.id FROM person p_n WHERE "
                f"{_NAME_RANGE.replace('p_s.', 'p_n.')}) AND {not_number}",
            ),
        )
        return Driver(arms, _prefix_params(needle), "search")
    if flt.ambito_id is not None:
        arm = (
            "municipality m_a CROSS JOIN person p_a ON p_a.residence_municipality_id = m_a.id "
            "CROSS JOIN referral r ON r.person_id = p_a.id",
            "m_a.ambito_id = :ambito_id",
        )
        return Driver((arm,), {"ambito_id": flt.ambito_id}, "ambito")
    return None


def _row_checks(
    flt: ReferralFilter,
    needle: str,
    kind: str,
    *,
    skip: str = "",
    walk: bool = False,
    person_restriction: bool = True,
    covered: bool = False,
) -> Terms:
    """The filter's terms, each checked on a row already found (never an index to start from).

    ``skip``: the term the driver already ensures. ``walk``: ``person p`` is joined to the row.
    ``person_restriction`` False leaves out the check on the person's restriction (a count that
    subtracts those rows instead). ``covered``: the query reads ``ix_referral_listed``, whose
    ``deleted = 0`` and ``created_on`` range SQLite must see without a ``+``.
    """
    checks = Terms()
    checks.add("r.deleted = 0" if covered else "+r.deleted = 0")
    if not flt.include_restricted:
        checks.add("+r.restricted = 0")
    if flt.track is not None:
        checks.add("+r.track = :track", track=Track(flt.track).value)
    if flt.statuses:
        names = []
        for index, status in enumerate(sorted(ReferralStatus(s).value for s in flt.statuses)):
            names.append(f":status_{index}")
            checks.params[f"status_{index}"] = status
        checks.add(f"+r.status IN ({', '.join(names)})")
    if flt.job_centre_id is not None:
        checks.add("+r.job_centre_id = :job_centre_id", job_centre_id=flt.job_centre_id)
    if flt.sent_by_site is not None:
        checks.add("+r.sending_site = :sent_by_site", sent_by_site=flt.sent_by_site)
    column = "r.created_on" if covered else "+r.created_on"
    if flt.created_from is not None:
        checks.add(f"{column} >= :created_from", created_from=flt.created_from.isoformat())
    if flt.created_to is not None:
        checks.add(f"{column} <= :created_to", created_to=flt.created_to.isoformat())
    if flt.person_id is not None and skip != "person":
        checks.add("+r.person_id = :person_id", person_id=flt.person_id)
    if skip != "search":
        _search_check(needle, kind, checks, walk=walk, walk_by_number=covered)
    if flt.ambito_id is not None and skip != "ambito":
        column = "+p.residence_municipality_id" if walk else "+r.person_id"
        inner = (
            "SELECT id FROM municipality WHERE ambito_id = :ambito_id" if walk else _AMBITO_PERSONS
        )
        checks.add(f"{column} IN ({inner})", ambito_id=flt.ambito_id)
    if person_restriction and not flt.include_restricted:
        # Last: the only term that needs more than the columns of ix_referral_listed.
        checks.add("+p.restricted = 0" if walk else f"r.person_id NOT IN ({_RESTRICTED_PERSONS})")
    return checks


# Four digits or more, or digits around a slash: a codice fiscale never has more than three
# digits in a row and names have none, so such a text can only be part of a referral number.
_ONLY_IN_NUMBERS = re.compile(r"(?=.*(?:\d{4}|\d/|/\d))[\d/]+")


def only_in_numbers(needle: str) -> bool:
    """Whether a search text can match nothing but referral numbers."""
    return _ONLY_IN_NUMBERS.fullmatch(needle) is not None


def _search_check(
    needle: str, kind: str, checks: Terms, *, walk: bool, walk_by_number: bool = False
) -> None:
    if kind == SEARCH_NONE:
        return
    if kind == SEARCH_NUMBER:
        # ix_referral_listed holds the number: a walk of it never reads the table.
        checks.add("+r.number >= :prefix AND +r.number < :prefix_end", **_prefix_params(needle))
        return
    if kind == SEARCH_TEXT:
        if walk_by_number and only_in_numbers(needle):
            # ix_referral_listed holds the number: the walk tests each entry as it goes, where
            # the set of every matching row id ("2025": a quarter of all referrals) would cost
            # more to build than the walk to the first page.
            checks.add("instr(r.number, :needle) > 0", needle=needle.upper())
        else:
            checks.add(f"+r.rowid IN ({_FTS_ROWIDS})", fts=fts_match_query(needle))
        return
    checks.params.update(_prefix_params(needle))
    if walk:
        checks.add(
            "((+p.search_name >= :prefix AND +p.search_name < :prefix_end) "
            "OR (+p.fiscal_code >= :cf_prefix AND +p.fiscal_code < :cf_prefix_end) "
            "OR (+r.number >= :prefix AND +r.number < :prefix_end))"
        )
        return
    # The persons' ids come from the covering indexes on name and code, once; the number and
    # the person's id are in ix_referral_listed.
    checks.add(
        "((+r.number >= :prefix AND +r.number < :prefix_end) "
        f"OR +r.person_id IN (SELECT p_s.id FROM person p_s WHERE {_PERSON_RANGES}))"
    )


@dataclass(frozen=True)
class LabelWalk:
    """A column of codes sorted by their labels, walked one code at a time in the labels'
    order: each code's rows come from the column's index in row id order, as the sort's tie
    break wants them (no index holds the labels' order: walking the CASE would sort every row)."""

    walk_from: str  # FROM clause naming the column's index
    column: str
    codes: tuple[str, ...]  # in the labels' order

    def segments(self, *, descending: bool) -> list[tuple[str, str]]:
        """(FROM, extra WHERE) of each code, in the order asked."""
        codes = reversed(self.codes) if descending else self.codes
        return [(self.walk_from, f" AND {self.column} = '{code}'") for code in codes]


@dataclass(frozen=True)
class Order:
    joins: str  # after "referral r" when sorting; the walk has its own FROM
    walk_from: str  # FROM clause that delivers rows already in this order
    keys: tuple[str, ...]  # ORDER BY terms before the final row id tie-breaks
    tie_breaks: tuple[str, ...]
    inverted: bool = False  # ascending age = descending birth date
    by_label: LabelWalk | None = None  # walked code by code


_PERSON_JOIN = "JOIN person p ON p.id = r.person_id"
_PERSON_WALK = "person p CROSS JOIN referral r ON r.person_id = p.id"
# CROSS JOIN keeps SQLite from reordering the tables: the first one is walked in index order.
_REFERRAL_WALK = "referral r CROSS JOIN person p ON p.id = r.person_id"


def _by_label(column: str, codes: type[Track] | type[ReferralStatus]) -> Order:
    """A column of codes in the order of their Italian labels, as the list shows them (the
    codes' own order, English words, would put "Conclusa" after "Restituita")."""
    ranked = sorted(codes, key=lambda code: normalise_search_text(it_label(code)))
    whens = " ".join(f"WHEN '{code.value}' THEN {rank}" for rank, code in enumerate(ranked))
    index = "ix_" + column.replace("r.", "referral_")
    walk = LabelWalk(
        f"referral r INDEXED BY {index} CROSS JOIN person p ON p.id = r.person_id",
        column,
        tuple(code.value for code in ranked),
    )
    return Order("", _REFERRAL_WALK, (f"CASE {column} {whens} END",), ("r.rowid",), by_label=walk)


ORDERS: dict[SortKey, Order] = {
    SortKey.NUMBER: Order("", _REFERRAL_WALK, ("r.number",), ()),
    SortKey.CREATED_ON: Order("", _REFERRAL_WALK, ("r.created_on",), ("r.rowid",)),
    SortKey.TRACK: _by_label("r.track", Track),
    SortKey.STATUS: _by_label("r.status", ReferralStatus),
    SortKey.DAYS_IN_STATUS: Order(
        "", _REFERRAL_WALK, ("r.status_changed_at",), ("r.rowid",), inverted=True
    ),
    SortKey.PERSON: Order(_PERSON_JOIN, _PERSON_WALK, ("p.search_name",), ("p.rowid", "r.rowid")),
    SortKey.AGE: Order(
        _PERSON_JOIN, _PERSON_WALK, ("p.birth_date",), ("p.rowid", "r.rowid"), inverted=True
    ),
    SortKey.MUNICIPALITY: Order(
        _PERSON_JOIN + " LEFT JOIN municipality m ON m.id = p.residence_municipality_id",
        "municipality m CROSS JOIN person p ON p.residence_municipality_id = m.id "
        "CROSS JOIN referral r ON r.person_id = p.id",
        ("m.name",),
        ("m.rowid", "p.rowid", "r.rowid"),
    ),
    SortKey.JOB_CENTRE: Order(
        "JOIN job_centre j ON j.id = r.job_centre_id",
        "job_centre j CROSS JOIN referral r ON r.job_centre_id = j.id "
        "CROSS JOIN person p ON p.id = r.person_id",
        ("j.name",),
        ("j.rowid", "r.rowid"),
    ),
}


def order_by(order: Order, *, descending: bool, walk: bool) -> str:
    direction = " DESC" if descending != order.inverted else ""
    keys = [key if walk else f"+{key}" for key in order.keys]
    return ", ".join(f"{term}{direction}" for term in (*keys, *order.tie_breaks))


def _sort_source(
    flt: ReferralFilter, needle: str, kind: str, found: Driver | None, driven_checks: Terms
) -> Terms:
    """WHERE terms that select the matching rows when they are few enough to sort them all."""
    if found is None:
        # Read the rows through ix_referral_listed (a scan of the index, no table row).
        return _row_checks(flt, needle, kind, covered=True)
    candidates, params = found.select("r.rowid", Terms())
    checks = Terms(list(driven_checks.terms), dict(driven_checks.params))
    checks.terms.insert(0, f"r.rowid IN ({candidates})")
    checks.params.update(params)
    return checks


def _search_only_count(flt: ReferralFilter, needle: str, kind: str) -> Where | None:
    """For a filter that is a text search alone: its exact count from the search index.

    The matches are counted in ``referral_search`` alone (its entries are the referrals, one
    each), then those a list never shows are subtracted: tombstoned or restricted referrals,
    from the small partial index ``ix_referral_hidden``, and the referrals of restricted
    persons (few, from ``ix_person_restricted``). A broad search ("ber": thousands of matches)
    thus reads no referral row to count them.
    """
    others = (
        flt.track,
        flt.statuses,
        flt.job_centre_id,
        flt.ambito_id,
        flt.sent_by_site,
        flt.created_from,
        flt.created_to,
        flt.person_id,
    )
    if kind != SEARCH_TEXT or any(other is not None and other != frozenset() for other in others):
        return None
    hidden = "(r.deleted = 1 OR r.restricted = 1)"  # as ix_referral_hidden's WHERE
    if flt.include_restricted:
        hidden += " AND +r.deleted = 1"
    sql = (
        "(SELECT count(*) FROM referral_search WHERE referral_search MATCH :fts)"
        " - (SELECT count(*) FROM referral r INDEXED BY ix_referral_hidden"
        f" WHERE {hidden} AND +r.rowid IN ({_FTS_ROWIDS}))"
    )
    if not flt.include_restricted:
        sql += (
            " - (SELECT count(*) FROM person p CROSS JOIN referral r ON r.person_id = p.id"
            " WHERE p.restricted = 1 AND r.deleted = 0 AND r.restricted = 0"
            f" AND +r.rowid IN ({_FTS_ROWIDS}))"
        )
    return Where(f"SELECT {sql}", {"fts": fts_match_query(needle)})


@dataclass(frozen=True)
class Where:
    """A WHERE clause made once: its SQL and its parameters (copy them before adding any)."""

    sql: str
    params: dict[str, Any] = field(hash=False, compare=False)

    @classmethod
    def of(cls, terms: Terms) -> Where:
        return cls(terms.sql(), dict(terms.params))


@dataclass(frozen=True)
class QueryPlan:
    """A filter compiled once into the SQL its count, its pages and its row ids all share.

    Made by ``plan_query`` when the filter changes; the sort order is chosen per query.
    ``driver`` is None for a *covered* filter, counted from ``ix_referral_listed``.
    """

    filter: ReferralFilter
    needle: str  # the search text, normalised
    search_kind: str  # SEARCH_* constant
    driver: Driver | None
    # Covered filters: the referrals listed, without the check on their person's restriction,
    # and (unless restricted ones are shown) the referrals of restricted persons to subtract.
    listed: Where
    restricted_persons_referrals: Where | None
    # Driven filters: the terms checked on each candidate row (the driver's own left out).
    driven_checks: Where | None
    walked: Where  # on rows visited in a sort order's index, ``person p`` joined
    covered_walk: Where  # on rows visited in ix_referral_listed
    sorted_source: Where  # the matching rows, when they are few enough to sort them all
    # A text search alone: a query that counts it exactly without reading referral rows.
    search_count: Where | None = None

    @property
    def driven(self) -> bool:
        return self.driver is not None

    @property
    def runs_with_date(self) -> bool:
        """Whether the matches bunch together in date order: the start of a referral number
        holds its year (see ``listing.first_page``)."""
        return self.search_kind == SEARCH_NUMBER


def plan_query(flt: ReferralFilter) -> QueryPlan:
    """Compile a filter: its search text normalised once, its driver and WHERE clauses."""
    needle = normalise_search_text(flt.search)
    kind = search_kind(needle)
    found = _driver(flt, needle, kind)
    driven = None if found is None else _row_checks(flt, needle, kind, skip=found.driven_by)
    theirs = None
    if found is None and not flt.include_restricted:
        theirs = Where.of(_row_checks(flt, needle, kind, person_restriction=False))
    return QueryPlan(
        filter=flt,
        needle=needle,
        search_kind=kind,
        driver=found,
        listed=Where.of(_row_checks(flt, needle, kind, covered=True, person_restriction=False)),
        restricted_persons_referrals=theirs,
        driven_checks=None if driven is None else Where.of(driven),
        walked=Where.of(_row_checks(flt, needle, kind, walk=True)),
        covered_walk=Where.of(_row_checks(flt, needle, kind, covered=True)),
        sorted_source=Where.of(_sort_source(flt, needle, kind, found, driven or Terms())),
        search_count=_search_only_count(flt, needle, kind),
    )
