"""The privacy commands of ``trama``: ``audit verify`` and ``retention`` (DESIGN.md §6).

Kept beside ``desktop/cli.py`` (which parses and dispatches) so that the command line's
accountability tools live in one file; imports stay inside functions, as there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_FAILURE = 1
SHOWN_PROBLEMS = 50


def add_audit_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser(
        "audit",
        help="check the audit trail of a data folder",
        description="The audit trail records who did what, or looked at what, from which PC. "
        "'verify' walks its hash chain: exit 0 when every row is as written, 1 naming each "
        "row edited or removed.",
    )
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="check that no audit row was edited or removed")
    verify.add_argument("--data-dir", type=Path, required=True)


def audit_verify(data_dir: Path) -> int:
    from desktop.services.audit import verify_audit  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    store = open_store(data_dir, create=False)
    try:
        check = verify_audit(store)
    finally:
        store.dispose()
    if check.intact:
        print(
            f"trama: registro degli accessi integro: {check.rows} righe "
            f"in {check.chains} {'catena' if check.chains == 1 else 'catene'}."
        )
        return 0
    print(
        f"trama: registro degli accessi alterato: {len(check.problems)} "
        f"{'problema' if len(check.problems) == 1 else 'problemi'} su {check.rows} righe.",
        file=sys.stderr,
    )
    for problem in check.problems[:SHOWN_PROBLEMS]:
        print(f"  - catena {problem.chain_id[:8]}: {problem.message}", file=sys.stderr)
    if len(check.problems) > SHOWN_PROBLEMS:
        print(f"  ... e altri {len(check.problems) - SHOWN_PROBLEMS}.", file=sys.stderr)
    return EXIT_FAILURE
