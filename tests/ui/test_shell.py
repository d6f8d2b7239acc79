"""The main window's commands (menus, toolbar, shortcuts), its page messages, and windows sized
to the screen and remembered per user."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.store.engine import Store
from desktop.ui.common import window_state
from desktop.ui.common.focus_frame import FocusRing, install_focus_frame
from desktop.ui.common.window_state import fit_window, remember_splitter
from desktop.ui.main_window import (
    PAGE_MEETINGS,
    PAGE_PERSONS,
    PAGE_PROJECTS,
    PAGE_REFERRALS,
    PAGE_WORKLIST,
    MainWindow,
)
from desktop.ui.meetings.page import MeetingsPage
from desktop.ui.projects.page import ProjectsPage
from desktop.ui.shell import export as shell_export
from desktop.ui.shell.commands import inner_page
from tests.ui.demo_store import demo_store_fixtures

TODAY = date(2026, 11, 27)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


seeded_database, store = demo_store_fixtures(referrals=40, seed=5, today=TODAY)


@pytest.fixture
def clean_settings() -> Iterator[None]:
    QSettings().remove(window_state.SETTINGS_GROUP)
    yield
    QSettings().remove(window_state.SETTINGS_GROUP)


@pytest.fixture
def window(qtbot: QtBot, store: Store, clean_settings: None) -> MainWindow:
    main = MainWindow(store, store.path.parent, today=lambda: TODAY)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.listPainted, timeout=5000):
        main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    return main


def texts(actions: list) -> list[str]:  # type: ignore[type-arg]
    return [action.text().replace("&", "") for action in actions if not action.isSeparator()]


def test_menus_and_toolbar_offer_every_command_with_its_shortcut(window: MainWindow) -> None:
    bar = window.menuBar()
    menus = {action.text().replace("&", ""): action.menu() for action in bar.actions()}
    assert list(menus)[:3] == ["File", "View", "Print"]
    file_menu = menus["File"]
    assert texts(file_menu.actions()) == [
        "New referral…",
        "New project…",
        "New meeting…",
        "Export",
        "Print",
        "Exit",
    ]
    commands = window.commands
    export_menu = file_menu.actions()[4].menu()
    assert texts(export_menu.actions()) == [
        "The referral list as shown…",
        "Persons…",
        "Projects…",
        "Meetings…",
    ]
    keys = {
        commands.new_referral: QKeySequence(QKeySequence.StandardKey.New),
        commands.print: QKeySequence(QKeySequence.StandardKey.Print),
        commands.find: QKeySequence(QKeySequence.StandardKey.Find),
        commands.refresh: QKeySequence(QKeySequence.StandardKey.Refresh),
        commands.quit: QKeySequence(QKeySequence.StandardKey.Quit),
    }
    for action, key in keys.items():
        assert action.shortcut() == key, action.text()
    for action in (commands.new_project, commands.new_meeting, commands.sync):
        assert not action.shortcut().isEmpty(), action.text()

    areas = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert texts(menus["View"].actions())[: len(areas)] == areas
    assert [action.shortcut().toString() for action in commands.go_to] == [
        f"Ctrl+{row + 1}" for row in range(len(areas))
    ]

    toolbar = commands.toolbar
    assert toolbar.isVisible()
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    shown = [action.iconText() for action in toolbar.actions() if not action.isSeparator()]
    assert shown == [
        "New referral",
        "New project",
        "New meeting",
        "Print",
        "Synchronise",
        "Find",
    ]
    for action in toolbar.actions():
        if not action.isSeparator():
            assert not action.icon().isNull(), action.iconText()
            button = toolbar.widgetForAction(action)
            assert button is not None and button.accessibleName() == action.iconText()


def test_shortcuts_reach_every_command_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    # From Da fare, which has no search box, Ctrl+F goes to the referral list's.
    assert window.navigation.currentRow() == PAGE_WORKLIST
    qtbot.keyClick(window.worklist, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.currentRow() == PAGE_REFERRALS
    assert window.referral_list.search_field.hasFocus()
    table = window.referral_list.table
    table.setFocus()
    window.referral_list.search_field.clearFocus()
    qtbot.keyClick(table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.referral_list.search_field.hasFocus()

    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # Ctrl+1 is Da fare
    assert window.navigation.currentRow() == PAGE_PERSONS
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.persons.page().search_field.hasFocus()

    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_P, modifiers)
    projects = inner_page(window.pages.widget(PAGE_PROJECTS))
    assert isinstance(projects, ProjectsPage)
    assert window.navigation.currentRow() == PAGE_PROJECTS
    assert projects.stack.currentWidget() is projects.editor

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.currentRow() == PAGE_REFERRALS
    before = len(window.referral_editors.editors)
    window.referral_list.table.setFocus()
    qtbot.keyClick(window.referral_list.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(window.referral_editors.editors) == before + 1
    window.referral_editors.editors[-1].close()

    refreshed: list[bool] = []
    window.referral_model.refresh = lambda: refreshed.append(True)  # type: ignore[method-assign]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.referral_list.table.setFocus()
    qtbot.keyClick(window.referral_list.table, Qt.Key.Key_F5)
    assert refreshed == [True]


def test_a_page_that_owns_a_key_keeps_it_while_it_has_the_focus(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The meeting editor's Ctrl+P opens its own print menu; the window's Print steps aside."""
    window.navigation.setCurrentRow(PAGE_MEETINGS)
    meetings = inner_page(window.pages.widget(PAGE_MEETINGS))
    assert isinstance(meetings, MeetingsPage)
    qtbot.waitUntil(lambda: meetings.list_view.table.rowCount() > 0)
    meetings.list_view.table.selectRow(0)
    editor = meetings.open_selected()
    assert editor is not None
    editor.back_button.setFocus()
    qtbot.waitUntil(editor.back_button.hasFocus)
    assert window.commands.print.shortcut().isEmpty()
    window.navigation.setFocus()
    qtbot.waitUntil(window.navigation.hasFocus)
    assert window.commands.print.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)


