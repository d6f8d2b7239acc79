"""Random networks written straight into a server database, for the monitoring tests.

Each referral is drawn as one *fine cell* (sender × CPI × track × status × month × outcome) and
written as the server stores it: a referral row (with the derived columns ``scope.derive``
would copy out), its events (the current status is the latest one's) and its handling. The
tests then know the truth for every referral without reading the server back.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sync.protocol import reference_id
from sync.protocol.codes import FundingSource, Outcome, ReferralStatus
from sync.server.db import Record, ServerBase, ServerDB, ServerSite

PROVINCE = "PROVINCIA-VA"
STATUSES = tuple(status.value for status in ReferralStatus)
OUTCOMES = (*(outcome.value for outcome in Outcome), "")
TRACKS = ("neet", "cmd")
_COMUNI = ("Saronno", "Tradate", "Luino", "Sesto Calende", "Arcisate", "Cittiglio", "Azzate")
_CENTRES = ("Gallarate", "Varese", "Busto Arsizio", "Luino")


@dataclass(frozen=True)
class Fine:
    sender: str  # the row key the server's Ambito table uses
    site: str  # the sending site's code
    centre: str  # job_centre record id
    track: str
    status: str
    month: str  # "2026-04"
    outcome: str  # "" for none
    sent_on: date | None = None
    received_on: date | None = None
    taken_on: date | None = None


@dataclass
class Network:
    db: ServerDB
    start: date
    end: date
    senders: dict[str, str] = field(default_factory=dict)  # row key → site code
    centres: dict[str, str] = field(default_factory=dict)  # record id → code
    referrals: list[Fine] = field(default_factory=list)
    funding: list[tuple[str, str, int, int]] = field(default_factory=list)  # project, source…
    _revision: int = 0

    def next_revision(self) -> int:
        self._revision += 1
        return self._revision


def open_db(url: str) -> ServerDB:
    db = ServerDB(url)
    ServerBase.metadata.create_all(db.engine)
    return db


def _record(
    network: Network, table: str, owner: str, data: dict[str, Any], **columns: Any
) -> Record:
    return Record(
        table_name=table,
        id=columns.pop("id", None) or str(uuid.uuid4()),
        revision=network.next_revision(),
        owner_site=owner,
        updated_at=datetime.now(UTC),
        data=data,
        **columns,
    )


def months_of(start: date, end: date) -> list[str]:
    months = []
    day = start.replace(day=1)
    while day <= end:
        months.append(day.isoformat()[:7])
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def random_network(
    db: ServerDB,
    rng: random.Random,
    *,
    start: date = date(2026, 1, 1),
    end: date = date(2026, 6, 30),
    ambiti: int | None = None,
    third_sector: int | None = None,
    centres: int | None = None,
    referrals: int | None = None,
    small_tracks: bool | None = None,
    outside: bool = True,
) -> Network:
    """A network of a few Ambiti, Third Sector bodies and CPI with referrals drawn so that many
    cells are small: a handful of frequent combinations and a long tail of rare ones."""
    network = Network(db, start, end)
    ambiti = ambiti if ambiti is not None else rng.randint(2, 3)
    third_sector = third_sector if third_sector is not None else rng.randint(0, 1)
    centres = centres if centres is not None else rng.randint(2, 3)
    months = months_of(start, end)
    rows: list[Record] = []
    sites: list[ServerSite] = [ServerSite(code=PROVINCE, kind="provincia", name="Provincia")]
    for number in range(ambiti):
        code = f"AMB-{number + 1:02d}"
        record_id = reference_id("ambito", code)
        rows.append(
            _record(
                network,
                "ambito",
                PROVINCE,
                {"code": code, "name": f"Ambito di {_COMUNI[number]}"},
                id=record_id,
                natural_key=code,
                is_public=True,
            )
        )
        sites.append(
            ServerSite(
                code=code, kind="ambito", name=f"Ufficio di {_COMUNI[number]}", ambito_code=code
            )
        )
        network.senders[record_id] = code
    for number in range(third_sector):
        code = f"ETS-{number + 1:02d}"
        sites.append(ServerSite(code=code, kind="ets", name=f"Cooperativa Sociale {number + 1}"))
        network.senders[f"site:{code}"] = code
    for number in range(centres):
        code = f"CPI-{number + 1:02d}"
        record_id = reference_id("job_centre", code)
        rows.append(
            _record(
                network,
                "job_centre",
                PROVINCE,
                {"code": code, "name": f"CPI di {_CENTRES[number]}"},
                id=record_id,
                natural_key=code,
                is_public=True,
            )
        )
        sites.append(
            ServerSite(
                code=f"CPI-SITE-{number + 1}",
                kind="cpi",
                name=f"CPI {number}",
                job_centre_code=code,
            )
        )
        network.centres[record_id] = code
    count = referrals if referrals is not None else rng.randint(5, 160)
    if small_tracks is None:
        small_tracks = rng.random() < 0.25
    weights = {
        track: (1 if track == "cmd" and small_tracks else rng.randint(1, 4)) for track in TRACKS
    }
    common = [
        (
            rng.choice(list(network.senders)),
            rng.choice(list(network.centres)),
            rng.choice(("sent", "received", "taken_in_charge", "in_path")),
            rng.choice(months),
        )
        for _ in range(3)
    ]
    cmd_left = rng.randint(1, 4) if small_tracks else count
    for _ in range(count):
        if rng.random() < 0.6:
            sender, centre, status, month = rng.choice(common)
        else:
            sender = rng.choice(list(network.senders))
            centre = rng.choice(list(network.centres))
            status = rng.choice(STATUSES)
            month = rng.choice(months)
        track = rng.choices(TRACKS, weights=[weights["neet"], weights["cmd"]])[0]
        if track == "cmd":
            if cmd_left == 0:
                track = "neet"
            else:
                cmd_left -= 1
        outcome = rng.choice(OUTCOMES) if rng.random() < 0.4 else ""
        created = date.fromisoformat(f"{month}-{rng.randint(1, 28):02d}")
        sent = created + timedelta(days=rng.randint(0, 3))
        received = sent + timedelta(days=rng.randint(0, 20)) if rng.random() < 0.8 else None
        taken = (
            received + timedelta(days=rng.randint(0, 30))
            if received and rng.random() < 0.7
            else None
        )
        fine = Fine(
            sender,
            network.senders[sender],
            centre,
            track,
            status,
            month,
            outcome,
            sent,
            received,
            taken,
        )
        network.referrals.append(fine)
        rows.extend(_referral_rows(network, fine, created, rng))
    # Noise the tables must not count: deleted and quarantined referrals, and one outside.
    ghost = Fine(
        next(iter(network.senders)),
        network.senders[next(iter(network.senders))],
        next(iter(network.centres)),
        "neet",
        "sent",
        months[0],
        "",
    )
    rows.extend(_referral_rows(network, ghost, start, rng, deleted=True))
    rows.extend(_referral_rows(network, ghost, start, rng, quarantined=True))
    if outside:
        rows.extend(_referral_rows(network, ghost, start - timedelta(days=200), rng))
    rows.extend(_projects(network, rng))
    with db.write() as session:
        session.add_all(sites)
        session.flush()
        session.add_all(rows)
    return network


def _referral_rows(
    network: Network,
    fine: Fine,
    created: date,
    rng: random.Random,
    *,
    deleted: bool = False,
    quarantined: bool = False,
) -> list[Record]:
    # The row's own status is what the sender last sent; the events carry the CPI's changes.
    with_events = rng.random() < 0.8
    row_status = "sent" if with_events else fine.status
    referral = _record(
        network,
        "referral",
        fine.site,
        {
            "track": fine.track,
            "status": row_status,
            "job_centre_id": fine.centre,
            "created_on": created.isoformat(),
            "sent_on": fine.sent_on.isoformat() if fine.sent_on else None,
            "person_id": str(uuid.uuid4()),
        },
        job_centre_id=fine.centre,
        status=row_status,
        track=fine.track,
        month=created.isoformat()[:7],
        deleted=deleted,
        quarantined=quarantined,
    )
    rows = [referral]
    if with_events:
        moment = datetime(created.year, created.month, created.day, 9, tzinfo=UTC)
        for position, status in enumerate(("sent", "received", fine.status)):
            rows.append(
                _record(
                    network,
                    "referral_event",
                    fine.site,
                    {
                        "referral_id": referral.id,
                        "to_status": status,
                        "at": (moment + timedelta(hours=position)).isoformat(),
                    },
                    referral_id=referral.id,
                )
            )
        # A deleted event does not count, even when it is the latest.
        rows.append(
            _record(
                network,
                "referral_event",
                fine.site,
                {
                    "referral_id": referral.id,
                    "to_status": "withdrawn",
                    "at": (moment + timedelta(days=9)).isoformat(),
                },
                referral_id=referral.id,
                deleted=True,
            )
        )
    if fine.received_on or fine.outcome:
        rows.append(
            _record(
                network,
                "referral_handling",
                "CPI-SITE-1",
                {
                    "referral_id": referral.id,
                    "received_on": fine.received_on.isoformat() if fine.received_on else None,
                    "taken_in_charge_on": fine.taken_on.isoformat() if fine.taken_on else None,
                    "outcome": fine.outcome or None,
                },
                referral_id=referral.id,
            )
        )
    return rows


def _projects(network: Network, rng: random.Random) -> list[Record]:
    rows = []
    sources = [source.value for source in FundingSource]
    for number in range(rng.randint(0, 4)):
        project = _record(
            network,
            "project",
            next(iter(network.senders.values())),
            {"title": f"Progetto {number + 1}", "start_on": network.start.isoformat()},
        )
        rows.append(project)
        for _ in range(rng.randint(1, 2)):
            source = rng.choice(sources)
            amount = rng.randint(1, 5_000_000)
            rows.append(
                _record(
                    network,
                    "project_funding",
                    project.owner_site,
                    {
                        "project_id": project.id,
                        "source": source,
                        "amount_cents": amount,
                        "year": network.start.year,
                    },
                )
            )
            network.funding.append((project.id, source, amount, network.start.year))
    return rows
