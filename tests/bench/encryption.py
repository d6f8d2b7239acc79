"""What encryption at rest costs: every figure on an encrypted store and on its plain twin.

    python -m tests.bench.encryption [--size N] [--rounds R] [--seed-rounds S]
                                     [--pull-rounds P] [--only NAME ...] [--json FILE]

One folder of ``--size`` referrals is seeded encrypted, as Trama writes it (untimed), and
rewritten into a *plain twin* with ``copy_database(..., target_key=None)``: the same rows, the
same schema and indexes, plain SQLite. Each benchmark then runs on both, in separate processes
(``python -m tests.bench --only NAME --data-dir TWIN [--plain]``), alternately and with the
order swapped every round (plain first, then encrypted first, ...), so that a busy spell of
the shared machine weighs on both; each figure's median over the rounds is compared. The
start-up benchmark starts the real application on the plain twin through the benchmark-only
switch ``TRAMA_BENCH_PLAIN_STORE=1`` (``desktop.store.migrate``), so that both sides pay the
same imports, key-less or keyed opening, quick check and first page.

- ``seed`` seeds a new folder on each side (encrypted: ``open_store`` creates it; plain: an
  empty plain store of the current schema first, inside the timing too), ``--seed-rounds``.
- ``sync``: one server is loaded once with the referrals of a seeded source PC, then fresh PCs
  enroll and pull everything, a plain one and an encrypted one per round (``--pull-rounds``),
  in this process: the first pull of ``--size`` referrals, both sides on the same server.

Targets (issue 14): encrypted within 1.3x of plain for the search's first page p95, the list
paging's peak memory, opening the editor, the seed and the first pull; start-up to the list
within 1.15x. The exit code is 1 when a target is missed.
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
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIDES = ("plain", "encrypted")
DEFAULT_SIZE = 100_000


@dataclass(frozen=True)
class Comparison:
    """A figure of a benchmark compared between the two sides."""

    benchmark: str
    figure: str
    limit: float | None  # encrypted / plain at most (None: informational)
    higher_is_better: bool = False


COMPARISONS: tuple[Comparison, ...] = (
    Comparison("search", "search_first_page_p95", 1.3),
    Comparison("search", "search_first_page_median", None),
    Comparison("list_paging_memory", "list_paging_peak_rss", 1.3),
    Comparison("editor", "editor_open_p95", 1.3),
    Comparison("editor", "editor_open_median", None),
    Comparison("seed", "seed_wall_time", 1.3),
    Comparison("sync", "first_pull_s", 1.3),
    Comparison("sync", "first_pull_records_per_s", None, higher_is_better=True),
    Comparison("startup", "startup_to_list", 1.15),
    Comparison("startup", "peak_rss_list_open", None),
)
RUNNER_BENCHMARKS = ("startup", "search", "editor", "list_paging_memory")


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _run_runner(
    names: list[str], *, plain: bool, data_dir: Path | None, size: int, runs: int, out: Path
) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "tests.bench", "--json", str(out), "--size", str(size)]
    command += ["--runs", str(runs)]
    for name in names:
        command += ["--only", name]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    if plain:
        command.append("--plain")
    finished = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    if finished.returncode not in (0, 1) or not out.exists():
        raise RuntimeError(
            f"{' '.join(command)} failed ({finished.returncode}):\n"
            + finished.stderr.decode("utf-8", "replace")[-3000:]
        )
    crashed = [line for line in finished.stdout.decode().splitlines() if "crashed" in line]
    if crashed:
        raise RuntimeError(f"{crashed[0]}\n" + finished.stderr.decode("utf-8", "replace")[-3000:])


def _sides(round_number: int) -> tuple[str, ...]:
    return SIDES if round_number % 2 == 0 else SIDES[::-1]


Values = dict[tuple[str, str], list[float]]


def _collect(out: Path, side: str, values: Values, units: dict[str, str]) -> None:
    for figure in json.loads(out.read_text(encoding="utf-8")):
        values[(figure["name"], side)].append(float(figure["value"]))
        units[figure["name"]] = figure["unit"]


def first_pulls(
    work: Path, *, size: int, seed: int, rounds: int, values: Values, units: dict[str, str]
) -> dict[str, object]:
    """One server, loaded once; fresh PCs pull all of it, plain and encrypted alternately."""
    from desktop.demo.seed import seed_demo  # noqa: PLC0415
    from tests.bench.stores import plain_mode  # noqa: PLC0415
    from tests.bench.sync import SITE, _bench_keyring, load_into_server, new_office  # noqa: PLC0415
    from tests.sync.e2e.live import Office, running_server  # noqa: PLC0415

    folder = work / "sync"
    folder.mkdir()
    details: dict[str, object] = {}
    with (
        _bench_keyring(),
        running_server(f"sqlite:///{folder / 'server.sqlite'}", folder) as server,
    ):
        source = Office(folder / "source", server).enroll(SITE)
        source.sync()
        log(f"sync: seeding {size:,} referrals for the server (untimed)")
        seed_demo(source.store, referrals=size, seed=seed)
        loaded = load_into_server(source, server)
        source.close()
        log(f"sync: {loaded:,} records loaded into the server (untimed)")
        details["records_on_server"] = loaded
        for round_number in range(rounds):
            for side in _sides(round_number):
                with plain_mode(side == "plain"):
                    fresh = new_office(folder / f"fresh-{side}-{round_number}", server)
                    fresh.enroll(SITE)
                    started = time.perf_counter()
                    result = fresh.sync()
                    elapsed = time.perf_counter() - started
                    referrals = fresh.value("SELECT count(*) FROM referral")
                    fresh.close()
                log(
                    f"round {round_number + 1}: {side} first pull of {referrals:,} referrals "
                    f"({result.received:,} records) {elapsed:.1f} s"
                )
                values[("first_pull_s", side)].append(elapsed)
                values[("first_pull_records_per_s", side)].append(result.received / elapsed)
                details[f"referrals_pulled_{side}"] = referrals
                shutil.rmtree(folder / f"fresh-{side}-{round_number}", ignore_errors=True)
    units["first_pull_s"] = "s"
    units["first_pull_records_per_s"] = "rec/s"
    return details


def _ratio(comparison: Comparison, plain: float, encrypted: float) -> float:
    """How many times the plain store's cost the encrypted one's is (1.0: no cost)."""
    if comparison.higher_is_better:
        return plain / encrypted if encrypted else float("inf")
    return encrypted / plain if plain else float("inf")


def _step(name: str, started: float) -> None:
    log(f"   {name} done in {time.perf_counter() - started:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.encryption",
        description="Every encryption-sensitive figure on an encrypted store and its plain twin.",
    )
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help="referrals (100000)")
    parser.add_argument("--seed", type=int, default=1, help="demo data seed (1)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the quick ones (3)")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs per round (5)")
    parser.add_argument("--seed-rounds", type=int, default=1, help="rounds of the seed (1)")
    parser.add_argument("--pull-rounds", type=int, default=2, help="first pulls per side (2)")
    names = sorted({comparison.benchmark for comparison in COMPARISONS})
    parser.add_argument("--only", action="append", choices=names, default=[])
    parser.add_argument("--json", type=Path, help="also write the comparison to this file")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    wanted = args.only or names

    from tests.bench.seed import seed_data_folder  # noqa: PLC0415
    from tests.bench.stores import copy_data_folder  # noqa: PLC0415

    work = Path(tempfile.mkdtemp(prefix="trama-encryption-"))
    values: Values = defaultdict(list)
    units: dict[str, str] = {}
    details: dict[str, object] = {}
    started_all = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    try:
        runner_names = [name for name in RUNNER_BENCHMARKS if name in wanted]
        if runner_names:
            encrypted_dir = work / "encrypted"
            log(f"seeding {args.size:,} referrals, encrypted (untimed)")
            seed_data_folder(encrypted_dir, size=args.size, seed=args.seed)
            plain_dir = copy_data_folder(encrypted_dir, work / "plain", plain=True)
            twins = {"encrypted": encrypted_dir, "plain": plain_dir}
            sizes = {side: folder_size(path) for side, path in twins.items()}
            details["file_bytes"] = sizes
            log(f"plain twin made: {sizes}")
            for round_number in range(args.rounds):
                for side in _sides(round_number):
                    log(f"round {round_number + 1}: {side} ({', '.join(runner_names)})")
                    begun = time.perf_counter()
                    out = work / f"{side}-{round_number}.json"
                    _run_runner(
                        runner_names,
                        plain=side == "plain",
                        data_dir=twins[side],
                        size=args.size,
                        runs=args.runs,
                        out=out,
                    )
                    _collect(out, side, values, units)
                    _step(side, begun)
        if "seed" in wanted:
            for round_number in range(args.seed_rounds):
                for side in _sides(round_number):
                    log(f"seed round {round_number + 1}: {side}")
                    begun = time.perf_counter()
                    out = work / f"seed-{side}-{round_number}.json"
                    _run_runner(
                        ["seed"],
                        plain=side == "plain",
                        data_dir=None,
                        size=args.size,
                        runs=1,
                        out=out,
                    )
                    _collect(out, side, values, units)
                    _step(side, begun)
        if "sync" in wanted:
            details.update(
                first_pulls(
                    work,
                    size=args.size,
                    seed=args.seed,
                    rounds=args.pull_rounds,
                    values=values,
                    units=units,
                )
            )
    finally:
        if args.keep:
            log(f"scratch folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    rows = report_rows(values, units, wanted)
    measured = []
    if any(name in wanted for name in RUNNER_BENCHMARKS):
        measured.append(f"{args.rounds} rounds ({args.runs} start-up runs each)")
    if "seed" in wanted:
        measured.append(f"{args.seed_rounds} seed round(s)")
    if "sync" in wanted:
        measured.append(f"{args.pull_rounds} first pull(s) per side")
    print(
        f"Encrypted against plain SQLite: {args.size:,} referrals, seed {args.seed}, "
        f"{', '.join(measured)}; {time.perf_counter() - started_all:.0f} s in all, "
        f"load average at start {load_at_start:.2f} / at end {os.getloadavg()[0]:.2f}"
    )
    print()
    print(render(rows))
    if args.json is not None:
        args.json.write_text(
            json.dumps({"size": args.size, "rows": rows, "details": details}, indent=2) + "\n",
            encoding="utf-8",
        )
    missed = [row["figure"] for row in rows if row["passed"] is False]
    print()
    if missed:
        print(f"missed: {', '.join(str(name) for name in missed)}")
        return 1
    print("every target met")
    return 0


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.glob("trama.sqlite*"))


def report_rows(
    values: Values, units: dict[str, str], wanted: list[str]
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for comparison in COMPARISONS:
        if comparison.benchmark not in wanted:
            continue
        plain = values.get((comparison.figure, "plain"))
        encrypted = values.get((comparison.figure, "encrypted"))
        if not plain or not encrypted:
            rows.append({"figure": comparison.figure, "passed": False, "missing": True})
            continue
        plain_median = float(statistics.median(plain))
        encrypted_median = float(statistics.median(encrypted))
        ratio = _ratio(comparison, plain_median, encrypted_median)
        rows.append(
            {
                "figure": comparison.figure,
                "unit": units.get(comparison.figure, ""),
                "plain": plain_median,
                "encrypted": encrypted_median,
                "plain_runs": plain,
                "encrypted_runs": encrypted,
                "ratio": ratio,
                "limit": comparison.limit,
                "passed": None if comparison.limit is None else ratio <= comparison.limit,
            }
        )
    return rows


def render(rows: list[dict[str, object]]) -> str:
    def number(value: object) -> str:
        if not isinstance(value, float):
            return "-"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"

    formatted: list[tuple[str, ...]] = [
        ("figure", "plain", "encrypted", "ratio", "limit", "ok?", "runs (plain | encrypted)")
    ]
    for row in rows:
        if row.get("missing"):
            formatted.append((str(row["figure"]), "-", "-", "-", "-", "MISSING", ""))
            continue
        unit = str(row["unit"])
        show: Callable[[object], str] = number
        passed = row["passed"]
        formatted.append(
            (
                str(row["figure"]),
                f"{show(row['plain'])} {unit}",
                f"{show(row['encrypted'])} {unit}",
                f"{row['ratio']:.3f}",
                "-" if row["limit"] is None else f"≤ {row['limit']}",
                "-" if passed is None else ("yes" if passed else "NO"),
                " ".join(show(v) for v in row["plain_runs"])  # type: ignore[attr-defined]
                + " | "
                + " ".join(show(v) for v in row["encrypted_runs"]),  # type: ignore[attr-defined]
            )
        )
    widths = [max(len(line[column]) for line in formatted) for column in range(7)]
    lines = []
    for index, line in enumerate(formatted):
        lines.append(
            " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        )
        if index == 0:
            lines.append("-+-".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


if __name__ == "__main__":
    raise SystemExit(main())
