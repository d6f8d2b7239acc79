"""Text normalisation shared by stored search keys and the queries typed against them."""

from __future__ import annotations

import unicodedata


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text to translate where Qt cannot be imported (outside ``desktop/ui``).

    ``pyside6-lupdate`` recognises a call by this name and puts ``text`` in the ``context`` of
    the area whose sources name the file (``desktop.ui.i18n.ui_areas``); the UI translates the
    text later with ``QCoreApplication.translate(context, text)``. Here it only gives the text
    back, so that core code reads its English label without Qt.
    """
    return text


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
