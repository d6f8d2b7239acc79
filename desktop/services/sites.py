"""The sites an installation may belong to, and what this one's setting means for its lists.

Sites are reference data (an Ambito office, a CPI, the Province, an ETS) that come from the
provincial server; until this PC is enrolled, the operator picks one in the settings.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select

from desktop.domain.codes import SiteKind
from desktop.domain.site_profile import SiteProfile
from desktop.services.errors import ValidationError
from desktop.services.installation import (
    OPERATOR_NAME,
    SITE_CODE,
    SITE_KIND,
    SITE_NAME,
    current_actor,
    get_settings,
    set_settings,
)
from desktop.store.engine import Store
from desktop.store.models import JobCentre, Operator, Site

FULL_NAME_MAX = 200


@dataclass(frozen=True)
class SiteRow:
    code: str
    kind: SiteKind
    name: str
    job_centre_id: str | None
    job_centre_name: str  # "" when the site is not a CPI, or its CPI is not configured


@dataclass(frozen=True)
class OperatorRow:
    username: str
    full_name: str
    site_code: str


@dataclass(frozen=True)
class InstallationSettings:
    """What the settings dialog shows and saves."""

    site_code: str
    site_kind: SiteKind
    site_name: str
    operator: str
    operator_name: str


def list_sites(store: Store) -> list[SiteRow]:
    """Every site, Ambiti first, then CPIs, the Province and ETS, each by name."""
    order = {kind: index for index, kind in enumerate(SiteKind)}
    with store.read() as session:
        rows = session.execute(
            select(Site.code, Site.kind, Site.name, Site.job_centre_id, JobCentre.name)
            .outerjoin(JobCentre, JobCentre.id == Site.job_centre_id)
            .where(Site.deleted.is_(False))
        ).all()
    sites = [
        SiteRow(code, SiteKind(kind), name, centre_id, centre_name or "")
        for code, kind, name, centre_id, centre_name in rows
    ]
    return sorted(sites, key=lambda site: (order[site.kind], site.name.casefold(), site.code))


def list_operators(store: Store, site_code: str | None = None) -> list[OperatorRow]:
    """Active operators, of one site when given, by full name."""
    query = select(Operator.username, Operator.full_name, Operator.site_code).where(
        Operator.deleted.is_(False), Operator.active.is_(True)
    )
    if site_code is not None:
        query = query.where(Operator.site_code == site_code)
    with store.read() as session:
        return [OperatorRow(*row) for row in session.execute(query.order_by(Operator.full_name))]


def own_site(store: Store) -> SiteRow | None:
    """This installation's site, when the configured code is one of the known sites."""
    code = current_actor(store).site_code
    return next((site for site in list_sites(store) if site.code == code), None)


def own_job_centre_id(store: Store) -> str | None:
    """The CPI this installation works for ("addressed to my CPI"), if it is a CPI's site."""
    site = own_site(store)
    if site is None or site.kind is not SiteKind.CPI:
        return None
    return site.job_centre_id


def installation_settings(store: Store) -> InstallationSettings:
    actor = current_actor(store)
    values = get_settings(store)
    return InstallationSettings(
        site_code=actor.site_code,
        site_kind=actor.site_kind,
        site_name=values.get(SITE_NAME, ""),
        operator=actor.operator,
        operator_name=values.get(OPERATOR_NAME, ""),
    )


def save_installation_settings(store: Store, data: InstallationSettings) -> None:
    """Check and save the site and the display name; raises ``ValidationError`` on bad input.

    ``data.operator`` is not saved: the operator is the OS account (``current_actor``), which
    no setting can change. The display name is only shown beside it, and may be left empty.
    """
    errors: dict[str, str] = {}
    full_name = " ".join(data.operator_name.split())
    if not data.site_code.strip():
        errors["site"] = "Scegliere la sede di questa postazione."
    if len(full_name) > FULL_NAME_MAX:
        errors["operator_name"] = f"Il nome non può superare {FULL_NAME_MAX} caratteri."
    if errors:
        raise ValidationError(errors)
    set_settings(
        store,
        {
            SITE_CODE: data.site_code.strip(),
            SITE_KIND: SiteKind(data.site_kind).value,
            SITE_NAME: data.site_name.strip(),
            OPERATOR_NAME: full_name,
        },
    )


_PROFILE_COLUMNS = tuple(field.name for field in fields(SiteProfile))


def site_profile(store: Store, code: str) -> SiteProfile | None:
    """The profile of the site with this code, or None when no such site is known."""
    with store.read() as session:
        site = session.scalar(select(Site).where(Site.code == code, Site.deleted.is_(False)))
        if site is None:
            return None
        values = {name: getattr(site, name) for name in _PROFILE_COLUMNS}
    values["kind"] = SiteKind(values["kind"])
    return SiteProfile(**values)


def site_names(store: Store) -> dict[str, str]:
    """Each site's name by its code, in one query: what a screen or an export shows in place
    of a site code (a code is never shown to a user). Sites no longer in use keep their name,
    so that older records still name their site."""
    with store.read() as session:
        rows = session.execute(select(Site.code, Site.name)).all()
    return dict(rows)


UNKNOWN_SITE = "sede non ancora nota"


def site_name(names: dict[str, str], code: str) -> str:
    """The name of the site ``code`` from ``site_names``: "" for no site, and a neutral
    wording for a site this PC has not received (yet), never the code itself."""
    if not code:
        return ""
    return names.get(code) or UNKNOWN_SITE
