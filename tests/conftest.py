"""Shared test set-up: no screen, no OS keyring, small composable fixtures.

The environment is set before anything else is imported: Qt reads ``QT_QPA_PLATFORM`` once,
when the first QGuiApplication is made, and a test module setting it halfway down is too late.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Child processes (the `trama` command run by CLI tests) never reach the user's real keyring
# either; a test that needs a working keyring in a child sets its own backend.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest

from desktop.store.engine import Store, database_path
from desktop.store.migrate import backup_database, open_store

# The date the suite lives on, for code that takes an injected clock ("today").
TODAY = date(2026, 11, 27)


class InMemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives and dies with the test: no OS prompt, nothing left behind."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(f"no entry for {username}") from None


# Installed at import time too, so that code run while collecting never probes the OS keyring.
keyring.set_keyring(InMemoryKeyring())


@pytest.fixture(autouse=True, scope="session")
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the run out of the developer's own config, data and log folders.

    platformdirs and Qt read these variables on every call, so setting them here is in time.
    (On Linux, where CI runs; Windows and macOS do not use them.)
    """
    home = tmp_path_factory.mktemp("user")
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
            patch.setenv(variable, str(home / variable.lower()))
        yield


@pytest.fixture(autouse=True)
def memory_keyring() -> InMemoryKeyring:
    """A fresh, empty keyring for every test, so that no token leaks from one test to another."""
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    return backend


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


@pytest.fixture
def store(data_dir: Path, migrated_database: Path) -> Iterator[Store]:
    """A new, empty, fully migrated data file; its connections are closed after the test."""
    data_dir.mkdir(parents=True)
    backup_database(migrated_database, database_path(data_dir))
    opened = open_store(data_dir)
    try:
        yield opened
    finally:
        opened.dispose()
