"""GDPR art. 18: a restricted person or referral is never printed.

The data layer refuses them before anything is read into a document; the builders check the
flag again, so that no other way of filling their inputs can print one.
"""

from __future__ import annotations

from desktop.services.errors import NotAllowedError

RESTRICTED_REFERRAL = (
    "Il trattamento di questa segnalazione è limitato (art. 18 GDPR): non può essere stampata."
)
RESTRICTED_PERSON = (
    "Il trattamento dei dati di questa persona è limitato (art. 18 GDPR): i documenti che la "
    "riguardano non possono essere stampati."
)


def refuse_restricted(*, referral: bool = False, person: bool = False) -> None:
    """``NotAllowedError`` if the referral or the person is restricted."""
    if referral:
        raise NotAllowedError(RESTRICTED_REFERRAL)
    if person:
        raise NotAllowedError(RESTRICTED_PERSON)
