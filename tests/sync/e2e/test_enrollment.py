"""Enrollment and the headless commands, against the real server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from desktop.store.migrate import open_store
from sync.client import credentials
from sync.client.enroll import enroll, enrollment
from sync.client.errors import (
    AlreadyEnrolledError,
    AuthenticationError,
    KeyringUnavailableError,
    RequestRefusedError,
)
from sync.client.status import list_sync_log, sync_status
from sync.server import admin
from tests.conftest import InMemoryKeyring
from tests.sync.e2e.live import ROOT, LiveServer, Office
from tests.sync.file_keyring import BACKEND, FILE_VARIABLE

Offices = Callable[[str], Office]


def test_without_a_keyring_the_code_is_not_spent(
    server: LiveServer, tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    code = server.enrollment_code("AMB-TRADATE")
    store = open_store(tmp_path / "pc")
    try:
        keyring.set_keyring(keyring.backends.fail.Keyring())
        with pytest.raises(KeyringUnavailableError):
            enroll(store, server_url=server.url, code=code)
        assert enrollment(store) is None

        keyring.set_keyring(memory_keyring)
        done = enroll(store, server_url=server.url, code=code)
    finally:
        store.dispose()
    assert (done.site_code, done.site_kind) == ("AMB-TRADATE", "ambito")
    token = credentials.load_token(tmp_path / "pc")
    assert token
    # The token is only in the keyring: no file of the data folder holds it.
    for path in (tmp_path / "pc").rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path


def test_a_code_works_once_and_a_folder_enrolls_once(
    server: LiveServer, tmp_path: Path, office: Offices
) -> None:
    pc = office("AMB-TRADATE")
    with pytest.raises(AlreadyEnrolledError, match="già registrata"):
        enroll(pc.store, server_url=server.url, code="ABCD-EFGH")
    store = open_store(tmp_path / "other")
    try:
        with pytest.raises(RequestRefusedError, match="non valido, già usato o scaduto"):
            enroll(store, server_url=server.url, code="ABCD-EFGH-JKMN-PQRS")
    finally:
        store.dispose()


def test_a_revoked_device_is_told_to_enroll_again(office: Offices, server: LiveServer) -> None:
    pc = office("AMB-TRADATE")
    pc.sync()
    device = pc.value("SELECT value FROM local_setting WHERE key = 'sync.device_id'")
    db = admin.open_db(server.db_url)
    try:
        admin.revoke_device(db, device)
    finally:
        db.engine.dispose()
    with pytest.raises(AuthenticationError, match="nuovo codice"):
        pc.sync()
    status = sync_status(pc.store)
    assert status.last_outcome == "unauthorized"
    assert status.last_success_at is not None
    assert list_sync_log(pc.store)[0].outcome == "unauthorized"


def _trama(*arguments: str, keyring_file: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": BACKEND,
        FILE_VARIABLE: str(keyring_file),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "desktop", *arguments],
        check=False,
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_trama_enroll_and_trama_sync(server: LiveServer, tmp_path: Path) -> None:
    folder, secrets = tmp_path / "pc", tmp_path / "keyring.json"
    code = server.enrollment_code("AMB-TRADATE")

    enrolled = _trama(
        "enroll", "--data-dir", str(folder), "--server", server.url, "--code", code,
        keyring_file=secrets,
    )  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr
    assert "AMB-TRADATE" in enrolled.stdout
    synced = _trama("sync", "--data-dir", str(folder), keyring_file=secrets)
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout.startswith("Sincronizzazione completata")

    again = _trama(
        "enroll", "--data-dir", str(folder), "--server", server.url, "--code", code,
        keyring_file=secrets,
    )  # fmt: skip
    assert again.returncode == 1
    assert "già registrata" in again.stderr and "Traceback" not in again.stderr

    stranger = tmp_path / "never-enrolled"
    made = _trama(
        "seed-demo", "--data-dir", str(stranger), "--referrals", "0", keyring_file=secrets
    )
    assert made.returncode == 0, made.stderr
    refused = _trama("sync", "--data-dir", str(stranger), keyring_file=secrets)
    assert refused.returncode == 1
    assert "non è registrata" in refused.stderr and "Traceback" not in refused.stderr
