"""Every stable code has a label, and every visible string has its Italian translation."""

from __future__ import annotations

import inspect
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.domain import codes
from desktop.domain.codes import ProjectTarget, ReferralStatus, Track
from desktop.ui.i18n import compile_translations, translation_sources
from desktop.ui.labels import choices, label, labelled_enums, short_track_label

ITALIAN_SOURCES = translation_sources("it")


def code_enums() -> list[type[StrEnum]]:
    # Every code the domain re-exports (they are defined in sync.protocol.codes).
    found = [getattr(codes, name) for name in codes.__all__]
    assert found, "desktop.domain.codes exports no code"
    return [value for value in found if inspect.isclass(value) and issubclass(value, StrEnum)]


def test_every_code_has_a_label() -> None:
    assert set(labelled_enums()) == set(code_enums())
    for enum in code_enums():
        for member in enum:
            assert label(member).strip(), member


def test_same_value_in_two_enumerations_keeps_its_own_label() -> None:
    assert label(Track.CMD) == "Targeted placement (CMD)"
    assert label(ProjectTarget.BOTH) == "NEET and CMD"
    assert [code for code, _ in choices(Track)] == [Track.NEET, Track.CMD]


def test_every_string_is_translated_to_italian() -> None:
    assert ITALIAN_SOURCES, "no Italian translation files"
    untranslated = []
    contexts = [c for path in ITALIAN_SOURCES for c in ET.parse(path).getroot().iter("context")]
    for context in contexts:
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            texts = [form.text for form in translation.iter("numerusform")] or [translation.text]
            if translation.get("type") in {"unfinished", "obsolete", "vanished"} or not all(texts):
                untranslated.append((name, message.findtext("source")))
    assert untranslated == []


@pytest.fixture
def italian_labels(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    compiled = compile_translations(language="it", target_dir=tmp_path)
    translator = QTranslator()
    assert translator.load(str(compiled))
    locale = QLocale()
    qapp.installTranslator(translator)
    try:
        yield
    finally:
        qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


def test_labels_are_italian_with_the_translator(italian_labels: None) -> None:
    assert label(ReferralStatus.TAKEN_IN_CHARGE) == "Presa in carico"
    assert label(ReferralStatus.SENT) == "Inviata"
    assert label(Track.CMD) == "Collocamento mirato (CMD)"
    assert short_track_label(Track.CMD) == "CMD"
    assert label(codes.MinutesStatus.APPROVED) == "Approvato"
