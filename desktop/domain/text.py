"""Text normalisation shared by stored search keys and the queries typed against them."""

from __future__ import annotations

import unicodedata

# Letters that NFKD leaves whole because they are not a base letter plus an accent; without this
# "Lukasiewicz" typed on an Italian keyboard would never find "Łukasiewicz".
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe"}
)


def normalise_search_text(text: str) -> str:
    """Lower case, accents stripped, runs of white space collapsed to one space.

    ``Person.search_name`` stores ``normalise_search_text(f"{last_name} {first_name}")`` and
    every name search passes what the operator typed through the same function.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.translate(_UNDECOMPOSABLE).split())
