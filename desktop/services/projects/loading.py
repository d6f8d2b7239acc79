"""Loading projects and their rows, the ownership guard, and a project's detail."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.codes import FundingSource, PartnerRole
from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.child_rows import live_row, live_rows_of
from desktop.services.context import Actor
from desktop.services.projects.records import (
    PROJECT_FIELDS,
    ActivityRow,
    BeneficiaryRow,
    FundingRow,
    IndicatorRow,
    PartnerRow,
    ProjectDetail,
)
from desktop.store.base import Synced
from desktop.store.models import (
    Ambito,
    Organization,
    Project,
    ProjectActivity,
    ProjectBeneficiary,
    ProjectFunding,
    ProjectIndicator,
    ProjectPartner,
    Referral,
)

_SOURCE_ORDER: Mapping[FundingSource, int] = {
    source: index for index, source in enumerate(FundingSource)
}

_NOT_OWNER = "Il progetto è gestito da un'altra sede: può modificarlo solo quella sede."

_Row = TypeVar("_Row", bound=Synced)


def load_project(session: Session, project_id: str) -> Project:
    return live_row(
        session, Project, project_id, "Progetto non trovato: potrebbe essere stato eliminato."
    )


def writable_project(session: Session, actor: Actor, project_id: str) -> Project:
    project = load_project(session, project_id)
    v.ensure_owned(project.owner_site, actor.site_code, _NOT_OWNER)
    return project


def children_of(session: Session, model: type[_Row], project_id: str) -> list[_Row]:
    return live_rows_of(session, model, "project_id", project_id)


def organization_names(session: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = {organization_id for organization_id in ids if organization_id is not None}
    if not wanted:
        return {}
    query = select(Organization.id, Organization.name).where(Organization.id.in_(wanted))
    return dict(session.execute(query).all())


def partner_row(partner: ProjectPartner, names: Mapping[str, str]) -> PartnerRow:
    return PartnerRow(
        organization_id=partner.organization_id,
        role=partner.role,
        resources_description=partner.resources_description,
        resources_value_cents=partner.resources_value_cents,
        joined_on=partner.joined_on,
        left_on=partner.left_on,
        id=partner.id,
        organization_name=names.get(partner.organization_id, ""),
    )


def funding_row(funding: ProjectFunding) -> FundingRow:
    return FundingRow(
        source=funding.source,
        amount_cents=funding.amount_cents,
        year=funding.year,
        notes=funding.notes,
        id=funding.id,
    )


def activity_row(activity: ProjectActivity, names: Mapping[str, str]) -> ActivityRow:
    return ActivityRow(
        title=activity.title,
        responsible_id=activity.responsible_id,
        start_on=activity.start_on,
        end_on=activity.end_on,
        status=activity.status,
        id=activity.id,
        responsible_name=names.get(activity.responsible_id or "", ""),
    )


def indicator_row(indicator: ProjectIndicator) -> IndicatorRow:
    return IndicatorRow(
        name=indicator.name,
        unit=indicator.unit,
        baseline=indicator.baseline,
        target=indicator.target,
        value=indicator.value,
        kind=indicator.kind,
        id=indicator.id,
    )


def linked_referrals(session: Session, project_id: str) -> list[Referral]:
    return list(
        session.scalars(
            select(Referral)
            .join(ProjectBeneficiary, ProjectBeneficiary.referral_id == Referral.id)
            .where(
                ProjectBeneficiary.project_id == project_id,
                ProjectBeneficiary.deleted.is_(False),
                Referral.deleted.is_(False),
            )
            .order_by(Referral.number)
        )
    )


def project_detail(session: Session, project: Project) -> ProjectDetail:
    partners = children_of(session, ProjectPartner, project.id)
    activities = children_of(session, ProjectActivity, project.id)
    organization_ids: set[str | None] = {partner.organization_id for partner in partners}
    organization_ids |= {activity.responsible_id for activity in activities}
    names = organization_names(session, organization_ids)
    ambito_name = ""
    if project.ambito_id is not None:
        ambito_name = (
            session.scalar(select(Ambito.name).where(Ambito.id == project.ambito_id)) or ""
        )
    funding = sorted(
        children_of(session, ProjectFunding, project.id),
        key=lambda row: (row.year, _SOURCE_ORDER[row.source]),
    )
    values = {name: getattr(project, name) for name in PROJECT_FIELDS}
    return ProjectDetail(
        **values,
        id=project.id,
        status=project.status,
        ambito_name=ambito_name,
        owner_site=project.owner_site,
        partners=tuple(
            partner_row(partner, names)
            for partner in sorted(
                partners,
                key=lambda row: (
                    list(PartnerRole).index(row.role),
                    normalise_search_text(names.get(row.organization_id, "")),
                ),
            )
        ),
        funding=tuple(funding_row(row) for row in funding),
        activities=tuple(
            activity_row(activity, names)
            for activity in sorted(
                activities, key=lambda row: (row.start_on or date.max, row.title)
            )
        ),
        indicators=tuple(
            indicator_row(indicator)
            for indicator in sorted(
                children_of(session, ProjectIndicator, project.id), key=lambda row: row.name
            )
        ),
        beneficiaries=tuple(
            BeneficiaryRow(
                referral_id=referral.id,
                referral_number=referral.number,
                track=referral.track,
                status=referral.status,
            )
            for referral in linked_referrals(session, project.id)
        ),
    )


def writable_child(
    session: Session, actor: Actor, model: type[_Row], row_id: str, message: str
) -> tuple[Project, _Row]:
    row = live_row(session, model, row_id, message)
    project = writable_project(session, actor, row.project_id)  # type: ignore[attr-defined]
    return project, row
