"""A keyring backend for tests that run ``trama`` in child processes: never in the product.

The child gets ``PYTHON_KEYRING_BACKEND=tests.sync.file_keyring.FileKeyring`` and
``TRAMA_TEST_KEYRING_FILE=<a temporary JSON file>``; the parent reads the same file. The OS
keyring is never touched, and the token file lives in the test's temporary folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend
import keyring.errors

FILE_VARIABLE = "TRAMA_TEST_KEYRING_FILE"
BACKEND = "tests.sync.file_keyring.FileKeyring"


class FileKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @staticmethod
    def _path() -> Path:
        return Path(os.environ[FILE_VARIABLE])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def _save(self, entries: dict[str, str]) -> None:
        path = self._path()
        scratch = path.with_suffix(".tmp")
        scratch.write_text(json.dumps(entries), encoding="utf-8")
        scratch.replace(path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._load()
        entries[f"{service}\n{username}"] = password
        self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._load()
        if entries.pop(f"{service}\n{username}", None) is None:
            raise keyring.errors.PasswordDeleteError(username)
        self._save(entries)

    @property
    def entries(self) -> dict[tuple[str, str], str]:
        """Every entry, by (service, username)."""
        found: dict[tuple[str, str], str] = {}
        for name, password in self._load().items():
            service, _, username = name.partition("\n")
            found[(service, username)] = password
        return found

    def tokens(self) -> list[str]:
        """The sync tokens only (the stores' keys are entries too)."""
        return [
            password for (_service, user), password in self.entries.items() if user != "store-key"
        ]
