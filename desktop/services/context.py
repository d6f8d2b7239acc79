"""Who is acting: every service call that writes takes an ``Actor``.

A plain domain type (desktop.domain.actor), shared with the sync client; named here too, where
the services have always found it.
"""

from __future__ import annotations

from desktop.domain.actor import Actor

__all__ = ["Actor"]
