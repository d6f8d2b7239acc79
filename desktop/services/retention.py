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

Ownership decides what a site anonymises (DESIGN.md §3): the sender its referral, the person,
its own events and privacy acknowledgements; the CPI its handling, path actions and own events.
A referral's period starts when it closed: a draft at its last change; a withdrawn, returned or
not relevant one at that status change; a concluded one at the CPI's outcome date (or the status
change), and the outcome itself is the closing when a rule names it (``hired``). At a CPI, a
referral its sender has anonymised makes the CPI's part due at once. A person is anonymised
together with the last of its referrals still kept; a person with no referral left to keep
falls under the PERSON rule.

Nothing identifying may stay behind in the store (docs/PRIVACY.md): the merge bases
(``sync_base``, copied whole by a trigger when a row turns dirty), batches waiting to be sent,
conflicts, refusals and set-aside records naming the records are cleaned in the same unit of
work; the run writes with ``secure_delete`` (freed pages are zeroed, so backups, which copy
pages, carry no old text), then merges the search index (FTS5 keeps deleted tokens in old
segments until then) and truncates the WAL.

Event times are kept to the second: a referral's status is its latest event's, and monitoring
counts statuses, so reordering events by rounding them would change the Province's figures.
They are times of the offices' actions, not of the person's life.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import RetentionRecordKind, Track
from desktop.domain.errors import NotAllowedError
from desktop.domain.permissions import DENIED, Permission, may
from desktop.services.audit import Access, record_audits
from desktop.store import erasure
from desktop.store.base import utcnow
from desktop.store.codec import sql_timestamp
from desktop.store.derived import chunks
from desktop.store.engine import Store
from desktop.store.raw import Connection, session_connection
from sync.protocol.retention import most_specific

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
    # Confirmed but no longer past their period when the run came (changed meanwhile, or an
    # id that was never listed): left untouched.
    not_due: int = 0


def list_due(store: Store, *, actor: Actor, today: date) -> list[DueRecord]:
    """Every record this site owns past its period on ``today``; NotAllowedError without the
    RUN_RETENTION permission."""
    _allowed(actor)
    with store.raw_read() as connection:
        return _due(connection, actor.site_code, today)


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
    _allowed(actor)
    # Each batch is checked again inside its own unit of work: what is confirmed is anonymised
    # only if it is still due then (a sync may have changed it since the list was read).
    confirmed = list(dict.fromkeys(record_ids))
    referrals = persons = held = not_due = done = 0
    stopped = False
    try:
        for start in range(0, len(confirmed), BATCH):
            if cancelled is not None and cancelled():
                stopped = True
                break
            batch = confirmed[start : start + BATCH]
            with store.write() as session:
                due = _due(session_connection(session), actor.site_code, today, only=batch)
                held += sum(1 for record in due if record.held)
                not_due += len(batch) - len(due)
                counts = _anonymise_batch(
                    session, actor, [record for record in due if not record.held], today
                )
            referrals += counts[0]
            persons += counts[1]
            done += len(batch)
            if progress is not None:
                progress(done, len(confirmed))
    finally:
        # Also after a run with nothing to do: it cleans what older versions of anonymised
        # records left behind (see _forget_traces).
        _forget_traces(store)
    return AnonymisationResult(
        referrals=referrals, persons=persons, held=held, cancelled=stopped, not_due=not_due
    )


# ---------------------------------------------------------------------------------------------
# What is due

# Records per unit of work: small enough for a cancel to answer within a few seconds, big
# enough that the commits (each one an fsync) stay a small part of the run.
BATCH = 1000
_CLOSINGS = ("draft", "withdrawn", "not_relevant", "returned", "concluded")
_SENDER_GONE = (
    "Segnalazione già anonimizzata dall'ente inviante: la parte del CPI (presa in carico, esito, "
    "azioni) non ha più ragione di essere conservata."
)


@dataclass(frozen=True)
class _Rule:
    record_kind: str
    track: str | None
    closing: str
    months: int
    needs_decision: bool
    basis: str


