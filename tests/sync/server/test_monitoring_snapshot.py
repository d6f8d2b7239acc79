"""The server keeps what it read between requests and reads again only what changed: after any
sequence of writes its answer equals that of a worker reading everything afresh."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from sync.server.aggregates import aggregates
from sync.server.db import Record, ServerDB, next_revisions
from sync.server.monitoring import monitoring
from tests.sync.server.monitoring_seed import STATUSES, Network, open_db, random_network


def _answer(db: ServerDB, network: Network) -> dict[str, object]:
    answer = monitoring(db, network.start, network.end).model_dump(exclude={"generated_at"})
    answer["aggregates"] = aggregates(db).model_dump(exclude={"generated_at"})
    return answer


def _fresh(url: str, network: Network) -> dict[str, object]:
    db = ServerDB(url)  # another worker: nothing kept
    try:
        return _answer(db, network)
    finally:
        db.engine.dispose()


def _change(db: ServerDB, network: Network, rng: random.Random) -> None:
    with db.write() as session:
        revision = next_revisions(session, 1)[0]
        referrals = list(
            session.scalars(
                select(Record).where(Record.table_name == "referral", Record.deleted.is_(False))
            )
        )
        target = rng.choice(referrals)
        kind = rng.choice(("new", "delete", "quarantine", "event", "handling", "release"))
        if kind == "new":
            month = rng.choice(("2026-02", "2026-05"))
            session.add(
                Record(
                    table_name="referral",
                    id=str(uuid.uuid4()),
                    revision=revision,
                    owner_site=rng.choice(list(network.senders.values())),
                    updated_at=datetime.now(UTC),
                    data={
                        "track": "cmd",
                        "status": "sent",
                        "created_on": f"{month}-10",
                        "sent_on": f"{month}-11",
                    },
                    track="cmd",
                    status="sent",
                    month=month,
                    job_centre_id=rng.choice(list(network.centres)),
                )
            )
        elif kind == "delete":
            target.deleted, target.revision = True, revision
        elif kind == "quarantine":
            target.quarantined, target.revision = True, revision
        elif kind == "release":
            held = session.scalars(select(Record).where(Record.quarantined.is_(True))).first()
            if held is not None:
                held.quarantined, held.revision = False, revision
        elif kind == "event":
            session.add(
                Record(
                    table_name="referral_event",
                    id=str(uuid.uuid4()),
                    revision=revision,
                    owner_site="CPI-SITE-1",
                    updated_at=datetime.now(UTC),
                    data={
                        "referral_id": target.id,
                        "to_status": rng.choice(STATUSES),
                        "at": "2026-12-01T10:00:00+00:00",
                    },
                    referral_id=target.id,
                )
            )
        else:
            existing = session.scalars(
                select(Record).where(
                    Record.table_name == "referral_handling", Record.referral_id == target.id
                )
            ).first()
            if existing is not None:
                existing.data = {**existing.data, "outcome": "hired", "received_on": "2026-06-20"}
                existing.revision = revision
                return
            session.add(
                Record(
                    table_name="referral_handling",
                    id=str(uuid.uuid4()),
                    revision=revision,
                    owner_site="CPI-SITE-1",
                    updated_at=datetime.now(UTC),
                    data={
                        "referral_id": target.id,
                        "received_on": "2026-06-20",
                        "outcome": "hired",
                    },
                    referral_id=target.id,
                )
            )


@pytest.mark.parametrize("seed", range(3))
def test_the_kept_snapshot_always_answers_as_a_fresh_read(seed: int, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    db = open_db(url)
    try:
        rng = random.Random(seed)
        network = random_network(db, rng, referrals=60, outside=False)
        with db.write() as session:
            next_revisions(session, 1_000_000)  # past the seed's own revisions
        assert _answer(db, network) == _fresh(url, network)
        for _step in range(12):
            _change(db, network, rng)
            assert _answer(db, network) == _fresh(url, network)
    finally:
        db.engine.dispose()
