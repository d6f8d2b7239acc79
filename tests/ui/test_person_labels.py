"""Labels of a person on screen agree with the person's sex, as on paper."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.documents.labels import it_label
from desktop.domain.codes import DisabilityCategory, EmploymentStatus, Sex, Track
from desktop.ui.labels import label, person_label
from tests.ui.codesign_support import compiled_italian, italian_translation


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compiled_italian(tmp_path_factory.mktemp("qm"))


def test_the_screen_shows_the_printed_form_of_each_label_of_the_person(
    qapp: QApplication, compiled: Path
) -> None:
    with italian_translation(qapp, compiled):
        for enum in (EmploymentStatus, DisabilityCategory):
            for code in enum:
                for sex in (Sex.FEMALE, Sex.MALE, None):
                    assert person_label(code, sex) == it_label(code, sex), (code, sex)
        assert person_label(EmploymentStatus.UNEMPLOYED, Sex.FEMALE) == "Disoccupata"
        assert person_label(Track.NEET, Sex.FEMALE) == label(Track.NEET)
    # English has one form.
    assert person_label(EmploymentStatus.UNEMPLOYED, Sex.FEMALE) == "Unemployed"
