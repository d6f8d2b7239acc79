"""The audit trail's chain: how each row's hash is made, the same on every PC and on the server.

Each data folder writes its own chain (``chain_id``): rows numbered 1, 2, 3, ... (``seq``), each
carrying the hash of the row before it (``prev_hash``; the first row carries ``GENESIS``) and
its own ``hash``, the SHA-256 of its canonical form. Editing a row changes its hash, removing
one leaves a gap in the numbers and a broken link: both are found by walking the chain
(``chain_problems``), on the PC (``trama audit verify``) and on the server, which also refuses a
pushed chain that does not continue the one it holds.

Changes here are additive only: the canonical form is what every stored chain was hashed with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
# The fields hashed, in this order; ``hash`` itself is not.
HASHED_FIELDS: tuple[str, ...] = (
    "chain_id",
    "seq",
    "at",
    "operator",
    "workstation",
    "site",
    "action",
    "entity",
    "entity_id",
    "details",
    "prev_hash",
)
DETAILS_MAX = 500


def canonical_time(value: datetime) -> str:
    """A timestamp as hashed and sent: UTC, microseconds, ``Z`` (naive means UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def row_hash(row: Mapping[str, Any]) -> str:
    """The SHA-256 (hex) of ``row``'s canonical form: its hashed fields as a JSON array."""
    values: list[Any] = []
    for name in HASHED_FIELDS:
        value = row[name]
        if isinstance(value, datetime):
            value = canonical_time(value)
        values.append(value)
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    """Something wrong in a chain, worded in Italian for the report."""

    chain_id: str
    seq: int
    row_id: str  # "" when the row is missing
    kind: str  # "edited", "missing", "broken_link", "out_of_order"
    message: str


def chain_problems(
    rows: Iterable[Mapping[str, Any]],
    *,
    after_seq: int = 0,
    after_hash: str = GENESIS,
) -> list[ChainProblem]:
    """Walk one chain's rows (ascending ``seq``) and name every edited, missing or unlinked row.

    ``after_seq``/``after_hash`` say where the rows continue from (the server checks a pushed
    batch against the last row it holds); by default the chain starts at row 1.
    """
    problems: list[ChainProblem] = []
    expected_seq = after_seq + 1
    previous_hash = after_hash
    for row in rows:
        chain, seq, row_id = str(row["chain_id"]), int(row["seq"]), str(row.get("id", ""))
        if seq < expected_seq:
            problems.append(
                ChainProblem(chain, seq, row_id, "out_of_order", f"La riga n. {seq} è ripetuta.")
            )
            continue
        if seq > expected_seq:
            missing = (
                f"Manca la riga n. {expected_seq}"
                if seq == expected_seq + 1
                else f"Mancano le righe dalla n. {expected_seq} alla n. {seq - 1}"
            )
            problems.append(
                ChainProblem(chain, expected_seq, "", "missing", f"{missing}: è stata tolta.")
            )
        elif row["prev_hash"] != previous_hash:
            problems.append(
                ChainProblem(
                    chain,
                    seq,
                    row_id,
                    "broken_link",
                    f"La riga n. {seq} non segue la precedente: la catena è stata alterata.",
                )
            )
        if row_hash(row) != row["hash"]:
            problems.append(
                ChainProblem(
                    chain,
                    seq,
                    row_id,
                    "edited",
                    f"La riga n. {seq} (id {row_id}) è stata modificata dopo la scrittura.",
                )
            )
        expected_seq = seq + 1
        previous_hash = str(row["hash"])
    return problems
