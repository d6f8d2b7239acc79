"""Errors about the data file itself, each with a message a person can act on."""


class StoreError(Exception):
    """The data file cannot be used; ``str(error)`` is an Italian message for the user."""


class DatabaseTooNewError(StoreError):
    """The file was written by a newer Trama: it is left untouched."""


class MigrationFailedError(StoreError):
    """A schema upgrade failed; the file has been restored from the backup taken before it."""
