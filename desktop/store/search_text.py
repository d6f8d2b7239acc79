"""The referral search index (``referral_search``, FTS5 trigram, migration 0001): what text a
referral is found by, and the raw paths that write it in bulk.

A referral is found by its number, its person's fiscal code and its person's normalised name
(``Person.search_name``). The migration's triggers keep the index as rows change one at a
time; their SQL is frozen there. Every index write made from Python (a first pull, a person
arriving after its referrals, a demo load) goes through ``SEARCH_BODY`` below, and a test
checks it against what the triggers write.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from desktop.store.raw import Connection

# Over ``referral AS r JOIN person AS p``.
SEARCH_BODY = "r.number || ' ' || p.fiscal_code || ' ' || p.search_name"
# The migration's triggers that index one row at a time.
SEARCH_TRIGGERS = "referral_search_%"
INSERT_TRIGGER = "referral_search_insert"

_INDEX = (
    "INSERT INTO referral_search (rowid, body) "
    f"SELECT r.rowid, {SEARCH_BODY} FROM referral r JOIN person p ON p.id = r.person_id"
)


def rebuild(connection: Connection) -> None:
    """The whole index again from the referrals and persons there are."""
    connection.execute("DELETE FROM referral_search")
    connection.execute(_INDEX)


def index_referrals_after(connection: Connection, rowid: int) -> None:
    """Index the referrals whose rowid is above ``rowid`` (inserted while the insert trigger
    was off); they must have no entry yet."""
    connection.execute(f"{_INDEX} WHERE r.rowid > ?", (rowid,))


def reindex_referrals_of(connection: Connection, person_ids: Sequence[str]) -> None:
    """The entries of the referrals of these persons, written again (a referral that arrived
    before its person has none: the triggers index a referral only when its person is there)."""
    marks = ",".join("?" * len(person_ids))
    connection.execute(
        "DELETE FROM referral_search WHERE rowid IN "
        f"(SELECT rowid FROM referral WHERE person_id IN ({marks}))",
        list(person_ids),
    )
    connection.execute(f"{_INDEX} WHERE r.person_id IN ({marks})", list(person_ids))


@contextmanager
def insert_trigger_suspended(connection: Connection) -> Iterator[None]:
    """Index the referrals inserted in the block in one statement at its end.

    The per-row trigger (FTS5 trigram) costs two thirds of a 100,000-referral load. It is
    dropped for the block and re-created from its own SQL, unchanged. Use inside a write
    transaction: if the block fails, the rollback restores the trigger.
    """
    row = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (INSERT_TRIGGER,)
    ).fetchone()
    if row is None:
        yield  # no trigger to stand in for (an index kept some other way)
        return
    after_rowid = connection.execute("SELECT coalesce(max(rowid), 0) FROM referral").fetchone()[0]
    connection.execute(f"DROP TRIGGER {INSERT_TRIGGER}")
    yield
    index_referrals_after(connection, after_rowid)
    connection.execute(row[0])
