"""Shared steps for the rows that hang on a parent record (a meeting's, a project's).

Every such row is a synced tombstoned row: it is found only while live, added stamped as new
(owned by the actor's site), and removed by tombstoning so the removal syncs like any change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services.audit import stamp_change
from desktop.services.context import Actor
from desktop.services.errors import NotFoundError
from desktop.store.base import Synced

_Row = TypeVar("_Row", bound=Synced)


def live_row(session: Session, model: type[_Row], row_id: str, message: str) -> _Row:
    """The row, unless missing or tombstoned, in which case ``message`` is raised."""
    row = session.get(model, row_id)
    if row is None or row.deleted:
        raise NotFoundError(message)
    return row


def live_rows_of(
    session: Session, model: type[_Row], parent_column: str, parent_id: str
) -> list[_Row]:
    """The live rows of ``model`` whose ``parent_column`` points at ``parent_id``."""
    return list(
        session.scalars(
            select(model).where(
                getattr(model, parent_column) == parent_id,
                model.deleted.is_(False),
            )
        )
    )


def insert_row(session: Session, row: Synced, *, actor: Actor) -> None:
    """Stamp a new row and flush, so its id and defaults are there for the returned record."""
    stamp_change(row, actor=actor, new=True)
    session.add(row)
    session.flush()


def tombstone(*rows: Synced, actor: Actor) -> None:
    for row in rows:
        row.deleted = True
        stamp_change(row, actor=actor)


def tombstone_with_children(
    session: Session,
    parent: Synced,
    child_models: Iterable[type[Synced]],
    parent_column: str,
    *,
    actor: Actor,
) -> None:
    """Tombstone a record and every live row that hangs on it, so none is left orphaned."""
    tombstone(parent, actor=actor)
    for model in child_models:
        tombstone(*live_rows_of(session, model, parent_column, parent.id), actor=actor)
