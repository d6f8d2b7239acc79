"""Projects screens: a co-design project built through the UI, with partners from the
directory, funding totals, five linked referrals and the indicators computed from them."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.domain.codes import (
    ActivityStatus,
    FundingSource,
    IndicatorKind,
    OrganizationKind,
    Outcome,
    PartnerRole,
    ProjectTarget,
    ReferralStatus,
    Track,
)
from desktop.services.directory import list_organizations
from desktop.services.installation import current_actor
from desktop.services.projects import computed_indicators, get_project, list_projects
from desktop.services.sites import site_names
from desktop.store.engine import Store
from desktop.store.models import PathAction, Person, Referral, ReferralHandling
from desktop.ui.common.fields import select_data
from desktop.ui.common.formats import format_number
from desktop.ui.directory.pickers import OrganizationPicker
from desktop.ui.labels import label
from desktop.ui.projects.activities_tab import ActivityDialog
from desktop.ui.projects.beneficiaries_tab import ReferralPicker
from desktop.ui.projects.editor import (
    TAB_ACTIVITIES,
    TAB_BENEFICIARIES,
    TAB_FUNDING,
    TAB_INDICATORS,
    TAB_PARTNERS,
    ProjectEditor,
)
from desktop.ui.projects.funding_tab import FundingDialog
from desktop.ui.projects.indicators_tab import IndicatorDialog
from desktop.ui.projects.page import ProjectsPage
from desktop.ui.projects.partners_tab import PartnerDialog
from tests.ui.codesign_support import (
    OFFSCREEN_DIALOG_NOTICE,
    TODAY,
    answer_yes,
    build_seeded_database,
    click_ok,
    column_texts,
    compiled_italian,
    copied_store,
    italian_translation,
    modal,
)

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_DIALOG_NOTICE)

ETS_KINDS = (OrganizationKind.SOCIAL_COOP_A, OrganizationKind.SOCIAL_COOP_B, OrganizationKind.APS)
TRAINEESHIPS = ("traineeship", "inclusion_traineeship")


@pytest.fixture(scope="module")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeded_database(tmp_path_factory.mktemp("seeded"))


@pytest.fixture(scope="module")
def italian_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compiled_italian(tmp_path_factory.mktemp("qm"))


@pytest.fixture
def store(tmp_path: Path, seeded_database: Path) -> Iterator[Store]:
    with copied_store(seeded_database, tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def page(
    qtbot: QtBot, store: Store, qapp: QApplication, italian_qm: Path
) -> Iterator[ProjectsPage]:
    with italian_translation(qapp, italian_qm):
        shown = ProjectsPage(store, today=lambda: TODAY)
        qtbot.addWidget(shown)
        shown.resize(1100, 700)
        shown.show()
        yield shown


def fill_identity(qtbot: QtBot, editor: ProjectEditor) -> None:
    general = editor.general
    general.title.setText("Lavoro in rete Alto Varesotto")
    general.acronym.setText("LARETE")
    select_data(general.target, ProjectTarget.NEET)
    general.expected.setValue(40)
    general.start_on.set_value(date(2026, 3, 1))
    general.end_on.set_value(date(2027, 8, 31))
    general.start_decision.setText("Determinazione n. 112/2025")
    general.start_decision_on.set_value(date(2025, 10, 2))
    general.notice_number.setText("4/2025")
    general.notice_on.set_value(date(2025, 11, 3))


def add_partner(
    qtbot: QtBot, editor: ProjectEditor, name: str, role: PartnerRole, value: str
) -> PartnerDialog:
    editor.partners.add_button.click()
    dialog = modal(qtbot, PartnerDialog)
    dialog.choose_button.click()
    picker = modal(qtbot, OrganizationPicker)
    picker.search.setText(name)
    picker.refresh()
    assert column_texts(picker.table, 0) == [name]
    click_ok(picker)
    qtbot.waitUntil(lambda: dialog.organization_name.text() == name)
    select_data(dialog.role, role)
    dialog.resources.setPlainText("Educatori e spazi per i laboratori")
    dialog.value.clear()
    qtbot.keyClicks(dialog.value, value)
    click_ok(dialog)
    return dialog


def add_funding(
    qtbot: QtBot, editor: ProjectEditor, source: FundingSource, year: int, amount: str
) -> None:
    editor.funding.add_button.click()
    dialog = modal(qtbot, FundingDialog)
    select_data(dialog.source, source)
    dialog.year.setValue(year)
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, amount)
    click_ok(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def referrals_to_link(store: Store) -> list[tuple[str, str]]:
    """Five NEET referrals taken in charge (id, number), with both dates the median needs.

    Chosen so that no computed indicator is trivially zero: a hire, a drop-out and a
    traineeship started are among them, then the lowest numbers.
    """
    traineeships = (
        select(func.count(PathAction.id))
        .where(
            PathAction.referral_id == Referral.id,
            PathAction.action_type.in_(TRAINEESHIPS),
            PathAction.start_on <= TODAY,
            PathAction.deleted.is_(False),
        )
        .scalar_subquery()
    )
    with store.read() as session:
        rows = session.execute(
            select(Referral.id, Referral.number, ReferralHandling.outcome, traineeships)
            .join(ReferralHandling, ReferralHandling.referral_id == Referral.id)
            .join(Person, Person.id == Referral.person_id)
            .where(
                Referral.track == Track.NEET,
                Referral.restricted.is_(False),
                Person.restricted.is_(False),
                Referral.deleted.is_(False),
                Referral.sent_on.is_not(None),
                ReferralHandling.taken_in_charge_on.is_not(None),
                Referral.status.in_(
                    [
                        ReferralStatus.TAKEN_IN_CHARGE,
                        ReferralStatus.IN_PATH,
                        ReferralStatus.CONCLUDED,
                    ]
                ),
            )
            .order_by(Referral.number)
        ).all()
    wanted = (
        lambda row: row[2] is Outcome.HIRED,
        lambda row: row[2] is Outcome.DROPPED_OUT,
        lambda row: row[3] > 0 and row[2] is not Outcome.HIRED,
    )
    chosen = [next(row for row in rows if rule(row)) for rule in wanted]
    chosen += [row for row in rows if row not in chosen][: 5 - len(chosen)]
    assert len(chosen) == 5
    return sorted(((row[0], row[1]) for row in chosen), key=lambda pair: pair[1])


def expected_indicators(store: Store, referral_ids: list[str]) -> dict[str, float | None]:
    """The indicators worked out here from the referrals themselves, not by the service."""
    with store.read() as session:
        dates = session.execute(
            select(Referral.sent_on, ReferralHandling.taken_in_charge_on, ReferralHandling.outcome)
            .join(ReferralHandling, ReferralHandling.referral_id == Referral.id)
            .where(Referral.id.in_(referral_ids))
        ).all()
        traineeships = session.scalar(
            select(func.count(PathAction.id)).where(
                PathAction.referral_id.in_(referral_ids),
                PathAction.action_type.in_(TRAINEESHIPS),
                PathAction.start_on <= TODAY,
                PathAction.deleted.is_(False),
            )
        )
    waits = [(taken - sent).days for sent, taken, _outcome in dates]
    outcomes = [outcome for _sent, _taken, outcome in dates]
    return {
        "Segnalazioni collegate": 5.0,
        "Giorni mediani alla presa in carico": float(statistics.median(waits)),
        "Tirocini avviati": float(traineeships or 0),
        "Assunzioni": float(outcomes.count(Outcome.HIRED)),
        "Abbandoni": float(outcomes.count(Outcome.DROPPED_OUT)),
    }


def test_a_co_design_project_is_built_through_the_screens(
    qtbot: QtBot, page: ProjectsPage, store: Store
) -> None:
    page.list_view.new_button.click()
    editor = page.editor
    assert page.stack.currentWidget() is editor
    assert not editor.tabs.isTabEnabled(TAB_PARTNERS)

    # Identity, with the CUP checked as it is typed and again by the service.
    fill_identity(qtbot, editor)
    general = editor.general
    qtbot.keyClicks(general.cup, "e31h2600001000")
    assert general.cup.text() == "E31H2600001000"
    assert general.cup_check.text() == "⚠ 14 caratteri su 15"
    general.save_button.click()
    assert "CUP" in general.banner.text()
    assert editor.project is None
    qtbot.keyClicks(general.cup, "6")
    assert general.cup_check.text() == "✓ corretto"
    general.save_button.click()
    assert editor.project is not None
    project_id = editor.project.id
    assert get_project(store, project_id).cup == "E31H26000010006"
    assert all(editor.tabs.isTabEnabled(index) for index in range(editor.tabs.count()))
    assert editor.status_label.text() == "Stato: Co-programmazione"

    # Three partners picked from the directory, with roles and the resources they bring.
    editor.tabs.setCurrentIndex(TAB_PARTNERS)
    organizations = [row for kind in ETS_KINDS for row in list_organizations(store, kind=kind)][:3]
    roles = (PartnerRole.LEAD, PartnerRole.PARTNER, PartnerRole.SUPPORTER)
    values = ("25000", "12500,50", "0")
    for organization, role, value in zip(organizations, roles, values, strict=True):
        dialog = add_partner(qtbot, editor, organization.name, role, value)
        qtbot.waitUntil(lambda dialog=dialog: not dialog.isVisible())
    partners = editor.partners
    assert column_texts(partners.table, 0) == [row.name for row in organizations]
    assert column_texts(partners.table, 1) == ["Capofila ETS", "Partner", "Aderente"]
    assert column_texts(partners.table, 3) == ["€ 25.000,00", "€ 12.500,50", "€ 0,00"]
    assert "€ 37.500,50" in partners.total_label.text()
    # A second lead is refused inside the dialog.
    extra = list_organizations(store, kind=OrganizationKind.ODV)[0]
    refused = add_partner(qtbot, editor, extra.name, PartnerRole.LEAD, "100")
    assert refused.isVisible() and "capofila" in refused.banner.text()
    refused.reject()

    # Funding rows and their totals by source and by year.
    editor.tabs.setCurrentIndex(TAB_FUNDING)
    add_funding(qtbot, editor, FundingSource.PNRR_M5C1_GOL, 2026, "120000")
    add_funding(qtbot, editor, FundingSource.PNRR_M5C1_GOL, 2027, "80000")
    add_funding(qtbot, editor, FundingSource.ESF_PLUS, 2026, "45500,5")
    funding = editor.funding
    assert funding.table.rowCount() == 3
    assert column_texts(funding.by_source, 0) == ["PNRR M5C1 GOL", "FSE+"]
    assert column_texts(funding.by_source, 1) == ["€ 200.000,00", "€ 45.500,50"]
    assert column_texts(funding.by_year, 0) == ["2026", "2027"]
    assert column_texts(funding.by_year, 1) == ["€ 165.500,50", "€ 80.000,00"]
    assert funding.total_label.text() == (
        "Totale finanziamenti: € 245.500,50 — risorse messe a disposizione dai partner: "
        "€ 37.500,50 — valore complessivo: € 283.001,00"
    )

    # Five referrals linked, found by number in the picker; no personal data is shown.
    editor.tabs.setCurrentIndex(TAB_BENEFICIARIES)
    chosen = referrals_to_link(store)
    editor.beneficiaries.link_button.click()
    picker = modal(qtbot, ReferralPicker)
    assert set(column_texts(picker.table, 2)) == {"NEET"}
    for referral_id, number in chosen:
        picker.search.setText(number)
        picker.refresh()
        assert column_texts(picker.table, 0) == [number]
        picker.tick(referral_id)
    assert picker.count_label.text() == "5 segnalazioni scelte"
    click_ok(picker)
    beneficiaries = editor.beneficiaries
    qtbot.waitUntil(lambda: beneficiaries.table.rowCount() == 5)
    assert column_texts(beneficiaries.table, 0) == [number for _id, number in chosen]
    with store.read() as session:
        statuses = dict(
            session.execute(
                select(Referral.number, Referral.status).where(
                    Referral.id.in_([referral_id for referral_id, _number in chosen])
                )
            ).all()
        )
    assert column_texts(beneficiaries.table, 2) == [
        label(statuses[number]) for _id, number in chosen
    ]
    assert beneficiaries.count_label.text() == "5 segnalazioni collegate (previsti: 40)"
    with store.read() as session:
        names = session.execute(
            select(Person.last_name, Person.first_name, Person.fiscal_code)
            .join(Referral, Referral.person_id == Person.id)
            .where(Referral.id.in_([referral_id for referral_id, _number in chosen]))
        ).all()
    shown = " ".join(
        beneficiaries.table.item(row, column).text()
        for row in range(5)
        for column in range(beneficiaries.table.columnCount())
    )
    for last_name, first_name, fiscal_code in names:
        assert last_name not in shown and first_name not in shown and fiscal_code not in shown

    # The computed indicators, as shown, match what the referrals say.
    editor.tabs.setCurrentIndex(TAB_INDICATORS)
    indicators = editor.indicators
    shown_values = dict(
        zip(
            column_texts(indicators.computed_table, 0),
            column_texts(indicators.computed_table, 1),
            strict=True,
        )
    )
    expected = expected_indicators(store, [referral_id for referral_id, _number in chosen])
    assert expected["Assunzioni"] >= 1 and expected["Abbandoni"] >= 1
    assert expected["Tirocini avviati"] >= 1
    assert shown_values == {name: format_number(value) for name, value in expected.items()}
    service = {row.kind: row.value for row in computed_indicators(store, project_id, TODAY)}
    assert sorted(service.values()) == sorted(expected.values())

    # Unlinking one recomputes them at once.
    editor.tabs.setCurrentIndex(TAB_BENEFICIARIES)
    beneficiaries.table.selectRow(0)
    beneficiaries.unlink_button.click()
    answer_yes(qtbot)
    qtbot.waitUntil(lambda: beneficiaries.table.rowCount() == 4)
    assert column_texts(indicators.computed_table, 1)[0] == "4"


def test_the_status_moves_one_step_forward_at_a_time(
    qtbot: QtBot, page: ProjectsPage, store: Store
) -> None:
    page.new_project()
    editor = page.editor
    editor.general.title.setText("Percorsi di autonomia")
    editor.general.save_button.click()
    assert editor.next_button.text() == "Passa a «Avviso»…"
    editor.next_button.click()
    answer_yes(qtbot)
    assert editor.status_label.text() == "Stato: Avviso"
    assert editor.next_button.text() == "Passa a «Tavolo di co-progettazione»…"
    assert editor.project is not None
    assert get_project(store, editor.project.id).status.value == "notice"

    editor.back_button.click()
    assert page.stack.currentWidget() is page.list_view
    assert "Percorsi di autonomia" in column_texts(page.list_view.table, 0)


def test_another_sites_project_is_read_only(qtbot: QtBot, page: ProjectsPage, store: Store) -> None:
    site = current_actor(store).site_code
    other = next(row for row in list_projects(store) if row.owner_site != site)
    page.list_view.refresh()
    owners = column_texts(page.list_view.table, 7)
    assert site_names(store)[other.owner_site] in owners
    assert not {row.owner_site for row in list_projects(store)} & set(owners)
    page.list_view.table.selectRow(column_texts(page.list_view.table, 0).index(other.title))
    page.list_view.open_button.click()
    editor = page.editor
    assert editor.project is not None and editor.project.id == other.id
    # The owner by its name, never its code (issue 16).
    owner = site_names(store)[other.owner_site]
    assert f"gestito dalla sede {owner}:" in editor.banner.text()
    assert other.owner_site not in editor.banner.text()
    assert not editor.next_button.isVisible()
    assert not editor.partners.add_button.isEnabled()
    assert not editor.funding.add_button.isEnabled()
    assert not editor.beneficiaries.link_button.isEnabled()
    assert editor.general.title.isReadOnly()
    assert not editor.general.save_button.isVisible()


def test_the_project_sheet_button_opens_its_preview(
    qtbot: QtBot, page: ProjectsPage, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    actions = pytest.importorskip("desktop.ui.documents.actions")
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(actions, "show_document_preview", lambda *args: calls.append(args))
    project = list_projects(store)[0]
    editor = page.open_project(project.id)
    assert editor.print_button.text() == "Scheda progetto"
    editor.print_button.click()
    assert [(str(call[3]), call[4]) for call in calls] == [("project_sheet", project.id)]


def test_leaving_the_editor_saves_changes_and_asks_before_dropping_a_new_project(
    qtbot: QtBot, page: ProjectsPage, store: Store
) -> None:
    site = current_actor(store).site_code
    own = next(row for row in list_projects(store) if row.owner_site == site)
    editor = page.open_project(own.id)
    editor.general.rup.setText("Dott. Marco Colombo")
    editor.back_button.click()
    assert page.stack.currentWidget() is page.list_view
    assert get_project(store, own.id).rup_name == "Dott. Marco Colombo"

    editor = page.open_project(own.id)
    editor.general.cup.setText("X1")
    editor.back_button.click()
    assert page.stack.currentWidget() is editor
    assert "CUP" in editor.general.banner.text()

    page.new_project()
    editor.general.title.setText("Bozza di progetto")
    editor.back_button.click()
    answer_yes(qtbot)
    assert page.stack.currentWidget() is page.list_view
    assert "Bozza di progetto" not in [row.title for row in list_projects(store)]


def test_activities_and_typed_in_indicators_are_kept_through_their_dialogs(
    qtbot: QtBot, page: ProjectsPage, store: Store
) -> None:
    site = current_actor(store).site_code
    own = next(
        row
        for row in list_projects(store)
        if row.owner_site == site and get_project(store, row.id).partners
    )
    partner = get_project(store, own.id).partners[0]
    editor = page.open_project(own.id)

    # An activity led by one of the partners; an end before the start is refused.
    editor.tabs.setCurrentIndex(TAB_ACTIVITIES)
    activities = editor.activities
    before = activities.table.rowCount()
    activities.add_button.click()
    dialog = modal(qtbot, ActivityDialog)
    dialog.title.setText("Laboratorio di orientamento al lavoro")
    select_data(dialog.responsible, partner.organization_id)
    dialog.start_on.set_value(date(2026, 12, 1))
    dialog.end_on.set_value(date(2026, 11, 2))
    click_ok(dialog)
    assert dialog.isVisible() and "«Fine»" in dialog.banner.text()
    dialog.end_on.set_value(date(2027, 3, 31))
    select_data(dialog.status, ActivityStatus.RUNNING)
    click_ok(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert activities.table.rowCount() == before + 1
    row = column_texts(activities.table, 0).index("Laboratorio di orientamento al lavoro")
    assert [activities.table.item(row, column).text() for column in range(1, 5)] == [
        partner.organization_name,
        "01/12/2026",
        "31/03/2027",
        "In corso",
    ]

    # A typed-in indicator with baseline, target and value (Italian decimals).
    editor.tabs.setCurrentIndex(TAB_INDICATORS)
    indicators = editor.indicators
    indicators.add_button.click()
    typed = modal(qtbot, IndicatorDialog)
    typed.name.setText("Aziende coinvolte nei tirocini")
    typed.unit.setText("aziende")
    qtbot.keyClicks(typed.baseline, "4")
    qtbot.keyClicks(typed.target, "12")
    qtbot.keyClicks(typed.value, "sette")
    click_ok(typed)
    assert typed.isVisible() and "«Valore»" in typed.banner.text()
    typed.value.clear()
    qtbot.keyClicks(typed.value, "7,5")
    click_ok(typed)
    qtbot.waitUntil(lambda: not typed.isVisible())
    row = column_texts(indicators.manual_table, 0).index("Aziende coinvolte nei tirocini")
    assert [indicators.manual_table.item(row, column).text() for column in range(1, 5)] == [
        "aziende",
        "4",
        "12",
        "7,5",
    ]
    stored = next(row for row in get_project(store, own.id).indicators if row.unit == "aziende")
    assert (stored.kind, stored.baseline, stored.target, stored.value) == (
        IndicatorKind.MANUAL,
        4.0,
        12.0,
        7.5,
    )

    # A computed indicator takes a baseline and a target; its value stays computed.
    kinds = [row.kind for row in indicators.computed]
    indicators.computed_table.selectRow(kinds.index(IndicatorKind.HIRES))
    indicators.target_button.click()
    computed = modal(qtbot, IndicatorDialog)
    assert computed.value.isReadOnly()
    qtbot.keyClicks(computed.baseline, "0")
    qtbot.keyClicks(computed.target, "10")
    click_ok(computed)
    qtbot.waitUntil(lambda: not computed.isVisible())
    row = kinds.index(IndicatorKind.HIRES)
    assert indicators.computed_table.item(row, 0).text() == "Assunzioni"
    assert indicators.computed_table.item(row, 4).text() == "0"
    assert indicators.computed_table.item(row, 5).text() == "10"
    assert column_texts(indicators.manual_table, 0).count("Assunzioni") == 0
