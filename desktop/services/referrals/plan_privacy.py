"""The privacy check of the joint plan's free texts: what the minutes' check refuses (codici
fiscali), and anything that reads like a diagnosis (``desktop.domain.health.diagnosis_terms``,
the same screen as the L. 68 placement note's).

The plan travels to every party and prints for signatures; health data have no place in it
(GDPR art. 9, minimisation): goals and actions say what is to be done, not why clinically.
A false alarm costs a rewording, a missed diagnosis costs a breach, so the screen errs on the
side of refusing.
"""

from __future__ import annotations

from desktop.domain.health import diagnosis_terms
from desktop.services import validation as v


def privacy_reason(text: str, label: str) -> str | None:
    """The Italian reason ``text`` may not be stored in the plan, or None when it may."""
    codes = v.find_fiscal_codes(text)
    if codes:
        return (
            f"«{label}» contiene un codice fiscale ({codes[0]}): nel progetto non vanno "
            "riportati dati identificativi, la persona è già indicata nella segnalazione."
        )
    found = diagnosis_terms(text)
    if found:
        return (
            f"«{label}» sembra riportare una diagnosi o un dato sanitario («{found[0]}»): "
            "nel progetto condiviso indicare solo obiettivi, azioni e impegni, mai diagnosi "
            "(dati relativi alla salute, art. 9 GDPR)."
        )
    return None


def check_privacy(errors: v.Errors, field: str, text: str, label: str) -> None:
    reason = privacy_reason(text, label)
    if reason is not None:
        errors.setdefault(field, reason)
