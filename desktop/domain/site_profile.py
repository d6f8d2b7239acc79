"""The site profile: the body behind a site, as its letterheads and privacy notices name it.

The Province keeps every site's profile (reference data, sent by the server); a document is
issued in the name of the body that owns its record, with the contacts of that body's profile.
What the law requires of a document is checked here, before anything is laid out: a privacy
notice (GDPR art. 13(1)(a) and (b)) must name the controller with its contacts and the DPO's.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.codes import SiteKind

# The logo column's length: base64 of LOGO_MAX_BYTES, rounded up.
LOGO_MAX_CHARS = 136_000


@dataclass(frozen=True)
class SiteProfile:
    """One site's profile, as the reference data hold it (logo still base64)."""

    code: str
    kind: SiteKind
    name: str  # the body's full name: "Ambito territoriale di Saronno"
    controller_name: str = ""  # the legal entity, for an Ambito its ente capofila
    controller_tax_code: str = ""
    address: str = ""
    pec: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    dpo_name: str = ""
    dpo_email: str = ""
    dpo_pec: str = ""
    dpo_phone: str = ""
    logo: str = ""

    @property
    def controller(self) -> str:
        """Who answers for the processing: the legal entity, else the body itself."""
        return self.controller_name or self.name


# Italian names of the profile's fields, for the messages that say which one is missing.
FIELD_LABELS: dict[str, str] = {
    "name": "denominazione",
    "controller_name": "titolare del trattamento (ente capofila)",
    "controller_tax_code": "codice fiscale dell'ente",
    "address": "indirizzo",
    "pec": "PEC",
    "email": "e-mail",
    "phone": "telefono",
    "website": "sito web",
    "dpo_name": "Responsabile della protezione dei dati (nome)",
    "dpo_email": "e-mail del Responsabile della protezione dei dati",
    "dpo_pec": "PEC del Responsabile della protezione dei dati",
    "dpo_phone": "telefono del Responsabile della protezione dei dati",
    "logo": "logo",
}


def missing_for_privacy_notice(profile: SiteProfile) -> list[str]:
    """The Italian names of what a privacy notice needs and the profile lacks (GDPR art. 13).

    The controller's identity and contacts (an address and at least one of PEC or e-mail), and
    the DPO's contacts (at least one of e-mail or PEC; the name is not required by the law).
    An Ambito must name its ente capofila: the Ambito itself has no legal personality.
    """
    missing: list[str] = []
    if profile.kind is SiteKind.AMBITO and not profile.controller_name.strip():
        missing.append(FIELD_LABELS["controller_name"])
    if not profile.address.strip():
        missing.append(FIELD_LABELS["address"])
    if not (profile.pec.strip() or profile.email.strip()):
        missing.append("PEC o e-mail del titolare")
    if not (profile.dpo_email.strip() or profile.dpo_pec.strip()):
        missing.append("e-mail o PEC del Responsabile della protezione dei dati")
    return missing
