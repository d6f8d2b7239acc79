"""The referral list's queries: filters, search, order and paging, with no Qt."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select, update

from desktop.domain.codes import ReferralStatus, Track
from desktop.domain.text import normalise_search_text
from desktop.services.referrals import listing_sql
from desktop.services.referrals.listing import (
    ListQueryCancelled,
    ReferralFilter,
    ReferralListRow,
    SortKey,
    _page_rowids,
    count_cap,
    count_referrals,
    fetch_referral_rows,
    fetch_rows_by_rowid,
    first_page,
    fts_match_query,
    ordered_rowids,
    plan_query,
)
from desktop.services.referrals.listing_sql import only_in_numbers
from desktop.store.engine import Store
from desktop.store.models import Person, Referral
from tests.referral_list_support import (
    TODAY,
    VISIBLE,
    ListData,
    build_list_data,
)


@pytest.fixture
def list_data(store: Store) -> ListData:
    return build_list_data(store)


def numbers(store: Store, flt: ReferralFilter, **kwargs: object) -> list[str]:
    options: dict[str, object] = {
        "offset": 0,
        "limit": 100,
        "sort": SortKey.NUMBER,
        "descending": False,
        "today": TODAY,
    }
    options.update(kwargs)
    return [row.number for row in fetch_referral_rows(store, flt, **options)]  # type: ignore[arg-type]


def test_default_list_hides_deleted_and_restricted(store: Store, list_data: ListData) -> None:
    """Tombstones never show; restricted referrals and persons only when asked for."""
    assert count_referrals(store, ReferralFilter()) == len(VISIBLE)
    assert numbers(store, ReferralFilter()) == VISIBLE

    with_restricted = ReferralFilter(include_restricted=True)
    assert count_referrals(store, with_restricted) == len(VISIBLE) + 2
    rows = fetch_referral_rows(
        store,
        with_restricted,
        offset=0,
        limit=100,
        sort=SortKey.NUMBER,
        descending=False,
        today=TODAY,
    )
    flagged = {row.number for row in rows if row.restricted}
    assert flagged == {"2026/000004", "2026/000005"}
    assert "2026/000006" not in {row.number for row in rows}


def test_row_carries_what_the_list_shows(store: Store, list_data: ListData) -> None:
    """Name as "Cognome Nome", age and days in status on the injected date, comune and CPI."""
    rows = fetch_referral_rows(
        store,
        ReferralFilter(search="2026/000001"),
        offset=0,
        limit=10,
        sort=SortKey.NUMBER,
        descending=False,
        today=TODAY,
    )
    assert rows == [
        ReferralListRow(
            id=rows[0].id,
            number="2026/000001",
            created_on=date(2026, 1, 10),
            track=Track.NEET,
            person_name="Brambilla Giulia",
            age=22,
            municipality_name="Varese",
            job_centre_name="CPI di Varese",
            status=ReferralStatus.SENT,
            days_in_status=7,
            restricted=False,
        )
    ]
    no_comune = numbers(store, ReferralFilter(search="colombo"))
    assert no_comune == ["2026/000003"]


@pytest.mark.parametrize(
    ("flt_kwargs", "expected"),
    [
        ({"track": Track.CMD}, ["2026/000002", "2026/000007", "2026/000008"]),
        (
            {"statuses": frozenset({ReferralStatus.SENT, ReferralStatus.DRAFT})},
            ["2026/000001", "2026/000003", "2026/000012"],
        ),
        ({"sent_by_site": "ETS-1"}, ["2026/000012"]),
        ({"sent_by_site": "NESSUNO"}, []),
        ({"track": Track.NEET, "sent_by_site": "AMB-VA"}, ["2026/000001", "2026/000003"]),
    ],
)
def test_filters(
    store: Store, list_data: ListData, flt_kwargs: dict[str, object], expected: list[str]
) -> None:
    flt = ReferralFilter(**flt_kwargs)  # type: ignore[arg-type]
    assert count_referrals(store, flt) == len(expected)
    assert numbers(store, flt) == expected


def test_filter_by_job_centre_and_ambito(store: Store, list_data: ListData) -> None:
    """The Ambito is the one of the person's comune of residence."""
    by_centre = ReferralFilter(job_centre_id=list_data.gallarate_centre)
    assert numbers(store, by_centre) == ["2026/000002", "2026/000007"]
    assert count_referrals(store, by_centre) == 2
    by_ambito = ReferralFilter(ambito_id=list_data.varese_ambito)
    assert numbers(store, by_ambito) == ["2026/000001", "2026/000007"]
    assert count_referrals(store, by_ambito) == 2
    with_restricted = ReferralFilter(ambito_id=list_data.varese_ambito, include_restricted=True)
    assert numbers(store, with_restricted) == ["2026/000001", "2026/000004", "2026/000007"]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        # 1-2 characters: prefixes of surname, codice fiscale or number
        ("b", ["2026/000001", "2026/000002", "2026/000007"]),
        ("Bi", ["2026/000002"]),
        ("bn", ["2026/000002"]),  # start of Bianchi's codice fiscale
        # 3+ characters: anywhere in name, codice fiscale or number (trigram index)
        ("ambil", ["2026/000001", "2026/000007"]),
        ("NICOLO", ["2026/000003"]),
        ("nicolò colombo", ["2026/000003"]),  # words in any order, accents ignored
        ("de luca", ["2026/000008"]),  # a short word is matched with its neighbour
        ("BNCMRC00A10D869P", ["2026/000002"]),
        ("bncmrc00a10d869p", ["2026/000002"]),
        ("2026/000012", ["2026/000012"]),
        ("000012", ["2026/000012"]),
        ("rossi", []),  # restricted person
        ("zzz", []),
        ('"luca', []),  # a quote is searched as typed, never breaks the FTS query
    ],
)
def test_search(store: Store, list_data: ListData, search: str, expected: list[str]) -> None:
    flt = ReferralFilter(search=search)
    assert numbers(store, flt) == expected
    assert count_referrals(store, flt) == len(expected)


