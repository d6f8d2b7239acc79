"""The demo reference rows that ``trama-server init-demo`` installs, written as a data file.

The server may not import the desktop (DESIGN.md §1), yet its demo must hold the very rows that
offline demo PCs build (``desktop.demo.reference``), identifiers included, so that a demo PC and
the demo server agree. So the rows are built here, in a throwaway data folder, and shipped in the
server package as ``sync/server/demo_reference.json``; the comuni get the stable identifiers of
``sync.protocol.reference_id`` instead of the random ones a PC gives them when it loads the
shipped list. After changing the demo configuration, write the file again:

    python -m desktop.demo.server_reference

``tests/test_demo_reference.py`` checks that the committed file is what this module makes now.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.demo.reference import install_demo_reference
from desktop.demo.reference_data import demo_id
from desktop.domain.identity import os_account
from desktop.services.reference import PROVINCE_SITE
from desktop.store.keys import mark_demo_folder
from desktop.store.migrate import open_store
from desktop.store.models import Base
from sync.protocol import BOOKKEEPING_COLUMNS, REFERENCE_TABLES, SYNCED_TABLES, reference_id

# Reference data and the directory, parents first (the order of SYNCED_TABLES).
TABLES = [t for t in SYNCED_TABLES if t in REFERENCE_TABLES or t in ("organization", "contact")]
OUTPUT = Path(__file__).resolve().parents[2] / "sync" / "server" / "demo_reference.json"


def wire_value(value: Any) -> Any:
    """A column value as the wire carries it (see the module docstring of sync.protocol)."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def demo_rows() -> dict[str, list[dict[str, Any]]]:
    """Every demo reference and directory row as ``{"id": ..., **data}``, parents first."""
    with tempfile.TemporaryDirectory(prefix="trama-demo-") as folder:
        mark_demo_folder(Path(folder))
        store = open_store(Path(folder))
        try:
            # Not the OS account of whoever runs this: the file is the server's, for every PC.
            install_demo_reference(store, site_code=PROVINCE_SITE, this_account=False)
            rows: dict[str, list[dict[str, Any]]] = {}
            with store.read() as session:
                for name in TABLES:
                    table = Base.metadata.tables[name]
                    columns = [c for c in table.columns if c.name not in BOOKKEEPING_COLUMNS]
                    rows[name] = [
                        {"id": row.id, **{c.name: wire_value(row._mapping[c]) for c in columns}}
                        for row in session.execute(
                            select(table.c.id, *columns)
                            .where(table.c.deleted.is_(False))
                            .order_by(table.c.id)
                        )
                    ]
        finally:
            store.dispose()
    _stable_comune_ids(rows)
    # The OS account running this script is made the privacy officer of a demo PC's site
    # (desktop.demo.reference): it belongs to that PC, never to the server's configuration.
    this_pc = demo_id("operator", f"this-pc:{os_account()}")
    rows["operator"] = [row for row in rows["operator"] if row["id"] != this_pc]
    return rows


def _stable_comune_ids(rows: dict[str, list[dict[str, Any]]]) -> None:
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
    rows["municipality"].sort(key=lambda row: str(row["id"]))
    for table, column in pointers:
        for row in rows.get(table, []):
            if row.get(column) in stable:
                row[column] = stable[row[column]]


def render(rows: dict[str, list[dict[str, Any]]]) -> str:
    """The file's text: one row a line, so that a change to the demo reads as a small diff."""
    tables = ",\n".join(
        f"  {json.dumps(name)}: [\n"
        + ",\n".join(
            f"    {json.dumps(row, ensure_ascii=False, sort_keys=True)}" for row in table_rows
        )
        + "\n  ]"
        for name, table_rows in rows.items()
    )
    return "{\n" + tables + "\n}\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the demo server's reference rows.")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    args.output.write_text(render(demo_rows()), encoding="utf-8")


if __name__ == "__main__":
    main()
