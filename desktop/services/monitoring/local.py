"""This PC's site and the names a local page shows in place of ids and codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from desktop.domain.codes import SiteKind
from desktop.domain.monitoring import Category
from desktop.services.installation import SITE_NAME, actor_in
from desktop.store.engine import Store
from desktop.store.models import Ambito, JobCentre, LocalSetting, Referent, Site

SOURCE = "archivio di questo computer"


@dataclass(frozen=True)
class Local:
    site_code: str
    site_kind: SiteKind
    site_name: str
    ambito_id: str | None  # the site's own Ambito, when it is an Ambito's office
    job_centre_id: str | None  # the site's own CPI, when it is a CPI
    centres: dict[str, str]  # job centre id → name
    ambiti: dict[str, str]  # Ambito id → name
    sites: dict[str, str]  # site code → name
    referents: dict[str, str]  # referent id → full name

    def options(self, names: dict[str, str]) -> tuple[Category, ...]:
        ordered = sorted(names.items(), key=lambda item: (item[1].casefold(), item[0]))
        return tuple(Category(key, name) for key, name in ordered)


def read_local(store: Store) -> Local:
    with store.read() as session:
        settings = {row.key: row.value for row in session.scalars(select(LocalSetting))}
        actor = actor_in(session, settings)
        site = session.scalar(
            select(Site).where(Site.code == actor.site_code, Site.deleted.is_(False))
        )
        centres = dict(
            session.execute(
                select(JobCentre.id, JobCentre.name).where(JobCentre.deleted.is_(False))
            ).all()
        )
        ambiti = dict(
            session.execute(select(Ambito.id, Ambito.name).where(Ambito.deleted.is_(False))).all()
        )
        sites = dict(session.execute(select(Site.code, Site.name)).all())
        referents = dict(session.execute(select(Referent.id, Referent.full_name)).all())
        name = (site.name if site is not None else "") or settings.get(SITE_NAME, "")
        return Local(
            site_code=actor.site_code,
            site_kind=SiteKind(site.kind) if site is not None else actor.site_kind,
            site_name=name or "questa sede",
            ambito_id=None if site is None else site.ambito_id,
            job_centre_id=None if site is None else site.job_centre_id,
            centres=centres,
            ambiti=ambiti,
            sites=sites,
            referents=referents,
        )


def now() -> datetime:
    return datetime.now(UTC)
