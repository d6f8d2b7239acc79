"""`trama recover` run as a child process, as IT would run it: the recovery key on standard
input or in a file, Italian messages, a non-zero exit and nothing changed on any mistake."""

from __future__ import annotations

import hashlib
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from desktop.store import keys
from desktop.store.engine import Store, database_path
from desktop.store.keys import StoreKey
from tests.sync.file_keyring import FILE_VARIABLE


def _trama(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def orphan(store: Store) -> tuple[Path, StoreKey]:
    """A store whose keyring entry is gone (a new Windows profile), closed."""
    key = store.key
    assert key is not None
    data_dir = store.path.parent
    store.dispose()
    keys.forget_key(data_dir)
    return data_dir, key


def _assert_refused(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("trama: "), result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_recovery_key_on_stdin_opens_the_folder_again(
    orphan: tuple[Path, StoreKey], tmp_path: Path
) -> None:
    data_dir, key = orphan
    export = ("export", "persons", "--data-dir", str(data_dir), "-o", str(tmp_path / "p.csv"))
    _assert_refused(_trama(*export), "trama recover")

    result = _trama("recover", "--data-dir", str(data_dir), stdin=key.recovery_text() + "\n")

    assert result.returncode == 0, result.stderr
    assert "di nuovo custodita nel portachiavi" in result.stdout
    assert key.fingerprint() in result.stdout
    assert key.recovery_text() not in result.stdout + result.stderr
    assert keys.load_key(data_dir) == key  # the child wrote into the test's keyring file
    assert _trama(*export).returncode == 0


def test_the_recovery_key_from_a_file(orphan: tuple[Path, StoreKey], tmp_path: Path) -> None:
    data_dir, key = orphan
    key_file = tmp_path / "chiave.txt"
    key_file.write_text("\n" + key.recovery_text().lower() + "\n\naltro\n", encoding="utf-8")
    result = _trama("recover", "--data-dir", str(data_dir), "--recovery-key-file", str(key_file))
    assert result.returncode == 0, result.stderr
    assert keys.load_key(data_dir) == key


def test_a_typo_is_named_and_nothing_changes(orphan: tuple[Path, StoreKey]) -> None:
    data_dir, key = orphan
    text = key.recovery_text()
    typo = text[:5] + ("A" if text[5] != "A" else "B") + text[6:]
    before = _digest(database_path(data_dir))
    result = _trama("recover", "--data-dir", str(data_dir), stdin=typo + "\n")
    _assert_refused(result, "errore di battitura")
    assert _digest(database_path(data_dir)) == before
    assert keys.load_key(data_dir) is None


def test_another_folders_key_is_refused_and_nothing_changes(
    orphan: tuple[Path, StoreKey],
) -> None:
    data_dir, _key = orphan
    before = _digest(database_path(data_dir))
    result = _trama(
        "recover", "--data-dir", str(data_dir), stdin=keys.new_key().recovery_text() + "\n"
    )
    _assert_refused(result, "non apre l'archivio")
    assert _digest(database_path(data_dir)) == before
    assert sorted(path.name for path in data_dir.iterdir()) == ["trama.sqlite"]
    assert keys.load_key(data_dir) is None


@pytest.mark.parametrize("stdin", ["", "\n", "   \n"], ids=["nothing", "empty-line", "blanks"])
def test_no_key_given_is_said(orphan: tuple[Path, StoreKey], stdin: str) -> None:
    data_dir, _key = orphan
    _assert_refused(
        _trama("recover", "--data-dir", str(data_dir), stdin=stdin), "Nessuna chiave di recupero"
    )


def test_an_unreadable_key_file_is_said(orphan: tuple[Path, StoreKey], tmp_path: Path) -> None:
    data_dir, _key = orphan
    missing = tmp_path / "non-c-e.txt"
    result = _trama("recover", "--data-dir", str(data_dir), "--recovery-key-file", str(missing))
    _assert_refused(result, "il file non esiste")
    binary = tmp_path / "foto.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    result = _trama("recover", "--data-dir", str(data_dir), "--recovery-key-file", str(binary))
    _assert_refused(result, "non è un file di testo")


def test_a_missing_folder_is_said_before_the_key_is_asked(tmp_path: Path) -> None:
    result = _trama("recover", "--data-dir", str(tmp_path / "nessuna"))
    _assert_refused(result, "non esiste")


def test_without_a_keyring_the_fix_is_said(orphan: tuple[Path, StoreKey]) -> None:
    data_dir, key = orphan
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    env.pop(FILE_VARIABLE, None)
    before = _digest(database_path(data_dir))
    result = _trama(
        "recover", "--data-dir", str(data_dir), stdin=key.recovery_text() + "\n", env=env
    )
    _assert_refused(result, "Non è disponibile un portachiavi di sistema")
    assert "GNOME Keyring" in result.stderr
    assert _digest(database_path(data_dir)) == before


def test_the_data_dir_is_required() -> None:
    result = _trama("recover")
    assert result.returncode == 2
    assert "--data-dir" in result.stderr
    assert "Traceback" not in result.stderr


def _read_until(stream: IO[bytes], wanted: bytes, *, timeout_s: float = 60.0) -> bytes:
    """What a child wrote to ``stream`` up to ``wanted`` (waiting on the pipe, not sleeping)."""
    seen = b""
    deadline = time.monotonic() + timeout_s
    while wanted not in seen:
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(stream.fileno(), 4096) if ready else b""
        if not chunk:
            raise AssertionError(f"the child never wrote {wanted!r}; it wrote {seen!r}")
        seen += chunk
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_on_a_terminal_the_key_is_asked_without_echo(orphan: tuple[Path, StoreKey]) -> None:
    """Typed at a terminal, the key is read with getpass: asked in Italian, never echoed."""
    import pty  # noqa: PLC0415 - POSIX only

    data_dir, key = orphan
    master, terminal = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "recover", "--data-dir", str(data_dir)],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # No controlling terminal of the test's own: getpass uses the one given as stdin.
        start_new_session=True,
    )
    os.close(terminal)
    try:
        assert child.stderr is not None
        # Typed once the prompt is there: getpass flushes what was typed before it.
        prompt = _read_until(child.stderr, b": ")
        os.write(master, key.recovery_text().encode("ascii") + b"\n")
        out, err = child.communicate(timeout=120)
        echoed = b""
        try:
            while chunk := os.read(master, 4096):
                echoed += chunk
        except OSError:  # the terminal's other end is closed: all was read
            pass
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
    assert child.returncode == 0, err
    assert "Chiave di recupero" in prompt.decode("utf-8")
    assert key.recovery_text().encode("ascii") not in echoed
    assert key.recovery_text().encode("ascii") not in out + err
    assert keys.load_key(data_dir) == key
