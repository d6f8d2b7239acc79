"""Keyboard-complete and laptop-sized (Legge Stanca, EN 301 549): every screen of the
application, walked as it is shown on a seeded store.

On each screen (the main window's pages and their tabs, the editors and their tabs, the
dialogs) every control the Tab key reaches has a name a screen reader says, Tab visits the
controls in the order the layout shows them, and the window and its minimum size fit a
1366×768 laptop less its task bar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from desktop.store.engine import Store
from desktop.ui.common import window_state
from desktop.ui.directory.page import DirectoryPage
from desktop.ui.directory.pickers import ContactPicker, OrganizationPicker
from desktop.ui.main_window import (
    PAGE_DIRECTORY,
    PAGE_MEETINGS,
    PAGE_PERSONS,
    PAGE_PROJECTS,
    PAGE_REFERRALS,
    MainWindow,
)
from desktop.ui.meetings.page import MeetingsPage
from desktop.ui.projects.beneficiaries_tab import ReferralPicker
from desktop.ui.projects.page import ProjectsPage
from desktop.ui.shell.commands import inner_page
from desktop.ui.social_referrals.dialog import SocialReferralDialog
from tests.ui.demo_store import demo_store_fixtures
from tests.ui.keyboard_support import (
    LAPTOP,
    size_problems,
    tab_order_problems,
    unnamed,
)

TODAY = date(2026, 11, 27)
# Switching tabs changes a window's minimum size, which the offscreen platform cannot pass on.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

Problems = dict[str, list[str]]


seeded_database, store = demo_store_fixtures(referrals=40, seed=5, today=TODAY)


@pytest.fixture
def laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows size themselves for a 1366×768 screen with a task bar of 40 pixels."""
    monkeypatch.setattr(
        window_state,
        "available_geometry",
        lambda _widget=None: QRect(0, 0, LAPTOP.width(), LAPTOP.height()),
    )


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def check(top: QWidget, name: str, problems: Problems, *, root: QWidget | None = None) -> None:
    """One screen as shown now, and each page of its visible tab widgets."""
    settle()
    found = unnamed(top) + tab_order_problems(top, root) + size_problems(top.window())
    for tabs in (root or top).findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(1, tabs.count()):
            tabs.setCurrentIndex(index)
            settle()
            found += [
                f"tab {tabs.tabText(index)}: {problem}"
                for problem in unnamed(top) + tab_order_problems(top, root)
            ]
        tabs.setCurrentIndex(0)
    if found:
        problems[name] = sorted(set(found))


def check_opened(open_it: Callable[[], object], name: str, problems: Problems) -> None:
    """What ``open_it`` opens: a dialog run with exec() (checked from inside its loop), or new
    windows; each is checked, then closed."""
    before = {id(widget) for widget in QApplication.topLevelWidgets() if widget.isVisible()}
    seen: list[QWidget] = []

    def inspect() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or id(modal) in before:
            return
        seen.append(modal)
        check(modal, name, problems)
        close(modal)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(inspect)
    timer.start()
    try:
        open_it()
        settle()
    finally:
        timer.stop()
    for widget in QApplication.topLevelWidgets():
        if not shiboken6.isValid(widget) or id(widget) in before or widget in seen:
            continue
        if widget.isVisible():
            seen.append(widget)
            check(widget, name, problems)
            close(widget)
    if not seen:
        problems.setdefault(name, []).append("nothing opened")


def close(widget: QWidget) -> None:
    if isinstance(widget, QDialog):
        widget.reject()
    widget.close()
    settle()


# The help window (Aiuto → Guida) raises itself, which the offscreen platform only notes.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_every_screen_is_keyboard_complete_and_fits_a_laptop(
    qtbot: QtBot, store: Store, laptop: None
) -> None:
    problems: Problems = {}
    window = MainWindow(store, store.path.parent, today=lambda: TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.listPainted, timeout=5000):
        window.show()

    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        check(window, f"page {window.navigation.item(row).text()}", problems,
              root=window.centralWidget())  # fmt: skip

    # The editors, each tab of them.
    first = window.referral_model.row_at(0)
    assert first is not None
    check_opened(lambda: window.referral_editors.open_referral(first.id), "referral", problems)
    check_opened(window.referral_editors.new_referral, "new referral", problems)
    projects = inner_page(window.pages.widget(PAGE_PROJECTS))
    assert isinstance(projects, ProjectsPage)
    window.navigation.setCurrentRow(PAGE_PROJECTS)
    projects.list_view.table.selectRow(0)
    projects.open_selected()
    check(window, "project editor", problems, root=window.centralWidget())
    projects.editor.closed.emit()
    meetings = inner_page(window.pages.widget(PAGE_MEETINGS))
    assert isinstance(meetings, MeetingsPage)
    window.navigation.setCurrentRow(PAGE_MEETINGS)
    meetings.list_view.table.selectRow(0)
    meetings.open_selected()
    check(window, "meeting editor", problems, root=window.centralWidget())
    meetings.show_lists()
    check_opened(meetings.new_meeting, "new meeting", problems)

    # The persons' dialogs.
    window.navigation.setCurrentRow(PAGE_PERSONS)
    persons = window.persons.page()
    persons.table.selectRow(0)
    settle()
    check_opened(persons.edit_person, "person", problems)
    check_opened(persons.merge_person, "merge persons", problems)
    check_opened(persons.change_restriction, "restriction", problems)

    # The directory's dialogs and pickers, the project's referral picker, a CPI's referral.
    window.navigation.setCurrentRow(PAGE_DIRECTORY)
    directory = inner_page(window.pages.widget(PAGE_DIRECTORY))
    assert isinstance(directory, DirectoryPage)
    check_opened(directory.organizations.new_organization, "new organisation", problems)
    directory.organizations.table.selectRow(0)
    check_opened(directory.organizations.new_contact, "new contact", problems)
    check_opened(lambda: OrganizationPicker(store, window).show(), "organisations", problems)
    check_opened(lambda: ContactPicker(store, window).show(), "contacts", problems)
    check_opened(
        lambda: ReferralPicker(store, lambda: TODAY, track=None, parent=window).show(),
        "referrals for a project",
        problems,
    )
    check_opened(
        lambda: SocialReferralDialog(store, None, today=lambda: TODAY, parent=window).show(),
        "social referral",
        problems,
    )

    # Every command of the menus that opens a screen.
    commands = window.commands
    skipped = {window.sync.sync_action, window.sync.cancel_action, commands.quit}
    skipped |= {commands.new_project, commands.find, commands.refresh}  # on the page itself
    for action in (window.sync.conflicts_action, window.sync.log_action):  # the sync page's
        skipped.add(action)
        action.trigger()
        check(window, action.text(), problems, root=window.centralWidget())
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in menu.actions():
            if action in skipped or action.isSeparator() or not action.isEnabled():
                continue
            if action.menu() is not None or action.actionGroup() is not None:
                continue
            window.navigation.setCurrentRow(PAGE_REFERRALS)
            window.referral_list.table.selectRow(0)
            label = f"{menu_action.text()} → {action.text()}".replace("&", "")
            check_opened(action.trigger, label, problems)
    for action in window.commands.export_actions.values():
        check_opened(action.trigger, f"export {action.text()}", problems)

    for name, found in problems.items():
        print(name, *found, sep="\n    ")
    assert problems == {}
