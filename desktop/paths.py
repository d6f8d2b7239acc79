"""Default folders, from platformdirs so that each OS gets its usual places."""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs(appname="Trama", appauthor="Provincia di Varese")


def default_data_dir() -> Path:
    return Path(_DIRS.user_data_dir)


def default_log_dir() -> Path:
    return Path(_DIRS.user_log_dir)
