"""GDPR art. 18: a restricted person or referral is never printed.

The data layer (``desktop.services.documents.data``) refuses them before anything is read into a
document; the builders check the flag again, so that no other way of filling their inputs can
print one. Their refusal is ``RestrictedRecordError``, which ``desktop.services.documents`` turns
into the services' ``NotAllowedError`` (this package imports no service).
"""

from __future__ import annotations

RESTRICTED_REFERRAL = (
    "Il trattamento di questa segnalazione è limitato (art. 18 GDPR): non può essere stampata."
)
RESTRICTED_PERSON = (
    "Il trattamento dei dati di questa persona è limitato (art. 18 GDPR): i documenti che la "
    "riguardano non possono essere stampati."
)


class RestrictedRecordError(Exception):
    """A builder was given a restricted referral or person; the message says which."""


def refuse_restricted(*, referral: bool = False, person: bool = False) -> None:
    """``RestrictedRecordError`` if the referral or the person is restricted."""
    if referral:
        raise RestrictedRecordError(RESTRICTED_REFERRAL)
    if person:
        raise RestrictedRecordError(RESTRICTED_PERSON)
