"""The network directory (Rubrica): organisations and their contacts."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.codes import OrganizationKind
from desktop.store.base import Base, Code, Synced


class Organization(Synced, Base):
    """An ETS, a public body, a school, a company: partner, provider or meeting participant."""

    __tablename__ = "organization"

    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[OrganizationKind] = mapped_column(Code(OrganizationKind))
    runts_number: Mapped[str] = mapped_column(String(40), default="")
    tax_code: Mapped[str] = mapped_column(String(16), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    municipality_id: Mapped[str | None] = mapped_column(ForeignKey("municipality.id"), default=None)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    pec: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Contact(Synced, Base):
    __tablename__ = "contact"

    organization_id: Mapped[str | None] = mapped_column(
        ForeignKey("organization.id"), index=True, default=None
    )
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
