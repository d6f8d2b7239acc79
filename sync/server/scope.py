"""Writing records: derived columns, grants, scope removals and revisions, in one transaction.

A unit of work collects the records it changes (``WriteSet.put``) and then ``settle``s: it finds
every record whose audience may have moved with them (a referral's person, events, handling and
acknowledgements), grants new sites, turns lost ones into scope removals, moves a handling row
to the CPI now responsible, stamps revisions in table order (within one transaction parents get
lower revisions than their children) and writes everything with a few bulk statements. Rows are
plain objects (``Rec``), not ORM instances: a batch of 250 is otherwise mostly ORM bookkeeping.
Only inside ``ServerDB.write()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, select
from sqlalchemy.orm import Session

from sync.protocol import HANDLING_TABLES, JOINT_PLAN_TABLES, SYNCED_TABLES
from sync.protocol.codes import SiteKind
from sync.protocol.routes import ConfiguredRoute, Route, effective_routes
from sync.server.auth import PERSON_OPENERS, PUBLIC_TABLES, audience, handling_owner
from sync.server.db import Record, RecordGrant, ServerBase, ServerSite, next_revisions

_ORDER = {name: index for index, name in enumerate(SYNCED_TABLES)}
_NATURAL_KEYS = {
    "ambito": "code",
    "job_centre": "code",
    "site": "code",
    "municipality": "istat_code",
    "operator": "username",
    "organization": "tax_code",
}
_DERIVED = ("natural_key", "referral_id", "person_id", "job_centre_id", "status", "track", "month")
_COLUMNS = tuple(column.name for column in Record.__table__.columns)
# Everything but ``data``: what deciding a record's audience reads (the derived columns).
_META = tuple(column for column in Record.__table__.columns if column.name != "data")
_META_NAMES = tuple(column.name for column in _META)
_CHUNK = 500
Key = tuple[str, str]
_RECORDS = ServerBase.metadata.tables["record"]
_GRANTS = ServerBase.metadata.tables["record_grant"]
_UPDATE_RECORD = (
    _RECORDS.update()
    .where(_RECORDS.c.table_name == bindparam("k_table"), _RECORDS.c.id == bindparam("k_id"))
    .values({name: bindparam(name) for name in _COLUMNS if name not in ("table_name", "id")})
)
# A record re-stamped for its audience only (``Rec.partial``): its data stays as stored.
_UPDATE_RECORD_META = (
    _RECORDS.update()
    .where(_RECORDS.c.table_name == bindparam("k_table"), _RECORDS.c.id == bindparam("k_id"))
    .values(
        {
            column.name: bindparam(column.name)
            for column in _META
            if column.name not in ("table_name", "id")
        }
    )
)
_UPDATE_GRANT = (
    _GRANTS.update()
    .where(
        _GRANTS.c.site_code == bindparam("k_site"),
        _GRANTS.c.table_name == bindparam("k_table"),
        _GRANTS.c.record_id == bindparam("k_id"),
    )
    .values(
        revision=bindparam("revision"),
        removed=bindparam("removed"),
        removed_at=bindparam("removed_at"),
    )
)


class InvalidRecord(ValueError):
    """A record the server cannot place: the message (Italian) goes into its receipt."""


@dataclass(slots=True, eq=False)
class Rec:
    """One row of ``record``, as this transaction sees it."""

    table_name: str
    id: str
    revision: int | None = None
    owner_site: str = ""
    is_public: bool = False
    deleted: bool = False
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated_by: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    natural_key: str | None = None
    referral_id: str | None = None
    person_id: str | None = None
    job_centre_id: str | None = None
    status: str | None = None
    track: str | None = None
    month: str | None = None
    # Set by the administrator only (sync.server.quarantine); kept as read when written back.
    quarantined: bool = False
    quarantine_reason: str | None = None
    quarantined_at: datetime | None = None
    stored: bool = False  # already in the database
    # Read without its data (``WriteSet._select(partial=True)``): only its audience is
    # re-examined, and only its other columns are ever written back.
    partial: bool = False

    def values(self) -> dict[str, Any]:
        names = _META_NAMES if self.partial else _COLUMNS
        return {name: getattr(self, name) for name in names}


@dataclass(slots=True)
class _Grant:
    site: str
    revision: int
    removed: bool
    removed_at: datetime | None
    stored: bool
    changed: bool = False


def _text(data: dict[str, Any], name: str, *, required: bool, what: str) -> str | None:
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise InvalidRecord(f"{what}: manca il campo {name}.")
        return None
    if not isinstance(value, str) or len(value) > 64 or not value.isprintable():
        raise InvalidRecord(f"{what}: il campo {name} non è valido.")
    return value


def derive(table: str, data: dict[str, Any]) -> dict[str, str | None]:
    """The columns that visibility and aggregates read, copied out of ``data``."""
    derived: dict[str, str | None] = dict.fromkeys(_DERIVED)
    key_field = _NATURAL_KEYS.get(table)
    if key_field:
        derived["natural_key"] = _text(data, key_field, required=False, what=table)
    if table == "referral":
        what = "Segnalazione"
        derived["person_id"] = _text(data, "person_id", required=True, what=what)
        derived["job_centre_id"] = _text(data, "job_centre_id", required=True, what=what)
        derived["status"] = _text(data, "status", required=True, what=what)
        derived["track"] = _text(data, "track", required=False, what=what)
        created_on = _text(data, "created_on", required=False, what=what)
        derived["month"] = created_on[:7] if created_on else None
    elif table in HANDLING_TABLES or table in JOINT_PLAN_TABLES or table == "referral_event":
        derived["referral_id"] = _text(data, "referral_id", required=True, what=table)
    elif table == "social_referral":
        what = "Segnalazione ai servizi sociali"
        derived["person_id"] = _text(data, "person_id", required=True, what=what)
        derived["status"] = _text(data, "status", required=True, what=what)
        _text(data, "ambito_id", required=True, what=what)
    elif table == "social_referral_reply":
        # The social referral answered, where visibility looks for a referral's dependents.
        derived["referral_id"] = _text(data, "social_referral_id", required=True, what=table)
    elif table == "privacy_acknowledgement":
        derived["person_id"] = _text(data, "person_id", required=True, what=table)
        derived["referral_id"] = _text(data, "referral_id", required=False, what=table)
    return derived


@dataclass
class WriteSet:
    """The records one transaction changes, and what it needs to know about the others."""

    session: Session
    written: dict[Key, Rec] = field(default_factory=dict)
    # Records to re-examine although this transaction did not change them.
    extra: dict[Key, Rec] = field(default_factory=dict)
    _cache: dict[Key, Rec | None] = field(default_factory=dict)
    # A (social) referral's person before this transaction changed it: that person may lose a
    # site. Keyed by record id (ids are unique across tables).
    _previous_person: dict[str, str | None] = field(default_factory=dict)
    _cpi_by_centre: dict[str, frozenset[str]] | None = None
    _ambito_sites: dict[str, frozenset[str]] | None = None
    _stored_routes: dict[str, Rec] | None = None
    _referrals_by_person: dict[str, set[Key]] = field(default_factory=dict)
    # Records read without their data (dependents whose audience may move): never handed out
    # by ``record``/``load``, which read the whole record.
    _partial: dict[Key, Rec] = field(default_factory=dict)
    # What decided who sees a stored (social) referral before this transaction changed it
    # (``_reach``): when it is the same after, its person and dependents keep their audience.
    _reach_before: dict[Key, tuple[Any, ...]] = field(default_factory=dict)

    # -- ScopeLookup ------------------------------------------------------------------------

    def record(self, table: str, record_id: str | None) -> Rec | None:
        if record_id is None:
            return None
        key = (table, record_id)
        if key not in self._cache:
            self.load([key])
        return self._cache.get(key)

    def cpi_sites(self, job_centre_id: str | None) -> frozenset[str]:
        if self._cpi_by_centre is None:
            self._cpi_by_centre = self._load_cpi_sites()
        return self._cpi_by_centre.get(job_centre_id or "", frozenset())

    def ambito_sites(self, ambito_id: str | None) -> frozenset[str]:
        if self._ambito_sites is None:
            self._ambito_sites = self._load_ambito_sites()
        return self._ambito_sites.get(ambito_id or "", frozenset())

    def referrals_of_person(self, person_id: str) -> list[Rec]:
        if person_id not in self._referrals_by_person:
            self._prefetch_referrals([person_id])
        found = (self._cache.get(key) for key in self._referrals_by_person[person_id])
        # In memory the person may have changed on a referral of this transaction.
        return [r for r in found if r is not None and r.person_id == person_id]

    def routes(self) -> frozenset[Route]:
        """The routes in force, this transaction's writes included (the Province's push)."""
        if self._stored_routes is None:
            self._stored_routes = {
                rec.id: rec for rec in self._select(Record.table_name == "referral_route")
            }
        current = dict(self._stored_routes)
        current.update(
            (rec.id, rec) for rec in self.written.values() if rec.table_name == "referral_route"
        )
        return effective_routes(_configured(rec) for rec in current.values() if _live_route(rec))

    # -- reading ----------------------------------------------------------------------------

    def load(self, keys: Iterable[Key]) -> dict[Key, Rec]:
        """The records with these keys (those that exist), from this transaction or the DB."""
        wanted = list(dict.fromkeys(keys))
        missing: dict[str, list[str]] = {}
        for table, record_id in wanted:
            if (table, record_id) not in self._cache:
                missing.setdefault(table, []).append(record_id)
        for table, ids in missing.items():
            for record_id in ids:
                self._cache[(table, record_id)] = None
            for start in range(0, len(ids), _CHUNK):
                self._select(Record.table_name == table, Record.id.in_(ids[start : start + _CHUNK]))
        found = {key: self._cache.get(key) for key in wanted}
        return {key: rec for key, rec in found.items() if rec is not None}

    def find(self, table: str, natural_key: str) -> Rec | None:
        """A reference row by its code (ISTAT code, username, ...)."""
        for (name, _), rec in self.written.items():
            if name == table and rec.natural_key == natural_key:
                return rec
        rows = self._select(Record.table_name == table, Record.natural_key == natural_key)
        return rows[0] if rows else None

    def _select(self, *conditions: ColumnElement[bool], partial: bool = False) -> list[Rec]:
        """Rows matching the conditions; one already in this transaction wins over the DB's.

        ``partial``: without their data, which is most of a row's bytes and of the time spent
        reading it; for the records a settle re-examines only for their audience."""
        result = []
        columns = _META if partial else Record.__table__.columns
        for row in self.session.execute(select(*columns).where(*conditions)):
            key = (row.table_name, row.id)
            rec = self._cache.get(key)
            if rec is None and partial:
                rec = self._partial.get(key)
                if rec is None:
                    rec = Rec(**row._asdict(), stored=True, partial=True)
                    self._partial[key] = rec
            elif rec is None:
                rec = Rec(**row._asdict(), stored=True)
                self._cache[key] = rec
            result.append(rec)
        return result

    # -- writing ----------------------------------------------------------------------------

    def put(
        self,
        existing: Rec | None,
        *,
        table: str,
        record_id: str,
        owner_site: str,
        data: dict[str, Any],
        deleted: bool,
        updated_at: datetime,
        updated_by: str,
    ) -> Rec:
        """Change (or create) a record in memory; raises InvalidRecord and changes nothing."""
        if deleted and not data and existing is not None:
            # A tombstone keeps the last data, so that it still reaches everyone who saw it.
            data = existing.data
        derived = derive(table, data)
        try:
            moment = updated_at.astimezone(UTC)
        except (OverflowError, ValueError) as error:
            raise InvalidRecord("Data di modifica non valida.") from error
        rec = existing
        if rec is None:
            rec = Rec(table_name=table, id=record_id, is_public=table in PUBLIC_TABLES)
            self._cache[(table, record_id)] = rec
        if table in PERSON_OPENERS:
            self._previous_person.setdefault(record_id, rec.person_id)
            if existing is not None and existing.stored and (table, record_id) not in self.written:
                self._reach_before.setdefault((table, record_id), self._reach(existing))
            new_person = derived["person_id"]
            if new_person in self._referrals_by_person:
                self._referrals_by_person[new_person].add((table, record_id))
        rec.owner_site = owner_site
        rec.data = data
        rec.deleted = deleted
        rec.updated_at = moment
        rec.updated_by = updated_by[:64]
        for name, value in derived.items():
            setattr(rec, name, value)
        self.written[(table, record_id)] = rec
        return rec

    def refresh(self, table: str, ids: Iterable[str]) -> None:
        """Re-examine the audience of records whose data did not change (e.g. a new CPI site)."""
        self.extra.update(self.load((table, record_id) for record_id in ids))

    def settle(self) -> None:
        """Grants, scope removals, handling owners, revisions, and the writes themselves."""
        affected = self._affected()
        now = datetime.now(UTC)
        private = [r for r in affected.values() if not r.is_public]
        grants = self._grants_of(private)
        stamp: dict[Key, Rec] = dict(self.written)
        removals: list[_Grant] = []
        for rec in private:
            key = (rec.table_name, rec.id)
            if rec.table_name in HANDLING_TABLES:
                owner = handling_owner(rec, self)
                if owner != rec.owner_site:
                    rec.owner_site = owner
                    stamp[key] = rec
            sites = audience(rec, self)
            current = grants.setdefault(key, {})
            for site in sites:
                grant = current.get(site)
                if grant is None:
                    current[site] = _Grant(site, 0, removed=False, removed_at=None, stored=False)
                    stamp[key] = rec
                elif grant.removed:
                    grant.removed, grant.removed_at, grant.changed = False, None, True
                    stamp[key] = rec
            for site, grant in current.items():
                if site not in sites and not grant.removed:
                    grant.removed, grant.removed_at, grant.changed = True, now, True
                    removals.append(grant)
        ordered = sorted(stamp.values(), key=lambda r: _ORDER.get(r.table_name, len(_ORDER)))
        revisions = iter(next_revisions(self.session, len(ordered) + len(removals)))
        for rec in ordered:
            rec.revision = next(revisions)
            # Active grants follow their record's revision: a site's pull reads only grants.
            for grant in grants.get((rec.table_name, rec.id), {}).values():
                if not grant.removed:
                    grant.revision, grant.changed = rec.revision, True
        for grant in removals:
            grant.revision = next(revisions)
        self._write(ordered, grants)

    # -- internals --------------------------------------------------------------------------

    def _write(self, records: Sequence[Rec], grants: dict[Key, dict[str, _Grant]]) -> None:
        self.session.flush()  # the revision counter, and anything the caller added
        # Core executemany: the ORM's bulk paths cost more than SQLite spends on the rows.
        new = [rec.values() for rec in records if not rec.stored]
        if new:
            self.session.execute(_RECORDS.insert(), new)
        old = [
            {"k_table": r.table_name, "k_id": r.id, **r.values()}
            for r in records
            if r.stored and not r.partial
        ]
        if old:
            self.session.execute(_UPDATE_RECORD, old)
        restamped = [
            {"k_table": r.table_name, "k_id": r.id, **r.values()}
            for r in records
            if r.stored and r.partial
        ]
        if restamped:
            self.session.execute(_UPDATE_RECORD_META, restamped)
        for rec in records:
            rec.stored = True
        fresh, changed = [], []
        for (table, record_id), by_site in grants.items():
            for grant in by_site.values():
                row = {
                    "site_code": grant.site, "table_name": table, "record_id": record_id,
                    "revision": grant.revision, "removed": grant.removed,
                    "removed_at": grant.removed_at,
                }  # fmt: skip
                if not grant.stored:
                    fresh.append(row)
                elif grant.changed:
                    changed.append({"k_site": grant.site, "k_table": table, "k_id": record_id,
                                    **row})  # fmt: skip
                grant.stored, grant.changed = True, False
        if fresh:
            self.session.execute(_GRANTS.insert(), fresh)
        if changed:
            self.session.execute(_UPDATE_GRANT, changed)

    def _affected(self) -> dict[Key, Rec]:
        affected = dict(self.extra)
        affected.update(self.written)
        steady = not self._sites_may_move()
        openers = [
            r
            for r in affected.values()
            if r.table_name in PERSON_OPENERS and not (steady and self._kept(r))
        ]
        if not openers:
            return affected
        referral_ids = [r.id for r in openers]
        chosen = set(referral_ids)
        persons = {r.person_id for r in openers}
        persons |= {self._previous_person.get(rid) for rid in referral_ids}
        person_list = sorted(p for p in persons if p)
        # Dependents (events, handling, plans, replies, acknowledgements): no opener has a
        # referral_id, and their audience reads only derived columns, so not their data.
        for start in range(0, len(referral_ids), _CHUNK):
            for rec in self._select(
                Record.referral_id.in_(referral_ids[start : start + _CHUNK]), partial=True
            ):
                affected.setdefault((rec.table_name, rec.id), rec)
        self._prefetch_referrals(person_list)
        affected.update(self.load(("person", person_id) for person_id in person_list))
        # By person only (its index), the table filtered here: with the table in the query
        # SQLite walks every acknowledgement of the network by the primary key instead.
        for start in range(0, len(person_list), _CHUNK):
            for rec in self._select(
                Record.person_id.in_(person_list[start : start + _CHUNK]), partial=True
            ):
                if rec.table_name == "privacy_acknowledgement" and rec.referral_id is None:
                    affected.setdefault((rec.table_name, rec.id), rec)
        # Rows of this transaction not yet in the database.
        for key, rec in self.written.items():
            if rec.referral_id in chosen or (
                rec.table_name == "privacy_acknowledgement" and rec.person_id in persons
            ):
                affected[key] = rec
        return affected

    def _reach(self, rec: Rec) -> tuple[Any, ...]:
        """What a (social) referral's own audience and its person's depend on."""
        return (audience(rec, self), rec.deleted, rec.quarantined, rec.person_id)

    def _kept(self, rec: Rec) -> bool:
        """A stored (social) referral changed here whose reach is as it was: its person,
        events, handling and acknowledgements need no second look (most pushed changes)."""
        key = (rec.table_name, rec.id)
        before = self._reach_before.get(key)
        if before is None or key in self.extra:
            return False
        return before == self._reach(rec)

    def _sites_may_move(self) -> bool:
        # A job centre or Ambito written here may change which sites a referral reaches.
        return any(table in ("job_centre", "ambito") for table, _ in self.written)

    def _prefetch_referrals(self, person_ids: list[str]) -> None:
        missing = [p for p in person_ids if p not in self._referrals_by_person]
        for person_id in missing:
            self._referrals_by_person[person_id] = set()
        for start in range(0, len(missing), _CHUNK):
            for rec in self._select(
                Record.table_name.in_(PERSON_OPENERS),
                Record.person_id.in_(missing[start : start + _CHUNK]),
            ):
                if rec.person_id is not None:
                    self._referrals_by_person[rec.person_id].add((rec.table_name, rec.id))
        for rec in self.written.values():
            if rec.table_name in PERSON_OPENERS and rec.person_id in missing:
                self._referrals_by_person[rec.person_id].add((rec.table_name, rec.id))

    def _grants_of(self, records: list[Rec]) -> dict[Key, dict[str, _Grant]]:
        by_table: dict[str, list[str]] = {}
        for rec in records:
            if rec.stored:
                by_table.setdefault(rec.table_name, []).append(rec.id)
        grants: dict[Key, dict[str, _Grant]] = {}
        for table, ids in by_table.items():
            for start in range(0, len(ids), _CHUNK):
                for row in self.session.execute(
                    select(
                        RecordGrant.record_id, RecordGrant.site_code, RecordGrant.revision,
                        RecordGrant.removed, RecordGrant.removed_at,
                    ).where(
                        RecordGrant.table_name == table,
                        RecordGrant.record_id.in_(ids[start : start + _CHUNK]),
                    )
                ):  # fmt: skip
                    grants.setdefault((table, row.record_id), {})[row.site_code] = _Grant(
                        row.site_code, row.revision, row.removed, row.removed_at, stored=True
                    )
        return grants

    def _load_cpi_sites(self) -> dict[str, frozenset[str]]:
        sites: dict[str, set[str]] = {}
        for code, centre in self.session.execute(
            select(ServerSite.code, ServerSite.job_centre_code).where(
                ServerSite.kind == SiteKind.CPI.value, ServerSite.job_centre_code.is_not(None)
            )
        ):
            if centre is not None:
                sites.setdefault(centre, set()).add(code)
        by_id: dict[str, frozenset[str]] = {}
        for record_id, centre_code in self.session.execute(
            select(Record.id, Record.natural_key).where(Record.table_name == "job_centre")
        ):
            if centre_code in sites:
                by_id[record_id] = frozenset(sites[centre_code])
        for rec in self.written.values():
            if rec.table_name == "job_centre" and rec.natural_key in sites:
                by_id[rec.id] = frozenset(sites[rec.natural_key])
        return by_id

    def _load_ambito_sites(self) -> dict[str, frozenset[str]]:
        # The Ambito offices answering for an Ambito (a Third Sector site may name an Ambito
        # too, for the competent CPI: it receives nothing addressed to the Ambito).
        sites: dict[str, set[str]] = {}
        for code, ambito in self.session.execute(
            select(ServerSite.code, ServerSite.ambito_code).where(
                ServerSite.kind == SiteKind.AMBITO.value, ServerSite.ambito_code.is_not(None)
            )
        ):
            if ambito is not None:
                sites.setdefault(ambito, set()).add(code)
        by_id: dict[str, frozenset[str]] = {}
        for record_id, ambito_code in self.session.execute(
            select(Record.id, Record.natural_key).where(Record.table_name == "ambito")
        ):
            if ambito_code in sites:
                by_id[record_id] = frozenset(sites[ambito_code])
        for rec in self.written.values():
            if rec.table_name == "ambito" and rec.natural_key in sites:
                by_id[rec.id] = frozenset(sites[rec.natural_key])
        return by_id


def _live_route(rec: Rec) -> bool:
    return rec.table_name == "referral_route" and not rec.deleted and not rec.quarantined


def _configured(rec: Rec) -> ConfiguredRoute:
    data = rec.data
    return ConfiguredRoute(
        sender_kind=str(data.get("sender_kind", "")),
        recipient_kind=str(data.get("recipient_kind", "")),
        track=str(data.get("track", "")),
        enabled=data.get("enabled") is True,
    )
