"""Dates, times, money and numbers as an Italian office reads them: gg/mm/aaaa, hh:mm,
"€ 1.234,56" (thousands always grouped), "12,5"; in the current locale's separators."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QLocale


def format_date(day: date | None) -> str:
    """gg/mm/aaaa, or nothing."""
    return "" if day is None else day.strftime("%d/%m/%Y")


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
