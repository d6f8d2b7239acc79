"""Audited reads of referrals (DOMAIN.md §5, issue 15): opening one, showing its CMD section,
a search of the list that shows special-category data.

Each is recorded in a unit of work of its own (``record_access``), after the read: the screen
calls these once the referral or the results are on screen, so that the audit never delays
what the operator waits for. Details hold codes and counts only.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import Track
from desktop.domain.text import normalise_search_text
from desktop.services.audit import record_access
from desktop.services.context import Actor
from desktop.services.referrals.listing import ReadSource, ReferralFilter, first_page
from desktop.services.referrals.listing_sql import SortKey, search_kind
from desktop.store.engine import Store


def record_referral_opened(store: Store, *, actor: Actor, referral_id: str, track: Track) -> None:
    """The operator opened a referral in the editor."""
    record_access(
        store,
        actor=actor,
        action=AuditAction.OPEN_REFERRAL,
        entity=AuditEntity.REFERRAL,
        entity_id=referral_id,
        details=f"track={Track(track).value}",
    )


def record_cmd_section_shown(store: Store, *, actor: Actor, referral_id: str) -> None:
    """The operator looked at the CMD section (disability data) of a CMD referral."""
    record_access(
        store,
        actor=actor,
        action=AuditAction.OPEN_CMD_SECTION,
        entity=AuditEntity.REFERRAL,
        entity_id=referral_id,
        details=f"track={Track.CMD.value}",
    )


def record_health_data_shown(store: Store, *, actor: Actor, referral_id: str) -> None:
    """The operator looked at a NEET referral's health-related codes (special-category data
    like the CMD section's: desktop.domain.health)."""
    record_access(
        store,
        actor=actor,
        action=AuditAction.OPEN_HEALTH_DATA,
        entity=AuditEntity.REFERRAL,
        entity_id=referral_id,
        details=f"track={Track.NEET.value}",
    )


def tracks_shown(source: ReadSource, flt: ReferralFilter) -> list[Track]:
    """The tracks of the referrals a filter shows (a quick, capped look per track)."""
    found = []
    for track in Track:
        if flt.track is not None and flt.track is not track:
            continue
        page = first_page(
            source,
            replace(flt, track=track),
            sort=SortKey.CREATED_ON,
            descending=True,
            limit=0,
            today=date.today(),  # no row is read: the day changes nothing
            count_floor=1,
        )
        if page.count:
            found.append(track)
    return found


def shows_special_data(flt: ReferralFilter, tracks: list[Track]) -> bool:
    """A search by text finds named persons; a CMD referral is about a disability."""
    return bool(normalise_search_text(flt.search)) or Track.CMD in tracks


def record_list_search(
    store: Store,
    *,
    actor: Actor,
    flt: ReferralFilter,
    results: int,
    exact: bool = True,
    source: ReadSource | None = None,
) -> bool:
    """Record a search of the referral list when what it shows is special-category data.

    ``results``: the count the list shows (``exact`` False: a lower bound). Returns whether a
    row was recorded. Called once per search the operator runs, not per page read.
    """
    tracks = tracks_shown(source or store, flt) if results else []
    if not shows_special_data(flt, tracks):
        return False
    needle = normalise_search_text(flt.search)
    used = [
        name
        for name, value in (
            ("track", flt.track),
            ("status", flt.statuses),
            ("job_centre", flt.job_centre_id),
            ("ambito", flt.ambito_id),
            ("sent_by_site", flt.sent_by_site),
            ("period", flt.created_from or flt.created_to),
            ("restricted", flt.include_restricted),
        )
        if value
    ]
    parts = [
        f"results={results}{'' if exact else '+'}",
        f"tracks={','.join(track.value for track in tracks) or '-'}",
    ]
    if needle:
        parts.append(f"text={search_kind(needle)}")
    if used:
        parts.append(f"filters={','.join(used)}")
    record_access(
        store,
        actor=actor,
        action=AuditAction.SEARCH,
        entity=AuditEntity.REFERRAL_LIST,
        entity_id="",
        details="; ".join(parts),
    )
    return True
