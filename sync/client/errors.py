"""Why a sync or an enrollment did not happen, as complete Italian sentences for the user."""

from __future__ import annotations

from desktop.domain.errors import ServiceError


class SyncError(ServiceError):
    """Base class; ``outcome`` is the short code written to the sync log."""

    outcome = "failed"


class NotEnrolledError(SyncError):
    outcome = "not_enrolled"


class AlreadyEnrolledError(SyncError):
    outcome = "refused"


class KeyringUnavailableError(SyncError):
    outcome = "keyring"


class OfflineError(SyncError):
    """The server could not be reached (after the retries)."""

    outcome = "offline"


class CertificateError(SyncError):
    """The server's TLS certificate was not accepted (not trusted, expired, another name)."""

    outcome = "certificate"


class ServerError(SyncError):
    """The server answered with an error it may recover from later (5xx, 429)."""

    outcome = "server_error"


class VersionRefusedError(SyncError):
    outcome = "refused"


class AuthenticationError(SyncError):
    """The device token is unknown or revoked (401)."""

    outcome = "unauthorized"


class RequestRefusedError(SyncError):
    """The server refused a request for good (403, 404, 422, ...)."""

    outcome = "refused"

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class SyncCancelledError(SyncError):
    outcome = "cancelled"


class ProtocolViolationError(SyncError):
    """The server sent something this client cannot apply (an unknown table, a bad page)."""

    outcome = "failed"
