"""One project: a header with its status and the next step, and a tab per part of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)

from desktop.domain.codes import ProjectStatus
from desktop.services.errors import ServiceError
from desktop.services.installation import current_actor
from desktop.services.projects import (
    STATUS_ORDER,
    ProjectDetail,
    advance_project_status,
    get_project,
)
from desktop.services.sites import site_name, site_names
from desktop.store.engine import Store
from desktop.ui.common.editor_tab import lay_out_editor
from desktop.ui.common.messages import MessageBanner, confirm, heading, show_error
from desktop.ui.labels import label
from desktop.ui.projects.activities_tab import ActivitiesTab
from desktop.ui.projects.beneficiaries_tab import BeneficiariesTab
from desktop.ui.projects.common import ProjectTab
from desktop.ui.projects.funding_tab import FundingTab
from desktop.ui.projects.general_tab import GeneralTab, project_label
from desktop.ui.projects.indicators_tab import IndicatorsTab
from desktop.ui.projects.partners_tab import PartnersTab
from desktop.ui.projects.printing import PRINTED_PROJECT_SHEET, document_preview

TAB_GENERAL = 0
TAB_PARTNERS = 1
TAB_FUNDING = 2
TAB_ACTIVITIES = 3
TAB_BENEFICIARIES = 4
TAB_INDICATORS = 5


def next_status(status: ProjectStatus) -> ProjectStatus | None:
    """The one step the lifecycle offers from ``status`` (None at its end)."""
    index = STATUS_ORDER.index(status)
    return STATUS_ORDER[index + 1] if index + 1 < len(STATUS_ORDER) else None


class ProjectEditor(QWidget):
    """Shows a project (or a new one); ``closed`` asks the page to go back to the list."""

    closed = Signal()
    saved = Signal()

    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.project: ProjectDetail | None = None

        self.back_button = QPushButton("← " + self.tr("Projects"), self)
        self.title = heading("", self)
        self.title.setWordWrap(True)
        self.status_label = QLabel(self)
        self.next_button = QPushButton(self)
        self.print_button = QPushButton(self.tr("Project sheet"), self)
        self.print_button.setToolTip(self.tr("Print preview of the project sheet"))
        self.banner = MessageBanner(self)

        self.general = GeneralTab(store, today, self)
        self.partners = PartnersTab(store, today, self)
        self.funding = FundingTab(store, today, self)
        self.activities = ActivitiesTab(store, today, self)
        self.beneficiaries = BeneficiariesTab(store, today, self)
        self.indicators = IndicatorsTab(store, today, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.general, self.tr("General data"))
        self.tabs.addTab(self.partners, self.tr("Partners"))
        self.tabs.addTab(self.funding, self.tr("Funding"))
        self.tabs.addTab(self.activities, self.tr("Activities"))
        self.tabs.addTab(self.beneficiaries, self.tr("Beneficiaries"))
        self.tabs.addTab(self.indicators, self.tr("Indicators"))

        lay_out_editor(
            self,
            self.back_button,
            self.title,
            header=[self.status_label, self.next_button, self.print_button],
            banner=self.banner,
            tabs=self.tabs,
        )

        self.back_button.clicked.connect(self.leave)
        self.next_button.clicked.connect(self.advance_status)
        self.print_button.clicked.connect(self.print_sheet)
        self.general.created.connect(self._on_created)
        for tab in self._tabs():
            tab.changed.connect(self.reload)

    def _tabs(self) -> tuple[ProjectTab, ...]:
        return (
            self.general, self.partners, self.funding, self.activities, self.beneficiaries,
            self.indicators,
        )  # fmt: skip

    # --- loading ---------------------------------------------------------------------------

    def show_new(self) -> None:
        self.project = None
        self.title.setText(self.tr("New project"))
        self.status_label.setText("")
        self.next_button.hide()
        self.print_button.hide()
        self.banner.show_info(
            self.tr("Save the general data first: then partners, funding and the rest.")
        )
        self.general.show_new()
        self.tabs.setCurrentIndex(TAB_GENERAL)
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, False)

    def load(self, project_id: str) -> None:
        """Show a project as stored now; computed indicators are recomputed."""
        self.project = get_project(self.store, project_id)
        self._show()

    def reload(self) -> None:
        if self.project is not None:
            self.load(self.project.id)
            self.saved.emit()

    def _on_created(self, project_id: str) -> None:
        self.load(project_id)
        self.saved.emit()

    def editable(self) -> bool:
        project = self.project
        return project is not None and (
            not project.owner_site or project.owner_site == current_actor(self.store).site_code
        )

    def _show(self) -> None:
        project = self.project
        assert project is not None
        editable = self.editable()
        self.title.setText(project_label(project))
        self.status_label.setText(self.tr("Status: %1").replace("%1", label(project.status)))
        following = next_status(project.status)
        self.next_button.setVisible(editable and following is not None)
        if following is not None:
            self.next_button.setText(self.tr("Move to «%1»…").replace("%1", label(following)))
        self.print_button.setVisible(document_preview() is not None)
        if editable:
            self.banner.clear_message()
        else:
            self.banner.show_info(
                self.tr(
                    "This project is managed by the site %1: it can be read here but only "
                    "that site can change it."
                ).replace("%1", site_name(site_names(self.store), project.owner_site))
            )
        for index in range(self.tabs.count()):
            self.tabs.setTabEnabled(index, True)
        for tab in self._tabs():
            tab.show_project(project, editable=editable)

    # --- actions ---------------------------------------------------------------------------

    def advance_status(self) -> QMessageBox | None:
        project = self.project
        following = next_status(project.status) if project else None
        if project is None or following is None:
            return None

        def advance() -> None:
            try:
                advance_project_status(
                    self.store,
                    actor=current_actor(self.store),
                    project_id=project.id,
                    status=following,
                )
            except ServiceError as error:
                show_error(self, error)
            self.reload()

        return confirm(
            self,
            self.tr("Move the project from «%1» to «%2»? The status only moves forward.")
            .replace("%1", label(project.status))
            .replace("%2", label(following)),
            advance,
            yes_text=self.tr("Move forward"),
        )

    def leave(self) -> QMessageBox | None:
        """Back to the list: changes to a project are saved first (a refusal keeps the editor
        open with its message); a new project never saved is dropped only when confirmed."""
        if not self.general.modified():
            self.closed.emit()
            return None
        if self.project is not None:
            if self.general.save():
                self.closed.emit()
            else:
                self.tabs.setCurrentWidget(self.general)
            return None
        return confirm(
            self,
            self.tr("The new project has not been saved. Leave it without saving?"),
            self.closed.emit,
            yes_text=self.tr("Leave without saving"),
        )

    def print_sheet(self) -> None:
        preview = document_preview()
        if preview is None or self.project is None:
            return
        preview(self, self.store, current_actor(self.store), PRINTED_PROJECT_SHEET, self.project.id)
