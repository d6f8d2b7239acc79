"""The dry run: every row's verdict and its cells' issues, nothing written (helper C)."""

from __future__ import annotations

from datetime import date

from desktop.services.context import Actor
from desktop.services.imports.model import (
    Cancelled,
    ColumnMapping,
    ImportPlan,
    Progress,
    SourceTable,
)
from desktop.store.engine import Store


def dry_run(
    store: Store,
    table: SourceTable,
    mapping: ColumnMapping,
    *,
    actor: Actor,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPlan:
    raise NotImplementedError
