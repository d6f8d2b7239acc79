"""Reference data: the shipped comuni, and look-ups over comuni, Ambiti and CPIs.

Comuni come from ISTAT's "Elenco dei comuni italiani" (CC BY 3.0 IT, credit ISTAT), shipped in
``sync/protocol/comuni_VA.csv`` (read through ``sync.protocol.comuni``: one copy, shared with the
server); Ambiti and CPIs are configuration data that the Province imports on the server (only
demo ones exist offline, labelled as such).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.store.engine import Store
from desktop.store.models import Ambito, JobCentre, JobCentreCatchment, Municipality
from sync.protocol.comuni import read_comuni

PROVINCE_SITE = "PROVINCIA-VA"


@dataclass(frozen=True)
class MunicipalityRow:
    id: str
    istat_code: str
    name: str
    cadastral_code: str
    ambito_id: str | None


@dataclass(frozen=True)
class JobCentreRow:
    id: str
    code: str
    name: str
    is_demo: bool


@dataclass(frozen=True)
class AmbitoRow:
    id: str
    code: str
    name: str
    is_demo: bool


def read_shipped_comuni() -> list[dict[str, str]]:
    return read_comuni()


def load_shipped_comuni(store: Store) -> int:
    """Insert the shipped comuni that are missing; returns how many were added."""
    rows = read_shipped_comuni()
    with store.write() as session:
        known = set(session.scalars(select(Municipality.istat_code)))
        added = [
            Municipality(
                istat_code=row["codice_istat"],
                name=row["denominazione"],
                cadastral_code=row["codice_catastale"],
                province=row["sigla_provincia"],
                owner_site=PROVINCE_SITE,
                updated_by="istat",
                dirty=False,
            )
            for row in rows
            if row["codice_istat"] not in known
        ]
        session.add_all(added)
    return len(added)


def list_municipalities(store: Store) -> list[MunicipalityRow]:
    with store.read() as session:
        rows = session.execute(
            select(
                Municipality.id,
                Municipality.istat_code,
                Municipality.name,
                Municipality.cadastral_code,
                Municipality.ambito_id,
            )
            .where(Municipality.deleted.is_(False))
            .order_by(Municipality.name)
        ).all()
    return [MunicipalityRow(*row) for row in rows]


def list_job_centres(store: Store) -> list[JobCentreRow]:
    with store.read() as session:
        rows = session.execute(
            select(JobCentre.id, JobCentre.code, JobCentre.name, JobCentre.is_demo)
            .where(JobCentre.deleted.is_(False))
            .order_by(JobCentre.name)
        ).all()
    return [JobCentreRow(*row) for row in rows]


def list_ambiti(store: Store) -> list[AmbitoRow]:
    with store.read() as session:
        rows = session.execute(
            select(Ambito.id, Ambito.code, Ambito.name, Ambito.is_demo)
            .where(Ambito.deleted.is_(False))
            .order_by(Ambito.name)
        ).all()
    return [AmbitoRow(*row) for row in rows]


def competent_job_centre_id(session: Session, municipality_id: str, on: date) -> str | None:
    """The CPI whose catchment holds the comune on that date, if the configuration says."""
    return session.scalar(
        select(JobCentreCatchment.job_centre_id)
        .where(
            JobCentreCatchment.municipality_id == municipality_id,
            JobCentreCatchment.deleted.is_(False),
            or_(JobCentreCatchment.valid_from.is_(None), JobCentreCatchment.valid_from <= on),
            or_(JobCentreCatchment.valid_to.is_(None), JobCentreCatchment.valid_to >= on),
        )
        .order_by(JobCentreCatchment.valid_from.desc())
        .limit(1)
    )


def count_municipalities(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Municipality)) or 0)
