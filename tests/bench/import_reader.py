"""How fast an import reads a large .xlsx: ``python -m tests.bench.import_reader [--rows N]``.

A workbook of N rows (20,000) x 30 columns as an office saves it (texts in a shared string
table, 160,000 of them distinct; dates, numbers, yes/no) is read, in alternating rounds, by:

- ``read_table`` of this tree (calamine for the cells, the guarded expat pass for the layout);
- the baseline: the hand-written expat reader of commit ``--old`` (ce60060, the last before
  calamine), loaded from git into its own module and run through the same ``build_table``;
- openpyxl's read-only mode iterating the values (no merged ranges, no hidden rows).

Each figure is the median of the rounds; the ratio is against the old reader of the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import subprocess
import sys
import tempfile
import time
import types
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook

from desktop.services.imports import sources
from desktop.services.imports.source_table import RawSheet, Ticker, build_table
from tests.imports.workbooks import person_rows, share_strings

REPO_ROOT = Path(__file__).resolve().parents[2]
OLD_READER = "ce6006023695aad5e3553a269f8eaa428c4757a0"
COLUMNS = 30


def build(path: Path, rows: int) -> Path:
    """N rows of 30 columns: 6 of a person's, then notes, numbers, dates and yes/no."""
    rng = random.Random(19)
    people = person_rows(min(rows, 5_000))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Invii")
    sheet.append([f"Campo {index}" for index in range(COLUMNS)])
    for index in range(rows):
        person = people[index % len(people)]
        extra: list[object] = []
        for column in range(COLUMNS - len(person)):
            kind = column % 6
            if kind in {0, 1}:  # 8 distinct notes a row: 160,000 texts in all
                extra.append(f"Nota {index}-{column} {rng.choice(['ok', 'da sentire'])}")
            elif kind == 2:
                extra.append(rng.randrange(100_000))
            elif kind == 3:
                extra.append(date.fromordinal(737_000 + rng.randrange(2_000)))
            elif kind == 4:
                extra.append(rng.choice(["sì", "no"]))
            else:
                extra.append(round(rng.random() * 1_000, 2))
        sheet.append([*person, *extra])
    book.save(path)
    return share_strings(path)


def old_reader(commit: str) -> types.ModuleType:
    source = subprocess.run(
        ["git", "show", f"{commit}:desktop/services/imports/source_xlsx.py"],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    spec = importlib.util.spec_from_loader("old_source_xlsx", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module.__name__] = module  # dataclasses look their module up there
    exec(compile(source, "old_source_xlsx.py", "exec"), module.__dict__)
    return module


def read_new(path: Path) -> int:
    return len(sources.read_table(path).rows)


def read_old(module: types.ModuleType, path: Path) -> int:
    info = sources.inspect_source(path)
    ticker = Ticker(None, None, 0)
    sources._check_zip(path)
    with path.open("rb") as stream:
        book = module.open_book(stream, ticker=ticker)
        try:
            raw: RawSheet = module.read_sheet(
                book, info.sheets[0].name, ticker, max_bytes=sources.MAX_UNZIPPED_BYTES
            )
        finally:
            book.close()
    table = build_table(
        raw, source=info, sheet=info.sheets[0].name, header_hints=sources.default_header_hints()
    )
    return len(table.rows)


def read_openpyxl(path: Path) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 1
    finally:
        book.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--old", default=OLD_READER)
    args = parser.parse_args(argv)
    old = old_reader(args.old)
    with tempfile.TemporaryDirectory(prefix="trama-bench-import-") as folder:
        path = build(Path(folder) / "invii.xlsx", args.rows)
        size = path.stat().st_size / 1024 / 1024
        readers: dict[str, Callable[[], int]] = {
            "old expat reader (baseline)": lambda: read_old(old, path),
            "calamine (this tree)": lambda: read_new(path),
            "openpyxl read-only": lambda: read_openpyxl(path),
        }
        times: dict[str, list[float]] = {name: [] for name in readers}
        for round_ in range(args.rounds):
            order = list(readers) if round_ % 2 == 0 else list(reversed(readers))
            for name in order:
                started = time.perf_counter()
                count = readers[name]()
                times[name].append(time.perf_counter() - started)
                assert count == args.rows, (name, count)
    baseline = statistics.median(times["old expat reader (baseline)"])
    print(f"{args.rows:,} x {COLUMNS} cells, {size:.1f} MB, {args.rounds} rounds")
    for name, values in times.items():
        median = statistics.median(values)
        rounds = ", ".join(f"{value:.2f}" for value in values)
        print(f"{name:30} {median:6.2f} s  ratio {median / baseline:4.2f}  ({rounds})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
