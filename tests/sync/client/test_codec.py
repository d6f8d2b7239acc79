"""Rows between SQLite's storage form and the wire: every kind both ways, and the table lists."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from desktop.demo.reference import ENROLLED_SETTING
from desktop.domain.codes import Urgency
from desktop.store.codec import Kind, codec, codecs, sql_timestamp
from desktop.store.models.sync import SYNCED_MODELS
from sync.client import db as local
from sync.protocol import BOOKKEEPING_COLUMNS, SYNCED_TABLES


def test_the_store_lists_the_synced_tables_of_the_protocol() -> None:
    assert tuple(model.__tablename__ for model in SYNCED_MODELS) == SYNCED_TABLES
    assert tuple(codecs()) == SYNCED_TABLES


def test_the_demo_seed_knows_the_enrollment_setting() -> None:
    assert ENROLLED_SETTING == local.SERVER_URL


def test_only_domain_columns_travel_and_kinds_follow_the_model() -> None:
    referral = codec("referral")
    assert not set(referral.columns) & BOOKKEEPING_COLUMNS
    kinds = dict(zip(referral.columns, referral.kinds, strict=True))
    assert kinds["status_changed_at"] is Kind.DATETIME
    assert kinds["created_on"] is Kind.DATE
    assert kinds["needs"] is Kind.JSON
    assert kinds["restricted"] is Kind.BOOLEAN
    assert kinds["gol_path"] is Kind.INTEGER
    assert kinds["track"] is Kind.TEXT
    assert codec("meeting").kinds[codec("meeting").columns.index("start_time")] is Kind.TIME
    assert ("number",) not in referral.unique_keys  # numbers repeat across PCs (migration 0003)
    assert ("istat_code",) in codec("municipality").unique_keys
    assert ("person", "residence_municipality_id") in codec("municipality").referenced_by


def test_values_convert_both_ways_as_the_orm_stores_them() -> None:
    meeting = codec("meeting")
    wire = {
        "start_time": "09:30:00",
        "held_on": "2026-03-02",
        "approved_at": "2026-03-02T09:30:00.250000Z",
        "attachments": ["a.pdf"],
    }
    stored = dict(zip(meeting.columns, meeting.to_sql(wire), strict=True))
    assert stored["start_time"] == "09:30:00.000000"
    assert stored["held_on"] == "2026-03-02"
    assert stored["approved_at"] == "2026-03-02 09:30:00.250000"
    assert stored["attachments"] == '["a.pdf"]'
    back = meeting.to_wire([stored[name] for name in meeting.columns])
    assert back["start_time"] == "09:30:00"
    assert back["approved_at"] == "2026-03-02T09:30:00.250000+00:00"
    assert back["attachments"] == ["a.pdf"]


def test_a_missing_column_takes_the_fallback_or_the_default() -> None:
    referral = codec("referral")
    defaults = dict(zip(referral.columns, referral.to_sql({}), strict=True))
    assert defaults["urgency"] == Urgency.NORMAL.value
    assert defaults["needs"] == "[]"
    assert defaults["restricted"] == 0
    fallback = ["kept"] * len(referral.columns)
    assert referral.to_sql({}, fallback) == fallback


def test_timestamps_from_any_zone_are_stored_as_naive_utc() -> None:
    assert sql_timestamp("2026-03-02T10:30:00+01:00") == "2026-03-02 09:30:00.000000"
    assert sql_timestamp(datetime(2026, 3, 2, 9, 30, tzinfo=UTC)) == "2026-03-02 09:30:00.000000"
    assert codec("meeting").sql_value("start_time", time(9, 30)) == "09:30:00.000000"
    assert codec("meeting").sql_value("held_on", date(2026, 3, 2)) == "2026-03-02"
