"""Text normalisation shared by storage and search, so that both sides agree."""

from __future__ import annotations

import unicodedata


def normalise_search_text(text: str) -> str:
    """Lower case, accents stripped, spaces collapsed: "D'Àngelo  Lucà" → "d'angelo luca".

    Letters with no decomposition (ł, ø, ß) are kept as they are, lower-cased.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.lower().split())
