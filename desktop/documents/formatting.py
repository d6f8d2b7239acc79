"""Italian formats for printed values: dates gg/mm/aaaa, times, euro amounts, yes/no.

Every function returns "" for a missing value, so builders can drop empty fields with one test.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip


def _office_zone() -> ZoneInfo | None:
    try:
        return ZoneInfo("Europe/Rome")
    except ZoneInfoNotFoundError:  # a Windows Python without the tzdata package
        return None


OFFICE_ZONE = _office_zone()


def format_date(day: date | None) -> str:
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_long_date(day: date | None) -> str:
    """ "27 novembre 2026", for sentences."""
    return "" if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_time(moment: time | None) -> str:
    return "" if moment is None else f"{moment.hour:02d}:{moment.minute:02d}"


def local_datetime(moment: datetime) -> datetime:
    """A UTC timestamp as the office's wall-clock time (Europe/Rome)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(OFFICE_ZONE) if OFFICE_ZONE is not None else aware.astimezone()


def format_datetime(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = local_datetime(moment)
    return f"{format_date(local.date())} alle {format_time(local.time())}"


def format_integer(value: int | None) -> str:
    """12345 → "12.345" (Italian thousands separator)."""
    return "" if value is None else f"{value:,}".replace(",", ".")


def format_number(value: float | None, *, decimals: int = 2) -> str:
    """A measured value: no decimals when whole, else Italian decimal comma."""
    if value is None:
        return ""
    if float(value).is_integer():
        return format_integer(int(value))
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_money(cents: int | None) -> str:
    """Euro cents as "€ 12.345,67"."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}€ {format_integer(euros)},{rest:02d}"


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return "sì" if value else "no"


def without_prefix(text: str, *prefixes: str) -> str:
    """A number as typed, less a label the document prints anyway ("prot. n. 12" → "12")."""
    stripped = text.strip()
    for prefix in sorted(prefixes, key=len, reverse=True):
        if stripped.lower().startswith(prefix):
            return stripped[len(prefix) :].strip()
    return stripped


_DA_ARTICLES = {
    "il": "dal", "lo": "dallo", "la": "dalla", "i": "dai", "gli": "dagli", "le": "dalle",
}  # fmt: skip


def by_whom(text: str) -> str:
    """ "da" joined to the article that opens the text, as Italian writes it:
    "Il Presidente" → "dal Presidente", "la Provincia" → "dalla Provincia"."""
    first, _space, rest = text.strip().partition(" ")
    if first.lower() in _DA_ARTICLES and rest:
        return f"{_DA_ARTICLES[first.lower()]} {rest}"
    if text[:2].lower() == "l'":
        return "dall'" + text[2:]
    return f"da {text.strip()}"


# A preposition joined to the article "il" before a date, elided where the day is read with
# a vowel: "dell'11/05/2026", "nell'8/03/2026" (undici, otto); "del 01/05/2026" (primo).
_ARTICLED = {"di": ("del", "dell'"), "in": ("nel", "nell'"), "a": ("al", "all'"),
             "da": ("dal", "dall'"), "": ("il", "l'")}  # fmt: skip


def on_date(preposition: str, day: date | None) -> str:
    """ "nella seduta " + on_date("di", d) → "del 12/05/2026" or "dell'11/05/2026"."""
    if day is None:
        return ""
    plain, elided = _ARTICLED[preposition]
    text = format_date(day)
    return f"{elided}{text}" if day.day in (8, 11) else f"{plain} {text}"


def on_long_date(preposition: str, day: date | None) -> str:
    """The same for sentences: "dell'11 maggio 2026", "del 1° maggio 2026"."""
    if day is None:
        return ""
    plain, elided = _ARTICLED[preposition]
    number = "1°" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]} {day.year}"
    return f"{elided}{text}" if day.day in (8, 11) else f"{plain} {text}"


def on_datetime(preposition: str, moment: datetime | None) -> str:
    """A timestamp as the office's local day and time after a preposition: "emesso " +
    on_datetime("", m) → "emesso l'11/05/2026 alle 09:30"."""
    if moment is None:
        return ""
    local = local_datetime(moment)
    return f"{on_date(preposition, local.date())} alle {format_time(local.time())}"


_ARTICLE_BEFORE = {"il": "", "del": "di", "dal": "da", "al": "a", "nel": "in"}


def fill_date(text: str, marker: str, day: date | None, shown: str | None = None) -> str:
    """Puts a date into a translated sentence, joined to the article written before the
    marker: fill_date("Aggiornato il %1", "%1", d) → "Aggiornato l'11/05/2026".

    ``shown`` is the date as the sentence shows it (default gg/mm/aaaa; "11/05" also works:
    the article depends on the day alone)."""
    if day is None:
        return text.replace(marker, "")
    value = format_date(day) if shown is None else shown

    def joined(match: re.Match[str]) -> str:
        plain, elided = _ARTICLED[_ARTICLE_BEFORE[match.group(1)]]
        return f"{elided}{value}" if day.day in (8, 11) else f"{plain} {value}"

    text = re.sub(rf"\b(il|del|dal|al|nel) {re.escape(marker)}", joined, text)
    return text.replace(marker, value)
