"""The confirmed plan written in one transaction, with provenance and an audit row (helper C).

Everything happens in one ``store.write()``: the rows are judged again against the store as it
is now (a sync may have landed since the dry run) and the commit is refused if any verdict
differs; then every record is written, every row's provenance (``ImportedRow``) recorded, and
one audit row says that an import happened, with its counts and the file's SHA-256. Any error,
or the user's cancel, rolls the whole back.

The records are written with the values the services write (the person's columns as
``persons.person_values`` makes them, a referral's as ``create_referral_in`` does, one event
each as ``record_event`` writes it, ``stamp_change`` for updates) but not through the
services' one-record writers: ``write_person`` and ``create_referral_in`` ask the store a few
questions, flush and append an audit row per record, which for 20,000 rows takes minutes. Here
the questions are asked once for the file, new rows go in as multi-row INSERTs every thousand
rows, and the import's own audit row stands for the records it wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from sqlalchemy import ColumnDefault, FromClause, bindparam, func, select, update
from sqlalchemy.orm import Session

from desktop.domain.audit_actions import AuditAction
from desktop.domain.codes import Outcome, ReferralStatus
from desktop.domain.fiscal_code import normalise_fiscal_code
from desktop.domain.referral import in_code_order
from desktop.domain.text import normalise_search_text
from desktop.services.audit import record_audit, stamp_change
from desktop.services.context import Actor
from desktop.services.errors import ServiceError
from desktop.services.imports import rows as r
from desktop.services.imports.model import (
    Cancelled,
    ImportCancelled,
    ImportKind,
    ImportOutcome,
    ImportPlan,
    NearMatchDecision,
    Progress,
    RowPlan,
    RowVerdict,
    Severity,
)
from desktop.services.imports.plan import (
    STALE,
    Context,
    Throttle,
    job_centre_of,
    judge,
    load_context,
)
from desktop.services.persons import person_columns
from desktop.services.referrals.numbers import last_sequence, referral_number, this_pc_series
from desktop.services.referrals.records import (
    CODED_LISTS,
    LIST_FIELDS,
    TEXT_FIELDS,
)
from desktop.services.referrals.records import INPUT_FIELDS as REFERRAL_INPUT_FIELDS
from desktop.store.base import new_id, utcnow
from desktop.store.engine import Store
from desktop.store.models import (
    AuditEntry,
    ImportedRow,
    Person,
    Referral,
    ReferralEvent,
    ReferralHandling,
)

FLUSH_EVERY = 250  # rows: a flush stays well under a second, so progress keeps moving


def insert_rows(session: Session, table: FromClause, rows: list[dict[str, object]]) -> None:
    """Rows of one table (each with the same keys) in one executemany on the driver.

    Each value goes through its column's own bind processor, the columns a row leaves out get
    their declared defaults, so the rows stored are those an ORM insert would store; but
    without SQLAlchemy's per-row statement bookkeeping, which for 20,000 referrals with their
    persons and events cost more than the database's own work (triggers, search index).
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    given = list(rows[0])
    defaults = {
        column.name: column.default
        for column in table.columns
        if column.name not in rows[0] and isinstance(column.default, ColumnDefault)
    }
    names = given + list(defaults)
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    marks = ", ".join("?" for _ in names)
    columns = ", ".join(f'"{name}"' for name in names)
    sql = f'INSERT INTO "{table.description}" ({columns}) VALUES ({marks})'

    def default(value: ColumnDefault) -> object:
        return value.arg(None) if value.is_callable else value.arg

    data = []
    for row in rows:
        values = [row[name] for name in given] + [default(d) for d in defaults.values()]
        data.append(
            tuple(
                value if process is None or value is None else process(value)
                for value, process in zip(values, processors, strict=True)
            )
        )
    connection.exec_driver_sql(sql, data)


