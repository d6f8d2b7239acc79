"""`trama report monitoring`: this PC's Monitoraggio page as a PDF (issued, SHA-256 recorded)
or an Excel workbook; the Province's from the server; every mistake a clear Italian line, exit
code 1, nothing written and nothing recorded."""

from __future__ import annotations

import hashlib
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.cli import main
from desktop.documents.charts import format_value
from desktop.domain.audit_actions import AuditAction
from desktop.domain.codes import SiteKind
from desktop.domain.monitoring import Dashboard, MonitoringFilter
from desktop.report_cli import parse_date
from desktop.services.documents import list_issued_documents
from desktop.services.monitoring import local_dashboard, province
from desktop.store.engine import Store
from desktop.store.models import AuditEntry
from sync.client.errors import OfflineError
from tests.documents_support import text_of
from tests.monitoring_report_support import province_dashboard
from tests.test_monitoring_figures import World, as_site, seed_world

YEAR = MonitoringFilter(date(2026, 1, 1), date(2026, 12, 31))


@pytest.fixture
def world(store: Store) -> World:
    world = seed_world(store, referrals=120)
    as_site(store, "AMB-VA", SiteKind.AMBITO)
    return world


def _report(store: Store, *args: str) -> int:
    return main(["report", "monitoring", "--data-dir", str(store.path.parent), *args])


def _exports(store: Store) -> list[str]:
    query = select(AuditEntry.details).where(AuditEntry.action == AuditAction.EXPORT)
    with store.read() as session:
        return list(session.scalars(query))


