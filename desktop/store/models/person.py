"""Persons referred to a CPI (fields of the ministry's Scheda Anagrafico-Professionale)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.codes import (
    ContactChannel,
    EmploymentStatus,
    LegalRepresentativeKind,
    PermitType,
    Sex,
)
from desktop.store.base import Base, Code, Synced


class Person(Synced, Base):
    __tablename__ = "person"
    # Partial: lists exclude the few restricted persons by probing this tiny index instead of
    # scanning the whole table on every page.
    __table_args__ = (
        Index("ix_person_restricted", "restricted", sqlite_where=text("restricted = 1")),
        # With the id: a search goes from a name or a code to the person's referrals without
        # reading the person's row.
        Index("ix_person_fiscal_code", "fiscal_code", "id"),
        Index("ix_person_search_name", "search_name", "id"),
    )

    fiscal_code: Mapped[str] = mapped_column(String(16))
    # Why a warning on the codice fiscale was overridden (DOMAIN.md §6), empty when none was.
    fiscal_code_override_reason: Mapped[str] = mapped_column(String(300), default="")
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    # Lower-case, accent-free "cognome nome" so that name search can use an index.
    search_name: Mapped[str] = mapped_column(String(201))
    sex: Mapped[Sex] = mapped_column(Code(Sex))
    birth_date: Mapped[date] = mapped_column(index=True)
    birthplace_code: Mapped[str] = mapped_column(String(4), default="")
    birthplace_name: Mapped[str] = mapped_column(String(120), default="")
    citizenship: Mapped[str] = mapped_column(String(80), default="")
    permit_type: Mapped[PermitType | None] = mapped_column(Code(PermitType), default=None)
    permit_number: Mapped[str] = mapped_column(String(40), default="")
    permit_expiry: Mapped[date | None] = mapped_column(default=None)
    permit_renewing: Mapped[bool] = mapped_column(Boolean, default=False)
    residence_municipality_id: Mapped[str | None] = mapped_column(
        ForeignKey("municipality.id"), index=True, default=None
    )
    residence_address: Mapped[str] = mapped_column(String(200), default="")
    residence_postcode: Mapped[str] = mapped_column(String(5), default="")
    domicile_municipality_id: Mapped[str | None] = mapped_column(
        ForeignKey("municipality.id"), default=None
    )
    domicile_address: Mapped[str] = mapped_column(String(200), default="")
    domicile_postcode: Mapped[str] = mapped_column(String(5), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    preferred_channel: Mapped[ContactChannel | None] = mapped_column(
        Code(ContactChannel), default=None
    )
    employment_status: Mapped[EmploymentStatus | None] = mapped_column(
        Code(EmploymentStatus), default=None
    )
    did_date: Mapped[date | None] = mapped_column(default=None)
    education_title: Mapped[str] = mapped_column(String(200), default="")
    isced_level: Mapped[int | None] = mapped_column(Integer, default=None)
    education_year: Mapped[int | None] = mapped_column(Integer, default=None)
    last_school: Mapped[str] = mapped_column(String(200), default="")
    school_left_date: Mapped[date | None] = mapped_column(default=None)
    # GDPR art. 18: a restricted person is not processed, exported, printed or synced.
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    restriction_reason: Mapped[str] = mapped_column(Text, default="")
    # When the person was anonymised (retention); None while identifiable.
    anonymised_on: Mapped[date | None] = mapped_column(default=None)
    # Who acts for the person (0008): a parent of a minor, a tutore, an amministratore di
    # sostegno or a curatore, with the court's act for the last three. Required for a minor;
    # printed where the person signs.
    representative_kind: Mapped[LegalRepresentativeKind | None] = mapped_column(
        Code(LegalRepresentativeKind), default=None
    )
    representative_name: Mapped[str] = mapped_column(String(200), default="")
    representative_tax_code: Mapped[str] = mapped_column(String(16), default="")
    representative_phone: Mapped[str] = mapped_column(String(40), default="")
    representative_email: Mapped[str] = mapped_column(String(200), default="")
    # "Decreto del Tribunale di Varese n. 123/2025": the act appointing a tutore, ADS, curatore.
    representative_act: Mapped[str] = mapped_column(String(200), default="")
    representative_act_on: Mapped[date | None] = mapped_column(default=None)


class PrivacyAcknowledgement(Synced, Base):
    """The informativa (GDPR art. 13/14) handed over to a person, and when."""

    __tablename__ = "privacy_acknowledgement"

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    referral_id: Mapped[str | None] = mapped_column(ForeignKey("referral.id"), default=None)
    notice_version: Mapped[str] = mapped_column(String(40), default="")
    handed_over_on: Mapped[date]
    operator: Mapped[str] = mapped_column(String(64), default="")
