"""Referral numbers: "2026/P0002/000123" from an enrolled PC, "2026/000123" from one never
enrolled.

Numbers are drawn on each PC, offline. This PC's series ("P0002") is a local_setting written at
enrollment from the device number the provincial server gives (sync.client.enroll): the series
keeps two PCs from drawing the same number. Enrolling renumbers what was drawn before into the
series.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.referral_numbers import (
    REFERRAL_NUMBER_PATTERN,
    number_range,
    number_series,
    referral_number,
)
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.store.engine import Store
from desktop.store.models import LocalSetting, Referral
from desktop.store.settings import NUMBER_SERIES

# Re-exported: the forms of a number are the domain's, the series setting the store's.
__all__ = [
    "NUMBER_SERIES",
    "REFERRAL_NUMBER_PATTERN",
    "find_referral_id",
    "last_sequence",
    "next_number",
    "number_range",
    "number_series",
    "referral_number",
    "this_pc_series",
]


def this_pc_series(session: Session) -> str:
    """This PC's series, or "" when it was never enrolled."""
    setting = session.get(LocalSetting, NUMBER_SERIES)
    return setting.value if setting is not None else ""


def last_sequence(session: Session, year: int, series: str) -> int:
    """The last sequence drawn in ``year`` in ``series`` (0 when none)."""
    low, high = number_range(year, series)
    last = session.scalar(
        select(func.max(Referral.number)).where(Referral.number >= low, Referral.number < high)
    )
    return int(last.rsplit("/", 1)[1]) if last else 0


def next_number(session: Session, year: int) -> str:
    series = this_pc_series(session)
    return referral_number(year, last_sequence(session, year, series) + 1, series)


def find_referral_id(store: Store, number: str) -> str:
    """The id of the referral with this number. Numbers are unique across PCs by their series;
    should two referrals still share one (drawn before this rule), the number is refused rather
    than guessed."""
    text = number.strip().upper()  # "2026/p0002/000123" typed in lower case is the same
    with store.read() as session:
        found = session.scalars(
            select(Referral.id).where(Referral.number == text, ~Referral.deleted).limit(2)
        ).all()
    if not found:
        raise NotFoundError(f"Nessuna segnalazione con numero {text}.")
    if len(found) > 1:
        raise NotAllowedError(
            f"Più segnalazioni hanno il numero {text}: aprirla dall'elenco delle segnalazioni."
        )
    return found[0]
