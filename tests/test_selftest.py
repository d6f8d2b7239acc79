"""``trama self-test``: every step checked, a one-line summary, a reason when it fails."""

from __future__ import annotations

import os
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
    before = dict(getattr(keyring.get_keyring(), "entries", {}))
    report = run_self_test(temp_root=tmp_path)
    assert [name for name, _ in report.steps] == [
        "keyring",
        "schema",
        "demo data",
        "documents",
        "fiscal code",
    ]
    assert "6 documents" in report.summary()
    assert list(tmp_path.iterdir()) == []
    # The in-memory keyring of tests/conftest.py: named, and its test entry removed again.
    assert report.keyring_backend.endswith("InMemoryKeyring")
    backend = keyring.get_keyring()
    assert not [key for key in getattr(backend, "entries", {}) if key[0] == "Trama self-test"]
    # Nor is the temporary store's key: the keyring holds nothing of the self-test.
    assert getattr(backend, "entries", {}) == before


def test_the_command_prints_one_line_with_the_backend(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["self-test"]) == 0
    output = capsys.readouterr().out.strip().splitlines()
    assert len(output) == 1
    assert output[0].startswith("trama ")
    assert "self-test passed" in output[0]
    assert "InMemoryKeyring" in output[0]


def test_without_a_keyring_it_fails_naming_the_backend(no_keyring: None) -> None:
    with pytest.raises(SelfTestError) as raised:
        selftest._keyring_round_trip()
    assert raised.value.step == "keyring"
    assert "keyring.backends.fail.Keyring" in raised.value.reason
    assert "portachiavi" in raised.value.reason


def test_without_a_keyring_the_command_exits_non_zero_with_the_reason() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "desktop", "self-test"],
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 1
    assert finished.stdout == ""
    assert "self-test FAILED at keyring" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_an_unreadable_archive_of_comuni_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "desktop.domain.fiscal_code.check_fiscal_code",
        lambda code, **_: FiscalCodeCheck(code=code),
    )
    with pytest.raises(SelfTestError, match="archive of comuni") as raised:
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
    with pytest.raises(SelfTestError, match="not a PDF"):
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
        with pytest.raises(SelfTestError, match="different secret"):
            selftest._keyring_round_trip()
    finally:
        keyring.set_keyring(previous)
