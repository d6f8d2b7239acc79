"""Faults: a client killed mid-sync, connections cut mid-response, a server answering errors.

Whatever happens, every change reaches the server exactly once (one accepted receipt per
record, in the receipts the server stored with the batches it applied) and both sides agree.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest

from desktop import __version__
from desktop.demo.seed import seed_demo
from desktop.store.codec import codecs
from desktop.store.migrate import HEAD_REVISION
from sync.client import credentials
from sync.client.errors import SyncCancelledError
from sync.client.progress import Stage, SyncProgress
from sync.client.status import list_sync_log
from sync.client.transport import Transport
from tests.sync.e2e.live import ROOT, LiveServer, Office
from tests.sync.e2e.proxy import FaultProxy, Plan
from tests.sync.file_keyring import BACKEND, FILE_VARIABLE, FileKeyring

Offices = Callable[[str], Office]
Change = tuple[str, str]


def _changes(pc: Office) -> set[Change]:
    return {
        (table, record_id)
        for table in codecs()
        for (record_id,) in pc.rows(f'SELECT id FROM "{table}" WHERE dirty = 1')
    }


def _assert_each_change_arrived_once(pc: Office, server: LiveServer, changes: set[Change]) -> None:
    device = pc.value("SELECT value FROM local_setting WHERE key = 'sync.device_id'")
    accepted: Counter[Change] = Counter()
    for (receipts,) in server.query(
        "SELECT receipts FROM push_batch WHERE device_id = :device", device=device
    ):
        for receipt in json.loads(receipts):
            if receipt["status"] == "accepted":
                accepted[(receipt["table"], receipt["id"])] += 1
    assert set(accepted) >= changes
    assert [change for change in changes if accepted[change] != 1] == []
    assert pc.value("SELECT count(*) FROM sync_batch") == 0
    for table in ("person", "referral", "referral_event"):
        local = dict(pc.rows(f"SELECT id, server_revision FROM {table} WHERE owner_site = ?",
                             pc.site))  # fmt: skip
        remote = dict(
            server.query(
                "SELECT id, revision FROM record WHERE table_name = :table AND owner_site = :site",
                table=table,
                site=pc.site,
            )
        )
        assert local == remote, table
    assert pc.agrees_with_server()


@pytest.mark.slow
def test_a_client_killed_at_random_points_sends_every_change_exactly_once(
    office: Offices, server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FILE_VARIABLE, str(tmp_path / "keyring.json"))
    keyring.set_keyring(FileKeyring())
    pc = office("AMB-BUSTO")
    pc.sync()
    seed_demo(pc.store, referrals=1100, seed=61)
    changes = _changes(pc)
    assert len(changes) >= 5000
    environment = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": BACKEND,
        FILE_VARIABLE: str(tmp_path / "keyring.json"),
        "PYTHONPATH": str(ROOT),
    }
    rng = random.Random(20261127)
    command = [sys.executable, "-m", "tests.sync.e2e.sync_child", str(pc.data_dir), "100"]
    for _kill in range(20):
        _run_and_kill(command, environment, lines=rng.randint(1, 2))
    assert pc.value("SELECT count(*) FROM referral WHERE dirty = 1") > 0, "nothing left to resume"

    result = pc.sync()

    assert result.pending == 0 and result.rejected == 0
    _assert_each_change_arrived_once(pc, server, changes)

    # Another PC of the Ambito pulls it all, killed between and during its pages.
    other = office("AMB-BUSTO")
    command = [sys.executable, "-m", "tests.sync.e2e.sync_child", str(other.data_dir), "100", "400"]
    for _kill in range(5):
        _run_and_kill(command, environment, lines=rng.randint(1, 2))
    other.sync()
    assert other.rows("SELECT id, server_revision FROM referral ORDER BY id") == pc.rows(
        "SELECT id, server_revision FROM referral ORDER BY id"
    )
    assert other.agrees_with_server()


def _run_and_kill(command: list[str], environment: dict[str, str], *, lines: int) -> None:
    """Start a sync in a child process and SIGKILL it right after ``lines`` progress lines."""
    child = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert child.stdout is not None
    try:
        for _line in range(lines):
            line = child.stdout.readline()
            assert line and not line.startswith(b"done"), "the sync ended before its kill"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()


def _through_proxy(pc: Office, proxy: FaultProxy, waits: list[float]) -> Transport:
    token = credentials.load_token(pc.data_dir)
    return Transport(
        proxy.url, app_version=__version__, schema=HEAD_REVISION, token=token, sleep=waits.append
    )


def _proxy(server: LiveServer, plan: Plan) -> FaultProxy:
    return FaultProxy(int(server.url.rsplit(":", 1)[1]), plan)


def test_connections_cut_mid_response_are_retried(office: Offices, server: LiveServer) -> None:
    pc = office("AMB-SOMMA")
    pc.sync()
    seed_demo(pc.store, referrals=120, seed=71)
    changes = _changes(pc)
    proxy = _proxy(server, lambda number, _method, _path: "cut" if number % 2 else "pass")
    waits: list[float] = []
    try:
        with _through_proxy(pc, proxy, waits) as transport:
            result = pc.sync(transport=transport, batch_records=50)
    finally:
        proxy.close()

    assert result.pending == 0
    assert any(path.endswith("/push") and action == "cut" for _m, path, action in proxy.actions)
    assert any(
        path.startswith("/api/v1/pull") and action == "cut" for _m, path, action in proxy.actions
    )
    _assert_each_change_arrived_once(pc, server, changes)


def test_the_server_answering_500_503_and_429_is_retried(
    office: Offices, server: LiveServer
) -> None:
    pc = office("AMB-VARESE")
    pc.sync()
    seed_demo(pc.store, referrals=80, seed=81)
    changes = _changes(pc)
    answers: list[str | int] = [500, 503, 429, "pass"]
    proxy = _proxy(server, lambda number, _method, _path: answers[number % len(answers)])
    waits: list[float] = []
    try:
        with _through_proxy(pc, proxy, waits) as transport:
            result = pc.sync(transport=transport, batch_records=50)
    finally:
        proxy.close()

    assert result.pending == 0
    # Retry-After honoured: 2 s after a 503, 1 s after a 429 (the proxy's values).
    assert waits.count(2.0) >= 3 and waits.count(1.0) >= 3
    assert {action for _m, _p, action in proxy.actions} == {500, 503, 429, "pass"}
    _assert_each_change_arrived_once(pc, server, changes)


def test_a_cancelled_sync_stops_and_the_next_one_goes_on(office: Offices) -> None:
    pc = office("AMB-CITTIGLIO")
    pc.sync()
    seed_demo(pc.store, referrals=60, seed=91)
    changes = _changes(pc)
    cancel = threading.Event()

    def cancel_after_a_batch(progress: SyncProgress) -> None:
        if progress.stage is Stage.PUSH:
            cancel.set()

    with pytest.raises(SyncCancelledError):
        pc.sync(progress=cancel_after_a_batch, cancel=cancel, batch_records=50)
    left = len(_changes(pc))
    assert 0 < left < len(changes)
    assert list_sync_log(pc.store)[0].outcome == "cancelled"

    assert pc.sync().pending == 0
    assert pc.agrees_with_server()
