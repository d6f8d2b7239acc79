"""The codice fiscale as both person forms check it while it is typed (DOMAIN.md §6).

The referral editor's person tab and the persons page's edit dialog show the outcome their own
way (a message beside the field, a status line); what the code is compared with, and what a
valid code fills in on its own, is decided here once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop.domain.codes import Sex
from desktop.domain.fiscal_code import (
    CODE_LENGTH,
    FiscalCodeCheck,
    check_fiscal_code,
    normalise_fiscal_code,
)


@dataclass(frozen=True)
class CodeReading:
    """A typed code compared with the data typed beside it.

    ``check`` is None while the code is shorter than a whole one; ``birth_date`` and ``sex``
    are what a code without errors tells and the form does not hold yet (to fill in)."""

    check: FiscalCodeCheck | None
    birth_date: date | None = None
    sex: Sex | None = None


def read_fiscal_code(
    text: str,
    *,
    last_name: str,
    first_name: str,
    sex: Sex | None,
    birth_date: date | None,
    today: Callable[[], date],
) -> CodeReading:
    """Check ``text`` against the name, sex and birth date typed so far (blank: not typed)."""
    code = normalise_fiscal_code(text)
    if len(code) < CODE_LENGTH:
        return CodeReading(check=None)
    check = check_fiscal_code(
        code,
        last_name=last_name or None,
        first_name=first_name or None,
        sex=sex.value if sex is not None else None,
        birth_date=birth_date,
        today=today(),
    )
    if check.errors:
        return CodeReading(check=check)
    return CodeReading(
        check=check,
        birth_date=check.birth_date if birth_date is None else None,
        sex=Sex(check.sex) if sex is None and check.sex else None,
    )
