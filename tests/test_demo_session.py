"""``trama --demo``'s throwaway folders: removed when the demo ends, and those of killed runs at
the next start; never a folder that is not a demo's, nor one whose demo is still running."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from desktop.demo.session import (
    DEMO_PREFIX,
    OWNER_FILE,
    clean_stale_demo_folders,
    new_demo_folder,
    remove_demo_folder,
)
from desktop.store.keys import DEMO_KEY_FILE


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder the demo makes its folders in."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def _marked(root: Path, name: str, *, age_s: float = 0.0) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / DEMO_KEY_FILE).write_text("DEMO ONLY\n00\n", encoding="ascii")
    (folder / "trama.sqlite").write_bytes(b"x" * 100)
    if age_s:
        then = time.time() - age_s
        os.utime(folder, (then, then))
    return folder


_KILLED_DEMO = """
import sys
import tempfile
from desktop.demo.session import new_demo_folder
session = new_demo_folder(with_server=False)
print(session.data_dir, flush=True)
sys.stdin.read()  # until the test kills this process
"""


def test_a_killed_demos_folder_is_removed_at_the_next_start_and_a_running_ones_is_not(
    temp_root: Path,
) -> None:
    environment = {**os.environ, "TMPDIR": str(temp_root)}
    with subprocess.Popen(
        [sys.executable, "-c", _KILLED_DEMO],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    ) as child:
        assert child.stdout is not None
        killed = Path(child.stdout.readline().strip())
        assert killed.parent == temp_root and (killed / OWNER_FILE).is_file()
        # While its process runs, the folder is its own.
        assert clean_stale_demo_folders() == []
        child.kill()  # SIGKILL: none of its clean-up runs
        child.wait()
    running = new_demo_folder(with_server=False)  # this process's: running
    try:
        assert killed.exists()
        assert clean_stale_demo_folders() == [killed]
        assert not killed.exists()
        assert running.data_dir.exists()
    finally:
        running.discard()
    assert not running.data_dir.exists()


def test_only_marked_demo_folders_of_the_temporary_folder_are_ever_removed(
    temp_root: Path,
) -> None:
    day = 24 * 3600.0
    # An older Trama's demo folder, closed normally days ago (they were kept then): removed.
    old = _marked(temp_root, f"{DEMO_PREFIX}old", age_s=3 * day)
    # The same, but recent, or with the app's lock (a running older Trama): kept.
    recent = _marked(temp_root, f"{DEMO_PREFIX}recent", age_s=3600)
    locked = _marked(temp_root, f"{DEMO_PREFIX}locked", age_s=3 * day)
    (locked / "trama.lock").write_text("12345\ntrama\nhost\n", encoding="utf-8")
    # Named like a demo folder but not marked as one; marked but named otherwise; a file.
    unmarked = temp_root / f"{DEMO_PREFIX}unmarked"
    unmarked.mkdir()
    os.utime(unmarked, (time.time() - 3 * day, time.time() - 3 * day))
    other = _marked(temp_root, "my-data", age_s=3 * day)
    plain_file = temp_root / f"{DEMO_PREFIX}file"
    plain_file.write_text("not a folder", encoding="utf-8")
    # A link named like a demo folder, to a marked folder elsewhere: never followed.
    elsewhere = _marked(temp_root, "elsewhere", age_s=3 * day)
    link = temp_root / f"{DEMO_PREFIX}link"
    link.symlink_to(elsewhere, target_is_directory=True)

    assert clean_stale_demo_folders() == [old]
    for kept in (recent, locked, unmarked, other, plain_file, elsewhere, link):
        assert kept.exists()
    assert not remove_demo_folder(other)  # not named as a demo folder
    assert not remove_demo_folder(link)
    assert other.exists() and elsewhere.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX's")
def test_trama_demo_shows_a_window_first_and_leaves_nothing_behind_when_terminated(
    tmp_path: Path,
) -> None:
    """The whole ``trama --demo``: the progress window is painted before the list, and SIGTERM
    (as Ctrl+C, or a session's logout) ends it with its folder and its server's removed."""
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    window_file, list_file = tmp_path / "window", tmp_path / "list"
    environment = {
        **os.environ,
        "TMPDIR": str(temp_root),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "TRAMA_BENCH_WINDOW_FILE": str(window_file),
        "TRAMA_BENCH_READY_FILE": str(list_file),
    }
    environment.pop("TRAMA_BENCH_QUIT_AFTER_READY", None)
    with subprocess.Popen(
        [sys.executable, "-m", "desktop", "--demo"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    ) as app:
        try:
            deadline = time.monotonic() + 120
            while not list_file.exists() and app.poll() is None and time.monotonic() < deadline:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    app.wait(timeout=0.05)  # on the process, looking at its file in between
            assert list_file.exists(), "the demo's list was never painted"
            folders = list(temp_root.glob(f"{DEMO_PREFIX}*"))
            assert len(folders) == 1
            app.send_signal(signal.SIGTERM)
            _, errors = app.communicate(timeout=120)
        finally:
            if app.poll() is None:
                app.kill()
    assert app.returncode == 0, errors
    assert "Traceback" not in errors
    assert float(window_file.read_text()) < float(list_file.read_text())
    assert list(temp_root.iterdir()) == []
