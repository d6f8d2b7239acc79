"""Dates, times, money and numbers as an Italian office reads them: gg/mm/aaaa, hh:mm,
"€ 1.234,56" (thousands always grouped), "12,5", "12.345"; in the current locale's separators.

Dates are always day/month/year with four-digit years, whatever the language, since Italian
offices read and type them so (DESIGN.md §5).
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QLocale

# The Qt display format of a date.
DATE_FORMAT = "dd/MM/yyyy"


def format_date(value: date | None) -> str:
    """27/11/2026, or "" for no date. Plain Python: a list calls it for every row it paints."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def format_count(count: int) -> str:
    """A whole number with the locale's thousands separator ("12.345")."""
    return QLocale().toString(count)


def format_time(moment: time | None) -> str:
    return "" if moment is None else moment.strftime("%H:%M")


def group_thousands(whole: int) -> str:
    separator = QLocale().groupSeparator()
    digits = str(whole)
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return separator.join(groups)


def format_amount(cents: int) -> str:
    """ "1.234,56" in Italian; thousands are always grouped (the locale alone would not)."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{group_thousands(euros)}{QLocale().decimalPoint()}{rest:02d}"


def format_money(cents: int) -> str:
    """ "€ 1.234,56" in Italian."""
    return f"€ {format_amount(cents)}"


def format_number(value: float | None) -> str:
    """A count or a measure without useless decimals: "12", "12,5"; nothing for None."""
    if value is None:
        return ""
    if float(value).is_integer():
        return ("-" if value < 0 else "") + group_thousands(int(abs(value)))
    return QLocale().toString(float(value), "f", 2).rstrip("0").rstrip(QLocale().decimalPoint())


def parse_number(text: str) -> tuple[float | None, bool]:
    """(value, ok) of a number typed in the current locale; blank is (None, True)."""
    text = text.strip()
    if not text:
        return None, True
    value, ok = QLocale().toDouble(text.replace(QLocale().groupSeparator(), ""))
    if not ok:
        # A point typed on an Italian keyboard's numeric pad still means decimals.
        value, ok = QLocale.c().toDouble(text)
    return (value if ok else None), ok
