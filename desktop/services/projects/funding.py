"""Funding rows and their totals by source and by year."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.domain.codes import FundingSource
from desktop.services import validation as v
from desktop.services.audit import stamp_change
from desktop.services.child_rows import insert_row, tombstone
from desktop.services.context import Actor
from desktop.services.projects.loading import (
    children_of,
    funding_row,
    load_project,
    writable_child,
    writable_project,
)
from desktop.services.projects.records import (
    FUNDING_YEAR_MAX,
    FUNDING_YEAR_MIN,
    NOTES_MAX,
    FundingInput,
    FundingRow,
    FundingTotals,
)
from desktop.store.engine import Store
from desktop.store.models import ProjectFunding, ProjectPartner


def _check_funding(data: FundingInput) -> None:
    errors: v.Errors = {}
    v.required(errors, "source", data.source, "Fonte")
    v.required(errors, "amount_cents", data.amount_cents, "Importo")
    v.positive(errors, "amount_cents", data.amount_cents, "Importo")
    v.required(errors, "year", data.year, "Anno")
    v.int_range(errors, "year", data.year, FUNDING_YEAR_MIN, FUNDING_YEAR_MAX, "Anno")
    v.max_length(errors, "notes", data.notes, NOTES_MAX, "Note")
    v.raise_if(errors)


def _apply_funding(funding: ProjectFunding, data: FundingInput) -> None:
    funding.source = data.source
    funding.amount_cents = data.amount_cents
    funding.year = data.year
    funding.notes = data.notes.strip()


def add_funding(store: Store, *, actor: Actor, project_id: str, data: FundingInput) -> FundingRow:
    _check_funding(data)
    with store.write() as session:
        project = writable_project(session, actor, project_id)
        funding = ProjectFunding(project_id=project.id)
        _apply_funding(funding, data)
        insert_row(session, funding, actor=actor)
        return funding_row(funding)


def update_funding(
    store: Store, *, actor: Actor, funding_id: str, data: FundingInput
) -> FundingRow:
    _check_funding(data)
    with store.write() as session:
        _project, funding = writable_child(
            session, actor, ProjectFunding, funding_id, "Finanziamento non trovato."
        )
        _apply_funding(funding, data)
        stamp_change(funding, actor=actor)
        return funding_row(funding)


def remove_funding(store: Store, *, actor: Actor, funding_id: str) -> None:
    with store.write() as session:
        _project, funding = writable_child(
            session, actor, ProjectFunding, funding_id, "Finanziamento non trovato."
        )
        tombstone(funding, actor=actor)


def funding_totals(store: Store, project_id: str) -> FundingTotals:
    with store.read() as session:
        project = load_project(session, project_id)
        rows = children_of(session, ProjectFunding, project.id)
        partner_cents = session.scalar(
            select(func.coalesce(func.sum(ProjectPartner.resources_value_cents), 0)).where(
                ProjectPartner.project_id == project.id, ProjectPartner.deleted.is_(False)
            )
        )
        # Plain tuples: the rows expire when the read-only unit of work rolls back.
        amounts = [(row.source, row.year, row.amount_cents) for row in rows]
    by_source: dict[FundingSource, int] = {}
    for source in FundingSource:
        amount = sum(cents for row_source, _year, cents in amounts if row_source is source)
        if amount:
            by_source[source] = amount
    by_year: dict[int, int] = {}
    for _source, year, cents in sorted(amounts, key=lambda amount: amount[1]):
        by_year[year] = by_year.get(year, 0) + cents
    return FundingTotals(
        by_source=by_source,
        by_year=by_year,
        total_cents=sum(cents for _source, _year, cents in amounts),
        partner_resources_cents=int(partner_cents or 0),
    )
