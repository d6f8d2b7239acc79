"""Enrollment: a one-time code from the Province becomes this data folder's device token.

The keyring is checked and the server's versions are compared BEFORE the code is spent, so a
PC without a usable keyring or with an old Trama does not waste it. The token goes only to the
keyring; the site (code, kind, name) the server names becomes this folder's site.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

import httpx

from desktop import __version__
from desktop.domain.referral_numbers import number_range, number_series, referral_number
from desktop.store.engine import Store
from desktop.store.migrate import HEAD_REVISION
from desktop.store.raw import Connection
from desktop.store.settings import NUMBER_SERIES, SITE_CODE, SITE_KIND, SITE_NAME
from sync.client import credentials
from sync.client import db as local
from sync.client.audit import start_new_chain
from sync.client.engine import check_meta
from sync.client.errors import AlreadyEnrolledError, AuthenticationError, RequestRefusedError
from sync.client.transport import Transport
from sync.protocol import EnrollRequest, EnrollResponse, MetaResponse, gzip_json


@dataclass(frozen=True)
class Enrollment:
    server_url: str
    device_id: str
    device_name: str
    site_code: str
    site_kind: str
    site_name: str
    enrolled_at: str | None = None


def enrollment(store: Store) -> Enrollment | None:
    """This folder's enrollment, or None when it was never enrolled."""
    with local.reading(store) as connection:
        values = {key: local.get_setting(connection, key) for key in local.ENROLLMENT_KEYS}
    url = values[local.SERVER_URL]
    if not url:
        return None
    return Enrollment(
        server_url=url,
        device_id=values[local.DEVICE_ID] or "",
        device_name=values[local.DEVICE_NAME] or "",
        site_code=values[SITE_CODE] or "",
        site_kind=values[SITE_KIND] or "",
        site_name=values[SITE_NAME] or "",
        enrolled_at=values[local.ENROLLED_AT],
    )


def enroll(
    store: Store,
    *,
    server_url: str,
    code: str,
    device_name: str | None = None,
    ca_bundle: Path | None = None,
    http_transport: httpx.BaseTransport | None = None,
) -> Enrollment:
    """Exchange ``code`` for a device token; raises a ``SyncError`` and changes nothing locally
    on failure."""
    existing = enrollment(store)
    if existing is not None:
        raise AlreadyEnrolledError(
            f"Questa cartella dati è già registrata presso {existing.server_url} per la sede "
            f"{existing.site_name}: per cambiare server o sede usare una nuova cartella dati."
        )
    code = code.strip()
    if not code:
        raise RequestRefusedError("Indicare il codice di registrazione ricevuto.", status=0)
    credentials.check_keyring(store.path.parent)
    credentials.check_server_for(store.path.parent, server_url)
    name = (device_name or f"{platform.node() or 'PC'} ({store.path.parent.name})")[:200]
    with Transport(
        server_url,
        app_version=__version__,
        schema=HEAD_REVISION,
        ca_bundle=ca_bundle,
        http_transport=http_transport,
    ) as transport:
        check_meta(transport.get("/meta", MetaResponse))
        try:
            answer = transport.post(
                "/enroll",
                gzip_json(EnrollRequest(code=code, device_name=name)),
                EnrollResponse,
                idempotent=False,
            )
        except AuthenticationError as error:
            raise RequestRefusedError(
                "Codice di registrazione non valido, già usato o scaduto: chiederne uno nuovo "
                "alla Provincia.",
                status=401,
            ) from error
        server = transport.base_url
    credentials.store_token(store.path.parent, answer.token)
    site = answer.site
    settings = {
        local.SERVER_URL: server,
        local.DEVICE_ID: answer.device_id,
        local.DEVICE_NAME: name,
        local.SITE_AMBITO: site.ambito_code or "",
        local.SITE_JOB_CENTRE: site.job_centre_code or "",
        local.SITE_RECORD: site.record_id or "",
        local.ENROLLED_AT: local.now_text(),
        local.CURSOR: "0",
        SITE_CODE: site.code,
        SITE_KIND: site.kind.value,
        SITE_NAME: site.name,
    }
    if ca_bundle is not None:
        settings[local.CA_BUNDLE] = str(ca_bundle.resolve())
    series = number_series(answer.device_number) if answer.device_number else ""
    if series:
        settings[NUMBER_SERIES] = series
    with local.transaction(store) as connection:
        for key, value in settings.items():
            local.set_setting(connection, key, value)
        if series:
            renumber_into_series(connection, series)
        # The server gives a chain to the device that first sends it: this device's rows
        # begin one of their own (sync.client.audit).
        start_new_chain(connection)
    result = enrollment(store)
    assert result is not None
    return result


def renumber_into_series(connection: Connection, series: str) -> int:
    """Give the referrals drawn here before enrollment ("2026/000123") numbers of this PC's
    series ("2026/P0002/000123"), in their order: unchanged they would meet other PCs' equal
    numbers on the server. Nothing was synced yet, so nobody else knows the old numbers.
    Returns how many were renumbered."""
    years = [
        int(year)
        for (year,) in connection.execute(
            "SELECT DISTINCT substr(number, 1, 4) FROM referral WHERE number GLOB "
            "'[0-9][0-9][0-9][0-9]/[0-9]*' AND server_revision IS NULL"
        )
    ]
    renumbered = 0
    for year in years:
        old_low, old_high = number_range(year)
        low, high = number_range(year, series)
        (last,) = connection.execute(
            "SELECT max(number) FROM referral WHERE number >= ? AND number < ?", (low, high)
        ).fetchone()
        sequence = int(last.rsplit("/", 1)[1]) if last else 0
        rows = connection.execute(
            "SELECT id FROM referral WHERE number >= ? AND number < ? "
            "AND server_revision IS NULL ORDER BY number, created_at",
            (old_low, old_high),
        ).fetchall()
        for (referral_id,) in rows:
            sequence += 1
            connection.execute(
                "UPDATE referral SET number = ? WHERE id = ?",
                (referral_number(year, sequence, series), referral_id),
            )
        renumbered += len(rows)
    return renumbered
