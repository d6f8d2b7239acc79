"""``trama-server``: administration commands, their messages and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from sync.protocol import reference_id
from sync.server import admin
from sync.server.cli import main
from sync.server.db import Record


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_site_add_and_enroll_code(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    status, out, _ = run(capsys, "site", "add", "--kind", "ambito", "--code", "AMB-SOMMA",
                         "--name", "Ambito di Somma Lombardo", "--db", sqlite_url)  # fmt: skip
    assert status == 0 and "AMB-SOMMA" in out
    status, out, _ = run(capsys, "enroll-code", "AMB-SOMMA", "--db", sqlite_url)
    assert status == 0
    code = out.strip().splitlines()[-1]
    assert len(code) == 19 and code.count("-") == 3
    db = admin.open_db(sqlite_url)
    try:
        assert admin.enroll(db, code, "PC").site.code == "AMB-SOMMA"
    finally:
        db.dispose()
    status, out, _ = run(capsys, "site", "list", "--db", sqlite_url)
    assert "AMB-SOMMA\tambito" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["site", "add", "--kind", "ambito", "--code", "bad code", "--name", "X"], "non valido"),
        (["site", "add", "--kind", "cpi", "--code", "CPI-X", "--name", "  "], "obbligatorio"),
        (["enroll-code", "NOPE"], "non esiste"),
        (["enroll-code", "NOPE", "--days", "0"], "almeno un giorno"),
        (["enroll-code", "NOPE", "--days", "366"], "al massimo di 365 giorni"),
        (["enroll-code", "NOPE", "--days", "99999999"], "al massimo di 365 giorni"),
        (["device", "revoke", "no-such-device"], "Nessun dispositivo"),
        (["reference", "import", "/no/such/file.csv"], "non esiste"),
    ],
)
def test_bad_input_is_a_message_and_a_non_zero_exit(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, argv: list[str], message: str
) -> None:
    status, _, err = run(capsys, *argv, "--db", sqlite_url)
    assert status != 0
    assert message in err
    assert "Traceback" not in err


def test_a_second_province_or_a_repeated_site_is_refused(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    assert run(capsys, "site", "add", "--kind", "provincia", "--code", "PROVINCIA-VA",
               "--name", "Provincia di Varese", "--db", sqlite_url)[0] == 0  # fmt: skip
    status, _, err = run(capsys, "site", "add", "--kind", "provincia", "--code", "PROV-2",
                         "--name", "Altra", "--db", sqlite_url)  # fmt: skip
    assert status == 1 and "esiste già" in err
    status, _, err = run(capsys, "site", "add", "--kind", "provincia", "--code", "PROVINCIA-VA",
                         "--name", "Altra", "--db", sqlite_url)  # fmt: skip
    assert status == 1 and "esiste già" in err


def test_an_unusable_database_url_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "site", "list", "--db", "nonsense://")
    assert status == 2 and "Traceback" not in err
    status, _, err = run(capsys, "site", "list", "--db",
                         "postgresql+psycopg://nobody@127.0.0.1:1/none")  # fmt: skip
    assert status == 1 and "database non raggiungibile" in err


def test_device_list_and_revoke(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    db = admin.open_db(sqlite_url)
    try:
        admin.add_site(db, "cpi", "CPI-VARESE", "CPI di Varese")
        device = admin.enroll(db, admin.issue_enrollment_code(db, "CPI-VARESE"), "PC Varese 1")
    finally:
        db.dispose()
    status, out, _ = run(capsys, "device", "list", "--db", sqlite_url)
    assert status == 0 and device.device_id in out and "attivo" in out
    status, out, _ = run(capsys, "device", "revoke", device.device_id, "--db", sqlite_url)
    assert status == 0 and "revocato" in out
    assert "revocato" in run(capsys, "device", "list", "--db", sqlite_url)[1]


def test_init_demo_prints_a_code_per_site(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    # As a user runs it: its own process, JSON on stdout.
    answer = subprocess.run(
        [sys.executable, "-c", "from sync.server.cli import main; raise SystemExit(main())",
         "init-demo", "--db", url, "--json"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert answer.returncode == 0, answer.stderr
    sites = json.loads(answer.stdout)["sites"]
    kinds = {site["kind"] for site in sites}
    assert kinds == {"ambito", "cpi", "provincia", "ets"}
    by_code = {site["code"]: site for site in sites}
    assert by_code["AMB-SOMMA"]["name"] == "Ambito di Somma Lombardo"
    assert "(demo)" in by_code["AMB-VARESE"]["name"]
    assert by_code["PROVINCIA-VA"]["kind"] == "provincia"
    assert all(len(site["enrollment_code"]) == 19 for site in sites)
    assert len({site["enrollment_code"] for site in sites}) == len(sites)
    assert {"code", "kind", "name", "enrollment_code"} == set(sites[0])
    db = admin.open_db(url)
    try:
        with db.read() as session:
            comuni = session.scalars(
                select(Record.id).where(Record.table_name == "municipality")
            ).all()
            somma = session.get(Record, ("municipality", reference_id("municipality", "012123")))
            ambito = session.scalar(
                select(Record).where(
                    Record.table_name == "ambito", Record.natural_key == "AMB-SOMMA"
                )
            )
            assert len(comuni) >= 130
            assert somma is not None and somma.data["name"] == "Somma Lombardo"
            assert ambito is not None and ambito.data["is_demo"] is False
            assert somma.data["ambito_id"] == ambito.id
        # Run again: nothing doubles, a fresh code per site.
        again = admin.list_sites(db)
        assert len(again) == len(sites)
    finally:
        db.dispose()
