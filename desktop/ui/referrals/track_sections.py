"""The two tracks' own sections: NEET (Garanzia Giovani) and CMD (L. 68/1999).

Each section reads and writes only its own fields of ``ReferralInput``; the other track's stay
empty. The CMD section keeps category, percentage, dates and coded placement indications only, never
diagnoses (GDPR art. 5 and 9), and says so beside its fields; the NEET section says the same
beside the health-related needs and services (``desktop.domain.health``) once one is ticked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
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
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import (
    CompatibleTask,
    DisabilityCategory,
    GuaranteeStatus,
    Need,
    OtherService,
    PlacementSupport,
    ProfilingClass,
)
from desktop.domain.eligibility import MIN_PERCENTAGE, months_between
from desktop.domain.health import HEALTH_RELATED_NEEDS, HEALTH_RELATED_SERVICES
from desktop.services.referrals.records import PLACEMENT_NOTES_MAX
from desktop.ui.common.fields import CodeCombo, DateField, WholeNumberField, set_read_only
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

        # Health needs and mental-health or addiction services are special-category data: the
        # same warning as the CMD section's, shown as soon as one is ticked.
        self.health_warning = special_category_warning(
            self.tr(
                "Health data (GDPR art. 9): tick these only if the path needs them. Do not "
                "enter diagnoses; they are left out of exports without sensitive columns."
            )
        )
        health_tip = self.tr("Health data (special category, GDPR art. 9)")
        for check_list, codes in (
            (self.needs, HEALTH_RELATED_NEEDS),
            (self.other_services, HEALTH_RELATED_SERVICES),
        ):
            for code in codes:
                item = check_list.item_for(code)
                if item is not None:
                    item.setToolTip(health_tip)
                    item.setText(f"{item.text()} \N{WARNING SIGN}")
            check_list.valueChanged.connect(self._show_health_warning)

        layout = QGridLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setHorizontalSpacing(12)
        layout.addWidget(status, 0, 0, 2, 1)
        layout.addWidget(needs_box, 0, 1)
        layout.addWidget(services_box, 0, 2)
        layout.addWidget(self.health_warning, 1, 1, 1, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        layout.setColumnStretch(2, 2)
        layout.setRowStretch(2, 1)
        self.health_warning.hide()

        for field, note in (
            (self.out_of_work_since, self.out_of_work_months),
            (self.out_of_education_since, self.out_of_education_months),
        ):
            field.valueChanged.connect(
                lambda field=field, note=note: self._update_months(field, note)
            )
        connect_changes(self.inputs(), self.changed)

    def health_related_ticked(self) -> bool:
        return bool(
            set(self.needs.checked()) & HEALTH_RELATED_NEEDS
            or set(self.other_services.checked()) & HEALTH_RELATED_SERVICES
        )

    def _show_health_warning(self) -> None:
        self.health_warning.setVisible(self.health_related_ticked())

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
        self._show_health_warning()

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
            set_read_only(widget, not editable)


class CmdSection(QWidget):
    """L. 68/1999 as the law splits it: the civil-invalidity verbale, and the assessment for
    targeted placement with its papers and placement indications (codes, never diagnoses)."""

    changed = Signal()

    def __init__(self, context: EditorContext, registry: FieldRegistry, page: QWidget) -> None:
        super().__init__(page)
        self._context = context
        self._registry = registry
        self._page = page
        # The person's DID date, for the warning on the iscrizione (set by the editor).
        self.did_date_source: Callable[[], date | None] | None = None

        warning = special_category_warning(
            self.tr(
                "Special-category data (GDPR art. 9): only the category, the percentage, the "
                "dates and coded indications. Do not enter diagnoses or other health data."
            )
        )

        invalidity = QGroupBox(self.tr("Civil invalidity"))
        form = make_form(invalidity)
        self.disability_category = CodeCombo(DisabilityCategory)
        self._row(form, "disability_category", self.tr("Category"), self.disability_category)
        self.disability_percentage = WholeNumberField(0, 100, suffix=" %")
        self._row(
            form,
            "disability_percentage",
            self.tr("Percentage of invalidity"),
            self.disability_percentage,
        )
        self.assessment_on = DateField(today=context.today)
        self._row(form, "assessment_on", self.tr("Civil-invalidity report of"), self.assessment_on)
        self.invalidity_revision_on = DateField(today=context.today)
        self._row(
            form,
            "invalidity_revision_on",
            self.tr("Revision due on"),
            self.invalidity_revision_on,
        )
        self.percentage_note = QLabel()
        self.percentage_note.setWordWrap(True)
        self.percentage_note.setStyleSheet("color: palette(placeholder-text);")
        form.addRow(self.percentage_note)

        assessment = QGroupBox(self.tr("Assessment under L. 68/1999"))
        grid = make_form(assessment)
        self.l68_registration_on = DateField(today=context.today)
        self._row(
            grid,
            "l68_registration_on",
            self.tr("Registered in the L. 68 list on"),
            self.l68_registration_on,
        )
        self.doc_assessment_seen, self.doc_assessment_on = self._document(
            grid, "doc_assessment", self.tr("Assessment report for targeted placement seen")
        )
        self.doc_functional_diagnosis_seen, self.doc_functional_diagnosis_on = self._document(
            grid, "doc_functional_diagnosis", self.tr("Functional diagnosis seen")
        )
        self.doc_final_report_seen, self.doc_final_report_on = self._document(
            grid, "doc_final_report", self.tr("Final report (relazione conclusiva) seen")
        )

        indications = QGroupBox(self.tr("Placement indications"))
        self.compatible_tasks = CheckList(
            [(code.value, text) for code, text in choices(CompatibleTask)]
        )
        self.compatible_tasks.setAccessibleName(self.tr("Compatible tasks"))
        self.placement_supports = CheckList(
            [(code.value, text) for code, text in choices(PlacementSupport)]
        )
        self.placement_supports.setAccessibleName(self.tr("Supports needed"))
        self.placement_notes = QLineEdit()
        self.placement_notes.setMaxLength(PLACEMENT_NOTES_MAX)
        self.placement_notes.setPlaceholderText(
            self.tr("Working conditions only, e.g. day shifts, no customer contact")
        )
        self.placement_notes.setAccessibleName(self.tr("Note on placement"))
        lists = QGridLayout(indications)
        lists.addWidget(QLabel(self.tr("Compatible tasks")), 0, 0)
        lists.addWidget(QLabel(self.tr("Supports needed")), 0, 1)
        lists.addWidget(registry.slot("compatible_tasks", self.compatible_tasks, page), 1, 0)
        lists.addWidget(registry.slot("placement_supports", self.placement_supports, page), 1, 1)
        note_label = QLabel(self.tr("Note (no diagnosis)"))
        note_label.setBuddy(self.placement_notes)
        lists.addWidget(note_label, 2, 0, 1, 2)
        lists.addWidget(registry.slot("placement_notes", self.placement_notes, page), 3, 0, 1, 2)
        lists.setRowStretch(4, 1)

        left = QVBoxLayout()
        left.addWidget(invalidity)
        left.addWidget(assessment)
        left.addStretch(1)
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setHorizontalSpacing(12)
        layout.addWidget(warning, 0, 0, 1, 2)
        layout.addLayout(left, 1, 0)
        layout.addWidget(indications, 1, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(2, 1)
        connect_changes(self.inputs(), self.changed)
        self.disability_category.currentIndexChanged.connect(self._show_percentage_rule)
        self.l68_registration_on.valueChanged.connect(self.check_registration)

    def _row(self, form: QFormLayout, key: str, text: str, widget: QWidget) -> None:
        add_row(form, self._registry, key, text, widget, page=self._page)

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

    def _show_percentage_rule(self) -> None:
        """What the law asks of the chosen category, beside the percentage."""
        category = self.disability_category.value()
        minimum = MIN_PERCENTAGE.get(category) if category is not None else None
        if minimum is not None:
            text = self.tr("L. 68/1999 requires more than %1%.").replace("%1", str(minimum))
        elif category in {DisabilityCategory.WAR_INVALID, DisabilityCategory.SERVICE_INVALID}:
            text = self.tr(
                "Admitted by the categories of the war-pension tables (1st to 8th): no minimum "
                "percentage."
            )
        elif category is not None:
            text = self.tr("Admitted by the condition itself: no minimum percentage.")
        else:
            text = ""
        self.percentage_note.setText(text)
        self.percentage_note.setVisible(bool(text))

    def check_registration(self) -> None:
        """A warning (not an error) when the iscrizione precedes the person's DID."""
        slot = self._registry.slots["l68_registration_on"]
        if slot.kind == "error":
            return
        registered = self.l68_registration_on.value()
        did = self.did_date_source() if self.did_date_source is not None else None
        if registered is not None and did is not None and registered < did:
            slot.show_message(
                self.tr(
                    "The registration precedes the DID of %1: registration requires the "
                    "unemployed condition, check the dates."
                ).replace("%1", did.strftime("%d/%m/%Y")),
                "warning",
            )
        else:
            slot.clear()

    def inputs(self) -> list[QWidget]:
        return [
            self.disability_category, self.disability_percentage, self.assessment_on,
            self.invalidity_revision_on, self.l68_registration_on, self.doc_assessment_seen,
            self.doc_assessment_on, self.doc_functional_diagnosis_seen,
            self.doc_functional_diagnosis_on, self.doc_final_report_seen,
            self.doc_final_report_on, self.compatible_tasks, self.placement_supports,
            self.placement_notes,
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
        self.invalidity_revision_on.set_value(values.invalidity_revision_on)
        self.l68_registration_on.set_value(values.l68_registration_on)
        for seen, on, key in self._documents():
            seen.setChecked(bool(getattr(values, f"{key}_seen")))
            on.set_value(getattr(values, f"{key}_on"))
        self.compatible_tasks.set_checked(values.compatible_tasks)
        self.placement_supports.set_checked(values.placement_supports)
        self.placement_notes.setText(values.placement_notes)
        self._show_percentage_rule()
        self.check_registration()

    def values(self) -> CmdValues:
        documents: dict[str, Any] = {}
        for seen, on, key in self._documents():
            documents[f"{key}_seen"] = seen.isChecked()
            documents[f"{key}_on"] = on.value() if seen.isChecked() else None
        return CmdValues(
            disability_category=self.disability_category.value(),
            disability_percentage=self.disability_percentage.number(),
            assessment_on=self.assessment_on.value(),
            invalidity_revision_on=self.invalidity_revision_on.value(),
            l68_registration_on=self.l68_registration_on.value(),
            compatible_tasks=self.compatible_tasks.checked(),
            placement_supports=self.placement_supports.checked(),
            placement_notes=self.placement_notes.text(),
            **documents,
        )

    def set_editable(self, editable: bool) -> None:
        for widget in self.inputs():
            set_read_only(widget, not editable)
        for seen, on, _key in self._documents():
            set_read_only(on, not editable)
            on.setEnabled(seen.isChecked())  # a date read, or none to give


def special_category_warning(text: str) -> QLabel:
    """The bold warning beside special-category data (GDPR art. 9), CMD and NEET alike."""
    warning = QLabel(text)
    warning.setWordWrap(True)
    warning.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")
    return warning
