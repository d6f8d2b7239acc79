"""``trama sync`` with a record this PC cannot apply: set aside, a warning, exit 0; applied by a
later sync once the cause is gone (issue 12)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.store.engine import database_path
from desktop.store.migrate import open_store
from sync.client.status import list_sync_log
from tests.conftest import connect_data_file
from tests.sync.e2e.hostile import HostileDevice, person_data, record
from tests.sync.e2e.live import LiveServer
from tests.sync.e2e.test_enrollment import _trama
from tests.sync.file_keyring import FILE_VARIABLE

SITE = "AMB-LUINO"


def _sql(folder: Path, statement: str, *params: object) -> list[tuple[object, ...]]:
    connection = connect_data_file(database_path(folder))
    try:
        with connection:
            return connection.execute(statement, params).fetchall()
    finally:
        connection.close()


def test_trama_sync_sets_aside_what_it_cannot_apply_and_applies_it_later(
    server: LiveServer, tmp_path: Path
) -> None:
    # The test's own keyring file: the child keeps the store's key where _sql finds it.
    folder, secrets = tmp_path / "pc", Path(os.environ[FILE_VARIABLE])
    code = server.enrollment_code(SITE)
    enrolled = _trama(
        "enroll", "--data-dir", str(folder), "--server", server.url, "--code", code,
        keyring_file=secrets,
    )  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr
    assert _trama("sync", "--data-dir", str(folder), keyring_file=secrets).returncode == 0

    colleague = HostileDevice(server, SITE)  # another PC of the same site, honest this time
    try:
        blocked = record("person", SITE, person_data())
        other = record("person", SITE, person_data())
        colleague.accepted(blocked)
        colleague.accepted(other)
    finally:
        colleague.close()
    # The test hook: this PC cannot store that one row, as a local constraint would refuse it.
    _sql(
        folder,
        "CREATE TRIGGER refuse_person BEFORE INSERT ON person "
        f"WHEN NEW.id = '{blocked['id']}' BEGIN SELECT RAISE(ABORT, 'rifiutato'); END",
    )

    synced = _trama("sync", "--data-dir", str(folder), keyring_file=secrets)
    assert synced.returncode == 0, synced.stderr
    assert "Traceback" not in synced.stderr
    assert "attenzione: 1 record ricevuto dal server è stato messo da parte" in synced.stderr
    assert "1 record ricevuto messo da parte" in synced.stdout
    assert _sql(folder, "SELECT id FROM person WHERE id IN (?, ?)", blocked["id"], other["id"]) == [
        (other["id"],)
    ]
    (waiting,) = _sql(folder, "SELECT table_name, record_id, reason FROM sync_set_aside")
    assert waiting[:2] == ("person", blocked["id"])
    store = open_store(folder, create=False)
    try:
        assert "messo da parte" in list_sync_log(store)[0].message
    finally:
        store.dispose()

    _sql(folder, "DROP TRIGGER refuse_person")
    again = _trama("sync", "--data-dir", str(folder), keyring_file=secrets)
    assert again.returncode == 0, again.stderr
    assert "messo da parte" not in again.stderr + again.stdout
    assert _sql(folder, "SELECT COUNT(*) FROM person WHERE id = ?", blocked["id"]) == [(1,)]
    assert _sql(folder, "SELECT COUNT(*) FROM sync_set_aside") == [(0,)]
