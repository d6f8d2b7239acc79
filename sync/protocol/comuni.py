"""The comuni of the Province of Varese, from ISTAT's "Elenco dei comuni italiani" (CC BY 3.0 IT,
credit ISTAT), a CSV file with the columns ``codice_istat``, ``denominazione``,
``codice_catastale`` and ``sigla_provincia``.

The office application loads them into a new data folder, and the server before the first
Ambiti or CPI file it imports; both identify a comune by ``reference_id("municipality",
codice_istat)``. The one copy lives here, in the package both sides install, as package data:
a server installed with ``pip install ".[server]"`` (not editable) has no checkout to read from.
"""

from __future__ import annotations

import csv
from pathlib import Path

COMUNI_FILE = Path(__file__).with_name("comuni_VA.csv")


def read_comuni() -> list[dict[str, str]]:
    """Every comune as a row keyed by the file's header."""
    with COMUNI_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
