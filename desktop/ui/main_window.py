"""The main window: navigation on the left, one page per area, status bar, menus."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import desktop
from desktop.services.referrals.listing import ReferralFilter
from desktop.store.engine import Store
from desktop.ui.after_paint import StartupReads, load_after_first_paint
from desktop.ui.audit import install_audit_menu
from desktop.ui.backup import install_backups
from desktop.ui.common.focus_frame import install_focus_frame
from desktop.ui.common.pages import DeferredPage
from desktop.ui.common.window_state import fit_window
from desktop.ui.directory import directory_page
from desktop.ui.documents.menu import install_print_menu
from desktop.ui.help import install_help_menu
from desktop.ui.imports import install_import_menu
from desktop.ui.meetings import meetings_page
from desktop.ui.operations import Changes, follow_changes
from desktop.ui.persons import PersonsArea
from desktop.ui.projects import projects_page
from desktop.ui.referrals.launcher import EditorLauncher
from desktop.ui.referrals.list_model import ReferralListModel
from desktop.ui.referrals.list_view import ReferralListView, format_count
from desktop.ui.retention import install_retention
from desktop.ui.routes import install_routes_menu
from desktop.ui.shell.commands import ShellCommands
from desktop.ui.site_profiles import install_site_profiles_menu
from desktop.ui.social_referrals import default_title, name_navigation_item, social_referrals_page
from desktop.ui.sync import SyncArea
from desktop.ui.worklist import WorklistPage, connect_worklist

if TYPE_CHECKING:
    from desktop.domain.actor import Actor

PAGE_WORKLIST = 0
PAGE_REFERRALS = 1
PAGE_PERSONS = 2
PAGE_PROJECTS = 3
PAGE_MEETINGS = 4
PAGE_DIRECTORY = 5
PAGE_MONITORING = 6
PAGE_SYNC = 7
PAGE_SOCIAL_REFERRALS = 8


class PlaceholderPage(QWidget):
    """An area that a later release fills in."""

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title, self)
        font = QFont(heading.font())
        if font.pointSizeF() > 0:  # -1 when the font is sized in pixels
            font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        body = QLabel(description, self)
        body.setWordWrap(True)
        soon = QLabel(self.tr("Coming soon."), self)
        soon.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(soon)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    """Owns the pages; the store is opened and closed by ``desktop.ui.app``.

    What the first screen does not need (the status bar's operator and site, which import the
    ORM models) is filled in right after the first page (Da fare) is first painted: start-up
    time.
    """

    # Emitted once, when the first page has been painted for the first time.
    listPainted = Signal()
    # Emitted once with the operator (an Actor), when what the first screen did not need has
    # been read off the GUI thread (desktop.ui.after_paint).
    startupRead = Signal(object)

    def __init__(
        self,
        store: Store,
        data_dir: Path,
        *,
        demo: bool = False,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.data_dir = data_dir
        title = self.tr("Trama")
        if demo:
            title = self.tr("Trama (demo data)")
        self.setWindowTitle(title)
        fit_window(self, 1280, 800, minimum=QSize(900, 560), key="main")
        install_focus_frame()

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Areas"))
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setSpacing(2)
        self.navigation.setStyleSheet("QListWidget#navigation::item { padding: 2px 10px; }")
        nav_font = QFont(self.navigation.font())
        if nav_font.pointSizeF() > 0:
            nav_font.setPointSizeF(nav_font.pointSizeF() * 1.1)
        self.navigation.setFont(nav_font)
        self.pages = QStackedWidget(self)

        self.worklist = WorklistPage(store, today=today, parent=self)
        self._add_page(self.tr("To do"), self.worklist)
        self.referral_model = ReferralListModel(store, today=today, parent=self)
        self.referral_list = ReferralListView(self.referral_model, self)
        self._add_page(self.tr("Referrals"), self.referral_list)
        self.referral_editors = EditorLauncher(store, today=today, parent_window=self)
        self.referral_list.openRequested.connect(self.referral_editors.open_referral)
        self.referral_list.newRequested.connect(self.referral_editors.request_new_referral)
        self.referral_editors.govern(self.referral_list.new_button)
        # Saves anywhere (an editor, the persons page, a sync) announce what they changed. The
        # list follows them while the window is open, not only on its page: the status bar
        # shows its count.
        follow_changes(
            self,
            Changes(referrals=True, persons=True, reference=True),
            self.referral_model.refresh,
        )
        follow_changes(self, Changes(site=True, reference=True), self._after_site_change)
        self.persons = PersonsArea(store, today=today, parent=self)
        self.persons.openReferralRequested.connect(self.referral_editors.open_referral)
        self._add_page(self.tr("Persons"), self.persons)
        # Built when first shown: the first screen's start-up does not pay for them.
        self._add_page(self.tr("Projects"), DeferredPage(lambda: projects_page(store, today=today)))
        self._add_page(self.tr("Meetings"), DeferredPage(lambda: meetings_page(store, today=today)))
        self._add_page(
            self.tr("Directory"), DeferredPage(lambda: directory_page(store, today=today))
        )
        self.monitoring = DeferredPage(lambda: self._monitoring_page(store, today))
        self._add_page(self.tr("Monitoring"), self.monitoring)
        self.sync = SyncArea(store, self)
        self._add_page(self.tr("Synchronisation"), self.sync.page)
        self.sync.showPageRequested.connect(lambda: self.navigation.setCurrentRow(PAGE_SYNC))
        self._add_page(
            default_title(), DeferredPage(lambda: social_referrals_page(store, today=today))
        )
        connect_worklist(
            self, self.worklist, worklist=PAGE_WORKLIST, referrals=PAGE_REFERRALS,
            meetings=PAGE_MEETINGS, sync=PAGE_SYNC,
        )  # fmt: skip
        char = self.navigation.fontMetrics().averageCharWidth()
        self.navigation.setFixedWidth(char * 25)  # room for the names and Da fare's counts
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(PAGE_WORKLIST)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        self._painted = False
        self.worklist.installEventFilter(self)  # the first page's first paint
        self.referral_list.countChanged.connect(self._on_count_changed)
        self._total = self.referral_model.rowCount()
        self._on_count_changed(self.referral_model.rowCount())

    def _add_page(self, name: str, page: QWidget) -> None:
        item = QListWidgetItem(name)
        item.setSizeHint(QSize(0, self.navigation.fontMetrics().height() + 16))
        self.navigation.addItem(item)
        self.pages.addWidget(page)

    def _monitoring_page(self, store: Store, today: Callable[[], date]) -> QWidget:
        from desktop.ui.monitoring import monitoring_page  # noqa: PLC0415 - when first shown

        page = monitoring_page(store, today=today)
        page.drillRequested.connect(self.show_referrals_of)
        return page

    def show_referrals_of(self, drill: object) -> None:
        """The referral list with exactly the referrals a monitoring figure counted."""
        from desktop.domain.monitoring import Drill  # noqa: PLC0415
        from desktop.services.monitoring import referral_filter  # noqa: PLC0415 - when used

        assert isinstance(drill, Drill)
        self.navigation.setCurrentRow(PAGE_REFERRALS)
        self.referral_list.show_filter(referral_filter(drill))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.printing = install_print_menu(self, self.store, self.referral_list.table)
        self.referral_editors.planPrintRequested.connect(self.printing.joint_plan)
        self.commands = ShellCommands(
            self, projects_page=PAGE_PROJECTS, meetings_page=PAGE_MEETINGS
        )
        self.commands.fill_file_menu(file_menu)
        self.commands.add_view_menu(before=self.printing.menu)
        self.commands.add_toolbar()

        tools_menu = self.menuBar().addMenu(self.tr("&Tools"))
        settings_action = QAction(self.tr("&Settings…"), self)
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings_action.triggered.connect(self.show_settings)
        tools_menu.addAction(settings_action)
        self.imports = install_import_menu(
            self, self.store, tools_menu, today=self.referral_model.today
        )
        self.backups = install_backups(self, self.store, self.data_dir, tools_menu)
        self.retention = install_retention(
            self, self.store, tools_menu, today=self.referral_model.today
        )
        self.audit = install_audit_menu(self, self.store, tools_menu)
        self.site_profiles = install_site_profiles_menu(self, self.store, tools_menu)
        self.routes = install_routes_menu(self, self.store, tools_menu)

        self.sync.install_menu()
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        install_help_menu(self, help_menu)
        about_action = QAction(self.tr("&About Trama"), self)
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def _build_status_bar(self) -> None:
        self.data_dir_label = QLabel(self.tr("Data folder: %1").replace("%1", str(self.data_dir)))
        self.actor_label = QLabel()
        self.count_label = QLabel()
        for widget in (self.data_dir_label, self.actor_label, self.count_label):
            widget.setContentsMargins(8, 2, 8, 2)
        bar = self.statusBar()
        bar.addWidget(self.data_dir_label, 1)
        bar.addPermanentWidget(self.actor_label)
        bar.addPermanentWidget(self.count_label)
        self.sync.install_status_bar(bar)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            # Queued: runs once this paint is done, so the list is on screen first.
            QTimer.singleShot(0, self, self._after_first_paint)
        return False

    def _after_first_paint(self) -> None:
        self.worklist.removeEventFilter(self)
        self.listPainted.emit()
        # The operator, the role, the routes and the sync status: read on the thread pool.
        self.startup_reads = load_after_first_paint(self, self.store, self._show_startup_reads)

    def _show_startup_reads(self, reads: StartupReads) -> None:
        self.show_actor(reads.actor, reads.site)
        self.referral_editors.update_new_entries(may_send=reads.may_send)
        name_navigation_item(
            self.navigation.item(PAGE_SOCIAL_REFERRALS), self.store, kind=reads.actor.site_kind
        )
        self.sync.start(reads.sync_status)
        self.startupRead.emit(reads.actor)

    def _after_site_change(self) -> None:
        """The site, the operator or the Province's data changed (settings, an enrollment, a
        sync): what the window shows of them is read again."""
        self.show_actor()
        self.referral_editors.forget_reference_data()
        name_navigation_item(self.navigation.item(PAGE_SOCIAL_REFERRALS), self.store)
        self.referral_list.load_choices()

    def show_actor(self, actor: Actor | None = None, site: str = "") -> None:
        """The operator (the OS account, with the display name and the role when known) and
        the site in the status bar (read now unless given)."""
        from desktop.ui.labels import label  # noqa: PLC0415

        if actor is None:
            from desktop.ui.after_paint import read_actor_and_site  # noqa: PLC0415

            actor, site = read_actor_and_site(self.store)
        known = [actor.display_name] if actor.display_name else []
        if actor.role is not None:
            role = label(actor.role)
            known.append(role[:1].lower() + role[1:])  # "referente privacy", after a name
        operator = actor.operator + (f" ({', '.join(known)})" if known else "")
        self.actor_label.setText(
            self.tr("Operator: %1 — Site: %2").replace("%1", operator).replace("%2", site)
        )
        self.actor_label.setToolTip(
            self.tr("The operator is the account signed in to this computer.")
        )

    def _on_count_changed(self, shown: int) -> None:
        # The window opens on the unfiltered list, so the total is always known from it.
        if self.referral_model.referral_filter == ReferralFilter():
            self._total = shown
        self.count_label.setText(
            self.tr("Referrals: %1 of %2")
            .replace("%1", format_count(shown))
            .replace("%2", format_count(self._total))
        )

    def show_settings(self) -> None:
        """Strumenti → Impostazioni; the dialog announces the change of site or operator."""
        from desktop.ui.settings.dialog import SettingsDialog  # noqa: PLC0415 - when used

        SettingsDialog(self.store, self).exec()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Trama"), self.about_text())

    def about_text(self) -> str:
        return (
            "<h3>Trama</h3>"
            + "<p>"
            + self.tr("Version %1").replace("%1", desktop.__version__)
            + "</p><p>"
            + self.tr(
                "Referrals, co-design projects and meetings of the labour-inclusion network "
                "of the Province of Varese."
            )
            + "</p><p>"
            + self.tr(
                "Municipality data: ISTAT, Elenco dei comuni italiani, licensed under CC BY 3.0 IT."
            )
            + "</p>"
        )
