"""The dry run: every row's verdict and its cells' issues, nothing written (helper C).

A row is read in two steps. First on its own: each mapped cell through the ``ValueReader``,
the codice fiscale against the name and the birth data, the person's and the referral's own
rules (the services' ``validate_person`` and ``validate_referral``), its natural key and
digest. Then against the store, read once for the whole file (``rows.load_lookups``): is it
new, changed, unchanged, a near match, or a record an import may not touch (``rows.judge_*``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.codes import Track
from desktop.domain.fiscal_code import check_fiscal_code, normalise_fiscal_code
from desktop.services.context import Actor
from desktop.services.imports import rows as r
from desktop.services.imports.fields import import_fields
from desktop.services.imports.model import (
    Cancelled,
    CellIssue,
    ColumnMapping,
    ImportCancelled,
    ImportField,
    ImportFileError,
    ImportKind,
    ImportPlan,
    Progress,
    RowPlan,
    RowVerdict,
    Severity,
    SourceRow,
    SourceTable,
)
from desktop.services.imports.values import ValueReader, load_value_reader, prepare_archives
from desktop.services.persons import validate_person
from desktop.services.reference import competent_job_centre_id
from desktop.services.referrals.records import actor_job_centre_id, validate_referral
from desktop.services.routes import no_route_message, referral_tracks_for, routes_in_force
from desktop.store.engine import Store
from desktop.store.models import JobCentre

PROGRESS_SECONDS = 0.25
HIDDEN_ROW = "La riga è nascosta nel file."
STALE = "I dati sono cambiati dopo la prova: ripetere la prova di importazione."
_UNSAVED_PERSON = "-"  # the person's id while the referral's own rules are checked


class Throttle:
    """Calls ``progress`` at most four times a second, and once at the end (``finish``).

    ``tick`` may be called as often as wanted, also with the same count while a long step
    (the store's answers, a flush) runs, so that a progress bar never looks stuck.
    """

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        self.last = 0.0

    def tick(self, done: int | None = None) -> None:
        if done is not None:
            self.done = done
        if self.progress is None:
            return
        now = time.monotonic()
        if now - self.last >= PROGRESS_SECONDS:
            self.last = now
            self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


@dataclass
class _Prepared:
    """A row read on its own, before the store is asked about it."""

    source: SourceRow
    values: dict[str, object]
    issues: list[CellIssue]
    key: str | None = None  # the natural key (not hashed): duplicates within the file
    duplicate_of: int | None = None

    @property
    def failed(self) -> bool:
        return any(issue.severity is Severity.ERROR for issue in self.issues)


@dataclass(frozen=True)
class Context:
    """What a referral import needs of the importing site, read once."""

    kind: ImportKind
    site: str
    tracks: frozenset[str] = frozenset()
    own_centre: str | None = None
    centre_of: Mapping[str, str | None] | None = None  # comune of residence -> competent CPI
    centres: frozenset[str] = frozenset()


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
    today = today or date.today()
    kind = mapping.kind
    catalogue = import_fields(kind)
    by_key = {item.key: item for item in catalogue}
    columns: dict[str, int] = {}
    unmapped: list[str] = []
    for index, header in enumerate(table.headers):
        key = mapping.field_of(header)
        if key is None or key not in by_key or key in columns:
            unmapped.append(header)
        else:
            columns[key] = index
    missing = tuple(item.label for item in catalogue if item.required and item.key not in columns)
    if kind is ImportKind.REFERRALS:
        _require_sender(store, actor)
    reader = load_value_reader(store, today=today)
    throttle = Throttle(progress, len(table.rows))
    throttle.tick(0)
    prepare_archives()
    prepared: list[_Prepared] = []
    seen: dict[str, int] = {}
    for done, source in enumerate(table.rows, start=1):
        if cancelled is not None and cancelled():
            raise ImportCancelled("Prova di importazione annullata: nulla è stato scritto.")
        row = _prepare(kind, source, columns, by_key, reader, today=today)
        if missing:
            row.issues.append(
                CellIssue(
                    Severity.ERROR,
                    "Nel file manca la colonna di: " + ", ".join(missing) + ".",
                )
            )
        if row.key is not None:
            if row.key in seen:
                row.duplicate_of = seen[row.key]
                what = "persona" if kind is ImportKind.PERSONS else "segnalazione"
                row.issues.append(
                    CellIssue(
                        Severity.ERROR,
                        f"Riga duplicata: stessa {what} della riga {seen[row.key]}.",
                    )
                )
            else:
                seen[row.key] = source.number
        prepared.append(row)
        throttle.tick(done)
    with store.read() as session:
        context = load_context(session, kind, actor, (row.values for row in prepared), today)
        lookups = _lookups(session, kind, prepared, throttle.tick)
    planned = []
    for row in prepared:
        planned.append(_judged(row, kind, lookups, context, columns))
        throttle.tick()
    throttle.finish()
    return ImportPlan(
        kind=kind,
        table=table,
        mapping=mapping,
        rows=tuple(planned),
        unmapped=tuple(unmapped),
        missing=missing,
        planned_on=today,
    )


def _require_sender(store: Store, actor: Actor) -> None:
    """The importing site is the referrals' sender: refused at once when it may send none."""
    with store.read() as session:
        if not referral_tracks_for(routes_in_force(session), actor.site_kind):
            raise ImportFileError(no_route_message(actor.site_kind))


def _prepare(
    kind: ImportKind,
    source: SourceRow,
    columns: Mapping[str, int],
    by_key: Mapping[str, ImportField],
    reader: ValueReader,
    *,
    today: date,
) -> _Prepared:
    values: dict[str, object] = {}
    issues: list[CellIssue] = []
    if source.hidden:
        issues.append(CellIssue(Severity.WARNING, HIDDEN_ROW))
    for key, column in columns.items():
        item = by_key[key]
        raw = source.cells[column] if column < len(source.cells) else None
        parsed = reader.read(item, raw)
        if parsed.error:
            issues.append(CellIssue(Severity.ERROR, parsed.error, column, key))
        elif parsed.value is not None and parsed.value != "":
            values[key] = parsed.value
        elif item.required:
            issues.append(
                CellIssue(Severity.ERROR, f"Il campo «{item.label}» è obbligatorio.", column, key)
            )
        if parsed.warning:
            issues.append(CellIssue(Severity.WARNING, parsed.warning, column, key))
    row = _Prepared(source, values, issues)
    _check_identity(row, columns)
    _check_rules(kind, row, columns, today=today)
    row.key = r.natural_key(kind, values)
    return row


def _issue(
    row: _Prepared, columns: Mapping[str, int], key: str, message: str, severity: Severity
) -> None:
    if severity is Severity.ERROR and any(
        i.field == key and i.severity is Severity.ERROR for i in row.issues
    ):
        return  # the cell's own error says it already
    row.issues.append(CellIssue(severity, message, columns.get(key), key))


def _check_identity(row: _Prepared, columns: Mapping[str, int]) -> None:
    """The codice fiscale against the person's data: the birth data must match (an error),
    the name's letters should (a warning: transliterations and omocodie exist). Sex and
    birthplace are taken from the code when no column gives them."""
    values = row.values
    code = values.get("fiscal_code")
    if not isinstance(code, str) or not code:
        return
    sex = values.get("sex")
    birth_date = values.get("birth_date")
    birth = check_fiscal_code(
        code,
        last_name=str(values.get("last_name") or "") or None,
        first_name=str(values.get("first_name") or "") or None,
        sex=str(sex) if sex else None,
        birth_date=birth_date if isinstance(birth_date, date) else None,
    )
    if birth.errors:
        _issue(row, columns, "fiscal_code", "Codice fiscale: " + " ".join(birth.errors),
               Severity.ERROR)  # fmt: skip
        return
    values["fiscal_code"] = normalise_fiscal_code(code)
    if not sex and birth.sex:
        values["sex"] = birth.sex
    # The check's own words tell the birth data ("Il codice fiscale indica …") from the name's
    # letters and an unknown birthplace.
    mismatches = [w for w in birth.warnings if w.startswith("Il codice fiscale indica")]
    doubts = [w for w in birth.warnings if w not in mismatches]
    place = r.person_values_of(values)
    typed_place = str(place.get("birthplace_code") or "")
    if typed_place and birth.birthplace_code and typed_place != birth.birthplace_code:
        mismatches.append(
            f"Il codice fiscale indica il luogo di nascita {birth.birthplace_name or ''} "
            f"({birth.birthplace_code}), ma è stato indicato {place.get('birthplace_name') or ''} "
            f"({typed_place})."
        )
    elif not typed_place and birth.birthplace_code and birth.birthplace_name:
        values["birthplace_code"] = birth.birthplace_code
        values["birthplace_name"] = birth.birthplace_name
    if mismatches:
        _issue(row, columns, "fiscal_code", "Codice fiscale: " + " ".join(mismatches),
               Severity.ERROR)  # fmt: skip
        return
    for warning in doubts:
        _issue(row, columns, "fiscal_code", "Codice fiscale: " + warning, Severity.WARNING)


def _check_rules(
    kind: ImportKind, row: _Prepared, columns: Mapping[str, int], *, today: date
) -> None:
    """The services' own rules of a person and a referral, each message at its field's cell."""
    if row.failed:
        return
    person = r.person_input(row.values)
    # The codice fiscale was checked above, with the birth data: validated again without it.
    errors, _warnings = validate_person(replace(person, fiscal_code=""), today=today)
    errors.pop("fiscal_code", None)
    representative = normalise_fiscal_code(person.representative_tax_code)
    if representative and representative == normalise_fiscal_code(person.fiscal_code):
        errors.setdefault(
            "representative_tax_code",
            "Il codice fiscale del rappresentante è quello della persona stessa.",
        )
    for name, message in errors.items():
        _issue(row, columns, name, message, Severity.ERROR)
    if kind is not ImportKind.REFERRALS or "track" not in row.values:
        return
    referral = r.referral_input(row.values, _UNSAVED_PERSON)
    birth_date = row.values.get("birth_date")
    born = birth_date if isinstance(birth_date, date) else None
    errors, warnings = validate_referral(
        referral, birth_date=born, did_date=person.did_date, today=today
    )
    errors.pop("person_id", None)
    happened = row.values.get("sent_on") or row.values.get("created_on")
    if "track" in errors and isinstance(happened, date):
        # A historic referral's age rule is the one in force on its own date.
        again, _ = validate_referral(referral, birth_date=born, today=happened)
        if "track" not in again:
            errors.pop("track")
            warnings.pop("track", None)
    for name, message in errors.items():
        _issue(row, columns, name, message, Severity.ERROR)
    for name, message in warnings.items():
        if name != "track" or not isinstance(happened, date):
            _issue(row, columns, name, message, Severity.WARNING)
    concluded = row.values.get("concluded_on")
    if isinstance(concluded, date) and not isinstance(row.values.get("sent_on"), date):
        _issue(
            row,
            columns,
            "sent_on",
            "Una segnalazione conclusa va importata con la data di invio.",
            Severity.ERROR,
        )
    sent = row.values.get("sent_on")
    if isinstance(concluded, date) and isinstance(sent, date) and concluded < sent:
        _issue(
            row,
            columns,
            "concluded_on",
            "La data di conclusione precede la data di invio.",
            Severity.ERROR,
        )


def load_context(
    session: Session,
    kind: ImportKind,
    actor: Actor,
    rows: Iterable[Mapping[str, object]],
    today: date,
) -> Context:
    if kind is not ImportKind.REFERRALS:
        return Context(kind=kind, site=actor.site_code)
    tracks = frozenset(
        t.value for t in referral_tracks_for(routes_in_force(session), actor.site_kind)
    )
    comuni = {
        str(values["residence_municipality_id"])
        for values in rows
        if values.get("residence_municipality_id")
    }
    centre_of = {comune: competent_job_centre_id(session, comune, today) for comune in comuni}
    centres = frozenset(session.scalars(select(JobCentre.id).where(JobCentre.deleted.is_(False))))
    return Context(
        kind=kind,
        site=actor.site_code,
        tracks=tracks,
        own_centre=actor_job_centre_id(session, actor),
        centre_of=centre_of,
        centres=centres,
    )


def _lookups(
    session: Session, kind: ImportKind, prepared: list[_Prepared], tick: Callable[[], None]
) -> r.Lookups:
    live = [row for row in prepared if not row.failed and row.key is not None]
    return r.load_lookups(
        session,
        kind,
        tick=tick,
        codes=(str(row.values["fiscal_code"]) for row in live),
        keys=(r.source_key(kind, str(row.key)) for row in live),
        birth_dates=(
            born for row in live if isinstance(born := row.values.get("birth_date"), date)
        ),
    )


def job_centre_of(values: Mapping[str, object], context: Context) -> str | None:
    """The CPI the referral goes to: the file's, else the one competent for the residence."""
    chosen = values.get("job_centre_id")
    if chosen:
        return str(chosen)
    comune = values.get("residence_municipality_id")
    if comune and context.centre_of is not None:
        return context.centre_of.get(str(comune))
    return None


def _referral_context_issues(
    values: Mapping[str, object], context: Context, columns: Mapping[str, int]
) -> list[CellIssue]:
    issues = []
    track = values.get("track")
    if track is not None and str(track) not in context.tracks:
        label = "NEET" if str(track) == Track.NEET.value else "Collocamento mirato (CMD)"
        issues.append(
            CellIssue(
                Severity.ERROR,
                f"Percorso: questo ufficio non può inviare segnalazioni «{label}» (la Provincia "
                "stabilisce chi può inviarle).",
                columns.get("track"),
                "track",
            )
        )
    centre = job_centre_of(values, context)
    if centre is None:
        issues.append(
            CellIssue(
                Severity.ERROR,
                "CPI: non è indicato e non si ricava dal comune di residenza: indicarlo nel file.",
                columns.get("job_centre_id"),
                "job_centre_id",
            )
        )
    elif centre not in context.centres:
        issues.append(
            CellIssue(
                Severity.ERROR,
                "CPI: il CPI indicato non esiste.",
                columns.get("job_centre_id"),
                "job_centre_id",
            )
        )
    elif centre == context.own_centre and not r.is_historic(values):
        issues.append(
            CellIssue(
                Severity.ERROR,
                "CPI: un CPI può segnalare solo a un altro CPI.",
                columns.get("job_centre_id"),
                "job_centre_id",
            )
        )
    return issues


def _judged(
    row: _Prepared,
    kind: ImportKind,
    lookups: r.Lookups,
    context: Context,
    columns: Mapping[str, int],
) -> RowPlan:
    plan = RowPlan(
        number=row.source.number,
        verdict=RowVerdict.SKIPPED,
        issues=tuple(row.issues),
        values=dict(row.values),
    )
    if row.key is not None:
        plan = replace(
            plan,
            source_key=r.source_key(kind, row.key),
            row_digest=r.row_digest(row.values),
        )
    if row.failed or row.key is None:
        return plan
    if kind is ImportKind.REFERRALS:
        extra = _referral_context_issues(row.values, context, columns)
        if extra:
            return replace(plan, issues=(*plan.issues, *extra))
    return apply_judgement(plan, judge(plan, kind, lookups, context.site))


def judge(plan: RowPlan, kind: ImportKind, lookups: r.Lookups, site: str) -> r.Judgement:
    if kind is ImportKind.PERSONS:
        return r.judge_person(plan.values, plan.source_key, plan.row_digest, lookups)
    return r.judge_referral(plan.values, plan.source_key, plan.row_digest, lookups, site=site)


def apply_judgement(plan: RowPlan, judgement: r.Judgement) -> RowPlan:
    return replace(
        plan,
        verdict=judgement.verdict,
        changes=judgement.changes,
        record_id=judgement.record_id,
        near_match=judgement.near_match,
        issues=(*plan.issues, *judgement.issues),
    )
