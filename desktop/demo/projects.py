"""Demo co-design projects (art. 55 D.Lgs. 117/2017) with partners, funding and beneficiaries.

Beneficiaries are links to demo referrals, never copies of a person's data (DOMAIN.md §3).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any, NamedTuple

from desktop.demo.reference import DemoOrganization
from desktop.demo.seeding import ETS_KINDS, IN_CHARGE, ReferralSummary, Seeding, operator_of
from desktop.demo.seeding import stamp as _stamp
from desktop.demo.seeding import synced as _synced
from desktop.domain import codes as c
from desktop.domain.codes import SiteKind
from desktop.store.models import (
    Project,
    ProjectActivity,
    ProjectBeneficiary,
    ProjectFunding,
    ProjectIndicator,
    ProjectPartner,
)


class ProjectSpec(NamedTuple):
    title: str
    acronym: str
    ambito_site: str
    target: c.ProjectTarget
    status: c.ProjectStatus
    proceeding: c.ProceedingBodyKind


_PROJECTS: tuple[ProjectSpec, ...] = (
    ProjectSpec("Ponti verso il lavoro", "PONTI", "AMB-SOMMA", c.ProjectTarget.NEET,
                 c.ProjectStatus.RUNNING, c.ProceedingBodyKind.LEAD_MUNICIPALITY),
    ProjectSpec("Officine di comunità", "OFFICINE", "AMB-SOMMA", c.ProjectTarget.CMD,
                 c.ProjectStatus.AGREEMENT_SIGNED, c.ProceedingBodyKind.PLAN_OFFICE),
    ProjectSpec("Giovani in rete Valle Olona", "GIRO", "AMB-CASTELLANZA", c.ProjectTarget.NEET,
                 c.ProjectStatus.CONCLUDED, c.ProceedingBodyKind.PLAN_OFFICE),
    ProjectSpec("Lavoro possibile", "LAPO", "AMB-VARESE", c.ProjectTarget.CMD,
                 c.ProjectStatus.RUNNING, c.ProceedingBodyKind.LEAD_MUNICIPALITY),
    ProjectSpec("Isole formative del Verbano", "ISOLE", "AMB-CITTIGLIO", c.ProjectTarget.BOTH,
                 c.ProjectStatus.CO_DESIGN_TABLE, c.ProceedingBodyKind.CONSORTIUM_COMPANY),
    ProjectSpec("Orizzonte Saronno", "ORIZZONTE", "AMB-SARONNO", c.ProjectTarget.NEET,
                 c.ProjectStatus.REPORTED, c.ProceedingBodyKind.PLAN_OFFICE),
    ProjectSpec("Inclusione al centro", "INCENTRO", "AMB-GALLARATE", c.ProjectTarget.CMD,
                 c.ProjectStatus.NOTICE, c.ProceedingBodyKind.LEAD_MUNICIPALITY),
    ProjectSpec("Seprio giovani", "SEPRIO", "AMB-TRADATE", c.ProjectTarget.NEET,
                 c.ProjectStatus.CO_PROGRAMMING, c.ProceedingBodyKind.PROVINCE),
)  # fmt: skip

# Days from the start decision to today, by status, for a project lasting _DURATION days.
_DURATION = 540
_ELAPSED = {
    c.ProjectStatus.CO_PROGRAMMING: 15, c.ProjectStatus.NOTICE: 35,
    c.ProjectStatus.CO_DESIGN_TABLE: 65, c.ProjectStatus.AGREEMENT_SIGNED: 115,
    c.ProjectStatus.RUNNING: 400, c.ProjectStatus.CONCLUDED: 125 + _DURATION + 40,
    c.ProjectStatus.REPORTED: 125 + _DURATION + 200,
}  # fmt: skip
_FUNDING_SOURCES = {
    c.ProjectTarget.NEET: (
        c.FundingSource.PNRR_M5C1_GOL, c.FundingSource.ESF_PLUS, c.FundingSource.FNPS,
        c.FundingSource.MUNICIPALITY, c.FundingSource.PRIVATE_FOUNDATION,
    ),
    c.ProjectTarget.CMD: (
        c.FundingSource.REGIONAL_DISABILITY_FUND, c.FundingSource.FNA,
        c.FundingSource.AFTER_US, c.FundingSource.FNPS, c.FundingSource.MUNICIPALITY,
    ),
    c.ProjectTarget.BOTH: (
        c.FundingSource.POVERTY_FUND, c.FundingSource.PNRR_M5C2_11,
        c.FundingSource.PNRR_M5C2_12, c.FundingSource.PNRR_M5C2_13, c.FundingSource.ESF_PLUS,
    ),
}  # fmt: skip
_RESOURCES = (
    "Tutor per l'inserimento lavorativo",
    "Spazi per i laboratori e le attività di gruppo",
    "Coordinamento e segreteria del progetto",
    "Educatori per l'accompagnamento individuale",
    "Mezzi per il trasporto dei partecipanti",
    "Postazioni di tirocinio in cooperativa",
    "Volontari per l'affiancamento",
)
_ACTIVITIES = (
    "Accoglienza e orientamento di gruppo",
    "Laboratori di competenze trasversali",
    "Tirocini e borse lavoro",
    "Accompagnamento individuale al lavoro",
    "Incontri con le aziende del territorio",
    "Monitoraggio e valutazione",
    "Comunicazione e disseminazione dei risultati",
)
_MANUAL_INDICATORS = (
    ("Ore di orientamento erogate", "ore", 0.0, 600.0),
    ("Aziende coinvolte", "n.", 0.0, 25.0),
    ("Partecipanti ai laboratori", "persone", 0.0, 60.0),
    ("Incontri di rete svolti", "n.", 0.0, 12.0),
)
_COMPUTED_INDICATORS = (
    (c.IndicatorKind.REFERRALS_LINKED, "Segnalazioni collegate", "n."),
    (c.IndicatorKind.MEDIAN_DAYS_TO_TAKING_IN_CHARGE, "Giorni mediani alla presa in carico", "gg"),
    (c.IndicatorKind.TRAINEESHIPS_STARTED, "Tirocini avviati", "n."),
    (c.IndicatorKind.HIRES, "Assunzioni", "n."),
)  # fmt: skip


def _cup(rng: random.Random, year: int) -> str:
    """A code shaped like a CUP (15 characters: letter, digits, letter, year, progressive)."""
    return (
        f"{rng.choice('BCDEFGHIJ')}{rng.randint(10, 99)}{rng.choice('BCDEFGHI')}"
        f"{year % 100:02d}{rng.randint(0, 999_999):06d}{rng.randint(0, 999):03d}"
    )


class Projects:
    def __init__(self, seeding: Seeding) -> None:
        self.session = seeding.session
        self.rng = seeding.rng
        self.reference = reference = seeding.reference
        self.today = seeding.today
        self.referrals = seeding.referrals
        self.new_id = seeding.new_id
        self.ets = [o for o in reference.organizations if o.kind in ETS_KINDS]
        self.supporters = [
            o
            for o in reference.organizations
            if o.kind in (c.OrganizationKind.COMPANY, c.OrganizationKind.SCHOOL)
        ]

    def add_all(self) -> list[tuple[Project, ProjectSpec]]:
        ambito_sites = {site.code: site for site in self.reference.sites_of_kind(SiteKind.AMBITO)}
        added: list[tuple[Project, ProjectSpec, date]] = []
        for index, spec in enumerate(_PROJECTS):
            site = ambito_sites.get(spec.ambito_site)
            if site is None:
                continue
            added.append(self._project(index, spec, site.ambito_id, site.name))
        self.session.flush()
        for project, spec, decided in added:
            self._children(project, spec, decided)
        self.session.flush()
        return [(project, spec) for project, spec, _ in added]

    def _project(
        self, index: int, spec: ProjectSpec, ambito_id: str | None, ambito_name: str
    ) -> tuple[Project, ProjectSpec, date]:
        rng, today = self.rng, self.today
        decided = today - timedelta(days=_ELAPSED[spec.status])
        notice = decided + timedelta(days=20)
        approval = notice + timedelta(days=60)
        agreement = approval + timedelta(days=30)
        start = agreement + timedelta(days=15)

        def known(day: date) -> date | None:
            return day if day <= today else None

        body = {
            c.ProceedingBodyKind.LEAD_MUNICIPALITY: f"Comune capofila – {ambito_name}",
            c.ProceedingBodyKind.PLAN_OFFICE: f"Ufficio di Piano – {ambito_name}",
            c.ProceedingBodyKind.CONSORTIUM_COMPANY: "Azienda speciale consortile (demo)",
            c.ProceedingBodyKind.PROVINCE: "Provincia di Varese",
        }[spec.proceeding]
        after_table = spec.status not in (
            c.ProjectStatus.CO_PROGRAMMING,
            c.ProjectStatus.NOTICE,
            c.ProjectStatus.CO_DESIGN_TABLE,
        )
        owner = spec.ambito_site
        project = Project(
            id=self.new_id(),
            title=spec.title,
            acronym=spec.acronym,
            internal_code=f"COP-{decided.year}-{index + 1:02d}",
            cup="" if spec.status is c.ProjectStatus.CO_PROGRAMMING else _cup(rng, decided.year),
            ambito_id=ambito_id,
            proceeding_body_kind=spec.proceeding,
            proceeding_body_name=body,
            rup_name=rng.choice(
                (
                    "Dott.ssa Laura Colombo",
                    "Dott. Paolo Ferrario",
                    "Dott.ssa Chiara Brambilla",
                    "Dott. Andrea Galli",
                )
            ),
            notice_number=f"{rng.randint(1, 12)}/{notice.year}" if known(notice) else "",
            notice_on=known(notice),
            start_decision=f"Determinazione n. {rng.randint(100, 900)}/{decided.year}",
            start_decision_on=decided,
            approval_decision=(
                f"Determinazione n. {rng.randint(100, 900)}/{approval.year}" if after_table else ""
            ),
            approval_decision_on=approval if after_table else None,
            agreement_on=agreement if after_table else None,
            agreement_repertory=f"Rep. n. {rng.randint(10, 400)}/{agreement.year}"
            if after_table
            else "",
            status=spec.status,
            target=spec.target,
            expected_beneficiaries=rng.choice((20, 25, 30, 40, 50)),
            start_on=start if spec.status is not c.ProjectStatus.CO_PROGRAMMING else None,
            end_on=start + timedelta(days=_DURATION)
            if spec.status is not c.ProjectStatus.CO_PROGRAMMING
            else None,
            description=(
                f"Progetto in co-progettazione (art. 55 D.Lgs. 117/2017) dell'{ambito_name} "
                "per l'inclusione lavorativa. Dati dimostrativi."
            ),
            **_synced(
                owner,
                self.reference.local_site,
                operator_of(self.reference, owner),
                _stamp(decided),
            ),
        )
        self.session.add(project)
        return project, spec, decided

    def _children(self, project: Project, spec: ProjectSpec, decided: date) -> None:
        rng, today = self.rng, self.today
        owner = spec.ambito_site
        common = _synced(
            owner,
            self.reference.local_site,
            operator_of(self.reference, owner),
            _stamp(min(decided + timedelta(days=30), today - timedelta(days=1))),
        )
        start = project.start_on or decided
        end = project.end_on or start + timedelta(days=_DURATION)
        partners = rng.sample(self.ets, min(len(self.ets), rng.randint(3, 4)))
        if self.supporters and rng.random() < 0.6:
            partners.append(rng.choice(self.supporters))
        joined = project.agreement_on or project.notice_on
        for position, organization in enumerate(partners):
            role = (
                c.PartnerRole.LEAD
                if position == 0
                else c.PartnerRole.SUPPORTER
                if organization.kind not in ETS_KINDS
                else c.PartnerRole.PARTNER
            )
            self.session.add(
                ProjectPartner(
                    id=self.new_id(),
                    project_id=project.id,
                    organization_id=organization.id,
                    role=role,
                    resources_description=rng.choice(_RESOURCES),
                    resources_value_cents=rng.randint(20, 400) * 100_000 // 10,
                    joined_on=joined,
                    **common,
                )
            )
        sources = _FUNDING_SOURCES.get(spec.target, _FUNDING_SOURCES[c.ProjectTarget.BOTH])
        for source in rng.sample(sources, rng.randint(2, 4)):
            for year in sorted({start.year, end.year}):
                self.session.add(
                    ProjectFunding(
                        id=self.new_id(),
                        project_id=project.id,
                        source=source,
                        amount_cents=rng.randint(10, 150) * 1_000_00,
                        year=year,
                        notes="Quota annuale" if year != start.year else "Prima annualità",
                        **common,
                    )
                )
        self._activities(project, partners, start, end, common)
        for name, unit, baseline, target in rng.sample(_MANUAL_INDICATORS, rng.randint(2, 3)):
            progress = 0.0 if start > today else min((today - start).days / _DURATION, 1.0)
            self.session.add(
                ProjectIndicator(
                    id=self.new_id(),
                    project_id=project.id,
                    kind=c.IndicatorKind.MANUAL,
                    name=name,
                    unit=unit,
                    baseline=baseline,
                    target=target,
                    value=round(target * progress * rng.uniform(0.6, 1.1)) if progress else None,
                    **common,
                )
            )
        for kind, name, unit in rng.sample(_COMPUTED_INDICATORS, 2):
            self.session.add(
                ProjectIndicator(
                    id=self.new_id(),
                    project_id=project.id,
                    kind=kind,
                    name=name,
                    unit=unit,
                    **common,
                )
            )
        if project.agreement_on is not None:
            for referral in self._beneficiaries(spec):
                self.session.add(
                    ProjectBeneficiary(
                        id=self.new_id(),
                        project_id=project.id,
                        referral_id=referral.id,
                        notes="",
                        **common,
                    )
                )

    def _activities(
        self,
        project: Project,
        partners: list[DemoOrganization],
        start: date,
        end: date,
        common: dict[str, Any],
    ) -> None:
        rng, today = self.rng, self.today
        titles = rng.sample(_ACTIVITIES, rng.randint(3, 5))
        step = (end - start).days // len(titles)
        for index, title in enumerate(titles):
            begins = start + timedelta(days=index * step // 2)
            ends = begins + timedelta(days=step * 2)
            if project.status in (c.ProjectStatus.CONCLUDED, c.ProjectStatus.REPORTED):
                status = c.ActivityStatus.DONE
            elif begins > today or project.status is not c.ProjectStatus.RUNNING:
                status = c.ActivityStatus.PLANNED
            else:
                status = c.ActivityStatus.DONE if ends < today else c.ActivityStatus.RUNNING
            self.session.add(
                ProjectActivity(
                    id=self.new_id(),
                    project_id=project.id,
                    title=title,
                    responsible_id=partners[index % len(partners)].id,
                    start_on=begins,
                    end_on=ends,
                    status=status,
                    **common,
                )
            )

    def _beneficiaries(self, spec: ProjectSpec) -> list[ReferralSummary]:
        def fits(referral: ReferralSummary) -> bool:
            return referral.status in IN_CHARGE and (
                spec.target in (c.ProjectTarget.BOTH, c.ProjectTarget.OTHER)
                or referral.track.value == spec.target.value
            )

        own = [r for r in self.referrals if r.sending_site == spec.ambito_site and fits(r)]
        pool = own if len(own) >= 5 else [r for r in self.referrals if fits(r)]
        return self.rng.sample(pool, min(len(pool), self.rng.randint(5, 20)))
