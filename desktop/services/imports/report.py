"""The dry run's report: the original rows with "Esito" and "Errori" columns (helper C)."""

from __future__ import annotations

from pathlib import Path

from desktop.services.imports.model import ImportPlan


def write_report(path: Path, plan: ImportPlan) -> None:
    raise NotImplementedError
