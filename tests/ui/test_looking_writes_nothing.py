"""Looking never writes (issue 12): every page, tab, editor and preview of every kind of record
is opened, documents are saved and printed to PDF files, and afterwards no synced row has
changed or waits to be sent.

Seen on a client: opening a draft meeting's tabs and previews left "1 modifica da inviare" and
an ``agenda_item`` with a new ``updated_at``. Recording an issued document is allowed: its table
(``issued_document``) and the audit trail stay on the PC.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, text

from desktop.domain.codes import MeetingType, MinutesStatus, SiteKind, Track
from desktop.domain.codes import ReferralStatus as Status
from desktop.services.context import Actor
from desktop.services.documents.batch import build_in_this_process
from desktop.services.installation import current_actor
from desktop.services.meetings import MeetingInput, create_meeting
from desktop.services.projects import ProjectInput, create_project
from desktop.services.reference import list_municipalities
from desktop.services.referrals.records import ReferralInput, create_referral
from desktop.store.engine import Store
from desktop.store.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    PathAction,
    Person,
    Project,
    Referral,
    ReferralHandling,
)
from desktop.ui.common.table_tab import RowsTable
from desktop.ui.directory.page import DirectoryPage
from desktop.ui.documents import actions as document_actions
from desktop.ui.documents.preview import DocumentPreview
from desktop.ui.main_window import (
    PAGE_DIRECTORY,
    PAGE_MEETINGS,
    PAGE_PERSONS,
    PAGE_PROJECTS,
    PAGE_SYNC,
    MainWindow,
)
from desktop.ui.meetings.page import TAB_OPEN_ACTIONS, MeetingsPage
from desktop.ui.persons.editor import PersonEditDialog
from desktop.ui.projects.page import ProjectsPage
from desktop.ui.referrals.editor import ReferralEditor, Unsaved
from sync.client.status import sync_status
from sync.protocol import SYNCED_TABLES
from tests.ui.codesign_support import (
    OFFSCREEN_DIALOG_NOTICE,
    TODAY,
    build_seeded_database,
    copied_store,
)
from tests.ui.referral_support import answer_dialogs

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_DIALOG_NOTICE)

PRINT_TIMEOUT = 30_000
Rows = dict[str, dict[str, tuple[object, ...]]]


@pytest.fixture(scope="module")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeded_database(tmp_path_factory.mktemp("seeded"))


@pytest.fixture
def store(tmp_path: Path, seeded_database: Path) -> Iterator[Store]:
    with copied_store(seeded_database, tmp_path / "data") as opened:
        yield opened


# --- the synced rows, before and after ------------------------------------------------------


def mark_clean(store: Store) -> None:
    """As after a sync that sent everything: nothing waits to be sent."""
    with store.write() as session:
        for table in SYNCED_TABLES:
            session.execute(text(f'UPDATE "{table}" SET dirty = 0 WHERE dirty = 1'))


def synced_rows(store: Store) -> Rows:
    """Every column of every synced row, by table and id."""
    rows: Rows = {}
    with store.raw_read() as connection:
        for table in SYNCED_TABLES:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            names = [column[0] for column in cursor.description]
            key = names.index("id")
            rows[table] = {str(row[key]): (tuple(names), *row) for row in cursor}
    return rows


def differences(before: Rows, after: Rows) -> list[str]:
    """ "table id: column old → new" for every synced row that changed, appeared or went."""
    found = []
    for table, rows in after.items():
        old_rows = before[table]
        for row_id in sorted(rows.keys() | old_rows.keys()):
            old, new = old_rows.get(row_id), rows.get(row_id)
            if old is None or new is None:
                found.append(f"{table} {row_id}: {'added' if old is None else 'removed'}")
                continue
            names = new[0]
            assert isinstance(names, tuple)
            found.extend(
                f"{table} {row_id}: {name} {was!r} → {now!r}"
                for name, was, now in zip(names, old[1:], new[1:], strict=True)
                if was != now
            )
    return found


# --- what the test looks at -----------------------------------------------------------------


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(72)  # small page images: the test is about records, not pixels
    return printer


def open_previews() -> list[DocumentPreview]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, DocumentPreview) and widget.isVisible()
    ]


class Looker:
    """Opens previews and prints them, counting what was issued."""

    def __init__(self, qtbot: QtBot, folder: Path) -> None:
        self.qtbot = qtbot
        self.folder = folder
        self.issued = 0
        self.saved_dialogs: list[str] = []

    def preview(self, open_it: Callable[[], object], *, print_it: bool = False) -> None:
        """Open one preview, save it as a PDF file (and print it to one), then close it."""
        assert not open_previews()
        open_it()
        self.qtbot.waitUntil(lambda: len(open_previews()) == 1)
        preview = open_previews()[0]
        assert preview.page_count() >= 1
        self.issued += 1
        path = self.folder / f"saved-{self.issued}.pdf"
        with self.qtbot.waitSignal(preview.issued, timeout=PRINT_TIMEOUT):
            preview.save_to(path)
        assert path.read_bytes() == preview.document.pdf
        if print_it:
            self.issued += 1
            with self.qtbot.waitSignal(preview.issued, timeout=PRINT_TIMEOUT):
                preview.print_to(pdf_printer(self.folder / f"printed-{self.issued}.pdf"))
        preview.close()
        self.qtbot.waitUntil(lambda: not open_previews())

    def save_first_row(self, tab: QWidget) -> None:
        """Open the first row of an editable table tab in its dialog and Save it unchanged."""
        if not isinstance(tab, RowsTable) or not tab.editable or not tab.rows():
            return
        tab.rows_table.selectRow(0)
        dialog = tab.edit_selected()
        assert dialog is not None
        self.qtbot.waitUntil(dialog.isVisible)
        dialog.accept()
        assert dialog.result() == QDialog.DialogCode.Accepted, type(dialog).__name__
        self.saved_dialogs.append(type(dialog).__name__)


def _ignore(_tab: QWidget) -> None:
    pass


def every_tab(qtbot: QtBot, tabs: QTabWidget, visit: Callable[[QWidget], None] = _ignore) -> None:
    """Show each visible tab in turn, as a person clicking through them, and back to the first."""
    for index in range(tabs.count()):
        if tabs.isTabVisible(index) and tabs.isTabEnabled(index):
            tabs.setCurrentIndex(index)
            qtbot.waitUntil(lambda index=index: tabs.currentIndex() == index)
            visit(tabs.widget(index))
    tabs.setCurrentIndex(0)


# --- the records of each kind ----------------------------------------------------------------


def _referrals(store: Store) -> list[tuple[str, str, str, str, str | None, int]]:
    """(id, track, status, owner site, handling CPI, path actions) of every referral."""
    with store.read() as session:
        actions = (
            select(func.count(PathAction.id))
            .where(PathAction.referral_id == Referral.id)
            .scalar_subquery()
        )
        rows = session.execute(
            select(
                Referral.id,
                Referral.track,
                Referral.status,
                Referral.owner_site,
                ReferralHandling.owner_site,
                actions,
            )
            .outerjoin(ReferralHandling, ReferralHandling.referral_id == Referral.id)
            .order_by(Referral.number)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def referrals_to_open(store: Store, site: str) -> tuple[list[str], Actor, list[str]]:
    """What the sender opens (per track its referrals taken in charge with path actions, its
    draft, another site's referral), the CPI that handles them, and what that CPI opens (a
    referral with path actions in its path, and a concluded one: the outcome is editable)."""
    rows = _referrals(store)
    handled = [row for row in rows if row[3] == site and row[4] and row[5]]
    assert {row[1] for row in handled} == {Track.NEET, Track.CMD}
    # A CPI with a referral in its path and a concluded one, both with path actions.
    cpi_site = next(
        cpi
        for cpi in (row[4] for row in handled)
        if {row[2] for row in rows if row[4] == cpi and row[5]}
        >= {Status.IN_PATH, Status.CONCLUDED}
    )
    assert cpi_site is not None
    sender: dict[object, str] = {}
    for row in handled:
        sender.setdefault(row[1], row[0])
    sender["draft"] = next(row[0] for row in rows if row[3] == site and row[2] is Status.DRAFT)
    sender["other"] = next(row[0] for row in rows if row[3] != site)
    cpi: dict[object, str] = {}
    for row in rows:
        if row[4] == cpi_site and row[5] and row[2] in {Status.IN_PATH, Status.CONCLUDED}:
            cpi.setdefault(row[2], row[0])
    assert len(cpi) == 2
    return list(sender.values()), Actor("l.verdi", cpi_site, SiteKind.CPI), list(cpi.values())


def add_own_draft(store: Store) -> None:
    """The sender's own draft, whose form is editable (the demo's drafts are other sites')."""
    actor = current_actor(store)
    with store.read() as session:
        # The youngest of the sender's people: a NEET referral needs someone aged 15 to 29.
        person_id = session.scalar(
            select(Referral.person_id)
            .join(Person, Person.id == Referral.person_id)
            .where(Referral.owner_site == actor.site_code)
            .order_by(Person.birth_date.desc())
            .limit(1)
        )
    assert person_id is not None
    create_referral(
        store,
        actor=actor,
        data=ReferralInput(
            track=Track.NEET,
            person_id=person_id,
            referring_service="Servizio sociale di base",
            reason="Fuori da scuola e lavoro da un anno.",
        ),
        today=TODAY,
    )


