"""The Persone page: finding a person, their record and referrals, editing, merging a
duplicate and restricting processing, driven as an operator would (offscreen, in Italian)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.identity import os_account
from desktop.services.audit import list_audit
from desktop.services.installation import SITE_CODE, SITE_KIND, set_settings
from desktop.services.persons import PersonDetail, get_person
from desktop.services.referrals.listing import ReferralFilter, count_referrals
from desktop.services.referrals.records import create_referral, set_referral_restriction
from desktop.store.engine import Store
from desktop.ui.persons import PersonsArea
from desktop.ui.persons import list_model as list_module
from desktop.ui.persons.editor import PersonEditDialog
from desktop.ui.persons.form import PersonForm
from desktop.ui.persons.merge_dialog import MergeDialog
from desktop.ui.persons.page import PersonsPage
from desktop.ui.persons.restriction_dialog import RestrictionDialog
from tests.services_support import Network, build_network, make_person, neet_input
from tests.ui.list_fixtures import clean_settings, italian, italian_qm  # noqa: F401
from tests.ui.referral_support import unnamed_inputs

TODAY = date(2026, 11, 27)


@dataclass(frozen=True)
class People:
    network: Network
    giulia: PersonDetail
    marco: PersonDetail
    twin: PersonDetail  # Giulia entered a second time, with a wrong birth date
    giulia_referrals: tuple[str, ...]
    twin_referral: str


@pytest.fixture
def people(store: Store) -> People:
    network = build_network(store)
    set_settings(store, {SITE_CODE: "AMB-VA", SITE_KIND: "ambito"})
    giulia = make_person(store, network)
    marco = make_person(
        store,
        network,
        last_name="Bianchi",
        first_name="Marco",
        sex="M",
        birth_date=date(2000, 1, 10),
    )
    twin = make_person(store, network, birth_date=date(2004, 5, 18))
    referrals = [
        create_referral(store, actor=network.ambito, data=neet_input(giulia.id), today=TODAY)
        for _ in range(2)
    ]
    twin_referral = create_referral(
        store, actor=network.ambito, data=neet_input(twin.id), today=TODAY
    )
    return People(
        network,
        giulia,
        marco,
        twin,
        tuple(referral.id for referral in referrals),
        twin_referral.id,
    )


@pytest.fixture
def page(
    qtbot: QtBot,
    store: Store,
    people: People,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
) -> PersonsPage:
    persons = PersonsPage(store, today=lambda: TODAY)
    qtbot.addWidget(persons)
    return persons


def names(page: PersonsPage) -> list[str]:
    model = page.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def select(page: PersonsPage, person_id: str) -> None:
    row = page.model.row_of(person_id)
    assert row >= 0
    page.table.selectRow(row)


def test_the_area_builds_its_page_when_first_shown(
    qtbot: QtBot,
    store: Store,
    people: People,
    clean_settings: QSettings,  # noqa: F811
) -> None:
    area = PersonsArea(store, today=lambda: TODAY)
    qtbot.addWidget(area)
    assert area._page is None
    page = area.page()
    with qtbot.waitSignal(area.openReferralRequested) as opened:
        page.openReferralRequested.emit("an-id")
    assert opened.args == ["an-id"]


def test_search_by_name_or_tax_code(page: PersonsPage, people: People) -> None:
    assert names(page) == ["Bianchi Marco", "Brambilla Giulia", "Brambilla Giulia"]
    assert page.hint.text() == "3 persone trovate."
    page.search_field.setText("bian")
    page.search_now()
    assert names(page) == ["Bianchi Marco"]
    page.search_field.setText(people.giulia.fiscal_code[:11].lower())
    page.search_now()
    assert names(page) == ["Brambilla Giulia"]
    page.search_field.setText("zzz")
    page.search_now()
    assert page.hint.text() == "Nessuna persona trovata."


def test_a_long_search_shows_a_first_block_then_everyone(
    qtbot: QtBot, page: PersonsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No cap: beyond the first block, the rest is read off the GUI thread."""
    monkeypatch.setattr(list_module, "FIRST_BLOCK", 2)
    with qtbot.waitSignal(page.model.loaded):
        page.search_now()
        assert page.model.rowCount() == 2
        assert page.hint.text() == "Lettura di tutte le persone trovate…"
    assert names(page) == ["Bianchi Marco", "Brambilla Giulia", "Brambilla Giulia"]
    assert page.hint.text() == "3 persone trovate."


