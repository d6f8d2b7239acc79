"""The frozen build's entry point (installer/trama.spec): the ``trama`` command line.

``freeze_support`` must run first: the demo generator's worker processes are spawned by
re-running this executable, and without it each child would start the application again.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())
