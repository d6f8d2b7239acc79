"""The disclosure rule on its own: the hypercube step, the one-way rule, the old weakness."""

from __future__ import annotations

import random

import numpy as np
import pytest

from sync.server.aggregates import protect
from sync.server.disclosure import derivable, is_primary, protect_one_way, protect_two_way


def _recoverable(counts: list[list[int]], hidden: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Withheld cells of the extended table (margins at index R and C) that the published cells'
    equations determine, by linear algebra over the inner cells (independent of the graph
    argument the code uses)."""
    rows, columns = len(counts), len(counts[0])
    size = rows * columns

    def vector(i: int, j: int) -> np.ndarray:
        v = np.zeros(size)
        for a in range(rows) if i == rows else [i]:
            for b in range(columns) if j == columns else [j]:
                v[a * columns + b] = 1
        return v

    published = [
        vector(i, j) for i in range(rows + 1) for j in range(columns + 1) if (i, j) not in hidden
    ]
    matrix = np.array(published)
    rank = np.linalg.matrix_rank(matrix)
    return {
        cell for cell in hidden if np.linalg.matrix_rank(np.vstack([matrix, vector(*cell)])) == rank
    }


def _hidden(counts: list[list[int]], **options: bool) -> set[tuple[int, int]]:
    protected = protect_two_way(counts, **options)
    rows, columns = len(counts), len(counts[0])
    hidden = {(i, j) for i in range(rows) for j in range(columns) if protected.cells[i][j]}
    hidden |= {(i, columns) for i in range(rows) if protected.row_totals[i]}
    hidden |= {(rows, j) for j in range(columns) if protected.column_totals[j]}
    return hidden


def test_primary_suppression_publishes_zeros_and_counts_from_five() -> None:
    assert [is_primary(n) for n in (0, 1, 4, 5, 40)] == [False, True, True, False, False]


def test_one_primary_cell_gets_the_cheapest_rectangle() -> None:
    counts = [[3, 40], [20, 60], [8, 9]]
    hidden = _hidden(counts, shared_column_totals=True)
    # (0,0) is primary; the cheapest rectangle avoiding the track totals takes row 2 (8, 9)
    # and the neighbouring column.
    assert hidden == {(0, 0), (0, 1), (2, 0), (2, 1)}
    assert not _recoverable(counts, hidden)
    assert not derivable(hidden)


def test_a_small_row_total_is_a_primary_cell_and_is_protected_through_the_margin() -> None:
    counts = [[1, 2], [30, 40], [25, 50]]
    hidden = _hidden(counts, shared_column_totals=True)
    assert {(0, 0), (0, 1), (0, 2)} <= hidden
    assert not _recoverable(counts, hidden)


def test_the_margin_row_is_used_when_not_shared_but_never_the_grand_total() -> None:
    counts = [[3, 50], [60, 70]]
    hidden = _hidden(counts)
    assert (2, 2) not in hidden
    assert not _recoverable(counts, hidden)


def test_shared_totals_under_the_threshold_are_refused() -> None:
    with pytest.raises(ValueError, match="shared"):
        protect_two_way([[3, 50], [1, 70]], shared_column_totals=True)


@pytest.mark.parametrize("seed", range(200))
def test_random_tables_leave_no_withheld_cell_recoverable(seed: int) -> None:
    rng = random.Random(seed)
    rows, columns = rng.randint(2, 7), rng.randint(1, 4)
    counts = [
        [rng.choice((0, 0, 1, 2, 3, 4, 5, 8, 30)) for _ in range(columns)] for _ in range(rows)
    ]
    shared = all(not is_primary(sum(row[j] for row in counts)) for j in range(columns))
    hidden = _hidden(counts, shared_column_totals=shared)
    assert not _recoverable(counts, hidden)
    assert not derivable(hidden)
    # Every primary cell is withheld, margins included, but the grand total and the margins
    # that equal it (the column total of a one-column table, the row total of a one-row one).
    extended = [[*row, sum(row)] for row in counts]
    extended.append([sum(row[j] for row in counts) for j in range(columns)] + [0])
    for i, row in enumerate(extended):
        for j, value in enumerate(row):
            grand = (i == rows and (j == columns or columns == 1)) or (j == columns and rows == 1)
            if not grand and is_primary(value):
                assert (i, j) in hidden
    if shared:
        assert all(i != rows for i, _j in hidden)


def test_one_way_never_leaves_exactly_one_withheld() -> None:
    assert protect_one_way([3, 40, 12, 0]) == [True, False, True, False]
    assert protect_one_way([3, 0, 0]) == [True, True, False]
    assert protect_one_way([3, 2, 50]) == [True, True, False]
    assert protect_one_way([0, 50, 60]) == [False, False, False]
    # A lone category is the published total itself.
    assert protect_one_way([3]) == [False]


def test_the_old_weakness_is_gone() -> None:
    """The old rule protected each line of a table on its own: in a two-way table with its
    margins, a withheld cell then followed from the totals beside it. The linear check finds
    it; the hypercube leaves nothing to find."""
    counts = [[3, 40, 12], [20, 30, 25], [15, 60, 35]]
    old: set[tuple[int, int]] = set()
    # Row 0 protected as a one-way table: 3 and its smallest neighbour 12.
    old |= {(0, 0), (0, 2)}
    # Column 0 protected as a one-way table (3 and the smallest other, 15); column 2 has 12
    # withheld and adds its smallest, 25.
    old |= {(2, 0), (1, 2)}
    assert _recoverable(counts, old)  # e.g. (2, 0) = column total - 3 - 20, once 3 is known
    hidden = _hidden(counts, shared_column_totals=True)
    assert not _recoverable(counts, hidden)


def test_aggregates_one_way_lists_use_the_same_rule() -> None:
    # The old protect() hid nothing more when the other cells were zeros.
    cells = protect([("a", "A", 3), ("b", "B", 0), ("c", "C", 0)])
    assert [c.suppressed for c in cells] == [True, True, False]
    assert cells[1].count is None
    # A lone category is the grand total, which is always published.
    assert protect([("a", "A", 3)])[0].count == 3
