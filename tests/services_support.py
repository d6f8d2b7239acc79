"""Small builders shared by service tests: a minimal network and valid fake persons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.domain.codes import Sex, SiteKind, Track
from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.services.context import Actor
from desktop.services.persons import PersonDetail, PersonInput, create_person
from desktop.services.reference import load_shipped_comuni
from desktop.services.referrals.records import ReferralInput
from desktop.store.engine import Store
from desktop.store.models import JobCentre, JobCentreCatchment, Municipality, Site

VARESE_CADASTRAL = "L682"


@dataclass(frozen=True)
class Network:
    ambito: Actor
    other_ambito: Actor
    cpi: Actor
    other_cpi: Actor
    job_centre_id: str
    other_job_centre_id: str
    varese_id: str  # a comune in the first CPI's catchment
    gallarate_id: str  # a comune in the other CPI's catchment


def build_network(store: Store) -> Network:
    load_shipped_comuni(store)
    with store.write() as session:
        varese = session.scalars(select(Municipality).where(Municipality.name == "Varese")).one()
        gallarate = session.scalars(
            select(Municipality).where(Municipality.name == "Gallarate")
        ).one()
        centre = JobCentre(code="CPI-VA", name="CPI di Varese")
        other = JobCentre(code="CPI-GA", name="CPI di Gallarate")
        session.add_all([centre, other])
        session.flush()
        session.add_all(
            [
                JobCentreCatchment(job_centre_id=centre.id, municipality_id=varese.id),
                JobCentreCatchment(job_centre_id=other.id, municipality_id=gallarate.id),
                Site(code="AMB-VA", kind=SiteKind.AMBITO, name="Ambito di Varese"),
                Site(code="AMB-GA", kind=SiteKind.AMBITO, name="Ambito di Gallarate"),
                Site(code="CPI-VA", kind=SiteKind.CPI, name="CPI Varese", job_centre_id=centre.id),
                Site(code="CPI-GA", kind=SiteKind.CPI, name="CPI GA", job_centre_id=other.id),
            ]
        )
        ids = (centre.id, other.id, varese.id, gallarate.id)
    return Network(
        ambito=Actor("a.rossi", "AMB-VA", SiteKind.AMBITO),
        other_ambito=Actor("g.verdi", "AMB-GA", SiteKind.AMBITO),
        cpi=Actor("c.neri", "CPI-VA", SiteKind.CPI),
        other_cpi=Actor("l.galli", "CPI-GA", SiteKind.CPI),
        job_centre_id=ids[0],
        other_job_centre_id=ids[1],
        varese_id=ids[2],
        gallarate_id=ids[3],
    )


def person_input(
    *,
    last_name: str = "Brambilla",
    first_name: str = "Giulia",
    sex: str = "F",
    birth_date: date = date(2004, 5, 17),
    residence_municipality_id: str | None = None,
) -> PersonInput:
    code = encode_fiscal_code(
        last_name=last_name,
        first_name=first_name,
        sex=sex,
        birth_date=birth_date,
        birthplace_code=VARESE_CADASTRAL,
    )
    return PersonInput(
        fiscal_code=code,
        last_name=last_name,
        first_name=first_name,
        sex=Sex(sex),
        birth_date=birth_date,
        birthplace_code=VARESE_CADASTRAL,
        birthplace_name="Varese",
        citizenship="italiana",
        residence_municipality_id=residence_municipality_id,
        residence_address="Via Giuseppe Garibaldi 12",
        residence_postcode="21100",
    )


def make_person(store: Store, network: Network, **overrides: object) -> PersonDetail:
    data = person_input(residence_municipality_id=network.varese_id, **overrides)  # type: ignore[arg-type]
    return create_person(store, actor=network.ambito, data=data, today=date(2026, 11, 27))


def neet_input(person_id: str, **overrides: object) -> ReferralInput:
    values: dict[str, object] = {
        "track": Track.NEET,
        "person_id": person_id,
        "referring_service": "Servizio sociale di base",
        "referring_operator": "Anna Colombo",
        "reason": "Giovane fuori da scuola e lavoro da oltre un anno, chiede orientamento.",
        "privacy_notice_on": date(2026, 11, 20),
        "needs": ("orientation", "motivation"),
        "out_of_work_since": date(2025, 6, 1),
        "gol_path": 2,
    }
    values.update(overrides)
    return ReferralInput(**values)  # type: ignore[arg-type]
