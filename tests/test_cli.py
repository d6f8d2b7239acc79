"""The command line contract of DESIGN.md §6: clear messages, exit codes, no tracebacks."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from desktop import __version__
from desktop.cli import main
from desktop.domain.identity import os_account

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
    assert "120 segnalazioni dimostrative create" in result.stdout
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
    assert rows[0][0] == "Numero"
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
    assert rows[0][0] == "Identificativo"
    assert len(rows) > 1


def test_export_unknown_format_is_refused(seeded_dir: Path, tmp_path: Path) -> None:
    result = _trama(
        "export", "referrals", "--data-dir", str(seeded_dir), "-o", str(tmp_path / "x.pdf")
    )
    assert result.returncode != 0
    assert "Formato di esportazione sconosciuto (.pdf)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_missing_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = _trama(
        "export", "persons", "--data-dir", str(tmp_path / "none"), "-o", str(tmp_path / "p.csv")
    )
    assert result.returncode == 1
    assert "non esiste" in result.stderr
    assert "Traceback" not in result.stderr


def test_folder_without_trama_data_is_not_created(tmp_path: Path) -> None:
    result = _trama("export", "persons", "--data-dir", str(tmp_path), "-o", str(tmp_path / "p.csv"))
    assert result.returncode == 1
    assert "non ci sono dati di Trama" in result.stderr
    assert not (tmp_path / "trama.sqlite").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "widgets", "--data-dir", "x", "-o", "y.csv"], "scelta non valida"),
        (["seed-demo", "--data-dir", "x", "--referrals", "many"], "non è un numero intero"),
        (["seed-demo", "--data-dir", "x", "--referrals", "-3"], "non può essere negativo"),
        (["seed-demo"], "mancano gli argomenti obbligatori: --data-dir"),
        (["frobnicate"], "scelta non valida"),
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


# `trama --demo` up to the window: the app's run() is replaced by one that reports what it was
# given, so no GUI is needed. The child has no keyring backend at all, as on a fresh PC.
_DEMO_CHILD = """
import json, sys, types
from pathlib import Path

def run(data_dir, *, demo, prepare=None):
    import threading
    from desktop.store.migrate import open_store

    prepare()  # the demo data, made behind the app's progress window

    # The window is open: the demo's server starts, the folder is enrolled and synced in the
    # background (the thread ends early only if the demo stays offline).
    import time
    from desktop.demo import session as demo_session

    going = [t for t in threading.enumerate() if t.name == "demo-server"]
    deadline = time.monotonic() + 300
    while going and going[0].is_alive() and time.monotonic() < deadline:
        if all(session.finished.is_set() for session in demo_session.OPEN_SESSIONS):
            break
        time.sleep(0.2)
    from sync.client import credentials
    from sync.client.enroll import enrollment
    from sync.client.engine import SyncEngine

    from desktop.services.installation import current_actor

    store = open_store(data_dir)
    try:
        enrolled = enrollment(store)
        report = {"data_dir": str(data_dir), "demo": demo, "enrolled": None}
        actor = current_actor(store)
        report["actor"] = [actor.operator, actor.role.value if actor.role else None]
        with store.raw_read() as connection:
            report["referrals"] = connection.execute("SELECT count(*) FROM referral").fetchone()[0]
            report["owners"] = sorted({row[0] for row in connection.execute(
                "SELECT owner_site FROM referral")})
        if enrolled is not None:
            result = SyncEngine(store).run()  # as the app's scheduler would
            report["enrolled"] = {"site": enrolled.site_code, "url": enrolled.server_url}
            report["sync"] = {"pending": result.pending, "rejected": result.rejected}
            report["token_file"] = credentials.is_demo_folder(Path(data_dir))
        report["server_file"] = (Path(data_dir) / "demo-server" / "server.sqlite").exists()
    finally:
        store.dispose()
    Path(sys.argv[1]).write_text(json.dumps(report))
    return 0