def test_search_finds_restricted_only_when_asked(store: Store, list_data: ListData) -> None:
    flt = ReferralFilter(search="rossi", include_restricted=True)
    assert numbers(store, flt) == ["2026/000004"]
    assert count_referrals(store, flt) == 1


def test_fts_query_quotes_every_word() -> None:
    assert fts_match_query("rossi mario") == '"rossi" AND "mario"'
    assert fts_match_query("de luca") == '"luca" AND "de luca"'
    assert fts_match_query('a"b') == '"a""b"'


# Track and status sort as the list shows them, by their Italian labels.
_ITALIAN_TRACKS = [Track.CMD, Track.NEET]  # "Collocamento mirato (CMD)", "NEET"
_ITALIAN_STATUSES = [
    ReferralStatus.WITHDRAWN,  # Annullata
    ReferralStatus.DRAFT,  # Bozza
    ReferralStatus.CONCLUDED,  # Conclusa
    ReferralStatus.IN_PATH,  # In percorso
    ReferralStatus.SENT,  # Inviata
    ReferralStatus.NOT_RELEVANT,  # Non pertinente
    ReferralStatus.TAKEN_IN_CHARGE,  # Presa in carico
    ReferralStatus.RETURNED,  # Restituita
    ReferralStatus.RECEIVED,  # Ricevuta
]


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        (SortKey.NUMBER, lambda row: row.number),
        (SortKey.CREATED_ON, lambda row: row.created_on),
        (SortKey.TRACK, lambda row: _ITALIAN_TRACKS.index(row.track)),
        (SortKey.PERSON, lambda row: normalise_search_text(row.person_name)),
        (SortKey.AGE, lambda row: row.age),
        (SortKey.MUNICIPALITY, lambda row: row.municipality_name),
        (SortKey.JOB_CENTRE, lambda row: row.job_centre_name),
        (SortKey.STATUS, lambda row: _ITALIAN_STATUSES.index(row.status)),
        (SortKey.DAYS_IN_STATUS, lambda row: row.days_in_status),
    ],
)
@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_every_column(
    store: Store, list_data: ListData, sort: SortKey, key: object, descending: bool
) -> None:
    """Every column sorts both ways, and paging gives the same order as one big page."""
    flt = ReferralFilter(include_restricted=True)
    whole = fetch_referral_rows(
        store, flt, offset=0, limit=100, sort=sort, descending=descending, today=TODAY
    )
    keys = [key(row) for row in whole]  # type: ignore[operator]
    assert keys == sorted(keys, reverse=descending)
    assert len(whole) == 8
    for size in (1, 3):
        paged: list[ReferralListRow] = []
        for offset in range(0, 10, size):
            paged += fetch_referral_rows(
                store,
                flt,
                offset=offset,
                limit=size,
                sort=sort,
                descending=descending,
                today=TODAY,
            )
        assert [row.id for row in paged] == [row.id for row in whole]


