"""Opening a spreadsheet safely and reading one sheet into a ``SourceTable`` (helper A)."""

from __future__ import annotations

from pathlib import Path

from desktop.services.imports.model import Cancelled, Progress, SourceInfo, SourceTable


def inspect_source(path: Path) -> SourceInfo:
    """The file's format, fingerprint and sheets; raises ImportFileError in Italian."""
    raise NotImplementedError


def read_table(
    path: Path,
    sheet: str | None = None,
    *,
    source: SourceInfo | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> SourceTable:
    """One sheet (the first visible one when ``sheet`` is None) as a table under its header."""
    raise NotImplementedError
