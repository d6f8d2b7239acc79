"""The server installs on its own: ``pip install ".[server]"`` (not editable) in a fresh venv
brings neither Qt nor ReportLab, and ``trama-server`` works there (issue 12).

Slow (a real install; pip's cache makes a second run quicker), but part of the suite: it is the
only test that sees the server as the Province's IT installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# What a build of the project reads: the sources are copied so that the build's own folders
# (build/, *.egg-info) never land in the shared checkout.
BUILD_INPUTS = ("pyproject.toml", "README.md", "desktop", "sync")

pytestmark = pytest.mark.slow

_COUNT_COMUNI = (
    "import sys\n"
    "from sqlalchemy import create_engine, text\n"
    "with create_engine(sys.argv[1]).connect() as c:\n"
    "    print(c.scalar(text(\"SELECT count(*) FROM record WHERE table_name = 'municipality'\")))\n"
)


def _run(*argv: str | Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("PYTHONPATH", None)  # the venv must see only what it installed
    env.pop("TRAMA_SERVER_DB", None)
    return subprocess.run(
        [str(part) for part in argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=env,
        cwd=Path(argv[0]).parent,  # never the checkout: its packages would shadow the venv's
    )


@pytest.fixture(scope="module")
def server_venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    venv = base / "venv"
    created = subprocess.run(
        [sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, check=False
    )
    assert created.returncode == 0, created.stderr
    installed = _run(venv / "bin" / "python", "-m", "pip", "install", "-q", f"{source}[server]")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    yield venv


def test_the_server_install_brings_neither_qt_nor_reportlab(server_venv: Path) -> None:
    listed = _run(server_venv / "bin" / "python", "-m", "pip", "list", "--format=freeze")
    assert listed.returncode == 0, listed.stderr
    names = {line.split("==")[0].lower() for line in listed.stdout.splitlines()}
    assert {"trama", "fastapi", "uvicorn", "sqlalchemy", "alembic"} <= names
    assert not {name for name in names if name.startswith(("pyside6", "shiboken6"))}
    assert "reportlab" not in names


def test_trama_server_runs_and_migrates_there(server_venv: Path, tmp_path: Path) -> None:
    command = server_venv / "bin" / "trama-server"
    helped = _run(command, "--help")
    assert helped.returncode == 0, helped.stderr
    assert "migrate" in helped.stdout
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    migrated = _run(command, "migrate", "--db", url)
    assert migrated.returncode == 0, migrated.stderr
    assert "Database aggiornato" in migrated.stdout
    # The comuni list (loaded before a first Ambiti file) and the demo rows are package data:
    # found without a checkout.
    ambiti = tmp_path / "ambiti.csv"
    ambiti.write_text("ambito_code;ambito_name;codice_istat\nAMB-X;Ambito X;012119\n", "utf-8")
    imported = _run(command, "reference", "import", ambiti, "--db", url)
    assert imported.returncode == 0, imported.stderr
    listed = _run(server_venv / "bin" / "python", "-c", _COUNT_COMUNI, url)
    assert int(listed.stdout) > 100, listed.stderr
    demo = _run(command, "init-demo", "--db", f"sqlite:///{tmp_path / 'demo.sqlite'}", "--json")
    assert demo.returncode == 0, demo.stderr
    assert '"AMB-SOMMA"' in demo.stdout


def test_trama_without_the_desktop_extra_says_so_in_italian(server_venv: Path) -> None:
    started = _run(server_venv / "bin" / "trama", "sync", "--data-dir", "nowhere")
    assert started.returncode == 1
    assert "non comprende l'applicazione per gli uffici" in started.stderr
    assert "trama[desktop]" in started.stderr
    assert "Traceback" not in started.stderr
