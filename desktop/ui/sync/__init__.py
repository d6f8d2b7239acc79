"""The app's side of batch sync with the provincial server (DESIGN.md §3; issue 6): enrollment,
background sync on a schedule, the status bar indicator, conflicts and the sync log."""

from desktop.ui.sync.area import SyncArea

__all__ = ["SyncArea"]
