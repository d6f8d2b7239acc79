"""Every table of every page sorts by each of its columns, both ways, as an Italian office reads
them (issue 20): dates and numbers by value, texts with Italian collation, blanks last; and an
empty list says so, with what to do next, instead of showing an empty grid.

The expected order is worked out here from the texts shown (a date read back from gg/mm/aaaa,
a number from its digits, a text through the Italian collator, whose own order the first test
pins down by hand), so a column sorted by its formatted text would fail."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cmp_to_key
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.domain.codes import ActionState, PathActionType
from desktop.domain.text import normalise_search_text
from desktop.services.directory import list_organizations
from desktop.services.meetings import list_meetings
from desktop.services.projects import list_projects
from desktop.services.referrals.records import PathActionRow
from desktop.store import backups
from desktop.store.engine import Store
from desktop.store.models import ActionItem, ProjectPartner
from desktop.ui.backup.dialog import BackupDialog
from desktop.ui.common.tables import (
    DataTable,
    italian_collator,
    sort_table,
    sorted_order,
)
from desktop.ui.directory.page import DirectoryPage
from desktop.ui.meetings.editor import MeetingEditor
from desktop.ui.meetings.page import MeetingsPage
from desktop.ui.persons.page import PersonsPage
from desktop.ui.projects.editor import ProjectEditor
from desktop.ui.projects.page import ProjectsPage
from desktop.ui.referrals.actions_section import ActionsSection
from desktop.ui.referrals.list_model import COL_PERSON as REFERRAL_COL_PERSON
from desktop.ui.referrals.list_model import ReferralListModel
from desktop.ui.referrals.list_view import ReferralListView
from desktop.ui.sync.log_view import SyncLogView
from sync.client.db import add_log
from tests.ui.codesign_support import (
    OFFSCREEN_DIALOG_NOTICE,
    TODAY,
    build_seeded_database,
    compiled_italian,
    copied_store,
    italian_translation,
)
from tests.ui.persons_bulk import add_persons

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_DIALOG_NOTICE)

# Names an Italian reader expects in this order (case and accents do not count first).
ITALIAN_ORDER = [
    "Abate Anna",
    "Àlberti Carlo",
    "D'Angelo Rosa",
    "Dal Bello Ugo",
    "dalla Costa Pia",
    "De Luca Ivo",
    "de Rosa Lia",
    "Enzo Neri",
    "Erica Sala",
    "Èrica Sala",
    "Fila 2",
    "Fila 10",
    "Zeta Ada",
]


def test_italian_collation_orders_names_as_an_italian_reader() -> None:
    shuffled = [ITALIAN_ORDER[i] for i in (7, 12, 3, 0, 9, 5, 1, 11, 4, 2, 10, 6, 8)]
    order = sorted_order(shuffled, descending=False)
    assert [shuffled[i] for i in order] == ITALIAN_ORDER
    # Values, not texts: dates across years, numbers of different lengths, blanks last.
    dates: list[Any] = [date(2026, 1, 2), None, date(2025, 12, 31), date(2026, 1, 1)]
    assert sorted_order(dates, descending=False) == [2, 3, 0, 1]
    assert sorted_order(dates, descending=True) == [0, 3, 2, 1]
    numbers: list[Any] = [10, 9, Decimal("100.5"), None, 0]
    assert sorted_order(numbers, descending=False) == [4, 1, 0, 2, 3]


# -- the tables, on a demo store --------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    database = build_seeded_database(tmp_path_factory.mktemp("seeded"))
    with copied_store(database, tmp_path_factory.mktemp("copy") / "data") as store:
        # Surnames that test the collation, beside the demo's.
        add_persons(store, [name.split(" ", 1) for name in ITALIAN_ORDER], born=date(1990, 3, 1))
        yield store


@pytest.fixture(scope="module")
def italian_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compiled_italian(tmp_path_factory.mktemp("qm"))


@pytest.fixture(scope="module")
def in_italian(qapp: QApplication, italian_qm: Path) -> Iterator[None]:
    with italian_translation(qapp, italian_qm):
        yield


@dataclass(frozen=True)
class Shown:
    owner: QWidget  # kept alive while the table is looked at
    table: QTableView
    # Columns whose order is not their text's: the key of a row (as shown) instead.
    keys: dict[int, Callable[[QModelIndex], Any]]


def _referrals(store: Store) -> Shown:
    view = ReferralListView(ReferralListModel(store, today=lambda: TODAY))

    def search_name(index: QModelIndex) -> Any:
        return normalise_search_text(str(index.data()))

    # Track and status follow their labels as shown (the list's SQL orders the codes so),
    # the person the index of names the persons list and the search share.
    return Shown(view, view.table, {REFERRAL_COL_PERSON: search_name})


def _persons(store: Store) -> Shown:
    page = PersonsPage(store, today=lambda: TODAY)
    return Shown(page, page.table, {})


def _person_referrals(store: Store) -> Shown:
    page = PersonsPage(store, today=lambda: TODAY)
    # The person with the most referrals.
    best = max(
        range(page.model.rowCount()),
        key=lambda row: _referral_count(store, str(page.model.key_at(row))),
    )
    page.table.selectRow(best)
    return Shown(page, page.detail.referrals, {})


def _referral_count(store: Store, person_id: str) -> int:
    from desktop.store.models import Referral  # noqa: PLC0415

    with store.read() as session:
        query = select(func.count()).select_from(Referral).where(Referral.person_id == person_id)
        return int(session.scalar(query) or 0)


def _projects(store: Store) -> Shown:
    page = ProjectsPage(store, today=lambda: TODAY)
    page.refresh()
    return Shown(page, page.list_view.table, {})


def _meetings(store: Store) -> Shown:
    page = MeetingsPage(store, today=lambda: TODAY)
    page.refresh()
    return Shown(page, page.list_view.table, {})


def _open_actions(store: Store) -> Shown:
    page = MeetingsPage(store, today=lambda: TODAY)

    def due_date(index: QModelIndex) -> Any:
        return datetime.strptime(str(index.siblingAtColumn(0).data()), "%d/%m/%Y").date()

    # "Scaduta da 3 giorni", "Scade tra 4 giorni": the state follows the due date.
    return Shown(page, page.show_open_actions().table, {1: due_date})


def _directory(tab: str) -> Callable[[Store], Shown]:
    def build(store: Store) -> Shown:
        page = DirectoryPage(store, today=lambda: TODAY)
        shown = getattr(page, tab)
        shown.refresh()
        return Shown(page, shown.table, {})

    return build


def _project_tab(tab: str, table: str = "table") -> Callable[[Store], Shown]:
    def build(store: Store) -> Shown:
        with store.read() as session:
            # The project with the most partners: its other tabs are full too.
            project_id = session.scalar(
                select(ProjectPartner.project_id)
                .group_by(ProjectPartner.project_id)
                .order_by(func.count().desc())
                .limit(1)
            )
        assert project_id is not None
        editor = ProjectEditor(store, lambda: TODAY)
        editor.load(str(project_id))
        return Shown(editor, getattr(getattr(editor, tab), table), {})

    return build


def _meeting_actions(store: Store) -> Shown:
    with store.read() as session:
        meeting_id = session.scalar(
            select(ActionItem.meeting_id)
            .group_by(ActionItem.meeting_id)
            .order_by(func.count().desc())
            .limit(1)
        )
    assert meeting_id is not None
    editor = MeetingEditor(store, lambda: TODAY)
    editor.load(str(meeting_id))
    return Shown(editor, editor.actions_tab.table, {})


def _path_actions(store: Store) -> Shown:
    """The referral editor's "Azioni del percorso" tab, with actions of every kind of cell:
    dates across years, hours of different lengths, blanks."""
    section = ActionsSection()
    provider = PathActionRow(
        action_type=PathActionType.TRAINING,
        state=ActionState.PLANNED,
        start_on=None,
        end_on=None,
        provider_id=None,
        funding="",
        hours=None,
        outcome_notes="",
    )
    values = [
        (PathActionType.TRAINING, ActionState.COMPLETED, date(2025, 12, 31), 9, "Dote Unica"),
        (PathActionType.TRAINEESHIP, ActionState.PLANNED, date(2026, 1, 2), 100, "GOL"),
        (PathActionType.BASIC_GUIDANCE, ActionState.RUNNING, None, None, ""),
        (PathActionType.TRAINING, ActionState.PLANNED, date(2026, 1, 1), 10, "àncora"),
    ]
    section.set_actions(
        tuple(
            replace(
                provider,
                id=f"action-{index}",
                action_type=kind,
                state=state,
                start_on=start,
                end_on=None if start is None else start.replace(year=start.year + 1),
                hours=hours,
                funding=funding,
                provider_name=ITALIAN_ORDER[index * 3],
                outcome_notes=f"Esito {index}\nriga" if index % 2 else "",
            )
            for index, (kind, state, start, hours, funding) in enumerate(values)
        )
    )
    return Shown(section, section.table, {})


def _backups(store: Store) -> Shown:
    """Strumenti → Backup: the backups, by when, why and size (kB and MB by their bytes)."""
    folder = backups.backup_folder(store.path.parent)
    assert store.key is not None
    for day, reason in ((2, backups.MANUAL), (1, backups.DAILY), (3, backups.BEFORE_RESTORE)):
        backups.take_backup(
            store.path, store.key, folder, reason=reason,
            now=datetime(2026, 1, day, 9, 30, tzinfo=UTC),
        )  # fmt: skip
    big = folder / backups.backup_name(datetime(2026, 1, 4, 8, tzinfo=UTC), backups.MANUAL)
    big.write_bytes(b"\0" * 3 * 1024 * 1024)
    dialog = BackupDialog(store)

    def size(index: QModelIndex) -> Any:
        number, unit = str(index.data()).split()
        value = Decimal(number.replace(".", "").replace(",", "."))
        return value * (1024 if unit == "MB" else 1)

    return Shown(dialog, dialog.table, {2: size})


def _sync_log(store: Store) -> Shown:
    with store.raw_write() as connection:
        for records, outcome in ((9, "ok"), (10, "offline"), (100, "ok"), (2, "drift")):
            add_log(connection, direction="sync", outcome=outcome, message="", records=records)
    view = SyncLogView(store)
    view.reload()
    return Shown(view, view.table, {})


TABLES: dict[str, Callable[[Store], Shown]] = {
    "referrals": _referrals,
    "persons": _persons,
    "person's referrals": _person_referrals,
    "projects": _projects,
    "meetings": _meetings,
    "open actions": _open_actions,
    "organisations": _directory("organizations"),
    "contacts": _directory("contacts"),
    "CPI referents": _directory("referents"),
    "project partners": _project_tab("partners"),
    "project funding": _project_tab("funding"),
    "project activities": _project_tab("activities"),
    "project beneficiaries": _project_tab("beneficiaries"),
    "project indicators": _project_tab("indicators", "computed_table"),
    "meeting actions": _meeting_actions,
    "path actions": _path_actions,
    "backups": _backups,
    "sync log": _sync_log,
}

_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})( \d{2}:\d{2}(:\d{2})?)?$")
_INTEGER = re.compile(r"^-?[\d.]+$")
_MONEY = re.compile(r"^(€ )?-?[\d.]+,\d{2}$")


def _text_key(texts: list[str]) -> Callable[[str], Any]:
    """How the column's texts are ordered, told by what they all look like."""
    filled = [text for text in texts if text]
    if filled and all(_DATE.match(text) for text in filled):
        return lambda text: datetime.strptime(text[:10], "%d/%m/%Y").date()
    if filled and all(_INTEGER.match(text) for text in filled):
        return lambda text: int(text.replace(".", ""))
    if filled and all(_MONEY.match(text) for text in filled):
        return lambda text: Decimal(text.removeprefix("€ ").replace(".", "").replace(",", "."))
    collator = italian_collator()
    return cmp_to_key(collator.compare)