def test_detail_shows_the_person_and_all_their_referrals(
    qtbot: QtBot, page: PersonsPage, people: People, store: Store
) -> None:
    set_referral_restriction(
        store,
        actor=people.network.ambito,
        referral_id=people.giulia_referrals[1],
        restricted=True,
        reason="Richiesta dell'interessata",
    )
    select(page, people.giulia.id)
    detail = page.detail
    assert detail.name_label.text() == "Brambilla Giulia"
    assert people.giulia.fiscal_code in detail.subtitle.text()
    assert "17/05/2004" in detail.subtitle.text()
    assert detail.value_text("residence") == "Via Giuseppe Garibaldi 12, 21100 Varese"
    assert detail.value_text("sex") == "Femmina"
    assert detail.value_text("phone") == "—"
    assert detail.referrals.rowCount() == 2  # the restricted one too, marked
    assert detail.referrals_box.title() == "Segnalazioni (2)"
    texts = {detail.referrals.text(row, 3) for row in range(2)}
    assert texts == {"Bozza"}
    model = detail.referrals.model()
    marked = [model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) for row in range(2)]
    assert "Trattamento limitato (art. 18 GDPR)" in marked
    with qtbot.waitSignal(page.openReferralRequested) as opened:
        detail.referrals.activated.emit(detail.referrals.model().index(0, 0))
    assert opened.args[0] in people.giulia_referrals


def test_editing_saves_valid_data_and_shows_errors_beside_fields(
    page: PersonsPage, people: People, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(page, people.marco.id)
    seen: list[str] = []

    def edit(dialog: PersonEditDialog) -> int:
        # A stored code was checked when saved: the form checks it again once it is edited.
        assert dialog.registry.message("fiscal_code") == ""
        dialog.form.check_fiscal_code()
        assert dialog.registry.message("fiscal_code").startswith("Codice fiscale valido")
        dialog.form.email.setText("non-una-mail")
        dialog.accept()  # refused: the message is beside the field, nothing is saved
        seen.append(dialog.registry.message("email"))
        assert get_person(store, people.marco.id).email == ""
        dialog.form.email.setText("marco.bianchi@example.org")
        dialog.form.phone.setText("0332 123456")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PersonEditDialog, "exec", edit)
    page.edit_person()
    assert seen and seen[0]
    saved = get_person(store, people.marco.id)
    assert saved.email == "marco.bianchi@example.org"
    assert saved.phone == "0332 123456"
    assert page.detail.value_text("email") == "marco.bianchi@example.org"


