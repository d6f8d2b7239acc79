"""The legal representative on paper: who signs for the person, and how the role reads."""

from __future__ import annotations

from desktop.domain.codes import LegalRepresentativeKind

# "Firma del genitore", "Firma dell'amministratore di sostegno": the role with its article.
_SIGNER = {
    LegalRepresentativeKind.PARENT: "del genitore",
    LegalRepresentativeKind.GUARDIAN: "del tutore",
    LegalRepresentativeKind.SUPPORT_ADMINISTRATOR: "dell'amministratore di sostegno",
    LegalRepresentativeKind.CURATOR: "del curatore",
}

MINOR_NOTICE = "Minorenne: diritto-dovere all'istruzione e alla formazione fino a 18 anni"


def signer_role(kind: LegalRepresentativeKind) -> str:
    """The caption of the representative's signature line."""
    return f"Firma {_SIGNER[kind]}"


def signer_name(representative_name: str, person_name: str) -> str:
    """ "Paola Brambilla, per Luca Brambilla": who signs, and for whom."""
    return f"{representative_name}, per {person_name}" if person_name else representative_name
