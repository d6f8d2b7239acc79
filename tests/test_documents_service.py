"""Issuing documents from the store: what is recorded, what is refused, what is read."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update

from desktop.documents import DocumentType
from desktop.documents.restriction import RestrictedRecordError
from desktop.services.audit import list_audit
from desktop.services.documents import data as document_data
from desktop.services.documents import (
    issue_document,
    list_issued_documents,
    render_document,
    resolve_record_id,
)
from desktop.services.documents.batch import BatchItem, build_in_processes
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.services.installation import set_settings
from desktop.services.persons import PersonDetail, set_restriction
from desktop.services.referrals.records import ReferralDetail
from desktop.store.engine import Store
from desktop.store.models import IssuedDocument, Referral
from tests.documents_records import Records, make_records
from tests.documents_support import page_count, reader, text_of

NOW = datetime(2026, 11, 27, 10, 15, tzinfo=UTC)


@pytest.fixture
def records(store: Store) -> Records:
    return make_records(store)


def _issued_count(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(IssuedDocument)) or 0)


def test_an_issued_referral_form_is_recorded_with_its_sha256(
    store: Store, records: Records
) -> None:
    issued = issue_document(
        store,
        actor=records.actor,
        document_type=DocumentType.REFERRAL_FORM,
        record_id=records.referral_id,
        now=NOW,
    )
    assert issued.sha256 == hashlib.sha256(issued.pdf).hexdigest()
    assert (
        issued.file_name == f"scheda-segnalazione-{records.referral_number.replace('/', '-')}.pdf"
    )
    [row] = list_issued_documents(store, record_id=records.referral_id)
    assert row.id == issued.issued_id
    assert (row.document_type, row.operator, row.sha256) == (
        "referral_form",
        records.actor.operator,
        issued.sha256,
    )
    assert row.size_bytes == len(issued.pdf)
    assert row.issued_at == NOW
    # The write (the issued document) and the access (who printed which record's form).
    audit = {row.action: row for row in list_audit(store, entity_id=records.referral_id)}
    assert issued.issued_id in audit["issue_document"].details
    printed = audit["print"]
    assert (printed.entity, printed.operator) == ("referral", records.actor.operator)
    assert printed.details == f"document=referral_form; issued_document={issued.issued_id}"


def test_the_form_shows_the_records_data_with_accents(store: Store, records: Records) -> None:
    issued = render_document(
        store,
        actor=records.actor,
        document_type=DocumentType.REFERRAL_FORM,
        record_id=records.referral_id,
        now=NOW,
    )
    text = text_of(issued.pdf)
    for value in ("Łukasiewicz", "Nicolò", records.referral_number, "Anna Müller-Peña",
                  "Giovane di Cantù", "CPI di Varese", "Ambito di Varese", "Varese"):  # fmt: skip
        assert value in text
    metadata = reader(issued.pdf).metadata
    assert metadata is not None
    assert metadata.author == "Ambito di Varese"  # the issuing site's name
    assert _issued_count(store) == 0  # a preview records nothing


def test_a_restricted_referral_is_never_printed(store: Store, records: Records) -> None:
    for document_type in (DocumentType.REFERRAL_FORM, DocumentType.PRIVACY_NOTICE):
        with pytest.raises(NotAllowedError, match=r"art\. 18"):
            issue_document(
                store,
                actor=records.actor,
                document_type=document_type,
                record_id=records.restricted_referral_id,
            )
    assert _issued_count(store) == 0


def test_a_restricted_person_is_never_printed(store: Store, records: Records) -> None:
    set_restriction(
        store, actor=records.actor, person_id=records.person_id, restricted=True,
        reason="Opposizione art. 21 in esame",
    )  # fmt: skip
    for document_type, record_id in (
        (DocumentType.REFERRAL_FORM, records.referral_id),
        (DocumentType.PRIVACY_NOTICE, records.referral_id),
        (DocumentType.PRIVACY_NOTICE, records.person_id),
    ):
        with pytest.raises(NotAllowedError, match="limitato"):
            render_document(
                store, actor=records.actor, document_type=document_type, record_id=record_id
            )


def test_the_builders_own_refusal_reaches_callers_as_not_allowed(
    store: Store, records: Records, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the data layer let a restricted referral through, the builder's refusal (it
    imports no service) still reaches the caller as the services' ``NotAllowedError``."""
    let_through = document_data.printable_referral

    def unchecked(store: Store, referral_id: str) -> tuple[ReferralDetail, PersonDetail]:
        referral, person = let_through(store, records.referral_id)
        return replace(referral, restricted=True), person

    monkeypatch.setattr(document_data, "printable_referral", unchecked)
    with pytest.raises(NotAllowedError, match=r"art\. 18") as refused:
        render_document(
            store,
            actor=records.actor,
            document_type=DocumentType.REFERRAL_FORM,
            record_id=records.referral_id,
        )
    assert isinstance(refused.value.__cause__, RestrictedRecordError)


def test_the_privacy_notice_for_a_referral_a_person_or_blank(
    store: Store, records: Records
) -> None:
    by_referral = render_document(
        store,
        actor=records.actor,
        document_type=DocumentType.PRIVACY_NOTICE,
        record_id=records.referral_id,
    )
    assert "Nicolò Łukasiewicz" in text_of(by_referral.pdf)
    assert records.referral_number in text_of(by_referral.pdf)
    by_person = render_document(
        store,
        actor=records.actor,
        document_type=DocumentType.PRIVACY_NOTICE,
        record_id=records.person_id,
    )
    assert "Nicolò Łukasiewicz" in text_of(by_person.pdf)
    blank = render_document(
        store, actor=records.actor, document_type=DocumentType.PRIVACY_NOTICE, record_id=""
    )
    assert "Łukasiewicz" not in text_of(blank.pdf)
    # The controller is the Ambito's ente capofila, from the site's profile.
    assert "Comune capofila di Varese" in text_of(blank.pdf)
    assert "in persona del legale rappresentante" not in text_of(blank.pdf)


