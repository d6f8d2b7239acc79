"""A small launcher: spawn one command, wait for it, print its start time and peak memory.

``python -m tests.bench.launch TIMEOUT_S COMMAND...`` prints one JSON line:
``{"started": ..., "returncode": ..., "peak_rss_kb": ...}``.

Why a separate process: on Linux a child's ``ru_maxrss`` starts from the memory of the process
that forked it (the peak is carried across ``exec``), so a child spawned by the runner, which
holds a seeded database's rows, would report the runner's size. This launcher imports nothing
heavy and stays at a few MB, below anything it measures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    timeout_s = float(argv[0])
    command = argv[1:]
    started = time.time()
    # The child's output goes to stderr: stdout carries the launcher's one line alone.
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=sys.stderr.fileno())
    deadline = time.monotonic() + timeout_s
    returncode: int | None
    while True:
        # wait4 rather than Popen.wait: it returns this child's own resource usage.
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            returncode = os.waitstatus_to_exitcode(status)
            break
        if time.monotonic() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            returncode = None
            break
        time.sleep(0.005)
    process.returncode = -1 if returncode is None else returncode
    print(
        json.dumps(
            {
                "started": started,
                "returncode": returncode,
                "timed_out": returncode is None,
                "peak_rss_kb": usage.ru_maxrss,  # KiB on Linux
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
