"""Every benchmark figure of this tree against another commit's, measured in the same run.

    python -m tests.bench.compare [REV] [--size N] [--rounds R] [--only NAME ...] [--json FILE]

REV (default ``HEAD~1``) is checked out in a temporary git worktree. Both sides run the same
benchmarks on one seeded data folder, alternately (REV, this tree, REV, this tree, ...) so that
a busy spell of the shared machine weighs on both; each figure's median over the rounds is
compared. The report gives, for every figure, this tree's value, REV's and the change in the
figure's good direction (less time and memory, more throughput): "+3%" is better, "-12%" worse.
A change worse than 10% is flagged; the exit code is 1 when one is.

The ``sync`` benchmark has its own same-run comparison (``python -m tests.bench --only sync
--baseline REV``) and the ``bundle`` one builds a package: neither runs here unless named.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_BY_DEFAULT = ("sync", "bundle")
WORSE_LIMIT = 0.10
# Units where more is better; every other unit (s, ms, MB) is a cost.
HIGHER_IS_BETTER = {"rec/s", "rows/s"}


def _run_side(tree: Path, names: list[str], data_dir: Path, size: int, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "tests.bench", "--json", str(out), "--size", str(size)]
    for name in names:
        command += ["--only", name]
    command += ["--data-dir", str(data_dir)]
    subprocess.run(command, cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL)


def _benchmark_names() -> list[str]:
    from tests.bench.runner import load_benchmarks  # noqa: PLC0415 - this tree's list

    return list(load_benchmarks())


def _change(unit: str, current: float, baseline: float) -> float:
    """The relative change in the good direction: positive is better."""
    if baseline == 0:
        return 0.0
    if unit in HIGHER_IS_BETTER:
        return current / baseline - 1
    return baseline / current - 1 if current else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.compare")
    parser.add_argument("rev", nargs="?", default="HEAD~1")
    parser.add_argument("--size", type=int, default=20000, help="referrals to seed (20000)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    names = args.only or [n for n in _benchmark_names() if n not in SKIPPED_BY_DEFAULT]
    work = Path(tempfile.mkdtemp(prefix="trama-compare-"))
    other = work / "baseline"
    try:
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(other), args.rev],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        from tests.bench.seed import seed_data_folder  # noqa: PLC0415

        data_dir = work / "data"
        data_dir.mkdir()
        print(f"seeding {args.size} referrals (untimed)", file=sys.stderr)
        seed_data_folder(data_dir, size=args.size, seed=1)
        values: dict[tuple[str, str], list[float]] = defaultdict(list)
        units: dict[str, str] = {}
        for round_number in range(args.rounds):
            for side, tree in (("baseline", other), ("current", ROOT)):
                print(f"round {round_number + 1}: {side}", file=sys.stderr)
                out = work / f"{side}-{round_number}.json"
                _run_side(tree, names, data_dir, args.size, out)
                for figure in json.loads(out.read_text(encoding="utf-8")):
                    values[(figure["name"], side)].append(float(figure["value"]))
                    units[figure["name"]] = figure["unit"]
        rows = []
        worse = []
        for name, unit in units.items():
            current = values.get((name, "current"))
            baseline = values.get((name, "baseline"))
            if not current or not baseline:
                continue
            now, before = statistics.median(current), statistics.median(baseline)
            change = _change(unit, now, before)
            rows.append(
                {"name": name, "unit": unit, "current": now, "baseline": before, "change": change}
            )
            if change < -WORSE_LIMIT:
                worse.append(name)
        width = max((len(row["name"]) for row in rows), default=10)
        print(f"{'figure':<{width}}  {'this tree':>12}  {args.rev:>12}  change")
        for row in rows:
            flag = "  WORSE" if row["name"] in worse else ""
            print(
                f"{row['name']:<{width}}  {row['current']:>9.1f} {row['unit']:<3}"
                f"{row['baseline']:>9.1f} {row['unit']:<3}  {row['change']:+.1%}{flag}"
            )
        if args.json is not None:
            args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
        return 1 if worse else 0
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(other)],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
