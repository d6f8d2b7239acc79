"""Issue 14's first acceptance test: whoever copies the data folder reads nobody.

The store, its WAL (with pages not yet checkpointed: a connection stays open with its writes
in it) and a backup are copied and read with the standard library's ``sqlite3``, as anyone
would read a copied SQLite file: each is "file is not a database". Then every byte of every
file of the data folder is searched for the seeded people's names and fiscal codes. The people
are demo data, and one invented surname is written last, to be found in the WAL only.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.demo.seed import seed_demo
from desktop.store.engine import Store, database_path
from desktop.store.migrate import open_store
from desktop.store.models import Person
from tests.conftest import TODAY
from tests.storage_support import take_backup

# Written last, while a connection holds the WAL open: in no other file.
LAST_WRITTEN_SURNAME = "Zanzottera"
# Shorter words could turn up in random bytes by chance (2 MB of ciphertext).
SHORTEST_SEARCHED = 5


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "data")
    try:
        seed_demo(store, referrals=80, seed=5, today=TODAY, processes=0)
        yield store
    finally:
        store.dispose()


def _people(store: Store) -> set[str]:
    with store.read() as session:
        rows = session.execute(
            select(Person.first_name, Person.last_name, Person.fiscal_code)
        ).all()
    words = {LAST_WRITTEN_SURNAME}
    for first_name, last_name, fiscal_code in rows:
        words.update(word for word in (first_name, last_name) if word)
        if fiscal_code:
            words.add(fiscal_code)
    return {word for word in words if len(word) >= SHORTEST_SEARCHED}


def _needles(words: set[str]) -> set[bytes]:
    """Each word as typed, in capitals and in small letters (the search columns), UTF-8."""
    return {form.encode("utf-8") for word in words for form in (word, word.upper(), word.lower())}


def _not_a_database(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError) as refused:
            connection.execute("SELECT * FROM sqlite_master").fetchall()
    finally:
        connection.close()
    return str(refused.value)


def test_a_copied_store_wal_and_backup_read_as_no_database_and_name_nobody(
    seeded: Store, tmp_path: Path
) -> None:
    data_dir = seeded.path.parent
    backup = take_backup(data_dir)
    people = _people(seeded)
    assert len(people) > 100

    held = seeded.raw_connection()
    try:
        held.execute("PRAGMA wal_autocheckpoint = 0")  # the writes stay in the WAL
        with held:
            held.execute("BEGIN IMMEDIATE")
            held.execute(
                "UPDATE person SET last_name = ? WHERE id = (SELECT min(id) FROM person)",
                (LAST_WRITTEN_SURNAME,),
            )
        wal = data_dir / "trama.sqlite-wal"
        assert wal.stat().st_size > 4096, "the WAL must hold pages for this test"

        copies = tmp_path / "copies"
        copies.mkdir()
        shutil.copy(database_path(data_dir), copies / "trama.sqlite")
        shutil.copy(wal, copies / "trama.sqlite-wal")
        shutil.copy(backup, copies / "backup.sqlite")
        shutil.copy(wal, copies / "wal-alone.sqlite")
        for copy in ("trama.sqlite", "backup.sqlite", "wal-alone.sqlite"):
            assert _not_a_database(copies / copy) == "file is not a database", copy

        files = [path for path in data_dir.rglob("*") if path.is_file()]
        names = {path.name for path in files}
        assert {"trama.sqlite", "trama.sqlite-wal", backup.name} <= names
        needles = _needles(people)
        for path in files:
            content = path.read_bytes()
            found = sorted(n.decode() for n in needles if n in content)
            assert not found, f"{path.name} holds {found[:5]}"
    finally:
        held.close()
