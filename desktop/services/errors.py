"""Typed errors raised by services; their messages are Italian and meant for the user.

They are plain domain types (desktop.domain.errors), shared with the sync client: re-exported
here, where the services and the UI have always found them.
"""

from __future__ import annotations

from desktop.domain.errors import (
    NotAllowedError,
    NotFoundError,
    ServiceError,
    ValidationError,
    WarningsNotConfirmedError,
)

__all__ = [
    "NotAllowedError",
    "NotFoundError",
    "ServiceError",
    "ValidationError",
    "WarningsNotConfirmedError",
]
