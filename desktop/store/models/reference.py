"""Reference data: sites, operators, comuni, Ambiti, CPIs and their referents.

It comes from the provincial server and is read-only on PCs outside the Province's site.
Validity dates let a CPI's catchment or a referent change without rewriting history.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.codes import OperatorRole, RetentionRecordKind, RouteTrack, SiteKind, Track
from desktop.domain.site_profile import LOGO_MAX_CHARS
from desktop.store.base import Base, Code, Synced


class Site(Synced, Base):
    """An installation's organisation: an Ambito office, a CPI, the Province or an ETS."""

    __tablename__ = "site"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[SiteKind] = mapped_column(Code(SiteKind))
    name: Mapped[str] = mapped_column(String(200))
    ambito_id: Mapped[str | None] = mapped_column(ForeignKey("ambito.id"), default=None)
    job_centre_id: Mapped[str | None] = mapped_column(ForeignKey("job_centre.id"), default=None)
    # The site profile (0007): what a letterhead and a privacy notice print for this body. The
    # Province keeps it; every PC receives it. An Ambito has no legal personality, so its
    # controller is the ente capofila named in the Piano di Zona's accordo di programma.
    controller_name: Mapped[str] = mapped_column(String(300), default="")
    controller_tax_code: Mapped[str] = mapped_column(String(16), default="")
    address: Mapped[str] = mapped_column(String(300), default="")  # "Via Roma 1, 21100 Varese"
    pec: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    dpo_name: Mapped[str] = mapped_column(String(200), default="")
    dpo_email: Mapped[str] = mapped_column(String(200), default="")
    dpo_pec: Mapped[str] = mapped_column(String(200), default="")
    dpo_phone: Mapped[str] = mapped_column(String(60), default="")
    # A PNG or JPEG, base64 (the wire carries text); desktop.domain.site_profile bounds it.
    logo: Mapped[str] = mapped_column(String(LOGO_MAX_CHARS), default="")


class Operator(Synced, Base):
    """A person who works in Trama; named in events and audit rows by ``username``."""

    __tablename__ = "operator"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    site_code: Mapped[str] = mapped_column(String(32))
    email: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # What the operator may do beyond the daily work (see desktop.domain.permissions).
    role: Mapped[OperatorRole] = mapped_column(
        Code(OperatorRole), default=OperatorRole.SOCIAL_WORKER
    )


class Ambito(Synced, Base):
    __tablename__ = "ambito"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Only one Ambito's comuni are confirmed by a public source (DOMAIN.md §7); the others are
    # shown as demo data until the Province imports the real configuration.
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    valid_from: Mapped[date | None] = mapped_column(default=None)
    valid_to: Mapped[date | None] = mapped_column(default=None)


class Municipality(Synced, Base):
    """A comune (ISTAT data, CC BY 3.0 IT), kept after it ceases to exist for old records."""

    __tablename__ = "municipality"

    istat_code: Mapped[str] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    cadastral_code: Mapped[str] = mapped_column(String(4), index=True)
    province: Mapped[str] = mapped_column(String(2), default="VA")
    ambito_id: Mapped[str | None] = mapped_column(ForeignKey("ambito.id"), default=None)
    valid_from: Mapped[date | None] = mapped_column(default=None)
    valid_to: Mapped[date | None] = mapped_column(default=None)


class JobCentre(Synced, Base):
    """A Centro per l'Impiego (CPI)."""

    __tablename__ = "job_centre"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    municipality_id: Mapped[str | None] = mapped_column(ForeignKey("municipality.id"), default=None)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    valid_from: Mapped[date | None] = mapped_column(default=None)
    valid_to: Mapped[date | None] = mapped_column(default=None)


class JobCentreCatchment(Synced, Base):
    """Which CPI is competent for a comune, and since when."""

    __tablename__ = "job_centre_catchment"

    job_centre_id: Mapped[str] = mapped_column(ForeignKey("job_centre.id"), index=True)
    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipality.id"), index=True)
    valid_from: Mapped[date | None] = mapped_column(default=None)
    valid_to: Mapped[date | None] = mapped_column(default=None)


class Referent(Synced, Base):
    """The NEET or CMD referent of a CPI for a period."""

    __tablename__ = "referent"

    job_centre_id: Mapped[str] = mapped_column(ForeignKey("job_centre.id"), index=True)
    track: Mapped[Track] = mapped_column(Code(Track))
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact.id"), default=None)
    valid_from: Mapped[date | None] = mapped_column(default=None)
    valid_to: Mapped[date | None] = mapped_column(default=None)


class RetentionRule(Synced, Base):
    """How long a kind of record is kept after it closed, set by the Province (GDPR art. 5(1)(e)).

    The most specific rule wins: a track and a closing status or outcome before a rule for any.
    Past its period a record is proposed for anonymisation; a privacy officer confirms.
    """

    __tablename__ = "retention_rule"

    record_kind: Mapped[RetentionRecordKind] = mapped_column(Code(RetentionRecordKind))
    # None: any track.
    track: Mapped[Track | None] = mapped_column(Code(Track), default=None)
    # A closing status (a ReferralStatus code) or an outcome (an Outcome code); "" for any.
    closing: Mapped[str] = mapped_column(String(40), default="")
    months: Mapped[int] = mapped_column(Integer)
    # The period is a proposal awaiting the controller's decision (docs/PRIVACY.md).
    needs_decision: Mapped[bool] = mapped_column(Boolean, default=True)
    # Why this period: the law or practice it rests on, in Italian.
    basis: Mapped[str] = mapped_column(String(400), default="")


class ReferralRoute(Synced, Base):
    """Which kind of site may send which kind of referral to which kind of site.

    The Province configures the routes (DOMAIN.md §2); the server authorises pushes by them,
    and every PC offers only the routes its site kind has. While the Province has configured
    none, ``desktop.domain.routes.DEFAULT_ROUTES`` applies (the same on the server).
    """

    __tablename__ = "referral_route"

    sender_kind: Mapped[SiteKind] = mapped_column(Code(SiteKind))
    recipient_kind: Mapped[SiteKind] = mapped_column(Code(SiteKind))
    track: Mapped[RouteTrack] = mapped_column(Code(RouteTrack))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
