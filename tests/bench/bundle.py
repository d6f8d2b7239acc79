"""The packaged build (issue 7): its size on disk and how fast it starts.

- ``bundle_size``: the unpacked one-folder bundle (files, symbolic links not followed) in MB
  (10^6 bytes). Baseline: what the same Qt weighs installed from PyPI (the PySide6 and
  shiboken6 packages of the virtualenv), the floor any Qt application starts from.
- ``bundle_startup``: spawn to the first painted referral list of the bundle's executable,
  against ``python -m desktop`` from source on the same data folder: the same ready-file
  protocol, offscreen, alternating, one untimed warm-up each (as ``tests.bench.startup``).

The bundle is ``TRAMA_BENCH_BUNDLE``, else ``dist/trama`` of the checkout; when neither exists
one is built with PyInstaller into the run's scratch folder first (untimed, a few minutes).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from tests.bench.runner import REPO_ROOT, BenchContext, Figure, Target, benchmark
from tests.bench.startup import application_command, run_until_painted

MAX_BUNDLE_MB = 175.0  # issue 13: the real cryptography is in, and worth its size
MAX_START_RATIO = 1.3


def folder_bytes(path: Path) -> int:
    return sum(
        entry.stat(follow_symlinks=False).st_size
        for entry in path.rglob("*")
        if entry.is_file() and not entry.is_symlink()
    )


def find_or_build_bundle(context: BenchContext) -> Path:
    named = os.environ.get("TRAMA_BENCH_BUNDLE")
    bundle = Path(named) if named else REPO_ROOT / "dist" / "trama"
    if (bundle / "trama").is_file():
        return bundle
    work = context.scratch("pyinstaller")
    context.log(f"no bundle at {bundle}: building one into {work} (untimed)")
    subprocess.run([sys.executable, "-m", "desktop.ui.i18n"], cwd=REPO_ROOT, check=True)
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(REPO_ROOT / "installer" / "trama.spec")],
        cwd=REPO_ROOT, check=True,
    )  # fmt: skip
    return work / "dist" / "trama"


def qt_from_pypi_bytes() -> int:
    import PySide6  # noqa: PLC0415 - only for its location
    import shiboken6  # noqa: PLC0415

    return sum(folder_bytes(Path(module.__file__ or "").parent) for module in (PySide6, shiboken6))


@benchmark("bundle")
def bundle_size_and_startup(context: BenchContext) -> list[Figure]:
    bundle = find_or_build_bundle(context)
    data_dir = context.seeded_data_dir()
    bundle_command = [str(bundle / "trama"), "--data-dir", str(data_dir)]
    source_command = application_command(data_dir)
    bundle_folder = context.scratch("bundle-start")
    source_folder = context.scratch("source-start")

    run_until_painted(bundle_command, bundle_folder)  # warm-up, not counted
    run_until_painted(source_command, source_folder)
    bundle_runs: list[float] = []
    source_runs: list[float] = []
    for _ in range(context.runs):
        bundle_runs.append(run_until_painted(bundle_command, bundle_folder).startup_s)
        source_runs.append(run_until_painted(source_command, source_folder).startup_s)
    context.log(
        "   start-up (s): bundle "
        + " ".join(f"{value:.2f}" for value in bundle_runs)
        + " | source "
        + " ".join(f"{value:.2f}" for value in source_runs)
    )
    return [
        Figure(
            "bundle_size",
            folder_bytes(bundle) / 1e6,
            "MB",
            baseline=qt_from_pypi_bytes() / 1e6,
            target=Target("value", "<", MAX_BUNDLE_MB),
            note=(
                f"unpacked one-folder bundle {bundle} (files, links not followed); baseline: "
                "the PySide6 and shiboken6 packages as installed from PyPI"
            ),
        ),
        Figure(
            "bundle_startup",
            float(statistics.median(bundle_runs)),
            "s",
            baseline=float(statistics.median(source_runs)),
            target=Target("ratio", "<=", MAX_START_RATIO),
            note=(
                f"median of {context.runs} runs, spawn -> first painted referral list of the "
                f"bundle's executable ({context.size:,} referrals); baseline: `python -m "
                "desktop` from source on the same folder; offscreen, alternating, after one "
                "warm-up each"
            ),
        ),
    ]
