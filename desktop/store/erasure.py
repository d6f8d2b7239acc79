"""Erasing for good (retention, docs/PRIVACY.md): what SQLite would otherwise keep of a row
that was overwritten.

SQLite leaves the bytes of an overwritten or deleted row in the page's free space or on a free
page, and a backup (which copies pages) carries them along; ``secure_delete`` zeroes them as
they are freed, for the connection that writes. The search index (FTS5) deletes a row by adding
a delete marker: the old tokens stay in older segments until they are merged. The WAL holds
the pages as they were until a checkpoint copies the new ones into the file and truncates it.
"""

from __future__ import annotations

from desktop.store.raw import Connection


def zero_what_is_freed(connection: Connection) -> None:
    """From now on this connection overwrites freed content with zeros."""
    connection.execute("PRAGMA secure_delete = ON")


def merge_search_index(connection: Connection) -> None:
    """Merge the referral search index into one segment, dropping deleted rows' tokens."""
    connection.execute("INSERT INTO referral_search (referral_search) VALUES ('optimize')")


def truncate_wal(connection: Connection) -> None:
    """Copy the WAL into the file and empty it (outside any transaction)."""
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
