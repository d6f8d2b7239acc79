"""Whether a row was really changed in a unit of work, so that a save changing nothing writes
nothing (issue 12: "looking must never write").

A service stamps a synced row as changed (new ``updated_at``, ``dirty``) after applying an
operator's input; when the input equals what is stored, the row must stay as it is, or merely
opening and closing a screen would send the record to every PC again. SQLAlchemy keeps a row's
net changes only until they are flushed, and any query flushes on its way: the write sessions
therefore remember, at each flush, which rows had real changes, and ``has_changes`` counts
those too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import InstanceState, Session, UOWTransaction

_FLUSHED = "trama.flushed_changes"


def remember_flushed_changes(
    session: Session, _flush_context: UOWTransaction, _instances: Any
) -> None:
    """``before_flush`` listener of the write sessions: note the rows about to be inserted or
    really updated."""
    flushed: set[InstanceState[Any]] = session.info.setdefault(_FLUSHED, set())
    flushed.update(inspect(row) for row in session.new)
    flushed.update(inspect(row) for row in session.dirty if session.is_modified(row))


def forget_flushed_changes(session: Session) -> None:
    """``after_commit`` / ``after_rollback`` listener: the next unit of work starts afresh."""
    session.info.pop(_FLUSHED, None)


def has_changes(row: object) -> bool:
    """True when ``row`` is new, or differs from what this unit of work found stored.

    A value set to what it already was is no change; a change already flushed by a query in
    this unit of work still is one.
    """
    state: InstanceState[Any] = inspect(row)
    session = state.session
    if not state.persistent or session is None:
        return True
    return session.is_modified(row) or state in session.info.get(_FLUSHED, ())
