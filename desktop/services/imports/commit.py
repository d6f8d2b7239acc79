"""The confirmed plan written in one transaction, with provenance and an audit row (helper C)."""

from __future__ import annotations

from collections.abc import Mapping

from desktop.services.context import Actor
from desktop.services.imports.model import (
    Cancelled,
    ImportOutcome,
    ImportPlan,
    NearMatchDecision,
    Progress,
)
from desktop.store.engine import Store


def commit_import(
    store: Store,
    plan: ImportPlan,
    *,
    actor: Actor,
    decisions: Mapping[int, NearMatchDecision] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportOutcome:
    """All the plan's importable rows, or none; ``decisions`` by sheet row number."""
    raise NotImplementedError
