"""Dates and numbers as the operator reads them: gg/mm/aaaa and "12.345" (DESIGN.md §5).

Dates are always day/month/year with four-digit years, whatever the language, since Italian
offices read and type them so; numbers follow the application's locale (Italian by default).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

DATE_FORMAT = "dd/MM/yyyy"


def format_date(value: date | None) -> str:
    """27/11/2026, or "" for no date. Plain Python: a list calls it for every row it paints."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_count(count: int) -> str:
    """A whole number with the locale's thousands separator ("12.345")."""
    return QLocale().toString(count)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
