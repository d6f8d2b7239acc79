"""A small, fully known set of referrals for the list's tests (services and GUI).

Every person here is invented; the codici fiscali are shaped like real ones, nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from desktop.domain.codes import ReferralStatus, Sex, SiteKind, Track
from desktop.domain.text import normalise_search_text
from desktop.services.reference import load_shipped_comuni
from desktop.store.engine import Store
from desktop.store.models import Ambito, JobCentre, Municipality, Person, Referral, Site

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


def build_list_data(store: Store) -> ListData:
    """Two CPIs, two Ambiti, a CPI site, six persons and nine referrals (see REFERRALS)."""
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
        session.add_all(
            [
                Site(code="AMB-VA", kind=SiteKind.AMBITO, name="Ambito di Varese"),
                Site(
                    code="CPI-GA",
                    kind=SiteKind.CPI,
                    name="CPI di Gallarate",
                    job_centre_id=centres["GA"].id,
                ),
            ]
        )
        return ListData(centres["VA"].id, centres["GA"].id, ambito.id)
