"""The main window's commands: the File and View menus, the main toolbar and their shortcuts.

Every command is reachable three ways: its menu, its shortcut and (the frequent ones) the
toolbar. Creating a project or a meeting goes through the page of its area, as its own button
does; so does searching (the page's search box) and refreshing (the page's lists).

A page that owns one of these keys for itself (the referral list's Ctrl+N and Ctrl+F, the
meeting editor's Ctrl+P) keeps it while the focus is inside it: the window's command yields
(``LocalShortcuts``), since two owners of one key would cancel each other out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QIcon,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QMainWindow,
    QMenu,
    QMenuBar,
    QStackedWidget,
    QStatusBar,
    QStyle,
    QToolBar,
    QToolButton,
    QWidget,
)

from desktop.ui.common.pages import DeferredPage
from desktop.ui.common.search_list import SearchList

if TYPE_CHECKING:
    from desktop.store.engine import Store
    from desktop.ui.documents.menu import ReferralPrinting
    from desktop.ui.referrals.launcher import EditorLauncher
    from desktop.ui.referrals.list_model import ReferralListModel
    from desktop.ui.referrals.list_view import ReferralListView
    from desktop.ui.sync import SyncArea

NEW_PROJECT_SHORTCUT = "Ctrl+Shift+P"
NEW_MEETING_SHORTCUT = "Ctrl+Shift+M"
# The areas by position in the side bar: Ctrl+1 for the first, up to Ctrl+9.
GO_TO_SHORTCUTS = 9


def icon(widget: QWidget, theme: QIcon.ThemeIcon, fallback: QStyle.StandardPixmap) -> QIcon:
    """The desktop theme's icon where there is one, else the style's own."""
    return QIcon.fromTheme(theme, widget.style().standardIcon(fallback))


def printer_icon(widget: QWidget) -> QIcon:
    """A printer drawn in the text colour: the styles have no standard one."""
    side = widget.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(widget.palette().windowText().color(), max(1.0, side / 14))
    painter.setPen(pen)
    unit = side / 16
    painter.drawRect(QRectF(4 * unit, 1.5 * unit, 8 * unit, 4 * unit))  # paper in
    painter.setBrush(widget.palette().mid())
    painter.drawRoundedRect(QRectF(1 * unit, 5.5 * unit, 14 * unit, 6 * unit), unit, unit)
    painter.setBrush(widget.palette().base())
    painter.drawRect(QRectF(4 * unit, 9.5 * unit, 8 * unit, 5 * unit))  # the printed sheet
    painter.end()
    return QIcon(pixmap)


def inner_page(widget: QWidget | None) -> QWidget | None:
    """The page itself, built if need be, of what the window's stack shows."""
    page = getattr(widget, "page", None)  # a DeferredPage, the persons' area
    if isinstance(widget, DeferredPage) or callable(page):
        built = page() if callable(page) else None
        return built if isinstance(built, QWidget) else widget
    return widget


class Window(Protocol):
    """What the commands use of the main window (which imports this module)."""

    store: Store
    navigation: QListWidget
    pages: QStackedWidget
    referral_editors: EditorLauncher
    referral_list: ReferralListView
    referral_model: ReferralListModel
    printing: ReferralPrinting
    sync: SyncArea

    def style(self) -> QStyle: ...
    def close(self) -> bool: ...
    def addAction(self, action: QAction) -> None: ...
    def addToolBar(self, area: Qt.ToolBarArea, toolbar: QToolBar) -> None: ...
    def menuBar(self) -> QMenuBar: ...
    def statusBar(self) -> QStatusBar: ...


