"""The disclosure test of issue 18: over random seeded networks, everything the Province is
sent (``/monitoring`` and ``/aggregates``) written as linear equations over the unknown fine
cells (sender × CPI × track × status × month × outcome-or-none: every table is a sum of them),
and every withheld cell checked to lie outside the span of the published equations, so that no
combination of published numbers gives it exactly. The published numbers themselves are checked
against a plain count of the seeded referrals (totals true)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from sync.protocol import SUPPRESSION_THRESHOLD
from sync.protocol.monitoring import Quarter
from sync.server.aggregates import aggregates
from sync.server.monitoring import monitoring
from tests.sync.server.monitoring_seed import (
    OUTCOMES,
    STATUSES,
    TRACKS,
    Network,
    months_of,
    open_db,
    random_network,
)

AXES = ("sender", "centre", "track", "status", "month", "outcome")


class Equations:
    """Published and withheld cells of one network's output, as masks over the fine cells."""

    def __init__(self, network: Network) -> None:
        self.values: dict[str, list[str]] = {
            "sender": list(network.senders),
            "centre": list(network.centres),
            "track": list(TRACKS),
            "status": list(STATUSES),
            "month": months_of(network.start, network.end),
            "outcome": list(OUTCOMES),
        }
        self.shape = tuple(len(self.values[axis]) for axis in AXES)
        self.truth = np.zeros(self.shape, dtype=np.int64)
        for r in network.referrals:
            self.truth[
                self.index(
                    sender=r.sender,
                    centre=r.centre,
                    track=r.track,
                    status=r.status,
                    month=r.month,
                    outcome=r.outcome,
                )
            ] += 1
        self.published: list[np.ndarray] = []
        self.withheld: list[tuple[str, np.ndarray]] = []

    def index(self, **where: str) -> tuple[int, ...]:
        return tuple(self.values[axis].index(where[axis]) for axis in AXES)

    def mask(self, **where: str | list[str]) -> np.ndarray:
        selection: list[np.ndarray] = []
        for axis in AXES:
            wanted = where.get(axis)
            chosen = np.ones(len(self.values[axis]), dtype=bool)
            if wanted is not None:
                keys = [wanted] if isinstance(wanted, str) else wanted
                chosen = np.array([value in keys for value in self.values[axis]])
            selection.append(chosen)
        mask = selection[0]
        for chosen in selection[1:]:
            mask = np.multiply.outer(mask, chosen)
        return mask

    def add(self, name: str, count: int | None, suppressed: bool, mask: np.ndarray) -> None:
        true = int(self.truth[mask].sum())
        if suppressed:
            assert count is None, name
            self.withheld.append((name, mask))
            return
        assert count == true, f"{name}: published {count}, counted {true}"
        # Nothing under the threshold is shown but the grand total (or a lone category's
        # count, which is the grand total).
        if 0 < true < SUPPRESSION_THRESHOLD:
            assert true == int(self.truth.sum()), name
        self.published.append(mask)

    def recoverable(self) -> list[str]:
        matrix = np.array([m.ravel() for m in self.published], dtype=float)
        _, singular, rows = np.linalg.svd(matrix, full_matrices=False)
        basis = rows[singular > singular.max() * 1e-9]
        found = []
        for name, mask in self.withheld:
            vector = mask.ravel().astype(float)
            residual = vector - basis.T @ (basis @ vector)
            if np.linalg.norm(residual) < 1e-6:
                found.append(name)
        return found


def _monitoring_equations(equations: Equations, network: Network) -> None:
    response = monitoring(network.db, network.start, network.end)
    axis_of = {
        "ambito": "sender",
        "job_centre": "centre",
        "status": "status",
        "quarter": "month",
        "outcome": "outcome",
    }
    months = equations.values["month"]

    def where(axis: str, key: str) -> str | list[str]:
        if axis == "month":
            return [m for m in months if Quarter.of(_first_day(m)).key == key]
        return key

    assert response.total == len(network.referrals)
    equations.published.append(equations.mask())
    for track, cell in zip(response.tracks, response.track_totals, strict=True):
        equations.add(
            f"track {track.key}", cell.count, cell.suppressed, equations.mask(track=track.key)
        )
    for table in response.tables:
        axis = axis_of[table.key]
        assert table.total == len(network.referrals)
        for row, total, cells in zip(table.rows, table.row_totals, table.cells, strict=True):
            selected = where(axis, row.key)
            equations.add(
                f"{table.key} {row.key}",
                total.count,
                total.suppressed,
                equations.mask(**{axis: selected}),
            )
            for column, cell in zip(table.columns, cells, strict=True):
                equations.add(
                    f"{table.key} {row.key}×{column.key}",
                    cell.count,
                    cell.suppressed,
                    equations.mask(**{axis: selected, "track": column.key}),
                )
        for column, cell in zip(table.columns, table.column_totals, strict=True):
            equations.add(
                f"{table.key} ·×{column.key}",
                cell.count,
                cell.suppressed,
                equations.mask(track=column.key),
            )


