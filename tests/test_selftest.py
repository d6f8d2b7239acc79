"""``trama self-test``: every step checked, a one-line summary, a reason when it fails."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import pytest

from desktop import selftest
from desktop.cli import main
from desktop.domain.fiscal_code import FiscalCodeCheck
from desktop.selftest import SelfTestError, read_pdf_text, run_self_test
from desktop.store.engine import Store, database_path
from desktop.store.files import create_private_file, make_private_dir
from desktop.store.keys import load_key, new_key
from desktop.store.migrate import open_store, upgrade_database

pytestmark = pytest.mark.slow


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def test_every_step_passes_and_nothing_is_left_behind(tmp_path: Path) -> None:
    backend = keyring.get_keyring()
    entries_before = dict(getattr(backend, "entries", {}))
    report = run_self_test(temp_root=tmp_path)
    assert [name for name, _ in report.steps] == [
        "keyring",
        "schema",
        "demo data",
        "documents",
        "encryption",
        "reopening",
        "fiscal code",
        "spreadsheets",
        "user guide",
    ]
    assert "6 documenti" in report.summary()
    assert "file dei dati e WAL cifrati" in report.summary()
    assert list(tmp_path.iterdir()) == []
    # The test keyring of tests/conftest.py: named, and both the round trip's entry and the
    # temporary store's key removed again.
    assert report.keyring_backend.endswith("InMemoryKeyring")
    assert dict(getattr(backend, "entries", {})) == entries_before


def test_the_command_prints_one_line_with_the_backend(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["self-test"]) == 0
    output = capsys.readouterr().out.strip().splitlines()
    assert len(output) == 1
    assert output[0].startswith("trama ")
    assert "verifica dell'installazione riuscita" in output[0]
    assert "InMemoryKeyring" in output[0]


def test_without_a_keyring_it_fails_naming_the_backend(no_keyring: None) -> None:
    with pytest.raises(SelfTestError) as raised:
        selftest._keyring_round_trip()
    assert raised.value.step == "keyring"
    assert "keyring.backends.fail.Keyring" in raised.value.reason
    assert "portachiavi" in raised.value.reason


def test_without_a_keyring_the_command_exits_non_zero_with_the_reason() -> None:
    # The store's key lives in the keyring: it is checked first, before any store is made.
    finished = subprocess.run(
        [sys.executable, "-m", "desktop", "self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"),
    )
    assert finished.returncode == 1
    assert finished.stdout == ""
    assert "verifica dell'installazione NON RIUSCITA: portachiavi" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_an_unreadable_archive_of_comuni_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "desktop.domain.fiscal_code.check_fiscal_code",
        lambda code, **_: FiscalCodeCheck(code=code),
    )
    with pytest.raises(SelfTestError, match="archivio dei comuni") as raised:
        selftest._fiscal_code()
    assert raised.value.step == "fiscal code"


def test_a_document_without_its_number_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(selftest, "read_pdf_text", lambda pdf: ("pagina 1 di 1", 1))
    with pytest.raises(SelfTestError, match="referral_form") as raised:
        run_self_test(temp_root=tmp_path)
    assert raised.value.step == "documents"


def test_reading_something_that_is_not_a_pdf_fails_clearly() -> None:
    with pytest.raises(SelfTestError, match="non è un PDF"):
        read_pdf_text(b"<html>")


class _ForgetfulKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass

    def delete_password(self, service: str, username: str) -> None:
        pass


def test_a_keyring_that_loses_the_secret_fails() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(_ForgetfulKeyring())
    try:
        with pytest.raises(SelfTestError, match="segreto diverso"):
            selftest._keyring_round_trip()
    finally:
        keyring.set_keyring(previous)


def _plain_store(data_dir: Path) -> Store:
    """A plain SQLite store with demo data, as no Trama release writes any more."""
    make_private_dir(data_dir)
    path = database_path(data_dir)
    create_private_file(path)
    upgrade_database(path, None)
    store = Store(path, key=None)
    selftest._seed(store)
    return store


def test_a_plain_store_fails_the_encryption_step(tmp_path: Path) -> None:
    store = _plain_store(tmp_path / "data")
    try:
        with pytest.raises(SelfTestError, match="senza chiave") as raised:
            selftest._encrypted_at_rest(store)
    finally:
        store.dispose()
    assert raised.value.step == "encryption"


def test_a_plain_file_behind_a_keyed_store_fails_the_encryption_step(tmp_path: Path) -> None:
    # The file on disk is what counts, not the key the store object holds: an attacker's
    # view of a store whose key was set but whose file stayed plain.
    plain = _plain_store(tmp_path / "data")
    plain.dispose()
    keyed = Store(plain.path, key=new_key())
    keyed.read = plain.read  # type: ignore[method-assign] - reads the plain file as it is
    plain.path.with_name(plain.path.name + "-wal").write_bytes(b"")
    try:
        with pytest.raises(SelfTestError, match=r"trama\.sqlite è SQLite in chiaro"):
            selftest._encrypted_at_rest(keyed)
    finally:
        plain.dispose()
        keyed.dispose()


def test_an_encrypted_store_passes_and_plain_sqlite3_cannot_read_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    try:
        selftest._seed(store)
        _result, detail = selftest._encrypted_at_rest(store)
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            sqlite3.connect(store.path).execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        store.dispose()
    assert "file dei dati e WAL cifrati" in detail
    selftest._reopens_with_its_key(data_dir)
    selftest._forget_key(data_dir)
    assert load_key(data_dir) is None
