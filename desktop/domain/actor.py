"""Who is acting: every service call that writes takes an ``Actor``."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.codes import SiteKind


@dataclass(frozen=True)
class Actor:
    operator: str  # username, recorded in events and audit rows
    site_code: str
    site_kind: SiteKind
