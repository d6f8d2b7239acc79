"""The start page "Da fare" in the main window: the first page, filled in off the GUI thread,
each kind listed with the count an independent query gives, the side bar's counts, an item
opening its record, reading again after a change, and the empty state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from desktop.domain.codes import SiteKind
from desktop.services.worklist import ITEMS_SHOWN, WorkItem, WorkKind
from desktop.store.engine import Store
from desktop.ui.common.pages import DeferredPage
from desktop.ui.main_window import (
    PAGE_MEETINGS,
    PAGE_REFERRALS,
    PAGE_SYNC,
    PAGE_WORKLIST,
    MainWindow,
)
from desktop.ui.meetings.page import MeetingsPage
from desktop.ui.operations import Changes, announce
from desktop.ui.referrals.editor import Unsaved
from desktop.ui.worklist.links import COUNT_ROLE
from desktop.ui.worklist.page import (
    COL_WHAT,
    ITEM_ROLE,
    MORE_ROLE,
    STACK_EMPTY,
    STACK_LIST,
    STACK_LOADING,
    WorklistPage,
)
from tests.conftest import copy_data_folder
from tests.worklist_support import TODAY, independent_counts, seed_worklist, view_as

WAIT_MS = 10_000
COL_COUNT = COUNT_ROLE


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, migrated_database: Path) -> Path:
    folder = tmp_path_factory.mktemp("worklist-ui") / "data"
    store = copy_data_folder(migrated_database.parent, folder)
    try:
        seed_worklist(store)
    finally:
        store.dispose()
    return folder


@pytest.fixture
def seeded_store(seeded: Path, tmp_path: Path) -> Iterator[Store]:
    opened = copy_data_folder(seeded, tmp_path / "data")
    try:
        yield opened
    finally:
        opened.dispose()


def open_window(qtbot: QtBot, store: Store) -> MainWindow:
    window = MainWindow(store, store.path.parent, today=lambda: TODAY)
    qtbot.addWidget(window)
    at_first_paint: list[tuple[int, bool]] = []
    page = window.worklist
    window.listPainted.connect(
        lambda: at_first_paint.append((page.stack.currentIndex(), page.worklist is None))
    )
    with qtbot.waitSignal(window.listPainted, timeout=WAIT_MS):
        window.show()
    # The first paint is the page saying it is reading: start-up never waits for the read.
    assert at_first_paint == [(STACK_LOADING, True)]
    wait_read(qtbot, page)
    return window


def wait_read(qtbot: QtBot, page: WorklistPage) -> None:
    qtbot.waitUntil(lambda: page.worklist is not None and not page.reading, timeout=WAIT_MS)


def sections(page: WorklistPage) -> dict[WorkKind, QTreeWidgetItem]:
    found = {}
    for index in range(page.tree.topLevelItemCount()):
        row = page.tree.topLevelItem(index)
        assert row is not None
        found[WorkKind(row.data(COL_WHAT, ITEM_ROLE))] = row
    return found


def items_of(row: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    children = [row.child(index) for index in range(row.childCount())]
    return [c for c in children if c is not None and c.data(COL_WHAT, ITEM_ROLE) is not None]


def shown_count(row: QTreeWidgetItem) -> int:
    """The count in a section's title, "Minutes awaiting approval (1)"."""
    text = row.text(COL_WHAT)
    return int(text.rsplit("(", 1)[1].rstrip(")")) if text.endswith(")") else 0


def test_the_window_opens_on_the_worklist_with_each_kind_counted(
    qtbot: QtBot, seeded_store: Store
) -> None:
    window = open_window(qtbot, seeded_store)
    page = window.worklist
    assert window.navigation.currentRow() == PAGE_WORKLIST
    assert window.pages.currentWidget() is page
    assert page.stack.currentIndex() == STACK_LIST

    expected = independent_counts(seeded_store, "AMB-VA", SiteKind.AMBITO, TODAY)
    rows = sections(page)
    shown = {kind.value: shown_count(row) for kind, row in rows.items() if shown_count(row)}
    assert shown == expected
    for kind, row in rows.items():
        assert len(items_of(row)) == min(expected.get(kind.value, 0), ITEMS_SHOWN)
    # A kind of this site with nothing in it says so; a CPI's kind is not there at all.
    assert WorkKind.AWAITING_CHARGE not in rows

    # The side bar: the total on Da fare, each area's share on its entry, read aloud too.
    navigation = window.navigation
    total = sum(expected.values())
    assert navigation.item(PAGE_WORKLIST).data(COL_COUNT) == total
    referrals = sum(
        expected.get(kind, 0)
        for kind in (
            "returned",
            "rejected",
            "privacy_notices",
            "referral_actions",
            "plan_reviews",
        )
    )
    assert navigation.item(PAGE_REFERRALS).data(COL_COUNT) == referrals
    assert navigation.item(PAGE_MEETINGS).data(COL_COUNT) == (
        expected["meeting_actions"] + expected["minutes_drafts"]
    )
    assert navigation.item(PAGE_SYNC).data(COL_COUNT) == (
        expected["sync_conflicts"] + expected["set_aside"]
    )
    spoken = navigation.item(PAGE_REFERRALS).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith(navigation.item(PAGE_REFERRALS).text())
    assert str(referrals) in spoken


