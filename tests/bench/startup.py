"""Start-up time and peak memory: the application against a bare PySide6 window.

Both are separate processes run the same way: ``QT_QPA_PLATFORM=offscreen``, the bench
ready-file protocol (``TRAMA_BENCH_READY_FILE`` receives ``time.time()`` at the first paint,
``TRAMA_BENCH_QUIT_AFTER_READY`` quits right after). Start-up is measured from just before the
process is spawned to the time in the file; peak memory is the process's own ``ru_maxrss`` as
``wait4`` reports it for that child alone. Both are taken by a tiny launcher process
(``tests.bench.launch``) rather than by the runner, whose own size would leak into the child's
``ru_maxrss``. One untimed warm-up of each comes first, so that both find the interpreter and
Qt's libraries in the disk cache; then the two alternate.
"""

from __future__ import annotations

import compileall
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.bench.runner import REPO_ROOT, BenchContext, Figure, Target, benchmark

START_TIMEOUT_S = 120.0
MAX_START_RATIO = 2.0  # issue 20: start-up to the list at most twice a bare window
MAX_PEAK_RSS_MB = 300.0


@dataclass(frozen=True)
class ProcessRun:
    startup_s: float
    peak_rss_mb: float


def _tail(path: Path, lines: int = 15) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def run_until_painted(command: list[str], folder: Path) -> ProcessRun:
    """Spawn a process that follows the ready-file protocol; wait for it to paint and exit."""
    ready_file = folder / "ready"
    ready_file.unlink(missing_ok=True)
    output = folder / "output.txt"
    environment = dict(os.environ)
    environment.update(
        QT_QPA_PLATFORM="offscreen",
        TRAMA_BENCH_READY_FILE=str(ready_file),
        TRAMA_BENCH_QUIT_AFTER_READY="1",
        # No benchmark may reach the user's real keyring.
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    launcher = [sys.executable, "-m", "tests.bench.launch", str(START_TIMEOUT_S), *command]
    with output.open("wb") as err:
        finished = subprocess.run(
            launcher,
            cwd=REPO_ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=err,
            stdin=subprocess.DEVNULL,
            timeout=START_TIMEOUT_S + 30,
            check=True,
        )
    report = json.loads(finished.stdout.decode("utf-8").strip().splitlines()[-1])
    shown = " ".join(command)
    if report["timed_out"]:
        raise RuntimeError(
            f"{shown} did not paint and quit within {START_TIMEOUT_S:.0f} s:\n{_tail(output)}"
        )
    if report["returncode"] != 0 or not ready_file.exists():
        raise RuntimeError(
            f"{shown} exited with {report['returncode']}"
            f"{'' if ready_file.exists() else ' without writing the ready file'}:\n"
            f"{_tail(output)}"
        )
    painted = float(ready_file.read_text(encoding="utf-8").strip())
    return ProcessRun(painted - float(report["started"]), report["peak_rss_kb"] / 1024)


def compile_bytecode() -> None:
    """Write the ``__pycache__`` of our packages, as an installed build has it compiled: with
    ``PYTHONDONTWRITEBYTECODE`` set (CI, some shells) every start would compile Trama's own
    modules from source again, a cost the bare window (Qt's modules ship compiled) never pays.
    Python reads the compiled files whatever that variable says."""
    for package in ("desktop", "sync", "tests/bench"):
        compileall.compile_dir(REPO_ROOT / package, quiet=1)


def application_command(data_dir: Path) -> list[str]:
    """The application as ``trama --data-dir DIR`` starts it."""
    return [sys.executable, "-m", "desktop", "--data-dir", str(data_dir)]


def bare_window_command() -> list[str]:
    return [sys.executable, "-m", "tests.bench.bare_window"]


@benchmark("startup")
def startup_and_memory(context: BenchContext) -> list[Figure]:
    data_dir = context.seeded_data_dir()
    app_folder = context.scratch("startup-app")
    bare_folder = context.scratch("startup-bare")
    app_command = application_command(data_dir)
    bare_command = bare_window_command()

    compile_bytecode()
    run_until_painted(app_command, app_folder)  # warm-up, not counted
    run_until_painted(bare_command, bare_folder)
    app_runs: list[ProcessRun] = []
    bare_runs: list[ProcessRun] = []
    for _ in range(context.runs):
        app_runs.append(run_until_painted(app_command, app_folder))
        bare_runs.append(run_until_painted(bare_command, bare_folder))
    context.log(
        "   start-up (s): app "
        + " ".join(f"{run.startup_s:.2f}" for run in app_runs)
        + " | bare "
        + " ".join(f"{run.startup_s:.2f}" for run in bare_runs)
    )

    def median(runs: list[ProcessRun], attribute: str) -> float:
        return float(statistics.median(getattr(run, attribute) for run in runs))

    app_rss_max = max(run.peak_rss_mb for run in app_runs)
    return [
        Figure(
            "startup_to_list",
            median(app_runs, "startup_s"),
            "s",
            baseline=median(bare_runs, "startup_s"),
            target=Target("ratio", "<=", MAX_START_RATIO),
            note=(
                f"median of {context.runs} runs, process spawn -> first painted referral list "
                f"(`python -m desktop --data-dir`, {context.size:,} referrals); baseline: spawn "
                "-> first paint of a bare PySide6 QWidget; both offscreen, alternating, after "
                "one warm-up each"
            ),
        ),
        Figure(
            "peak_rss_list_open",
            median(app_runs, "peak_rss_mb"),
            "MB",
            baseline=median(bare_runs, "peak_rss_mb"),
            target=Target("value", "<", MAX_PEAK_RSS_MB),
            note=(
                f"median over the same runs of the process's peak RSS (wait4 ru_maxrss; "
                f"highest run {app_rss_max:.0f} MB), from start to quitting right after the "
                "first painted list; baseline: the bare PySide6 window process"
            ),
        ),
    ]
