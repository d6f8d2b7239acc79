"""Meetings screens: from the invitation to approved minutes, open actions across meetings,
and the warning about personal data in the minutes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.codes import (
    ActionItemStatus,
    Attendance,
    MeetingType,
    MinutesStatus,
    VoteKind,
)
from desktop.services.directory import list_contacts
from desktop.services.errors import NotAllowedError
from desktop.services.installation import current_actor
from desktop.services.meetings import (
    MEETING_FIELDS,
    MeetingDetail,
    MeetingInput,
    default_agenda,
    get_meeting,
    list_open_actions,
    update_meeting,
)
from desktop.services.reference import PROVINCE_SITE
from desktop.store.engine import Store
from desktop.store.models import Person, Referral
from desktop.ui.common.fields import select_data
from desktop.ui.directory.pickers import ContactPicker
from desktop.ui.meetings.actions_tab import ActionItemDialog, CloseActionDialog
from desktop.ui.meetings.approval import ApproveDialog, CorrectionDialog
from desktop.ui.meetings.editor import (
    TAB_ACTIONS,
    TAB_AGENDA,
    TAB_PARTICIPANTS,
    MeetingEditor,
)
from desktop.ui.meetings.new_meeting import NewMeetingDialog
from desktop.ui.meetings.page import TAB_OPEN_ACTIONS, MeetingsPage
from tests.ui.codesign_support import (
    OFFSCREEN_DIALOG_NOTICE,
    TODAY,
    build_seeded_database,
    click_ok,
    column_texts,
    compiled_italian,
    copied_store,
    header_texts,
    italian_translation,
    modal,
)

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_DIALOG_NOTICE)

HELD_ON = date(2026, 11, 20)


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
) -> Iterator[MeetingsPage]:
    with italian_translation(qapp, italian_qm):
        shown = MeetingsPage(store, today=lambda: TODAY)
        qtbot.addWidget(shown)
        shown.resize(1100, 700)
        shown.show()
        yield shown


def to_input(meeting: MeetingDetail) -> MeetingInput:
    return MeetingInput(**{name: getattr(meeting, name) for name in MEETING_FIELDS})


def new_meeting(qtbot: QtBot, page: MeetingsPage, title: str) -> MeetingEditor:
    page.list_view.new_button.click()
    dialog = modal(qtbot, NewMeetingDialog)
    dialog.set_type(MeetingType.CO_DESIGN_TABLE)
    dialog.held_on.set_value(HELD_ON)
    # The table's first session: no previous minutes to approve.
    template = default_agenda(MeetingType.CO_DESIGN_TABLE, previous_minutes=False)
    shown = [dialog.agenda.item(row).text() for row in range(dialog.agenda.count())]
    assert shown == [f"{position}. {item}" for position, item in enumerate(template, 1)]
    dialog.title.setText(title)
    click_ok(dialog)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.editor)
    return page.editor


def write_item(
    editor: MeetingEditor, position: int, *, summary: str, decision: str = "",
    vote: VoteKind = VoteKind.NONE, votes: tuple[int, int, int] | None = None,
) -> None:  # fmt: skip
    agenda = editor.agenda
    agenda.select_position(position)
    agenda.summary.setPlainText(summary)
    agenda.decision.setPlainText(decision)
    select_data(agenda.vote, vote)
    if votes is not None:
        for box, count in zip(
            (agenda.votes_for, agenda.votes_against, agenda.votes_abstained), votes, strict=True
        ):
            box.setValue(count)


def add_action(
    qtbot: QtBot, editor: MeetingEditor, description: str, due_on: date, *, owner: str = ""
) -> None:
    editor.actions_tab.add_button.click()
    dialog = modal(qtbot, ActionItemDialog)
    dialog.description.setPlainText(description)
    select_data(dialog.agenda_item, editor.meeting.agenda[1].id if editor.meeting else None)
    if owner:
        dialog.owner_button.click()
        picker = modal(qtbot, ContactPicker)
        picker.search.setText(owner)
        picker.refresh()
        picker.tick(str(picker.table.item(0, 0).data(Qt.ItemDataRole.UserRole)))
        click_ok(picker)
        qtbot.waitUntil(lambda: dialog.owner.text() != "")
    else:
        dialog.owner.setText("Rossi Anna")
        dialog.organization.setText("Ufficio di Piano")
    dialog.due_on.set_value(due_on)
    click_ok(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_meeting_from_invitation_to_approved_minutes(
    qtbot: QtBot, page: MeetingsPage, store: Store
) -> None:
    editor = new_meeting(qtbot, page, "Tavolo di co-progettazione di novembre")
    assert editor.meeting is not None
    meeting_id = editor.meeting.id
    assert editor.status_label.text() == "Verbale: Bozza"
    assert editor.title.text().startswith("Verbale n. ")
    assert editor.title.text().endswith("– seduta del giorno 20/11/2026")

    # Invitations from the directory, then attendance with times and a proxy.
    editor.tabs.setCurrentIndex(TAB_PARTICIPANTS)
    contacts = list_contacts(store)[:4]
    editor.participants.invite_button.click()
    picker = modal(qtbot, ContactPicker)
    for contact in contacts:
        picker.tick(contact.id)
    click_ok(picker)
    participants = editor.participants
    qtbot.waitUntil(lambda: participants.table.rowCount() == 4)
    assert set(column_texts(participants.table, 0)) == {c.full_name for c in contacts}
    participants.row_of(contacts[0].full_name).set(
        Attendance.PRESENT, time_in=time(9, 30), time_out=time(12, 0)
    )
    participants.row_of(contacts[1].full_name).set(
        Attendance.REMOTE, time_in=time(9, 45), proxy_for="Comune di Gallarate"
    )
    participants.row_of(contacts[2].full_name).set(Attendance.JUSTIFIED_ABSENCE)
    # As a person would: the choice in the row's combo box is saved at once.
    select_data(participants.row_of(contacts[3].full_name).attendance, Attendance.ABSENT)
    assert participants.summary.text() == (
        "Presenti: 2 (da remoto: 1) — assenti giustificati: 1 — assenti: 1 — da registrare: 0"
    )
    stored = {row.full_name: row for row in get_meeting(store, meeting_id).participants}
    assert stored[contacts[3].full_name].attendance is Attendance.ABSENT
    assert stored[contacts[0].full_name].time_out == time(12, 0)
    assert stored[contacts[1].full_name].proxy_for == "Comune di Gallarate"
    assert stored[contacts[2].full_name].attendance is Attendance.JUSTIFIED_ABSENCE

    # Chair, minute-taker, times.
    editor.tabs.setCurrentIndex(0)
    session = editor.session
    session.chair.setEditText(contacts[0].full_name)
    session.start_time.set_value(time(9, 30))
    session.end_time.set_value(time(12, 0))
    session.place.setText("Sala consiliare")
    session.next_on.set_value(date(2026, 12, 18))
    session.next_place.setText("Sala riunioni dell'Ufficio di Piano")
    session.next_topics.setPlainText("Verifica del calendario dei laboratori")
    assert session.save()
    saved = get_meeting(store, meeting_id)
    assert (saved.next_meeting_on, saved.next_meeting_place, saved.next_meeting_topics) == (
        date(2026, 12, 18),
        "Sala riunioni dell'Ufficio di Piano",
        "Verifica del calendario dei laboratori",
    )

    # Two decisions, one by majority with its vote counts.
    editor.tabs.setCurrentIndex(TAB_AGENDA)
    write_item(
        editor, 2, summary="Illustrato lo stato delle attività (segnalazioni n. 2026/000012).",
        decision="Si approva il calendario dei laboratori.", vote=VoteKind.MAJORITY,
        votes=(5, 1, 1),
    )  # fmt: skip
    write_item(
        editor, 3, summary="Presentato il rendiconto del primo semestre.",
        decision="Si approva il rendiconto.", vote=VoteKind.UNANIMOUS,
    )  # fmt: skip
    assert editor.agenda.save_current()
    agenda = get_meeting(store, meeting_id).agenda
    decided = [item for item in agenda if item.decision]
    assert [(item.position, item.vote) for item in decided] == [
        (2, VoteKind.MAJORITY),
        (3, VoteKind.UNANIMOUS),
    ]
    assert (decided[0].votes_for, decided[0].votes_against, decided[0].votes_abstained) == (
        5,
        1,
        1,
    )

    # Three action items, one owner picked from the directory.
    editor.tabs.setCurrentIndex(TAB_ACTIONS)
    add_action(qtbot, editor, "Inviare il calendario ai partner", date(2026, 12, 4))
    add_action(
        qtbot, editor, "Raccogliere le disponibilità delle aziende", date(2026, 12, 15),
        owner=contacts[0].last_name,
    )  # fmt: skip
    add_action(qtbot, editor, "Preparare la bozza del rendiconto", date(2027, 1, 20))
    actions = editor.actions_tab
    assert actions.table.rowCount() == 3
    assert column_texts(actions.table, 1) == ["2", "2", "2"]
    assert column_texts(actions.table, 3)[1] == contacts[0].full_name
    assert column_texts(actions.table, 4)[1] == contacts[0].organization_name
    assert column_texts(actions.table, 5) == ["04/12/2026", "15/12/2026", "20/01/2027"]
    assert set(column_texts(actions.table, 6)) == {"Aperta"}

    # Approval in a later meeting: read-only afterwards, actions still closable. The
    # minute-taker typed and not yet saved is saved first.
    editor.tabs.setCurrentIndex(0)
    session.secretary.setEditText(contacts[1].full_name)
    editor.approve_button.click()
    approve = modal(qtbot, ApproveDialog)
    approve.approved_on.set_value(date(2026, 11, 26))
    click_ok(approve)
    qtbot.waitUntil(lambda: not approve.isVisible())
    assert editor.status_label.text() == "Verbale: Approvato nella seduta del giorno 26/11/2026"
    stored_meeting = get_meeting(store, meeting_id)
    assert stored_meeting.minutes_status is MinutesStatus.APPROVED
    assert stored_meeting.approved_in_meeting_on == date(2026, 11, 26)
    assert stored_meeting.secretary_name == contacts[1].full_name
    assert not editor.approve_button.isVisible()
    assert editor.correct_button.isVisible()
    assert "sola lettura" in editor.banner.text()
    assert not editor.actions_tab.add_button.isEnabled()
    assert not editor.participants.invite_button.isEnabled()
    assert editor.agenda.summary.isReadOnly()
    assert not editor.session.save_button.isVisible()
    assert editor.session.next_place.isReadOnly()
    # The service refuses too, whatever the screen shows.
    with pytest.raises(NotAllowedError, match="approvato"):
        update_meeting(
            store,
            actor=current_actor(store),
            meeting_id=meeting_id,
            data=replace(to_input(stored_meeting), title="Titolo cambiato dopo l'approvazione"),
        )
    assert get_meeting(store, meeting_id).title == "Tavolo di co-progettazione di novembre"
    actions.table.selectRow(0)
    assert actions.close_button.isEnabled()

    # A correction is a new draft version with its reason.
    editor.correct_button.click()
    correction = modal(qtbot, CorrectionDialog)
    correction.reason.setPlainText("Err")
    click_ok(correction)
    assert correction.isVisible() and "Motivo" in correction.banner.text()
    correction.reason.setPlainText("Corretto il numero dei voti favorevoli")
    click_ok(correction)
    qtbot.waitUntil(lambda: not correction.isVisible())
    assert editor.meeting is not None and editor.meeting.version == 2
    assert editor.status_label.text() == "Verbale: Bozza · versione 2"
    assert "Corretto il numero dei voti favorevoli" in editor.banner.text()
    assert editor.approve_button.isVisible()
    assert get_meeting(store, meeting_id).superseded
    # The new version carries the whole content of the approved one, and is editable.
    version_2 = get_meeting(store, editor.meeting.id)
    assert version_2.number == stored_meeting.number
    assert version_2.correction_reason == "Corretto il numero dei voti favorevoli"
    assert [item.decision for item in version_2.agenda if item.decision] == [
        "Si approva il calendario dei laboratori.",
        "Si approva il rendiconto.",
    ]
    assert len(version_2.actions) == 3 and len(version_2.participants) == 4
    assert not editor.agenda.summary.isReadOnly()
    assert get_meeting(store, meeting_id).minutes_status is MinutesStatus.APPROVED


def test_an_overdue_action_shows_in_open_actions_and_closes_there(
    qtbot: QtBot, page: MeetingsPage, store: Store
) -> None:
    editor = new_meeting(qtbot, page, "Tavolo con scadenze")
    editor.tabs.setCurrentIndex(TAB_ACTIONS)
    add_action(qtbot, editor, "Trasmettere l'elenco dei tirocini attivati", date(2026, 11, 24))
    [overdue] = [
        row for row in list_open_actions(store, today=TODAY) if row.description.startswith("Trasm")
    ]
    editor.back_button.click()

    view = page.show_open_actions()
    assert page.tabs.currentIndex() == TAB_OPEN_ACTIONS
    row = view.table.rows_model.row_of(overdue.id)
    assert view.table.text(row, 1) == "Scaduta da 3 giorni"
    assert view.is_highlighted(overdue.id)
    not_overdue = [action for action in view.rows if not action.overdue]
    assert not_overdue and not view.is_highlighted(not_overdue[0].id)
    dues = [action.due_on for action in view.rows if action.due_on is not None]
    assert dues == sorted(dues)
    view.overdue_only.setChecked(True)
    assert all(action.overdue for action in view.rows)

    view.table.selectRow([action.id for action in view.rows].index(overdue.id))
    view.close_button.click()
    dialog = modal(qtbot, CloseActionDialog)
    assert dialog.closed_on.value() == TODAY
    click_ok(dialog)
    qtbot.waitUntil(lambda: overdue.id not in [action.id for action in view.rows])
    closed = next(
        action
        for action in get_meeting(store, overdue.meeting_id).actions
        if action.id == overdue.id
    )
    assert (closed.status, closed.closed_on) == (ActionItemStatus.DONE, TODAY)


def test_minutes_with_a_fiscal_code_or_a_beneficiarys_name_warn_on_saving(
    qtbot: QtBot, page: MeetingsPage, store: Store
) -> None:
    with store.read() as session:
        fiscal_code, last_name, first_name = session.execute(
            select(Person.fiscal_code, Person.last_name, Person.first_name)
            .join(Referral, Referral.person_id == Person.id)
            .limit(1)
        ).one()
    editor = new_meeting(qtbot, page, "Équipe di verifica")
    editor.tabs.setCurrentIndex(TAB_AGENDA)
    write_item(editor, 3, summary=f"Discusso il caso di {fiscal_code} con il CPI.")
    editor.agenda.save_button.click()
    box = modal(qtbot, QMessageBox)
    assert box is editor.privacy_box
    assert "non deve contenere dati personali" in box.text()
    assert fiscal_code in box.informativeText()
    box.accept()

    write_item(editor, 3, summary=f"Sentita la signora {first_name} {last_name}.")
    editor.agenda.save_button.click()
    box = modal(qtbot, QMessageBox)
    assert f"{first_name} {last_name}" in box.informativeText()
    box.accept()

    # By number only: no warning.
    write_item(editor, 3, summary="Discussa la segnalazione n. 2026/000012.")
    editor.privacy_box = None
    editor.agenda.save_button.click()
    assert editor.privacy_box is None


def test_the_main_window_opens_the_new_areas(
    qtbot: QtBot, store: Store, qapp: QApplication, italian_qm: Path
) -> None:
    from desktop.ui.directory.page import DirectoryPage  # noqa: PLC0415
    from desktop.ui.main_window import MainWindow  # noqa: PLC0415
    from desktop.ui.projects.page import ProjectsPage  # noqa: PLC0415

    with italian_translation(qapp, italian_qm):
        window = MainWindow(store, store.path.parent, today=lambda: TODAY)
        qtbot.addWidget(window)
        window.show()
        names = [window.navigation.item(row).text() for row in range(window.navigation.count())]
        expected = {"Progetti": ProjectsPage, "Riunioni": MeetingsPage, "Rubrica": DirectoryPage}
        for name, page_class in expected.items():
            window.navigation.setCurrentRow(names.index(name))
            page = window.pages.currentWidget().page()  # type: ignore[attr-defined]
            assert isinstance(page, page_class)
        meetings = window.pages.widget(names.index("Riunioni")).page()  # type: ignore[attr-defined]
        assert meetings.tabs.tabText(TAB_OPEN_ACTIONS) == "Azioni aperte"
        # qtbot keeps only a weak reference: closed now, the window cannot be collected (and
        # destroyed) in the middle of a later paint.
        window.close()


# The offscreen platform says these of every popup menu it shows.
@pytest.mark.qt_log_ignore(
    OFFSCREEN_DIALOG_NOTICE,
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)
def test_the_print_menu_offers_the_previews_and_the_batch_for_a_meeting(
    qtbot: QtBot, page: MeetingsPage
) -> None:
    editor = new_meeting(qtbot, page, "Tavolo da stampare")
    printing = editor.printing
    assert printing.button.isVisible() and printing.button.isEnabled()
    assert printing.button.text() == "Stampa"
    assert printing.button.accessibleName() == "Stampa i documenti della riunione"
    assert printing.button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert [action.text() for action in printing.menu.actions() if not action.isSeparator()] == [
        "Anteprima ordine del giorno",
        "Anteprima verbale",
        "Anteprima foglio presenze",
        "Stampa ordine del giorno e foglio presenze…",
    ]
    assert all(action.isEnabled() for action in printing.document_actions())

    # Ctrl+P in the editor opens the menu (closed here from inside its own event loop).
    shown: list[bool] = []

    def close_menu() -> None:
        shown.append(printing.menu.isVisible())
        printing.menu.close()

    QTimer.singleShot(0, close_menu)
    editor.agenda.setFocus()
    qtbot.keyClick(editor.agenda, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shown == [True])


def _previews(editor: MeetingEditor) -> list[Any]:
    from desktop.ui.documents.preview import DocumentPreview  # noqa: PLC0415

    return editor.findChildren(DocumentPreview)


def test_the_previews_show_the_agenda_and_the_draft_minutes_of_the_meeting(
    qtbot: QtBot, page: MeetingsPage
) -> None:
    pytest.importorskip("desktop.ui.documents.preview")
    from desktop.documents import DocumentType  # noqa: PLC0415
    from tests.documents_support import text_of  # noqa: PLC0415

    editor = new_meeting(qtbot, page, "Tavolo di co-progettazione Gallarate")
    assert editor.meeting is not None
    for action, document_type in (
        (editor.printing.agenda_action, DocumentType.AGENDA),
        (editor.printing.minutes_action, DocumentType.MINUTES),
        (editor.printing.attendance_action, DocumentType.ATTENDANCE_SHEET),
    ):
        action.trigger()
        qtbot.waitUntil(lambda: len(_previews(editor)) == 1)
        preview = _previews(editor)[0]
        assert preview.isVisible()
        assert preview.document.document_type is document_type
        assert preview.document.record_id == editor.meeting.id
        text = text_of(preview.document.pdf)
        assert "Gallarate" in text
        # The builder marks minutes that are not approved yet.
        assert ("BOZZA" in text) is (document_type is DocumentType.MINUTES)
        preview.close()
        qtbot.waitUntil(lambda: not _previews(editor))


def test_the_agenda_and_attendance_sheet_print_together_and_are_recorded(
    qtbot: QtBot, page: MeetingsPage, store: Store, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    actions = pytest.importorskip("desktop.ui.documents.actions")
    from PySide6.QtPrintSupport import QPrinter  # noqa: PLC0415

    from desktop.services.documents import list_issued_documents  # noqa: PLC0415
    from tests.documents_support import page_count  # noqa: PLC0415

    output = tmp_path / "riunione.pdf"

    def pdf_printer(_parent: object) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        printer.setResolution(72)
        return printer

    monkeypatch.setattr(actions, "choose_printer", pdf_printer)
    editor = new_meeting(qtbot, page, "Tavolo da stampare")
    assert editor.meeting is not None
    editor.printing.batch_action.trigger()
    batch = editor.printing.batch
    assert batch is not None
    with qtbot.waitSignal(batch.finished, timeout=30_000) as finished:  # type: ignore[attr-defined]
        pass
    assert page_count(output.read_bytes()) == finished.args[0].pages >= 2
    issued = list_issued_documents(store, record_id=editor.meeting.id)
    assert sorted(row.document_type for row in issued) == ["agenda", "attendance_sheet"]
    assert all(row.operator and len(row.sha256) == 64 for row in issued)


def test_the_convening_body_is_chosen_by_name_and_the_protocol_has_its_date(
    qtbot: QtBot, page: MeetingsPage, store: Store
) -> None:
    own_site = current_actor(store).site_code
    page.list_view.new_button.click()
    dialog = modal(qtbot, NewMeetingDialog)
    names = [dialog.convening_site.itemText(row) for row in range(dialog.convening_site.count())]
    codes = {dialog.convening_site.itemData(row) for row in range(dialog.convening_site.count())}
    assert "Provincia di Varese" in names
    assert not codes & set(names)  # bodies by name, never by code
    # A provincial table is convened by the Province, anything else by this office.
    dialog.set_type(MeetingType.TEAM)
    assert dialog.convening_site.currentData() == own_site
    dialog.set_type(MeetingType.PROVINCIAL_TABLE)
    assert dialog.convening_site.currentText() == "Provincia di Varese"
    dialog.held_on.set_value(HELD_ON)
    # The Province's table met before: its previous minutes are to be approved.
    assert dialog.agenda.item(0).text() == "1. Approvazione del verbale della seduta precedente"
    dialog.title.setText("Tavolo Unico Provinciale di novembre")
    click_ok(dialog)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.editor)
    editor = page.editor
    assert editor.meeting is not None
    meeting_id = editor.meeting.id
    assert editor.meeting.convening_site == PROVINCE_SITE
    assert editor.meeting.number != "01/2026"  # the Province's table's next number

    session = editor.session
    assert session.convening_site.currentText() == "Provincia di Varese"
    session.protocol.setText("4321")
    session.protocol_on.set_value(date(2026, 11, 25))
    assert session.save()
    stored = get_meeting(store, meeting_id)
    assert (stored.protocol_number, stored.protocol_on) == ("4321", date(2026, 11, 25))
    # Convened by this office instead: another series, renumbered.
    select_data(session.convening_site, own_site)
    assert session.modified()
    assert session.save()
    moved = get_meeting(store, meeting_id)
    assert moved.convening_site == own_site
    assert not session.modified()  # what is shown is what is stored

    editor.back_button.click()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is not page.editor)
    page.list_view.refresh()
    view = page.list_view
    headers = header_texts(view.table)
    column = headers.index("Ente che convoca")
    convening = column_texts(view.table, column)
    assert "Provincia di Varese" in convening
    assert moved.convening_site_name in convening
    assert not {PROVINCE_SITE, own_site} & set(convening)
