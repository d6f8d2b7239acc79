"""Rows that describe this installation and what it did: settings, audit, issued documents."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, new_id, utcnow


class LocalSetting(Base):
    """Settings of this data folder (site, operator, sync cursor); never synced."""

    __tablename__ = "local_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """Who did what to which record, from which PC; ``details`` never holds personal data.

    Append-only and hash-chained (``sync.protocol.audit``): each row carries the hash of the
    one before it in this folder's chain, and triggers refuse any UPDATE or DELETE, so a row
    edited or removed by hand is found by ``trama audit verify`` and by the server.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (Index("uq_audit_entry_chain_seq", "chain_id", "seq", unique=True),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    operator: Mapped[str] = mapped_column(String(64))
    site: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    details: Mapped[str] = mapped_column(Text, default="")
    # The PC's name (the host name), so that an access is traced to a workstation too.
    workstation: Mapped[str] = mapped_column(String(64), default="")
    chain_id: Mapped[str] = mapped_column(String(36), default="")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")


class IssuedDocument(Synced, Base):
    """A printed or saved document, with the SHA-256 of the exact bytes issued."""

    __tablename__ = "issued_document"

    document_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    operator: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)


class ImportedRow(Base):
    """Where a record imported from a spreadsheet came from (issue 19); never synced.

    One row per record an import created or updated, keyed by the record's natural key in the
    file (``source_key``: a SHA-256, so that the codice fiscale inside the key is not kept in
    clear a second time). Importing the same file again finds every row here with the same
    ``row_digest`` and creates nothing; a corrected file finds its changed rows by key and
    updates those alone. ``source_sha256`` and ``row_number`` say which file and row it was
    last read from.
    """

    __tablename__ = "imported_row"
    __table_args__ = (
        Index("uq_imported_row_key", "kind", "source_key", unique=True),
        Index("ix_imported_row_source", "source_sha256", "row_number"),
        Index("ix_imported_row_record", "record_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # "persons" or "referrals" (desktop.services.imports.model.ImportKind).
    kind: Mapped[str] = mapped_column(String(16))
    source_key: Mapped[str] = mapped_column(String(64))
    # The person's or the referral's id.
    record_id: Mapped[str] = mapped_column(String(36))
    source_sha256: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(String(255))
    row_number: Mapped[int] = mapped_column(Integer)
    # SHA-256 of the row's values as Trama read them (after parsing), not of the raw cells.
    row_digest: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
