"""``--baseline REV``: push and first-pull throughput of this tree against an earlier commit.

The baseline commit is checked out into a temporary ``git worktree`` (in the run's scratch
folder, outside the repository, removed at the end). ``tests/bench/sync_driver.py`` of THIS
tree measures both sides, each in its own process with ``PYTHONPATH`` at the side's tree and
the same interpreter: server and client come from the tree measured, the measuring code is the
same for both. The current side is the working tree as it is, or ``--current REV`` checked out
the same way (a clean commit, when others are editing the working tree).

Each side first builds its own first-pull scope (untimed, see the driver); then the rounds
alternate the sides (current first, then baseline first, ...) so that the load of this shared
machine falls on both alike, and each figure is the median of the rounds. A figure passes when
current / baseline ≥ 0.90; a miss makes the run exit with 1. CPU time per 1,000 records
(client and server processes) is reported beside, without a target: it moves less than
records per second when other work loads the machine, so it tells a real change from noise.

With the defaults (20,000 referrals, 3 rounds) a run takes about 5 minutes on a quiet 2-core
machine and three times that at a load average of 5.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.bench.runner import REPO_ROOT, BenchContext, Figure, Target

DRIVER = Path(__file__).resolve().with_name("sync_driver.py")
# The first-pull scope is --baseline-referrals (20,000: about 100,000 records); the push
# sends a tenth as many (2,000 referrals with their persons and events: about 10,000 records).
PUSH_SHARE = 10
MIN_RATIO = 0.90


@dataclass
class Side:
    """One tree being measured and what its rounds gave."""

    label: str
    tree: Path
    snapshot: Path | None = None
    prepared: dict[str, Any] = field(default_factory=dict)
    rounds: list[dict[str, Any]] = field(default_factory=list)

    def rates(self, key: str) -> list[float]:
        return [round_[key] for round_ in self.rounds]


def git(*arguments: str) -> str:
    done = subprocess.run(
        ["git", *arguments], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(arguments)}: {done.stderr.strip()}")
    return done.stdout.strip()


def resolve(revision: str) -> tuple[str, str]:
    """The full hash of ``revision`` and a label (short hash and subject) for the report."""
    sha = git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    label = git("log", "-1", "--format=%h %s", sha)
    return sha, label if len(label) <= 48 else label[:47] + "…"


@contextmanager
def checkout(sha: str, folder: Path) -> Iterator[Path]:
    """``sha`` in a detached worktree at ``folder`` (which must be outside the repository)."""
    if folder.resolve().is_relative_to(REPO_ROOT):
        raise RuntimeError("a worktree to measure must be outside the repository")
    git("worktree", "add", "--detach", "--quiet", str(folder), sha)
    try:
        yield folder.resolve()
    finally:
        try:
            git("worktree", "remove", "--force", str(folder))
        except RuntimeError:
            shutil.rmtree(folder, ignore_errors=True)
            git("worktree", "prune")


def run_driver(side: Side, work: Path, *arguments: str) -> dict[str, Any]:
    """One driver command against ``side``'s tree; its JSON answer."""
    work.mkdir(parents=True)
    environment = dict(os.environ, PYTHONPATH=str(side.tree))
    with (work / "driver.log").open("w", encoding="utf-8") as log:
        done = subprocess.run(
            [sys.executable, "-P", str(DRIVER), *arguments, "--work", str(work)],
            cwd=work,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        tail = (work / "driver.log").read_text(encoding="utf-8").strip().splitlines()[-15:]
        raise RuntimeError(
            f"the driver failed on {side.label} ({done.returncode}):\n" + "\n".join(tail)
        )
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(answer["tree"]) != side.tree:
        raise RuntimeError(f"{side.label} was measured from {answer['tree']}, not {side.tree}")
    return answer


def prepare(side: Side, work: Path, referrals: int, seed: int) -> None:
    side.prepared = run_driver(
        side, work / "prepare", "prepare", "--referrals", str(referrals), "--seed", str(seed)
    )
    if side.prepared["rejected"]:
        raise RuntimeError(
            f"{side.label}: the server rejected {side.prepared['rejected']} of the "
            f"{side.prepared['pushed']} records of the first-pull scope"
        )
    side.snapshot = Path(side.prepared["snapshot"])


def measure_round(side: Side, work: Path, push_referrals: int, seed: int) -> None:
    assert side.snapshot is not None
    answer = run_driver(
        side, work, "measure", "--snapshot", str(side.snapshot),
        "--pull-code", side.prepared["pull_code"], "--push-code", side.prepared["push_code"],
        "--push-referrals", str(push_referrals), "--seed", str(seed),
    )  # fmt: skip
    answer["push_rate"] = answer["push_accepted"] / answer["push_s"]
    answer["pull_rate"] = answer["pull_records"] / answer["pull_s"]
    for name, records in (("push", answer["push_accepted"]), ("pull", answer["pull_records"])):
        # CPU per 1,000 records, client and server: what the load of the machine moves least
        for part in ("client", "server"):
            answer[f"{name}_{part}_cpu_ms"] = 1e6 * answer[f"{name}_{part}_cpu_s"] / max(records, 1)
        answer[f"{name}_cpu_ms"] = answer[f"{name}_client_cpu_ms"] + answer[f"{name}_server_cpu_ms"]
    side.rounds.append(answer)
    shutil.rmtree(work, ignore_errors=True)  # the server's copy of the scope, the PCs


def compare_with_baseline(context: BenchContext) -> list[Figure]:
    assert context.baseline is not None
    referrals = context.baseline_referrals
    push_referrals = max(1, referrals // PUSH_SHARE)
    base_sha, base_label = resolve(context.baseline)
    work = context.scratch("baseline")
    with ExitStack() as stack:
        if context.current is None:
            current = Side("working tree", REPO_ROOT)
        else:
            sha, label = resolve(context.current)
            current = Side(label, stack.enter_context(checkout(sha, work / "current-tree")))
        baseline = Side(base_label, stack.enter_context(checkout(base_sha, work / "base-tree")))
        context.log(
            f"   current: {current.label}; baseline: {baseline.label}; each pushes its "
            f"first-pull scope of {referrals:,} referrals (untimed, both at once)"
        )
        # A push keeps about one core busy (client and server take turns): the two sides'
        # set-ups share the machine's two cores instead of waiting for each other.
        with ThreadPoolExecutor(max_workers=2) as pool:
            jobs = [
                pool.submit(prepare, side, work / name, referrals, context.seed)
                for side, name in ((current, "current"), (baseline, "baseline"))
            ]
            for job in jobs:
                job.result()
        for number in range(context.rounds):
            order = (current, baseline) if number % 2 == 0 else (baseline, current)
            for side in order:
                name = "current" if side is current else "baseline"
                measure_round(side, work / f"{name}-round-{number + 1}", push_referrals,
                              context.seed)  # fmt: skip
                last = side.rounds[-1]
                context.log(
                    f"   round {number + 1}, {name}: push {last['push_rate']:,.0f} rec/s, "
                    f"first pull {last['pull_rate']:,.0f} rec/s (load {last['load']:.2f})"
                )
    return figures(current, baseline, referrals, context.rounds)


def figures(current: Side, baseline: Side, referrals: int, rounds: int) -> list[Figure]:
    loads = [round_["load"] for side in (current, baseline) for round_ in side.rounds]
    where = (
        f"median of {rounds} interleaved rounds, current: {current.label}; baseline: "
        f"{baseline.label}; load average {min(loads):.2f}-{max(loads):.2f}"
    )

    def listed(side: Side, key: str) -> str:
        return ", ".join(f"{value:,.0f}" for value in side.rates(key))

    def cpu(name: str, what: str) -> Figure:
        def split(side: Side) -> str:
            client = statistics.median(side.rates(f"{name}_client_cpu_ms"))
            server = statistics.median(side.rates(f"{name}_server_cpu_ms"))
            return f"client {client:.0f} + server {server:.0f}"

        return Figure(
            f"sync vs baseline: {what}, CPU per 1,000 records",
            statistics.median(current.rates(f"{name}_cpu_ms")),
            "ms",
            baseline=statistics.median(baseline.rates(f"{name}_cpu_ms")),
            note=f"CPU time of the whole sync, medians: current {split(current)} ms, baseline "
            f"{split(baseline)} ms (informative: no target)",
        )

    last, other = current.rounds[-1], baseline.rounds[-1]
    pushed = f"{last['push_accepted']:,} records"
    if other["push_accepted"] != last["push_accepted"]:
        pushed += f" (baseline: {other['push_accepted']:,})"
    rejected = last["push_rejected"] + other["push_rejected"]
    if rejected:
        pushed += f", {last['push_rejected']:,} / {other['push_rejected']:,} rejected"
    pulled = f"{last['pull_records']:,} records"
    if other["pull_records"] != last["pull_records"]:
        pulled += f" (baseline: {other['pull_records']:,})"
    return [
        Figure(
            "sync vs baseline: push, records/s",
            statistics.median(current.rates("push_rate")),
            "rec/s",
            baseline=statistics.median(baseline.rates("push_rate")),
            target=Target("ratio", ">=", MIN_RATIO),
            gate=True,
            note=f"{pushed} ({referrals // PUSH_SHARE:,} referrals with persons and events) "
            f"accepted by the server in the client's batches, per second of the push stage; "
            f"{where}; rounds: current {listed(current, 'push_rate')}, baseline "
            f"{listed(baseline, 'push_rate')}",
        ),
        Figure(
            "sync vs baseline: first pull, records/s",
            statistics.median(current.rates("pull_rate")),
            "rec/s",
            baseline=statistics.median(baseline.rates("pull_rate")),
            target=Target("ratio", ">=", MIN_RATIO),
            gate=True,
            note=f"{pulled} ({referrals:,} referrals with persons and events) applied by a "
            f"fresh PC, per second of the pull stage (whole first sync: current "
            f"{statistics.median(r['first_sync_s'] for r in current.rounds):.1f} s, baseline "
            f"{statistics.median(r['first_sync_s'] for r in baseline.rounds):.1f} s); {where}; "
            f"rounds: current {listed(current, 'pull_rate')}, baseline "
            f"{listed(baseline, 'pull_rate')}",
        ),
        cpu("push", "push"),
        cpu("pull", "first pull"),
    ]