def test_the_pdf_holds_this_pcs_page_and_is_recorded_as_issued(
    store: Store, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.pdf"
    assert _report(store, "--from", "01/01/2026", "--to", "2026-12-31", "-o", str(output)) == 0
    pdf = output.read_bytes()
    digest = hashlib.sha256(pdf).hexdigest()
    said = capsys.readouterr().out
    assert f"Report di monitoraggio stampato in {output} (SHA-256 {digest})." in said
    [issued] = list_issued_documents(store)
    assert (issued.document_type, issued.sha256) == ("monitoring_report", digest)
    # The figures of the page this PC shows, counted here independently of the command.
    dashboard: Dashboard = local_dashboard(store, YEAR)
    text = text_of(pdf)
    for figure in dashboard.figures():
        assert f"{figure.label} {format_value(figure.value, figure.unit)}" in text
    assert "dal 1° gennaio 2026 al 31 dicembre 2026" in text
    assert "Osservazioni del Tavolo (da compilare a mano)." in text


def test_notes_and_one_track(
    store: Store, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "cmd.pdf"
    notes = "Il Tavolo chiede di verificare i tempi del CPI di Gallarate."
    args = ("--from", "2026-07-01", "--to", "30/09/2026", "--track", "cmd", "--notes", notes)
    assert _report(store, *args, "-o", str(output)) == 0
    text = text_of(output.read_bytes())
    assert notes in text
    assert "Percorso: Collocamento mirato (CMD)" in text
    assert "III trimestre 2026 (dal 1° luglio 2026 al 30 settembre 2026)" in text


def test_the_workbook_holds_the_same_figures_and_is_audited_as_an_export(
    store: Store, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.xlsx"
    assert _report(store, "--from", "01/01/2026", "--to", "31/12/2026", "-o", str(output)) == 0
    assert f"esportate in {output}" in capsys.readouterr().out
    workbook = load_workbook(output)
    assert workbook.sheetnames[:2] == ["Copertina", "Sintesi"]
    dashboard = local_dashboard(store, YEAR)
    summary = list(workbook["Sintesi"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in summary] == [figure.label for figure in dashboard.figures()]
    assert list_issued_documents(store) == []  # a workbook is exported, not issued
    assert _exports(store) == [
        f"kind=monitoring; format=xlsx; audience=sender; "
        f"tables={sum(1 for _chart in dashboard.charts())}"
    ]


@pytest.mark.parametrize(
    ("start", "end", "name", "extra", "message"),
    [
        ("ieri", "31/12/2026", "r.pdf", (), "La data di --from (ieri) non è valida"),
        ("01/01/2026", "2026-13-01", "r.pdf", (), "La data di --to (2026-13-01) non esiste"),
        ("31/02/2026", "31/12/2026", "r.pdf", (), "non esiste nel calendario"),
        ("01/10/2026", "30/09/2026", "r.pdf", (), "la data di --to precede quella di --from"),
        ("01/01/2026", "31/12/2026", "r.docx", (), "Formato del report sconosciuto (.docx)"),
        ("01/01/2026", "31/12/2026", "r", (), "nessuna estensione"),
        ("01/01/2026", "31/12/2026", "manca/r.pdf", (), "non esiste"),
        ("01/01/2026", "31/12/2026", "r.xlsx", ("--notes", "Note"), "si stampano nel PDF"),
        ("01/01/2026", "31/12/2026", "r.pdf", ("--notes", "x" * 4001), "troppo lunghe"),
    ],
)
def test_mistakes_are_said_and_nothing_is_written_or_recorded(
    store: Store,
    world: World,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    start: str,
    end: str,
    name: str,
    extra: tuple[str, ...],
    message: str,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code = _report(store, "--from", start, "--to", end, "-o", str(folder / name), *extra)
    assert code == 1
    error = capsys.readouterr().err
    assert error.startswith("trama: ") and message in error
    assert "Traceback" not in error
    assert list(folder.iterdir()) == []
    assert list_issued_documents(store) == []
    assert _exports(store) == []


def test_a_read_only_output_is_kept(
    store: Store, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "vecchio.pdf"
    output.write_bytes(b"older report")
    output.chmod(stat.S_IRUSR)
    assert _report(store, "--from", "01/01/2026", "--to", "31/12/2026", "-o", str(output)) == 1
    assert "è in sola lettura" in capsys.readouterr().err
    output.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert output.read_bytes() == b"older report"
    assert list_issued_documents(store) == []


def test_a_data_folder_that_is_not_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--from", "01/01/2026", "--to", "31/12/2026", "-o", str(tmp_path / "r.pdf")]
    assert main(["report", "monitoring", "--data-dir", str(tmp_path / "nessuna"), *args]) == 1
    assert "La cartella dati" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_an_unknown_track_is_a_usage_error(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        _report(
            store, "--from", "01/01/2026", "--to", "31/12/2026", "--track", "xyz", "-o", "r.pdf"
        )
    assert stopped.value.code == 2
    assert "scelta non valida: 'xyz'" in capsys.readouterr().err


def _province_module(monkeypatch: pytest.MonkeyPatch, fetch: object) -> list[MonitoringFilter]:
    """The Province's client (``fetch_province_dashboard``) replaced by ``fetch``, without a
    server; the filters it was asked for."""
    asked: list[MonitoringFilter] = []

    def fetch_province_dashboard(store: Store, flt: MonitoringFilter) -> Dashboard:
        asked.append(flt)
        return fetch(flt)  # type: ignore[operator, no-any-return]

    monkeypatch.setattr(province, "fetch_province_dashboard", fetch_province_dashboard)
    return asked


def test_the_provinces_report_comes_from_the_server(
    store: Store,
    world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    as_site(store, "PROV-VA", SiteKind.PROVINCIA)
    asked = _province_module(monkeypatch, lambda flt: province_dashboard())
    output = tmp_path / "provincia.pdf"
    assert _report(store, "--from", "01/01/2026", "--to", "30/09/2026", "-o", str(output)) == 0
    assert asked == [MonitoringFilter(date(2026, 1, 1), date(2026, 9, 30))]
    text = text_of(output.read_bytes())
    assert "Ambito di Arcisate <5 7 9" in text
    assert "«<5»: valore non pubblicato" in text


def test_the_province_without_the_server_gets_a_clear_message_and_no_file(
    store: Store,
    world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    as_site(store, "PROV-VA", SiteKind.PROVINCIA)

    def offline(flt: MonitoringFilter) -> Dashboard:
        raise OfflineError("Il server provinciale non risponde (https://trama.example.it).")

    _province_module(monkeypatch, offline)
    output = tmp_path / "provincia.xlsx"
    assert _report(store, "--from", "01/01/2026", "--to", "30/09/2026", "-o", str(output)) == 1
    error = capsys.readouterr().err
    assert "Il monitoraggio della Provincia si legge dal server provinciale: Il server" in error
    assert "Il server provinciale non risponde" in error
    assert not output.exists()
    assert _exports(store) == []


def test_dates_in_both_forms() -> None:
    assert parse_date("1/7/2026", "--from") == date(2026, 7, 1)
    assert parse_date(" 2026-07-01 ", "--from") == date(2026, 7, 1)
    assert parse_date("29/02/2028", "--to") == date(2028, 2, 29)


def test_a_mistake_from_the_real_command_shows_no_traceback(store: Store, tmp_path: Path) -> None:
    output = tmp_path / "r.pdf"
    store.dispose()
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "report", "monitoring", "--data-dir",
         str(store.path.parent), "--from", "30/09/2026", "--to", "01/07/2026", "-o", str(output)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "la data di --to precede quella di --from" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()