def meetings_of_each_kind(store: Store) -> list[tuple[str, bool, bool]]:
    """(id, this site's, draft) of a meeting of each kind: this site's draft (editable) and
    approved minutes, and another site's of both; those with the most agenda items and
    actions."""
    site = current_actor(store).site_code
    items, actions = (
        select(func.count(model.id)).where(model.meeting_id == Meeting.id).scalar_subquery()
        for model in (AgendaItem, ActionItem)
    )
    with store.read() as session:
        rows = session.execute(
            select(Meeting.id, Meeting.owner_site, Meeting.minutes_status)
            .where(Meeting.deleted.is_(False))
            .order_by(items.desc(), actions.desc(), Meeting.id)
        ).all()
    chosen: dict[tuple[bool, bool], str] = {}
    for row in rows:
        kind = (row.owner_site == site, row.minutes_status is MinutesStatus.DRAFT)
        chosen.setdefault(kind, row.id)
    assert len(chosen) == 4
    return [(meeting_id, *kind) for kind, meeting_id in chosen.items()]


def project_ids(store: Store) -> list[str]:
    with store.read() as session:
        return list(session.scalars(select(Project.id).where(Project.deleted.is_(False))))


# --- the test --------------------------------------------------------------------------------


def test_opening_every_screen_and_preview_marks_nothing_changed(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_own_draft(store)
    mark_clean(store)
    before = synced_rows(store)
    looker = Looker(qtbot, tmp_path)
    window = MainWindow(store, store.path.parent, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    look_at_referrals(qtbot, window, store, looker)
    look_at_persons(qtbot, window, store)
    look_at_projects(qtbot, window, store, looker)
    look_at_meetings(qtbot, window, store, looker, monkeypatch)
    look_at_directory(qtbot, window)
    window.navigation.setCurrentRow(PAGE_SYNC)
    qtbot.waitUntil(lambda: window.pages.currentIndex() == PAGE_SYNC)
    window.close()

    assert looker.issued > 0
    assert sorted(looker.saved_dialogs) == [
        "ActionItemDialog", "ActivityDialog", "FundingDialog", "IndicatorDialog", "PartnerDialog",
    ]  # fmt: skip
    changed = differences(before, synced_rows(store))
    assert not changed, "\n".join(changed)
    assert sync_status(store).pending_changes == 0


def look_at_referrals(qtbot: QtBot, window: MainWindow, store: Store, looker: Looker) -> None:
    asked: list[str] = []
    saved: list[ReferralEditor] = []

    def ask() -> Unsaved:
        asked.append("unsaved changes")
        return Unsaved.SAVE  # what a hurried operator answers: any write would be seen

    def look(editor: ReferralEditor) -> None:
        editor.ask_unsaved = ask
        every_tab(qtbot, editor.tabs)
        assert not editor.dirty, editor.windowTitle()
        # Save, and OK in a path action's dialog, with nothing changed: nothing to write.
        if editor.save_button.isEnabled():
            with qtbot.waitSignal(editor.changed):
                editor.save_button.click()
        detail = editor.detail
        if editor.rights.change_actions and detail is not None and detail.actions:
            answered = answer_dialogs(editor)
            assert editor.work.edit_action(detail.actions[0].id)
            assert len(answered) == 1
            saved.append(editor)
        elif editor.save_button.isEnabled():
            saved.append(editor)
        editor.close_button.click()
        qtbot.waitUntil(lambda: not editor.isVisible())

    sender, cpi, handled = referrals_to_open(store, current_actor(store).site_code)
    for referral_id in sender:
        look(window.referral_editors.open_referral(referral_id))
    for referral_id in handled:
        editor = ReferralEditor(store, referral_id=referral_id, actor=cpi, today=lambda: TODAY)
        qtbot.addWidget(editor)
        editor.show()
        look(editor)
    assert asked == []
    # The sender's draft and the CPI's handling were saved, and path actions were edited.
    assert {editor.rights.change_actions for editor in saved} == {True, False}

    # The Print menu of the referral list: the form and the privacy notice of the selected
    # referral, and a blank notice.
    table = window.referral_list.table
    printing = window.printing
    table.clearSelection()
    looker.preview(printing.notice_action.trigger)
    table.selectRow(0)
    looker.preview(printing.form_action.trigger, print_it=True)
    looker.preview(printing.notice_action.trigger)


def look_at_persons(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    window.navigation.setCurrentRow(PAGE_PERSONS)
    page = window.persons.page()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    for row in (0, 1, page.model.rowCount() - 1):
        shown = page.model.person_at(row)
        assert shown is not None
        page.table.selectRow(row)
        qtbot.waitUntil(lambda shown=shown: getattr(page.detail.person, "id", "") == shown.id)
    person = page.detail.person
    assert person is not None
    dialog = PersonEditDialog(
        store,
        actor=current_actor(store),
        person=person,
        municipalities=[(row.id, row.name) for row in list_municipalities(store)],
        today=lambda: TODAY,
        parent=page,
    )
    # A doubtful code is confirmed again with the reason already given, as the operator would.
    dialog.ask_override_reason = lambda _warnings: person.fiscal_code_override_reason or None
    dialog.open()
    for tabs in dialog.findChildren(QTabWidget):
        every_tab(qtbot, tabs)
    dialog.accept()  # Save, with nothing changed: nothing to write
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved == person


def look_at_projects(qtbot: QtBot, window: MainWindow, store: Store, looker: Looker) -> None:
    window.navigation.setCurrentRow(PAGE_PROJECTS)
    page = window.pages.currentWidget().page()  # type: ignore[attr-defined]
    assert isinstance(page, ProjectsPage)
    site = current_actor(store).site_code
    previewed: set[bool] = set()
    for project_id in project_ids(store):
        editor = page.open_project(project_id)
        assert editor.project is not None
        own = editor.project.owner_site == site
        if own in previewed:
            continue  # one of this site's (editable), one of another site's (read-only)
        previewed.add(own)
        every_tab(qtbot, editor.tabs, looker.save_first_row if own else _ignore)
        if own:
            assert not editor.general.save_button.isHidden()
            assert editor.general.save()  # Save, with nothing changed: nothing to write
        looker.preview(editor.print_button.click)
        editor.back_button.click()
        qtbot.waitUntil(lambda: page.stack.currentWidget() is page.list_view)
    assert previewed == {True, False}


def look_at_meetings(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    looker: Looker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.navigation.setCurrentRow(PAGE_MEETINGS)
    page = window.pages.currentWidget().page()  # type: ignore[attr-defined]
    assert isinstance(page, MeetingsPage)
    page.tabs.setCurrentIndex(TAB_OPEN_ACTIONS)
    page.tabs.setCurrentIndex(0)
    printed = looker.folder / "batch.pdf"
    # The print dialog answered with a PDF file, and the batch's documents built in this
    # process: worker processes take seconds to start, and build the same bytes.
    monkeypatch.setattr(document_actions, "choose_printer", lambda _parent: pdf_printer(printed))
    monkeypatch.setattr(
        document_actions,
        "print_documents_batch",
        partial(document_actions.print_documents_batch, build=build_in_this_process),
    )
    previewed: set[tuple[bool, bool]] = set()
    for meeting_id, own, draft in meetings_of_each_kind(store):
        previewed.add((own, draft))
        editor = page.open_meeting(meeting_id)

        def visit(tab: QWidget, own: bool = own, draft: bool = draft) -> None:
            agenda = page.editor.agenda
            if tab is agenda:
                for position in range(1, agenda.items.count() + 1):
                    agenda.select_position(position)
            elif tab is page.editor.participants:
                # Tabbing through a row ends the editing of its times and proxy, which saves
                # the row when it was changed.
                for row in page.editor.participants.rows:
                    row.time_in.committed.emit()
                    row.time_out.committed.emit()
                    row.proxy.editingFinished.emit()
            elif own and draft:
                looker.save_first_row(tab)

        every_tab(qtbot, editor.tabs, visit)
        if own and draft:
            # Save, with nothing changed: nothing to write.
            assert editor.session.save()
            assert editor.agenda.save_current()
        printing = editor.printing
        looker.preview(printing.minutes_action.trigger)
        if own and draft:
            looker.preview(printing.agenda_action.trigger)
            looker.preview(printing.attendance_action.trigger)
            printing.batch_action.trigger()
            batch = printing.batch
            assert batch is not None
            with qtbot.waitSignal(batch.finished, timeout=PRINT_TIMEOUT):  # type: ignore[attr-defined]
                pass
            assert printed.stat().st_size > 0
        editor.back_button.click()
        qtbot.waitUntil(lambda: page.stack.currentWidget() is not page.editor)
    assert previewed == {(True, True), (True, False), (False, True), (False, False)}


def look_at_directory(qtbot: QtBot, window: MainWindow) -> None:
    window.navigation.setCurrentRow(PAGE_DIRECTORY)
    page = window.pages.currentWidget().page()  # type: ignore[attr-defined]
    assert isinstance(page, DirectoryPage)

    def visit(tab: QWidget) -> None:
        if tab is page.organizations:
            organizations = page.organizations
            for row in range(organizations.table.rowCount()):
                organizations.table.selectRow(row)
            for dialog in (organizations.open_selected(), organizations.open_selected_contact()):
                if dialog is not None:
                    dialog.reject()
        elif tab is page.contacts:
            page.contacts.table.selectRow(0)
            dialog = page.contacts.open_selected()
            assert dialog is not None
            dialog.reject()

    every_tab(qtbot, page.tabs, visit)


def test_a_meeting_about_a_project_made_after_the_list_was_read_keeps_it(
    qtbot: QtBot, store: Store
) -> None:
    page = MeetingsPage(store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    meeting_id, _own, _draft = meetings_of_each_kind(store)[0]
    page.open_meeting(meeting_id).back_button.click()  # the editor has read the projects
    actor = current_actor(store)
    project = create_project(store, actor=actor, data=ProjectInput(title="Ponti nuovi"))
    meeting = create_meeting(
        store,
        actor=actor,
        data=MeetingInput(
            meeting_type=MeetingType.CO_DESIGN_TABLE,
            title="Primo tavolo di co-progettazione",
            held_on=TODAY,
            project_id=project.id,
        ),
    )
    mark_clean(store)
    before = synced_rows(store)

    editor = page.open_meeting(meeting.id)
    assert editor.session.project.currentText() == "Ponti nuovi"
    editor.back_button.click()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is not page.editor)

    changed = differences(before, synced_rows(store))
    assert not changed, "\n".join(changed)
