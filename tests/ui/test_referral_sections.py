"""The referral editor's sections give out and take in plain values (``section_values``):
what ``set_values`` shows, ``values()`` gives back, and the editor's work builds its draft from
those values alone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.codes import (
    DisabilityCategory,
    GuaranteeStatus,
    Need,
    ProfilingClass,
    Sex,
    Track,
    Urgency,
)
from desktop.ui.persons.form import PersonForm
from desktop.ui.referrals.editor import ReferralEditor
from desktop.ui.referrals.referral_section import ReferralValues
from desktop.ui.referrals.section_values import (
    CmdValues,
    NeetValues,
    PersonValues,
)
from tests.conftest import copy_data_folder
from tests.services_support import person_input
from tests.ui.referral_support import Setting, copied_setting, make_setting, open_editor


@pytest.fixture(scope="module")
def template(
    tmp_path_factory: pytest.TempPathFactory, migrated_database: Path
) -> Iterator[Setting]:
    folder = tmp_path_factory.mktemp("template")
    store = copy_data_folder(migrated_database.parent, folder)
    try:
        yield make_setting(store)
    finally:
        store.dispose()


@pytest.fixture
def editor(qtbot: QtBot, template: Setting, tmp_path: Path) -> Iterator[ReferralEditor]:
    for setting in copied_setting(template, tmp_path / "data"):
        editor = open_editor(qtbot, setting, setting.network.ambito)
        for page in (editor.referral_page, editor.neet_page, editor.cmd_page):
            editor.tabs.section(page)
        yield editor


def test_a_new_referral_shows_empty_values_sent_by_this_operator(editor: ReferralEditor) -> None:
    assert isinstance(editor.person.form, PersonForm)  # the persons page's dialog shows it too
    assert editor.person.values() == PersonValues()
    referral = editor.referral.values()
    assert referral == ReferralValues(referring_operator=referral.referring_operator)
    assert editor.neet.values() == NeetValues()
    assert editor.cmd.values() == CmdValues()


def test_the_referral_tab_gives_back_the_values_it_was_given(
    editor: ReferralEditor, template: Setting
) -> None:
    # A CPI other than the competent one: the sender's explicit choice, kept as such.
    values = ReferralValues(
        track=Track.CMD,
        referring_service="Servizio sociale di base",
        referring_operator="Anna Rossi",
        job_centre_id=template.network.other_job_centre_id,
        reason="Needs help finding work.",
        urgency=Urgency.HIGH,
        privacy_notice_on=date(2026, 11, 20),
        attachments=("ISEE", "Curriculum"),
    )
    editor.referral.set_values(values)
    assert editor.referral.values() == values
    assert editor.track() is Track.CMD


def test_the_track_tabs_give_back_the_values_they_were_given(editor: ReferralEditor) -> None:
    neet = NeetValues(
        out_of_work_since=date(2025, 3, 1),
        out_of_education_since=date(2024, 6, 30),
        early_school_leaver=True,
        guarantee_adhesion_on=date(2026, 10, 2),
        guarantee_status=next(iter(GuaranteeStatus)),
        profiling_class=next(iter(ProfilingClass)),
        gol_path=2,
        needs=(Need.ORIENTATION.value,),
        other_services=(),
    )
    editor.neet.set_values(neet)
    assert editor.neet.values() == neet
    cmd = CmdValues(
        disability_category=next(iter(DisabilityCategory)),
        disability_percentage=67,
        assessment_on=date(2025, 1, 10),
        l68_registration_on=date(2025, 2, 1),
        doc_assessment_seen=True,
        doc_assessment_on=date(2025, 1, 12),
    )
    editor.cmd.set_values(cmd)
    assert editor.cmd.values() == cmd
    # A document not seen has no date, whatever was typed before.
    editor.cmd.doc_assessment_seen.setChecked(False)
    assert editor.cmd.values().doc_assessment_on is None


def test_the_person_tab_gives_back_the_person_it_was_given(
    editor: ReferralEditor, template: Setting
) -> None:
    typed = replace(
        person_input(residence_municipality_id=template.network.varese_id),
        citizenship="Italiana",
        phone="0332 123456",
        isced_level=3,
        education_year=2023,
    )
    values = PersonValues(person=typed, person_id=None, override_reason="Seen on the ID card")
    editor.person.set_values(values)
    read = editor.person.values()
    assert read.problems == {}
    assert read.override_reason == "Seen on the ID card"
    assert read.person.fiscal_code == typed.fiscal_code
    assert read.person.sex is Sex.FEMALE
    assert read.person.birth_date == typed.birth_date
    assert read.person.residence_municipality_id == template.network.varese_id
    assert (read.person.citizenship, read.person.phone) == ("Italiana", "0332 123456")
    assert (read.person.isced_level, read.person.education_year) == (3, 2023)


def test_an_unknown_comune_is_a_problem_the_person_tab_reports(editor: ReferralEditor) -> None:
    editor.person.form.residence_municipality.setText("Atlantide")
    assert "residence_municipality_id" in editor.person.values().problems


def test_the_draft_is_built_from_the_sections_values(
    editor: ReferralEditor, template: Setting
) -> None:
    typed = person_input(residence_municipality_id=template.network.varese_id)
    editor.person.set_values(PersonValues(person=typed))
    editor.referral.set_values(
        ReferralValues(track=Track.NEET, reason="Looking for work.", attachments=("ISEE",))
    )
    editor.neet.set_values(NeetValues(gol_path=3, needs=(Need.ORIENTATION.value,)))
    data, problems = editor.work.draft_input()
    assert problems == {}
    assert data.person.fiscal_code == typed.fiscal_code
    assert data.person_id is None
    assert data.referral.track is Track.NEET
    assert data.referral.reason == "Looking for work."
    assert data.referral.attachments == ("ISEE",)
    assert (data.referral.gol_path, data.referral.needs) == (3, (Need.ORIENTATION.value,))
    assert data.referral.disability_category is None  # the other track's fields stay empty
