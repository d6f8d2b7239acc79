"""``trama import``: the summary printed, the report written, the exit codes, and every user
mistake as one Italian line without a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from desktop.cli import main
from desktop.domain.codes import SiteKind
from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.services.installation import set_settings
from desktop.store.engine import Store
from desktop.store.models import ImportedRow, Person, Referral
from desktop.store.settings import SITE_CODE, SITE_KIND
from tests.imports import engine_support as es
from tests.imports.workbooks import write_xlsx
from tests.services_support import Network, build_network, make_person


@pytest.fixture
def network(store: Store) -> Network:
    built = build_network(store)
    set_settings(store, {SITE_CODE: "AMB-VA", SITE_KIND: SiteKind.AMBITO.value})
    return built


@pytest.fixture
def office(store: Store, network: Network) -> Store:
    return store


def run(store: Store, *args: str) -> int:
    return main(["import", *args, "--data-dir", str(store.path.parent)])


def referrals_file(tmp_path: Path, rows: list[list[object]] | None = None) -> Path:
    body = rows if rows is not None else es.referral_rows(6)
    return write_xlsx(
        tmp_path / "invii 2024.xlsx",
        [["Elenco invii al CPI - 2024"], [], list(es.REFERRAL_HEADERS), *body],
    )


def counts(store: Store) -> tuple[int, int, int]:
    with store.read() as session:
        return (
            int(session.scalar(select(func.count()).select_from(Person)) or 0),
            int(session.scalar(select(func.count()).select_from(Referral)) or 0),
            int(session.scalar(select(func.count()).select_from(ImportedRow)) or 0),
        )


def test_dry_run_prints_the_summary_and_writes_nothing(
    office: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = es.referral_rows(6)
    rows[1][3] = "31/02/2001"
    path = referrals_file(tmp_path, rows)
    before = es.dump(office)
    report = tmp_path / "esito.xlsx"
    assert run(office, "referrals", str(path), "--dry-run", "--report", str(report)) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == [
        "File invii 2024.xlsx, foglio «Foglio1»: 6 righe lette.",
        "Da creare: 5; da aggiornare: 0; invariate: 0; scartate: 1; da decidere: 0.",
    ]
    assert "Errori (1):" in out
    assert "  riga 5, colonna D (Data di nascita): " in out
    assert f"Report della prova scritto in {report}: contiene dati personali." in out
    assert out.rstrip().endswith("Prova di importazione: nulla è stato scritto nell'archivio.")
    # Nothing but the report's own audit row (an export of the file's personal data).
    after = es.dump(office)
    added = set(after.pop("audit_entry")) - set(before.pop("audit_entry"))
    settings = set(after.pop("local_setting")) - set(before.pop("local_setting"))
    assert {key for key, _ in settings} <= {"audit.chain_id"}  # the chain's first row
    assert after == before
    assert [row for row in added if "import_report" in str(row)] == list(added)
    assert len(added) == 1
    sheet = load_workbook(report)["Righe"]
    assert [cell.value for cell in sheet[1]][-4:] == [
        "Esito",
        "Errori",
        "Modifiche",
        "Riga del file",
    ]
    assert sheet["M3"].value == "Scartata"


def test_import_then_again_then_nothing_to_import(
    office: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = referrals_file(tmp_path)
    assert run(office, "referrals", str(path)) == 0
    out = capsys.readouterr().out
    assert "Importazione completata: 6 create, 0 aggiornate, 0 invariate, 0 scartate." in out
    assert counts(office) == (6, 6, 6)
    before = es.dump(office)
    assert run(office, "referrals", str(path)) == 1
    out = capsys.readouterr().out
    assert "invariate: 6" in out
    assert "Nulla da importare" in out
    assert es.dump(office) == before


def test_near_matches_need_accept_similar(
    office: Store, network: Network, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stored = make_person(office, network)
    code = encode_fiscal_code(
        last_name="Brambilla",
        first_name="Giullia",
        sex="F",
        birth_date=stored.birth_date,  # type: ignore[arg-type]
        birthplace_code="L682",
    )
    path = write_xlsx(
        tmp_path / "persone.xlsx",
        [list(es.PERSON_HEADERS), ["Brambilla", "Giullia", stored.birth_date, code, None]],
    )
    assert run(office, "persons", str(path)) == 1
    out = capsys.readouterr().out
    assert "da decidere: 1" in out
    assert "1 righe riguardano forse persone già presenti (righe 2)" in out
    assert counts(office)[0] == 1
    assert run(office, "persons", str(path), "--accept-similar") == 0
    assert counts(office)[0] == 2


def test_a_saved_mapping_is_used(
    office: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = referrals_file(tmp_path)
    mapping = tmp_path / "mappatura.json"
    by_header: dict[str, str | None] = dict(es.REFERRAL_MAPPING)
    by_header["Motivo"] = None
    mapping.write_text(
        json.dumps({"versione": 1, "tipo": "segnalazioni", "colonne": by_header}),
        encoding="utf-8",
    )
    assert run(office, "referrals", str(path), "--dry-run", "--mapping", str(mapping)) == 0
    assert "Colonne non importate: Motivo." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("referrals", "{missing}"), "non esiste"),
        (("referrals", "{file}", "--report", "{tmp}/esito.csv"), "deve finire in .xlsx"),
        (("referrals", "{file}", "--report", "{tmp}/nessuna/esito.xlsx"), "non esiste"),
        (("referrals", "{file}", "--sheet", "Altro"), "Il file non ha un foglio «Altro»"),
        (("referrals", "{file}", "--mapping", "{tmp}/rotta.json"), ""),
        (("persons", "{text}"), "non ci sono righe sotto l'intestazione"),
    ],
)
def test_user_mistakes_are_one_italian_line(
    office: Store,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    path = referrals_file(tmp_path)
    (tmp_path / "rotta.json").write_text("{non è json", encoding="utf-8")
    (tmp_path / "nota.xlsx").write_text("non sono un foglio di calcolo", encoding="utf-8")
    values = {
        "missing": str(tmp_path / "assente.xlsx"),
        "file": str(path),
        "tmp": str(tmp_path),
        "text": str(tmp_path / "nota.xlsx"),
    }
    before = es.dump(office)
    assert run(office, *(arg.format(**values) for arg in args)) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("trama: ")
    assert message in lines[0]
    assert "Traceback" not in captured.err + captured.out
    assert es.dump(office) == before


def test_a_site_that_may_not_send_referrals_is_told(
    office: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_settings(office, {SITE_CODE: "PROV-VA", SITE_KIND: SiteKind.PROVINCIA.value})
    assert run(office, "referrals", str(referrals_file(tmp_path)), "--dry-run") == 1
    assert "Nessun percorso di segnalazione" in capsys.readouterr().err
