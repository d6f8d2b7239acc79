"""The measuring half of ``--baseline``: push and first-pull throughput of one source tree.

Run as a script in its own process, never imported by the tree it measures::

    PYTHONPATH=TREE python -P tests/bench/sync_driver.py prepare --work DIR --referrals N
    PYTHONPATH=TREE python -P tests/bench/sync_driver.py measure --work DIR --snapshot FILE \
        --pull-code CODE --push-code CODE --push-referrals M

``TREE`` is a checkout of the commit being measured (the current one or the baseline): the
server and the client come from there, this file from the tree that runs the comparison, so
both commits are measured by the same code. ``-P`` keeps this file's folder off ``sys.path``
(its ``sync.py`` would hide the ``sync`` package). The commit may be older or newer than this
file, so it uses only interfaces that every release since be9bcfe has: the ``trama-server``
command line (``init-demo --json``, ``enroll-code``, ``serve``), ``open_store``, ``enroll``,
``seed_demo`` and ``SyncEngine(store).run()`` with its ``SyncResult`` (read defensively). It
imports nothing from ``tests``.

- ``prepare``: ``trama-server init-demo`` on a new SQLite database, ``serve``, and a PC of the
  Ambito di Somma Lombardo that seeds ``--referrals`` demo referrals (persons, events,
  acknowledgements) and pushes them all. The stopped server's database is the snapshot every
  round starts from: the first-pull scope. Untimed.
- ``measure`` (one round): the snapshot is copied and served; a fresh PC of the same Ambito
  enrolls (with an unused code ``prepare`` printed) and makes its first sync (first-pull
  throughput: records applied per second of the pull stage); then a PC of another Ambito, whose
  scope is only the reference data, seeds ``--push-referrals`` referrals and sends them in the
  client's own batches (push throughput: records the server accepted per second of the push
  stage). CPU time of client and server is measured beside.

Each command prints one JSON object on its last line of standard output.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import httpx
import keyring
import keyring.backend

PULL_SITE = "AMB-SOMMA"  # the first-pull scope: the seeded referrals are this Ambito's
PUSH_SITE = "AMB-VARESE"  # another Ambito: its PC starts with the reference data only
PUSH_SEED_OFFSET = 1000  # the pushing PC's demo data must not repeat the scope's identifiers
START_TIMEOUT_S = 120.0


class MemoryKeyring(keyring.backend.KeyringBackend):
    """The device tokens of this process; the user's real keyring is never touched."""

    priority = 1
    entries: ClassVar[dict[tuple[str, str], str]] = {}  # one keyring per process: enough

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


# ---------------------------------------------------------------- the server, by its CLI


def server_command(*arguments: str) -> list[str]:
    # -P: the working directory must not put another tree's packages first.
    return [sys.executable, "-P", "-m", "sync.server.cli", *arguments]


