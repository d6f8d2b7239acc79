"""The benchmark runner: a registry of benchmarks, the shared run context, the report.

A benchmark is a function ``(BenchContext) -> list[Figure]`` registered with
``@benchmark("name")`` in one of the modules listed in ``BENCHMARK_MODULES``; they run in that
order. Each figure carries its own baseline, measured in the same run, and an optional target on
the value or on the ratio. Targets are reported, never asserted: the exit code is 0 unless a
benchmark itself crashed, or a figure marked ``gate`` missed its target (the ``--baseline``
comparison: exit 1).
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# Later issues add their module here; the order is the order of the run (seed first: the
# others reuse the data folder it fills).
BENCHMARK_MODULES: tuple[str, ...] = (
    "tests.bench.seed",
    "tests.bench.startup",
    "tests.bench.demo_launch",
    "tests.bench.search",
    "tests.bench.editor",
    "tests.bench.referral_list",
    "tests.bench.documents",
    "tests.bench.codesign",
    "tests.bench.monitoring",
    "tests.bench.worklist",
    "tests.bench.sync",
    "tests.bench.monitoring_server",
    "tests.bench.bundle",
    "tests.bench.retention",
    "tests.bench.monitoring_report",
    "tests.bench.imports",
    "tests.bench.persons_list",
    "tests.bench.soak",
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SIZE = 100_000
DEFAULT_SEED = 1
DEFAULT_BASELINE = "HEAD~1"  # --baseline with no commit named
DEFAULT_BASELINE_REFERRALS = 20_000

Comparison = Literal["<", "<=", ">", ">="]


@dataclass(frozen=True)
class Target:
    """A bound on a figure's value (in its unit) or on its ratio to the baseline."""

    on: Literal["value", "ratio"]
    op: Comparison
    bound: float

    def describe(self, unit: str) -> str:
        symbol = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}[self.op]
        if self.on == "ratio":
            return f"ratio {symbol} {self.bound:g}"
        return f"{symbol} {self.bound:g} {unit}"

    def met_by(self, figure: Figure) -> bool | None:
        measured = figure.value if self.on == "value" else figure.ratio
        if measured is None or math.isnan(measured):
            return None
        return {
            "<": measured < self.bound,
            "<=": measured <= self.bound,
            ">": measured > self.bound,
            ">=": measured >= self.bound,
        }[self.op]


@dataclass(frozen=True)
class Figure:
    """One line of the report. ``baseline`` is in the same unit as ``value``."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    target: Target | None = None
    note: str = ""
    gate: bool = False  # a missed target (or none measured) makes the run exit with 1

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        return None if self.target is None else self.target.met_by(self)

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "baseline": self.baseline,
            "ratio": self.ratio,
            "target": None if self.target is None else self.target.describe(self.unit),
            "target_on": None if self.target is None else self.target.on,
            "target_op": None if self.target is None else self.target.op,
            "target_bound": None if self.target is None else self.target.bound,
            "passed": self.passed,
            "gate": self.gate,
            "note": self.note,
        }


@dataclass
class BenchContext:
    """What the benchmarks of one run share: the size, a scratch folder, the seeded data."""

    size: int
    seed: int
    runs: int
    work_dir: Path
    # Set by the seed benchmark; filled without timing by ``seeded_data_dir`` when it did not run.
    seeded_dir: Path | None = None
    # ``--baseline``: the commit to compare with, in the same run (see tests/bench/sync_baseline).
    baseline: str | None = None
    current: str | None = None  # None: the working tree
    rounds: int = 3
    baseline_referrals: int = DEFAULT_BASELINE_REFERRALS
    ops: int | None = None  # --ops: the soak's operations (None: its own default)
    log: Callable[[str], None] = field(default=lambda text: print(text, file=sys.stderr))

    def scratch(self, name: str) -> Path:
        """A new, empty folder inside the run's work folder."""
        path = self.work_dir / name
        suffix = 1
        while path.exists():
            suffix += 1
            path = self.work_dir / f"{name}-{suffix}"
        path.mkdir(parents=True)
        return path

    def seeded_data_dir(self) -> Path:
        if self.seeded_dir is None:
            from tests.bench.seed import seed_data_folder  # noqa: PLC0415 - avoid a cycle

            folder = self.scratch("data")
            self.log(f"seeding {self.size} referrals into {folder} (untimed)")
            seed_data_folder(folder, size=self.size, seed=self.seed)
            self.seeded_dir = folder
        return self.seeded_dir