def test_a_configurable_text_comes_from_a_local_setting(store: Store, records: Records) -> None:
    joint = (
        "la Provincia di Varese come gestore del server provinciale di Trama, contitolare del "
        "trattamento con {titolare} (art. 26 del Regolamento);"
    )
    set_settings(store, {"privacy_notice.recipients.provincial_server": joint})
    text = text_of(
        render_document(
            store, actor=records.actor, document_type=DocumentType.PRIVACY_NOTICE, record_id=""
        ).pdf
    )
    assert "contitolare del trattamento con Comune capofila di Varese (art. 26" in " ".join(
        text.split()
    )
    assert "responsabile del trattamento per conto del titolare (art. 28" not in text


@pytest.mark.parametrize(
    ("document_type", "expected"),
    [
        (DocumentType.MINUTES, "Verbale n. 01/2026"),
        (DocumentType.ATTENDANCE_SHEET, "Foglio presenze"),
        (DocumentType.AGENDA, "Attività di orientamento a Cantù"),
    ],
)
def test_meeting_documents(
    store: Store, records: Records, document_type: DocumentType, expected: str
) -> None:
    issued = issue_document(
        store, actor=records.actor, document_type=document_type, record_id=records.meeting_id
    )
    text = text_of(issued.pdf)
    assert expected in text
    assert "Şahin Ayşe" in text
    assert "Tavolo Unico – sottogruppo Città di Cantù" in text
    assert page_count(issued.pdf) >= 1


def test_the_project_sheet(store: Store, records: Records) -> None:
    text = text_of(
        issue_document(
            store,
            actor=records.actor,
            document_type=DocumentType.PROJECT_SHEET,
            record_id=records.project_id,
        ).pdf
    )
    for value in ("Ponti verso il lavoro – Città di Cantù", "J31H22000120006",
                  "Associazione Peña & Núñez APS", "€ 120.000,50", "€ 4.800,00"):  # fmt: skip
        assert value in text


def test_identifiers_resolve_like_the_command_line(store: Store, records: Records) -> None:
    assert (
        resolve_record_id(store, DocumentType.REFERRAL_FORM, records.referral_number)
        == records.referral_id
    )
    assert (
        resolve_record_id(store, DocumentType.PRIVACY_NOTICE, records.referral_number)
        == records.referral_id
    )
    assert resolve_record_id(store, DocumentType.PRIVACY_NOTICE, records.person_id) == (
        records.person_id
    )
    with pytest.raises(NotFoundError):
        resolve_record_id(store, DocumentType.REFERRAL_FORM, "2099/000001")
    with pytest.raises(NotFoundError):
        render_document(
            store, actor=records.actor, document_type=DocumentType.MINUTES, record_id="nessuno"
        )


def test_an_enrolled_pcs_number_resolves_as_typed_in_lower_case(
    store: Store, records: Records
) -> None:
    series_number = "2026/P0007/000042"
    with store.write() as session:
        session.execute(
            update(Referral).where(Referral.id == records.referral_id).values(number=series_number)
        )
    for typed in (series_number, series_number.lower(), f"  {series_number} "):
        assert resolve_record_id(store, DocumentType.PRIVACY_NOTICE, typed) == records.referral_id
        assert resolve_record_id(store, DocumentType.REFERRAL_FORM, typed) == records.referral_id


# --- batches built in worker processes -----------------------------------------------------


def _join_workers() -> list[multiprocessing.process.BaseProcess]:
    """The worker processes still alive once each was given time to exit.

    Asked again after each round: a worker the pool was still starting when the batch ended
    joins the list late, and exits on its own."""
    deadline = time.monotonic() + 30
    children = multiprocessing.active_children()
    while children and time.monotonic() < deadline:
        for child in children:
            child.join(timeout=max(0.0, deadline - time.monotonic()))
        children = multiprocessing.active_children()
    return children


def test_a_batch_is_built_in_other_processes_in_order_with_refusals(
    store: Store, records: Records
) -> None:
    items = [
        BatchItem(DocumentType.REFERRAL_FORM, records.referral_id),
        BatchItem(DocumentType.REFERRAL_FORM, records.restricted_referral_id),
        BatchItem(DocumentType.ATTENDANCE_SHEET, records.meeting_id),
        BatchItem(DocumentType.PROJECT_SHEET, records.project_id),
    ]
    built = list(build_in_processes(store.address, records.actor, items, workers=2))
    assert [entry.item for entry in built] == items
    assert all(entry.built_by not in (0, os.getpid()) for entry in built)
    assert [entry.document is None for entry in built] == [False, True, False, False]
    assert built[1].refusal.startswith(f"{records.restricted_number}: ")
    assert "art. 18" in built[1].refusal
    form = built[0].document
    assert form is not None and records.referral_number in text_of(form.pdf)
    assert form.sha256 == hashlib.sha256(form.pdf).hexdigest()
    assert _issued_count(store) == 0  # building is not issuing
    assert _join_workers() == []


def test_a_cancelled_batch_stops_its_worker_processes(store: Store, records: Records) -> None:
    items = [BatchItem(DocumentType.REFERRAL_FORM, records.referral_id)] * 40
    stop = threading.Event()
    received = 0
    for _built in build_in_processes(
        store.address, records.actor, items, cancelled=stop.is_set, workers=1
    ):
        received += 1
        stop.set()
    assert received == 1
    assert _join_workers() == []
