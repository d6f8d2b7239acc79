"""Referral numbers drawn before enrollment move into the PC's series when it enrolls."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from desktop.demo.seed import seed_demo
from desktop.services.errors import NotAllowedError
from desktop.services.referrals.numbers import find_referral_id, number_series
from desktop.store.engine import Store
from sync.client import db as local
from sync.client.enroll import renumber_into_series


@pytest.fixture
def connection(store: Store) -> Iterator[sqlite3.Connection]:
    seed_demo(store, referrals=40, seed=3)
    connection = local.connect(store)
    yield connection
    connection.close()


def test_enrolling_moves_the_numbers_drawn_before_into_the_series_in_order(
    store: Store, connection: sqlite3.Connection
) -> None:
    before = connection.execute("SELECT id, number FROM referral ORDER BY number").fetchall()
    assert all(number[4] == "/" and len(number) == 11 for _id, number in before)
    series = number_series(7)
    assert series == "P0007"

    with local.atomic(connection):
        assert renumber_into_series(connection, series) == len(before)

    after = dict(connection.execute("SELECT id, number FROM referral").fetchall())
    for referral_id, old in before:
        year, sequence = old.split("/")
        assert after[referral_id] == f"{year}/P0007/{sequence}"  # same order, same sequence
    # The search index follows (its trigger fires on the number).
    some_id, some_number = next(iter(after.items()))
    assert find_referral_id(store, some_number) == some_id
    hits = connection.execute(
        "SELECT count(*) FROM referral_search WHERE body LIKE ?", (f"{some_number} %",)
    ).fetchone()[0]
    assert hits == 1
    # Nothing left to move: a second call changes nothing.
    with local.atomic(connection):
        assert renumber_into_series(connection, series) == 0


def test_a_number_two_referrals_share_is_refused_never_guessed(
    store: Store, connection: sqlite3.Connection
) -> None:
    """Numbers drawn before the series existed may meet on a PC through sync."""
    (first, number), (second, _) = connection.execute(
        "SELECT id, number FROM referral ORDER BY number LIMIT 2"
    ).fetchall()
    with local.atomic(connection):
        connection.execute("UPDATE referral SET number = ? WHERE id = ?", (number, second))
    with pytest.raises(NotAllowedError, match="Più segnalazioni hanno il numero"):
        find_referral_id(store, number)
    with local.atomic(connection):
        connection.execute("UPDATE referral SET deleted = 1 WHERE id = ?", (second,))
    assert find_referral_id(store, f" {number} ") == first
