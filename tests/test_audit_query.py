"""The audit screen's service: filters, rights, exports in Italian words, a person's register."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.documents import DocumentType
from desktop.documents.audit_labels import ACTION_LABELS, ENTITY_LABELS, action_label
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import OperatorRole
from desktop.domain.lifecycle import Transition
from desktop.domain.permissions import DENIED, Permission
from desktop.services import audit as audit_module
from desktop.services import audit_query
from desktop.services.audit import Access, record_accesses
from desktop.services.audit_query import (
    PDF_MAX_ROWS,
    AuditExportCancelled,
    AuditFilter,
    access_register,
    audit_choices,
    export_audit_pdf,
    export_audit_xlsx,
    list_audit_page,
    open_audit,
)
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.services.persons import set_restriction
from desktop.services.referrals.records import create_referral
from desktop.store.engine import Store
from desktop.store.models import AuditEntry
from tests.documents_support import text_of
from tests.services_support import Network, build_network, make_person, neet_input

TODAY = date(2026, 11, 27)


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


@pytest.fixture
def officer(network: Network) -> Actor:
    return replace(network.ambito, operator="ambito\\p.bianchi", role=OperatorRole.PRIVACY_OFFICER)


def _at(store: Store, moment: datetime, actor: Actor, *accesses: Access) -> None:
    """Audit rows written at ``moment`` (UTC)."""
    original = audit_module.utcnow
    audit_module.utcnow = lambda: moment  # type: ignore[assignment]
    try:
        record_accesses(store, actor=actor, accesses=accesses)
    finally:
        audit_module.utcnow = original  # type: ignore[assignment]


@pytest.fixture
def trail(store: Store, network: Network) -> dict[str, str]:
    """Two persons, a referral each, and accesses by two operators on three days."""
    giulia = make_person(store, network)
    marco = make_person(store, network, last_name="Colombo", first_name="Marco", sex="M")
    giulia_referral = create_referral(
        store, actor=network.ambito, data=neet_input(giulia.id), today=TODAY
    )
    marco_referral = create_referral(
        store, actor=network.ambito, data=neet_input(marco.id), today=TODAY
    )
    worker = replace(network.ambito, workstation="PC-AMB-01")
    other = replace(network.ambito, operator="ambito\\l.ferri", workstation="PC-AMB-02")
    _at(
        store,
        datetime(2026, 11, 2, 8, 30, tzinfo=UTC),
        worker,
        Access(AuditAction.OPEN_PERSON, AuditEntity.PERSON, giulia.id),
        Access(AuditAction.OPEN_REFERRAL, AuditEntity.REFERRAL, giulia_referral.id),
    )
    _at(
        store,
        datetime(2026, 11, 15, 23, 30, tzinfo=UTC),  # 16 November in Rome
        other,
        Access(AuditAction.OPEN_CMD_SECTION, AuditEntity.REFERRAL, marco_referral.id),
        Access(AuditAction.PRINT, "referral_form", giulia_referral.id),
    )
    _at(
        store,
        datetime(2026, 11, 26, 10, 0, tzinfo=UTC),
        other,
        Access(AuditAction.EXPORT_SENSITIVE, AuditEntity.REFERRAL_LIST, "", "12 righe"),
        Access(AuditAction.OPEN_PERSON, AuditEntity.PERSON, marco.id),
    )
    return {
        "giulia": giulia.id,
        "marco": marco.id,
        "giulia_referral": giulia_referral.id,
        "giulia_number": giulia_referral.number,
        "marco_referral": marco_referral.id,
    }


@dataclass(frozen=True)
class Row:
    operator: str
    entity: str
    entity_id: str
    details: str


def _audit_rows(store: Store, action: str) -> list[Row]:
    columns = (AuditEntry.operator, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.details)
    query = select(*columns).where(AuditEntry.action == action).order_by(AuditEntry.seq)
    with store.read() as session:
        return [Row(*row) for row in session.execute(query)]


def test_every_audit_code_and_every_transition_has_an_italian_label() -> None:
    for action in AuditAction:
        assert action in ACTION_LABELS
    for transition in Transition:
        assert transition.value in ACTION_LABELS
    for entity in AuditEntity:
        assert entity in ENTITY_LABELS
    for document in DocumentType:
        assert document.value in ENTITY_LABELS
    assert action_label("a_code_from_a_newer_release") == "Altra operazione"


def test_a_social_worker_is_refused_everything(
    store: Store, network: Network, trail: object
) -> None:
    worker = replace(network.ambito, role=OperatorRole.SOCIAL_WORKER)
    before = len(_audit_rows(store, AuditAction.VIEW_AUDIT))
    calls = [
        lambda actor: open_audit(store, actor=actor),
        lambda actor: audit_choices(store, actor=actor),
        lambda actor: list_audit_page(store, actor=actor),
        lambda actor: export_audit_xlsx(store, actor=actor, path=Path("/nonexistent/x.xlsx")),
        lambda actor: export_audit_pdf(store, actor=actor, path=Path("/nonexistent/x.pdf")),
        lambda actor: access_register(store, actor=actor, person_id="x"),
    ]
    for actor in (worker, network.ambito):  # a role that is not the privacy officer, and none
        for call in calls:
            with pytest.raises(NotAllowedError) as refused:
                call(actor)
            assert str(refused.value) == DENIED[Permission.VIEW_AUDIT]
    assert len(_audit_rows(store, AuditAction.VIEW_AUDIT)) == before


def test_filters_by_operator_record_number_action_and_local_period(
    store: Store, officer: Actor, trail: dict[str, str]
) -> None:
    everything = list_audit_page(store, actor=officer)
    assert everything.total >= 6
    ats = [line.at for line in everything.lines]
    assert ats == sorted(ats, reverse=True)  # newest first

    by_operator = list_audit_page(store, actor=officer, flt=AuditFilter(operator="ambito\\l.ferri"))
    assert by_operator.total == 4
    assert {line.workstation for line in by_operator.lines} == {"PC-AMB-02"}

    by_number = list_audit_page(
        store, actor=officer, flt=AuditFilter(record=trail["giulia_number"].lower())
    )
    assert {line.entity_id for line in by_number.lines} == {trail["giulia_referral"]}
    assert {line.referral_number for line in by_number.lines} == {trail["giulia_number"]}
    labels = {line.action_label for line in by_number.lines}
    assert {"Apertura della segnalazione", "Stampa"} <= labels

    by_id = list_audit_page(store, actor=officer, flt=AuditFilter(record=trail["marco"]))
    assert [line.action_label for line in by_id.lines] == [
        "Creazione",  # today, by the service that saved him
        "Apertura della scheda della persona",
    ]
    assert {line.entity_label for line in by_id.lines} == {"Persona"}

    by_action = list_audit_page(
        store, actor=officer, flt=AuditFilter(action=AuditAction.OPEN_CMD_SECTION)
    )
    assert [line.entity_id for line in by_action.lines] == [trail["marco_referral"]]

    # 23:30 UTC on the 15th is the 16th in the office: the period is in local dates.
    on_16th = AuditFilter(since=date(2026, 11, 16), until=date(2026, 11, 16))
    page = list_audit_page(store, actor=officer, flt=on_16th)
    assert page.total == 2
    assert {line.when for line in page.lines} == {"16/11/2026 00:30"}
    assert (
        list_audit_page(store, actor=officer, flt=AuditFilter(until=date(2026, 11, 1))).total == 0
    )

    unknown = list_audit_page(store, actor=officer, flt=AuditFilter(record="2026/999999"))
    assert (unknown.total, unknown.lines) == (0, ())
    crafted = list_audit_page(store, actor=officer, flt=AuditFilter(record="' OR 1=1 --"))
    assert crafted.total == 0


def test_paging_and_bad_filters(store: Store, officer: Actor, trail: object) -> None:
    first = list_audit_page(store, actor=officer, limit=2)
    second = list_audit_page(store, actor=officer, offset=2, limit=2)
    assert len(first.lines) == 2 and first.has_more
    assert not {line.id for line in first.lines} & {line.id for line in second.lines}
    with pytest.raises(ValidationError):
        list_audit_page(
            store, actor=officer, flt=AuditFilter(since=date(2026, 11, 20), until=date(2026, 11, 1))
        )
    with pytest.raises(ValidationError):
        list_audit_page(store, actor=officer, flt=AuditFilter(record="x" * 10_000))


def test_opening_the_screen_is_audited_once_and_offers_the_choices(
    store: Store, officer: Actor, trail: object
) -> None:
    choices = open_audit(store, actor=officer)
    assert "ambito\\l.ferri" in choices.operators
    assert officer.operator in choices.operators  # the opening itself is a row
    labels = [label for _code, label in choices.actions]
    assert labels == sorted(labels)
    assert "Consultazione del registro degli accessi" in labels
    assert all(code not in labels for code, _label in choices.actions)
    list_audit_page(store, actor=officer, flt=AuditFilter(operator="ambito\\l.ferri"))
    views = _audit_rows(store, AuditAction.VIEW_AUDIT)
    assert len(views) == 1
    assert (views[0].operator, views[0].entity, views[0].details) == (
        officer.operator,
        AuditEntity.AUDIT,
        "",
    )


def test_excel_export_holds_the_rows_in_italian_words_and_is_audited(
    store: Store, officer: Actor, trail: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "registro.xlsx"
    flt = AuditFilter(operator="ambito\\l.ferri")
    count = export_audit_xlsx(store, actor=officer, flt=flt, path=path)
    assert count == 4
    sheet = load_workbook(path).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Data e ora", "Operatore", "Postazione", "Operazione", "Oggetto", "Segnalazione",
        "Id del record", "Dettagli",
    ]  # fmt: skip
    assert len(rows) == 5
    assert rows[1][0] == datetime(2026, 11, 26, 11, 0)  # local time, a real date
    assert sheet.cell(row=2, column=1).number_format == "DD/MM/YYYY HH:MM"
    actions = {row[3] for row in rows[1:]}
    assert actions == {
        "Esportazione con dati particolari",
        "Apertura della scheda della persona",
        "Consultazione della sezione CMD",
        "Stampa",
    }
    print_row = next(row for row in rows if row[3] == "Stampa")
    assert print_row[4:7] == [
        "Scheda di segnalazione",
        trail["giulia_number"],
        trail["giulia_referral"],
    ]
    codes = {str(code) for code in (*AuditAction, *AuditEntity, "referral_form")}
    for row in rows[1:]:
        assert not {row[3], row[4]} & codes
    exports = _audit_rows(store, AuditAction.EXPORT_AUDIT)
    assert [(row.operator, row.details) for row in exports] == [(officer.operator, "xlsx, 4 righe")]


def test_pdf_export_holds_the_rows_and_is_audited(
    store: Store, officer: Actor, trail: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "registro.pdf"
    count = export_audit_pdf(
        store, actor=officer, flt=AuditFilter(record=trail["giulia_number"]), path=path
    )
    assert count == 3  # created, opened, printed
    text = _pdf_text(path)
    assert "Registro delle operazioni e degli accessi" in text
    assert "Apertura della segnalazione" in text
    assert "Scheda di segnalazione" in text
    assert trail["giulia_number"] in text
    assert "open_referral" not in text and "referral_form" not in text
    assert "pagina 1 di 1" in text
    exports = _audit_rows(store, AuditAction.EXPORT_AUDIT)
    assert [row.details for row in exports] == ["pdf, 3 righe"]


def test_a_pdf_of_too_many_rows_is_refused_before_anything_is_written(
    store: Store, officer: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_accesses(
        store,
        actor=officer,
        accesses=[Access(AuditAction.SEARCH, AuditEntity.PERSON_LIST, "") for _ in range(5)],
    )
    monkeypatch.setattr(audit_query, "PDF_MAX_ROWS", 3)
    path = tmp_path / "troppe.pdf"
    with pytest.raises(ValidationError, match="Excel"):
        audit_query.export_audit_pdf(store, actor=officer, path=path)
    assert not path.exists()
    assert not _audit_rows(store, AuditAction.EXPORT_AUDIT)
    assert PDF_MAX_ROWS >= 1000


def test_the_register_of_a_person_holds_that_person_only(
    store: Store, officer: Actor, trail: dict[str, str], tmp_path: Path
) -> None:
    issued = access_register(store, actor=officer, person_id=trail["giulia"])
    assert issued.record_id == trail["giulia"]
    assert issued.file_name == "registro-accessi-brambilla-giulia.pdf"
    path = tmp_path / "registro.pdf"
    path.write_bytes(issued.pdf)
    text = _pdf_text(path)
    assert "Brambilla Giulia" in text
    assert "Ambito di Varese" in text
    assert "Apertura della scheda della persona" in text
    assert f"Segnalazione {trail['giulia_number']}" in text
    assert "Emissione" not in text or "Scheda di segnalazione" in text
    assert "PC-AMB-01" in text and "PC-AMB-02" in text
    assert "02/11/2026 09:30" in text
    # Marco's accesses (his referral's CMD section, his record) are not there.
    assert "Colombo" not in text and "Consultazione della sezione CMD" not in text
    assert "open_person" not in text
    # Printing the register is itself audited, about the person.
    printed = _audit_rows(store, AuditAction.PRINT_ACCESS_REGISTER)
    assert [(row.entity, row.entity_id) for row in printed] == [("person", trail["giulia"])]


def test_the_register_of_a_period(
    store: Store, officer: Actor, trail: dict[str, str], tmp_path: Path
) -> None:
    issued = access_register(
        store,
        actor=officer,
        person_id=trail["giulia"],
        since=date(2026, 11, 10),
        until=date(2026, 11, 20),
    )
    path = tmp_path / "periodo.pdf"
    path.write_bytes(issued.pdf)
    text = _pdf_text(path)
    assert "dal 10/11/2026 al 20/11/2026" in text
    assert "16/11/2026 00:30" in text
    assert "02/11/2026" not in text
    with pytest.raises(NotFoundError):
        access_register(store, actor=officer, person_id="no-such-person")


def _pdf_text(path: Path) -> str:
    # pypdf, a dependency of the tests: CI's machine has no poppler-utils.
    return " ".join(text_of(path.read_bytes()).split())


def test_a_restricted_person_may_still_have_the_register(
    store: Store, network: Network, officer: Actor, trail: dict[str, str]
) -> None:
    """GDPR art. 18 holds the processing of the data, not the person's right to know who
    accessed them (art. 15): the register names only who, when and what."""
    set_restriction(
        store, actor=network.ambito, person_id=trail["giulia"], restricted=True, reason="Ricorso"
    )
    issued = access_register(store, actor=officer, person_id=trail["giulia"])
    assert issued.pdf.startswith(b"%PDF")


def test_a_cancelled_export_writes_nothing_and_is_not_recorded(
    store: Store, officer: Actor, trail: object, tmp_path: Path
) -> None:
    for export, name in ((export_audit_xlsx, "x.xlsx"), (export_audit_pdf, "x.pdf")):
        with pytest.raises(AuditExportCancelled):
            export(store, actor=officer, path=tmp_path / name, cancelled=lambda: True)
        assert not (tmp_path / name).exists()
    assert _audit_rows(store, AuditAction.EXPORT_AUDIT) == []
    with pytest.raises(ValidationError, match="cartella"):
        export_audit_xlsx(store, actor=officer, path=tmp_path / "nowhere" / "x.xlsx")


def test_progress_reaches_the_total(
    store: Store, officer: Actor, trail: object, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    count = export_audit_xlsx(
        store, actor=officer, path=tmp_path / "x.xlsx", progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (count, count)
