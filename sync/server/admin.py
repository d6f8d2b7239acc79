"""Administration (DESIGN.md §6): sites, one-time enrollment codes, devices, reference rows.

Used by ``trama-server`` and by the enroll call. Bad input raises ``AdminError`` with an Italian
message and changes nothing.
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.protocol import EnrollResponse, SiteInfo, reference_id
from sync.protocol.codes import SiteKind
from sync.server import migrate
from sync.server.auth import SiteRef, hash_secret, new_secret
from sync.server.db import Device, EnrollmentCode, Record, ServerDB, ServerSite
from sync.server.scope import Rec, WriteSet

# The Province's site code when none is configured yet; the same as the desktop's.
DEFAULT_PROVINCE_CODE = "PROVINCIA-VA"
SITE_KINDS = (SiteKind.AMBITO, SiteKind.CPI, SiteKind.PROVINCIA, SiteKind.ETS)
CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,31}$")
ENROLLMENT_DAYS = 7
# A one-time code is read out on the phone: a year is already generous, and a larger number
# would overflow the date arithmetic.
MAX_ENROLLMENT_DAYS = 365
# No 0/O, 1/I/L: the code is read out on the phone and typed by hand.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_BAD_CODE = "Codice di attivazione non valido, già usato o scaduto: chiederne uno nuovo."


class AdminError(Exception):
    pass


@dataclass(frozen=True)
class DeviceRow:
    id: str
    site_code: str
    name: str
    created_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None


def open_db(url: str) -> ServerDB:
    """The database at ``url``, brought to this code's schema first (see sync.server.migrate)."""
    db = ServerDB(url)
    try:
        migrate.upgrade(db)
    except BaseException:
        db.dispose()
        raise
    return db


def province_code(session: Session) -> str:
    code = session.scalar(
        select(ServerSite.code).where(ServerSite.kind == SiteKind.PROVINCIA.value).limit(1)
    )
    return code or DEFAULT_PROVINCE_CODE


def find_reference(session: Session, table: str, natural_key: str) -> Record | None:
    return session.scalar(
        select(Record).where(Record.table_name == table, Record.natural_key == natural_key)
    )


def put_reference(
    writes: WriteSet,
    table: str,
    data: dict[str, Any],
    *,
    natural_key: str | None = None,
    record_id: str | None = None,
    updated_by: str = "trama-server",
) -> Rec:
    """Create or update a reference row, found by id or else by its natural key."""
    existing = writes.record(table, record_id) if record_id else None
    if existing is None and natural_key is not None:
        existing = writes.find(table, natural_key)
    if existing is not None and existing.data == data and not existing.deleted:
        return existing
    return writes.put(
        existing,
        table=table,
        record_id=existing.id if existing else record_id or reference_id(table, natural_key or ""),
        owner_site=existing.owner_site if existing else province_code(writes.session),
        data=data,
        deleted=False,
        updated_at=datetime.now(UTC),
        updated_by=updated_by,
    )


def add_site(
    db: ServerDB,
    kind: str,
    code: str,
    name: str,
    *,
    ambito_code: str | None = None,
    job_centre_code: str | None = None,
) -> SiteRef:
    try:
        site_kind = SiteKind(kind)
    except ValueError:
        site_kind = None
    if site_kind not in SITE_KINDS:
        raise AdminError(f"Tipo di sede non valido: {kind!r} (ambito, cpi, provincia o ets).")
    if not CODE_PATTERN.match(code):
        raise AdminError(
            f"Codice di sede non valido: {code!r} (2-32 tra lettere maiuscole, cifre, - e _)."
        )
    name = name.strip()
    if not name or len(name) > 200:
        raise AdminError("Il nome della sede è obbligatorio (al massimo 200 caratteri).")
    if site_kind == SiteKind.AMBITO:
        ambito_code = ambito_code or code
    if site_kind == SiteKind.CPI:
        job_centre_code = job_centre_code or code
    with db.write() as session, session.no_autoflush:
        if session.get(ServerSite, code) is not None:
            raise AdminError(f"La sede {code} esiste già.")
        if site_kind == SiteKind.PROVINCIA and session.scalar(
            select(ServerSite.code).where(ServerSite.kind == SiteKind.PROVINCIA.value)
        ):
            raise AdminError("La sede della Provincia esiste già.")
        site = ServerSite(
            code=code, kind=site_kind.value, name=name, ambito_code=ambito_code,
            job_centre_code=job_centre_code,
        )  # fmt: skip
        session.add(site)
        session.flush()
        writes = WriteSet(session)
        ambito = writes.find("ambito", ambito_code) if ambito_code else None
        centre = writes.find("job_centre", job_centre_code) if job_centre_code else None
        put_reference(
            writes,
            "site",
            {
                "code": code,
                "kind": site_kind.value,
                "name": name,
                "ambito_id": ambito.id if ambito else None,
                "job_centre_id": centre.id if centre else None,
            },
            natural_key=code,
        )
        if centre is not None:
            # Referrals already addressed to this CPI become visible to its new site.
            writes.refresh(
                "referral",
                session.scalars(
                    select(Record.id).where(
                        Record.table_name == "referral", Record.job_centre_id == centre.id
                    )
                ),
            )
        writes.settle()
        return SiteRef.of(site)


