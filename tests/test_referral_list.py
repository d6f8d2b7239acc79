"""The referral list's queries: filters, search, order and paging, with no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from desktop.domain.codes import ReferralStatus, Sex, Track
from desktop.domain.text import normalise_search_text
from desktop.services.reference import load_shipped_comuni
from desktop.services.referral_list import (
    ReferralFilter,
    ReferralListRow,
    SortKey,
    _page_rowids,
    count_referrals,
    fetch_referral_rows,
    fts_match_query,
)
from desktop.store.engine import Store
from desktop.store.models import Ambito, JobCentre, Municipality, Person, Referral

TODAY = date(2026, 11, 27)


@dataclass(frozen=True)
class ListData:
    varese_centre: str
    gallarate_centre: str
    varese_ambito: str


# last name, first name, codice fiscale, birth date, comune of residence, restricted
PERSONS = {
    "giulia": ("Brambilla", "Giulia", "BRMGLI04E57L682K", date(2004, 5, 17), "Varese", False),
    "marco": ("Bianchi", "Marco", "BNCMRC00A10D869P", date(2000, 1, 10), "Gallarate", False),
    "nicolo": ("Colombo", "Nicolò", "CLMNCL98C03L682Z", date(1998, 3, 3), None, False),
    "anna": ("Rossi", "Anna", "RSSNNA02L47L682W", date(2002, 7, 7), "Varese", True),
    "luca": ("Ferrari", "Luca", "FRRLCU99P09I819E", date(1999, 9, 9), "Somma Lombardo", False),
    "sara": ("De Luca", "Sara", "DLCSRA01B42D869U", date(2001, 2, 2), "Gallarate", False),
}

# number, person, track, status, CPI, sending site, created on, status changed, restricted,
# deleted
REFERRALS = [
    ("2026/000001", "giulia", "neet", "sent", "VA", "AMB-VA", (1, 10), (11, 20), False, False),
    ("2026/000002", "marco", "cmd", "received", "GA", "AMB-GA", (2, 10), (11, 1), False, False),
    ("2026/000003", "nicolo", "neet", "draft", "VA", "AMB-VA", (3, 10), (10, 1), False, False),
    ("2026/000004", "anna", "neet", "sent", "VA", "AMB-VA", (4, 10), (9, 1), False, False),
    ("2026/000005", "luca", "cmd", "in_path", "GA", "ETS-1", (5, 10), (8, 1), True, False),
    ("2026/000006", "sara", "neet", "concluded", "GA", "AMB-GA", (6, 10), (7, 1), False, True),
    (
        "2026/000007",
        "giulia",
        "cmd",
        "taken_in_charge",
        "GA",
        "AMB-VA",
        (7, 10),
        (6, 1),
        False,
        False,
    ),
    ("2026/000008", "sara", "cmd", "withdrawn", "VA", "AMB-GA", (8, 10), (5, 1), False, False),
    ("2026/000012", "luca", "neet", "sent", "VA", "ETS-1", (9, 10), (4, 1), False, False),
]
VISIBLE = ["2026/000001", "2026/000002", "2026/000003", "2026/000007", "2026/000008", "2026/000012"]


@pytest.fixture
def list_data(store: Store) -> ListData:
    load_shipped_comuni(store)
    with store.write() as session:
        comuni = {
            m.name: m
            for m in session.scalars(
                select(Municipality).where(
                    Municipality.name.in_(["Varese", "Gallarate", "Somma Lombardo"])
                )
            )
        }
        ambito = Ambito(code="AMB-VA", name="Ambito di Varese")
        other_ambito = Ambito(code="AMB-GA", name="Ambito di Gallarate")
        session.add_all([ambito, other_ambito])
        session.flush()
        comuni["Varese"].ambito_id = ambito.id
        comuni["Gallarate"].ambito_id = other_ambito.id
        centres = {
            "VA": JobCentre(code="CPI-VA", name="CPI di Varese"),
            "GA": JobCentre(code="CPI-GA", name="CPI di Gallarate"),
        }
        session.add_all(centres.values())
        persons = {}
        for key, (last, first, code, born, comune, restricted) in PERSONS.items():
            persons[key] = Person(
                fiscal_code=code,
                last_name=last,
                first_name=first,
                search_name=normalise_search_text(f"{last} {first}"),
                sex=Sex.FEMALE,
                birth_date=born,
                residence_municipality_id=comuni[comune].id if comune else None,
                restricted=restricted,
            )
        session.add_all(persons.values())
        session.flush()
        for (
            number,
            person,
            track,
            status,
            centre,
            site,
            created,
            changed,
            restricted,
            deleted,
        ) in REFERRALS:
            session.add(
                Referral(
                    number=number,
                    track=Track(track),
                    status=ReferralStatus(status),
                    status_changed_at=datetime(2026, *changed, 12, 0, tzinfo=UTC),
                    person_id=persons[person].id,
                    sending_site=site,
                    job_centre_id=centres[centre].id,
                    created_on=date(2026, *created),
                    restricted=restricted,
                    deleted=deleted,
                )
            )
        return ListData(centres["VA"].id, centres["GA"].id, ambito.id)


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


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        (SortKey.NUMBER, lambda row: row.number),
        (SortKey.CREATED_ON, lambda row: row.created_on),
        (SortKey.TRACK, lambda row: row.track.value),
        (SortKey.PERSON, lambda row: normalise_search_text(row.person_name)),
        (SortKey.AGE, lambda row: row.age),
        (SortKey.MUNICIPALITY, lambda row: row.municipality_name),
        (SortKey.JOB_CENTRE, lambda row: row.job_centre_name),
        (SortKey.STATUS, lambda row: row.status.value),
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


@pytest.mark.parametrize("search", ["", "luca", "b"])
def test_walking_and_sorting_agree(store: Store, list_data: ListData, search: str) -> None:
    """The two ways of finding a page give the same rows in the same order, for every order."""
    flt = ReferralFilter(search=search)
    matches = count_referrals(store, flt)
    with store.raw_read() as connection:
        for sort in SortKey:
            for descending in (False, True):
                pages = {
                    walk: [
                        _page_rowids(
                            connection,
                            flt,
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