def _allowed(actor: Actor) -> None:
    if not may(actor, Permission.RUN_RETENTION):
        raise NotAllowedError(DENIED[Permission.RUN_RETENTION])


def _rules(connection: Connection) -> dict[str, list[_Rule]]:
    rules: dict[str, list[_Rule]] = {}
    for kind, track, closing, months, needs_decision, basis in connection.execute(
        "SELECT record_kind, track, closing, months, needs_decision, basis FROM retention_rule "
        "WHERE deleted = 0 AND months >= 0 ORDER BY id"
    ):
        rule = _Rule(kind, track, closing or "", int(months), bool(needs_decision), basis or "")
        rules.setdefault(kind, []).append(rule)
    return rules


def _due(
    connection: Connection, site: str, today: date, *, only: Sequence[str] | None = None
) -> list[DueRecord]:
    """What is due at ``site`` on ``today``; with ``only``, among those ids alone."""
    rules = _rules(connection)
    among, among_params = _among("r.id", only)
    # A few ids: found by the primary key, not among every closed referral by status.
    status = "r.status" if only is None else "+r.status"
    referral_rules = rules.get(RetentionRecordKind.REFERRAL.value, [])
    due: list[DueRecord] = []
    marks = ",".join("?" * len(_CLOSINGS))
    columns = (
        "r.id, r.number, r.track, r.status, r.status_changed_at, r.updated_at, r.owner_site, "
        "r.anonymised_on, r.restricted, r.person_id, h.outcome, h.outcome_on"
    )
    # Two queries, each on its own index: the referrals this site sent that are closed (by
    # status), and those whose handling is this site's (by the handling's owner). ``+`` keeps
    # SQLite off the owner_site index, which matches nearly every row on a sender's PC.
    rows = [
        *connection.execute(
            f"SELECT {columns} FROM referral r LEFT JOIN referral_handling h "
            "ON h.referral_id = r.id AND h.deleted = 0 "
            f"WHERE {status} IN ({marks}) AND +r.owner_site = ? AND r.anonymised_on IS NULL "
            f"AND r.deleted = 0{among}",
            (*_CLOSINGS, site, *among_params),
        ),
        *connection.execute(
            f"SELECT {columns} FROM referral_handling h JOIN referral r ON r.id = h.referral_id "
            "WHERE h.owner_site = ? AND h.anonymised_on IS NULL AND h.deleted = 0 "
            f"AND r.owner_site != ? AND r.deleted = 0{among}",
            (site, site, *among_params),
        ),
    ]
    restricted_persons = {
        row[0] for row in connection.execute("SELECT id FROM person WHERE restricted = 1")
    }
    for (
        referral_id,
        number,
        track,
        status,
        changed_at,
        updated_at,
        owner,
        anonymised_on,
        restricted,
        person_id,
        outcome,
        outcome_on,
    ) in rows:
        held = bool(restricted) or person_id in restricted_persons
        if owner != site and anonymised_on is not None:
            # The sender's part is gone: the CPI's part is due at once.
            gone = date.fromisoformat(str(anonymised_on)[:10])
            due.append(
                DueRecord(
                    record_kind=RetentionRecordKind.REFERRAL,
                    record_id=referral_id,
                    number=number,
                    track=Track(track) if track else None,
                    closing=str(status),
                    closed_on=gone,
                    due_on=gone,
                    months=0,
                    basis=_SENDER_GONE,
                    needs_decision=False,
                    held=held,
                )
            )
            continue
        if status not in _CLOSINGS:
            continue
        closing = str(status)
        if status == "draft":
            closed_on = _day(updated_at)
        elif status == "concluded" and outcome_on is not None:
            closed_on = _day(outcome_on)
        else:
            closed_on = _day(changed_at)
        rule = None
        if status == "concluded" and outcome:
            by_outcome = most_specific(referral_rules, track=track, closing=str(outcome))
            if by_outcome is not None and by_outcome.closing == outcome:
                rule, closing = by_outcome, str(outcome)
        if rule is None:
            rule = most_specific(referral_rules, track=track, closing=str(status))
        if rule is None:
            continue  # no rule for it: kept until the Province sets one
        due_on = add_months(closed_on, rule.months)
        if due_on > today:
            continue
        due.append(
            DueRecord(
                record_kind=RetentionRecordKind.REFERRAL,
                record_id=referral_id,
                number=number,
                track=Track(track) if track else None,
                closing=closing,
                closed_on=closed_on,
                due_on=due_on,
                months=rule.months,
                basis=rule.basis,
                needs_decision=rule.needs_decision,
                held=held,
            )
        )
    due.extend(
        _due_persons(connection, site, today, rules.get(RetentionRecordKind.PERSON, []), only)
    )
    due.sort(key=lambda record: (record.due_on, record.record_kind != "referral", record.number))
    return due


