"""The project's activities: title, responsible organisation, dates, status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.domain.codes import ActivityStatus
from desktop.services.context import Actor
from desktop.services.directory import OrganizationRow
from desktop.services.projects import (
    ActivityInput,
    ActivityRow,
    ProjectDetail,
    add_activity,
    remove_activity,
    update_activity,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import DateField, code_combo, select_data
from desktop.ui.common.messages import FormDialog
from desktop.ui.common.table_tab import RowsTable
from desktop.ui.common.tables import fill_table, make_table
from desktop.ui.directory.pickers import OrganizationPicker, pick_organization
from desktop.ui.labels import label
from desktop.ui.projects.common import ProjectTab


class ActivityDialog(FormDialog):
    """An activity; its responsible is one of the partners, or any organisation of the
    directory."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        project: ProjectDetail,
        activity: ActivityRow | None,
        *,
        on_saved: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Activity") if activity else self.tr("New activity"), parent)
        self.store = store
        self.actor = actor
        self.project = project
        self.activity = activity
        self.on_saved = on_saved
        self.title = QLineEdit(self)
        self.title.setMaxLength(300)
        self.title.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        self.responsible = QComboBox(self)
        self.responsible.addItem(self.tr("— none —"), None)
        for partner in project.partners:
            self.responsible.addItem(partner.organization_name, partner.organization_id)
        self.responsible.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.other_button = QPushButton(self.tr("Other from the directory…"), self)
        self.start_on = DateField(self, clear_button=True)
        self.end_on = DateField(self, clear_button=True)
        self.status = code_combo(ActivityStatus, self)
        responsible_row = QHBoxLayout()
        responsible_row.addWidget(self.responsible, 1)
        responsible_row.addWidget(self.other_button)
        self.form.addRow(self.tr("Activity"), self.title)
        self.form.addRow(self.tr("Responsible"), responsible_row)
        self.form.addRow(self.tr("Start"), self.start_on)
        self.form.addRow(self.tr("End"), self.end_on)
        self.form.addRow(self.tr("Status"), self.status)
        if activity is not None:
            self.title.setText(activity.title)
            if activity.responsible_id is not None:
                if self.responsible.findData(activity.responsible_id) < 0:
                    self.responsible.addItem(activity.responsible_name, activity.responsible_id)
                select_data(self.responsible, activity.responsible_id)
            self.start_on.set_value(activity.start_on)
            self.end_on.set_value(activity.end_on)
            select_data(self.status, activity.status)
        self.other_button.clicked.connect(self.choose_other)

    def choose_other(self) -> OrganizationPicker:
        return pick_organization(self, self.store, on_picked=self.set_responsible)

    def set_responsible(self, organization: OrganizationRow) -> None:
        if self.responsible.findData(organization.id) < 0:
            self.responsible.addItem(organization.name, organization.id)
        select_data(self.responsible, organization.id)

    def submit(self) -> None:
        data = ActivityInput(
            title=self.title.text(),
            responsible_id=self.responsible.currentData(),
            start_on=self.start_on.value(),
            end_on=self.end_on.value(),
            status=self.status.code(),
        )
        if self.activity is None:
            add_activity(self.store, actor=self.actor, project_id=self.project.id, data=data)
        else:
            update_activity(self.store, actor=self.actor, activity_id=self.activity.id, data=data)
        self.on_saved()


class ActivitiesTab(RowsTable, ProjectTab):
    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, today, parent)
        self.table = make_table(
            self,
            [
                self.tr("Activity"),
                self.tr("Responsible"),
                self.tr("Start"),
                self.tr("End"),
                self.tr("Status"),
            ],
        )
        self.count_label = QLabel(self)
        self.lay_out_rows(self.table, self.tr("Add activity…"), self.count_label)

    def rows(self) -> tuple[ActivityRow, ...]:
        return tuple(self.project.activities) if self.project else ()

    def refresh(self) -> None:
        activities = self.rows()
        fill_table(
            self.table,
            [
                (
                    activity.title,
                    activity.responsible_name,
                    activity.start_on,
                    activity.end_on,
                    label(activity.status),
                )
                for activity in activities
            ],
            keys=[activity.id for activity in activities],
        )
        self.count_label.setText(self.tr("%n activity(ies)", "", len(activities)))
        self._update_buttons()

    def row_dialog(self, row: ActivityRow | None) -> ActivityDialog | None:
        if self.project is None:
            return None
        return ActivityDialog(
            self.store, self.actor(), self.project, row, on_saved=self.changed.emit, parent=self
        )

    def remove_row(self, row: ActivityRow) -> None:
        remove_activity(self.store, actor=self.actor(), activity_id=row.id)

    def removal_question(self, row: ActivityRow) -> str:
        return self.tr("Remove the activity «%1»?").replace("%1", row.title)
