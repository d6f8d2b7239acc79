"""Every storage failure of issue 14, met by the `trama` command in a child process.

For each: the specific Italian message, a non-zero exit, no traceback and none of the driver's
words on stderr, and the data file's SHA-256 unchanged wherever the file could be read. How
each failure is made real is said in ``tests.storage_support``. The people are demo data.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from desktop.store import keys, raw
from desktop.store.engine import database_path
from desktop.store.migrate import open_store
from tests.storage_support import (
    UNCHECKED_TRAMA,
    copy_folder,
    damage,
    file_size_limit,
    modes_bind_root,
    referral_hit_by_damage,
    seed_template,
    sha256,
    take_backup,
    trama,
)

DRIVER_WORDS = ("sqlcipher", "sqlalchemy", "malformed", "disk I/O error", "DatabaseError")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_template(tmp_path_factory.mktemp("seeded") / "data")


@pytest.fixture
def folder(template: Path, tmp_path: Path) -> Path:
    return copy_folder(template, tmp_path / "data")


def _refused(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    for words in DRIVER_WORDS:
        assert words not in result.stderr, result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    return result.stderr


def _export(folder: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    output = tmp_path / "persone.csv"
    result = trama("export", "persons", "--data-dir", str(folder), "-o", str(output))
    if result.returncode != 0:
        assert not output.exists(), "a failed export left a file behind"
    return result


# -- a damaged file --------------------------------------------------------------------------


def test_a_damaged_store_is_named_with_its_latest_backup(folder: Path, tmp_path: Path) -> None:
    backup = take_backup(folder)
    damage(database_path(folder))
    before = sha256(database_path(folder))

    stderr = _refused(
        _export(folder, tmp_path), "Archivio danneggiato", "ripristinare da backup", backup.name
    )
    assert "trama restore" in stderr
    assert sha256(database_path(folder)) == before


@pytest.mark.parametrize(
    "command",
    [
        ["export", "referrals", "-o", "{out}/invii.csv"],
        ["export", "persons", "-o", "{out}/persone.xlsx"],
        ["print", "referral", "{hit}", "-o", "{out}/invio.pdf"],
    ],
)
def test_damage_met_halfway_through_a_command_is_named_too(
    folder: Path, template: Path, tmp_path: Path, command: list[str]
) -> None:
    """The start-up check of a big store stops at its time budget: the damage is met on a
    later page, by the query of an export or of a print, through SQLAlchemy."""
    damage(database_path(folder))
    before = sha256(database_path(folder))
    hit = referral_hit_by_damage(folder, template) if "{hit}" in command else ""
    args = [part.replace("{out}", str(tmp_path)).replace("{hit}", hit) for part in command]
    result = trama(*args, "--data-dir", str(folder), script=UNCHECKED_TRAMA)
    _refused(result, "Archivio danneggiato", "ripristinare da backup")
    assert sha256(database_path(folder)) == before
    assert not Path(args[-1]).exists()


def test_trama_check_passes_a_sound_store(folder: Path) -> None:
    before = sha256(database_path(folder))
    result = trama("check", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert "nessun problema" in result.stdout
    assert sha256(database_path(folder)) == before


def test_trama_check_finds_the_damaged_pages_and_names_the_backup(folder: Path) -> None:
    backup = take_backup(folder)
    damage(database_path(folder))
    before = sha256(database_path(folder))
    stderr = _refused(
        trama("check", "--data-dir", str(folder)),
        "la verifica ha trovato",
        backup.name,
    )
    # 64 kB over 4 kB pages: 16 of them, or 17 when the garbage does not start on a page.
    assert re.search(r"Pagine danneggiate: 1[67] \(", stderr), stderr
    assert "ripristinare da backup" in stderr
    assert sha256(database_path(folder)) == before


# -- a full disk -----------------------------------------------------------------------------


def test_a_full_disk_while_writing_loses_nothing(folder: Path) -> None:
    before = sha256(database_path(folder))
    result = trama(
        "seed-demo", "--data-dir", str(folder), "--referrals", "20",
        preexec_fn=file_size_limit(100_001),
    )  # fmt: skip
    _refused(result, "Non c'è più spazio per scrivere", "Nessun dato già salvato è andato perso")
    assert sha256(database_path(folder)) == before
    checked = trama("check", "--data-dir", str(folder))
    assert checked.returncode == 0, checked.stderr


def test_a_full_disk_when_creating_a_store_leaves_the_folder_usable(tmp_path: Path) -> None:
    fresh = tmp_path / "nuova"
    result = trama(
        "seed-demo", "--data-dir", str(fresh), "--referrals", "5",
        preexec_fn=file_size_limit(50_001),
    )  # fmt: skip
    _refused(result, "Non c'è più spazio per scrivere")
    assert not database_path(fresh).exists()
    # Nothing of the failed store is taken later for a store that was lost.
    again = trama("seed-demo", "--data-dir", str(fresh), "--referrals", "5")
    assert again.returncode == 0, again.stderr


# -- a read-only folder ----------------------------------------------------------------------


def test_a_read_only_folder_is_named(folder: Path, tmp_path: Path) -> None:
    before = sha256(database_path(folder))
    folder.chmod(0o500)
    try:
        for command in (
            ["export", "persons", "-o", str(tmp_path / "persone.csv")],
            ["seed-demo", "--referrals", "3"],
        ):
            result = trama(*command, "--data-dir", str(folder), preexec_fn=modes_bind_root)
            _refused(result, "Non è possibile scrivere nella cartella", "sola lettura")
    finally:
        folder.chmod(0o700)
    assert sha256(database_path(folder)) == before
    assert sorted(path.name for path in folder.iterdir()) == ["trama.sqlite"]


# -- a file of another program -----------------------------------------------------------------


def _other_programs_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE ricette (nome TEXT, dosi TEXT)")
        connection.execute("INSERT INTO ricette VALUES ('risotto', 'per quattro')")
    connection.close()


def _pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(8192) + b"\n%%EOF\n")


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("documento.txt", "un documento qualsiasi\n" * 200)


@pytest.mark.parametrize("make", [_other_programs_database, _pdf, _zip])
@pytest.mark.parametrize("with_key", [True, False], ids=["enrolled-folder", "new-folder"])
def test_a_file_of_another_program_is_left_alone(
    folder: Path, tmp_path: Path, make: object, with_key: bool
) -> None:
    path = database_path(folder)
    path.unlink()
    make(path)  # type: ignore[operator]
    if not with_key:
        keys.forget_key(folder)
    before = sha256(path)
    _refused(_export(folder, tmp_path), "non è un archivio di Trama")
    assert sha256(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["trama.sqlite"]


# -- a newer schema, a wrong or missing key ----------------------------------------------------


def test_a_store_of_a_newer_trama_is_left_alone(folder: Path, tmp_path: Path) -> None:
    key = keys.load_key(folder)
    connection = raw.connect(database_path(folder), key)
    connection.execute("UPDATE alembic_version SET version_num = '9999_dal_futuro'")
    connection.close()
    before = sha256(database_path(folder))
    _refused(_export(folder, tmp_path), "versione più recente di Trama", "9999_dal_futuro")
    assert sha256(database_path(folder)) == before


def test_a_wrong_key_is_named(folder: Path, tmp_path: Path) -> None:
    keys.save_key(folder, keys.new_key())  # the keyring holds another folder's key
    before = sha256(database_path(folder))
    _refused(_export(folder, tmp_path), "non apre l'archivio", "trama recover")
    assert sha256(database_path(folder)) == before


def test_a_missing_key_asks_for_the_recovery_key(folder: Path, tmp_path: Path) -> None:
    keys.forget_key(folder)
    before = sha256(database_path(folder))
    _refused(_export(folder, tmp_path), "non è nel portachiavi", "chiave di recupero")
    assert sha256(database_path(folder)) == before


# -- a store that existed, now empty or gone ---------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["export", "persons", "-o", "{out}/persone.csv"],
        ["print", "referral", "2026/000001", "-o", "{out}/invio.pdf"],
        ["check"],
        ["seed-demo", "--referrals", "3"],
    ],
)
def test_an_emptied_store_is_never_replaced_by_an_empty_one(
    folder: Path, tmp_path: Path, command: list[str]
) -> None:
    backup = take_backup(folder)
    database_path(folder).write_bytes(b"")
    args = [part.replace("{out}", str(tmp_path)) for part in command]
    _refused(trama(*args, "--data-dir", str(folder)), "è vuoto (0 byte)", backup.name)
    assert database_path(folder).stat().st_size == 0


def test_a_deleted_store_is_named_not_recreated(folder: Path, tmp_path: Path) -> None:
    database_path(folder).unlink()
    _refused(_export(folder, tmp_path), "non c'è più", "c'era un archivio di Trama")
    _refused(trama("seed-demo", "--data-dir", str(folder), "--referrals", "3"), "non c'è più")
    assert not database_path(folder).exists()


# -- the start-up check ------------------------------------------------------------------------


def test_the_start_up_check_finds_damage(folder: Path) -> None:
    from desktop.store.errors import DamagedStoreError  # noqa: PLC0415

    damage(database_path(folder))
    with pytest.raises(DamagedStoreError, match="ripristinare da backup"):
        open_store(folder, create=False)


def test_the_start_up_check_gives_no_verdict_when_out_of_time(folder: Path) -> None:
    from desktop.store.migrate import quick_check  # noqa: PLC0415

    store = open_store(folder, create=False, check_budget_s=None)
    try:
        assert quick_check(store, budget_s=60.0) is True
        assert quick_check(store, budget_s=0.0) is False  # interrupted: not damage
    finally:
        store.dispose()


# -- how the driver's and the OS's errors are told apart -------------------------------------


def _driver_error(code: int, message: str) -> Exception:
    error = raw.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (_driver_error(13, "database or disk is full"), "DiskFullError", "spazio"),
        (_driver_error(11, "database disk image is malformed"), "DamagedStoreError", "backup"),
        (_driver_error(26, "file is not a database"), "DamagedStoreError", "danneggiato"),
        (OSError(28, "No space left on device"), "DiskFullError", "spazio"),
        (OSError(27, "File too large"), "DiskFullError", "spazio"),
        (OSError(30, "Read-only file system"), "ReadOnlyStoreError", "sola lettura"),
        (PermissionError(13, "Permission denied"), "ReadOnlyStoreError", "sola lettura"),
    ],
)
def test_failures_are_told_apart_behind_any_wrapper(
    folder: Path, error: Exception, kind: str, words: str
) -> None:
    from sqlalchemy.exc import OperationalError  # noqa: PLC0415

    from desktop.services.errors import ServiceError  # noqa: PLC0415
    from desktop.store.failures import describe  # noqa: PLC0415

    wrapped_by_sqlalchemy = OperationalError("SELECT 1", {}, error)
    try:
        raise ServiceError("il salvataggio non è riuscito") from wrapped_by_sqlalchemy
    except ServiceError as raised:
        by_a_service = raised
    for each in (error, wrapped_by_sqlalchemy, by_a_service):
        named = describe(each, folder)
        assert type(named).__name__ == kind
        assert words in str(named)


def test_bugs_and_constraints_are_no_storage_failure(folder: Path) -> None:
    from desktop.store.failures import describe  # noqa: PLC0415

    assert describe(ValueError("un errore di programma"), folder) is None
    assert describe(_driver_error(19, "UNIQUE constraint failed"), folder) is None
    assert describe(_driver_error(5, "database is locked"), folder) is None
