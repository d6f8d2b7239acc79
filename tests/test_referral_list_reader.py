"""The list's kept read connection: fresh data on every use, one thread only, clean after a
cancelled query."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import update

from desktop.services.referrals.listing import (
    ListQueryCancelled,
    ListReader,
    ReferralFilter,
    SortKey,
    count_referrals,
    first_page,
    ordered_rowids,
)
from desktop.store.engine import Store
from desktop.store.models import Referral
from tests.referral_list_support import TODAY, VISIBLE, ListData, build_list_data


@pytest.fixture
def list_data(store: Store) -> ListData:
    return build_list_data(store)


@pytest.fixture
def reader(store: Store) -> Iterator[ListReader]:
    kept = ListReader(store)
    yield kept
    kept.close()


def test_one_connection_is_kept_and_sees_every_commit(
    store: Store, list_data: ListData, reader: ListReader
) -> None:
    with reader.raw_read() as first:
        pass
    assert count_referrals(reader, ReferralFilter()) == len(VISIBLE)
    with store.write() as session:
        session.execute(update(Referral).where(Referral.number == VISIBLE[0]).values(deleted=True))
    assert count_referrals(reader, ReferralFilter()) == len(VISIBLE) - 1
    with reader.raw_read() as again:
        assert again is first
        assert again.execute("PRAGMA cache_size").fetchone()[0] < -2000  # larger than default
    # Between two uses no transaction stays open: writers and checkpoints never wait for it.
    assert not first.in_transaction


def test_another_thread_reads_through_a_connection_of_its_own(
    store: Store, list_data: ListData, reader: ListReader
) -> None:
    with reader.raw_read() as mine:
        pass
    seen: list[object] = []

    def elsewhere() -> None:
        with reader.raw_read() as theirs:
            seen.append(theirs)
            seen.append(theirs.execute("SELECT count(*) FROM referral").fetchone()[0])

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()
    assert seen[0] is not mine
    with store.raw_read() as connection:
        assert seen[1] == connection.execute("SELECT count(*) FROM referral").fetchone()[0]


def test_a_cancelled_query_leaves_the_connection_usable(
    list_data: ListData, reader: ListReader
) -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(ListQueryCancelled):
        ordered_rowids(
            reader, ReferralFilter(), sort=SortKey.PERSON, descending=False, cancelled=stop.is_set
        )
    page = first_page(
        reader, ReferralFilter(), sort=SortKey.NUMBER, descending=False, limit=3, today=TODAY
    )
    assert (page.count, page.exact) == (len(VISIBLE), True)
    assert [row.number for row in page.rows] == sorted(VISIBLE)[:3]


def test_closing_lets_a_later_use_open_again(list_data: ListData, reader: ListReader) -> None:
    with reader.raw_read() as first:
        pass
    reader.close()
    with reader.raw_read() as second:
        assert second is not first
        assert second.execute("SELECT count(*) FROM referral").fetchone()[0] > 0
