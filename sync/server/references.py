"""Whether a pushed record may point where it points: references are authorised like records.

A record names other records by id (a referral its person and CPI, an action its referral, a
participant its meeting, ...). Every such reference must name a record that exists on the
server (or earlier in the same batch) and that the writing site may point at:

- reference data and the directory, which every site reads;
- a record the site owns;
- for a CPI, a referral addressed to it and sent (its handling, actions, events and the
  project beneficiaries it follows).

Otherwise a site could make another site's person part of its own referral and then read it
through its scope. Fields that name a site by code (a referral's sending site, an event's site)
must name the writer's own site.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from sync.protocol import HANDLING_TABLES, JOINT_PLAN_TABLES
from sync.protocol.codes import ReferralStatus
from sync.protocol.records import references, rules, shown
from sync.server.auth import PUBLIC_TABLES, Caller, RecordView, ScopeLookup, audience

# Records a CPI writes about a referral it did not send but that is addressed to it.
FOLLOW_ADDRESSED_REFERRAL: frozenset[str] = (
    HANDLING_TABLES | JOINT_PLAN_TABLES | {"referral_event", "project_beneficiary"}
)
# References to another site's record that its audience may make: a CPI refers a person it
# follows to an Ambito's social services; an Ambito answers a social referral addressed to it.
SEEN_TARGETS: frozenset[tuple[str, str]] = frozenset(
    {("social_referral", "person"), ("social_referral_reply", "social_referral")}
)
_WHAT = {
    "ambito": "Ambito",
    "municipality": "comune",
    "job_centre": "CPI",
    "site": "sede",
    "operator": "operatore",
    "organization": "ente",
    "contact": "contatto",
    "referent": "referente",
    "person": "persona",
    "referral": "segnalazione",
    "project": "progetto",
    "meeting": "riunione",
    "agenda_item": "punto all'ordine del giorno",
}


class PendingRecord(Protocol):
    """A record of the same batch, not yet applied: only its owner matters here."""

    @property
    def owner_site(self) -> str: ...


def reference_denial(
    caller: Caller,
    table: str,
    data: Mapping[str, Any],
    lookup: ScopeLookup,
    pending: Mapping[tuple[str, str], PendingRecord],
) -> str | None:
    """Why ``data`` may not be written by ``caller`` because of what it points at, or None."""
    site = caller.site.code
    for rule in rules(table).values():
        if rule.site and data.get(rule.name) not in (None, site):
            return f"Il campo {rule.name} deve indicare la sede che scrive ({site})."
    for rule in references(table):
        target_id = data.get(rule.name)
        if target_id is None:
            continue
        target_table = rule.references or ""
        what = _WHAT.get(target_table, target_table)
        target: RecordView | PendingRecord | None = lookup.record(target_table, target_id)
        if target is None:
            target = pending.get((target_table, target_id))
        if target is None:
            missing = shown(str(target_id))
            return f"Il campo {rule.name} rimanda a un record inesistente ({what} {missing})."
        if target_table in PUBLIC_TABLES or target.owner_site == site:
            continue
        if (
            target_table == "referral"
            and table in FOLLOW_ADDRESSED_REFERRAL
            and _addressed_to(target, site, lookup)
        ):
            continue
        if (table, target_table) in SEEN_TARGETS and _seen_by(target, site, lookup):
            continue
        if (
            table == "plan_action"
            and target_table == "plan_goal"
            and getattr(target, "referral_id", None) == data.get("referral_id")
        ):
            # Another party's goal of the same plan (the referral itself is checked above).
            continue
        return f"Il campo {rule.name} rimanda a un record ({what}) di un'altra sede."
    return None


def _addressed_to(referral: RecordView | PendingRecord, site: str, lookup: ScopeLookup) -> bool:
    status = getattr(referral, "status", None)
    if status is None or status == ReferralStatus.DRAFT.value:
        return False
    return site in lookup.cpi_sites(getattr(referral, "job_centre_id", None))


def _seen_by(target: RecordView | PendingRecord, site: str, lookup: ScopeLookup) -> bool:
    if not hasattr(target, "table_name"):
        return False  # a record of this very batch is the writer's own: handled above
    view: RecordView = target  # type: ignore[assignment]
    return not (view.deleted or view.quarantined) and site in audience(view, lookup)