class ShellCommands(QObject):
    """Built by the main window after its pages; owns the actions of its menus and toolbar.
    ``projects_page`` and ``meetings_page`` are the rows of those areas in the side bar."""

    def __init__(self, main: QMainWindow, *, projects_page: int, meetings_page: int) -> None:
        super().__init__(main)
        self.main = main
        self.window: Window = main  # type: ignore[assignment] # the main window is one
        self.projects_page = projects_page
        self.meetings_page = meetings_page
        window = self.window
        style = window.style()
        sp = QStyle.StandardPixmap
        theme = QIcon.ThemeIcon

        self.new_referral = window.referral_editors.new_referral_action(main)
        self.new_referral.setIconText(self.tr("New referral"))
        self.new_referral.setShortcut(QKeySequence.StandardKey.New)
        self.new_referral.setIcon(icon(main, theme.DocumentNew, sp.SP_FileIcon))
        self.new_project = self._action(
            self.tr("New &project…"), self.tr("New project"), self.create_project
        )
        self.new_project.setShortcut(QKeySequence(NEW_PROJECT_SHORTCUT))
        self.new_project.setIcon(style.standardIcon(sp.SP_FileDialogNewFolder))
        self.new_meeting = self._action(
            self.tr("New &meeting…"), self.tr("New meeting"), self.create_meeting
        )
        self.new_meeting.setShortcut(QKeySequence(NEW_MEETING_SHORTCUT))
        self.new_meeting.setIcon(style.standardIcon(sp.SP_FileDialogDetailedView))
        self.find = self._action(self.tr("&Find"), self.tr("Find"), self.focus_search)
        self.find.setShortcut(QKeySequence.StandardKey.Find)
        self.find.setIcon(icon(main, theme.EditFind, sp.SP_FileDialogContentsView))
        self.find.setStatusTip(self.tr("Go to the search box of the page shown"))
        self.refresh = self._action(self.tr("&Refresh"), self.tr("Refresh"), self.refresh_page)
        self.refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh.setIcon(icon(main, theme.ViewRefresh, sp.SP_BrowserReload))
        self.quit = self._action(self.tr("E&xit"), self.tr("Exit"), window.close)
        self.quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        printing = window.printing
        self.print = printing.form_action
        self.print.setShortcut(QKeySequence.StandardKey.Print)
        self.print.setIcon(QIcon.fromTheme(theme.DocumentPrint, printer_icon(main)))
        self.print_menu = printing.menu
        self.sync = window.sync.sync_action
        self.sync.setIconText(self.tr("Synchronise"))
        self.sync.setIcon(style.standardIcon(sp.SP_BrowserReload))

        self.export_actions = {
            "referrals": self._action(
                self.tr("The &referral list as shown…"), "", window.referral_list.export
            ),
            "persons": self._action(self.tr("&Persons…"), "", lambda: self.export("persons")),
            "projects": self._action(self.tr("P&rojects…"), "", lambda: self.export("projects")),
            "meetings": self._action(self.tr("&Meetings…"), "", lambda: self.export("meetings")),
        }
        self.go_to: list[QAction] = []
        self._export_task: object = None
        # A page's messages (a print hint, "nothing selected") leave with it.
        window.navigation.currentRowChanged.connect(lambda _row: window.statusBar().clearMessage())
        self.local = LocalShortcuts(
            main,
            [self.new_referral, self.find, self.print, self.refresh],
            same=[self.new_referral, self.find],
        )

    def _action(self, text: str, icon_text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.main)
        if icon_text:
            action.setIconText(icon_text)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # its shortcut works whatever has the focus
        return action

    # -- menus and toolbar ---------------------------------------------------------------------

    def fill_file_menu(self, menu: QMenu) -> None:
        """File: the new records, export, print, exit."""
        menu.addAction(self.new_referral)
        menu.addAction(self.new_project)
        menu.addAction(self.new_meeting)
        menu.addSeparator()
        export_menu = menu.addMenu(self.tr("&Export"))
        for action in self.export_actions.values():
            export_menu.addAction(action)
        if self.print_menu is not None:
            menu.addMenu(self.print_menu)
        menu.addSeparator()
        menu.addAction(self.quit)

    def add_view_menu(self, before: QMenu | None = None) -> QMenu:
        """Visualizza: each area of the side bar (Ctrl+1…), the search box, refresh."""
        window = self.window
        menu = QMenu(self.tr("&View"), self.main)
        group = QActionGroup(self)
        group.setExclusive(True)
        navigation = window.navigation
        for row in range(navigation.count()):
            item = navigation.item(row)
            action = QAction(item.text(), self.main)
            action.setCheckable(True)
            action.setChecked(row == navigation.currentRow())
            if row < GO_TO_SHORTCUTS:
                action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _on=False, row=row: navigation.setCurrentRow(row))
            group.addAction(action)
            menu.addAction(action)
            window.addAction(action)
            self.go_to.append(action)
        navigation.currentRowChanged.connect(self._check_area)
        # An area renamed later ("Dai CPI" once the site is known) is renamed here too.
        navigation.model().dataChanged.connect(lambda *_args: self._name_areas())
        menu.addSeparator()
        menu.addAction(self.find)
        menu.addAction(self.refresh)
        bar = window.menuBar()
        if before is None:
            bar.addMenu(menu)
        else:
            bar.insertMenu(before.menuAction(), menu)
        return menu

    def _check_area(self, row: int) -> None:
        if 0 <= row < len(self.go_to):
            self.go_to[row].setChecked(True)

    def _name_areas(self) -> None:
        for index, action in enumerate(self.go_to):
            item = self.window.navigation.item(index)
            if item is not None:
                action.setText(item.text())

    def add_toolbar(self) -> QToolBar:
        """The main toolbar, under the menus: the frequent commands with their words."""
        bar = QToolBar(self.tr("Main toolbar"), self.main)
        bar.setObjectName("main_toolbar")
        bar.setAccessibleName(self.tr("Main toolbar"))
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        size = self.window.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        bar.setIconSize(QSize(size, size))
        for action in (self.new_referral, self.new_project, self.new_meeting):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.print)
        button = bar.widgetForAction(self.print)
        if isinstance(button, QToolButton) and self.print_menu is not None:
            # The referral form at a click; the other documents from the arrow beside it.
            button.setMenu(self.print_menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.print.setIconText(self.tr("Print"))
        bar.addAction(self.sync)
        bar.addSeparator()
        bar.addAction(self.find)
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if widget is not None and action.iconText():
                widget.setAccessibleName(action.iconText())
                shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                widget.setToolTip(action.iconText() + (f" ({shortcut})" if shortcut else ""))
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar
        return bar

    # -- commands ------------------------------------------------------------------------------

    def _show(self, row: int) -> QWidget | None:
        self.window.navigation.setCurrentRow(row)
        return inner_page(self.window.pages.widget(row))

    def create_project(self) -> None:
        page = self._show(self.projects_page)
        new_project = getattr(page, "new_project", None)
        if callable(new_project):
            new_project()

    def create_meeting(self) -> None:
        page = self._show(self.meetings_page)
        new_meeting = getattr(page, "new_meeting", None)
        if callable(new_meeting):
            new_meeting()

    def current_page(self) -> QWidget | None:
        return inner_page(self.window.pages.currentWidget())

    def focus_search(self) -> bool:
        """The search box of the page shown, its text selected; False when it has none."""
        page = self.current_page()
        if page is None:
            return False
        focus = getattr(page, "focus_search", None)
        if callable(focus):
            focus()
            return True
        for listing in page.findChildren(SearchList):
            if listing.isVisible() and listing.search.isEnabled():
                listing.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
                listing.search.selectAll()
                return True
        # A page without one (Da fare): the search everyone means is the referral list's.
        referral_list = getattr(self.window, "referral_list", None)
        if referral_list is not None and page is not referral_list:
            self.window.navigation.setCurrentRow(self.window.pages.indexOf(referral_list))
            referral_list.focus_search()
            return True
        self.window.statusBar().showMessage(self.tr("This page has no search box."), 4000)
        return False

    def refresh_page(self) -> None:
        """Read the page shown again (its lists; an open editor is left as it is)."""
        window = self.window
        page = self.current_page()
        if page is window.referral_list:
            window.referral_model.refresh()
            return
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def export(self, kind: str) -> None:
        from desktop.ui.shell.export import export_records_in_app  # noqa: PLC0415 - when used

        self._export_task = export_records_in_app(
            self.main, self.window.store, kind, today=self.window.referral_model.today()
        )


class LocalShortcuts(QObject):
    """Keys both the window and a widget inside it own (a ``QShortcut`` for the widget and
    its children): two owners of one key cancel each other out, so one steps aside.

    Where the window's command does what the page's own shortcut does (``same``: Ctrl+F to
    the page's search box, Ctrl+N for a new referral), the page's shortcut is switched off
    when the focus enters it; otherwise (the meeting editor's Ctrl+P, its own print menu) the
    window's command gives the key up while the focus is inside that widget.
    """

    def __init__(self, window: QWidget, actions: list[QAction], same: list[QAction]) -> None:
        super().__init__(window)
        self.window = window
        self.keys = {action: action.shortcut() for action in actions}
        self.same = {action.shortcut().toString() for action in same}
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.on_focus)

    def owned_keys(self, widget: QWidget | None) -> set[str]:
        """The keys of the local shortcuts active for ``widget``; duplicates switched off."""
        owned: set[str] = set()
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        local = (Qt.ShortcutContext.WidgetWithChildrenShortcut, Qt.ShortcutContext.WidgetShortcut)
        while widget is not None:
            for shortcut in widget.findChildren(QShortcut, options=direct):
                key = shortcut.key().toString()
                if not shortcut.isEnabled() or shortcut.context() not in local:
                    continue
                if key in self.same:
                    shortcut.setEnabled(False)
                else:
                    owned.add(key)
            if widget.isWindow():
                break
            widget = widget.parentWidget()
        return owned

    def on_focus(self, _old: QWidget | None, now: QWidget | None) -> None:
        try:
            if now is None or now.window() is not self.window:
                return  # another window: its keys are not the main window's
            owned = self.owned_keys(now)
            for action, key in self.keys.items():
                action.setShortcut(QKeySequence() if key.toString() in owned else key)
        except RuntimeError:  # the window is gone (its actions with it)
            return
