"""Retention that happens (GDPR art. 5(1)(e), DOMAIN.md §5): what is past its period, and its
anonymisation once a privacy officer confirms.

THE CONTRACT (issue 15): the Conservazione page and ``trama retention`` call exactly these
functions and read exactly these dataclasses. Bodies: see the retention work.

- ``list_due`` reads the rules this PC holds (``retention_rule``, from the server) and lists
  every record this site owns that is past its period, oldest first; restricted records
  (art. 18) are listed with ``held=True`` and never anonymised until the restriction is lifted.
- ``anonymise`` removes identifiers, contacts and free text from the confirmed records (codes,
  dates at month precision and outcomes are kept), marks them ``anonymised_on``, records an
  audit row per record, and lets the change travel through sync like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from desktop.domain.actor import Actor
from desktop.domain.codes import RetentionRecordKind, Track
from desktop.store.engine import Store

# progress(done, total); cancelled() -> True to stop between batches (what is done stays done).
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class DueRecord:
    """A record past its retention period (never a name: the page shows numbers and codes)."""

    record_kind: RetentionRecordKind
    record_id: str
    number: str  # the referral's number; "" for a person
    track: Track | None
    closing: str  # the status or outcome that closed it (a code; the UI shows its label)
    closed_on: date  # when the period started
    due_on: date  # when the period ended
    months: int  # the rule's period
    basis: str  # the rule's basis (Italian), shown to the privacy officer
    needs_decision: bool  # the rule is still a proposal awaiting the controller's decision
    held: bool  # restricted (GDPR art. 18): listed, never anonymised while the flag is set


@dataclass(frozen=True)
class AnonymisationResult:
    referrals: int
    persons: int
    held: int  # confirmed but restricted, left untouched
    cancelled: bool


def list_due(store: Store, *, actor: Actor, today: date) -> list[DueRecord]:
    """Every record this site owns past its period on ``today``; NotAllowedError without the
    RUN_RETENTION permission."""
    raise NotImplementedError


def anonymise(
    store: Store,
    *,
    actor: Actor,
    record_ids: Sequence[str],
    today: date,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> AnonymisationResult:
    """Anonymise the confirmed records (ids from ``list_due``); NotAllowedError without the
    RUN_RETENTION permission. Runs in batches so that progress is reported and a cancel stops
    between two of them."""
    raise NotImplementedError