@pytest.mark.parametrize("search", ["", "luca", "b", "0000", "6/00", "00012"])
def test_walking_and_sorting_agree(store: Store, list_data: ListData, search: str) -> None:
    """The two ways of finding a page give the same rows in the same order, for every order."""
    plan = plan_query(ReferralFilter(search=search))
    matches = count_referrals(store, plan)
    with store.raw_read() as connection:
        for sort in SortKey:
            for descending in (False, True):
                pages = {
                    walk: [
                        _page_rowids(
                            connection,
                            plan,
                            offset=offset,
                            limit=2,
                            sort=sort,
                            descending=descending,
                            matches=matches,
                            walk=walk,
                        )
                        for offset in range(0, matches + 2, 2)
                    ]
                    for walk in (False, True)
                }
                assert pages[True] == pages[False], (sort, descending)
                assert sum(len(page) for page in pages[True]) == matches


def test_pages_past_the_end_are_empty(store: Store, list_data: ListData) -> None:
    assert numbers(store, ReferralFilter(), offset=6) == []
    assert numbers(store, ReferralFilter(), limit=0) == []
    assert numbers(store, ReferralFilter(), offset=4, total=6) == ["2026/000008", "2026/000012"]


def test_filter_by_period_includes_both_days(store: Store, list_data: ListData) -> None:
    flt = ReferralFilter(created_from=date(2026, 2, 10), created_to=date(2026, 7, 10))
    assert numbers(store, flt) == ["2026/000002", "2026/000003", "2026/000007"]
    assert count_referrals(store, flt) == 3
    only_to = ReferralFilter(created_to=date(2026, 1, 10))
    assert numbers(store, only_to) == ["2026/000001"]


def test_filter_by_person_lists_all_of_theirs(store: Store, list_data: ListData) -> None:
    """A person's referrals (a person's page asks for restricted ones too)."""
    with store.read() as session:
        luca_id = session.scalars(select(Person.id).where(Person.last_name == "Ferrari")).one()
    assert numbers(store, ReferralFilter(person_id=luca_id)) == ["2026/000012"]
    both = ReferralFilter(person_id=luca_id, include_restricted=True)
    assert numbers(store, both) == ["2026/000005", "2026/000012"]
    assert count_referrals(store, both) == 2
    assert numbers(store, replace(both, search="000005")) == ["2026/000005"]


@pytest.mark.parametrize(
    "flt",
    [
        ReferralFilter(),
        ReferralFilter(search="b"),
        ReferralFilter(search="luca"),
        ReferralFilter(track=Track.CMD, include_restricted=True),
        ReferralFilter(statuses=frozenset({ReferralStatus.SENT})),
    ],
)
def test_ordered_rowids_give_the_pages_order(
    store: Store, list_data: ListData, flt: ReferralFilter
) -> None:
    """Row ids found at once, then rows read by them, give exactly the paged list."""
    for sort in SortKey:
        for descending in (False, True):
            paged = fetch_referral_rows(
                store, flt, offset=0, limit=100, sort=sort, descending=descending, today=TODAY
            )
            rowids = ordered_rowids(store, flt, sort=sort, descending=descending)
            assert len(rowids) == count_referrals(store, flt)
            by_rowid = fetch_rows_by_rowid(store, rowids, today=TODAY)
            assert [row.id for row in by_rowid] == [row.id for row in paged], (sort, descending)