def _due_persons(
    connection: Connection,
    site: str,
    today: date,
    rules: list[_Rule],
    only: Sequence[str] | None,
) -> list[DueRecord]:
    """Persons of this site with no referral left to keep (none, or all anonymised)."""
    rule = most_specific(rules, track=None, closing="")
    if rule is None:
        return []
    among, among_params = _among("p.id", only)
    due = []
    for person_id, updated_at, restricted, last_anonymised in connection.execute(
        "SELECT p.id, p.updated_at, p.restricted, "
        "  (SELECT max(r.anonymised_on) FROM referral r WHERE r.person_id = p.id "
        "   AND r.deleted = 0) "
        "FROM person p WHERE +p.owner_site = ? AND p.deleted = 0 AND p.anonymised_on IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.person_id = p.id AND r.deleted = 0 "
        f"  AND r.anonymised_on IS NULL){among}",
        (site, *among_params),
    ):
        closed_on = _day(last_anonymised if last_anonymised is not None else updated_at)
        due_on = add_months(closed_on, rule.months)
        if due_on > today:
            continue
        due.append(
            DueRecord(
                record_kind=RetentionRecordKind.PERSON,
                record_id=person_id,
                number="",
                track=None,
                closing="",
                closed_on=closed_on,
                due_on=due_on,
                months=rule.months,
                basis=rule.basis,
                needs_decision=rule.needs_decision,
                held=bool(restricted),
            )
        )
    return due


def _among(column: str, ids: Sequence[str] | None) -> tuple[str, tuple[str, ...]]:
    """A condition keeping ``column`` to ``ids`` (none when ``ids`` is None)."""
    if ids is None:
        return "", ()
    if not ids:
        return " AND 0", ()
    return f" AND {column} IN ({','.join('?' * len(ids))})", tuple(ids)


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, on the month's last day when it has fewer days."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


# ---------------------------------------------------------------------------------------------
# Anonymising

