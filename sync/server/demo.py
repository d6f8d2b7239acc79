"""``trama-server init-demo``: the demo configuration, a site per Ambito and CPI, and codes.

The configuration is the one offline demo installations build (``desktop.demo.reference``):
the real comuni, the confirmed Ambito di Somma Lombardo and CPI del Tradatese, every other
Ambito and CPI labelled "(demo)", referents, operators with their roles (a privacy officer per
site, the CPI referents as ``referent``), the proposed retention periods
(``sync.protocol.retention.DEFAULT_RULES``) and a directory. Its rows, identifiers
included, ship with the server as ``demo_reference.json`` (written by
``desktop.demo.server_reference``): the server never imports the desktop, and a demo PC and the
demo server still agree on every identifier.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sync.protocol import SiteInfo
from sync.server import admin
from sync.server.db import ServerDB, ServerSite
from sync.server.scope import WriteSet

DEMO_REFERENCE = Path(__file__).with_name("demo_reference.json")


def demo_rows() -> dict[str, list[dict[str, Any]]]:
    """Every demo reference and directory row as ``{"id": ..., **data}``, parents first."""
    rows: dict[str, list[dict[str, Any]]] = json.loads(DEMO_REFERENCE.read_text(encoding="utf-8"))
    return rows


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
        for table, table_rows in rows.items():
            for row in table_rows:
                data = {key: value for key, value in row.items() if key != "id"}
                admin.put_reference(writes, table, data, record_id=row["id"], updated_by="demo")
        writes.settle()
    demo_codes = {site["code"] for site in rows["site"]}
    return [
        (site, admin.issue_enrollment_code(db, site.code))
        for site in admin.list_sites(db)
        if site.code in demo_codes
    ]
