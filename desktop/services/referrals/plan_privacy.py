"""The privacy check of the joint plan's free texts: what the minutes' check refuses (codici
fiscali), and anything that reads like a diagnosis.

The plan travels to every party and prints for signatures; health data have no place in it
(GDPR art. 9, minimisation): goals and actions say what is to be done, not why clinically.
The words are stems of clinical vocabulary an operator would write; a false alarm costs a
rewording, a missed diagnosis costs a breach, so the list errs on the side of refusing.
"""

from __future__ import annotations

import re

from desktop.services import validation as v

_DIAGNOSIS_STEMS = (
    r"diagnos",
    r"patologi",
    r"sindrome",
    r"disturbo\s+(?:d|bipolar|psic|ossess|borderline|della\s+personalit|dello\s+spettro)",
    r"schizofren",
    r"psicos[io]",
    r"depression",
    r"bipolar",
    r"autis",
    r"asperger",
    r"adhd",
    r"epiless",
    r"oligofren",
    r"ritardo\s+mentale",
    r"tumor",
    r"neoplas",
    r"carcinom",
    r"sclerosi",
    r"hiv\b",
    r"aids\b",
    r"tossicodipend",
    r"alcoldipend",
    r"alcolism",
    r"ludopati",
    r"psicofarmac",
    r"terapia\s+farmacologica",
    r"affett[oa]\s+da",
    r"soffre\s+di",
    r"icd-?1[01]",
    r"dsm-?(?:iv|5|v)\b",
)
_DIAGNOSIS_RE = re.compile(r"\b(?:" + "|".join(_DIAGNOSIS_STEMS) + ")", re.IGNORECASE)
# An ICD-10 code such as "F20.0" or "F32".
_ICD_CODE_RE = re.compile(r"\b[A-TV-Z]\d{2}\.\d\b")


def privacy_reason(text: str, label: str) -> str | None:
    """The Italian reason ``text`` may not be stored in the plan, or None when it may."""
    codes = v.find_fiscal_codes(text)
    if codes:
        return (
            f"«{label}» contiene un codice fiscale ({codes[0]}): nel progetto non vanno "
            "riportati dati identificativi, la persona è già indicata nella segnalazione."
        )
    found = _DIAGNOSIS_RE.search(text) or _ICD_CODE_RE.search(text)
    if found:
        return (
            f"«{label}» sembra riportare una diagnosi o un dato sanitario («{found.group(0)}»): "
            "nel progetto condiviso indicare solo obiettivi, azioni e impegni, mai diagnosi "
            "(dati relativi alla salute, art. 9 GDPR)."
        )
    return None


def check_privacy(errors: v.Errors, field: str, text: str, label: str) -> None:
    reason = privacy_reason(text, label)
    if reason is not None:
        errors.setdefault(field, reason)
