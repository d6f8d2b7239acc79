"""The sender's co-design projects on its Monitoraggio page: budget by funding source, partners,
beneficiaries and the indicators computed from the linked referrals.

A site's projects are those it keeps (``owner_site``) and, for an Ambito, those of its Ambito;
a project counts for a period it overlaps (no dates: always). Projects are few (tens), so they
are read with the ORM; the indicators are the projects screen's own (``computed_indicators``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select

from desktop.documents.labels import it_label
from desktop.domain.codes import FundingSource, IndicatorKind, ProjectTarget, Track
from desktop.domain.monitoring import (
    Category,
    Chart,
    ChartKind,
    Figure,
    MonitoringFilter,
    Section,
    Unit,
    Value,
)
from desktop.services.monitoring.counting import plain_series
from desktop.services.projects.computed import computed_indicators
from desktop.services.projects.records import COMPUTED_NAMES
from desktop.store.engine import Store
from desktop.store.models import (
    Project,
    ProjectBeneficiary,
    ProjectFunding,
    ProjectPartner,
    Referral,
)

# The counted indicators side by side; the median days have a chart of their own (other unit).
_COUNTED = (
    IndicatorKind.REFERRALS_LINKED,
    IndicatorKind.TRAINEESHIPS_STARTED,
    IndicatorKind.HIRES,
    IndicatorKind.DROP_OUTS,
)
_LABEL_MAX = 40


@dataclass(frozen=True)
class ProjectCounts:
    id: str
    label: str
    funding: dict[str, int]  # funding source → cents
    partners: int
    beneficiaries: int


def _label(title: str, acronym: str) -> str:
    text = acronym.strip() or " ".join(title.split())
    return text if len(text) <= _LABEL_MAX else text[: _LABEL_MAX - 1].rstrip() + "…"


def read_projects(
    store: Store, flt: MonitoringFilter, *, site_code: str, ambito_id: str | None
) -> list[ProjectCounts]:
    owned = Project.owner_site == site_code
    mine = owned if ambito_id is None else or_(owned, Project.ambito_id == ambito_id)
    query = select(Project.id, Project.title, Project.acronym).where(
        Project.deleted.is_(False),
        mine,
        or_(Project.start_on.is_(None), Project.start_on <= flt.end),
        or_(Project.end_on.is_(None), Project.end_on >= flt.start),
    )
    if flt.ambito_id is not None:
        query = query.where(Project.ambito_id == flt.ambito_id)
    if flt.track is not None:
        query = query.where(
            Project.target.in_([ProjectTarget(Track(flt.track).value), ProjectTarget.BOTH])
        )
    with store.read() as session:
        projects = session.execute(query.order_by(Project.title, Project.id)).all()
        ids = [row.id for row in projects]
        funding: dict[str, dict[str, int]] = defaultdict(dict)
        for project_id, source, cents in session.execute(
            select(
                ProjectFunding.project_id,
                ProjectFunding.source,
                func.sum(ProjectFunding.amount_cents),
            )
            .where(ProjectFunding.project_id.in_(ids), ProjectFunding.deleted.is_(False))
            .group_by(ProjectFunding.project_id, ProjectFunding.source)
        ):
            funding[project_id][FundingSource(source).value] = int(cents or 0)
        partners = dict(
            session.execute(
                select(ProjectPartner.project_id, func.count())
                .where(ProjectPartner.project_id.in_(ids), ProjectPartner.deleted.is_(False))
                .group_by(ProjectPartner.project_id)
            ).all()
        )
        beneficiaries = dict(
            session.execute(
                select(ProjectBeneficiary.project_id, func.count())
                .join(
                    Referral,
                    and_(
                        Referral.id == ProjectBeneficiary.referral_id, Referral.deleted.is_(False)
                    ),
                )
                .where(
                    ProjectBeneficiary.project_id.in_(ids), ProjectBeneficiary.deleted.is_(False)
                )
                .group_by(ProjectBeneficiary.project_id)
            ).all()
        )
    return [
        ProjectCounts(
            id=row.id,
            label=_label(row.title, row.acronym),
            funding=funding.get(row.id, {}),
            partners=int(partners.get(row.id, 0)),
            beneficiaries=int(beneficiaries.get(row.id, 0)),
        )
        for row in projects
    ]


def projects_section(
    store: Store,
    flt: MonitoringFilter,
    *,
    site_code: str,
    ambito_id: str | None,
    today: date,
) -> Section:
    projects = read_projects(store, flt, site_code=site_code, ambito_id=ambito_id)
    categories = tuple(Category(project.id, project.label) for project in projects)
    used = {source for project in projects for source in project.funding}
    sources = [source for source in FundingSource if source.value in used]
    budget = Chart(
        key="sender.project_budget",
        title="Budget per fonte di finanziamento",
        kind=ChartKind.STACKED_BAR,
        unit=Unit.EURO_CENTS,
        categories=categories if sources else (),
        series=tuple(
            plain_series(
                source.value,
                it_label(source),
                (project.funding.get(source.value, 0) for project in projects),
            )
            for source in sources
        ),
        category_title="Progetto",
        totals=tuple(Value(float(sum(p.funding.values()))) for p in projects) if sources else None,
    )
    people = Chart(
        key="sender.project_people",
        title="Partner e beneficiari",
        kind=ChartKind.BAR,
        unit=Unit.COUNT,
        categories=categories,
        series=(
            plain_series("partners", "Partner", (p.partners for p in projects)),
            plain_series("beneficiaries", "Beneficiari", (p.beneficiaries for p in projects)),
        )
        if categories
        else (),
        category_title="Progetto",
        note="Beneficiari: segnalazioni collegate al progetto.",
    )
    indicators = {
        p.id: {i.kind: i.value for i in computed_indicators(store, p.id, today)} for p in projects
    }
    counted = Chart(
        key="sender.project_indicators",
        title="Indicatori di risultato",
        kind=ChartKind.BAR,
        unit=Unit.COUNT,
        categories=categories,
        series=tuple(
            plain_series(
                kind.value, COMPUTED_NAMES[kind][0], (indicators[p.id][kind] for p in projects)
            )
            for kind in _COUNTED
        )
        if categories
        else (),
        category_title="Progetto",
        note="Calcolati dalle segnalazioni collegate, come nella scheda del progetto.",
    )
    median = IndicatorKind.MEDIAN_DAYS_TO_TAKING_IN_CHARGE
    waits = Chart(
        key="sender.project_waits",
        title=COMPUTED_NAMES[median][0],
        kind=ChartKind.BAR,
        unit=Unit.DAYS,
        categories=categories,
        series=(
            plain_series(median.value, "Mediana", (indicators[p.id][median] for p in projects)),
        )
        if categories
        else (),
        category_title="Progetto",
    )
    total_cents = sum(sum(p.funding.values()) for p in projects)
    return Section(
        key="sender.projects",
        title="Progetti di co-progettazione",
        figures=(
            Figure("sender.projects", "Progetti attivi nel periodo", Value(float(len(projects)))),
            Figure(
                "sender.project_budget",
                "Budget complessivo",
                Value(float(total_cents)),
                unit=Unit.EURO_CENTS,
            ),
        ),
        charts=(budget, people, counted, waits),
        note="Progetti della sede (e del suo Ambito) in corso in almeno un giorno del periodo."
        if projects
        else "Nessun progetto di co-progettazione nel periodo.",
    )
