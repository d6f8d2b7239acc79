"""`trama backup` and `trama restore`: Italian messages, a non-zero exit and no traceback on every
failure, and the restore drill from the command line (folder key, then recovery key)."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import backup_cli, config
from desktop.cli import main
from desktop.store import backups, keys
from desktop.store.engine import database_path
from desktop.store.migrate import open_store
from tests.conftest import copy_data_folder
from tests.test_backups import every_row


@pytest.fixture(autouse=True)
def own_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "user-config" / "trama.conf"
    monkeypatch.setenv(config.USER_CONFIG_ENV, str(path))
    monkeypatch.setenv(config.MACHINE_CONFIG_ENV, str(tmp_path / "no-machine-config"))
    for variable in (config.ENVIRONMENT[config.BACKUP_DIR], config.ENVIRONMENT[config.BACKUP_KEEP]):
        monkeypatch.delenv(variable, raising=False)
    return path


@pytest.fixture
def office(tmp_path: Path, migrated_database: Path) -> Iterator[Path]:
    """A closed data folder with a person in it."""
    folder = tmp_path / "office"
    store = copy_data_folder(migrated_database.parent, folder)
    with store.raw_write() as connection:
        connection.execute("INSERT INTO local_setting (key, value) VALUES ('prima', 'sì')")
    store.dispose()
    yield folder


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _failed(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert captured.err.startswith("trama: ")
    for word in words:
        assert word in captured.err
    return captured.err


def _key(data_dir: Path) -> keys.StoreKey:
    key = keys.load_key(data_dir)
    assert key is not None
    return key


# -- trama backup --------------------------------------------------------------------------------


def test_backup_without_output_goes_to_the_configured_folder(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    share = tmp_path / "share"
    config.write_user_settings({config.BACKUP_DIR: str(share)})
    previous = os.umask(0o022)
    try:
        assert main(["backup", "--data-dir", str(office)]) == 0
    finally:
        os.umask(previous)
    out = capsys.readouterr().out
    [taken] = backups.list_backups(backups.backup_folder(office))
    assert taken.reason == backups.MANUAL and taken.path.parent.parent == share
    assert str(taken.path) in out and "chiave di recupero" in out
    assert stat.S_IMODE(taken.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(taken.path.stat().st_mode) == 0o600
    assert every_row(taken.path, _key(office)) == every_row(database_path(office), _key(office))


def test_backup_to_a_file(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "copia di oggi.trama-backup"
    assert main(["backup", "--data-dir", str(office), "-o", str(output)]) == 0
    assert str(output) in capsys.readouterr().out
    assert every_row(output, _key(office)) == every_row(database_path(office), _key(office))


def test_backup_never_overwrites_a_file(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "esistente.trama-backup"
    output.write_text("da non perdere")
    assert main(["backup", "--data-dir", str(office), "-o", str(output)]) == 1
    _failed(capsys, "esiste già")
    assert output.read_text() == "da non perdere"


@pytest.mark.parametrize("case", ["no-folder", "no-store", "no-key", "no-output-folder"])
def test_backup_refusals(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    data_dir, output = office, tmp_path / "copia.trama-backup"
    expected = ""
    if case == "no-folder":
        data_dir, expected = tmp_path / "nessuna", "non esiste"
    elif case == "no-store":
        data_dir, expected = tmp_path / "vuota", "non c'è un archivio"
        data_dir.mkdir()
    elif case == "no-key":
        keys.forget_key(office)
        expected = "chiave di recupero"
    else:
        output, expected = tmp_path / "manca" / "copia.trama-backup", "non esiste"
    assert main(["backup", "--data-dir", str(data_dir), "-o", str(output)]) == 1
    _failed(capsys, expected)
    assert not output.exists()


def test_backup_on_a_full_disk_says_so_and_leaves_no_partial_copy(
    office: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "_fsync", full)
    output = tmp_path / "copia.trama-backup"
    assert main(["backup", "--data-dir", str(office), "-o", str(output)]) == 1
    _failed(capsys, "pieno")
    assert not output.exists()


# -- trama restore -------------------------------------------------------------------------------


@pytest.fixture
def backed_up(office: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(the office, a backup of it kept outside the folder); the office changed since."""
    output = tmp_path / "salvata.trama-backup"
    assert main(["backup", "--data-dir", str(office), "-o", str(output)]) == 0
    store = open_store(office)
    with store.raw_write() as connection:
        connection.execute("INSERT INTO local_setting (key, value) VALUES ('dopo', 'perso')")
    store.dispose()
    return office, output


def test_restore_drill_with_the_folders_key(
    backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    office, backup = backed_up
    at_backup = every_row(backup, _key(office))
    shutil.rmtree(office)
    capsys.readouterr()

    assert main(["restore", str(backup), "--data-dir", str(office)]) == 0

    out = capsys.readouterr().out
    assert "ripristinato" in out and "sono perse" in out
    assert every_row(database_path(office), _key(office)) == at_backup


def test_restore_drill_with_the_recovery_key_on_stdin(
    backed_up: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office, backup = backed_up
    key = _key(office)
    at_backup = every_row(backup, key)
    shutil.rmtree(office)
    keys.forget_key(office)
    monkeypatch.setattr(sys, "stdin", io.StringIO(key.recovery_text() + "\n"))
    capsys.readouterr()

    assert main(["restore", str(backup), "--data-dir", str(office)]) == 0

    captured = capsys.readouterr()
    assert "serve la chiave di recupero" in captured.err
    assert "chiave di cifratura della copia" in captured.out
    assert keys.load_key(office) == key
    assert every_row(database_path(office), key) == at_backup


def test_restore_with_a_recovery_key_file_in_a_child_process(
    backed_up: tuple[Path, Path], tmp_path: Path
) -> None:
    office, backup = backed_up
    key = _key(office)
    at_backup = every_row(backup, key)
    shutil.rmtree(office)
    keys.forget_key(office)
    key_file = tmp_path / "chiave.txt"
    key_file.write_text(key.recovery_text() + "\n", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "desktop", "restore", str(backup), "--data-dir", str(office),
         "--recovery-key-file", str(key_file)],
        capture_output=True, text=True, check=False, timeout=120, env=os.environ,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "ripristinato" in result.stdout
    assert keys.load_key(office) == key
    assert every_row(database_path(office), key) == at_backup


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "Nessuna chiave di recupero"),
        ("ABCD-EFGH", "non è valida"),
        ("wrong", "non è valida"),
    ],
)
def test_restore_without_a_usable_recovery_key(
    backed_up: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    expected: str,
) -> None:
    office, backup = backed_up
    keys.forget_key(office)
    before = _sha(database_path(office))
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed + "\n"))
    assert main(["restore", str(backup), "--data-dir", str(office)]) == 1
    _failed(capsys, expected)
    assert _sha(database_path(office)) == before


