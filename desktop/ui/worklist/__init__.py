"""The start page "Da fare" (issue 20): what needs this site's attention today, with counts
beside the side bar's entries. ``WorklistPage`` is the page; ``connect_worklist`` wires it into
the main window (opening each item's record, the side bar's counts, refreshing on changes)."""

from __future__ import annotations

from desktop.ui.worklist.links import connect_worklist
from desktop.ui.worklist.page import WorklistPage

__all__ = ["WorklistPage", "connect_worklist"]
