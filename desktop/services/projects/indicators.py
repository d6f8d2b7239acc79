"""Indicators typed in by hand (baseline, target, value) and targets of computed ones."""

from __future__ import annotations

from desktop.domain.codes import IndicatorKind
from desktop.services import validation as v
from desktop.services.audit import stamp_change
from desktop.services.child_rows import insert_row, tombstone
from desktop.services.context import Actor
from desktop.services.projects.loading import indicator_row, writable_child, writable_project
from desktop.services.projects.records import NAME_MAX, UNIT_MAX, IndicatorInput, IndicatorRow
from desktop.store.engine import Store
from desktop.store.models import ProjectIndicator


def _check_indicator(data: IndicatorInput) -> None:
    errors: v.Errors = {}
    v.required(errors, "name", data.name, "Indicatore")
    v.max_length(errors, "name", data.name, NAME_MAX, "Indicatore")
    v.max_length(errors, "unit", data.unit, UNIT_MAX, "Unità di misura")
    v.required(errors, "kind", data.kind, "Tipo di indicatore")
    if data.kind is not IndicatorKind.MANUAL and data.value is not None:
        errors.setdefault(
            "value",
            "Il valore di questo indicatore è calcolato dalle segnalazioni collegate: "
            "lasciare vuoto il campo «Valore».",
        )
    v.raise_if(errors)


def _apply_indicator(indicator: ProjectIndicator, data: IndicatorInput) -> None:
    indicator.name = data.name.strip()
    indicator.unit = data.unit.strip()
    indicator.baseline = data.baseline
    indicator.target = data.target
    indicator.value = data.value
    indicator.kind = data.kind


def add_indicator(
    store: Store, *, actor: Actor, project_id: str, data: IndicatorInput
) -> IndicatorRow:
    _check_indicator(data)
    with store.write() as session:
        project = writable_project(session, actor, project_id)
        indicator = ProjectIndicator(project_id=project.id)
        _apply_indicator(indicator, data)
        insert_row(session, indicator, actor=actor)
        return indicator_row(indicator)


def update_indicator(
    store: Store, *, actor: Actor, indicator_id: str, data: IndicatorInput
) -> IndicatorRow:
    _check_indicator(data)
    with store.write() as session:
        _project, indicator = writable_child(
            session, actor, ProjectIndicator, indicator_id, "Indicatore non trovato."
        )
        _apply_indicator(indicator, data)
        stamp_change(indicator, actor=actor)
        return indicator_row(indicator)


def remove_indicator(store: Store, *, actor: Actor, indicator_id: str) -> None:
    with store.write() as session:
        _project, indicator = writable_child(
            session, actor, ProjectIndicator, indicator_id, "Indicatore non trovato."
        )
        tombstone(indicator, actor=actor)
