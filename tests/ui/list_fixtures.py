"""Fixtures shared by the list, persons and settings GUI tests: Italian UI, clean settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from desktop.ui.app import install_translations
from desktop.ui.i18n import compile_translations


@pytest.fixture(scope="module")
def italian_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Trama's Italian translation compiled outside the repository."""
    return compile_translations(language="it", target_dir=tmp_path_factory.mktemp("qm"))


@pytest.fixture
def italian(qapp: QApplication, italian_qm: Path) -> Iterator[None]:
    """The Italian translators and locale for one test, then back to English source strings."""
    locale = QLocale()
    translators = install_translations(qapp, "it", compiled=italian_qm)
    try:
        yield
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


@pytest.fixture
def clean_settings(qapp: QApplication) -> Iterator[QSettings]:
    """The user's Qt settings emptied before and after the test (they outlive one test)."""
    settings = QSettings()
    settings.clear()
    try:
        yield settings
    finally:
        settings.clear()
