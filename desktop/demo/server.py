"""The local demo server of ``trama --demo``: sync seen working on one PC, with fake data.

``trama-server init-demo`` and ``serve`` run as child processes on a free port of 127.0.0.1,
with their own SQLite file in ``demo-server/`` inside the throwaway demo folder. The folder is
enrolled for the Ambito di Somma Lombardo and keeps its token in a file marked as demo
(``sync.client.credentials``), so the demo works on a PC with no keyring backend. The caller
stops the server when the app exits; if anything here fails the app opens offline.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from desktop.store.files import create_private_file, make_private, make_private_dir
from sync.protocol import API_PREFIX

log = logging.getLogger(__name__)

DEMO_SITE = "AMB-SOMMA"  # the confirmed Ambito of the demo configuration
SERVER_FOLDER = "demo-server"
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0


class DemoServerError(Exception):
    """The demo server could not be started or reached; the message says why."""


def _run(command: list[str], stop: threading.Event | None) -> subprocess.CompletedProcess[bytes]:
    """``subprocess.run`` that gives up at once, ending the child, when ``stop`` is set (the
    demo was closed while its server was still being made)."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    ) as child:
        deadline = time.monotonic() + START_TIMEOUT_S * 2
        while True:
            try:
                out, err = child.communicate(timeout=0.2)
                break
            except subprocess.TimeoutExpired as error:
                if (stop is not None and stop.is_set()) or time.monotonic() > deadline:
                    child.kill()
                    child.communicate()
                    if stop is not None and stop.is_set():
                        raise DemoServerError("the demo ended before its server was up") from None
                    raise error
        return subprocess.CompletedProcess(command, child.returncode, out, err)


def server_command(*arguments: str) -> list[str]:
    """``trama-server ...`` as this Python (or, in a frozen build, the executable beside it)."""
    if getattr(sys, "frozen", False):
        executable = Path(sys.executable).with_name(
            "trama-server" + (".exe" if os.name == "nt" else "")
        )
        if not executable.exists():
            raise DemoServerError(f"{executable.name} is not part of this build")
        return [str(executable), *arguments]
    return [sys.executable, "-m", "sync.server.cli", *arguments]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class DemoServer:
    """A running demo server; ``stop()`` ends it (twice is fine)."""

    url: str
    process: subprocess.Popen[bytes]
    folder: Path
    enrollment_codes: dict[str, str] = field(default_factory=dict)  # site code → code

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        log.info("demo server stopped")


def _configure_this_account(folder: Path, db_url: str, stop: threading.Event | None) -> None:
    """The OS account running the demo, as the demo Ambito's privacy officer on its server.

    The role comes from the site's configuration on the server (issue 15), as in an office:
    without this the demo's audit, retention and extract screens would stay closed to whoever
    runs it. The account is this PC's only: never in the server's shipped demo file.
    """
    from desktop.demo.reference import DEMO_ACCOUNT_NAME  # noqa: PLC0415
    from desktop.demo.reference_data import LOCAL_AMBITO  # noqa: PLC0415
    from desktop.domain.identity import os_account  # noqa: PLC0415

    listing = folder / "operatori-demo.csv"
    listing.write_text(
        "site_code;username;full_name;role\n"
        f"{LOCAL_AMBITO};{os_account()};{DEMO_ACCOUNT_NAME};privacy_officer\n",
        encoding="utf-8",
    )
    try:
        done = _run(server_command("reference", "import", str(listing), "--db", db_url), stop)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DemoServerError(f"the demo operator was not configured: {error}") from error
    finally:
        listing.unlink(missing_ok=True)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise DemoServerError(f"the demo operator was not configured: {detail[0]}")


def start_demo_server(data_dir: Path, *, stop: threading.Event | None = None) -> DemoServer:
    """Create the demo server's database under ``data_dir`` and serve it on 127.0.0.1; a set
    ``stop`` ends the making early (``DemoServerError``)."""
    folder = data_dir / SERVER_FOLDER
    make_private_dir(folder)
    db_url = f"sqlite:///{folder / 'server.sqlite'}"
    try:
        demo = _run(server_command("init-demo", "--db", db_url, "--json"), stop)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DemoServerError(f"init-demo did not run: {error}") from error
    if demo.returncode != 0:
        detail = demo.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise DemoServerError(f"init-demo exited with {demo.returncode}: {detail[0]}")
    _configure_this_account(folder, db_url, stop)
    for made in folder.iterdir():  # the server's file, made by a child with the umask's mode
        make_private(made)
    sites = json.loads(demo.stdout)["sites"]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = server_command(
        "serve", "--db", db_url, "--host", "127.0.0.1", "--port", str(port), "--workers", "1"
    )
    log_path = folder / "serve.log"
    if not log_path.exists():
        create_private_file(log_path)
    with log_path.open("ab") as output:
        try:
            process = subprocess.Popen(
                command,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=_end_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
            )
        except OSError as error:
            raise DemoServerError(f"the server did not start: {error}") from error
    server = DemoServer(
        url=url,
        process=process,
        folder=folder,
        enrollment_codes={site["code"]: site["enrollment_code"] for site in sites},
    )
    try:
        _wait_until_serving(server, stop)
    except DemoServerError:
        server.stop()
        raise
    log.info("demo server at %s (log: %s)", url, folder / "serve.log")
    return server


def _wait_until_serving(server: DemoServer, stop: threading.Event | None) -> None:
    """Poll the meta call; a dead server (or a set ``stop``) ends the wait at once."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if stop is not None and stop.is_set():
            raise DemoServerError("the demo ended before its server was up")
        try:
            if httpx.get(f"{server.url}{API_PREFIX}/meta", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        try:
            server.process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            continue
        raise DemoServerError(
            f"the server exited with {server.process.returncode} "
            f"(see {server.folder / 'serve.log'})"
        )
    raise DemoServerError(f"the server did not answer within {START_TIMEOUT_S:.0f} s")


def _end_with_parent() -> None:
    """In the server's child process, before it runs: a SIGTERM when Trama ends, even killed
    (the finally that stops the server does not run then). Linux only: prctl(PR_SET_PDEATHSIG)."""
    import ctypes  # noqa: PLC0415 - only in the child, only on Linux

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
