"""The project's identity (title, CUP, Ambito, proceeding body) and its procedure's acts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import ProceedingBodyKind, ProjectTarget
from desktop.services.errors import ServiceError
from desktop.services.projects import (
    PROJECT_FIELDS,
    ProjectDetail,
    ProjectInput,
    create_project,
    update_project,
)
from desktop.services.reference import list_ambiti
from desktop.store.engine import Store
from desktop.ui.common.editor_tab import lay_out_form
from desktop.ui.common.fields import DateField, code_combo, select_data, set_read_only
from desktop.ui.common.forms import add_field, make_form
from desktop.ui.common.messages import MessageBanner
from desktop.ui.projects.common import ProjectTab

CUP_LENGTH = 15
_CUP_RE = re.compile(r"[A-Z][A-Z0-9]{14}")


class _UpperCase(QValidator):
    """Letters and digits only, upper-cased as they are typed (a CUP has no other character)."""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        cleaned = "".join(char for char in text.upper() if char.isascii() and char.isalnum())
        return QValidator.State.Acceptable, cleaned, min(pos, len(cleaned))


def _line(parent: QWidget, *, chars: int, max_length: int) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setMaxLength(max_length)
    edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * chars)
    return edit


class GeneralTab(ProjectTab):
    """Saving a new project creates it; ``created`` carries its id."""

    created = Signal(str)

    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, today, parent)
        self.banner = MessageBanner(self)
        self.title = _line(self, chars=40, max_length=300)
        self.acronym = _line(self, chars=16, max_length=40)
        self.internal_code = _line(self, chars=16, max_length=40)
        self.cup = _line(self, chars=20, max_length=CUP_LENGTH)
        self.cup.setValidator(_UpperCase(self.cup))
        self.cup.setPlaceholderText("E31H21000010006")
        self.cup_check = QLabel(self)
        self.target = code_combo(ProjectTarget, self)
        self.expected = QSpinBox(self)
        self.expected.setRange(0, 100_000)
        self.expected.setSpecialValueText(self.tr("not set"))
        self.ambito = QComboBox(self)
        self.ambito.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.body_kind = code_combo(ProceedingBodyKind, self, blank=self.tr("— choose —"))
        self.body_name = _line(self, chars=40, max_length=200)
        self.rup = _line(self, chars=40, max_length=200)
        self.start_on = DateField(self, clear_button=True)
        self.end_on = DateField(self, clear_button=True)
        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(self.fontMetrics().height() * 5)

        self.start_decision = _line(self, chars=26, max_length=80)
        self.start_decision_on = DateField(self, clear_button=True)
        self.notice_number = _line(self, chars=20, max_length=40)
        self.notice_on = DateField(self, clear_button=True)
        self.approval_decision = _line(self, chars=26, max_length=80)
        self.approval_decision_on = DateField(self, clear_button=True)
        self.agreement_repertory = _line(self, chars=20, max_length=40)
        self.agreement_on = DateField(self, clear_button=True)

        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setDefault(True)

        identity = QGroupBox(self.tr("Identity"), self)
        form = make_form(identity)
        add_field(form, self.tr("Title"), self.title)
        add_field(form, self.tr("Acronym"), self.acronym)
        add_field(form, self.tr("Internal code"), self.internal_code)
        cup_row = QHBoxLayout()
        cup_row.addWidget(self.cup)
        cup_row.addWidget(self.cup_check, 1)
        add_field(form, self.tr("CUP"), cup_row)
        add_field(form, self.tr("Target"), self.target)
        add_field(form, self.tr("Expected beneficiaries"), self.expected)
        add_field(form, self.tr("Ambito"), self.ambito)
        add_field(form, self.tr("Proceeding body"), self.body_kind)
        add_field(form, self.tr("Name of the proceeding body"), self.body_name)
        add_field(form, self.tr("RUP"), self.rup)
        dates = QHBoxLayout()
        dates.addWidget(self.start_on)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.end_on)
        dates.addStretch(1)
        add_field(form, self.tr("Duration from"), dates)
        description = QGroupBox(self.tr("Description"), self)
        QVBoxLayout(description).addWidget(self.description)

        # The acts side by side, two per row, across the whole width: each needs room for
        # "Determinazione n. 597/2025" and a date.
        procedure = QGroupBox(self.tr("Procedure"), self)
        grid = QGridLayout(procedure)
        acts = (
            (self.tr("Start decision"), self.start_decision, self.start_decision_on),
            (self.tr("Public notice no."), self.notice_number, self.notice_on),
            (self.tr("Approval decision"), self.approval_decision, self.approval_decision_on),
            (self.tr("Agreement (repertory)"), self.agreement_repertory, self.agreement_on),
        )
        for index, (name, act, day) in enumerate(acts):
            row, column = divmod(index, 2)
            # Left, as every form's labels (forms.LABEL_ALIGNMENT).
            title = QLabel(name, self)
            title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(title, row, column * 4)
            grid.addWidget(act, row, column * 4 + 1)
            grid.addWidget(QLabel(self.tr("of"), self), row, column * 4 + 2)
            grid.addWidget(day, row, column * 4 + 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(5, 1)
        grid.setColumnMinimumWidth(4, self.fontMetrics().averageCharWidth() * 4)

        content = QWidget(self)
        rows = QVBoxLayout(content)
        columns = QHBoxLayout()
        columns.addWidget(identity, 1)
        columns.addWidget(description, 1)
        rows.addLayout(columns, 1)
        rows.addWidget(procedure)
        lay_out_form(self, self.banner, content, self.save_button)

        self.cup.textChanged.connect(self._check_cup)
        self.save_button.clicked.connect(self.save)
        self._ambiti_loaded = False
        self._check_cup("")

    def _load_ambiti(self) -> None:
        if self._ambiti_loaded:
            return
        self.ambito.addItem(self.tr("— none —"), None)
        for row in list_ambiti(self.store):
            self.ambito.addItem(row.name, row.id)
        self._ambiti_loaded = True

    def _check_cup(self, text: str) -> None:
        """Say at once whether the CUP is well formed; the service checks it again on saving."""
        if not text:
            self.cup_check.setText(self.tr("15 characters, the first a letter"))
            self.cup_check.setStyleSheet("color: palette(placeholder-text);")
        elif _CUP_RE.fullmatch(text):
            self.cup_check.setText("✓ " + self.tr("well formed"))
            self.cup_check.setStyleSheet("color: #1b6e20;")
        else:
            self.cup_check.setText(
                "⚠ " + self.tr("%1 of 15 characters").replace("%1", str(len(text)))
                if len(text) != CUP_LENGTH
                else "⚠ " + self.tr("the first character must be a letter")
            )
            self.cup_check.setStyleSheet("color: #8a1c1c;")

    def show_new(self) -> None:
        """An empty form for a new project."""
        self.project = None
        self.editable = True
        self._load_ambiti()
        for edit in self._line_edits():
            edit.clear()
        self.description.clear()
        for field in self._date_fields():
            field.set_value(None)
        self.target.setCurrentIndex(0)
        self.expected.setValue(0)
        self.ambito.setCurrentIndex(0)
        self.body_kind.setCurrentIndex(0)
        self.banner.clear_message()
        self._set_editable(True)
        self.title.setFocus()

    def _line_edits(self) -> tuple[QLineEdit, ...]:
        return (
            self.title, self.acronym, self.internal_code, self.cup, self.body_name, self.rup,
            self.start_decision, self.notice_number, self.approval_decision,
            self.agreement_repertory,
        )  # fmt: skip

    def _date_fields(self) -> tuple[DateField, ...]:
        return (
            self.start_on, self.end_on, self.start_decision_on, self.notice_on,
            self.approval_decision_on, self.agreement_on,
        )  # fmt: skip

    def refresh(self) -> None:
        project = self.project
        if project is None:
            return
        self._load_ambiti()
        self.banner.clear_message()
        self.title.setText(project.title)
        self.acronym.setText(project.acronym)
        self.internal_code.setText(project.internal_code)
        self.cup.setText(project.cup)
        select_data(self.target, project.target)
        self.expected.setValue(project.expected_beneficiaries or 0)
        select_data(self.ambito, project.ambito_id)
        select_data(self.body_kind, project.proceeding_body_kind)
        self.body_name.setText(project.proceeding_body_name)
        self.rup.setText(project.rup_name)
        self.start_on.set_value(project.start_on)
        self.end_on.set_value(project.end_on)
        self.description.setPlainText(project.description)
        self.start_decision.setText(project.start_decision)
        self.start_decision_on.set_value(project.start_decision_on)
        self.notice_number.setText(project.notice_number)
        self.notice_on.set_value(project.notice_on)
        self.approval_decision.setText(project.approval_decision)
        self.approval_decision_on.set_value(project.approval_decision_on)
        self.agreement_repertory.setText(project.agreement_repertory)
        self.agreement_on.set_value(project.agreement_on)
        for edit in self._line_edits():
            edit.setCursorPosition(0)  # long texts show their beginning
        self._set_editable(self.editable)

    def _set_editable(self, editable: bool) -> None:
        widgets: list[QWidget] = [
            *self._line_edits(), self.description, *self._date_fields(),
            self.target, self.ambito, self.body_kind, self.expected,
        ]  # fmt: skip
        for widget in widgets:
            set_read_only(widget, not editable)
        self.save_button.setVisible(editable)

    def data(self) -> ProjectInput:
        return ProjectInput(
            title=self.title.text(),
            target=self.target.code(),
            acronym=self.acronym.text(),
            internal_code=self.internal_code.text(),
            cup=self.cup.text(),
            ambito_id=self.ambito.currentData(),
            proceeding_body_kind=self.body_kind.value(),
            proceeding_body_name=self.body_name.text(),
            rup_name=self.rup.text(),
            start_decision=self.start_decision.text(),
            start_decision_on=self.start_decision_on.value(),
            notice_number=self.notice_number.text(),
            notice_on=self.notice_on.value(),
            approval_decision=self.approval_decision.text(),
            approval_decision_on=self.approval_decision_on.value(),
            agreement_on=self.agreement_on.value(),
            agreement_repertory=self.agreement_repertory.text(),
            expected_beneficiaries=self.expected.value() or None,
            start_on=self.start_on.value(),
            end_on=self.end_on.value(),
            description=self.description.toPlainText(),
        )

    def modified(self) -> bool:
        """Whether the form differs from the stored project (a new one: anything typed)."""
        data = self.data()
        if self.project is None:
            return bool(data.title.strip() or data.acronym.strip() or data.cup.strip())
        if not self.editable:
            return False
        stored = ProjectInput(**{name: getattr(self.project, name) for name in PROJECT_FIELDS})
        return any(
            _clean(getattr(data, name)) != _clean(getattr(stored, name)) for name in PROJECT_FIELDS
        )

    def save(self) -> bool:
        """Create or update the project; a refusal is shown above the form."""
        try:
            if self.project is None:
                saved = create_project(self.store, actor=self.actor(), data=self.data())
            else:
                saved = update_project(
                    self.store, actor=self.actor(), project_id=self.project.id, data=self.data()
                )
        except ServiceError as error:
            self.banner.show_error(str(error))
            return False
        self.banner.show_info(self.tr("Saved."))
        if self.project is None:
            self.project = saved
            self.created.emit(saved.id)
        else:
            self.project = saved
            self.changed.emit()
        return True


def _clean(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def project_label(project: ProjectDetail) -> str:
    return f"{project.title} ({project.acronym})" if project.acronym else project.title
