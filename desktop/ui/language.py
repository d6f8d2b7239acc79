"""The language of the interface: the user's choice and loading the translations.

Shared by the start-up (``desktop.ui.app``) and the settings dialog, which writes the choice;
kept apart from both so that neither imports the other.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGE_ENV = "TRAMA_LANGUAGE"  # "it" (default) or "en"
LANGUAGE_SETTING = "ui/language"  # the user's choice in Strumenti → Impostazioni


def install_translations(
    app: QCoreApplication, language: str, *, compiled: Path | None = None
) -> list[QTranslator]:
    """Load Qt's own and Trama's translations; returns them (they must stay alive).

    ``compiled`` is Trama's ``.qm`` to load; by default the shipped one, compiled if needed.

    English needs none: the source strings are English. A missing Italian file is logged and
    the source strings are shown instead, rather than refusing to start.
    """
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return []
    from desktop.ui.i18n import ensure_compiled  # noqa: PLC0415 - only when translating

    QLocale.setDefault(QLocale(QLocale.Language.Italian, QLocale.Country.Italy))
    translators = []
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        translators.append(qt_translator)
    else:
        log.warning("Qt's own %s translation not found in %s", language, qt_dir)
    if compiled is None:
        compiled = ensure_compiled(language)
    ours = QTranslator(app)
    if compiled is not None and ours.load(str(compiled)):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        log.warning("Trama's %s translation is missing: showing the source strings", language)
    return translators


def chosen_language() -> str:
    """The environment's choice, else the user's (settings dialog), else Italian."""
    chosen = os.environ.get(LANGUAGE_ENV, "").strip().lower()
    if not chosen:
        # Read after the application's name is set: QSettings finds the file by it.
        from PySide6.QtCore import QSettings  # noqa: PLC0415

        chosen = str(QSettings().value(LANGUAGE_SETTING, "") or "").lower()
    return "en" if chosen.startswith("en") else "it"
