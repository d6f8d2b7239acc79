"""Enrollment codes, device tokens (hashes only), revocation, and the version gate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import create_engine, inspect, select, text

from desktop.store.migrate import HEAD_REVISION
from sync import protocol
from sync.protocol import API_PREFIX, MetaResponse
from sync.server import admin
from sync.server.db import EnrollmentCode
from tests.sync.server.support import GALLARATE, SOMMA, Device, Live


def _enroll(live: Live, code: str) -> httpx.Response:
    return httpx.post(f"{live.url}{API_PREFIX}/enroll", json={"code": code, "device_name": "PC"})


def test_a_code_enrols_one_device_and_is_then_used_up(live: Live) -> None:
    code = admin.issue_enrollment_code(live.db, SOMMA)
    first = _enroll(live, code)
    assert first.status_code == 200
    body = first.json()
    assert body["site"] == {
        "code": SOMMA,
        "kind": "ambito",
        "name": "Ambito di Somma Lombardo",
        "job_centre_code": None,
        "ambito_code": SOMMA,
        "record_id": body["site"]["record_id"],
    }
    assert body["site"]["record_id"]
    again = _enroll(live, code)
    assert again.status_code == 401
    assert "già usato" in again.json()["detail"]
    # Typed by hand: lower case and without dashes is the same code.
    other = admin.issue_enrollment_code(live.db, GALLARATE)
    assert _enroll(live, other.replace("-", "").lower()).json()["site"]["job_centre_code"] == (
        GALLARATE
    )


def test_an_expired_code_is_refused(live: Live) -> None:
    code = admin.issue_enrollment_code(live.db, SOMMA)
    with live.db.write() as session:
        for entry in session.scalars(select(EnrollmentCode)):
            entry.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    assert _enroll(live, code).status_code == 401


def test_only_hashes_of_tokens_and_codes_are_stored(live: Live) -> None:
    code = admin.issue_enrollment_code(live.db, SOMMA)
    token = _enroll(live, code).json()["token"]
    engine = create_engine(live.db.url)
    try:
        with engine.connect() as connection:
            for table in inspect(connection).get_table_names():
                for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                    for value in row:
                        assert token not in str(value), table
                        assert code.replace("-", "") not in str(value), table
    finally:
        engine.dispose()


def test_a_revoked_device_is_refused(live: Live) -> None:
    device = Device(live, SOMMA)
    try:
        assert device.http.get("/pull").status_code == 200
        listed = admin.list_devices(live.db)
        assert [(d.id, d.site_code) for d in listed] == [(device.device_id, SOMMA)]
        admin.revoke_device(live.db, device.device_id)
        refused = device.http.get("/pull")
        assert refused.status_code == 401
        assert "revocato" in refused.json()["detail"]
        assert device.http.get("/digest").status_code == 401
    finally:
        device.close()


def test_requests_without_a_valid_token_are_refused(live: Live) -> None:
    base = f"{live.url}{API_PREFIX}"
    assert httpx.get(f"{base}/pull").status_code == 401
    bad = httpx.get(f"{base}/pull", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401
    assert bad.headers["WWW-Authenticate"] == "Bearer"


def test_meta_describes_the_versions_without_a_token(live: Live) -> None:
    meta = MetaResponse.model_validate(httpx.get(f"{live.url}{API_PREFIX}/meta").json())
    assert meta.protocol_version == protocol.PROTOCOL_VERSION
    assert HEAD_REVISION in meta.accepted_schemas
    assert meta.message


def test_the_version_gate_answers_426_in_italian(live: Live) -> None:
    device = Device(live, SOMMA)
    try:
        future = device.http.get("/pull", headers={protocol.HEADER_PROTOCOL: "2"})
        assert future.status_code == 426
        assert "aggiornare Trama" in future.json()["detail"]
        garbage = device.http.get("/pull", headers={protocol.HEADER_PROTOCOL: "uno"})
        assert garbage.status_code == 426
        newer_schema = device.http.get("/pull", headers={protocol.HEADER_SCHEMA: "9999_future"})
        assert newer_schema.status_code == 426
        assert "server" in newer_schema.json()["detail"]
    finally:
        device.close()


def test_every_device_gets_a_number_no_other_device_has(live: Live) -> None:
    """The number is the series of the referral numbers the PC draws offline."""
    numbers = [
        _enroll(live, admin.issue_enrollment_code(live.db, site)).json()["device_number"]
        for site in (SOMMA, GALLARATE, SOMMA)
    ]
    first = numbers[0]
    assert numbers == [first, first + 1, first + 2]
    device_id = admin.list_devices(live.db)[0].id
    admin.revoke_device(live.db, device_id)
    later = _enroll(live, admin.issue_enrollment_code(live.db, SOMMA)).json()["device_number"]
    assert later == first + 3  # a revoked device keeps its number: it may have drawn some
