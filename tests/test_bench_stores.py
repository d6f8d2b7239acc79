"""The benchmarks' plain twins and the benchmark-only switch that opens them.

``TRAMA_BENCH_PLAIN_STORE=1`` (desktop.store.migrate) lets the benchmarks start the real
application on a plain copy of the data, to measure what encryption costs. It must never make
a plain store, nor open an encrypted one as anything else, nor change a file it refuses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.engine import database_path
from desktop.store.errors import StoreError
from desktop.store.migrate import BENCH_PLAIN_STORE_VARIABLE, open_store
from desktop.store.raw import is_plain_sqlite
from tests.bench.seed import seed_data_folder
from tests.bench.stores import connect, copy_data_folder, plain_mode, prepare_new_folder


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "encrypted"
    seed_data_folder(folder, size=30, seed=1)
    return folder


@pytest.fixture
def no_switch(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(BENCH_PLAIN_STORE_VARIABLE, raising=False)
    yield


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _referrals(folder: Path) -> list[str]:
    connection = connect(folder)
    try:
        return sorted(row[0] for row in connection.execute("SELECT number FROM referral"))
    finally:
        connection.close()


def test_a_plain_twin_holds_the_same_rows_in_plain_sqlite(
    seeded: Path, tmp_path: Path, no_switch: None
) -> None:
    twin = copy_data_folder(seeded, tmp_path / "plain", plain=True)
    assert not is_plain_sqlite(database_path(seeded))
    assert is_plain_sqlite(database_path(twin))
    assert _referrals(twin) == _referrals(seeded)
    assert len(_referrals(twin)) == 30


def test_the_switch_opens_a_plain_twin_as_it_is(
    seeded: Path, tmp_path: Path, no_switch: None
) -> None:
    twin = copy_data_folder(seeded, tmp_path / "plain", plain=True)
    with plain_mode():
        store = open_store(twin, create=False)
        try:
            assert store.key is None
            with store.raw_read() as connection:
                assert connection.execute("SELECT count(*) FROM referral").fetchone()[0] == 30
        finally:
            store.dispose()
    assert is_plain_sqlite(database_path(twin))


def test_without_the_switch_a_plain_store_is_encrypted_as_always(
    seeded: Path, tmp_path: Path, no_switch: None
) -> None:
    twin = copy_data_folder(seeded, tmp_path / "plain", plain=True)
    open_store(twin, create=False).dispose()
    assert not is_plain_sqlite(database_path(twin))


def test_the_switch_never_creates_a_store(tmp_path: Path, no_switch: None) -> None:
    folder = tmp_path / "new"
    with plain_mode(), pytest.raises(StoreError, match="solo per i benchmark"):
        open_store(folder)
    assert not database_path(folder).exists()


def test_the_switch_refuses_an_encrypted_store_and_leaves_it_alone(
    seeded: Path, tmp_path: Path, no_switch: None
) -> None:
    copy = copy_data_folder(seeded, tmp_path / "copy")
    before = _digest(database_path(copy))
    with plain_mode(), pytest.raises(StoreError, match="solo per i benchmark"):
        open_store(copy, create=False)
    assert _digest(database_path(copy)) == before


def test_an_encrypted_copy_keeps_its_key_and_its_rows(
    seeded: Path, tmp_path: Path, no_switch: None
) -> None:
    copy = copy_data_folder(seeded, tmp_path / "copy")
    assert not is_plain_sqlite(database_path(copy))
    assert _referrals(copy) == _referrals(seeded)


def test_a_new_folder_in_plain_mode_gets_an_empty_plain_store_of_the_schema(
    tmp_path: Path, no_switch: None
) -> None:
    folder = tmp_path / "new"
    with plain_mode():
        prepare_new_folder(folder)
        store = open_store(folder)
        store.dispose()
    assert is_plain_sqlite(database_path(folder))
    assert _referrals(folder) == []


def test_the_packaged_application_ignores_the_switch(
    seeded: Path, tmp_path: Path, no_switch: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A frozen build encrypts a plain store as always, whatever the environment says.
    twin = copy_data_folder(seeded, tmp_path / "plain", plain=True)
    monkeypatch.setattr("sys.frozen", True, raising=False)
    with plain_mode():
        store = open_store(twin, create=False)
        store.dispose()
    assert store.key is not None
    assert not is_plain_sqlite(database_path(twin))
