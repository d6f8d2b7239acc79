"""The server's SQLite database holds citizens' data: its files are created 0600 (-wal and -shm
too) and the folders the server creates for it 0700, whatever the umask lets others read."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.server import admin


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # the usual default: others could read what is not made private
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("permissive_umask")
def test_the_database_its_journal_files_and_new_folders_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "server"
    database = folder / "trama-server.sqlite"
    db = admin.open_db(f"sqlite:///{database}")
    try:
        admin.add_site(db, "ambito", "AMB-SOMMA", "Ambito di Somma Lombardo")
        with db.read() as session:  # a reader open: the -shm file exists
            session.connection()
            files = [database, database.with_name(f"{database.name}-wal"),
                     database.with_name(f"{database.name}-shm")]  # fmt: skip
            assert {path.name: _mode(path) for path in files} == {
                path.name: 0o600 for path in files
            }
    finally:
        db.dispose()
    assert _mode(folder) == 0o700
    assert _mode(folder.parent) == 0o700


@pytest.mark.usefixtures("permissive_umask")
def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    db = admin.open_db(f"sqlite:///{folder / 'server.sqlite'}")
    db.dispose()
    assert _mode(folder) == 0o755
    assert _mode(folder / "server.sqlite") == 0o600


@pytest.mark.usefixtures("permissive_umask")
def test_a_database_the_first_release_left_readable_is_made_private(tmp_path: Path) -> None:
    database = tmp_path / "server.sqlite"
    admin.open_db(f"sqlite:///{database}").dispose()
    database.chmod(0o644)  # as the first release made it
    db = admin.open_db(f"sqlite:///{database}")
    try:
        assert _mode(database) == 0o600
        with db.read() as session:  # the -wal and -shm made now follow the database's mode
            session.connection()
            assert _mode(database.with_name(f"{database.name}-shm")) == 0o600
    finally:
        db.dispose()