def run_server_cli(*arguments: str) -> str:
    done = subprocess.run(server_command(*arguments), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(
            f"trama-server {arguments[0]} exited with {done.returncode}: {done.stderr.strip()}"
        )
    return done.stdout


def database_url(path: Path) -> str:
    return f"sqlite:///{path}"


def init_demo(db: Path) -> dict[str, str]:
    """The demo sites and their first enrollment codes, site code → code."""
    payload = json.loads(run_server_cli("init-demo", "--db", database_url(db), "--json"))
    return {site["code"]: site["enrollment_code"] for site in payload["sites"]}


def enrollment_code(db: Path, site: str) -> str:
    """A new one-time code: the last line ``trama-server enroll-code`` prints."""
    lines = run_server_cli("enroll-code", site, "--db", database_url(db)).split()
    return lines[-1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Server:
    url: str
    pid: int

    def cpu_seconds(self) -> float:
        """User and system time the server process has used so far (0 without psutil)."""
        try:
            import psutil  # type: ignore[import-untyped]  # noqa: PLC0415 - a dev dependency

            times = psutil.Process(self.pid).cpu_times()
        except ImportError:
            return 0.0
        return float(times.user + times.system)


@contextmanager
def serving(db: Path, log: Path) -> Iterator[Server]:
    """``trama-server serve`` (one process) on 127.0.0.1 until the block ends."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("ab") as output:
        process = subprocess.Popen(
            server_command(
                "serve", "--db", database_url(db), "--host", "127.0.0.1", "--port", str(port)
            ),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_serving(url, process)
            yield Server(url, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_serving(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v1/meta", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        try:
            process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"the server exited with {process.returncode} (see serve.log)")
    raise RuntimeError(f"the server did not answer within {START_TIMEOUT_S:.0f} s")


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy (SQLite's backup API reads the WAL too)."""
    reader = sqlite3.connect(source)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


# ---------------------------------------------------------------- the client, in process


class PC:
    """One data folder enrolled with the server, synced by the tree's own engine."""

    def __init__(self, folder: Path, server: Server, code: str) -> None:
        # Imported here: these modules come from the tree being measured (PYTHONPATH).
        from desktop.store.migrate import open_store  # noqa: PLC0415
        from sync.client.enroll import enroll  # noqa: PLC0415

        self.store: Any = open_store(folder)
        enroll(self.store, server_url=server.url, code=code, device_name=f"bench {folder.name}")
        self.server = server

    def sync(self) -> dict[str, Any]:
        from sync.client.engine import SyncEngine  # noqa: PLC0415

        client_cpu, server_cpu = time.process_time(), self.server.cpu_seconds()
        result = SyncEngine(self.store).run()
        client_cpu, server_cpu = (
            time.process_time() - client_cpu,
            self.server.cpu_seconds() - server_cpu,
        )
        stages = dict(getattr(result, "stage_seconds", {}) or {})
        return {
            "sent": int(getattr(result, "sent", 0)),
            "accepted": int(getattr(result, "accepted", getattr(result, "sent", 0))),
            "rejected": int(getattr(result, "rejected", 0)),
            "received": int(getattr(result, "received", 0)),
            "elapsed_s": float(result.elapsed_seconds),
            "client_cpu_s": client_cpu,
            "server_cpu_s": server_cpu,
            "stages_s": {str(name): float(seconds) for name, seconds in stages.items()},
        }

    def seed(self, referrals: int, seed: int) -> float:
        from desktop.demo.seed import seed_demo  # noqa: PLC0415

        started = time.perf_counter()
        seed_demo(self.store, referrals=referrals, seed=seed)
        return time.perf_counter() - started

    def close(self) -> None:
        self.store.dispose()


def stage(sync: dict[str, Any], name: str) -> float:
    """The seconds of one stage of a sync (the whole sync if the engine did not say)."""
    seconds: float = sync["stages_s"].get(name, sync["elapsed_s"])
    return seconds


# ---------------------------------------------------------------- the commands


def prepare(work: Path, referrals: int, seed: int) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    snapshot = work / "scope.sqlite"
    codes = init_demo(snapshot)
    with serving(snapshot, work / "serve.log") as server:
        source = PC(work / "source", server, codes[PULL_SITE])
        try:
            source.sync()  # the reference data, which seeding needs
            seed_s = source.seed(referrals, seed)
            pushed = source.sync()
        finally:
            source.close()
    return {
        "snapshot": str(snapshot),
        # Unused in the snapshot, so good once in every copy of it: no command per round.
        "pull_code": enrollment_code(snapshot, PULL_SITE),
        "push_code": codes[PUSH_SITE],
        "referrals": referrals,
        "seed_s": seed_s,
        "pushed": pushed["sent"],
        "accepted": pushed["accepted"],
        "rejected": pushed["rejected"],
        "push_s": stage(pushed, "push"),
    }


def measure(
    work: Path, snapshot: Path, codes: tuple[str, str], push_referrals: int, seed: int
) -> dict[str, Any]:
    """One round on a copy of ``snapshot``; ``codes``: its unused codes to pull and to push."""
    work.mkdir(parents=True, exist_ok=True)
    db = work / "server.sqlite"
    copy_database(snapshot, db)
    pull_code, push_code = codes
    load = os.getloadavg()[0]
    with serving(db, work / "serve.log") as server:
        fresh = PC(work / "fresh", server, pull_code)
        try:
            first = fresh.sync()
        finally:
            fresh.close()

        sender = PC(work / "sender", server, push_code)
        try:
            sender.sync()  # the reference data, which seeding needs
            sender.seed(push_referrals, seed + PUSH_SEED_OFFSET)
            pushed = sender.sync()
        finally:
            sender.close()
    return {
        "load": load,
        "pull_records": first["received"],
        "pull_s": stage(first, "pull"),
        "first_sync_s": first["elapsed_s"],
        "pull_client_cpu_s": first["client_cpu_s"],
        "pull_server_cpu_s": first["server_cpu_s"],
        "push_sent": pushed["sent"],
        "push_accepted": pushed["accepted"],
        "push_rejected": pushed["rejected"],
        "push_s": stage(pushed, "push"),
        "push_sync_s": pushed["elapsed_s"],
        "push_client_cpu_s": pushed["client_cpu_s"],
        "push_server_cpu_s": pushed["server_cpu_s"],
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    first = commands.add_parser("prepare", help="build the first-pull scope's snapshot")
    first.add_argument("--work", type=Path, required=True)
    first.add_argument("--referrals", type=int, required=True)
    first.add_argument("--seed", type=int, default=1)
    each = commands.add_parser("measure", help="one round: a first pull, then a push")
    each.add_argument("--work", type=Path, required=True)
    each.add_argument("--snapshot", type=Path, required=True)
    each.add_argument("--pull-code", required=True, help="prepare's pull_code")
    each.add_argument("--push-code", required=True, help="prepare's push_code")
    each.add_argument("--push-referrals", type=int, required=True)
    each.add_argument("--seed", type=int, default=1)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    keyring.set_keyring(MemoryKeyring())  # type: ignore[no-untyped-call]
    if args.command == "prepare":
        outcome = prepare(args.work.resolve(), args.referrals, args.seed)
    else:
        outcome = measure(
            args.work.resolve(),
            args.snapshot.resolve(),
            (args.pull_code, args.push_code),
            args.push_referrals,
            args.seed,
        )
    import desktop  # noqa: PLC0415 - which tree answered, for the report

    outcome["tree"] = str(Path(desktop.__file__).resolve().parents[1])
    print(json.dumps(outcome), flush=True)  # the answer to the caller
    return 0


if __name__ == "__main__":  # seed_demo's workers are spawned: they must not run this again
    sys.exit(main())
