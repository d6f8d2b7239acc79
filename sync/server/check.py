"""``trama-server record check``: the stored records that today's push would refuse.

A server upgraded from a release that trusted every site may hold records that the checks of
a push now refuse (``sync.server.push``): data that does not fit its table's schema, or a
reference a site may not make (another site's person in a referral of its own). This lists
them, with the reason, for the administrator to quarantine (``trama-server record
quarantine ID``): quarantining such a referral also takes its person out of the scope of the
site that crafted it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select, tuple_

from sync.protocol.records import InvalidData, check_data
from sync.server.auth import Caller, SiteRef
from sync.server.db import Record, ServerDB, ServerSite
from sync.server.references import reference_denial
from sync.server.scope import WriteSet

_CHUNK = 1000


@dataclass(frozen=True)
class Finding:
    table: str
    record_id: str
    owner_site: str
    reason: str

    def line(self) -> str:
        return f"{self.table} {self.record_id} (sede {self.owner_site}): {self.reason}"


def stored_problems(db: ServerDB) -> Iterator[Finding]:
    """Every stored record, not quarantined, that a push would refuse now, in table order."""
    after: tuple[str, str] = ("", "")
    while True:
        with db.read() as session:
            sites = {site.code: SiteRef.of(site) for site in session.scalars(select(ServerSite))}
            rows = session.execute(
                select(Record.table_name, Record.id, Record.owner_site, Record.data)
                .where(
                    tuple_(Record.table_name, Record.id) > tuple_(*after),
                    Record.quarantined.is_(False),
                )
                .order_by(Record.table_name, Record.id)
                .limit(_CHUNK)
            ).all()
            # A lookup per chunk: its cache holds what this chunk's records point at, no more.
            lookup = WriteSet(session)
            for table, record_id, owner, data in rows:
                reason = _problem(table, owner, data, sites, lookup)
                if reason is not None:
                    yield Finding(table, record_id, owner, reason)
        if len(rows) < _CHUNK:
            return
        after = (rows[-1][0], rows[-1][1])


def _problem(
    table: str, owner: str, data: object, sites: dict[str, SiteRef], lookup: WriteSet
) -> str | None:
    try:
        check_data(table, data)
    except InvalidData as error:
        return str(error)
    site = sites.get(owner)
    if site is None:
        return "la sede proprietaria non esiste sul server."
    assert isinstance(data, dict)  # check_data says so
    return reference_denial(Caller("", site), table, data, lookup, {})
