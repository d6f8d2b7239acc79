"""`trama seed-demo` in a folder enrolled with the provincial server (issue 6): the data are the
folder's site's own, on the reference data received; a CPI's or the Province's folder refuses."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.cli import main
from desktop.services.installation import get_settings
from tests.sync.e2e.live import LiveServer, Office

Offices = Callable[[str], Office]
REFERENCE_TABLES = ("ambito", "municipality", "job_centre", "site", "operator", "referent")


def test_the_seed_of_an_enrolled_ambito_is_its_own_on_the_reference_data_received(
    office: Offices, capsys: pytest.CaptureFixture[str]
) -> None:
    pc = office("AMB-GALLARATE")
    pc.sync()
    received = {table: pc.value(f"SELECT count(*) FROM {table}") for table in REFERENCE_TABLES}

    assert main(["seed-demo", "--data-dir", str(pc.data_dir), "--referrals", "25"]) == 0
    assert "25 segnalazioni dimostrative create" in capsys.readouterr().out

    # Nothing of the offline demo configuration was added beside what the server sent.
    for table in REFERENCE_TABLES:
        assert pc.value(f"SELECT count(*) FROM {table}") == received[table], table
        assert pc.value(f"SELECT count(*) FROM {table} WHERE server_revision IS NULL") == 0
    # (The server is shared by the tests: rows that came from it are other tests'.)
    assert pc.rows(
        "SELECT DISTINCT owner_site, sending_site FROM referral WHERE server_revision IS NULL"
    ) == [("AMB-GALLARATE", "AMB-GALLARATE")]
    operator = get_settings(pc.store)["operator.username"]
    assert pc.value("SELECT site_code FROM operator WHERE username = ?", operator) == (
        "AMB-GALLARATE"
    )
    # Every referral points at a CPI and every person at a comune the server knows.
    assert not pc.rows(
        "SELECT r.id FROM referral r LEFT JOIN job_centre j ON j.id = r.job_centre_id "
        "WHERE j.server_revision IS NULL"
    )
    assert not pc.rows(
        "SELECT p.id FROM person p JOIN municipality m ON m.id = p.residence_municipality_id "
        "WHERE m.server_revision IS NULL"
    )
    # Only what the Ambito itself does: the CPI's steps are the CPI's, made on its PC.
    assert not pc.rows("SELECT id FROM referral_handling WHERE server_revision IS NULL")
    result = pc.sync()
    assert result.rejected == 0 and result.pending == 0
    assert pc.agrees_with_server()


def test_an_enrolled_cpi_or_province_folder_refuses_the_seed(
    office: Offices, server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    for site, words in ((server.sites("cpi")[0], "centro per l'impiego"),
                        ("PROVINCIA-VA", "Provincia")):  # fmt: skip
        pc = office(site)
        pc.sync()
        assert main(["seed-demo", "--data-dir", str(pc.data_dir), "--referrals", "5"]) == 1
        error = capsys.readouterr().err
        assert error.startswith("trama: Questa cartella dati è registrata")
        assert words in error and site in error
        assert pc.value("SELECT count(*) FROM referral WHERE server_revision IS NULL") == 0


def test_an_enrolled_folder_without_reference_data_yet_asks_for_a_sync_first(
    office: Offices, capsys: pytest.CaptureFixture[str]
) -> None:
    pc = office("AMB-BUSTO")
    assert main(["seed-demo", "--data-dir", str(pc.data_dir), "--referrals", "5"]) == 1
    assert "sincronizzare (trama sync)" in capsys.readouterr().err
    assert pc.value("SELECT count(*) FROM ambito") == 0