BenchmarkFunction = Callable[[BenchContext], list[Figure]]
REGISTRY: dict[str, BenchmarkFunction] = {}


def benchmark(name: str) -> Callable[[BenchmarkFunction], BenchmarkFunction]:
    """Register a benchmark under a name (used by ``--only``)."""

    def register(function: BenchmarkFunction) -> BenchmarkFunction:
        if name in REGISTRY:
            raise ValueError(f"benchmark {name!r} registered twice")
        REGISTRY[name] = function
        return function

    return register


def load_benchmarks() -> dict[str, BenchmarkFunction]:
    for module in BENCHMARK_MODULES:
        importlib.import_module(module)
    return REGISTRY


def median_ms(action: Callable[[], object], repeats: int) -> float:
    """The median wall time of ``repeats`` calls, in milliseconds."""
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return float(statistics.median(timings))


def copy_data_folder(source: Path, target: Path) -> Path:
    """A consistent copy of a data folder's store, of the same kind (encrypted or plain)."""
    from tests.bench.stores import copy_data_folder as copy  # noqa: PLC0415

    return copy(source, target)


def count_referrals_in(data_dir: Path) -> int:
    from tests.bench.stores import connect  # noqa: PLC0415

    connection = connect(data_dir)
    try:
        return int(connection.execute("SELECT count(*) FROM referral").fetchone()[0])
    finally:
        connection.close()


# ---------------------------------------------------------------- formatting


def format_number(value: float | None, unit: str = "") -> str:
    if value is None or math.isnan(value):
        return "-"
    magnitude = abs(value)
    if magnitude >= 1000:
        text = f"{value:,.0f}"
    elif magnitude >= 100:
        text = f"{value:.0f}"
    elif magnitude >= 10:
        text = f"{value:.1f}"
    elif magnitude >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3f}"
    return f"{text} {unit}".rstrip()


