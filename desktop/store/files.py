"""Files and folders that only their owner can read (DOMAIN.md §5).

On POSIX the modes are set explicitly (0700 folders, 0600 files) whatever the umask is; SQLite
gives the WAL and shared-memory files the mode of the database file, so creating that file
private first is enough. On Windows the data folder lives under ``%LOCALAPPDATA%``, whose ACL
already admits only the user; modes are not Windows' way, and are left alone there.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
_POSIX = sys.platform != "win32"


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) as a private folder; an existing one is left as
    it is, so that a folder IT chose on a share keeps its ACL (it is warned about instead)."""
    if path.is_dir():
        return
    missing: list[Path] = []
    walk = path
    while not walk.exists():
        missing.append(walk)
        walk = walk.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue
        if _POSIX:
            folder.chmod(PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask


def create_private_file(path: Path) -> None:
    """Create an empty private file; an existing file is an error (never overwritten here)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.close(descriptor)
    if _POSIX:
        path.chmod(PRIVATE_FILE_MODE)  # os.open's mode is filtered by the umask


def make_private(path: Path) -> None:
    """Take every permission of the group and of others away (0700, 0600 as made); the
    owner's are kept as they are, so that a file someone made read-only stays read-only."""
    if _POSIX and path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            path.chmod(mode & stat.S_IRWXU)


def write_private(path: Path, data: bytes) -> None:
    """Write a whole private file atomically (a scratch file replaced at the end)."""
    scratch = path.with_name(path.name + ".tmp")
    scratch.unlink(missing_ok=True)
    descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if _POSIX:
        scratch.chmod(PRIVATE_FILE_MODE)
    scratch.replace(path)


def open_to_others(path: Path) -> bool:
    """Whether accounts other than the owner may read or enter ``path`` (POSIX only): its
    mode lets them, and so do the folders above it (a 0755 folder in a private home is out
    of their reach)."""
    if not _POSIX or not path.exists():
        return False
    if not path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        return False
    for folder in path.absolute().parents:
        try:
            if not folder.stat().st_mode & (stat.S_IXGRP | stat.S_IXOTH):
                return False
        except OSError:
            return False
    return True


def private_folder_fix(path: Path) -> str:
    """How to make a folder private, for the warning shown about it."""
    return f'chmod -R go-rwx "{path}"'
