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