def render_table(figures: Sequence[Figure]) -> str:
    header = ("figure", "value", "baseline", "ratio", "target", "ok?")
    rows = [header]
    for figure in figures:
        passed = figure.passed
        rows.append(
            (
                figure.name,
                format_number(figure.value, figure.unit),
                format_number(figure.baseline, figure.unit),
                "-" if figure.ratio is None else f"{figure.ratio:.3f}",
                "-" if figure.target is None else figure.target.describe(figure.unit),
                "-" if passed is None else ("yes" if passed else "NO"),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        lines.append(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            lines.append("-+-".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def render_notes(figures: Sequence[Figure]) -> str:
    return "\n".join(f"- {figure.name}: {figure.note}" for figure in figures if figure.note)


# ---------------------------------------------------------------- command line


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text}")
    return value


def build_parser(names: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench",
        description="Trama's speed and memory benchmarks, as ratios to same-run baselines.",
    )
    parser.add_argument(
        "--size", type=_positive, default=DEFAULT_SIZE, help="referrals to seed (100000)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="demo data seed (1)")
    parser.add_argument(
        "--runs", type=_positive, default=5, help="start-up runs of each process (5)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--only",
        action="append",
        choices=list(names),
        help="run only this benchmark (repeatable)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="an already seeded data folder for the benchmarks that need one "
        "(the seed benchmark still seeds its own); it is copied, never changed",
    )
    parser.add_argument(
        "--ops", type=_positive, help="operations of the soak's day (10,000; 500 for a quick run)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the scratch folder (its path is printed)"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="measure plain (unencrypted) SQLite stores: --data-dir must be a plain twin "
        "(made by tests.bench.encryption), new stores are made plain, and the application "
        "is started with the benchmark-only switch TRAMA_BENCH_PLAIN_STORE=1",
    )
    comparison = parser.add_argument_group(
        "same-run comparison with a commit (only the sync benchmark has one)"
    )
    comparison.add_argument(
        "--baseline",
        nargs="?",
        const=DEFAULT_BASELINE,
        metavar="REV",
        help="measure push and first-pull throughput of this tree and of commit REV "
        "(bare: HEAD~1), checked out in a temporary git worktree, instead of the sync "
        "benchmark's usual figures; exit 1 when either falls below 0.90 of REV's",
    )
    comparison.add_argument(
        "--current",
        metavar="REV",
        help="with --baseline: measure commit REV (in a worktree too) as the current side "
        "instead of the working tree",
    )
    comparison.add_argument(
        "--rounds", type=_positive, default=3, help="with --baseline: interleaved rounds (3)"
    )
    comparison.add_argument(
        "--baseline-referrals",
        type=_positive,
        default=DEFAULT_BASELINE_REFERRALS,
        metavar="N",
        help="with --baseline: referrals in the first-pull scope (20000); the push sends "
        "a tenth as many",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    registry = load_benchmarks()
    args = build_parser(list(registry)).parse_args(argv)
    selected = [name for name in registry if not args.only or name in args.only]
    if args.baseline is None and args.current is not None:
        raise SystemExit("--current goes with --baseline")
    if args.baseline is not None and "sync" not in selected:
        raise SystemExit("--baseline compares the sync benchmark: add --only sync")
    if args.plain:
        from tests.bench.stores import set_plain_mode  # noqa: PLC0415

        set_plain_mode(True)
    work_dir = Path(tempfile.mkdtemp(prefix="trama-bench-"))
    context = BenchContext(
        size=args.size,
        seed=args.seed,
        runs=args.runs,
        work_dir=work_dir,
        baseline=args.baseline,
        current=args.current,
        rounds=args.rounds,
        baseline_referrals=args.baseline_referrals,
        ops=args.ops,
    )
    if args.data_dir is not None:
        context.seeded_dir = copy_data_folder(args.data_dir, context.scratch("data"))
        context.size = count_referrals_in(context.seeded_dir)
    figures: list[Figure] = []
    crashed: list[str] = []
    started = time.perf_counter()
    load_at_start = os.getloadavg()
    try:
        for name in selected:
            context.log(f"== {name}")
            begun = time.perf_counter()
            try:
                produced = registry[name](context)
            except Exception:
                traceback.print_exc()
                crashed.append(name)
                continue
            figures.extend(produced)
            context.log(f"   {name} done in {time.perf_counter() - begun:.1f} s")
    finally:
        if args.keep:
            context.log(f"scratch folder kept: {work_dir}")
        else:
            shutil.rmtree(work_dir, ignore_errors=True)

    # The machine is shared: the load says how much to trust absolute figures (ratios less so).
    scale = f"{context.size:,} referrals"
    if args.baseline is not None:
        scale = (
            f"sync against {args.baseline} ({args.baseline_referrals:,} referrals to pull, "
            f"{args.rounds} round{'s' if args.rounds != 1 else ''})"
        )
    print(
        f"Trama benchmarks: {scale}, seed {args.seed}, "
        f"{time.perf_counter() - started:.0f} s in all, load average at start "
        f"{load_at_start[0]:.2f} / at end {os.getloadavg()[0]:.2f}"
    )
    print()
    print(render_table(figures))
    notes = render_notes(figures)
    if notes:
        print()
        print(notes)
    if args.json is not None:
        args.json.write_text(
            json.dumps([figure.as_json() for figure in figures], indent=2) + "\n",
            encoding="utf-8",
        )
    with_target = [figure for figure in figures if figure.target is not None]
    met = sum(1 for figure in with_target if figure.passed)
    missed_gates = [figure.name for figure in figures if figure.gate and not figure.passed]
    if crashed:
        print()
        print(f"benchmarks that crashed (see stderr): {', '.join(crashed)}")
    print()
    print(f"targets met: {met} of {len(with_target)}")
    if missed_gates:
        print(f"missed, failing the run: {', '.join(missed_gates)}")
    return 1 if crashed or missed_gates else 0
