"""The TrueType fonts shipped in ``resources/fonts``, registered once with ReportLab.

Documents use TrueType fonts only (never the 14 standard PDF fonts, which are not embedded and
lack letters such as Ł or ş), so ReportLab embeds a subset of each font in every file.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.resources import resource_path

SERIF = "TramaSerif"
SERIF_BOLD = "TramaSerif-Bold"
SERIF_ITALIC = "TramaSerif-Italic"
SERIF_BOLD_ITALIC = "TramaSerif-BoldItalic"
SANS = "TramaSans"
SANS_BOLD = "TramaSans-Bold"
SANS_ITALIC = "TramaSans-Italic"
SANS_BOLD_ITALIC = "TramaSans-BoldItalic"

FONT_FILES: dict[str, str] = {
    SERIF: "LiberationSerif-Regular.ttf",
    SERIF_BOLD: "LiberationSerif-Bold.ttf",
    SERIF_ITALIC: "LiberationSerif-Italic.ttf",
    SERIF_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
    SANS: "LiberationSans-Regular.ttf",
    SANS_BOLD: "LiberationSans-Bold.ttf",
    SANS_ITALIC: "LiberationSans-Italic.ttf",
    SANS_BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the fonts and their bold/italic mapping (once per process, thread-safe).

    Documents may be built on a worker thread while the GUI thread previews another.
    """
    global _registered  # noqa: PLW0603 - ReportLab's font registry is process-wide anyway
    with _lock:
        if _registered:
            return
        for name, file_name in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
        for family, regular, bold, italic, bold_italic in (
            (SERIF, SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC),
            (SANS, SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC),
        ):
            addMapping(family, 0, 0, regular)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, italic)
            addMapping(family, 1, 1, bold_italic)
        _registered = True
