"""``trama-server reference import``, format 8: the sites' profiles, all or nothing.

The bodies and their contacts are invented; addresses are at example.org.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from sync.server import admin
from sync.server.db import Record, ServerDB, high_water_mark
from sync.server.reference_import import import_file

_HEADER = (
    "site_code;controller_name;controller_tax_code;address;pec;email;phone;website;dpo_name;"
    "dpo_email;dpo_pec;dpo_phone"
)
_SOMMA = (
    "AMB-SOMMA;Comune di Somma Lombardo, ente capofila dell'Ambito territoriale di Somma "
    "Lombardo;00413970120;Piazza Vittorio Veneto 2, 21019 Somma Lombardo (VA);"
    "protocollo.somma@pec.example.org;ufficiodipiano.somma@example.org;0331 100011;"
    "www.ambitosomma.example.org;Studio Tutela Dati S.r.l.;rpd.somma@example.org;"
    "tuteladati@pec.example.org;02 8840 2200"
)
_PROVINCE = (
    "PROVINCIA-VA;Provincia di Varese;;Piazza Libertà 1, 21100 Varese (VA);"
    "protocollo.provincia@pec.example.org;;0332 100100;;Studio Tutela Dati S.r.l.;"
    "rpd.provincia@example.org;;"
)
PROFILES = "\n".join((_HEADER, _SOMMA, _PROVINCE)) + "\n"


@pytest.fixture
def db(sqlite_url: str) -> Iterator[ServerDB]:
    server = admin.open_db(sqlite_url)
    admin.add_site(server, "provincia", "PROVINCIA-VA", "Provincia di Varese")
    admin.add_site(server, "ambito", "AMB-SOMMA", "Ambito di Somma Lombardo")
    admin.add_site(server, "cpi", "CPI-GALLARATE", "CPI di Gallarate")
    yield server
    server.dispose()


def _write(tmp_path: Path, text: str, name: str = "profili.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def _site(db: ServerDB, code: str) -> dict[str, object]:
    with db.read() as session:
        record = session.scalars(
            select(Record).where(Record.table_name == "site", Record.natural_key == code)
        ).one()
        return dict(record.data)


def test_profiles_are_imported_into_the_site_rows(db: ServerDB, tmp_path: Path) -> None:
    assert import_file(db, _write(tmp_path, PROFILES)) == ("profiles", 2)
    somma = _site(db, "AMB-SOMMA")
    assert somma["controller_name"] == (
        "Comune di Somma Lombardo, ente capofila dell'Ambito territoriale di Somma Lombardo"
    )
    assert somma["pec"] == "protocollo.somma@pec.example.org"
    assert somma["dpo_phone"] == "02 8840 2200"
    assert (somma["code"], somma["kind"], somma["name"]) == (
        "AMB-SOMMA",
        "ambito",
        "Ambito di Somma Lombardo",
    )
    assert somma["logo"] == ""
    province = _site(db, "PROVINCIA-VA")
    assert province["controller_name"] == "Provincia di Varese" and province["email"] == ""
    # The same file again changes nothing: no new revision for the PCs to pull.
    with db.read() as session:
        before = high_water_mark(session)
    import_file(db, _write(tmp_path, PROFILES))
    with db.read() as session:
        assert high_water_mark(session) == before


def test_columns_left_out_keep_what_the_server_holds(db: ServerDB, tmp_path: Path) -> None:
    import_file(db, _write(tmp_path, PROFILES))
    with db.write() as session:
        record = session.scalars(
            select(Record).where(Record.table_name == "site", Record.natural_key == "AMB-SOMMA")
        ).one()
        record.data = {**record.data, "logo": "iVBORw0KGgo="}  # set on the Province's PC
    import_file(
        db,
        _write(
            tmp_path,
            "site_code,controller_name,phone\nAMB-SOMMA,Comune di Somma Lombardo,0331 999999\n",
        ),
    )
    somma = _site(db, "AMB-SOMMA")
    assert somma["phone"] == "0331 999999"
    assert somma["controller_name"] == "Comune di Somma Lombardo"
    assert somma["pec"] == "protocollo.somma@pec.example.org"
    assert somma["logo"] == "iVBORw0KGgo="


def test_a_file_with_bad_rows_changes_nothing_and_names_each(db: ServerDB, tmp_path: Path) -> None:
    bad = _write(
        tmp_path,
        "site_code;controller_name;controller_tax_code;pec;email;phone;dpo_email\n"
        "AMB-SOMMA;Comune di Somma Lombardo;00413970120;protocollo@pec.example.org;;;\n"
        "AMB-NESSUNO;Comune di Nessuno;;;;;\n"
        "CPI-GALLARATE;;123;;;;\n"
        "PROVINCIA-VA;Provincia di Varese;00413970121;protocollo@pec;a b@example.org;"
        "0332-ABC;rpd.example.org\n"
        "AMB-SOMMA;Comune di Somma Lombardo;;;;;\n",
    )
    with db.read() as session:
        before = high_water_mark(session)
    with pytest.raises(admin.AdminError) as raised:
        import_file(db, bad)
    message = str(raised.value)
    assert "nessuna modifica, 4 righe non valide" in message
    assert "riga 3: sede AMB-NESSUNO sconosciuta" in message
    assert (
        "riga 4: manca controller_name (il titolare del trattamento); "
        "controller_tax_code '123' deve avere 11 cifre"
    ) in message
    row_5 = next(line for line in message.splitlines() if "riga 5:" in line)
    for words in (
        "controller_tax_code '00413970121' ha la cifra di controllo errata",
        "pec 'protocollo@pec' non è un indirizzo valido",
        "email 'a b@example.org' non è un indirizzo valido",
        "phone '0332-ABC' non è un numero di telefono valido",
        "dpo_email 'rpd.example.org' non è un indirizzo valido",
    ):
        assert words in row_5
    assert "riga 6: sede AMB-SOMMA ripetuta nel file" in message
    assert _site(db, "AMB-SOMMA").get("controller_name", "") == ""
    with db.read() as session:
        assert high_water_mark(session) == before


def test_hostile_values_are_refused(db: ServerDB, tmp_path: Path) -> None:
    hostile = _write(
        tmp_path,
        "site_code;controller_name;address\n"
        "AMB-SOMMA;Comune\u0000di Somma;Via Roma 1\n"
        "PROVINCIA-VA;Provincia di Varese;" + "x" * 301 + "\n",
    )
    with pytest.raises(admin.AdminError) as raised:
        import_file(db, hostile)
    message = str(raised.value)
    assert "riga 2: controller_name contiene caratteri non ammessi" in message
    assert "riga 3: address troppo lungo (al massimo 300 caratteri)" in message