def test_the_dialog_lays_the_person_form_out_on_four_tabs(
    page: PersonsPage, people: People, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(page, people.marco.id)
    seen: list[str] = []
    stored = get_person(store, people.marco.id)

    def edit(dialog: PersonEditDialog) -> int:
        form = dialog.form
        assert isinstance(form, PersonForm)
        tabs = [dialog.tabs.widget(index) for index in range(dialog.tabs.count())]
        placed = [
            [group for group in form.groups() if tab is not None and tab.isAncestorOf(group)]
            for tab in tabs
        ]
        assert placed == [
            [form.identity, form.permit],
            [form.contacts, form.residence],
            [form.work],
            [form.representative],
        ]
        read = form.values()
        assert read.person_id == stored.id
        assert (read.person.fiscal_code, read.person.birth_date) == (
            stored.fiscal_code,
            stored.birth_date,
        )
        form.residence_municipality.setText("Atlantide")
        dialog.accept()  # refused: a comune not in the list, shown on its tab
        seen.append(dialog.registry.message("residence_municipality_id"))
        assert dialog.tabs.currentIndex() == 1
        return dialog.result()

    monkeypatch.setattr(PersonEditDialog, "exec", edit)
    page.edit_person()
    assert seen and "Comune" in seen[0]
    assert get_person(store, people.marco.id) == stored  # nothing saved


def test_a_doubtful_tax_code_is_saved_with_a_reason(
    page: PersonsPage,
    people: People,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    select(page, people.marco.id)
    asked: list[str] = []

    def edit(dialog: PersonEditDialog) -> int:
        dialog.form.first_name.clear()
        qtbot.keyClicks(dialog.form.first_name, "Marcello")  # the name letters no longer match
        assert "non corrisponde" in dialog.registry.message("fiscal_code")
        dialog.accept()
        return dialog.result()

    def reason(dialog: PersonEditDialog, warnings: str) -> str:
        asked.append(warnings)
        return "Nome registrato così all'anagrafe del comune"

    monkeypatch.setattr(PersonEditDialog, "exec", edit)
    monkeypatch.setattr(PersonEditDialog, "ask_override_reason", reason)
    page.edit_person()
    assert asked
    saved = get_person(store, people.marco.id)
    assert saved.first_name == "Marcello"
    assert saved.fiscal_code_override_reason == "Nome registrato così all'anagrafe del comune"


def test_merging_a_duplicate_moves_its_referrals(
    page: PersonsPage, people: People, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(page, people.giulia.id)

    def merge(dialog: MergeDialog) -> int:
        dialog.search_field.setText("brambilla")
        dialog.search_now()
        assert dialog.results.count() == 1  # the person shown is not offered
        dialog.results.setCurrentRow(0)
        assert dialog.merge_button.isEnabled()
        assert dialog.summary.text() == (
            "1 segnalazione della scheda eliminata passerà alla scheda conservata."
        )
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MergeDialog, "exec", merge)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    page.merge_person()
    theirs = ReferralFilter(person_id=people.giulia.id, include_restricted=True)
    assert count_referrals(store, theirs) == 3
    assert page.detail.referrals.rowCount() == 3
    assert names(page) == ["Bianchi Marco", "Brambilla Giulia"]
    merges = [row for row in list_audit(store, entity_id=people.giulia.id) if row.action == "merge"]
    assert len(merges) == 1
    assert merges[0].operator == os_account()


def test_restricting_a_person_hides_them_and_says_why(
    qtbot: QtBot,
    page: PersonsPage,
    people: People,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    select(page, people.marco.id)

    def restrict(dialog: RestrictionDialog) -> int:
        dialog.reason_edit.setPlainText("Opposizione dell'interessato, prot. 77/2026")
        dialog.accept()
        return dialog.result()

    create_referral(store, actor=people.network.ambito, data=neet_input(people.marco.id))
    assert count_referrals(store, ReferralFilter(search="bianchi")) == 1
    monkeypatch.setattr(RestrictionDialog, "exec", restrict)
    with qtbot.waitSignal(page.personsChanged):  # the referral list refreshes on it
        page.change_restriction()
    detail = page.detail
    assert not detail.banner.isHidden()
    assert "Opposizione dell'interessato, prot. 77/2026" in detail.banner.text()
    assert not detail.edit_button.isEnabled()
    assert not detail.merge_button.isEnabled()
    assert detail.restrict_button.text() == "&Revoca la limitazione…"
    assert "Bianchi Marco" not in names(page)
    page.include_restricted.setChecked(True)
    assert "Bianchi Marco" in names(page)
    # Their referrals leave the referral list too, unless asked for.
    assert count_referrals(store, ReferralFilter(search="bianchi")) == 0
    assert count_referrals(store, ReferralFilter(search="bianchi", include_restricted=True)) == 1

    page.change_restriction()  # lifting it, with a reason as well
    assert detail.banner.isHidden()
    assert detail.edit_button.isEnabled()


def test_every_input_has_an_accessible_name(
    page: PersonsPage, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(page, people.giulia.id)
    assert unnamed_inputs(page) == []
    seen: list[list[str]] = []

    def look(dialog: PersonEditDialog | MergeDialog | RestrictionDialog) -> int:
        seen.append(unnamed_inputs(dialog))
        return 0  # cancelled

    for dialog_class in (PersonEditDialog, MergeDialog, RestrictionDialog):
        monkeypatch.setattr(dialog_class, "exec", look)
    page.edit_person()
    page.merge_person()
    page.change_restriction()
    assert seen == [[], [], []]


def test_the_detail_names_the_legal_representative(
    page: PersonsPage, people: People, store: Store
) -> None:
    from dataclasses import replace  # noqa: PLC0415

    from desktop.domain.codes import LegalRepresentativeKind  # noqa: PLC0415
    from desktop.services.persons import update_person  # noqa: PLC0415

    select(page, people.marco.id)
    assert page.detail.value_text("representative") == "—"
    data = replace(
        get_person(store, people.marco.id),
        representative_kind=LegalRepresentativeKind.SUPPORT_ADMINISTRATOR,
        representative_name="Carla Bianchi",
        representative_phone="0332 456789",
        representative_act="Decreto del Tribunale di Varese n. 412/2024",
        representative_act_on=date(2024, 6, 11),
    )
    update_person(store, actor=people.network.ambito, person_id=people.marco.id, data=data)
    page.refresh()
    select(page, people.marco.id)
    detail = page.detail
    assert detail.value_text("representative") == "Amministratore di sostegno: Carla Bianchi"
    assert detail.value_text("representative_contacts") == "0332 456789"
    # "dell'11/06/2024": the date after a preposition, as Italian writes it.
    assert detail.value_text("representative_act") == (
        "Decreto del Tribunale di Varese n. 412/2024 dell'11/06/2024"
    )