def test_a_page_message_leaves_with_the_page(window: MainWindow) -> None:
    window.referral_list.table.clearSelection()
    window.printing.form_action.trigger()  # nothing selected: a hint in the status bar
    assert window.statusBar().currentMessage()
    window.navigation.setCurrentRow(PAGE_PERSONS)
    assert window.statusBar().currentMessage() == ""


def test_persons_are_exported_from_the_file_menu(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "persone.xlsx"
    monkeypatch.setattr(shell_export.RecordExportDialog, "exec", lambda _self: 1)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _parent, _title, text: told.append(text))
    )
    window.commands.export_actions["persons"].trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert target.exists() and target.stat().st_size > 0
    assert str(target) in told[0]


def test_windows_fit_the_screen_and_come_back_where_they_were_left(
    qtbot: QtBot, clean_settings: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        window_state, "available_geometry", lambda _widget=None: QRect(0, 0, 1366, 728)
    )
    tall = QWidget()
    qtbot.addWidget(tall)
    fit_window(tall, 1280, 800, minimum=QSize(900, 900))
    assert (tall.width(), tall.height()) == (1280, 728 - window_state.FRAME.height())
    assert tall.minimumHeight() == 728 - window_state.FRAME.height()

    first = QWidget()
    qtbot.addWidget(first)
    fit_window(first, 1280, 800, minimum=QSize(900, 500), key="sample")
    first.show()
    first.setGeometry(40, 50, 1000, 600)
    first.close()  # remembered as it is hidden

    again = QWidget()
    qtbot.addWidget(again)
    fit_window(again, 1280, 800, key="sample")
    assert (again.x(), again.y(), again.width(), again.height()) == (40, 50, 1000, 600)

    # Left on a screen that is no longer there, or larger than this one: not restored.
    QSettings().setValue(f"{window_state.SETTINGS_GROUP}/sample/geometry", QByteArray())
    huge = QWidget()
    huge.setGeometry(5000, 0, 2400, 1400)
    QSettings().setValue(f"{window_state.SETTINGS_GROUP}/sample/geometry", huge.saveGeometry())
    third = QWidget()
    qtbot.addWidget(third)
    fit_window(third, 1280, 800, key="sample")
    assert third.x() < 1366 and third.width() == 1280


def test_splitters_are_remembered(qtbot: QtBot, clean_settings: None) -> None:
    def splitter() -> QSplitter:
        made = QSplitter()
        qtbot.addWidget(made)
        made.addWidget(QWidget())
        made.addWidget(QWidget())
        made.resize(600, 200)
        made.show()
        remember_splitter(made, "sample")
        return made

    first = splitter()
    first.moveSplitter(150, 1)
    sizes = first.sizes()
    assert sizes[0] != sizes[1]
    second = splitter()
    assert second.sizes() == sizes
    QApplication.processEvents()


def test_the_control_with_the_focus_is_framed(qtbot: QtBot) -> None:
    install_focus_frame()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    first, second = QLineEdit(dialog), QPushButton("OK", dialog)
    layout.addWidget(first)
    layout.addWidget(second)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for control in (first, second):
        control.setFocus()
        qtbot.waitUntil(control.hasFocus)
        [ring] = [frame for frame in dialog.findChildren(FocusRing) if frame.isVisible()]
        assert ring.widget() is control
        assert ring.geometry().contains(control.geometry())