def test_a_cpis_page_counts_what_waits_to_be_taken_in_charge(
    qtbot: QtBot, seeded_store: Store
) -> None:
    view_as(seeded_store, "CPI-VA", SiteKind.CPI)
    window = open_window(qtbot, seeded_store)
    rows = sections(window.worklist)
    expected = independent_counts(seeded_store, "CPI-VA", SiteKind.CPI, TODAY)
    assert {k.value: shown_count(r) for k, r in rows.items() if shown_count(r)} == expected
    assert WorkKind.RETURNED not in rows
    late = items_of(rows[WorkKind.AWAITING_CHARGE])
    assert [row.text(1) for row in late] == ["Brambilla Giorgia", "Brambilla Silvia"]


def test_an_item_opens_its_record(qtbot: QtBot, seeded_store: Store) -> None:
    window = open_window(qtbot, seeded_store)
    page = window.worklist
    rows = sections(page)

    returned = items_of(rows[WorkKind.RETURNED])[0]
    item = returned.data(COL_WHAT, ITEM_ROLE)
    assert isinstance(item, WorkItem)
    page.tree.setCurrentItem(returned)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)  # Enter, as a keyboard user would
    editors = window.referral_editors.editors
    qtbot.waitUntil(lambda: len(editors) == 1, timeout=WAIT_MS)
    editor = editors[0]
    editor.ask_unsaved = lambda: Unsaved.DISCARD
    assert editor.detail is not None and editor.detail.id == item.record_id
    editor.close()

    draft = items_of(rows[WorkKind.MINUTES_DRAFTS])[0]
    meeting_id = draft.data(COL_WHAT, ITEM_ROLE).record_id
    page.tree.itemActivated.emit(draft, 0)  # a double-click
    assert window.navigation.currentRow() == PAGE_MEETINGS
    holder = window.pages.currentWidget()
    assert isinstance(holder, DeferredPage)
    meetings = holder.page()
    assert isinstance(meetings, MeetingsPage)
    assert meetings.stack.currentWidget() is meetings.editor
    assert meetings.editor.meeting is not None and meetings.editor.meeting.id == meeting_id

    window.navigation.setCurrentRow(PAGE_WORKLIST)
    conflict = items_of(sections(page)[WorkKind.SYNC_CONFLICTS])[0]
    page.tree.itemActivated.emit(conflict, 0)
    assert window.navigation.currentRow() == PAGE_SYNC


def test_show_all_opens_the_areas_list(qtbot: QtBot, seeded_store: Store) -> None:
    window = open_window(qtbot, seeded_store)
    page = window.worklist
    # A "show all" row appears only when a kind has more than the page lists.
    assert not [
        child
        for row in sections(page).values()
        for child in (row.child(i) for i in range(row.childCount()))
        if child is not None and child.data(COL_WHAT, MORE_ROLE)
    ]
    page.limit = 1
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.refresh()
    returned = sections(page)[WorkKind.RETURNED]
    assert shown_count(returned) == 2 and len(items_of(returned)) == 1
    more = returned.child(returned.childCount() - 1)
    assert more is not None and more.data(COL_WHAT, MORE_ROLE) == "returned"
    page.tree.itemActivated.emit(more, 0)
    assert window.navigation.currentRow() == PAGE_REFERRALS
    qtbot.waitUntil(lambda: window.referral_model.rowCount() == 2, timeout=WAIT_MS)


def test_the_page_reads_again_after_a_change(qtbot: QtBot, seeded_store: Store) -> None:
    window = open_window(qtbot, seeded_store)
    page = window.worklist
    with seeded_store.raw_write() as connection:  # a sync applied the records set aside
        connection.execute("DELETE FROM sync_set_aside")
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        announce(Changes.everything())
    wait_read(qtbot, page)
    assert page.worklist is not None and page.worklist.count(WorkKind.SET_ASIDE) == 0
    assert shown_count(sections(page)[WorkKind.SET_ASIDE]) == 0
    assert window.navigation.item(PAGE_SYNC).data(COL_COUNT) == 2  # the conflicts are left


def test_an_empty_store_says_nothing_is_pending(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store)
    page = window.worklist
    assert page.stack.currentIndex() == STACK_EMPTY
    assert page.empty_heading.isVisible()
    assert page.open_list_button.isVisible()
    assert window.navigation.item(PAGE_WORKLIST).data(COL_COUNT) == 0
    qtbot.mouseClick(page.open_list_button, Qt.MouseButton.LeftButton)
    assert window.navigation.currentRow() == PAGE_REFERRALS