def _aggregates_equations(equations: Equations, network: Network) -> None:
    response = aggregates(network.db)
    sender_by_site = {site: key for key, site in network.senders.items()}
    centre_by_code = {code: key for key, code in network.centres.items()}
    lists = (
        ("sender", response.by_ambito, lambda key: sender_by_site[key]),
        ("centre", response.by_job_centre, lambda key: centre_by_code[key]),
        ("track", response.by_track, lambda key: key),
        ("status", response.by_status, lambda key: key),
        ("month", response.by_month, lambda key: key),
    )
    total = response.total
    equations.add("aggregates total", total.count, total.suppressed, equations.mask())
    for axis, cells, value in lists:
        listed = set()
        for cell in cells:
            key = value(cell.key)
            listed.add(key)
            equations.add(
                f"aggregates {axis} {key}",
                cell.count,
                cell.suppressed,
                equations.mask(**{axis: key}),
            )
        # A category not listed is a published zero.
        for key in equations.values[axis]:
            if key not in listed:
                equations.add(
                    f"aggregates {axis} {key} (0)", 0, False, equations.mask(**{axis: key})
                )


def _first_day(month: str) -> date:
    return date.fromisoformat(f"{month}-01")


# Random networks enough to meet both shapes of the answer many times (checked below).
NETWORKS = 24


@pytest.mark.parametrize("seed", range(NETWORKS))
def test_no_withheld_cell_is_recoverable(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    db = open_db(f"sqlite:///{tmp_path / 'server.sqlite'}")
    try:
        # /aggregates counts every period: the network keeps to the one /monitoring covers, so
        # both outputs are sums of the same fine cells.
        network = random_network(db, rng, outside=False)
        equations = Equations(network)
        _monitoring_equations(equations, network)
        _aggregates_equations(equations, network)
    finally:
        db.engine.dispose()
    assert equations.recoverable() == []


def test_the_check_would_see_a_recoverable_cell(tmp_path: Path) -> None:
    """The linear check is not blind: a withheld cell that also appears published elsewhere
    (here, declared withheld though its row total and the other cell are published) is found."""
    db = open_db(f"sqlite:///{tmp_path / 'server.sqlite'}")
    try:
        network = random_network(
            db, random.Random(7), referrals=80, small_tracks=False, outside=False
        )
        equations = Equations(network)
        _monitoring_equations(equations, network)
    finally:
        db.engine.dispose()
    sender = equations.values["sender"][0]
    equations.withheld.append(("planted", equations.mask(sender=sender, track="neet")))
    equations.published.append(equations.mask(sender=sender))
    equations.published.append(equations.mask(sender=sender, track="cmd"))
    assert equations.recoverable() == ["planted"]


def test_many_small_networks_split_and_unsplit(tmp_path: Path) -> None:
    """Both shapes of the response occur among the seeds above, and cells are withheld."""
    shapes: Counter[bool] = Counter()
    withheld = 0
    for seed in range(NETWORKS):
        rng = random.Random(seed)
        db = open_db(f"sqlite:///{tmp_path / f'server-{seed}.sqlite'}")
        try:
            network = random_network(db, rng, outside=False)
            response = monitoring(db, network.start, network.end)
        finally:
            db.engine.dispose()
        shapes[response.split_by_track] += 1
        withheld += sum(
            cell.suppressed for table in response.tables for row in table.cells for cell in row
        ) + sum(cell.suppressed for table in response.tables for cell in table.row_totals)
    assert shapes[True] >= 5 and shapes[False] >= 5, shapes
    assert withheld > 100
