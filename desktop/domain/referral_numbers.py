"""The forms of a referral number: "2026/P0002/000123" from an enrolled PC, "2026/000123" from
one never enrolled.

Plain functions on text, shared by the services that draw numbers
(desktop.services.referrals.numbers) and the enrollment that renumbers into a series
(sync.client.enroll).
"""

from __future__ import annotations

# "2026/000123" (never enrolled) or "2026/P0002/000123"; the number column holds 20 characters.
REFERRAL_NUMBER_PATTERN = r"\d{4}/(?:P\d{4,5}/)?\d{1,6}"


def number_series(device_number: int) -> str:
    """The series of the PC the provincial server enrolled as its ``device_number``-th."""
    return f"P{device_number:04d}"


def number_range(year: int, series: str = "") -> tuple[str, str]:
    """Bounds (low inclusive, high exclusive) of the numbers of ``year`` in ``series``: the
    sequence is digits only, and "0" sorts after "/" and ":" after "9"."""
    head = f"{year}/{series}/" if series else f"{year}/"
    return head + "0", head + ":"


def referral_number(year: int, sequence: int, series: str = "") -> str:
    return f"{year}/{series}/{sequence:06d}" if series else f"{year}/{sequence:06d}"
