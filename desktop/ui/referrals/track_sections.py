"""The two tracks' own sections: NEET (Garanzia Giovani) and CMD (L. 68/1999).

Each section reads and writes only its own fields of ``ReferralInput``; the other track's stay
empty. The CMD section keeps category, percentage and dates only, never diagnoses (GDPR art. 5
and 9), and says so beside its fields.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import (
    DisabilityCategory,
    GuaranteeStatus,
    Need,
    OtherService,
    ProfilingClass,
)
from desktop.domain.eligibility import months_between
from desktop.ui.common.fields import CodeCombo, DateField, WholeNumberField
from desktop.ui.common.forms import (
    WARNING_COLOUR,
    FieldRegistry,
    add_row,
    connect_changes,
    make_form,
)
from desktop.ui.labels import choices
from desktop.ui.referrals.context import EditorContext
from desktop.ui.referrals.section_values import CmdValues, NeetValues
from desktop.ui.referrals.widgets import CheckList, TriStateCombo

GOL_PATHS = (1, 2, 3, 4, 5)


class NeetSection(QWidget):
    """Time out of work and education, Garanzia Giovani, GOL path, needs, other services."""

    changed = Signal()

    def __init__(self, context: EditorContext, registry: FieldRegistry, page: QWidget) -> None:
        super().__init__(page)
        self._context = context
        self._registry = registry
        self._page = page

        status = QGroupBox(self.tr("Situation"))
        form = make_form(status)
        self.out_of_work_since = DateField(today=context.today)
        self.out_of_work_months = QLabel()
        self._row(
            form,
            "out_of_work_since",
            self.tr("Out of work since"),
            self._with_note(self.out_of_work_since, self.out_of_work_months),
            self.out_of_work_since,
        )
        self.out_of_education_since = DateField(today=context.today)
        self.out_of_education_months = QLabel()
        self._row(
            form,
            "out_of_education_since",
            self.tr("Out of education and training since"),
            self._with_note(self.out_of_education_since, self.out_of_education_months),
            self.out_of_education_since,
        )
        self.early_school_leaver = TriStateCombo()
        self._row(
            form, "early_school_leaver", self.tr("Early school leaver"), self.early_school_leaver
        )
        self.guarantee_adhesion_on = DateField(today=context.today)
        self._row(
            form,
            "guarantee_adhesion_on",
            self.tr("Youth Guarantee adhesion on"),
            self.guarantee_adhesion_on,
        )
        self.guarantee_status = CodeCombo(GuaranteeStatus)
        self._row(
            form, "guarantee_status", self.tr("Youth Guarantee status"), self.guarantee_status
        )
        self.profiling_class = CodeCombo(ProfilingClass)
        self._row(form, "profiling_class", self.tr("Profiling class"), self.profiling_class)
        self.gol_path = QComboBox()
        self.gol_path.addItem(self.tr("— not specified —"), None)
        for number in GOL_PATHS:
            self.gol_path.addItem(self.tr("Path %1").replace("%1", str(number)), number)
        self._row(form, "gol_path", self.tr("GOL path"), self.gol_path)

        self.needs = CheckList([(code.value, text) for code, text in choices(Need)])
        self.other_services = CheckList(
            [(code.value, text) for code, text in choices(OtherService)]
        )
        needs_box = QGroupBox(self.tr("Needs"))
        needs_layout = QVBoxLayout(needs_box)
        self.needs.setAccessibleName(self.tr("Needs"))
        needs_layout.addWidget(registry.slot("needs", self.needs, page))
        needs_layout.addStretch(1)
        services_box = QGroupBox(self.tr("Other services already involved"))
        services_layout = QVBoxLayout(services_box)
        self.other_services.setAccessibleName(self.tr("Other services already involved"))
        services_layout.addWidget(registry.slot("other_services", self.other_services, page))
        services_layout.addStretch(1)

        layout = QGridLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setHorizontalSpacing(12)
        layout.addWidget(status, 0, 0)
        layout.addWidget(needs_box, 0, 1)
        layout.addWidget(services_box, 0, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        layout.setColumnStretch(2, 2)
        layout.setRowStretch(1, 1)

        for field, note in (
            (self.out_of_work_since, self.out_of_work_months),
            (self.out_of_education_since, self.out_of_education_months),
        ):
            field.valueChanged.connect(
                lambda field=field, note=note: self._update_months(field, note)
            )
        connect_changes(self.inputs(), self.changed)

    def _with_note(self, field: QWidget, note: QLabel) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field)
        row.addWidget(note, 1)
        note.setStyleSheet("color: palette(placeholder-text);")
        return box

    def _row(
        self,
        form: QFormLayout,
        key: str,
        text: str,
        widget: QWidget,
        named: QWidget | None = None,
    ) -> None:
        add_row(form, self._registry, key, text, widget, page=self._page)
        if named is not None:
            named.setAccessibleName(widget.accessibleName())

    def _update_months(self, field: DateField, note: QLabel) -> None:
        since = field.value()
        if since is None:
            note.clear()
            return
        months = months_between(since, self._context.today())
        note.setText(self.tr("%n month(s)", "", months))

    def inputs(self) -> list[QWidget]:
        return [
            self.out_of_work_since, self.out_of_education_since, self.early_school_leaver,
            self.guarantee_adhesion_on, self.guarantee_status, self.profiling_class,
            self.gol_path, self.needs, self.other_services,
        ]  # fmt: skip

    def set_values(self, values: NeetValues) -> None:
        self.out_of_work_since.set_value(values.out_of_work_since)
        self.out_of_education_since.set_value(values.out_of_education_since)
        self.early_school_leaver.set_value(values.early_school_leaver)
        self.guarantee_adhesion_on.set_value(values.guarantee_adhesion_on)
        self.guarantee_status.set_value(values.guarantee_status)
        self.profiling_class.set_value(values.profiling_class)
        self.gol_path.setCurrentIndex(max(self.gol_path.findData(values.gol_path), 0))
        self.needs.set_checked(values.needs)
        self.other_services.set_checked(values.other_services)

    def values(self) -> NeetValues:
        gol = self.gol_path.currentData()
        return NeetValues(
            out_of_work_since=self.out_of_work_since.value(),
            out_of_education_since=self.out_of_education_since.value(),
            early_school_leaver=self.early_school_leaver.value(),
            guarantee_adhesion_on=self.guarantee_adhesion_on.value(),
            guarantee_status=self.guarantee_status.value(),
            profiling_class=self.profiling_class.value(),
            gol_path=None if gol is None else int(gol),
            needs=self.needs.checked(),
            other_services=self.other_services.checked(),
        )

    def set_editable(self, editable: bool) -> None:
        for widget in self.inputs():
            widget.setEnabled(editable)


class CmdSection(QWidget):
    """L. 68/1999: category, percentage, the assessment's and the list's dates, papers seen."""

    changed = Signal()

    def __init__(self, context: EditorContext, registry: FieldRegistry, page: QWidget) -> None:
        super().__init__(page)
        self._context = context
        self._registry = registry
        self._page = page

        warning = QLabel(
            self.tr(
                "Only the category, the percentage and the dates: do not enter diagnoses or "
                "health data."
            )
        )
        warning.setWordWrap(True)
        warning.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")

        eligibility = QGroupBox(self.tr("Eligibility (L. 68/1999)"))
        form = make_form(eligibility)
        self.disability_category = CodeCombo(DisabilityCategory)
        add_row(
            form,
            registry,
            "disability_category",
            self.tr("Category"),
            self.disability_category,
            page=page,
        )
        self.disability_percentage = WholeNumberField(0, 100, suffix=" %")
        add_row(
            form,
            registry,
            "disability_percentage",
            self.tr("Reduced working capacity"),
            self.disability_percentage,
            page=page,
        )
        self.assessment_on = DateField(today=context.today)
        add_row(
            form,
            registry,
            "assessment_on",
            self.tr("Date of the assessment report"),
            self.assessment_on,
            page=page,
        )
        self.l68_registration_on = DateField(today=context.today)
        add_row(
            form,
            registry,
            "l68_registration_on",
            self.tr("Registered in the L. 68 list on"),
            self.l68_registration_on,
            page=page,
        )

        documents = QGroupBox(self.tr("Documents seen"))
        grid = make_form(documents)
        self.doc_assessment_seen, self.doc_assessment_on = self._document(
            grid, "doc_assessment", self.tr("Assessment report (verbale di accertamento)")
        )
        self.doc_functional_diagnosis_seen, self.doc_functional_diagnosis_on = self._document(
            grid, "doc_functional_diagnosis", self.tr("Functional diagnosis")
        )
        self.doc_final_report_seen, self.doc_final_report_on = self._document(
            grid, "doc_final_report", self.tr("Final report (relazione conclusiva)")
        )

        layout = QGridLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setHorizontalSpacing(12)
        layout.addWidget(warning, 0, 0, 1, 2)
        layout.addWidget(eligibility, 1, 0)
        layout.addWidget(documents, 1, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(2, 1)
        connect_changes(self.inputs(), self.changed)

    def _document(self, form: QFormLayout, key: str, text: str) -> tuple[QCheckBox, DateField]:
        """A paper seen, and its date (asked only once the paper is ticked)."""
        seen = QCheckBox(text)
        seen.setAccessibleName(text)
        on = DateField(today=self._context.today)
        on.setAccessibleName(self.tr("%1: date").replace("%1", text))
        form.addRow(
            self._registry.slot(f"{key}_seen", seen, self._page),
            self._registry.slot(f"{key}_on", on, self._page),
        )
        seen.toggled.connect(lambda checked, on=on: on.setEnabled(checked and seen.isEnabled()))
        on.setEnabled(False)
        return seen, on

    def inputs(self) -> list[QWidget]:
        return [
            self.disability_category, self.disability_percentage, self.assessment_on,
            self.l68_registration_on, self.doc_assessment_seen, self.doc_assessment_on,
            self.doc_functional_diagnosis_seen, self.doc_functional_diagnosis_on,
            self.doc_final_report_seen, self.doc_final_report_on,
        ]  # fmt: skip

    def _documents(self) -> tuple[tuple[QCheckBox, DateField, str], ...]:
        return (
            (self.doc_assessment_seen, self.doc_assessment_on, "doc_assessment"),
            (self.doc_functional_diagnosis_seen, self.doc_functional_diagnosis_on,
             "doc_functional_diagnosis"),
            (self.doc_final_report_seen, self.doc_final_report_on, "doc_final_report"),
        )  # fmt: skip

    def set_values(self, values: CmdValues) -> None:
        self.disability_category.set_value(values.disability_category)
        self.disability_percentage.set_number(values.disability_percentage)
        self.assessment_on.set_value(values.assessment_on)
        self.l68_registration_on.set_value(values.l68_registration_on)
        for seen, on, key in self._documents():
            seen.setChecked(bool(getattr(values, f"{key}_seen")))
            on.set_value(getattr(values, f"{key}_on"))

    def values(self) -> CmdValues:
        documents: dict[str, Any] = {}
        for seen, on, key in self._documents():
            documents[f"{key}_seen"] = seen.isChecked()
            documents[f"{key}_on"] = on.value() if seen.isChecked() else None
        return CmdValues(
            disability_category=self.disability_category.value(),
            disability_percentage=self.disability_percentage.number(),
            assessment_on=self.assessment_on.value(),
            l68_registration_on=self.l68_registration_on.value(),
            **documents,
        )

    def set_editable(self, editable: bool) -> None:
        for widget in self.inputs():
            widget.setEnabled(editable)
        for seen, on, _key in self._documents():
            on.setEnabled(editable and seen.isChecked())
