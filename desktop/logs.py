"""The application's log file: rotating, UTF-8, UTC timestamps, personal data redacted.

The rule stays that code never logs personal data (names, fiscal codes, contacts): log ids,
counts and codes instead. The redaction here is only a safety net for a slip, for example an
exception message that quotes a value the user typed.
"""

from __future__ import annotations

import io
import logging
import os
import re
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop import paths
from desktop.store.files import PRIVATE_FILE_MODE, make_private, make_private_dir

LOG_FILE_NAME = "trama.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 5

FORMAT = "%(asctime)s.%(msecs)03dZ %(levelname)-8s %(name)s [%(threadName)s] %(message)s"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"

FISCAL_CODE_PLACEHOLDER = "[codice fiscale]"
EMAIL_PLACEHOLDER = "[e-mail]"

# Digits of a codice fiscale may be replaced by the letters LMNPQRSTUV when two people would
# otherwise share a code (omocodia), so those positions accept either.
_DIGIT = "[0-9LMNPQRSTUV]"
_FISCAL_CODE = re.compile(
    rf"(?<![A-Z0-9])[A-Z]{{6}}{_DIGIT}{{2}}[ABCDEHLMPRST]{_DIGIT}{{2}}[A-Z]{_DIGIT}{{3}}[A-Z]"
    r"(?![A-Z0-9])",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}", re.IGNORECASE)


def redact(text: str) -> str:
    """The text with anything that looks like a fiscal code or an e-mail address masked."""
    return _EMAIL.sub(EMAIL_PLACEHOLDER, _FISCAL_CODE.sub(FISCAL_CODE_PLACEHOLDER, text))


class RedactingFilter(logging.Filter):
    """Masks personal identifiers in a record's message, traceback and stack before writing.

    The record is changed in place (Python 3.11 filters cannot hand back a copy): any handler
    that sees it afterwards gets the redacted text too, which is the safe direction.
    """

    def __init__(self) -> None:
        super().__init__()
        self._traceback_formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            # A malformed call: let the handler report it on stderr as logging always does;
            # formatting fails there too, so nothing of it reaches the file.
            return True
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._traceback_formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class UTCFormatter(logging.Formatter):
    """Timestamps in UTC: logs from PCs in different settings and the server's line up."""

    def __init__(self, fmt: str = FORMAT, datefmt: str = DATE_FORMAT) -> None:
        super().__init__(fmt, datefmt)
        self.converter = time.gmtime


class _TramaLogHandler(RotatingFileHandler):
    """The handler this module installs (configuring again replaces it): its files, the
    current one and the rotated ones, are private (0600), as the data folder's are; a record
    that cannot be written (a full disk) is dropped without a word, since the log must never
    put a traceback on the user's screen nor stop the work it records."""

    def _open(self) -> io.TextIOWrapper:
        descriptor = os.open(
            self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE
        )
        make_private(Path(self.baseFilename))  # a file made by an older release, or the umask
        return io.TextIOWrapper(
            io.BufferedWriter(io.FileIO(descriptor, "a")),
            encoding=self.encoding,
            errors=self.errors,
        )

    def handleError(self, record: logging.LogRecord) -> None:
        self.dropped += 1

    dropped = 0


def default_log_dir() -> Path:
    """The user's log folder for Trama (platformdirs' user_log_dir)."""
    return paths.default_log_dir()


def configure_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send the application's log records at ``level`` and above to ``log_dir/trama.log``.

    Calling it again replaces the earlier file handler. Returns the log file's path.
    """
    make_private_dir(log_dir)
    make_private(log_dir)  # the application's own folder: one made by an older release too
    log_file = log_dir / LOG_FILE_NAME
    handler = _TramaLogHandler(
        log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(UTCFormatter())
    handler.addFilter(RedactingFilter())
    close_logging()
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return log_file


def current_log_file() -> Path | None:
    """The file :func:`configure_logging` writes to, or None when logging is not configured."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _TramaLogHandler):
            return Path(handler.baseFilename)
    return None


def close_logging() -> None:
    """Detach and close the file handler installed by :func:`configure_logging`, if any."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _TramaLogHandler):
            root.removeHandler(handler)
            handler.close()
