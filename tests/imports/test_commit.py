"""The commit: every valid row or none, provenance so that a file imported again changes
nothing, drafts and historic referrals with their event, one audit row."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import ReferralStatus
from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.services.context import Actor
from desktop.services.imports import commit as commit_module
from desktop.services.imports.commit import ImportStaleError, commit_import
from desktop.services.imports.model import (
    ImportCancelled,
    ImportKind,
    ImportPlan,
    NearMatchDecision,
    RowVerdict,
    SourceTable,
)
from desktop.services.imports.plan import STALE, dry_run
from desktop.services.persons import merge_persons, update_person
from desktop.services.referrals.records import get_referral
from desktop.store.engine import Store
from desktop.store.models import AuditEntry, ImportedRow, Person, Referral, ReferralEvent
from tests.imports import engine_support as es
from tests.services_support import Network, build_network, make_person, person_input

TODAY = date(2026, 11, 27)


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


def plan_of(store: Store, actor: Actor, table: SourceTable) -> ImportPlan:
    kind = ImportKind.PERSONS if table.headers == es.PERSON_HEADERS else ImportKind.REFERRALS
    by_header = es.PERSON_MAPPING if kind is ImportKind.PERSONS else es.REFERRAL_MAPPING
    return dry_run(store, table, es.mapping(kind, by_header), actor=actor, today=TODAY)


def referral_table(rows: list[list[object]], **options: object) -> SourceTable:
    return es.table(es.REFERRAL_HEADERS, rows, **options)  # type: ignore[arg-type]


def test_referrals_enter_as_drafts_or_concluded_with_one_event(
    store: Store, network: Network
) -> None:
    plan = plan_of(store, network.ambito, referral_table(es.referral_rows(3)))  # type: ignore[arg-type]
    outcome = commit_import(store, plan, actor=network.ambito)
    assert (outcome.created, outcome.updated, outcome.unchanged, outcome.skipped) == (3, 0, 0, 0)
    with store.read() as session:
        referrals = session.scalars(select(Referral).order_by(Referral.number)).all()
        assert [r.status for r in referrals] == [
            ReferralStatus.DRAFT,
            ReferralStatus.DRAFT,
            ReferralStatus.CONCLUDED,
        ]
        assert [r.number for r in referrals] == ["2024/000001", "2024/000002", "2024/000003"]
        assert {r.sending_site for r in referrals} == {"AMB-VA"}
        assert {r.job_centre_id for r in referrals} == {network.job_centre_id}
        draft, historic = referrals[0], referrals[2]
        assert (draft.created_on, draft.sent_on) == (date(2024, 3, 1), None)
        assert (historic.created_on, historic.sent_on) == (date(2024, 3, 1), date(2024, 3, 4))
        assert historic.status_changed_at.date() == date(2024, 9, 30)
        events = session.scalars(select(ReferralEvent).order_by(ReferralEvent.note)).all()
        assert [(e.from_status, e.to_status, e.site) for e in events] == [
            (None, ReferralStatus.DRAFT, "AMB-VA"),
            (None, ReferralStatus.DRAFT, "AMB-VA"),
            (None, ReferralStatus.CONCLUDED, "AMB-VA"),
        ]
        assert events[0].note == "Importata da «invii.xlsx», riga 2"
        assert events[2].note == "Importata da «invii.xlsx», riga 4; esito: Assunzione"
        assert events[2].at.date() == date(2024, 9, 30)
        assert session.scalar(select(Person.id).limit(1)) is not None
        audit = session.execute(
            select(AuditEntry.id, AuditEntry.entity, AuditEntry.details).where(
                AuditEntry.action == AuditAction.IMPORT
            )
        ).one()
        historic_id = referrals[2].id
    assert audit.id == outcome.audit_id
    assert audit.entity == AuditEntity.REFERRAL_LIST
    assert audit.details == (
        f"kind=referrals; source_sha256={plan.table.source.sha256}; rows=3; created=3; "
        "updated=0; unchanged=0; skipped=0"
    )
    # The referral reads back through the service like one written in the app.
    detail = get_referral(store, historic_id)
    assert detail.status is ReferralStatus.CONCLUDED
    assert detail.reason.startswith("Giovane fuori da scuola")


def test_the_same_file_twice_leaves_the_store_identical(store: Store, network: Network) -> None:
    table = referral_table(es.referral_rows(12))  # type: ignore[arg-type]
    commit_import(store, plan_of(store, network.ambito, table), actor=network.ambito)
    before = es.dump(store)
    again = plan_of(store, network.ambito, table)
    assert [row.verdict for row in again.rows] == [RowVerdict.UNCHANGED] * 12
    outcome = commit_import(store, again, actor=network.ambito)
    assert (outcome.created, outcome.updated, outcome.unchanged, outcome.audit_id) == (
        0,
        0,
        12,
        None,
    )
    assert es.dump(store) == before
    assert len(before["imported_row"]) == 12


def test_a_corrected_file_updates_exactly_the_rows_it_changed(
    store: Store, network: Network
) -> None:
    rows = es.referral_rows(12)
    commit_import(
        store,
        plan_of(store, network.ambito, referral_table(rows)),  # type: ignore[arg-type]
        actor=network.ambito,
    )
    before = es.dump(store)
    corrected = [list(row) for row in rows]
    corrected[0][7] = "Motivo corretto dopo il colloquio con la famiglia."  # a draft's reason
    corrected[4][8] = date(2024, 3, 2)  # a draft's date
    corrected[5][11] = "Rinuncia o abbandono"  # a historic referral's outcome
    plan = plan_of(store, network.ambito, referral_table(corrected, name="invii-corretto.xlsx"))  # type: ignore[arg-type]
    verdicts = {row.number: row.verdict for row in plan.rows}
    assert [n for n, v in verdicts.items() if v is RowVerdict.UPDATE] == [2, 6, 7]
    assert all(v is RowVerdict.UNCHANGED for n, v in verdicts.items() if n not in (2, 6, 7))
    assert plan.rows[0].changes == ("reason",)
    assert plan.rows[4].changes == ("created_on",)
    assert plan.rows[5].changes == ("outcome",)
    outcome = commit_import(store, plan, actor=network.ambito)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 3, 9)
    after = es.dump(store)
    # The outcome of a historic referral sent elsewhere lives in its event's note.
    changed_referrals = set(after["referral"]) - set(before["referral"])
    assert len(changed_referrals) == 2
    assert len(after["referral"]) == len(before["referral"])
    changed_events = set(after["referral_event"]) - set(before["referral_event"])
    assert len(changed_events) == 3  # each one's event note names the corrected file
    assert len(set(after["imported_row"]) - set(before["imported_row"])) == 3
    assert after["person"] == before["person"]
    with store.read() as session:
        notes = set(session.scalars(select(ReferralEvent.note)))
    assert "Importata da «invii-corretto.xlsx», riga 7; esito: Rinuncia o abbandono" in notes
    # And the corrected file again: nothing left to do.
    again = plan_of(store, network.ambito, referral_table(corrected, name="invii-corretto.xlsx"))  # type: ignore[arg-type]
    assert {row.verdict for row in again.rows} == {RowVerdict.UNCHANGED}


def test_an_old_file_never_overwrites_later_work(store: Store, network: Network) -> None:
    table = es.person_table(3)
    commit_import(store, plan_of(store, network.ambito, table), actor=network.ambito)
    with store.read() as session:
        person = session.execute(
            select(Person.id, Person.last_name, Person.first_name, Person.sex,
                   Person.birth_date, Person.fiscal_code).order_by(Person.birth_date).limit(1)
        ).one()  # fmt: skip
    data = person_input(
        last_name=person.last_name,
        first_name=person.first_name,
        sex=person.sex.value,
        birth_date=person.birth_date,
    )
    edited = update_person(
        store,
        actor=network.ambito,
        person_id=person.id,
        data=replace(data, fiscal_code=person.fiscal_code, phone="0332 777777"),
        override_reason="Dati verificati con la persona",
        today=TODAY,
    )
    assert edited.phone == "0332 777777"
    plan = plan_of(store, network.ambito, table)
    assert {row.verdict for row in plan.rows} == {RowVerdict.UNCHANGED}


def test_a_referral_already_sent_is_not_changed_by_an_import(
    store: Store, network: Network
) -> None:
    rows = es.referral_rows(2)
    rows[1][9] = date(2024, 3, 4)  # sent, and taken in charge: its story in the note
    rows[1][10] = date(2024, 9, 30)
    rows[1][11] = "Assunzione"
    table = referral_table(rows)  # type: ignore[arg-type]
    commit_import(store, plan_of(store, network.ambito, table), actor=network.ambito)
    with store.write() as session:
        draft = session.scalars(
            select(Referral).where(Referral.status == ReferralStatus.DRAFT)
        ).one()
        draft.status = ReferralStatus.SENT  # sent from Trama since the import
        draft.sent_on = date(2026, 11, 20)
        number = draft.number
    corrected = [list(row) for row in rows]
    corrected[0][7] = "Un altro motivo, scritto dopo l'invio."
    corrected[1][11] = "Rinuncia o abbandono"
    plan = plan_of(store, network.ambito, referral_table(corrected))  # type: ignore[arg-type]
    assert plan.rows[0].verdict is RowVerdict.SKIPPED
    assert plan.rows[0].errors[0].message == (
        f"La segnalazione {number} è già stata inviata al CPI: un'importazione non può "
        "modificarla (correggerla in Trama se serve)."
    )
    # A historic referral the import created, whose only event is the import's own: updated.
    assert plan.rows[1].verdict is RowVerdict.UPDATE
    assert plan.rows[1].changes == ("outcome",)
    commit_import(store, plan, actor=network.ambito)
    with store.read() as session:
        notes = sorted(session.scalars(select(ReferralEvent.note)))
    assert notes[1] == "Importata da «invii.xlsx», riga 3; esito: Rinuncia o abbandono"


def test_a_failure_midway_leaves_the_store_unchanged(
    store: Store, network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_of(store, network.ambito, referral_table(es.referral_rows(1200)))  # type: ignore[arg-type]
    assert plan.count(RowVerdict.CREATE) == 1200
    before = es.dump(store)
    written = []
    original = commit_module._Writer.write

    def failing(self: commit_module._Writer, row: object) -> None:
        written.append(row)
        if len(written) == 1000:
            raise OSError(28, "No space left on device")
        original(self, row)  # type: ignore[arg-type]

    monkeypatch.setattr(commit_module._Writer, "write", failing)
    with pytest.raises(OSError, match="No space"):
        commit_import(store, plan, actor=network.ambito)
    assert es.dump(store) == before


def test_cancel_rolls_back(store: Store, network: Network) -> None:
    plan = plan_of(store, network.ambito, es.person_table(40))
    before = es.dump(store)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 25

    with pytest.raises(ImportCancelled):
        commit_import(store, plan, actor=network.ambito, cancelled=cancelled)
    assert es.dump(store) == before


def test_a_store_changed_since_the_dry_run_is_refused(store: Store, network: Network) -> None:
    table = es.person_table(3)
    plan = plan_of(store, network.ambito, table)
    # Meanwhile a sync brings in one of the persons.
    commit_import(store, plan_of(store, network.ambito, es.person_table(1)), actor=network.ambito)
    before = es.dump(store)
    with pytest.raises(ImportStaleError, match=STALE):
        commit_import(store, plan, actor=network.ambito)
    assert es.dump(store) == before


def test_near_matches_are_imported_only_when_decided(store: Store, network: Network) -> None:
    stored = make_person(store, network)
    code = encode_fiscal_code(
        last_name="Brambilla",
        first_name="Giullia",
        sex="F",
        birth_date=stored.birth_date,  # type: ignore[arg-type]
        birthplace_code="L682",
    )
    row = ["Brambilla", "Giullia", stored.birth_date, code, None]
    plan = plan_of(store, network.ambito, es.table(es.PERSON_HEADERS, [row]))
    assert plan.rows[0].near_match is not None
    skipped = commit_import(store, plan, actor=network.ambito)
    assert (skipped.created, skipped.skipped) == (0, 1)
    refused = commit_import(
        store, plan, actor=network.ambito, decisions={2: NearMatchDecision.SKIP}
    )
    assert refused.created == 0
    outcome = commit_import(
        store, plan, actor=network.ambito, decisions={2: NearMatchDecision.NEW_PERSON}
    )
    assert (outcome.created, outcome.skipped) == (1, 0)
    with store.read() as session:
        assert session.scalar(select(Person.id).where(Person.fiscal_code == code)) is not None


def test_merging_persons_repoints_their_provenance(store: Store, network: Network) -> None:
    plan = plan_of(store, network.ambito, es.person_table(1))
    commit_import(store, plan, actor=network.ambito)
    kept = make_person(store, network)
    with store.read() as session:
        imported = session.scalars(select(ImportedRow.record_id)).one()
    merge_persons(store, actor=network.ambito, keep_id=kept.id, duplicate_id=imported)
    with store.read() as session:
        assert session.scalars(select(ImportedRow.record_id)).one() == kept.id


def test_anonymised_records_lose_their_provenance(store: Store, network: Network) -> None:
    from desktop.services import retention  # noqa: PLC0415

    commit_import(store, plan_of(store, network.ambito, es.person_table(2)), actor=network.ambito)
    with store.write() as session:
        person = session.scalars(select(Person).order_by(Person.birth_date)).first()
        assert person is not None
        person.anonymised_on = TODAY  # as a retention run here or on another PC leaves it
        anonymised = person.id
    retention._forget_traces(store)
    with store.read() as session:
        kept = list(session.scalars(select(ImportedRow.record_id)))
    assert len(kept) == 1
    assert anonymised not in kept


def test_a_cpi_importing_its_own_history_writes_its_handling(
    store: Store, network: Network
) -> None:
    from desktop.domain.codes import Outcome, RouteTrack, SiteKind  # noqa: PLC0415
    from desktop.services.routes import save_routes  # noqa: PLC0415
    from desktop.store.models import ReferralHandling  # noqa: PLC0415
    from sync.protocol.routes import DEFAULT_ROUTES, Route  # noqa: PLC0415

    province = Actor("p.bianchi", "PROV-VA", SiteKind.PROVINCIA)
    save_routes(
        store,
        actor=province,
        enabled=DEFAULT_ROUTES | {Route(SiteKind.CPI, SiteKind.CPI, RouteTrack.NEET)},
    )
    rows = es.referral_rows(3)  # residence Varese: the CPI of Varese is competent
    plan = plan_of(store, network.cpi, referral_table(rows))  # type: ignore[arg-type]
    # A CPI sends only to another CPI; its own concluded history is its to bring in.
    assert [row.verdict for row in plan.rows] == [
        RowVerdict.SKIPPED,
        RowVerdict.SKIPPED,
        RowVerdict.CREATE,
    ]
    assert plan.rows[0].errors[0].message == "CPI: un CPI può segnalare solo a un altro CPI."
    commit_import(store, plan, actor=network.cpi)
    with store.read() as session:
        handling = session.execute(
            select(
                ReferralHandling.outcome, ReferralHandling.outcome_on, ReferralHandling.owner_site
            )
        ).one()
    assert tuple(handling) == (Outcome.HIRED, date(2024, 9, 30), "CPI-VA")
