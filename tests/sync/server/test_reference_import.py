"""``trama-server reference import``: the documented CSV formats, in place, all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.protocol import reference_id
from sync.server import admin
from sync.server.db import Record, ServerDB, high_water_mark
from sync.server.reference_import import import_file

AMBITI = """\
ambito_code;ambito_name;codice_istat;is_demo
AMB-SOMMA;Ambito di Somma Lombardo;012123;no
AMB-SOMMA;Ambito di Somma Lombardo;012070;no
AMB-PROVA;Ambito di prova;012133;sì
"""
CPI = """\
cpi_code,cpi_name,codice_istat,address,phone,seat_istat,valid_from,valid_to
CPI-GALLARATE,CPI di Gallarate,012123,Via Monte Rosa 7,0331 100300,012070,,
CPI-GALLARATE,CPI di Gallarate,012070,Via Monte Rosa 7,0331 100300,012070,01/01/2024,
"""
REFERENTS = """\
cpi_code;track;full_name;email;valid_from
CPI-GALLARATE;neet;Davide Crespi;d.crespi@cpi.example.org;2022-01-01
CPI-GALLARATE;cmd;Fabio Sironi;;2024-10-01
"""
DIRECTORY = """\
organization_name;organization_kind;tax_code;codice_istat;contact_last_name;contact_first_name;contact_role
Cooperativa Il Ponte;social_coop_b;01234567897;012123;Ferrari;Giulia;Coordinatrice
Cooperativa Il Ponte;social_coop_b;01234567897;012123;Galli;Marco;Educatore
Associazione Aurora;aps;;;;;
"""


@pytest.fixture
def db(sqlite_url: str) -> Iterator[ServerDB]:
    server = admin.open_db(sqlite_url)
    yield server
    server.dispose()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def _rows(db: ServerDB, table: str) -> list[dict[str, object]]:
    with db.read() as session:
        return [
            {"id": r.id, "owner": r.owner_site, **r.data}
            for r in session.scalars(select(Record).where(Record.table_name == table))
        ]


def test_every_format_imports_and_a_second_import_changes_nothing(
    db: ServerDB, tmp_path: Path
) -> None:
    files = [
        _write(tmp_path, "ambiti.csv", AMBITI),
        _write(tmp_path, "cpi.csv", CPI),
        _write(tmp_path, "referenti.csv", REFERENTS),
        _write(tmp_path, "rubrica.csv", DIRECTORY),
    ]
    kinds = [import_file(db, path) for path in files]
    assert kinds == [("ambiti", 3), ("cpi", 2), ("referents", 2), ("directory", 3)]

    comuni = {row["istat_code"]: row for row in _rows(db, "municipality")}
    assert len(comuni) >= 130  # the shipped comuni came first
    ambiti = {row["code"]: row for row in _rows(db, "ambito")}
    assert ambiti["AMB-SOMMA"]["is_demo"] is False and ambiti["AMB-PROVA"]["is_demo"] is True
    assert comuni["012123"]["ambito_id"] == ambiti["AMB-SOMMA"]["id"]
    assert comuni["012070"]["ambito_id"] == ambiti["AMB-SOMMA"]["id"]
    assert all(row["owner"] == admin.DEFAULT_PROVINCE_CODE for row in ambiti.values())

    (centre,) = _rows(db, "job_centre")
    assert centre["municipality_id"] == reference_id("municipality", "012070")
    catchment = sorted(_rows(db, "job_centre_catchment"), key=lambda r: str(r["valid_from"]))
    assert [(r["municipality_id"], r["valid_from"]) for r in catchment] == [
        (reference_id("municipality", "012070"), "2024-01-01"),
        (reference_id("municipality", "012123"), None),
    ]
    referents = {row["full_name"]: row for row in _rows(db, "referent")}
    assert referents["Fabio Sironi"]["track"] == "cmd"
    assert referents["Davide Crespi"]["valid_from"] == "2022-01-01"
    organizations = {row["name"]: row for row in _rows(db, "organization")}
    assert organizations["Cooperativa Il Ponte"]["kind"] == "social_coop_b"
    contacts = _rows(db, "contact")
    assert sorted(str(row["last_name"]) for row in contacts) == ["Ferrari", "Galli"]

    with db.read() as session:
        before = high_water_mark(session)
        count = session.scalar(select(func.count()).select_from(Record))
    for path in files:
        import_file(db, path)
    with db.read() as session:
        assert high_water_mark(session) == before
        assert session.scalar(select(func.count()).select_from(Record)) == count


def test_a_file_with_bad_rows_changes_nothing_and_names_them(db: ServerDB, tmp_path: Path) -> None:
    bad = _write(
        tmp_path,
        "ambiti.csv",
        "ambito_code;ambito_name;codice_istat;valid_from\n"
        "AMB-SOMMA;Ambito di Somma Lombardo;012123;\n"
        "AMB-X;;999999;\n"
        "AMB-Y;Ambito Y;012123;31/02/2024\n",
    )
    with pytest.raises(admin.AdminError) as raised:
        import_file(db, bad)
    message = str(raised.value)
    assert "nessuna modifica" in message
    assert "riga 3: manca ambito_name" in message
    assert "riga 4: valid_from: data non valida" in message
    assert _rows(db, "ambito") == []
    assert _rows(db, "municipality") == []


def test_an_unknown_header_is_explained(db: ServerDB, tmp_path: Path) -> None:
    with pytest.raises(admin.AdminError, match="intestazione non riconosciuta"):
        import_file(db, _write(tmp_path, "x.csv", "nome,cognome\nMario,Rossi\n"))
    with pytest.raises(admin.AdminError, match="UTF-8"):
        path = tmp_path / "latin1.csv"
        path.write_bytes("ambito_code;ambito_name;codice_istat\nA;Città;012123\n".encode("cp1252"))
        import_file(db, path)


def test_referents_need_their_cpi_first(db: ServerDB, tmp_path: Path) -> None:
    with pytest.raises(admin.AdminError, match="CPI CPI-GALLARATE sconosciuto"):
        import_file(db, _write(tmp_path, "referenti.csv", REFERENTS))


OPERATORS = """\
site_code;username;full_name;role;email;active
AMB-SOMMA;COMUNE\\m.bianchi;Maria Bianchi;referente privacy;m.bianchi@comune.example.org;
AMB-SOMMA;COMUNE\\l.colombo;Luca Colombo;social_worker;;sì
CPI-GALLARATE;REGIONE\\d.crespi;Davide Crespi;Referente;;no
"""
RETENTION = """\
record_kind;track;closing;months;needs_decision;basis
referral;;concluded;60;sì;Cinque anni (FSE+)
referral;cmd;hired;120;;Dieci anni (art. 2946 c.c.)
person;;;12;no;
"""


def _sites(db: ServerDB) -> None:
    admin.add_site(db, "provincia", "PROVINCIA-VA", "Provincia di Varese")
    admin.add_site(db, "ambito", "AMB-SOMMA", "Ambito di Somma Lombardo")
    admin.add_site(db, "cpi", "CPI-GALLARATE", "CPI di Gallarate")


def test_operators_are_imported_with_their_roles(db: ServerDB, tmp_path: Path) -> None:
    _sites(db)
    assert import_file(db, _write(tmp_path, "operatori.csv", OPERATORS)) == ("operators", 3)
    operators = {row["username"]: row for row in _rows(db, "operator")}
    assert operators["COMUNE\\m.bianchi"]["role"] == "privacy_officer"
    assert operators["COMUNE\\m.bianchi"]["active"] is True
    assert operators["COMUNE\\m.bianchi"]["owner"] == "PROVINCIA-VA"
    assert operators["COMUNE\\l.colombo"]["role"] == "social_worker"
    assert operators["REGIONE\\d.crespi"] | {"id": ""} == {
        "id": "", "owner": "PROVINCIA-VA", "username": "REGIONE\\d.crespi",
        "full_name": "Davide Crespi", "site_code": "CPI-GALLARATE", "email": "",
        "active": False, "role": "referent",
    }  # fmt: skip
    # The same person again, the account written in another case: updated, not doubled.
    again = (
        "site_code;username;full_name;role\n"
        "AMB-SOMMA;comune\\M.BIANCHI;Maria Bianchi;administrative\n"
    )
    import_file(db, _write(tmp_path, "ruoli.csv", again))
    operators = _rows(db, "operator")
    assert len(operators) == 3
    changed = next(row for row in operators if row["full_name"] == "Maria Bianchi")
    assert changed["role"] == "administrative"


def test_bad_operator_rows_are_named_and_change_nothing(db: ServerDB, tmp_path: Path) -> None:
    _sites(db)
    before = _rows(db, "operator")
    bad = (
        "site_code;username;full_name;role\n"
        "AMB-SOMMA;COMUNE\\a.rossi;Anna Rossi;direttore\n"
        "AMB-NESSUNA;COMUNE\\b.verdi;Bruno Verdi;referent\n"
        "AMB-SOMMA;COMUNE a.neri;Anna Neri;referent\n"
        "AMB-SOMMA;COMUNE\\c.gialli;Carla Gialli;referent\n"
        "AMB-SOMMA;comune\\C.GIALLI;Carla Gialli;referent\n"
        "AMB-SOMMA;COMUNE\\d.blu;;referent\n"
    )
    with pytest.raises(admin.AdminError) as error:
        import_file(db, _write(tmp_path, "operatori.csv", bad))
    message = str(error.value)
    assert "nessuna modifica, 5 righe non valide" in message
    assert "riga 2: ruolo non valido 'direttore'" in message
    assert "riga 3: sede AMB-NESSUNA sconosciuta" in message
    assert "riga 4: username non valido" in message
    assert "riga 6: username comune\\C.GIALLI ripetuto nel file" in message
    assert "riga 7: manca full_name" in message
    assert _rows(db, "operator") == before


def test_retention_rules_are_imported_and_validated(db: ServerDB, tmp_path: Path) -> None:
    _sites(db)
    assert import_file(db, _write(tmp_path, "conservazione.csv", RETENTION)) == ("retention", 3)
    rules = {(r["record_kind"], r["track"], r["closing"]): r for r in _rows(db, "retention_rule")}
    assert rules["referral", None, "concluded"]["months"] == 60
    assert rules["referral", None, "concluded"]["needs_decision"] is True
    assert rules["referral", "cmd", "hired"]["needs_decision"] is False
    assert rules["referral", "cmd", "hired"]["basis"] == "Dieci anni (art. 2946 c.c.)"
    assert rules["person", None, ""]["months"] == 12
    assert rules["referral", None, "concluded"]["id"] == reference_id(
        "retention_rule", "referral::concluded"
    )
    # A new period for the same rule: changed in place.
    renewed = "record_kind;track;closing;months\nreferral;;concluded;72\n"
    import_file(db, _write(tmp_path, "nuova.csv", renewed))
    rules = {(r["record_kind"], r["track"], r["closing"]): r for r in _rows(db, "retention_rule")}
    assert len(rules) == 3
    assert rules["referral", None, "concluded"]["months"] == 72

    bad = (
        "record_kind;track;closing;months;needs_decision\n"
        "document;;;12;\n"
        "referral;garanzia;;12;\n"
        "referral;;archived;12;\n"
        "referral;;concluded;0;\n"
        "referral;;concluded;dodici;\n"
        "referral;neet;;12;forse\n"
        "person;neet;;12;\n"
        "referral;;withdrawn;24;\n"
        "referral;;withdrawn;36;\n"
    )
    with pytest.raises(admin.AdminError) as error:
        import_file(db, _write(tmp_path, "sbagliata.csv", bad))
    message = str(error.value)
    for number, words in (
        (2, "record_kind non valido"), (3, "track non valido"), (4, "closing non valido"),
        (5, "months non valido"), (6, "months non valido"), (7, "needs_decision"),
        (8, "per record_kind person track e closing"), (10, "regola ripetuta"),
    ):  # fmt: skip
        assert f"riga {number}: {words}" in message
    assert len(_rows(db, "retention_rule")) == 3