def site_info(session: Session, site: ServerSite) -> SiteInfo:
    record = find_reference(session, "site", site.code)
    return SiteInfo(
        code=site.code,
        kind=SiteKind(site.kind),
        name=site.name,
        job_centre_code=site.job_centre_code,
        ambito_code=site.ambito_code,
        record_id=record.id if record else None,
    )


def list_sites(db: ServerDB) -> list[SiteInfo]:
    with db.read() as session:
        return [
            site_info(session, site)
            for site in session.scalars(select(ServerSite).order_by(ServerSite.code))
        ]


def new_enrollment_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def _normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).upper()


def issue_enrollment_code(db: ServerDB, site_code: str, *, days: int = ENROLLMENT_DAYS) -> str:
    if days < 1:
        raise AdminError("La validità del codice deve essere di almeno un giorno.")
    if days > MAX_ENROLLMENT_DAYS:
        raise AdminError(
            f"La validità del codice può essere al massimo di {MAX_ENROLLMENT_DAYS} giorni."
        )
    code = new_enrollment_code()
    now = datetime.now(UTC)
    with db.write() as session:
        if session.get(ServerSite, site_code) is None:
            raise AdminError(f"La sede {site_code} non esiste: crearla con 'site add'.")
        session.add(
            EnrollmentCode(
                code_hash=hash_secret(_normalise_code(code)),
                site_code=site_code,
                created_at=now,
                expires_at=now + timedelta(days=days),
            )
        )
    return code


def enroll(db: ServerDB, code: str, device_name: str) -> EnrollResponse:
    """Exchange a one-time code for a device token; raises AdminError for a bad code."""
    now = datetime.now(UTC)
    if not code.isascii():
        raise AdminError(_BAD_CODE)
    with db.write() as session:
        entry = session.get(EnrollmentCode, hash_secret(_normalise_code(code)))
        if entry is None or entry.used_at is not None or entry.expires_at <= now:
            raise AdminError(_BAD_CODE)
        site = session.get(ServerSite, entry.site_code)
        if site is None:
            raise AdminError(_BAD_CODE)
        token = new_secret()
        device = Device(
            id=str(uuid.uuid4()),
            site_code=site.code,
            name=device_name.strip()[:200] or "PC",
            token_hash=hash_secret(token),
            created_at=now,
        )
        # Writers are serialised (ServerDB.write) and devices are never deleted, only
        # revoked: the count is a number no other device has or will get.
        number = (session.scalar(select(func.count()).select_from(Device)) or 0) + 1
        session.add(device)
        entry.used_at = now
        entry.device_id = device.id
        return EnrollResponse(
            token=token, device_id=device.id, site=site_info(session, site), device_number=number
        )


def list_devices(db: ServerDB) -> list[DeviceRow]:
    with db.read() as session:
        return [
            DeviceRow(d.id, d.site_code, d.name, d.created_at, d.last_seen_at, d.revoked_at)
            for d in session.scalars(select(Device).order_by(Device.site_code, Device.created_at))
        ]


def revoke_device(db: ServerDB, device_id: str) -> DeviceRow:
    with db.write() as session:
        device = session.get(Device, device_id)
        if device is None:
            raise AdminError(f"Nessun dispositivo con identificativo {device_id!r}.")
        if device.revoked_at is None:
            device.revoked_at = datetime.now(UTC)
        d = device
        return DeviceRow(d.id, d.site_code, d.name, d.created_at, d.last_seen_at, d.revoked_at)
