"""A sync conflict for the demo to resolve (DESIGN.md §3.5), as the merge would leave it.

The story: a colleague of the same Ambito, on the office's other PC, changed the phone number
of a person and the urgency of her referral while this PC changed them too. The merge keeps
this PC's values in the rows, records each field in ``sync_conflict`` with both sides and the
base, and holds the record back from the push until a person chooses (``sync.client.
conflicts``); choosing writes the value and sends the record again.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from desktop.domain.codes import ReferralStatus, Urgency
from desktop.services import installation
from desktop.store.engine import Store
from desktop.store.models import Person, Referral, SyncConflict

COLLEAGUE = "l.colombo"  # another operator of the demo Ambito (reference_data)


def add_demo_conflict(store: Store) -> int:
    """Two fields in conflict on one referral and one on its person; returns how many rows.

    Nothing is added when this folder has no referral of its own in a path."""
    site = installation.get_settings(store).get(installation.SITE_CODE, "")
    detected = datetime.now(UTC) - timedelta(minutes=20)
    with store.write() as session:
        referral = session.scalar(
            select(Referral)
            .where(
                Referral.owner_site == site,
                Referral.status == ReferralStatus.IN_PATH,
                Referral.urgency == Urgency.NORMAL,
            )
            .order_by(Referral.number.desc())
            .limit(1)
        )
        if referral is None:
            return 0
        person = session.get(Person, referral.person_id)
        if person is None or person.owner_site != site:
            return 0
        base_phone = person.phone
        fields = [
            ("referral", referral.id, "urgency", Urgency.NORMAL.value, Urgency.HIGH.value,
             Urgency.URGENT.value, referral.server_revision),
            ("person", person.id, "phone", base_phone, _other_phone(base_phone, 1),
             _other_phone(base_phone, 2), person.server_revision),
        ]  # fmt: skip
        referral.urgency = Urgency.HIGH
        referral.dirty = True
        person.phone = _other_phone(base_phone, 1)
        person.dirty = True
        for table, record_id, field, base, mine, theirs, revision in fields:
            # The other PC's version is one past the server's (offline demo: the first one).
            session.add(
                SyncConflict(
                    table_name=table,
                    record_id=record_id,
                    field=field,
                    local_value=json.dumps(mine),
                    remote_value=json.dumps(theirs),
                    base_value=json.dumps(base),
                    remote_revision=(revision or 0) + 1,
                    remote_updated_by=COLLEAGUE,
                    detected_at=detected,
                )
            )
    return len(fields)


def _other_phone(phone: str, step: int) -> str:
    """The same mobile with a different last digit: a number changed, still plausible."""
    if not phone or not phone[-1].isdigit():
        return f"333 {1_234_560 + step}"
    return f"{phone[:-1]}{(int(phone[-1]) + step) % 10}"
