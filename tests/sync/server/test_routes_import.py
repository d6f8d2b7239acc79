"""``trama-server reference import``, format 9: the referral routes, all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sync.protocol import reference_id
from sync.protocol.routes import DEFAULT_ROUTES, POSSIBLE_ROUTES, ConfiguredRoute, effective_routes
from sync.server import admin
from sync.server.db import Record, ServerDB, high_water_mark
from sync.server.reference_import import import_file

ROUTES = """mittente;destinatario;percorso;attivo
Ambito territoriale;CPI;NEET;sì
ambito;cpi;cmd;si
Ente del Terzo settore;CPI;neet;sì
ets;cpi;collocamento mirato;no
CPI;CPI;NEET;no
cpi;cpi;cmd;no
CPI;Ambito territoriale;servizi sociali;sì
"""


@pytest.fixture
def db(sqlite_url: str) -> Iterator[ServerDB]:
    server = admin.open_db(sqlite_url)
    admin.add_site(server, "provincia", "PROVINCIA-VA", "Provincia di Varese")
    yield server
    server.dispose()


def _write(tmp_path: Path, text: str, name: str = "percorsi.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


@dataclass(frozen=True)
class Row:
    id: str
    owner_site: str
    deleted: bool
    data: dict[str, Any]


def _routes(db: ServerDB) -> list[Row]:
    with db.read() as session:
        records = session.scalars(select(Record).where(Record.table_name == "referral_route"))
        return [Row(r.id, r.owner_site, r.deleted, dict(r.data)) for r in records]


def test_routes_are_imported(db: ServerDB, tmp_path: Path) -> None:
    assert import_file(db, _write(tmp_path, ROUTES)) == ("routes", 7)
    rows = _routes(db)
    assert len(rows) == len(POSSIBLE_ROUTES)
    assert all(row.owner_site == "PROVINCIA-VA" and not row.deleted for row in rows)
    in_force = effective_routes(
        ConfiguredRoute(
            row.data["sender_kind"],
            row.data["recipient_kind"],
            row.data["track"],
            row.data["enabled"],
        )
        for row in rows
    )
    assert in_force == {
        r for r in DEFAULT_ROUTES if (r.sender_kind, r.track.value) != ("ets", "cmd")
    }
    # The same id the Province's PC gives a route.
    assert reference_id("referral_route", "ets:cpi:cmd") in {row.id for row in rows}
    # The same file again changes nothing; a change updates the row in place.
    with db.read() as session:
        before = high_water_mark(session)
    import_file(db, _write(tmp_path, ROUTES))
    with db.read() as session:
        assert high_water_mark(session) == before
    import_file(db, _write(tmp_path, "mittente;destinatario;percorso;attivo\nets;cpi;cmd;sì\n"))
    rows = _routes(db)
    assert len(rows) == len(POSSIBLE_ROUTES)
    ets_cmd = next(row for row in rows if row.id == reference_id("referral_route", "ets:cpi:cmd"))
    assert ets_cmd.data["enabled"] is True


def test_bad_rows_are_named_and_nothing_changes(db: ServerDB, tmp_path: Path) -> None:
    bad = (
        "mittente;destinatario;percorso;attivo\n"
        "ambito;cpi;neet;sì\n"
        "provincia;cpi;neet;sì\n"
        "ambito;ambito;servizi sociali;sì\n"
        "ets;cpi;cmd;forse\n"
        "ambito;cpi;neet;no\n"
        "cpi;ambito;social;\n"
    )
    with pytest.raises(admin.AdminError) as caught:
        import_file(db, _write(tmp_path, bad))
    message = str(caught.value)
    assert "nessuna modifica, 5 righe non valide" in message
    assert "riga 3: mittente non valido 'provincia'" in message
    assert "riga 4: percorso non previsto" in message
    assert "riga 5: attivo: valore sì/no non valido 'forse'" in message
    assert "riga 6: percorso ripetuto nel file" in message
    assert "riga 7: manca attivo" in message
    assert _routes(db) == []


def test_a_file_naming_one_route_leaves_the_others_as_the_network_works(
    db: ServerDB, tmp_path: Path
) -> None:
    closing = "mittente;destinatario;percorso;attivo\nets;cpi;cmd;no\n"
    assert import_file(db, _write(tmp_path, closing)) == ("routes", 1)
    rows = _routes(db)
    # Every possible route is now explicit, the defaults kept but the one the file closed.
    assert len(rows) == len(POSSIBLE_ROUTES)
    configured = [ConfiguredRoute(**row.data) for row in rows]
    ets_cmd = next(r for r in POSSIBLE_ROUTES if r.sender_kind == "ets" and r.track == "cmd")
    assert effective_routes(configured) == DEFAULT_ROUTES - {ets_cmd}
    # A second file changes only what it names.
    reopening = "mittente;destinatario;percorso;attivo\nets;cpi;cmd;sì\n"
    import_file(db, _write(tmp_path, reopening, "riapertura.csv"))
    assert effective_routes(ConfiguredRoute(**r.data) for r in _routes(db)) == DEFAULT_ROUTES
    assert len(_routes(db)) == len(POSSIBLE_ROUTES)