def test_first_page_counts_exactly_when_cheap(store: Store, list_data: ListData) -> None:
    page = first_page(
        store, ReferralFilter(), sort=SortKey.NUMBER, descending=False, limit=4, today=TODAY
    )
    assert (page.count, page.exact) == (len(VISIBLE), True)
    assert [row.number for row in page.rows] == VISIBLE[:4]


def test_first_page_stops_counting_a_search_with_many_matches(
    store: Store, list_data: ListData
) -> None:
    """Past the cap the count is a lower bound, and the page is still the right one."""
    flt = ReferralFilter(search="2026/")
    page = first_page(
        store, flt, sort=SortKey.NUMBER, descending=False, limit=2, today=TODAY, count_floor=3
    )
    assert page.exact is False
    assert 3 <= page.count < len(VISIBLE)
    assert [row.number for row in page.rows] == VISIBLE[:2]
    few = first_page(
        store,
        ReferralFilter(search="bianchi"),
        sort=SortKey.NUMBER,
        descending=False,
        limit=2,
        today=TODAY,
        count_floor=3,
    )
    assert (few.count, few.exact) == (1, True)


def test_count_cap_grows_with_the_table() -> None:
    assert count_cap(10, 100) == 1000
    assert count_cap(100_000, 100) == 3163
    assert count_cap(1_000_000, 100) == 10_001


def test_a_cancelled_query_stops_and_returns_nothing(store: Store, list_data: ListData) -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(ListQueryCancelled):
        ordered_rowids(
            store, ReferralFilter(), sort=SortKey.PERSON, descending=False, cancelled=stop.is_set
        )


def test_rows_say_why_they_are_restricted(store: Store, list_data: ListData) -> None:
    with store.write() as session:
        session.execute(
            update(Referral)
            .where(Referral.number == "2026/000005")
            .values(restriction_reason="Richiesta dell'interessato")
        )
    rows = fetch_referral_rows(
        store,
        ReferralFilter(include_restricted=True, search="00000"),
        offset=0,
        limit=10,
        sort=SortKey.NUMBER,
        descending=False,
        today=TODAY,
    )
    reasons = {row.number: row.restriction_reason for row in rows if row.restricted}
    assert reasons["2026/000005"] == "Richiesta dell'interessato"
    assert "2026/000004" in reasons  # the person is restricted: the person's reason (none here)


def test_rows_gone_are_left_out(store: Store, list_data: ListData) -> None:
    rowids = ordered_rowids(store, ReferralFilter(), sort=SortKey.NUMBER, descending=False)
    with store.write() as session:
        session.execute(
            update(Referral).where(Referral.number == "2026/000002").values(deleted=True)
        )
    rows = fetch_rows_by_rowid(store, rowids, today=TODAY)
    assert "2026/000002" not in [row.number for row in rows]
    assert len(rows) == len(VISIBLE) - 1


@pytest.mark.parametrize(
    ("needle", "numbers_only"),
    [
        ("2025", True),  # four digits: a codice fiscale has at most three in a row
        ("000123", True),
        ("2026/", True),
        ("/0001", True),
        ("0002/000", True),
        ("202", False),  # three digits may be part of a codice fiscale
        ("12", False),
        ("rss2025", False),
        ("20 25", False),
    ],
)
def test_only_number_like_texts_skip_the_trigram_index(needle: str, numbers_only: bool) -> None:
    assert only_in_numbers(needle) is numbers_only


def test_a_digits_search_walks_the_numbers_and_finds_them_anywhere(
    store: Store, list_data: ListData
) -> None:
    """ "0000" is in every number, not at its start: the walk finds what the index would."""
    page = first_page(
        store,
        ReferralFilter(search="0000"),
        sort=SortKey.CREATED_ON,
        descending=True,
        limit=3,
        today=TODAY,
        count_floor=2,
    )
    # A text search alone is counted exactly from the search index, past any cap.
    assert (page.count, page.exact) == (len(VISIBLE), True)
    everything = fetch_referral_rows(
        store,
        ReferralFilter(),
        offset=0,
        limit=3,
        sort=SortKey.CREATED_ON,
        descending=True,
        today=TODAY,
    )
    assert [row.id for row in page.rows] == [row.id for row in everything]


