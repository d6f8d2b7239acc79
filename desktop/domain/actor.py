"""Who is acting: every service call that writes, and every audited read, takes an ``Actor``."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.codes import OperatorRole, SiteKind


@dataclass(frozen=True)
class Actor:
    # The OS account (desktop.domain.identity), recorded in events and audit rows.
    operator: str
    site_code: str
    site_kind: SiteKind
    # From the site's configuration on the server; None when this account is not configured
    # there (it may then do the daily work, nothing that needs a role).
    role: OperatorRole | None = None
    # A name for people to read beside the account; never the identity.
    display_name: str = ""
    workstation: str = ""

    @property
    def shown_as(self) -> str:
        """The account, with the display name when there is one: "mrossi (Maria Rossi)"."""
        if self.display_name and self.display_name != self.operator:
            return f"{self.operator} ({self.display_name})"
        return self.operator
