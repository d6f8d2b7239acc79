"""One sync of a data folder in a process of its own, for the kill tests.

    python -m tests.sync.e2e.sync_child DATA_DIR [BATCH_RECORDS [PULL_LIMIT]]

Prints a line per progress report (flushed, so the parent can kill right after it) and "done"
at the end. The token comes from the test keyring named by PYTHON_KEYRING_BACKEND.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.store.migrate import open_store
from sync.client.engine import SyncEngine
from sync.client.progress import SyncProgress


def _report(progress: SyncProgress) -> None:
    print(f"{progress.stage.value} {progress.done}", flush=True)


def main() -> int:
    store = open_store(Path(sys.argv[1]), create=False)
    try:
        batch = int(sys.argv[2]) if len(sys.argv) > 2 else 250
        limit = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
        result = SyncEngine(store, progress=_report, batch_records=batch, pull_limit=limit).run()
    finally:
        store.dispose()
    print(f"done {result.sent} {result.received}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