@pytest.mark.parametrize(
    "flt",
    [
        ReferralFilter(),
        ReferralFilter(include_restricted=True),
        ReferralFilter(search="  Luca "),
        ReferralFilter(search="b"),
        ReferralFilter(search="2026/00"),
        ReferralFilter(search="0000", include_restricted=True),
        ReferralFilter(track=Track.NEET, statuses=frozenset({ReferralStatus.SENT})),
    ],
)
def test_a_plan_answers_as_its_filter(
    store: Store, list_data: ListData, flt: ReferralFilter
) -> None:
    """Count, pages and row ids are the same whether given the filter or its compiled plan."""
    _plan_answers_as_its_filter(store, flt)
    _plan_answers_as_its_filter(store, replace(flt, ambito_id=list_data.varese_ambito))


def _plan_answers_as_its_filter(store: Store, flt: ReferralFilter) -> None:
    plan = plan_query(flt)
    assert plan.filter == flt
    assert count_referrals(store, plan) == count_referrals(store, flt)
    for sort in SortKey:
        assert numbers(store, plan, sort=sort) == numbers(store, flt, sort=sort)
        assert ordered_rowids(store, plan, sort=sort, descending=True) == ordered_rowids(
            store, flt, sort=sort, descending=True
        )
    page = first_page(store, plan, sort=SortKey.CREATED_ON, descending=True, limit=3, today=TODAY)
    assert page == first_page(
        store, flt, sort=SortKey.CREATED_ON, descending=True, limit=3, today=TODAY
    )


def test_a_plan_normalises_the_search_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = listing_sql.normalise_search_text

    def counted(text: str) -> str:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(listing_sql, "normalise_search_text", counted)
    plan = plan_query(ReferralFilter(search="  Rossì  M"))
    assert calls == ["  Rossì  M"]
    assert plan.needle == real("  Rossì  M")
    assert plan.driven and plan.driven_checks is not None
    assert plan_query(ReferralFilter()).driver is None


@pytest.mark.parametrize("include_restricted", [False, True])
@pytest.mark.parametrize("needle", ["0000", "2026", "rossi", "bianchi", "nessuno"])
def test_a_search_alone_is_counted_from_its_index_as_the_rows_would_be(
    store: Store, list_data: ListData, needle: str, include_restricted: bool
) -> None:
    """The search index's count, less the hidden referrals (tombstoned, restricted, of a
    restricted person), is the count of the matching rows themselves."""
    with store.write() as session:
        session.execute(
            update(Referral).where(Referral.number == "2026/000002").values(deleted=True)
        )
    flt = ReferralFilter(search=needle, include_restricted=include_restricted)
    plan = plan_query(flt)
    assert plan.search_count is not None
    row_by_row = replace(plan, search_count=None)
    expected = count_referrals(store, row_by_row)
    assert count_referrals(store, plan) == expected
    ids = ordered_rowids(store, plan, sort=SortKey.NUMBER, descending=False)
    assert len(ids) == expected
    # Any other term of the filter: counted row by row, as before.
    assert plan_query(replace(flt, track=Track.CMD)).search_count is None


def test_a_cancelled_job_leaves_no_interruption_on_a_kept_connection(
    store: Store, list_data: ListData
) -> None:
    """The store keeps its read connections: a job's cancel flag, turned true after the job
    ended, must not interrupt the next query on the connection the job used."""
    flag = threading.Event()
    ordered_rowids(
        store, ReferralFilter(), sort=SortKey.NUMBER, descending=False, cancelled=flag.is_set
    )
    flag.set()
    for _ in range(3):  # whichever kept connection comes next
        with store.raw_read() as connection:
            rows = connection.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                "SELECT count(*) FROM n"
            ).fetchone()
        assert rows[0] == 20000