# What anonymisation removes, per table: free text and identifiers blanked, dates to the first
# of their month. Codes, outcomes, numbers, flags and references stay (monitoring needs them).
_BLANKED: dict[str, tuple[str, ...]] = {
    "person": (
        "fiscal_code", "fiscal_code_override_reason", "last_name", "first_name", "search_name",
        "birthplace_code", "birthplace_name", "permit_number", "residence_address",
        "residence_postcode", "domicile_address", "domicile_postcode", "phone", "email",
        "education_title", "last_school", "restriction_reason",
        # The legal representative identifies the person as well (the kind, a code, stays).
        "representative_name", "representative_tax_code", "representative_phone",
        "representative_email", "representative_act",
    ),
    "referral": ("referring_operator", "reason", "restriction_reason", "placement_notes"),
    "referral_event": ("note",),
    "referral_handling": ("outcome_notes", "follow_up_notes"),
    "path_action": ("outcome_notes",),
    "project_beneficiary": ("notes",),
    "privacy_acknowledgement": (),
    # The joint plan (issue 17): each party's own entries, like the rest of its part.
    "plan_goal": ("description",),
    "plan_action": ("description", "responsible_name", "notes"),
    "joint_interview": ("place", "summary"),
    "plan_review": ("notes",),
}  # fmt: skip
_EMPTIED_LISTS: dict[str, tuple[str, ...]] = {
    "referral": ("attachments",),
    "joint_interview": ("participants",),
}
_PLAN_TABLES = ("plan_goal", "plan_action", "joint_interview", "plan_review")
_MONTHS: dict[str, tuple[str, ...]] = {
    "person": (
        "birth_date", "permit_expiry", "did_date", "school_left_date", "representative_act_on",
    ),
    "referral": (
        "created_on", "sent_on", "privacy_notice_on", "out_of_work_since",
        "out_of_education_since", "guarantee_adhesion_on", "assessment_on",
        "l68_registration_on", "doc_assessment_on", "doc_functional_diagnosis_on",
        "doc_final_report_on", "invalidity_revision_on",
    ),
    "referral_handling": (
        "received_on", "taken_in_charge_on", "outcome_on", "follow_up_due_on",
        "follow_up_done_on", "service_pact_on",
    ),
    "path_action": ("start_on", "end_on"),
    "privacy_acknowledgement": ("handed_over_on",),
    "referral_event": (),
    "project_beneficiary": (),
    "plan_goal": ("reached_on",),
    "plan_action": ("due_on", "done_on"),
    "joint_interview": ("held_on",),
    "plan_review": ("review_on", "next_review_on"),
}  # fmt: skip
_MARKED = frozenset({"person", "referral", "referral_handling"})


def _assignments(table: str) -> str:
    parts = [f"\"{name}\" = ''" for name in _BLANKED[table]]
    parts += [f"\"{name}\" = '[]'" for name in _EMPTIED_LISTS.get(table, ())]
    parts += [f'"{name}" = substr("{name}", 1, 8) || \'01\'' for name in _MONTHS[table]]
    return ", ".join(parts)


def _anonymised_where(table: str) -> str:
    """The row still holds something anonymisation removes (so an untouched row stays clean)."""
    tests = [f"\"{name}\" != ''" for name in _BLANKED[table]]
    tests += [f"\"{name}\" != '[]'" for name in _EMPTIED_LISTS.get(table, ())]
    tests += [f"substr(\"{name}\", 9, 2) != '01'" for name in _MONTHS[table]]
    if table in _MARKED:
        tests.append("anonymised_on IS NULL")
    return "(" + " OR ".join(tests) + ")" if tests else "0"


