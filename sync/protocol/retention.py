"""The retention periods Trama proposes until the Province sets its own (docs/PRIVACY.md).

They reach every PC as ``retention_rule`` reference records (the server's demo configuration
and ``trama-server reference import`` write them); a PC applies the rules it holds, never these
defaults directly. Every default is a proposal: the controller decides (``needs_decision``).
A rule matches a record kind, a track (None: any) and a closing (a referral status that ends it,
or a CPI outcome; "": any); the most specific rule wins (``most_specific``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sync.protocol.codes import RetentionRecordKind, Track


@dataclass(frozen=True)
class RetentionDefault:
    record_kind: RetentionRecordKind
    track: Track | None
    closing: str
    months: int
    needs_decision: bool
    basis: str


_LIMITATION = "GDPR art. 5, par. 1, lett. e) (limitazione della conservazione)"
DEFAULT_RULES: tuple[RetentionDefault, ...] = (
    RetentionDefault(
        RetentionRecordKind.REFERRAL,
        None,
        "draft",
        12,
        True,
        f"Bozza mai inviata: nessun procedimento è stato avviato. {_LIMITATION}.",
    ),
    RetentionDefault(
        RetentionRecordKind.REFERRAL,
        None,
        "withdrawn",
        24,
        True,
        f"Segnalazione annullata dall'ente inviante. {_LIMITATION}; due anni per eventuali "
        "richieste di chiarimento sul procedimento.",
    ),
    RetentionDefault(
        RetentionRecordKind.REFERRAL,
        None,
        "not_relevant",
        24,
        True,
        f"Segnalazione giudicata non pertinente dal CPI. {_LIMITATION}; due anni per eventuali "
        "richieste di riesame.",
    ),
    RetentionDefault(
        RetentionRecordKind.REFERRAL,
        None,
        "returned",
        24,
        True,
        f"Segnalazione restituita all'ente inviante e non ripresentata. {_LIMITATION}.",
    ),
    RetentionDefault(
        RetentionRecordKind.REFERRAL,
        None,
        "concluded",
        60,
        True,
        "Percorso concluso: cinque anni, il periodo di conservazione dei documenti delle "
        "operazioni cofinanziate dal FSE+ (Reg. (UE) 2021/1060, art. 82), che finanzia molti "
        "percorsi di attivazione.",
    ),
    RetentionDefault(
        RetentionRecordKind.REFERRAL,
        Track.CMD,
        "hired",
        120,
        True,
        "Assunzione nel collocamento mirato (L. 68/1999): dieci anni, il termine ordinario di "
        "prescrizione (art. 2946 c.c.) entro cui l'assunzione può essere contestata.",
    ),
    RetentionDefault(
        RetentionRecordKind.PERSON,
        None,
        "",
        12,
        True,
        f"Persona senza segnalazioni da conservare (tutte anonimizzate, o nessuna). {_LIMITATION}.",
    ),
)


class RuleShape(Protocol):
    @property
    def track(self) -> str | None: ...

    @property
    def closing(self) -> str: ...


RuleT = TypeVar("RuleT", bound=RuleShape)


def most_specific(rules: Iterable[RuleT], *, track: str | None, closing: str) -> RuleT | None:
    """The rule that applies: track and closing both matched beats one matched beats none."""
    best: RuleT | None = None
    best_score = -1
    for rule in rules:
        if rule.track is not None and rule.track != track:
            continue
        if rule.closing and rule.closing != closing:
            continue
        score = (2 if rule.closing else 0) + (1 if rule.track is not None else 0)
        if score > best_score:
            best, best_score = rule, score
    return best