@pytest.mark.parametrize("name", list(TABLES))
def test_each_table_sorts_by_each_column_both_ways(
    qtbot: QtBot, seeded: Store, in_italian: None, name: str
) -> None:
    shown = TABLES[name](seeded)
    qtbot.addWidget(shown.owner)
    table, model = shown.table, shown.table.model()
    rows = model.rowCount()
    assert rows >= 2, f"{name}: the demo should give this table rows to sort"
    for column in range(model.columnCount()):
        before = sorted(str(model.index(row, column).data() or "") for row in range(rows))
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            sort_table(table, column, order)
            QApplication.processEvents()
            indexes = [model.index(row, column) for row in range(model.rowCount())]
            texts = [str(index.data() or "") for index in indexes]
            assert sorted(texts) == before, f"{name}, column {column}: rows lost or added"
            custom = shown.keys.get(column)
            filled = [index for index, text in zip(indexes, texts, strict=True) if text]
            blanks = texts[len(filled) :]
            assert not any(blanks), f"{name}, column {column}: blanks not last"
            if custom is not None:
                keys = [custom(index) for index in filled]
            else:
                key = _text_key(texts)
                keys = [key(str(index.data())) for index in filled]
            for first, second in pairwise(keys):
                ahead = second < first if order == Qt.SortOrder.AscendingOrder else first < second
                assert not ahead, f"{name}, column {column}, {order.name}: {texts}"