class _Batch:
    """One unit of work's statements, on the ORM session's own connection."""

    def __init__(self, session: Session, actor: Actor, today: date) -> None:
        self.session = session
        self.connection = session_connection(session)
        self.actor = actor
        self.site = actor.site_code
        self.today = today.isoformat()
        self.stamp = sql_timestamp(utcnow())
        self.touched: dict[str, set[str]] = {}

    def scrub(self, table: str, where: str, params: Sequence[object], *, own: bool) -> None:
        """Anonymise the rows of ``table`` matching ``where``: a row of this site as a change
        that syncs (stamped, dirty), another site's copy here only (that site anonymises its
        own, and the change reaches this PC like any other)."""
        assignments = _assignments(table)
        if table in _MARKED and own:
            assignments += ", anonymised_on = coalesce(anonymised_on, ?)"
            extra: list[object] = [self.today]
        else:
            extra = []
        # ``+``: not by the owner_site index, which matches nearly every row (see _due).
        owner = "+owner_site = ?" if own else "+owner_site != ?"
        if own:
            assignments += ", updated_at = ?, updated_by = ?, dirty = 1"
            extra += [self.stamp, self.actor.operator]
        elif not _BLANKED[table]:
            return  # another site's row with no free text: nothing to do here
        else:
            # A copy: only its free text, and never sent (not ours to send).
            assignments = ", ".join(
                [f"\"{name}\" = ''" for name in _BLANKED[table]]
                + [f"\"{name}\" = '[]'" for name in _EMPTIED_LISTS.get(table, ())]
            )
        pending = (
            _anonymised_where(table)
            if own
            else "("
            + " OR ".join(
                [f"\"{name}\" != ''" for name in _BLANKED[table]]
                + [f"\"{name}\" != '[]'" for name in _EMPTIED_LISTS.get(table, ())]
            )
            + ")"
        )
        ids = [
            row[0]
            for row in self.connection.execute(
                f'UPDATE "{table}" SET {assignments} WHERE {where} AND {owner} '
                f"AND {pending} RETURNING id",
                (*extra, *params, self.site),
            )
        ]
        self.touched.setdefault(table, set()).update(ids)

    def forget_bookkeeping(self) -> None:
        """What the sync bookkeeping holds of the records touched: their merge bases lose the
        removed fields; conflicts, refusals, set-aside copies and unsent batches go."""
        batches: set[str] = set()
        for table, ids in self.touched.items():
            if not ids:
                continue
            removed = (*_BLANKED[table], *_EMPTIED_LISTS.get(table, ()), *_MONTHS[table])
            paths = ", ".join(f"'$.\"{name}\"'" for name in removed)
            for chunk in chunks(sorted(ids)):
                marks = ",".join("?" * len(chunk))
                key = f"table_name = ? AND record_id IN ({marks})"
                params = (table, *chunk)
                if paths:
                    # Without these fields the merge base cannot bring them back: a change of
                    # them elsewhere meets the anonymised value as a conflict for a person.
                    self.connection.execute(
                        f"UPDATE sync_base SET data = json_remove(data, {paths}) WHERE {key}",
                        params,
                    )
                for book in ("sync_conflict", "sync_rejection", "sync_set_aside"):
                    self.connection.execute(f"DELETE FROM {book} WHERE {key}", params)
                batches.update(
                    row[0]
                    for row in self.connection.execute(
                        f"SELECT batch_id FROM sync_batch_item WHERE {key}", params
                    )
                )
        for batch_id in sorted(batches):
            # Its body holds the records as they were; they are dirty and go in a new batch.
            self.connection.execute("DELETE FROM sync_batch_item WHERE batch_id = ?", (batch_id,))
            self.connection.execute("DELETE FROM sync_batch WHERE batch_id = ?", (batch_id,))


def _anonymise_batch(
    session: Session, actor: Actor, batch: Sequence[DueRecord], today: date
) -> tuple[int, int]:
    work = _Batch(session, actor, today)
    erasure.zero_what_is_freed(work.connection)
    referral_ids = [r.record_id for r in batch if r.record_kind == RetentionRecordKind.REFERRAL]
    person_ids = {r.record_id for r in batch if r.record_kind == RetentionRecordKind.PERSON}
    sent_referrals: list[str] = []
    handled_referrals: list[str] = []
    for chunk in chunks(referral_ids):
        marks = ",".join("?" * len(chunk))
        for referral_id, owner in work.connection.execute(
            f"SELECT id, owner_site FROM referral WHERE id IN ({marks})", tuple(chunk)
        ):
            (sent_referrals if owner == work.site else handled_referrals).append(referral_id)
    for chunk in chunks(referral_ids):
        marks = ",".join("?" * len(chunk))
        within = f"referral_id IN ({marks})"
        for table in (
            "referral_event",
            "referral_handling",
            "path_action",
            "project_beneficiary",
            *_PLAN_TABLES,
        ):
            work.scrub(table, within, chunk, own=True)
            work.scrub(table, within, chunk, own=False)
        work.scrub("privacy_acknowledgement", within, chunk, own=True)
    for chunk in chunks(sent_referrals):
        marks = ",".join("?" * len(chunk))
        work.scrub("referral", f"id IN ({marks})", chunk, own=True)
        # The person goes with the last of its referrals still kept.
        person_ids.update(
            row[0]
            for row in work.connection.execute(
                f"SELECT DISTINCT p.id FROM person p JOIN referral r ON r.person_id = p.id "
                f"WHERE r.id IN ({marks}) AND +p.owner_site = ? AND p.restricted = 0 "
                "AND NOT EXISTS (SELECT 1 FROM referral k WHERE k.person_id = p.id "
                "  AND k.deleted = 0 AND k.anonymised_on IS NULL)",
                (*chunk, work.site),
            )
        )
    for chunk in chunks(sorted(person_ids)):
        marks = ",".join("?" * len(chunk))
        work.scrub("person", f"id IN ({marks}) AND restricted = 0", chunk, own=True)
        work.scrub("privacy_acknowledgement", f"person_id IN ({marks})", chunk, own=True)
    work.forget_bookkeeping()
    persons = sorted(work.touched.get("person", set()))
    sent = set(sent_referrals)
    record_audits(
        session,
        actor=actor,
        accesses=[
            Access(
                AuditAction.ANONYMISE,
                AuditEntity.REFERRAL,
                referral_id,
                "conservazione: parte dell'ente inviante"
                if referral_id in sent
                else "conservazione: parte del CPI",
            )
            for referral_id in sorted({*sent_referrals, *handled_referrals})
        ]
        + [
            Access(
                AuditAction.ANONYMISE,
                AuditEntity.PERSON,
                person_id,
                "conservazione: dati identificativi rimossi",
            )
            for person_id in persons
        ],
    )
    return len(sent_referrals) + len(handled_referrals), len(persons)


