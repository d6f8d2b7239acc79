"""A read connection kept open for a list that queries on every keystroke.

A list asks for a first page on each keystroke of its search and for a block at each screenful
it scrolls to. Through ``Store.raw_read`` every such query opens a new connection, which pays
for the pragmas and the schema again and starts with an empty page cache: at 100,000 referrals
that was most of a short query's time. ``ListReader`` keeps one connection, opened by the store
(``Store.raw_connection``: the same pragmas as any other), for the thread that made it (the
GUI thread); each use is a read transaction of its own, so every query sees the latest commit,
and no snapshot is held between two uses (a checkpoint is never kept waiting). Other threads
get a fresh connection from the store.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from desktop.store.engine import Store
from desktop.store.raw import Connection

# Page cache of the kept connection (KiB): the indexes a list walks stay in memory. SQLite's
# default (2 MB) holds too little of them at 100,000 referrals; this stays well inside the
# list's memory budget (DESIGN.md §5; issue 20: peak RSS under 150 MB while paging): the newest
# part of ix_referral_listed, which a search walks, and the blocks' rows as they are read.
LIST_CACHE_KIB = 16 * 1024


class ReadSource(Protocol):
    """Where list queries read from: a ``Store`` or a ``ListReader`` over one."""

    def raw_read(self) -> AbstractContextManager[Connection]: ...


class ListReader:
    """One kept read connection for the thread that made the reader; ``close`` when done."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._thread = threading.get_ident()
        self._connection: Connection | None = None

    @contextmanager
    def raw_read(self) -> Iterator[Connection]:
        """A plain connection in one read transaction, as ``Store.raw_read`` gives."""
        if threading.get_ident() != self._thread:
            # DBAPI connections belong to one thread: a background job opens its own.
            with self.store.raw_read() as connection:
                yield connection
            return
        connection = self._kept()
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            # A caller may have set a handler to cancel its query: the next one starts clean.
            connection.set_progress_handler(None, 0)
            if connection.in_transaction:
                connection.execute("ROLLBACK")

    def _kept(self) -> Connection:
        if self._connection is None:
            # Autocommit: each use begins its own read transaction.
            self._connection = self.store.raw_connection(cache_kib=LIST_CACHE_KIB)
        return self._connection

    def close(self) -> None:
        """Close the kept connection (a later use opens another)."""
        if self._connection is not None:
            self._connection.close()
        self._connection = None
