"""Opening a folder with its recovery key (desktop.store.recovery): typos are told apart from
wrong keys, a wrong key changes nothing, a right one puts the key back in the keyring."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from desktop.store import keys, recovery, settings
from desktop.store.engine import Store, database_path
from desktop.store.errors import (
    MissingKeyError,
    MissingStoreError,
    StoreError,
    WrongKeyError,
)
from desktop.store.keys import KeyringUnavailableError, RecoveryKeyError, StoreKey
from desktop.store.migrate import open_store, open_store_reporting
from tests.conftest import InMemoryKeyring

SITE_NAME = "Comune di Gavirate - Servizi sociali"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder_state(data_dir: Path) -> dict[str, str]:
    """Every file of the folder with its SHA-256: what 'nothing changed' means."""
    return {
        str(path.relative_to(data_dir)): _digest(path)
        for path in sorted(data_dir.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def folder(store: Store) -> Iterator[tuple[Path, StoreKey]]:
    """A closed store with a setting written in it, whose keyring entry has been deleted."""
    with store.raw_write() as connection:
        settings.set_setting(connection, settings.SITE_NAME, SITE_NAME)
    key = store.key
    assert key is not None
    data_dir = store.path.parent
    store.dispose()
    keys.forget_key(data_dir)
    yield data_dir, key


def _site_name(data_dir: Path) -> str | None:
    store = open_store(data_dir)
    try:
        with store.raw_read() as connection:
            return settings.get_setting(connection, settings.SITE_NAME)
    finally:
        store.dispose()


def test_without_its_keyring_entry_the_folder_asks_for_the_recovery_key(
    folder: tuple[Path, StoreKey],
) -> None:
    data_dir, _key = folder
    with pytest.raises(MissingKeyError, match="trama recover"):
        open_store(data_dir)


def test_the_recovery_key_opens_the_folder_and_goes_back_into_the_keyring(
    folder: tuple[Path, StoreKey], memory_keyring: InMemoryKeyring
) -> None:
    data_dir, key = folder
    assert keys.load_key(data_dir) is None

    recovered = recovery.recover_folder(data_dir, key.recovery_text())

    assert recovered == key
    assert memory_keyring.entries[(keys.entry_name(data_dir), keys.USERNAME)] == key.secret.hex()
    assert keys.load_key(data_dir) == key
    assert _site_name(data_dir) == SITE_NAME


@pytest.mark.parametrize(
    "typed",
    [
        lambda text: text.lower(),
        lambda text: text.replace("-", " "),
        lambda text: text.replace("-", ""),
        lambda text: f"  {text}\n",
        lambda text: text.replace("-", " - ", 3),
    ],
    ids=["lower-case", "spaces", "no-dashes", "surrounding-blanks", "spaced-dashes"],
)
def test_the_recovery_key_is_accepted_however_it_was_typed(
    folder: tuple[Path, StoreKey], typed: object
) -> None:
    data_dir, key = folder
    assert callable(typed)
    assert recovery.recover_folder(data_dir, typed(key.recovery_text())) == key


def _one_character_changed(text: str, position: int) -> str:
    replacement = "A" if text[position] != "A" else "B"
    return text[:position] + replacement + text[position + 1 :]


@pytest.mark.parametrize("position", [0, 27, 68])  # first group, middle, the checksum
def test_a_typo_is_named_as_a_typo_and_changes_nothing(
    folder: tuple[Path, StoreKey], position: int
) -> None:
    data_dir, key = folder
    before = _folder_state(data_dir)
    with pytest.raises(RecoveryKeyError, match="errore di battitura"):
        recovery.recover_folder(data_dir, _one_character_changed(key.recovery_text(), position))
    assert _folder_state(data_dir) == before
    assert keys.load_key(data_dir) is None


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ABCD-EFGH",
        "9" * 56,
        "CQFB-I7WU-SBRX-NWUF-RRVX-O7WB-JIOI-PV2R-VMUD-NY7L-5ADH-BMIL-UR4Q",
        "A" * 1_000_000,
        "CQFB-I7WU-SBRX-NWUF-RRVX-O7WB-JIOI-PV2R-VMUD-NY7L-5ADH-BMIL-UR4Q-MKÈJ",
        "'; DROP TABLE local_setting; --",
    ],
    ids=["empty", "too-short", "not-base32", "one-group-missing", "huge", "accent", "sql"],
)
def test_what_is_not_a_recovery_key_is_refused_with_its_shape(
    folder: tuple[Path, StoreKey], typed: str
) -> None:
    data_dir, _key = folder
    before = _folder_state(data_dir)
    with pytest.raises(RecoveryKeyError, match="56 caratteri"):
        recovery.recover_folder(data_dir, typed)
    assert _folder_state(data_dir) == before


def test_the_lookalikes_of_base32_are_read_as_what_was_meant(
    folder: tuple[Path, StoreKey],
) -> None:
    """A 0 typed for an O, a 1 for an I, an 8 for a B: base32 has none of the three."""
    data_dir, key = folder
    text = key.recovery_text()
    swapped = text.replace("O", "0").replace("I", "1").replace("B", "8")
    assert recovery.recover_folder(data_dir, swapped) == key


def test_another_folders_key_is_refused_and_nothing_changes(
    folder: tuple[Path, StoreKey], memory_keyring: InMemoryKeyring
) -> None:
    data_dir, _key = folder
    before = _folder_state(data_dir)
    entries = memory_keyring.entries
    with pytest.raises(WrongKeyError, match="non apre l'archivio") as refused:
        recovery.recover_folder(data_dir, keys.new_key().recovery_text())
    assert "Nulla è stato modificato" in str(refused.value)
    assert _folder_state(data_dir) == before
    assert memory_keyring.entries == entries
    assert sorted(path.name for path in data_dir.iterdir()) == sorted(
        Path(name).parts[0] for name in before
    )


def test_a_wrong_key_in_the_keyring_is_replaced_by_the_recovery_key(
    folder: tuple[Path, StoreKey],
) -> None:
    data_dir, key = folder
    keys.save_key(data_dir, keys.new_key())  # a restored PC's keyring: another folder's key
    with pytest.raises(WrongKeyError, match="trama recover"):
        open_store(data_dir)
    recovery.recover_folder(data_dir, key.recovery_text())
    assert keys.load_key(data_dir) == key
    assert _site_name(data_dir) == SITE_NAME


def test_a_moved_folder_is_recovered_where_it_is_now(
    folder: tuple[Path, StoreKey], tmp_path: Path
) -> None:
    data_dir, key = folder
    keys.save_key(data_dir, key)  # the old place still has its entry: it is not the new one's
    moved = tmp_path / "elsewhere" / "trama-data"
    shutil.move(data_dir, moved)
    with pytest.raises(MissingKeyError):
        open_store(moved)

    recovery.recover_folder(moved, key.recovery_text())

    assert keys.load_key(moved) == key
    assert _site_name(moved) == SITE_NAME


def test_a_damaged_first_page_is_not_blamed_on_the_sheet_alone(
    folder: tuple[Path, StoreKey],
) -> None:
    """Garbage over the file's first page: no key opens it, and the message says the file may
    be damaged, to be restored from a backup."""
    data_dir, key = folder
    path = database_path(data_dir)
    with path.open("r+b") as handle:
        handle.write(bytes(range(256)) * 16)  # not text: damage, not another program's file
    before = _digest(path)
    with pytest.raises(WrongKeyError, match="danneggiato"):
        recovery.recover_folder(data_dir, key.recovery_text())
    assert _digest(path) == before
    assert keys.load_key(data_dir) is None


def test_without_a_usable_keyring_the_fix_is_said_and_nothing_is_written(
    folder: tuple[Path, StoreKey], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, key = folder
    before = _folder_state(data_dir)
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    with pytest.raises(KeyringUnavailableError, match="portachiavi") as refused:
        recovery.recover_folder(data_dir, key.recovery_text())
    assert "Secret Service" in str(refused.value)
    assert _folder_state(data_dir) == before


@pytest.mark.parametrize("case", ["no-folder", "no-store", "empty-store"])
def test_a_folder_without_a_store_has_nothing_to_recover(tmp_path: Path, case: str) -> None:
    data_dir = tmp_path / "data"
    if case != "no-folder":
        data_dir.mkdir()
    if case == "empty-store":
        database_path(data_dir).touch()
    with pytest.raises(MissingStoreError):
        recovery.recover_folder(data_dir, keys.new_key().recovery_text())
    if case == "empty-store":
        assert database_path(data_dir).stat().st_size == 0
    if case == "no-store":
        assert list(data_dir.iterdir()) == []


def test_a_demo_folder_keeps_its_own_key(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    data_dir.mkdir()
    keys.mark_demo_folder(data_dir)
    store = open_store(data_dir)
    try:
        assert recovery.recovery_key_to_show(store, data_dir) is None
    finally:
        store.dispose()
    with pytest.raises(StoreError, match="dimostrativi"):
        recovery.recover_folder(data_dir, keys.new_key().recovery_text())


def test_a_new_store_shows_its_key_until_the_user_confirms_it_was_kept(data_dir: Path) -> None:
    store, opening = open_store_reporting(data_dir)
    try:
        assert opening.created
        assert recovery.recovery_key_to_show(store, data_dir) == store.key
        recovery.confirm_recovery_key_kept(store)
        assert recovery.recovery_key_confirmed(store)
        assert recovery.recovery_key_to_show(store, data_dir) is None
    finally:
        store.dispose()
    reopened = open_store(data_dir)
    try:
        assert recovery.recovery_key_to_show(reopened, data_dir) is None
    finally:
        reopened.dispose()
