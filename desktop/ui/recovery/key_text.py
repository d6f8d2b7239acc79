"""How the recovery key looks on screen: a fixed-width font, bigger than the text around it,
so that every column of the key lines up and no character is mistaken for another."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from desktop.store.keys import StoreKey

GROUPS_PER_LINE = 7
SHOWN_SIZE_FACTOR = 1.9  # the key shown to be copied out
TYPED_SIZE_FACTOR = 1.2  # the field it is typed into: the whole key fits on one line


def key_font(base: QFont, factor: float = SHOWN_SIZE_FACTOR) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(base.pointSizeF(), 9.0) * factor)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    font.setBold(True)
    return font


def key_lines(key: StoreKey) -> str:
    """The key's groups of four in two lines."""
    groups = key.recovery_text().split("-")
    return "\n".join(
        "  ".join(groups[start : start + GROUPS_PER_LINE])
        for start in range(0, len(groups), GROUPS_PER_LINE)
    )
