"""Issuing printable documents: build the PDF, record what was issued (DESIGN.md §4).

``render_document`` builds the bytes of a document for a record without recording anything;
``preview_document`` builds them for a preview and audits the preview (PREVIEW);
``record_issue`` records those exact bytes as issued (type, record, time, operator, SHA-256,
size) with its audit rows (ISSUE_DOCUMENT, the write, and PRINT, the access: one per document
printed or saved); ``issue_document`` does both. A restricted person
or referral (GDPR art. 18) is refused with ``NotAllowedError`` before anything is laid out.
Safe to call from a worker thread: every unit of work opens its own session.

``data`` reads the records through the services into the plain inputs of the builders of
``desktop.documents`` (which import neither the services nor the store); ``batch`` builds many
documents in worker processes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.documents import DocumentType
from desktop.documents.agenda import build_agenda
from desktop.documents.attendance_sheet import build_attendance_sheet
from desktop.documents.inputs import MeetingDocumentInput
from desktop.documents.joint_plan import build_joint_plan
from desktop.documents.minutes import build_minutes
from desktop.documents.page import issue_time
from desktop.documents.privacy_notice import build_privacy_notice
from desktop.documents.project_sheet import build_project_sheet
from desktop.documents.referral_form import build_referral_form
from desktop.documents.restriction import RestrictedRecordError
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.services.audit import record_audit
from desktop.services.context import Actor
from desktop.services.documents import data as document_data
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.services.referrals.numbers import REFERRAL_NUMBER_PATTERN, find_referral_id
from desktop.store.engine import Store
from desktop.store.models import IssuedDocument, Referral

# "2026/000123", or "2026/P0002/000123" from an enrolled PC's own series.
REFERRAL_NUMBER = re.compile(rf"^{REFERRAL_NUMBER_PATTERN}$", re.IGNORECASE)


@dataclass(frozen=True)
class IssuedPdf:
    """A built document; ``issued_id`` is the ``IssuedDocument`` row, "" until recorded."""

    document_type: DocumentType
    record_id: str  # "" for a blank privacy notice
    file_name: str  # a suggestion for "save as"
    pdf: bytes
    sha256: str
    created_at: datetime
    issued_id: str = ""

    @property
    def size_bytes(self) -> int:
        return len(self.pdf)


@dataclass(frozen=True)
class IssuedDocumentRow:
    id: str
    document_type: str
    record_id: str
    issued_at: datetime
    operator: str
    sha256: str
    size_bytes: int


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").lower() or "documento"


def _referral_form(store: Store, actor: Actor, record_id: str, now: datetime) -> tuple[bytes, str]:
    data = document_data.referral_form_input(store, actor, record_id, now=now)
    return build_referral_form(data), f"scheda-segnalazione-{_slug(data.referral.number)}"


def _privacy_notice(store: Store, actor: Actor, record_id: str, now: datetime) -> tuple[bytes, str]:
    data = document_data.privacy_notice_input(store, actor, record_id or None, now=now)
    suffix = f"-{_slug(data.referral_number)}" if data.referral_number else ""
    return build_privacy_notice(data), f"informativa-privacy{suffix}"


def _meeting_document(
    builder: Callable[[MeetingDocumentInput], bytes], prefix: str
) -> Callable[[Store, Actor, str, datetime], tuple[bytes, str]]:
    def build(store: Store, actor: Actor, record_id: str, now: datetime) -> tuple[bytes, str]:
        data = document_data.meeting_input(store, actor, record_id, now=now)
        return builder(data), f"{prefix}-{_slug(data.meeting.number)}"

    return build


def _attendance(data: MeetingDocumentInput) -> bytes:
    return build_attendance_sheet(data)


def _project_sheet(store: Store, actor: Actor, record_id: str, now: datetime) -> tuple[bytes, str]:
    data = document_data.project_input(store, actor, record_id, now=now)
    name = data.project.acronym or data.project.cup or data.project.title
    return build_project_sheet(data), f"scheda-progetto-{_slug(name)[:40]}"


def _joint_plan(store: Store, actor: Actor, record_id: str, now: datetime) -> tuple[bytes, str]:
    data = document_data.joint_plan_input(store, actor, record_id, now=now)
    return build_joint_plan(data), f"progetto-condiviso-{_slug(data.number)}"


_BUILDERS: dict[DocumentType, Callable[[Store, Actor, str, datetime], tuple[bytes, str]]] = {
    DocumentType.REFERRAL_FORM: _referral_form,
    DocumentType.PRIVACY_NOTICE: _privacy_notice,
    DocumentType.MINUTES: _meeting_document(build_minutes, "verbale"),
    DocumentType.ATTENDANCE_SHEET: _meeting_document(_attendance, "foglio-presenze"),
    DocumentType.AGENDA: _meeting_document(build_agenda, "convocazione"),
    DocumentType.PROJECT_SHEET: _project_sheet,
    DocumentType.JOINT_PLAN: _joint_plan,
}


def render_document(
    store: Store,
    *,
    actor: Actor,
    document_type: DocumentType,
    record_id: str,
    now: datetime | None = None,
) -> IssuedPdf:
    """The document's bytes, not yet recorded as issued (for a preview).

    ``record_id``: a referral's id (referral form; privacy notice), a person's id (privacy
    notice; "" for a blank one), a meeting's id (minutes, attendance sheet, agenda) or a
    project's id (project sheet).
    """
    now = now or issue_time()
    if not record_id and document_type is not DocumentType.PRIVACY_NOTICE:
        raise NotFoundError("Indicare il record di cui stampare il documento.")
    try:
        pdf, name = _BUILDERS[document_type](store, actor, record_id, now)
    except RestrictedRecordError as error:  # the builders' own check, after ``data``'s
        raise NotAllowedError(str(error)) from error
    return IssuedPdf(
        document_type=document_type,
        record_id=record_id,
        file_name=f"{name}.pdf",
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_at=now,
    )


# The kind of record each document is about, for its audit row (a privacy notice: see
# ``_audited_entity``).
_ENTITIES: dict[DocumentType, AuditEntity] = {
    DocumentType.REFERRAL_FORM: AuditEntity.REFERRAL,
    DocumentType.PRIVACY_NOTICE: AuditEntity.PERSON,
    DocumentType.MINUTES: AuditEntity.MEETING,
    DocumentType.ATTENDANCE_SHEET: AuditEntity.MEETING,
    DocumentType.AGENDA: AuditEntity.MEETING,
    DocumentType.PROJECT_SHEET: AuditEntity.PROJECT,
    DocumentType.PERSONAL_DATA_EXTRACT: AuditEntity.PERSON,
    DocumentType.ACCESS_REGISTER: AuditEntity.PERSON,
    DocumentType.JOINT_PLAN: AuditEntity.REFERRAL,
    # Counts of referrals, never one: printed as a list of them would be.
    DocumentType.MONITORING_REPORT: AuditEntity.REFERRAL_LIST,
}


def _audited_entity(session: Session, document_type: DocumentType, record_id: str) -> str:
    """The kind of record a document is about: a privacy notice is printed for a referral or
    for a person (or blank: no record, and no personal data)."""
    if (
        document_type is DocumentType.PRIVACY_NOTICE
        and record_id
        and session.get(Referral, record_id) is not None
    ):
        return AuditEntity.REFERRAL
    return _ENTITIES[document_type]


def preview_document(
    store: Store,
    *,
    actor: Actor,
    document_type: DocumentType,
    record_id: str,
    now: datetime | None = None,
) -> IssuedPdf:
    """``render_document`` for a preview on screen, audited as one (PREVIEW)."""
    document = render_document(
        store, actor=actor, document_type=document_type, record_id=record_id, now=now
    )
    with store.write() as session:
        record_audit(
            session,
            actor=actor,
            action=AuditAction.PREVIEW,
            entity=_audited_entity(session, document_type, record_id),
            entity_id=record_id,
            details=f"document={document_type.value}",
        )
    return document


def record_issues(store: Store, *, actor: Actor, documents: Sequence[IssuedPdf]) -> list[IssuedPdf]:
    """Record these bytes as issued (printed or saved), in one transaction; returns the
    documents with their row ids."""
    recorded = []
    with store.write() as session:
        for document in documents:
            digest = hashlib.sha256(document.pdf).hexdigest()
            row = IssuedDocument(
                document_type=document.document_type.value,
                record_id=document.record_id,
                issued_at=document.created_at,
                operator=actor.operator,
                sha256=digest,
                size_bytes=len(document.pdf),
                owner_site=actor.site_code,
                updated_by=actor.operator,
            )
            session.add(row)
            session.flush()
            record_audit(
                session,
                actor=actor,
                action="issue_document",
                entity=document.document_type.value,
                entity_id=document.record_id,
                # The row's id, not the digest: 64 hex digits could look like a codice
                # fiscale to the audit's personal-data guard.
                details=f"issued_document {row.id}",
            )
            # The access: who printed (or saved) which record's document, one row per record,
            # so that a batch of 500 forms names each of the 500.
            record_audit(
                session,
                actor=actor,
                action=AuditAction.PRINT,
                entity=_audited_entity(session, document.document_type, document.record_id),
                entity_id=document.record_id,
                details=f"document={document.document_type.value}; issued_document={row.id}",
            )
            recorded.append(replace(document, sha256=digest, issued_id=row.id))
    return recorded


def record_issue(store: Store, *, actor: Actor, document: IssuedPdf) -> IssuedPdf:
    """Record these bytes as issued (printed or saved); returns the document with its row id."""
    return record_issues(store, actor=actor, documents=[document])[0]


def issue_document(
    store: Store,
    *,
    actor: Actor,
    document_type: DocumentType,
    record_id: str,
    now: datetime | None = None,
) -> IssuedPdf:
    """Build a document and record it as issued: what printing and "save as" do."""
    document = render_document(
        store, actor=actor, document_type=document_type, record_id=record_id, now=now
    )
    return record_issue(store, actor=actor, document=document)


def list_issued_documents(store: Store, *, record_id: str | None = None) -> list[IssuedDocumentRow]:
    """Issued documents, newest first, optionally only those of one record."""
    query = select(IssuedDocument).where(IssuedDocument.deleted.is_(False))
    if record_id is not None:
        query = query.where(IssuedDocument.record_id == record_id)
    query = query.order_by(IssuedDocument.issued_at.desc(), IssuedDocument.id)
    with store.read() as session:
        return [
            IssuedDocumentRow(
                id=row.id,
                document_type=row.document_type,
                record_id=row.record_id,
                issued_at=row.issued_at,
                operator=row.operator,
                sha256=row.sha256,
                size_bytes=row.size_bytes,
            )
            for row in session.scalars(query)
        ]


def resolve_record_id(store: Store, document_type: DocumentType, identifier: str) -> str:
    """The record id for what a person typed: a referral's number ("2026/000123") where a
    referral is meant, else the id as exported in the first column of ``trama export``."""
    text = identifier.strip()
    if document_type in {DocumentType.REFERRAL_FORM, DocumentType.JOINT_PLAN} or (
        document_type is DocumentType.PRIVACY_NOTICE and REFERRAL_NUMBER.match(text)
    ):
        return find_referral_id(store, text)
    return text
