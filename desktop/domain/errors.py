"""Typed errors refusing an action; their messages are Italian and meant for the user.

Raised by the services and by the sync client alike (desktop.services.errors names them too).
"""

from __future__ import annotations

from collections.abc import Mapping


class ServiceError(Exception):
    """Base class: ``str(error)`` is a complete Italian sentence to show as it is."""


class ValidationError(ServiceError):
    """Input was refused; ``field_errors`` maps a field name to its message. Nothing changed."""

    def __init__(self, field_errors: Mapping[str, str]) -> None:
        self.field_errors = dict(field_errors)
        super().__init__(" ".join(self.field_errors.values()))


class WarningsNotConfirmedError(ServiceError):
    """Input needs a person's confirmation (with a reason) before it is saved."""

    def __init__(self, warnings: Mapping[str, str]) -> None:
        self.warnings = dict(warnings)
        super().__init__(
            " ".join(self.warnings.values())
            + " Per procedere comunque indicare il motivo della conferma."
        )


class NotFoundError(ServiceError):
    pass


class NotAllowedError(ServiceError):
    """The action is not allowed now: wrong state, wrong site, restricted record."""
