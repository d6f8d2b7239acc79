"""The Progetti page: the list of co-design projects, and the editor opened from it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import ProjectStatus, ProjectTarget
from desktop.services.projects import ProjectRow, list_projects
from desktop.services.sites import site_name, site_names
from desktop.store.engine import Store
from desktop.ui.common.fields import code_combo
from desktop.ui.common.pages import AreaPage
from desktop.ui.common.search_list import OpeningList
from desktop.ui.labels import label
from desktop.ui.operations import Changes, announce
from desktop.ui.projects.editor import ProjectEditor


class ProjectListView(OpeningList):
    """Projects by start date, newest first; search by title, acronym, CUP or code."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.status = code_combo(ProjectStatus, self, blank=self.tr("Any status"))
        self.target = code_combo(ProjectTarget, self, blank=self.tr("Any target"))
        self.new_button = QPushButton(self.tr("New project…"), self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.build_table(
            [
                self.tr("Title"),
                self.tr("Acronym"),
                self.tr("CUP"),
                self.tr("Target"),
                self.tr("Status"),
                self.tr("Start"),
                self.tr("End"),
                self.tr("Site"),
            ],
        )
        layout = self.lay_out(
            self.tr("Search by title, acronym, CUP or code"),
            [self.status, self.target],
            [self.new_button, self.open_button],
        )
        layout.setContentsMargins(12, 12, 12, 12)
        self.rows: list[ProjectRow] = []

    def show_rows(self, text: str) -> None:
        status, target = self.status.currentData(), self.target.currentData()
        self.rows = list_projects(
            self.store,
            text=text,
            status=status if isinstance(status, ProjectStatus) else None,
            target=target if isinstance(target, ProjectTarget) else None,
        )
        names = site_names(self.store)  # one query for the whole list: sites by name, not code
        self.table.fill(
            [
                (
                    row.title,
                    row.acronym,
                    row.cup,
                    label(row.target),
                    label(row.status),
                    row.start_on,
                    row.end_on,
                    site_name(names, row.owner_site),
                )
                for row in self.rows
            ],
            keys=[row.id for row in self.rows],
        )
        self.count_label.setText(self.tr("%n project(s)", "", len(self.rows)))

    def empty_text(self) -> str:
        return self.tr("No projects yet. Create the first with «New project…».")


class ProjectsPage(AreaPage):
    """The Progetti area of the main window."""

    # Partners are organisations of the directory; beneficiaries are persons.
    follows = Changes(projects=True, directory=True, persons=True, site=True, reference=True)

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.list_view = ProjectListView(store, self)
        self.editor = ProjectEditor(store, today, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.list_view.new_button.clicked.connect(self.new_project)
        self.list_view.open_button.clicked.connect(self.open_selected)
        self.list_view.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.editor.closed.connect(self.show_list)
        self.editor.saved.connect(self._announce_saved)

    def refresh(self) -> None:
        if self.stack.currentWidget() is self.list_view:
            self.list_view.refresh()

    def _announce_saved(self) -> None:
        # This page reads its list again when the editor closes.
        announce(Changes(projects=True), initiator=self)

    def show_list(self) -> None:
        self.list_view.refresh()
        if self.editor.project is not None:
            self.list_view.table.select_key(self.editor.project.id)
        self.stack.setCurrentWidget(self.list_view)

    def new_project(self) -> ProjectEditor:
        self.editor.show_new()
        self.stack.setCurrentWidget(self.editor)
        return self.editor

    def open_project(self, project_id: str) -> ProjectEditor:
        self.editor.load(project_id)
        self.stack.setCurrentWidget(self.editor)
        return self.editor

    def open_selected(self) -> ProjectEditor | None:
        key = self.list_view.selected_id()
        return None if key is None else self.open_project(key)
