"""What an operator's role allows beyond the daily work (issue: accountability).

Every operator of a site may read and write the site's records; reading the audit, running
retention and answering a person's access request (GDPR art. 15) take a role given in the
site's configuration on the server. The privacy officer does all three; administrative staff
prepare access requests, which are clerical work in most offices.
"""

from __future__ import annotations

from enum import StrEnum

from desktop.domain.actor import Actor
from desktop.domain.codes import OperatorRole


class Permission(StrEnum):
    VIEW_AUDIT = "view_audit"
    RUN_RETENTION = "run_retention"
    ANSWER_ACCESS_REQUEST = "answer_access_request"


GRANTS: dict[Permission, frozenset[OperatorRole]] = {
    Permission.VIEW_AUDIT: frozenset({OperatorRole.PRIVACY_OFFICER}),
    Permission.RUN_RETENTION: frozenset({OperatorRole.PRIVACY_OFFICER}),
    Permission.ANSWER_ACCESS_REQUEST: frozenset(
        {OperatorRole.PRIVACY_OFFICER, OperatorRole.ADMINISTRATIVE}
    ),
}
DENIED = {
    Permission.VIEW_AUDIT: (
        "Il registro degli accessi è visibile solo al referente privacy della sede."
    ),
    Permission.RUN_RETENTION: "Solo il referente privacy della sede può anonimizzare i dati.",
    Permission.ANSWER_ACCESS_REQUEST: (
        "L'estratto dei dati personali è riservato al referente privacy e al personale "
        "amministrativo della sede."
    ),
}


def may(actor: Actor, permission: Permission) -> bool:
    return actor.role is not None and actor.role in GRANTS[permission]
