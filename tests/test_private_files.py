"""Private files (issue 14): with the usual umask 022, every file and folder Trama makes is
0600/0700, and a chosen data folder other accounts may enter is warned about, with the fix.

The people are demo data.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.demo.seed import seed_demo
from desktop.logs import LOG_FILE_NAME, close_logging, configure_logging, default_log_dir
from desktop.store import backups
from desktop.store.engine import database_path
from desktop.store.failures import open_folder_warning
from desktop.store.keys import mark_demo_folder
from desktop.store.migrate import open_store
from desktop.ui.crash.instance_lock import LOCK_FILE_NAME, InstanceLock
from sync.client import credentials
from tests.conftest import TODAY
from tests.storage_support import trama


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _not_private(root: Path) -> list[str]:
    """Everything under ``root`` (itself included) that is not 0700 or 0600."""
    wrong = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        expected = 0o700 if path.is_dir() else 0o600
        if mode != expected:
            wrong.append(f"{path.relative_to(root.parent)}: {mode:o}")
    return wrong


def test_the_store_its_wal_and_shm_its_backups_and_its_lock_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "ufficio" / "dati"  # a missing parent is made private too
    store = open_store(data_dir)
    held = store.raw_connection()  # keeps the WAL and the shared memory beside the store
    try:
        seed_demo(store, referrals=10, seed=2, today=TODAY, processes=0)
        backups.take_backup(
            database_path(data_dir),
            store.key,
            backups.default_backup_dir(data_dir),
            reason=backups.MANUAL,
        )
        lock = InstanceLock(data_dir)
        assert lock.acquire()
        try:
            names = {path.name for path in data_dir.iterdir()}
            assert {"trama.sqlite-wal", "trama.sqlite-shm", LOCK_FILE_NAME, "backups"} <= names
            assert _not_private(tmp_path / "ufficio") == []
        finally:
            lock.release()
    finally:
        held.close()
        store.dispose()


def test_the_log_folder_and_every_log_file_rotated_too_are_private(tmp_path: Path) -> None:
    root = logging.getLogger()
    level = root.level
    log_file = configure_logging(tmp_path / "registro")
    try:
        handler = next(
            h for h in root.handlers if getattr(h, "baseFilename", None) == str(log_file)
        )
        handler.maxBytes = 400  # type: ignore[attr-defined]
        for number in range(40):
            logging.getLogger("trama.test").info("riga di prova numero %d", number)
        assert (log_file.parent / f"{LOG_FILE_NAME}.1").exists()
        assert _not_private(tmp_path / "registro") == []
    finally:
        close_logging()
        root.setLevel(level)


def test_an_older_log_file_open_to_others_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "registro"
    folder.mkdir(mode=0o755)
    (folder / LOG_FILE_NAME).write_text("riga di una versione precedente\n", encoding="utf-8")
    (folder / LOG_FILE_NAME).chmod(0o644)
    root = logging.getLogger()
    level = root.level
    configure_logging(folder)
    try:
        logging.getLogger("trama.test").warning("di nuovo")
        assert _not_private(folder) == []
    finally:
        close_logging()
        root.setLevel(level)


def test_the_demo_folders_files_are_private(tmp_path: Path) -> None:
    data_dir = Path(tempfile.mkdtemp(dir=tmp_path, prefix="trama-demo-"))
    mark_demo_folder(data_dir)
    store = open_store(data_dir)
    store.dispose()
    credentials.store_token(data_dir, "gettone-della-demo")
    assert _not_private(data_dir) == []


def test_what_a_command_makes_is_private(tmp_path: Path) -> None:
    """A child process under umask 022: the data folder and the log of `trama seed-demo`."""
    data_dir = tmp_path / "dati"
    result = trama("seed-demo", "--data-dir", str(data_dir), "--referrals", "5")
    assert result.returncode == 0, result.stderr
    assert _not_private(data_dir) == []
    log_dir = default_log_dir()
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((log_dir / LOG_FILE_NAME).stat().st_mode) == 0o600


# -- a data folder open to others ------------------------------------------------------------


@pytest.fixture
def open_folder(tmp_path: Path) -> Iterator[Path]:
    """A data folder every account of the PC can reach and read: a folder in /tmp (the test's
    own folder is out of their reach, which is no warning)."""
    base = Path(tempfile.mkdtemp(prefix="trama-condivisa-"))
    try:
        base.chmod(0o755)
        data_dir = base / "dati"
        result = trama("seed-demo", "--data-dir", str(data_dir), "--referrals", "3")
        assert result.returncode == 0, result.stderr
        data_dir.chmod(0o755)
        yield data_dir
    finally:
        shutil.rmtree(base)


def test_a_chosen_folder_open_to_others_gets_a_warning_with_the_fix(
    open_folder: Path, tmp_path: Path
) -> None:
    result = trama(
        "export", "persons", "--data-dir", str(open_folder), "-o", str(tmp_path / "p.csv")
    )
    assert result.returncode == 0, result.stderr
    assert "trama: attenzione: la cartella dati" in result.stderr
    assert "altri utenti di questo computer" in result.stderr
    assert f'chmod -R go-rwx "{open_folder}"' in result.stderr
    # Warned about, not changed: its permissions may be IT's choice.
    assert stat.S_IMODE(open_folder.stat().st_mode) == 0o755


def test_the_environments_folder_is_a_chosen_one_too(open_folder: Path) -> None:
    result = trama("enroll", "--code", "X", env={**os.environ, "TRAMA_DATA_DIR": str(open_folder)})
    assert "trama: attenzione: la cartella dati" in result.stderr


def test_a_private_folder_gets_no_warning(tmp_path: Path) -> None:
    data_dir = tmp_path / "dati"
    trama("seed-demo", "--data-dir", str(data_dir), "--referrals", "3")
    result = trama("export", "persons", "--data-dir", str(data_dir), "-o", str(tmp_path / "p.csv"))
    assert result.returncode == 0, result.stderr
    assert "attenzione" not in result.stderr


def test_the_default_folder_open_to_others_is_made_private(open_folder: Path) -> None:
    assert open_folder_warning(open_folder, chosen=False) is None
    assert stat.S_IMODE(open_folder.stat().st_mode) == 0o700


def test_the_demo_servers_folder_and_files_are_private(tmp_path: Path) -> None:
    from desktop.demo.server import SERVER_FOLDER, start_demo_server  # noqa: PLC0415

    data_dir = Path(tempfile.mkdtemp(dir=tmp_path, prefix="trama-demo-"))
    server = start_demo_server(data_dir)
    try:
        assert {"server.sqlite", "serve.log"} <= {
            p.name for p in (data_dir / SERVER_FOLDER).iterdir()
        }
        assert _not_private(data_dir) == []
    finally:
        server.stop()
