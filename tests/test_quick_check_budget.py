"""The start-up check stops at its time budget without a verdict, and damage is not that."""

from __future__ import annotations

from pathlib import Path

from desktop.demo.reference import install_demo_reference
from desktop.demo.seed import seed_demo
from desktop.store.migrate import open_store, quick_check


def test_a_check_cut_short_by_its_budget_is_no_verdict_not_an_error(tmp_path: Path) -> None:
    store = open_store(tmp_path / "data")
    try:
        install_demo_reference(store)
        seed_demo(store, referrals=200, seed=1)
        # The progress handler stops the check at once: SQLite says "interrupted".
        assert quick_check(store, budget_s=0.0) is False
        assert quick_check(store, budget_s=60.0) is True
    finally:
        store.dispose()
    # A store too big to check within the start-up budget still opens.
    open_store(tmp_path / "data", check_budget_s=0.0).dispose()
