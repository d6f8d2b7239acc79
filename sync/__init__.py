"""Batch sync between office PCs and the provincial server (DESIGN.md §3)."""