# The rows of anonymised records, whoever anonymised them (here, on another PC of the site, or
# at the other office of the referral): their merge bases may predate the anonymisation.
_ANONYMISED_ROWS = {
    "person": "SELECT id FROM person WHERE anonymised_on IS NOT NULL",
    "referral": "SELECT id FROM referral WHERE anonymised_on IS NOT NULL",
    **{
        table: f"SELECT id FROM {table} WHERE referral_id IN "
        "(SELECT id FROM referral WHERE anonymised_on IS NOT NULL)"
        for table in (
            "referral_handling",
            "referral_event",
            "path_action",
            "project_beneficiary",
            *_PLAN_TABLES,
        )
    },
    "privacy_acknowledgement": "SELECT id FROM privacy_acknowledgement WHERE person_id IN "
    "(SELECT id FROM person WHERE anonymised_on IS NOT NULL)",
}


def _forget_traces(store: Store) -> None:
    """After the run: the merge bases of every anonymised record without the removed fields
    (a base kept from before an anonymisation that reached this PC by sync, too); the search
    index merged (FTS5 keeps a deleted row's tokens in its old segments until then) with freed
    pages zeroed; and the WAL, which holds the pages as they were, checkpointed into the file
    and truncated."""
    with store.write() as session:
        connection = session_connection(session)
        erasure.zero_what_is_freed(connection)
        for table, rows in _ANONYMISED_ROWS.items():
            removed = (*_BLANKED[table], *_EMPTIED_LISTS.get(table, ()), *_MONTHS[table])
            stripped = "json_remove(data, " + ", ".join(f"'$.\"{n}\"'" for n in removed) + ")"
            # A base is a whole row: one without the first removed field was stripped already.
            connection.execute(
                f"UPDATE sync_base SET data = {stripped} WHERE table_name = ? "
                f"AND record_id IN ({rows}) AND json_type(data, '$.\"{removed[0]}\"') IS NOT NULL",
                (table,),
            )
        # Where an anonymised record came from (a hash of its codice fiscale, a file's name)
        # goes too: an import's provenance is local bookkeeping, not part of the record kept.
        connection.execute(
            "DELETE FROM imported_row WHERE record_id IN (SELECT id FROM person WHERE "
            "anonymised_on IS NOT NULL UNION "
            "SELECT id FROM referral WHERE anonymised_on IS NOT NULL)"
        )
        erasure.merge_search_index(connection)
    connection = store.raw_connection()
    try:
        erasure.truncate_wal(connection)
    finally:
        connection.close()
