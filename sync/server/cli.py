"""``trama-server``: for now only its usage; the commands arrive with the sync issue."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

USAGE = """\
trama-server serve [--db URL] [--host H] [--port P] [--workers N]
trama-server site add --kind ambito|cpi|provincia --code CODE --name NAME
trama-server enroll-code SITE_CODE [--db URL]
trama-server init-demo [--db URL] --json
trama-server device list|revoke ...
trama-server reference import FILE.csv"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="trama-server",
        usage=USAGE,
        description="The provincial server of Trama. Not available yet in this release.",
    )
    parser.add_argument("command", nargs="?")
    args, _rest = parser.parse_known_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    print(f"trama-server: '{args.command}' is not available yet in this release", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