class ImportStaleError(ServiceError):
    """The store changed between the dry run and the commit: nothing was written."""


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
    decisions = decisions or {}
    chosen = [row for row in plan.rows if _writes(row, decisions)]
    unchanged = plan.count(RowVerdict.UNCHANGED)
    skipped = len(plan.rows) - len(chosen) - unchanged
    if not chosen:
        return ImportOutcome(created=0, updated=0, unchanged=unchanged, skipped=skipped)
    throttle = Throttle(progress, len(chosen))
    today = plan.planned_on or date.today()
    with store.write() as session:
        throttle.tick(0)
        lookups = _check_still_true(session, plan, actor, throttle.tick)
        context = load_context(session, plan.kind, actor, (row.values for row in chosen), today)
        writer = _Writer(session, plan, actor, lookups, context, today)
        for done, row in enumerate(chosen, start=1):
            if cancelled is not None and cancelled():
                raise ImportCancelled("Importazione annullata: nulla è stato scritto.")
            writer.write(row)
            if done % FLUSH_EVERY == 0:
                writer.flush()
            throttle.tick(done)
        writer.finish()
        throttle.tick()
        created = sum(1 for row in chosen if row.verdict is not RowVerdict.UPDATE)
        updated = len(chosen) - created
        record_audit(
            session,
            actor=actor,
            action=AuditAction.IMPORT,
            entity=plan.kind.audit_entity,
            entity_id="",
            details=(
                f"kind={plan.kind.value}; source_sha256={plan.table.source.sha256}; "
                f"rows={len(plan.rows)}; created={created}; updated={updated}; "
                f"unchanged={unchanged}; skipped={skipped}"
            ),
        )
        audit_id = session.scalar(
            select(AuditEntry.id).where(AuditEntry.action == AuditAction.IMPORT)
            .order_by(AuditEntry.seq.desc()).limit(1)
        )  # fmt: skip
    throttle.finish()
    return ImportOutcome(
        created=created, updated=updated, unchanged=unchanged, skipped=skipped, audit_id=audit_id
    )


def _writes(row: RowPlan, decisions: Mapping[int, NearMatchDecision]) -> bool:
    if row.verdict in (RowVerdict.CREATE, RowVerdict.UPDATE):
        return True
    return (
        row.near_match is not None
        and not row.errors
        and decisions.get(row.number) is NearMatchDecision.NEW_PERSON
    )


def _check_still_true(
    session: Session, plan: ImportPlan, actor: Actor, tick: Callable[[], None]
) -> r.Lookups:
    """The plan's lookups again inside the transaction; refused if any verdict would differ."""
    judged = [row for row in plan.rows if row.source_key and not row.errors]
    lookups = r.load_lookups(
        session,
        plan.kind,
        codes=(normalise_fiscal_code(str(row.values.get("fiscal_code") or "")) for row in judged),
        keys=(row.source_key for row in judged),
        tick=tick,
        birth_dates=(
            born for row in judged if isinstance(born := row.values.get("birth_date"), date)
        ),
    )
    for row in judged:
        tick()
        now = judge(row, plan.kind, lookups, actor.site_code)
        then_match = row.near_match.person_id if row.near_match else None
        now_match = now.near_match.person_id if now.near_match else None
        if (now.verdict, now.record_id, now.changes, now_match) != (
            row.verdict,
            row.record_id,
            row.changes,
            then_match,
        ):
            raise ImportStaleError(STALE)
    return lookups


