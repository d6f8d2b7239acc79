"""The benchmarks' data folders, encrypted as Trama writes them or as their plain twins.

Every folder a benchmark seeds is a demo folder (``desktop.store.keys.mark_demo_folder``): its
fake data's key sits in a file beside it, so that no benchmark, nor the application processes
it starts, ever reaches the user's keyring. A *plain twin* is the same data rewritten without
encryption (``sqlcipher_export`` through ``copy_database``), for ``tests/bench/encryption.py``
to measure what encryption costs on the very same rows; the application opens it only with the
benchmark switch ``TRAMA_BENCH_PLAIN_STORE=1`` (``desktop.store.migrate``), which ``plain_mode``
sets in this process and so in every process it starts.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store import raw
from desktop.store.engine import database_path

if TYPE_CHECKING:
    from desktop.store.keys import StoreKey


def plain_mode_on() -> bool:
    from desktop.store.migrate import BENCH_PLAIN_STORE_VARIABLE  # noqa: PLC0415

    return os.environ.get(BENCH_PLAIN_STORE_VARIABLE) == "1"


def set_plain_mode(plain: bool) -> None:
    """Make ``open_store`` here and in every child process open plain twins (or not)."""
    from desktop.store.migrate import BENCH_PLAIN_STORE_VARIABLE  # noqa: PLC0415

    if plain:
        os.environ[BENCH_PLAIN_STORE_VARIABLE] = "1"
    else:
        os.environ.pop(BENCH_PLAIN_STORE_VARIABLE, None)


@contextmanager
def plain_mode(plain: bool = True) -> Iterator[None]:
    before = plain_mode_on()
    set_plain_mode(plain)
    try:
        yield
    finally:
        set_plain_mode(before)


def store_key(data_dir: Path) -> StoreKey | None:
    """The key of a benchmark folder's store: None for a plain twin."""
    from desktop.store import keys  # noqa: PLC0415

    path = database_path(data_dir)
    if path.exists() and raw.is_plain_sqlite(path):
        return None
    key = keys.load_key(data_dir)
    if key is None:
        raise SystemExit(f"{data_dir} has no key beside it: not a benchmark (demo) folder")
    return key


def connect(data_dir: Path) -> raw.Connection:
    """A connection to a benchmark folder's store, plain or encrypted. The caller closes it."""
    return raw.connect(database_path(data_dir), store_key(data_dir))


def prepare_new_folder(folder: Path) -> None:
    """Before ``open_store`` creates a store in ``folder``: in plain mode an empty plain store
    of the current schema (the switch never creates one), else a demo folder's key file."""
    from desktop.store import keys  # noqa: PLC0415
    from desktop.store.files import create_private_file, make_private_dir  # noqa: PLC0415
    from desktop.store.migrate import upgrade_database  # noqa: PLC0415

    make_private_dir(folder)
    if plain_mode_on():
        path = database_path(folder)
        create_private_file(path)
        upgrade_database(path, None)
    else:
        keys.mark_demo_folder(folder)


def copy_data_folder(source: Path, target: Path, *, plain: bool | None = None) -> Path:
    """A consistent copy of a benchmark folder's store (and its key file). ``plain`` True makes
    the copy a plain twin, False an encrypted one; None keeps the source's kind."""
    from desktop.store import keys  # noqa: PLC0415
    from desktop.store.backups import copy_database  # noqa: PLC0415
    from desktop.store.files import make_private_dir, write_private  # noqa: PLC0415

    if not database_path(source).exists():
        raise SystemExit(f"no Trama data in {source}")
    source_key = store_key(source)
    make_private_dir(target)
    target_key: StoreKey | None
    if plain or (plain is None and source_key is None):
        target_key = None
    else:
        keys.mark_demo_folder(target)
        target_key = keys.load_key(target) if source_key is None else source_key
        if source_key is not None:
            # Same key: the page-by-page copy, and the key file that opens it.
            write_private(target / keys.DEMO_KEY_FILE, (source / keys.DEMO_KEY_FILE).read_bytes())
    copy_database(
        database_path(source),
        database_path(target),
        source_key=source_key,
        target_key=target_key,
    )
    return target
