"""The command line contract of DESIGN.md §6: clear messages, exit codes, no tracebacks."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop import __version__
from desktop.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:openpyxl")


def _trama(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def seeded_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeded") / "data"
    result = _trama("seed-demo", "--data-dir", str(folder), "--referrals", "120", "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert "120 referrals seeded" in result.stdout
    return folder


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"trama {__version__}"


def test_export_csv_first_column_is_the_referral_number(seeded_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "referrals.csv"
    assert main(["export", "referrals", "--data-dir", str(seeded_dir), "-o", str(output)]) == 0
    with output.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][0] == "numero"
    assert len(rows) > 100
    assert all(row[0][:4].isdigit() and row[0][4] == "/" for row in rows[1:])


@pytest.mark.parametrize("kind", ["persons", "projects", "meetings"])
def test_export_xlsx_of_each_kind(seeded_dir: Path, tmp_path: Path, kind: str) -> None:
    output = tmp_path / f"{kind}.xlsx"
    assert main(["export", kind, "--data-dir", str(seeded_dir), "-o", str(output)]) == 0
    workbook = load_workbook(output, read_only=True)
    try:
        sheet = workbook.active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()
    assert rows[0][0] == "id"
    assert len(rows) > 1


def test_export_unknown_format_is_refused(seeded_dir: Path, tmp_path: Path) -> None:
    result = _trama(
        "export", "referrals", "--data-dir", str(seeded_dir), "-o", str(tmp_path / "x.pdf")
    )
    assert result.returncode != 0
    assert "unknown export format .pdf" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_missing_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = _trama(
        "export", "persons", "--data-dir", str(tmp_path / "none"), "-o", str(tmp_path / "p.csv")
    )
    assert result.returncode == 1
    assert "data folder not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_folder_without_trama_data_is_not_created(tmp_path: Path) -> None:
    result = _trama("export", "persons", "--data-dir", str(tmp_path), "-o", str(tmp_path / "p.csv"))
    assert result.returncode == 1
    assert "no Trama data" in result.stderr
    assert not (tmp_path / "trama.sqlite").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "widgets", "--data-dir", "x", "-o", "y.csv"], "invalid choice"),
        (["seed-demo", "--data-dir", "x", "--referrals", "many"], "not a whole number"),
        (["seed-demo", "--data-dir", "x", "--referrals", "-3"], "must not be negative"),
        (["seed-demo"], "required"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments(args: list[str], message: str) -> None:
    result = _trama(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_seed_is_deterministic(tmp_path: Path) -> None:
    digests = []
    for name in ("a", "b"):
        folder = tmp_path / name
        args = ["seed-demo", "--data-dir", str(folder), "--referrals", "30", "--seed", "5"]
        assert main(args) == 0
        output = tmp_path / f"{name}.csv"
        assert main(["export", "referrals", "--data-dir", str(folder), "-o", str(output)]) == 0
        digests.append(output.read_bytes())
    assert digests[0] == digests[1]
