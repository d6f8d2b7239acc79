"""An error and everything behind it, for the handlers that look for a known cause."""

from __future__ import annotations

from collections.abc import Iterator


def error_chain(error: BaseException) -> Iterator[BaseException]:
    """``error``, then its causes and contexts, each once; SQLAlchemy keeps the driver's error
    in ``.orig`` rather than as the cause, so that is followed too."""
    seen: set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for underlying in (current.__cause__, current.__context__, getattr(current, "orig", None)):
            if isinstance(underlying, BaseException):
                pending.append(underlying)