class _Writer:
    """Writes the rows one by one, the store's answers read once (``lookups``)."""

    def __init__(  # noqa: PLR0917
        self,
        session: Session,
        plan: ImportPlan,
        actor: Actor,
        lookups: r.Lookups,
        context: Context,
        today: date,
    ) -> None:
        self.session = session
        self.plan = plan
        self.actor = actor
        self.lookups = lookups
        self.context = context
        self.today = today
        self.file = plan.table.source.name
        self.persons: dict[str, str] = {
            code: person.id for code, person in lookups.persons_by_code.items()
        }
        self.provenance: list[dict[str, object]] = []
        self.new_persons: list[dict[str, object]] = []
        self.new_referrals: list[dict[str, object]] = []
        self.new_events: list[dict[str, object]] = []
        self.refreshed: list[dict[str, object]] = []
        self.series = this_pc_series(session)
        self.sequences: dict[int, int] = {}
        self.now = utcnow()

    # -- persons ------------------------------------------------------------------------------

    def person_id(self, row: RowPlan, *, changes: tuple[str, ...]) -> str:
        """The row's person: created when new, updated with the row's changes when stored."""
        code = normalise_fiscal_code(str(row.values["fiscal_code"]))
        known = self.persons.get(code)
        if known is None:
            return self._create_person(row, code)
        person_changes = [name for name in changes if name in r.PERSON_KEYS]
        if person_changes:
            self._update_person(known, row, person_changes)
        return known

    def _checked_values(self, row: RowPlan) -> dict[str, object]:
        """The person's columns as ``persons.person_values`` makes them; the dry run's
        warnings about the codice fiscale are accepted with the file's row as the reason."""
        values = person_columns(r.person_input(row.values))
        doubtful = any(
            issue.field in {"fiscal_code", "birthplace"} and issue.severity is Severity.WARNING
            for issue in row.issues
        )
        values["fiscal_code_override_reason"] = (
            f"Importazione da «{self.file}», riga {row.number}"[:300] if doubtful else ""
        )
        return values

    def _create_person(self, row: RowPlan, code: str) -> str:
        person_id = new_id()
        self.new_persons.append(
            {
                **self._checked_values(row),
                "id": person_id,
                "owner_site": self.actor.site_code,
                "updated_by": self.actor.operator,
                "created_at": self.now,
                "updated_at": self.now,
            }
        )
        self.persons[code] = person_id
        return person_id

    def _update_person(self, person_id: str, row: RowPlan, changes: list[str]) -> None:
        self.flush()  # the person may be one this commit created a few rows above
        person = self.session.get(Person, person_id)
        assert person is not None  # judged live in this transaction
        values = self._checked_values(row)
        for name in changes:
            setattr(person, name, values[name])
            if name == "birthplace_code":
                person.birthplace_name = str(values["birthplace_name"])
        person.search_name = normalise_search_text(f"{person.last_name} {person.first_name}")
        stamp_change(person, actor=self.actor)

    # -- rows ---------------------------------------------------------------------------------

    def write(self, row: RowPlan) -> None:
        if self.plan.kind is ImportKind.PERSONS:
            record_id = (
                self.person_id(row, changes=row.changes)
                if row.verdict is RowVerdict.UPDATE
                else self._create_person(row, normalise_fiscal_code(str(row.values["fiscal_code"])))
            )
        elif row.verdict is RowVerdict.UPDATE:
            assert row.record_id is not None
            self.person_id(row, changes=row.changes)
            self._update_referral(row.record_id, row)
            record_id = row.record_id
        else:
            person_id = self.person_id(row, changes=row.changes)
            record_id = self._create_referral(row, person_id)
        self._remember(row, record_id)

    def _remember(self, row: RowPlan, record_id: str) -> None:
        values = {
            "record_id": record_id,
            "source_sha256": self.plan.table.source.sha256,
            "source_name": self.file[:255],
            "row_number": row.number,
            "row_digest": row.row_digest,
            "imported_at": self.now,
        }
        known = self.lookups.provenance.get(row.source_key)
        if known is not None:
            self.refreshed.append({"row_id": known.id, **values})
        else:
            self.provenance.append(
                {"id": new_id(), "kind": self.plan.kind.value, "source_key": row.source_key,
                 **values}
            )  # fmt: skip

    def flush(self) -> None:
        """The new rows so far as multi-row INSERTs, persons first (referrals point at them)."""
        for model, rows in (
            (Person, self.new_persons),
            (Referral, self.new_referrals),
            (ReferralEvent, self.new_events),
        ):
            insert_rows(self.session, model.__table__, rows)
            rows.clear()
        self.session.flush()

    def finish(self) -> None:
        self.flush()
        insert_rows(self.session, ImportedRow.__table__, self.provenance)
        if self.refreshed:
            self.session.connection().execute(
                update(ImportedRow)
                .where(ImportedRow.id == bindparam("row_id"))
                .values({name: bindparam(name) for name in self.refreshed[0] if name != "row_id"}),
                self.refreshed,
            )

    # -- referrals ----------------------------------------------------------------------------

    def _number(self, year: int) -> str:
        if year not in self.sequences:
            self.sequences[year] = last_sequence(self.session, year, self.series)
        self.sequences[year] += 1
        return referral_number(year, self.sequences[year], self.series)

    def _referral_values(self, row: RowPlan, person_id: str) -> dict[str, object]:
        """A referral's columns as ``create_referral_in`` makes them (``records._values``)."""
        data = r.referral_input(row.values, person_id)
        values = {name: getattr(data, name) for name in REFERRAL_INPUT_FIELDS}
        for name in LIST_FIELDS:
            values[name] = list(values[name])
        for name, enum in CODED_LISTS.items():
            if values[name]:
                values[name] = in_code_order(getattr(data, name), enum)
        for name in TEXT_FIELDS:
            values[name] = getattr(data, name).strip()
        centre = job_centre_of(row.values, self.context)
        competent = job_centre_of({**row.values, "job_centre_id": None}, self.context)
        values["job_centre_id"] = centre
        values["job_centre_overridden"] = bool(row.values.get("job_centre_id")) and (
            centre != competent
        )
        return values

    def _create_referral(self, row: RowPlan, person_id: str) -> str:
        values = self._referral_values(row, person_id)
        historic = r.is_historic(row.values)
        created_on = row.values.get("created_on") or row.values.get("sent_on") or self.today
        assert isinstance(created_on, date)
        status = ReferralStatus.CONCLUDED if historic else ReferralStatus.DRAFT
        concluded = row.values.get("concluded_on")
        changed_at = r.moment(concluded) if isinstance(concluded, date) else self.now
        referral_id = new_id()
        stamp = {
            "owner_site": self.actor.site_code,
            "updated_by": self.actor.operator,
            "created_at": self.now,
            "updated_at": self.now,
        }
        self.new_referrals.append(
            {
                **values,
                **stamp,
                "id": referral_id,
                "number": self._number(created_on.year),
                "status": status,
                "status_changed_at": changed_at,
                "created_on": created_on,
                "sent_on": row.values.get("sent_on") if historic else None,
                "sending_site": self.actor.site_code,
            }
        )
        # One event, as ``record_event`` writes it: from nothing to the status it enters with.
        self.new_events.append(
            {
                **stamp,
                "id": new_id(),
                "referral_id": referral_id,
                "at": changed_at,
                "operator": self.actor.operator,
                "site": self.actor.site_code,
                "from_status": None,
                "to_status": status,
                "note": r.event_note(self.file, row.number, row.values),
            }
        )
        if historic and self._handled_here(values["job_centre_id"]):
            self.session.add(
                ReferralHandling(
                    referral_id=referral_id,
                    owner_site=self.actor.site_code,
                    updated_by=self.actor.operator,
                    **self._handling(row),
                )
            )
        return referral_id

    def _handled_here(self, centre: object) -> bool:
        """The CPI's handling row is the CPI's: written only when the importer is that CPI."""
        return self.context.own_centre is not None and centre == self.context.own_centre

    def _handling(self, row: RowPlan) -> dict[str, object]:
        outcome = row.values.get("outcome")
        return {
            "received_on": row.values.get("received_on"),
            "taken_in_charge_on": row.values.get("taken_in_charge_on"),
            "outcome": Outcome(str(outcome)) if outcome else None,
            "outcome_on": row.values.get("concluded_on") if outcome else None,
        }

    def _update_referral(self, referral_id: str, row: RowPlan) -> None:
        self.flush()  # a person this commit created may be the one it now points at
        referral = self.session.get(Referral, referral_id)
        assert referral is not None
        values = self._referral_values(row, referral.person_id)
        for name in row.changes:
            if name in values:
                setattr(referral, name, values[name])
            elif name == "created_on":
                referral.created_on = row.values["created_on"]  # type: ignore[assignment]
        if r.is_historic(row.values):
            concluded = row.values["concluded_on"]
            assert isinstance(concluded, date)
            referral.status = ReferralStatus.CONCLUDED
            referral.status_changed_at = r.moment(concluded)
            referral.sent_on = row.values.get("sent_on")  # type: ignore[assignment]
        for event in self.session.scalars(
            select(ReferralEvent).where(ReferralEvent.referral_id == referral_id)
        ):
            event.note = r.event_note(self.file, row.number, row.values)
            event.to_status = referral.status
            event.at = referral.status_changed_at
            stamp_change(event, actor=self.actor)
        if r.is_historic(row.values) and self._handled_here(referral.job_centre_id):
            handling = self.session.scalars(
                select(ReferralHandling).where(ReferralHandling.referral_id == referral_id)
            ).first()
            if handling is None:
                handling = ReferralHandling(
                    referral_id=referral_id,
                    owner_site=self.actor.site_code,
                    updated_by=self.actor.operator,
                )
                self.session.add(handling)
            for name, value in self._handling(row).items():
                setattr(handling, name, value)
            stamp_change(handling, actor=self.actor)
        stamp_change(referral, actor=self.actor)


def count_imported(store: Store, kind: ImportKind) -> int:
    """How many records imports have brought in of this kind (their provenance rows)."""
    with store.read() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(ImportedRow).where(ImportedRow.kind == kind.value)
            )
            or 0
        )