sys.modules["desktop.ui.app"] = types.SimpleNamespace(run=run)
if sys.argv[2] == "broken-server":
    import desktop.demo.server as server
    server.server_command = lambda *args: [sys.executable, "-c", "raise SystemExit(3)"]
from desktop.cli import main
sys.exit(main(["--demo"]))
"""


def _demo(tmp_path: Path, mode: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    report = tmp_path / "report.json"
    environment = {
        **os.environ,
        "TMPDIR": str(tmp_path),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    result = subprocess.run(
        [sys.executable, "-c", _DEMO_CHILD, str(report), mode],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    return result, json.loads(report.read_text(encoding="utf-8"))


def test_demo_starts_a_local_server_syncs_with_it_and_stops_it_on_exit(tmp_path: Path) -> None:
    result, report = _demo(tmp_path, "normal")

    data_dir = Path(report["data_dir"])
    assert report["demo"] and data_dir.parent == tmp_path
    assert report["enrolled"]["site"] == "AMB-SOMMA"
    url = report["enrolled"]["url"]
    assert url.startswith("http://127.0.0.1:")
    assert f"server dimostrativo: {url}" in result.stderr
    # Synced: the seeded referrals were sent in the background, and the app's syncs work; the
    # two records of the demo's sync conflict wait for a person to resolve it.
    assert report["sync"] == {"pending": 2, "rejected": 0}
    assert report["referrals"] == 300 and report["owners"] == ["AMB-SOMMA"]
    # No keyring on this "PC": the token is in the folder's demo-only file.
    assert report["token_file"]
    assert report["server_file"]
    # Whoever runs the demo is its site's privacy officer, as the demo server's configuration
    # says (the role comes from the server): the audit and retention screens are open to them.
    assert report["actor"] == [os_account(), "privacy_officer"]
    # The app has exited: so has its server, and its throwaway folder is gone, the server's in it.
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/api/v1/meta", timeout=5)
    assert not data_dir.exists()


def test_demo_opens_offline_when_its_server_cannot_start(tmp_path: Path) -> None:
    result, report = _demo(tmp_path, "broken-server")

    assert report["enrolled"] is None
    assert report["referrals"] == 300
    assert "server dimostrativo non disponibile" in result.stderr
    assert "Traceback" not in result.stderr
    assert not Path(report["data_dir"]).exists()


_SERVER_CHILD = """
import sys
import time
from pathlib import Path
from desktop.demo.server import start_demo_server
server = start_demo_server(Path(sys.argv[1]))
print(server.url, flush=True)
sys.stdin.read()  # until the test kills this process
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's prctl")
def test_the_demo_server_ends_when_trama_is_killed(tmp_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", _SERVER_CHILD, str(tmp_path / "demo")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None
            url = child.stdout.readline().strip()
            assert url.startswith("http://127.0.0.1:")
            assert httpx.get(f"{url}/api/v1/meta", timeout=10).status_code == 200
        finally:
            child.kill()  # SIGKILL: no finally of the app's runs
            child.wait()
    # The server gets SIGTERM from the kernel when its parent dies and shuts down: wait for
    # its port to close (bounded), polling the condition rather than sleeping a fixed time.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/api/v1/meta", timeout=2)
        except httpx.TransportError:
            break
    else:
        pytest.fail("the demo server outlived the killed app")


def test_without_the_desktop_extra_trama_says_what_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A server installed with `.[server]` has the `trama` command but not Qt or ReportLab.
    import importlib.util  # noqa: PLC0415

    real_find_spec = importlib.util.find_spec

    def without_desktop(name: str, *args: Any) -> Any:
        return None if name in ("PySide6", "reportlab") else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", without_desktop)
    assert main(["sync", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "mancano: PySide6, reportlab" in err
    assert 'pip install "trama[desktop]"' in err
    assert not (tmp_path / "trama.sqlite").exists()
