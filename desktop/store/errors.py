"""Errors about the data file itself, each with a message a person can act on.

Each kind of storage failure has its own class, so that the command line and the GUI can say
what happened and what to do (restore a backup, free the disk, give the key) instead of the
driver's words. ``str(error)`` is always a complete Italian message.
"""


class StoreError(Exception):
    """The data file cannot be used; ``str(error)`` is an Italian message for the user."""


class DatabaseTooNewError(StoreError):
    """The file was written by a newer Trama: it is left untouched."""


class MigrationFailedError(StoreError):
    """A schema upgrade failed; the file has been restored from the backup taken before it."""


class DamagedStoreError(StoreError):
    """Pages of the file cannot be read back (damaged disk, a copy cut short, garbage)."""


class DiskFullError(StoreError):
    """The disk (or the user's quota) has no room for what was being written."""


class ReadOnlyStoreError(StoreError):
    """The folder or the file cannot be written (read-only media, permissions)."""


class ForeignFileError(StoreError):
    """The file is not a Trama store (another program's database or file)."""


class MissingStoreError(StoreError):
    """The store is missing or empty where one existed: it is never silently re-created."""


class MissingKeyError(StoreError):
    """The keyring has no key for this folder: the recovery key is needed."""


class WrongKeyError(StoreError):
    """The key at hand does not open the file (another folder's key, a restored PC)."""


class KeyRejectedError(StoreError):
    """The driver's verdict on a key (``desktop.store.raw``): turned into ``WrongKeyError``
    or ``ForeignFileError`` by ``desktop.store.failures``, which can look at the file."""

    def __init__(self, message: str, *, keyed: bool) -> None:
        super().__init__(message)
        self.keyed = keyed
