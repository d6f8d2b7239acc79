"""A day-long session: 10,000 operations of a working day on the running application.

``python -m tests.bench --only soak [--ops N]`` starts ``tests.bench.soak_driver`` in a process
of its own, under Xvfb (``xvfb-run``; the offscreen platform when Xvfb is not installed, said in
the note). A new demo folder of 2,000 referrals is made and enrolled with its demo server on
127.0.0.1 in the runner's process, as ``trama --demo`` does; the measured process opens the
main window on it and runs the day's mix of
searches, scrolls, page switches, referral editors opened, changed and saved, print previews
and syncs (``soak_driver.MIX``).

Figures:

- ``soak_rss_end``: the process's RSS after the last operation; baseline: its RSS after the
  warm-up (the first 1,000 operations, a tenth of a shorter run). Target: ratio < 1.2 (growth
  under 20%);
- ``soak_problems``: crashes, Qt or Python warnings, log records of WARNING and above,
  exceptions escaping a slot, modal dialogs left open. Target 0; any is listed in the note;
- ``soak_ops_per_s``: operations per second after the warm-up (informational), against the
  warm-up's own rate.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.bench.runner import REPO_ROOT, BenchContext, Figure, Target, benchmark

DEFAULT_OPS = 10_000
DEMO_REFERRALS = 2000
MAX_GROWTH_RATIO = 1.20
SCREEN = "1366x768x24"
# Seconds per operation allowed before the run is called hung (plus the set-up).
TIMEOUT_PER_OP_S = 2.0
SETUP_TIMEOUT_S = 600.0


def soak_command(out: Path, *, ops: int, seed: int, data_dir: Path) -> tuple[list[str], str]:
    """The driver's command line, under Xvfb when it is installed; and which display it gets."""
    command = [
        sys.executable,
        "-m",
        "tests.bench.soak_driver",
        str(out),
        "--ops",
        str(ops),
        "--seed",
        str(seed),
        "--data-dir",
        str(data_dir),
    ]
    if shutil.which("xvfb-run") is not None:
        return ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", *command], "Xvfb"
    return command, "offscreen"


def run_soak(
    work_dir: Path, *, ops: int, seed: int, referrals: int = DEMO_REFERRALS
) -> tuple[dict[str, Any], str, int]:
    """A demo folder enrolled with its demo server, made here (its seeding is not the measured
    process's memory), then the day in a process of its own."""
    from desktop.demo.session import open_demo  # noqa: PLC0415

    session = open_demo(referrals=referrals, seed=seed)
    try:
        session.go_online()
        session.wait(SETUP_TIMEOUT_S)
        if not session.online.is_set():
            raise RuntimeError(f"the demo server did not come: {session.offline_reason}")
        out = work_dir / "soak.json"
        command, platform = soak_command(out, ops=ops, seed=seed, data_dir=session.data_dir)
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
        env.pop("QT_QPA_PLATFORM", None)
        if platform == "offscreen":
            env["QT_QPA_PLATFORM"] = "offscreen"
        done = subprocess.run(
            command,
            cwd=work_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=SETUP_TIMEOUT_S + ops * TIMEOUT_PER_OP_S,
            check=False,
        )
    finally:
        session.close()
        shutil.rmtree(session.data_dir, ignore_errors=True)
    report: dict[str, object] = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    return report, platform, done.returncode


@benchmark("soak")
def soak(context: BenchContext) -> list[Figure]:
    ops = context.ops or DEFAULT_OPS
    report, platform, returncode = run_soak(context.scratch("soak"), ops=ops, seed=context.seed)
    problems = [str(problem) for problem in report.get("problems", [])]
    if returncode != 0:
        problems.insert(0, f"the application process ended with {returncode}")
    if not report.get("finished"):
        problems.insert(0, f"the day did not finish (stopped after {report.get('ops', 0)} ops)")
    done = int(report.get("ops", 0))
    warm_ops = int(report.get("warm_up_ops", 0))
    warm_kib = int(report.get("warm_rss_kib", 0))
    end_kib = int(report.get("end_rss_kib", 0))
    seconds = float(report.get("seconds", 0.0))
    warm_seconds = float(report.get("warm_seconds", 0.0))
    samples = report.get("samples", [])
    peak_kib = max((int(kib) for _ops, kib in samples), default=end_kib)
    counts = report.get("counts", {})
    for problem in problems[:20]:
        context.log(f"   soak problem: {problem[:500]}")
    where = (
        f"{done:,} operations ({counts}) under {platform}, a {DEMO_REFERRALS:,}-referral demo "
        "folder synced with its demo server on 127.0.0.1"
    )
    return [
        Figure(
            "soak_rss_end",
            end_kib / 1024,
            "MB",
            baseline=warm_kib / 1024 if warm_kib else None,
            target=Target("ratio", "<", MAX_GROWTH_RATIO),
            note=(
                f"{where}; RSS after the warm-up ({warm_ops:,} operations) is the baseline; "
                f"growth {(end_kib - warm_kib) * 100 / warm_kib if warm_kib else float('nan'):.1f}%"
                f", highest sample {peak_kib / 1024:.0f} MB"
            ),
        ),
        Figure(
            "soak_problems",
            float(len(problems)),
            "",
            target=Target("value", "<", 1),
            note="; ".join(problem[:300] for problem in problems[:5]) or "none",
        ),
        Figure(
            "soak_ops_per_s",
            (done - warm_ops) / seconds if seconds else 0.0,
            "ops/s",
            baseline=warm_ops / warm_seconds if warm_seconds else None,
            note="after the warm-up; baseline: the warm-up's own rate (first paints included)",
        ),
    ]
