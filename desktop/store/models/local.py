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
