"""A demo store seeded once per module and copied for each test (GUI tests of whole screens)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.demo.reference import install_demo_reference
from desktop.demo.seed import seed_demo
from desktop.store.engine import Store, database_path
from desktop.store.migrate import open_store
from tests.conftest import copy_data_folder, kept_recovery_key


def demo_store_fixtures(
    *, referrals: int, seed: int, today: date, name: str = "store"
) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """Two fixtures for a test module: ``seeded_database`` (seeded once for the module) and a
    fresh copy of it for each test under ``name``. Assign both at the module's top level."""

    @pytest.fixture(scope="module", name="seeded_database")
    def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
        folder = tmp_path_factory.mktemp("seeded")
        store = open_store(folder)
        try:
            install_demo_reference(store)
            seed_demo(store, referrals=referrals, seed=seed, today=today)
        finally:
            store.dispose()
        kept_recovery_key(folder)
        return database_path(folder)

    @pytest.fixture(name=name)
    def copied_store(tmp_path: Path, seeded_database: Path) -> Iterator[Store]:
        folder = tmp_path / "seeded"
        folder.mkdir()
        copied = copy_data_folder(seeded_database.parent, folder)
        try:
            yield copied
        finally:
            copied.dispose()

    return seeded_database, copied_store