def test_the_persons_list_puts_names_in_italian_order(
    qtbot: QtBot, seeded: Store, in_italian: None
) -> None:
    page = PersonsPage(seeded, today=lambda: TODAY)
    qtbot.addWidget(page)
    names = page.model.column_texts(0)
    ours = [name for name in names if name in ITALIAN_ORDER]
    assert ours == ITALIAN_ORDER


def test_sorting_keeps_the_selected_row(qtbot: QtBot, seeded: Store, in_italian: None) -> None:
    page = ProjectsPage(seeded, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.refresh()
    table = page.list_view.table
    table.selectRow(1)
    chosen = table.selected_key()
    for column in range(table.columnCount()):
        sort_table(table, column, Qt.SortOrder.DescendingOrder)
        assert table.selected_key() == chosen
    page.list_view.refresh()  # a refresh keeps it too, and the order chosen
    assert table.selected_key() == chosen
    assert table.horizontalHeader().sortIndicatorSection() == table.columnCount() - 1


# -- empty states ------------------------------------------------------------------------------


def _sentence(table: DataTable) -> str | None:
    """The empty state's sentence when it shows (over a table on screen), else None."""
    state = table.empty_state
    return state.text() if state.isVisibleTo(table) else None


def test_a_search_finding_nothing_says_so_and_rows_hide_the_sentence(
    qtbot: QtBot, seeded: Store, in_italian: None
) -> None:
    page = ProjectsPage(seeded, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.refresh()
    table = page.list_view.table
    assert table.rowCount() == len(list_projects(seeded))
    assert _sentence(table) is None
    page.list_view.search.setText("zzqx")
    page.list_view.refresh()
    assert table.rowCount() == 0
    assert _sentence(table) == "Nessun risultato per «zzqx». Cambiare la ricerca o i filtri."
    page.list_view.search.clear()
    page.list_view.status.setCurrentIndex(page.list_view.status.count() - 1)
    page.list_view.refresh()
    if table.rowCount() == 0:
        assert _sentence(table) == "Nessun risultato con questi filtri. Cambiare i filtri."
    page.list_view.status.setCurrentIndex(0)
    page.list_view.refresh()
    assert table.rowCount() > 0 and _sentence(table) is None


def test_empty_lists_say_what_to_do_next(qtbot: QtBot, store: Store, in_italian: None) -> None:
    projects = ProjectsPage(store, today=lambda: TODAY)
    meetings = MeetingsPage(store, today=lambda: TODAY)
    directory = DirectoryPage(store, today=lambda: TODAY)
    persons = PersonsPage(store, today=lambda: TODAY)
    for page in (projects, meetings, directory, persons):
        qtbot.addWidget(page)
    projects.refresh()
    meetings.refresh()
    meetings.show_open_actions()
    directory.organizations.refresh()
    directory.contacts.refresh()
    expected = {
        projects.list_view.table: "Nessun progetto. Creare il primo con «Nuovo progetto…».",
        meetings.list_view.table: "Nessuna riunione. Creare la prima con «Nuova riunione…».",
        directory.organizations.table: "Nessun ente. Aggiungere il primo con «Nuovo ente…».",
        directory.contacts.table: "Nessun contatto. Aggiungere il primo con «Nuovo contatto…».",
    }
    for table, sentence in expected.items():
        assert table.rowCount() == 0
        assert _sentence(table) == sentence
    assert (_sentence(meetings.open_actions.table) or "").startswith("Nessuna azione aperta.")
    assert (_sentence(persons.table) or "").startswith("Nessuna persona da mostrare.")
    # Columns of an empty table keep the width of their heading.
    table = projects.list_view.table
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(table.columnCount() - 1):  # the last one stretches
        heading = str(table.model().headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= metrics.horizontalAdvance(heading)


def test_meetings_and_organisations_are_all_listed(
    qtbot: QtBot, seeded: Store, in_italian: None
) -> None:
    """No list stops at a cap: as many rows as the services find."""
    meetings = MeetingsPage(seeded, today=lambda: TODAY)
    directory = DirectoryPage(seeded, today=lambda: TODAY)
    qtbot.addWidget(meetings)
    qtbot.addWidget(directory)
    meetings.refresh()
    directory.organizations.refresh()
    assert meetings.list_view.table.rowCount() == len(list_meetings(seeded))
    assert directory.organizations.table.rowCount() == len(list_organizations(seeded))
