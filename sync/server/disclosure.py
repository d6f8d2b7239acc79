"""Statistical disclosure control: which counts the Province may see, in one place.

Every count the server publishes about referrals goes through here (``sync.server.aggregates``
and ``sync.server.monitoring``), so the rule is written and tested once (docs/PRIVACY.md,
"Disclosure control").

**Primary suppression.** A count ``n`` with ``0 < n < SUPPRESSION_THRESHOLD`` could point at a
person in a small comune: it is withheld. Zeros are published (a zero points at nobody).

**Secondary suppression.** A withheld cell must not be computable from the published ones and
the totals. The tables are two-way tables with their margins (rows × tracks, with each row's
total, each track's total and the grand total) or one-way tables with their total. Write a
two-way table with its margins as an extended ``(R+1) × (C+1)`` array whose last row holds the
column totals and last column the row totals, with their sign flipped, and the corner the grand
total: then every row and every column of the array sums to zero, and those sums are all the
linear relations the table carries. Take the rows and the columns as the vertices of a bipartite
graph and the withheld cells as its edges. A set of withheld values satisfying the relations
differs from the true one by a circulation on that graph (zero net flow at every vertex); the
circulations are spanned by the graph's cycles, so a withheld cell can be derived exactly iff
no cycle passes through it, i.e. iff it is a *bridge*. Protection therefore means: every
withheld cell lies on a cycle of withheld cells.

The method is the *hypercube method* of τ-Argus (R. Repsilber; S. Giessing, "Hypercube method"
in the τ-Argus manual; Hundepool et al., *Statistical Disclosure Control*, Wiley 2012, ch. 4)
restricted to two dimensions: for each primary cell that is still a bridge, withhold the
cheapest rectangle (a 2-cube) having it as a corner: another row or the margin row, another
column or the margin column, and the fourth corner. A rectangle is a 4-cycle, so its corners stop
being bridges, and adding edges never makes a bridge of a cell already on a cycle: one pass over
the primary cells protects them all. The cost of a rectangle is first the number of zero cells it
newly withholds (a withheld zero protects little against someone who can guess it), then the
sum of the counts it newly withholds (the least information lost). The grand total is never
withheld, and neither is a margin the caller declares shared (below).

**One-way tables** (cells and their published total): one equation, so a withheld cell is
derivable iff it is the only one withheld. Never exactly one: when only one is withheld, the
smallest other non-zero cell is withheld too, or a zero one if there is none. A table with a
single category is its total, which is published: nothing to withhold there.

**Nested categories.** A table by month published beside one by quarter is a hierarchy: the
quarter's count is the sum of its months, so the months of each quarter are protected as a
one-way table with the quarter's count as its total (``protect_nested``).

**Sets of tables sharing margins.** The Province's tables are all "X × track" over the same
referrals: they share the track totals and the grand total. Each table is protected on its own
with those shared margins kept published, and that protects the set: suppose a withheld cell
``x`` of table ``A × T`` were a combination ``u + v`` of published cells of ``A × T`` (``u``)
and of another table ``B × T`` (``v``). Then ``v = x - u`` is at once a combination of
``A × T`` cells and of ``B × T`` cells; over the fine cells (every combination of A, B, T) the
only such combinations are combinations of the track totals (a linear function of the fine
table that factors through both the A×T and the B×T marginals factors through their common
marginal T). The track totals are published in ``A × T`` too, so ``x`` would be derivable from
``A × T`` alone: a contradiction. The argument needs the shared margins published: when a
track's total is itself below the threshold it would be withheld, with different complementary
cells in each table, and the argument fails; the tables are then not split by track at all (the
caller publishes one-way tables by X, sharing only the grand total, which is always published,
so the same argument holds with T a single category).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sync.protocol import SUPPRESSION_THRESHOLD


def is_primary(count: int, threshold: int = SUPPRESSION_THRESHOLD) -> bool:
    """A count that could point at a person: withheld on its own account."""
    return 0 < count < threshold


def protect_one_way(counts: Sequence[int], threshold: int = SUPPRESSION_THRESHOLD) -> list[bool]:
    """Which cells of a one-way table with a published total to withhold."""
    if len(counts) < 2:
        # A lone category equals the published total: withholding it would hide nothing.
        return [False] * len(counts)
    hidden = [is_primary(count, threshold) for count in counts]
    if sum(hidden) == 1:
        others = [index for index, withheld in enumerate(hidden) if not withheld]
        # Smallest non-zero first, then a zero one; ties by position, so the choice is stable.
        complement = min(others, key=lambda index: (counts[index] == 0, counts[index], index))
        hidden[complement] = True
    return hidden


def protect_nested(counts: Sequence[int], groups: Sequence[str]) -> list[bool]:
    """A one-way table whose categories nest in coarser ones published elsewhere (the months
    of ``/aggregates`` in the quarters of ``/monitoring``): each group is protected as a
    one-way table of its own, as if its total were published, so no withheld category follows
    from its group's total and its published siblings. Then no group, and so not the whole
    table, has exactly one withheld category. Pass every category of a group, zeros included:
    a zero may have to be withheld."""
    hidden = [False] * len(counts)
    members: dict[str, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    for indices in members.values():
        for index, withheld in zip(
            indices, protect_one_way([counts[i] for i in indices]), strict=True
        ):
            hidden[index] = withheld
    return hidden


@dataclass(frozen=True)
class TwoWay:
    """A protected two-way table: which inner cells and which margins are withheld.

    The grand total is always published.
    """

    cells: tuple[tuple[bool, ...], ...]  # [row][column]
    row_totals: tuple[bool, ...]
    column_totals: tuple[bool, ...]


def protect_two_way(
    counts: Sequence[Sequence[int]],
    *,
    shared_column_totals: bool = False,
    threshold: int = SUPPRESSION_THRESHOLD,
) -> TwoWay:
    """Primary and secondary suppression of ``counts`` ([row][column]) with its margins.

    ``shared_column_totals``: the column totals are published by other tables too, so they are
    never withheld (the caller must have checked that none is under the threshold: they are
    then published as they are, and the set of tables is protected as the module explains).
    """
    rows = len(counts)
    columns = len(counts[0]) if rows else 0
    if any(len(row) != columns for row in counts):
        raise ValueError("ragged table")
    # The extended array: row ``rows`` holds the column totals, column ``columns`` the row totals.
    extended = [[*row, sum(row)] for row in counts]
    extended.append([*(sum(row[j] for row in counts) for j in range(columns)), 0])
    margin_row, margin_column = rows, columns
    withheld: set[tuple[int, int]] = set()

    def usable(i: int, j: int) -> bool:
        # The grand total, and the margins that equal it (the column total of a table of one
        # column, the row total of a table of one row): published, never withheld.
        if i == margin_row and (j == margin_column or columns == 1):
            return False
        if j == margin_column and rows == 1:
            return False
        return not (shared_column_totals and i == margin_row)

    primaries = [
        (i, j)
        for i in range(rows + 1)
        for j in range(columns + 1)
        if usable(i, j) and is_primary(extended[i][j], threshold)
    ]
    if shared_column_totals and any(
        is_primary(extended[margin_row][j], threshold) for j in range(columns)
    ):
        raise ValueError("shared column totals under the threshold cannot be kept published")
    withheld.update(primaries)
    # Largest primary first: its rectangle is the hardest to place, the small ones then often
    # find theirs already withheld.
    for i, j in sorted(primaries, key=lambda cell: (-extended[cell[0]][cell[1]], cell)):
        if not _is_bridge(withheld, (i, j)):
            continue
        best: tuple[tuple[int, int, int, int], list[tuple[int, int]]] | None = None
        for other_i in range(rows + 1):
            if other_i == i:
                continue
            for other_j in range(columns + 1):
                if other_j == j:
                    continue
                corners = [(other_i, j), (i, other_j), (other_i, other_j)]
                if not all(usable(*corner) for corner in corners):
                    continue
                new = [corner for corner in corners if corner not in withheld]
                cost = (
                    sum(1 for a, b in new if extended[a][b] == 0),
                    sum(extended[a][b] for a, b in new),
                    other_i,
                    other_j,
                )
                if best is None or cost < best[0]:
                    best = (cost, new)
        if best is None:
            raise ValueError("no rectangle can protect this cell (a table of one row?)")
        withheld.update(best[1])
    return TwoWay(
        cells=tuple(tuple((i, j) in withheld for j in range(columns)) for i in range(rows)),
        row_totals=tuple((i, margin_column) in withheld for i in range(rows)),
        column_totals=tuple((margin_row, j) in withheld for j in range(columns)),
    )


def _is_bridge(edges: set[tuple[int, int]], edge: tuple[int, int]) -> bool:
    """Whether ``edge`` (row, column) lies on no cycle of ``edges``: no other path joins its
    row to its column."""
    start, goal = ("r", edge[0]), ("c", edge[1])
    neighbours: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for i, j in edges:
        if (i, j) == edge:
            continue
        neighbours.setdefault(("r", i), []).append(("c", j))
        neighbours.setdefault(("c", j), []).append(("r", i))
    seen = {start}
    frontier = [start]
    while frontier:
        vertex = frontier.pop()
        for following in neighbours.get(vertex, ()):
            if following == goal:
                return False
            if following not in seen:
                seen.add(following)
                frontier.append(following)
    return True


def derivable(edges: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The withheld cells of an extended table that the published ones determine (bridges)."""
    return {edge for edge in edges if _is_bridge(edges, edge)}
