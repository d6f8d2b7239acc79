"""``trama-server init-demo``: the demo configuration, a site per Ambito and CPI, and codes.

The configuration is the one offline demo installations build (``desktop.demo.reference``):
the real comuni, the confirmed Ambito di Somma Lombardo and CPI del Tradatese, every other
Ambito and CPI labelled "(demo)", referents, operators and a directory. It is built in a
throwaway data folder and copied here row by row, so the identifiers agree with demo PCs; the
comuni get the stable identifiers of ``sync.protocol.reference_id`` instead of the random ones
a PC gives them when it loads the shipped list.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sync.protocol import (
    BOOKKEEPING_COLUMNS,
    REFERENCE_TABLES,
    SYNCED_TABLES,
    SiteInfo,
    reference_id,
)
from sync.server import admin
from sync.server.db import ServerDB, ServerSite
from sync.server.scope import WriteSet

_TABLES = [t for t in SYNCED_TABLES if t in REFERENCE_TABLES or t in ("organization", "contact")]


def wire_value(value: Any) -> Any:
    """A column value as the wire carries it (see the module docstring of sync.protocol)."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def demo_rows() -> dict[str, list[dict[str, Any]]]:
    """Every demo reference and directory row as ``{"id": ..., **data}``, parents first."""
    # Imported here: only this command needs the desktop's store and demo builder.
    from desktop.demo.reference import install_demo_reference  # noqa: PLC0415
    from desktop.services.reference import PROVINCE_SITE  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.store.models import Base  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="trama-demo-") as folder:
        store = open_store(Path(folder))
        try:
            install_demo_reference(store, site_code=PROVINCE_SITE)
            rows: dict[str, list[dict[str, Any]]] = {}
            with store.read() as session:
                for name in _TABLES:
                    table = Base.metadata.tables[name]
                    columns = [c for c in table.columns if c.name not in BOOKKEEPING_COLUMNS]
                    rows[name] = [
                        {"id": row.id, **{c.name: wire_value(row._mapping[c]) for c in columns}}
                        for row in session.execute(
                            select(table.c.id, *columns).where(table.c.deleted.is_(False))
                        )
                    ]
        finally:
            store.dispose()
    _stable_comune_ids(rows)
    return rows


def _stable_comune_ids(rows: dict[str, list[dict[str, Any]]]) -> None:
    from desktop.store.models import Base  # noqa: PLC0415

    stable = {
        row["id"]: reference_id("municipality", row["istat_code"]) for row in rows["municipality"]
    }
    pointers = [
        (table.name, key.parent.name)
        for table in Base.metadata.sorted_tables
        for key in table.foreign_keys
        if key.column.table.name == "municipality"
    ]
    for row in rows["municipality"]:
        row["id"] = stable[row["id"]]
    for table, column in pointers:
        for row in rows.get(table, []):
            if row.get(column) in stable:
                row[column] = stable[row[column]]


def init_demo(db: ServerDB) -> list[tuple[SiteInfo, str]]:
    """Install the demo configuration and sites (once); a fresh enrollment code per site."""
    rows = demo_rows()
    with db.write() as session, session.no_autoflush:
        existing = {site.code for site in session.scalars(select(ServerSite))}
        for site in rows["site"]:
            if site["code"] in existing:
                continue
            ambito = next((a for a in rows["ambito"] if a["id"] == site["ambito_id"]), None)
            centre = next((c for c in rows["job_centre"] if c["id"] == site["job_centre_id"]), None)
            session.add(
                ServerSite(
                    code=site["code"],
                    kind=site["kind"],
                    name=site["name"],
                    ambito_code=ambito["code"] if ambito else None,
                    job_centre_code=centre["code"] if centre else None,
                )
            )
        session.flush()
        writes = WriteSet(session)
        for table in _TABLES:
            for row in rows[table]:
                data = {key: value for key, value in row.items() if key != "id"}
                admin.put_reference(writes, table, data, record_id=row["id"], updated_by="demo")
        writes.settle()
    demo_codes = {site["code"] for site in rows["site"]}
    return [
        (site, admin.issue_enrollment_code(db, site.code))
        for site in admin.list_sites(db)
        if site.code in demo_codes
    ]
