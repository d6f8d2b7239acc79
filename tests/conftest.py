"""Shared test set-up: no screen, no OS keyring, small composable fixtures.

The environment is set before anything else is imported: Qt reads ``QT_QPA_PLATFORM`` once,
when the first QGuiApplication is made, and a test module setting it halfway down is too late.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # Qt's offscreen screen is 800×800 unless told otherwise: the suite runs on the smallest
    # screen Trama is made for, a 1366×768 laptop, where windows size themselves to fit.
    os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(
        Path(__file__).resolve().with_name("laptop_screen.json")
    )
# Child processes (the `trama` command run by CLI tests) never reach the user's real keyring
# either: they share the test's keyring file (tests.sync.file_keyring), so that a store made
# in the test opens in the child. A test that needs no keyring in a child sets its own backend.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "tests.sync.file_keyring.FileKeyring")

from collections.abc import Iterator
from datetime import date
from typing import Any

import keyring
import pytest

from desktop.store import keys, raw
from desktop.store.engine import Store, database_path
from desktop.store.migrate import backup_database, open_store
from desktop.store.raw import Connection
from tests.sync.file_keyring import FILE_VARIABLE, FileKeyring

# ... and find that backend, whatever folder they run from.
_ROOT = Path(__file__).resolve().parent.parent
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(_ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
)
# The date the suite lives on, for code that takes an injected clock ("today").
TODAY = date(2026, 11, 27)


class InMemoryKeyring(FileKeyring):
    """The suite's keyring: a JSON file of the test's own, shared with its child processes;
    no OS prompt, nothing left behind (the name is the one tests have always used)."""


# Installed at import time too, so that code run while collecting never probes the OS keyring;
# until the session's file is set, entries go to a scratch file of this process.
if FILE_VARIABLE not in os.environ:
    import tempfile

    os.environ[FILE_VARIABLE] = str(Path(tempfile.mkdtemp(prefix="trama-keyring-")) / "k.json")
keyring.set_keyring(InMemoryKeyring())


@pytest.fixture(autouse=True, scope="session")
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep the run out of the developer's own config, data and log folders, and give the
    session a keyring file: stores made by session fixtures keep their keys there.

    platformdirs and Qt read these variables on every call, so setting them here is in time.
    (On Linux, where CI runs; Windows and macOS do not use them.)
    """
    home = tmp_path_factory.mktemp("user")
    session_keyring = home / "keyring.json"
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
            patch.setenv(variable, str(home / variable.lower()))
        patch.setenv(FILE_VARIABLE, str(session_keyring))
        yield session_keyring


@pytest.fixture(autouse=True)
def memory_keyring(
    _private_user_folders: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[InMemoryKeyring]:
    """A fresh keyring for every test, so that no token leaks from one test to another; it
    starts with the keys of the session's template stores, which tests copy."""
    own = tmp_path_factory.mktemp("keyring") / "keyring.json"
    if _private_user_folders.exists():
        shutil.copyfile(_private_user_folders, own)
    backend = InMemoryKeyring()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(FILE_VARIABLE, str(own))
        keyring.set_keyring(backend)
        yield backend


@pytest.fixture(autouse=True)
def _forget_window_sizes() -> None:
    """Window sizes and splitters are remembered per user (QSettings): one test's resized
    window must not open at that size in the next. Only when Qt is already loaded: the
    core's tests never import it."""
    import sys  # noqa: PLC0415

    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings  # noqa: PLC0415

        from desktop.ui.common.window_state import SETTINGS_GROUP  # noqa: PLC0415

        QSettings().remove(SETTINGS_GROUP)


def copy_data_folder(source: Path, target: Path) -> Store:
    """A new data folder ``target`` holding a copy of the store of folder ``source`` (under
    the same key, put in the keyring for ``target``), opened."""
    key = keys.load_key(source)
    assert key is not None, f"no key for {source}"
    target.mkdir(parents=True, exist_ok=True)
    keys.save_key(target, key)
    backup_database(database_path(source), database_path(target), key)
    return open_store(target)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test that needs a QApplication is a `gui` test, so that `-m "not gui"` is a fast run.
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def today() -> date:
    """The injected clock's date: tests never depend on the real one."""
    return TODAY


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder that does not exist yet (opening the store creates it)."""
    return tmp_path / "data"


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One freshly migrated, empty data file for the whole run, to be copied by `store`.

    Running the migrations takes ~0.1 s; a copy takes a millisecond. Creating and upgrading
    a data file is tested on its own in test_store.py and test_migrations.py.
    """
    folder = tmp_path_factory.mktemp("template")
    open_store(folder).dispose()
    return database_path(folder)


def kept_recovery_key(folder: Path) -> None:
    """Open (or create) the store of ``folder`` and record its recovery key as kept, as an
    office did long ago: an application started on it (or on a copy) goes straight to its
    window. The recovery dialog's own tests start from new stores instead."""
    from desktop.store.recovery import confirm_recovery_key_kept  # noqa: PLC0415

    store = open_store(folder)
    try:
        confirm_recovery_key_kept(store)
    finally:
        store.dispose()


@pytest.fixture
def store(data_dir: Path, migrated_database: Path) -> Iterator[Store]:
    """A new, empty, fully migrated data file; its connections are closed after the test."""
    opened = copy_data_folder(migrated_database.parent, data_dir)
    try:
        yield opened
    finally:
        opened.dispose()


def connect_data_file(path: Path, **options: Any) -> Connection:
    """A driver connection to a data file, for tests that look at it directly: keyed with its
    folder's key from the test keyring, or plain for a file not yet encrypted (fixtures of old
    releases). ``options`` go to ``desktop.store.raw.connect`` (default: no pragmas)."""
    key = None
    if path.exists() and path.stat().st_size and not raw.is_plain_sqlite(path):
        # A store's folder, or the folder of the backups folder it lies in.
        key = keys.load_key(path.parent) or keys.load_key(path.parent.parent)
    options.setdefault("pragmas", False)
    return raw.connect(path, key, **options)
