"""The device token lives only in the keyring, one entry per data folder."""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from sync.client import credentials
from sync.client.errors import KeyringUnavailableError
from tests.conftest import InMemoryKeyring


def test_each_data_folder_has_its_own_entry(
    tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    first, second = tmp_path / "uno", tmp_path / "due"
    credentials.store_token(first, "token-1")
    credentials.store_token(second, "token-2")
    assert credentials.load_token(first) == "token-1"
    assert credentials.load_token(second) == "token-2"
    assert credentials.service_name(first) != credentials.service_name(second)
    assert credentials.service_name(first).startswith("Trama sync ")
    assert credentials.service_name(tmp_path / "uno" / ".." / "uno") == credentials.service_name(
        first
    )
    credentials.delete_token(first)
    assert credentials.load_token(first) is None
    credentials.delete_token(first)  # twice is fine


def test_without_a_keyring_the_message_says_how_to_get_one(tmp_path: Path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(KeyringUnavailableError) as raised:
        credentials.store_token(tmp_path, "token")
    message = str(raised.value)
    assert "GNOME Keyring" in message and "KWallet" in message
    assert "Gestione credenziali" in message
    assert "mai in un file" in message
    with pytest.raises(KeyringUnavailableError):
        credentials.load_token(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_demo_folder_keeps_its_token_in_its_marked_file_without_any_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`trama --demo` on a PC with no keyring: the demo server's token, and only that one."""
    monkeypatch.setattr(keyring, "get_keyring", keyring.backends.fail.Keyring)
    plain = tmp_path / "ufficio"
    with pytest.raises(KeyringUnavailableError):
        credentials.check_keyring(plain)

    demo = tmp_path / "trama-demo-1"
    demo.mkdir()
    credentials.mark_demo_folder(demo)
    credentials.check_keyring(demo)
    credentials.store_token(demo, "demo-token")
    assert credentials.load_token(demo) == "demo-token"
    marked = (demo / credentials.DEMO_KEYRING_FILE).read_text(encoding="utf-8")
    assert "DEMO ONLY" in marked
    credentials.delete_token(demo)
    assert credentials.load_token(demo) is None

    for url in ("http://127.0.0.1:8765", "http://localhost:8000", "http://[::1]:9000"):
        credentials.check_server_for(demo, url)
    for url in ("https://sync.provincia.va.it", "http://10.0.0.5:8000", "https://127.0.0.1.nip.io"):
        with pytest.raises(KeyringUnavailableError, match="cartella dimostrativa"):
            credentials.check_server_for(demo, url)
    credentials.check_server_for(plain, "https://sync.provincia.va.it")