def test_restore_with_another_archives_recovery_key(
    backed_up: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office, backup = backed_up
    before = _sha(database_path(office))
    key_file = tmp_path / "chiave.txt"
    key_file.write_text(keys.new_key().recovery_text(), encoding="utf-8")
    assert (
        main(
            [
                "restore",
                str(backup),
                "--data-dir",
                str(office),
                "--recovery-key-file",
                str(key_file),
            ]
        )
        == 1
    )
    _failed(capsys, "Nemmeno la chiave di recupero")
    assert _sha(database_path(office)) == before


@pytest.mark.parametrize("case", ["missing", "damaged", "foreign", "key-file-missing"])
def test_restore_refusals_change_nothing(
    backed_up: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    office, backup = backed_up
    before = _sha(database_path(office))
    arguments = ["restore", str(backup), "--data-dir", str(office)]
    if case == "missing":
        arguments[1], expected = str(tmp_path / "nessuna.trama-backup"), "non esiste"
    elif case == "damaged":
        with backup.open("r+b") as handle:
            handle.seek(backup.stat().st_size // 2)
            handle.write(os.urandom(32 * 1024))
        expected = "danneggiata"
    elif case == "foreign":
        backup.write_bytes(b"PK\x03\x04" + os.urandom(4000))
        expected = "non è una copia di sicurezza di Trama"
    else:
        arguments += ["--recovery-key-file", str(tmp_path / "nessuna-chiave.txt")]
        expected = "non si può leggere"
    assert main(arguments) == 1
    _failed(capsys, expected)
    assert _sha(database_path(office)) == before
    assert backups.list_backups(backups.backup_folder(office)) == []


def test_restore_on_a_full_disk(
    backed_up: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office, backup = backed_up
    before = _sha(database_path(office))

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", full)
    assert main(["restore", str(backup), "--data-dir", str(office)]) == 1
    _failed(capsys, "pieno")
    assert _sha(database_path(office)) == before


def test_restore_is_refused_while_the_application_holds_the_folder(
    backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.ui.crash.instance_lock import LOCK_FILE_NAME, InstanceLock  # noqa: PLC0415

    assert backup_cli.APP_LOCK_FILE == LOCK_FILE_NAME
    office, backup = backed_up
    before = _sha(database_path(office))
    # The lock is taken in a child process, as the running application would hold it.
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, pathlib\n"
         "from desktop.ui.crash.instance_lock import InstanceLock\n"
         f"lock = InstanceLock(pathlib.Path({str(office)!r}))\n"
         "assert lock.acquire()\n"
         "print('held', flush=True)\n"
         "sys.stdin.readline()\n"
         "lock.release()\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert main(["restore", str(backup), "--data-dir", str(office)]) == 1
        _failed(capsys, "Trama è aperto", "trama.lock")
        assert _sha(database_path(office)) == before
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=60)
        if holder.stdout is not None:
            holder.stdout.close()
    # Released, or left by a process that no longer runs: the restore goes ahead.
    lock = InstanceLock(office)
    lock.path.write_text(f"{2**22 + 12345}\ntrama\n{__import__('socket').gethostname()}\n")
    assert main(["restore", str(backup), "--data-dir", str(office)]) == 0


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_without_a_usable_keyring_nothing_is_done_and_the_fix_is_said(
    backed_up: tuple[Path, Path], command: str
) -> None:
    office, backup = backed_up
    before = _sha(database_path(office))
    arguments = (
        ["backup", "--data-dir", str(office)]
        if command == "backup"
        else ["restore", str(backup), "--data-dir", str(office)]
    )
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", *arguments],
        capture_output=True, text=True, check=False, timeout=120, env=environment,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "portachiavi" in result.stderr
    assert _sha(database_path(office)) == before
    assert backups.list_backups(backups.backup_folder(office)) == []


def test_while_restoring_the_folder_is_held_as_the_application_holds_it(
    backed_up: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trama started during a restore finds the folder in use (QLockFile reads the CLI's
    lock as a live one); the lock goes with the restore."""
    office, backup = backed_up
    seen: list[str] = []
    real = backup_cli._restore_with_a_key

    def during(*args: object) -> str:
        probe = subprocess.run(
            [sys.executable, "-c",
             "import pathlib\n"
             "from desktop.ui.crash.instance_lock import InstanceLock\n"
             f"print(InstanceLock(pathlib.Path({str(office)!r})).acquire())\n"],
            capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
        seen.append(probe.stdout.strip())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_cli, "_restore_with_a_key", during)
    assert main(["restore", str(backup), "--data-dir", str(office)]) == 0
    assert seen == ["False"]
    assert not (office / backup_cli.APP_LOCK_FILE).exists()
