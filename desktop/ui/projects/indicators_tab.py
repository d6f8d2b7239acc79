"""The project's indicators: those computed from the linked referrals, kept up to date, and
those typed in, with baseline, target and value."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.formatting import fill_date
from desktop.domain.codes import IndicatorKind
from desktop.services.context import Actor
from desktop.services.errors import ValidationError
from desktop.services.projects import (
    ComputedIndicator,
    IndicatorInput,
    IndicatorRow,
    add_indicator,
    computed_indicators,
    remove_indicator,
    update_indicator,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import DecimalField, set_read_only
from desktop.ui.common.formats import format_number
from desktop.ui.common.messages import FormDialog, open_modal
from desktop.ui.common.table_tab import RowsTable
from desktop.ui.common.tables import Shown, fill_table, make_table, selected_key
from desktop.ui.labels import label
from desktop.ui.projects.common import ProjectTab, button_row


class IndicatorDialog(FormDialog):
    """A typed-in indicator, or the baseline and target of a computed one (``kind``)."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        project_id: str,
        indicator: IndicatorRow | None,
        *,
        on_saved: Callable[[], None],
        parent: QWidget | None = None,
        computed: ComputedIndicator | None = None,
    ) -> None:
        title = self.tr("Indicator") if indicator or computed else self.tr("New indicator")
        super().__init__(title, parent)
        self.store = store
        self.actor = actor
        self.project_id = project_id
        self.indicator = indicator
        self.computed = computed
        self.on_saved = on_saved
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.name.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        self.unit = QLineEdit(self)
        self.unit.setMaxLength(40)
        self.baseline = DecimalField(self)
        self.target = DecimalField(self)
        self.value = DecimalField(self)
        self.form.addRow(self.tr("Indicator"), self.name)
        self.form.addRow(self.tr("Unit"), self.unit)
        self.form.addRow(self.tr("Baseline"), self.baseline)
        self.form.addRow(self.tr("Target"), self.target)
        self.form.addRow(self.tr("Value"), self.value)
        if indicator is not None:
            self.name.setText(indicator.name)
            self.unit.setText(indicator.unit)
            self.baseline.set_number(indicator.baseline)
            self.target.set_number(indicator.target)
            self.value.set_number(indicator.value)
        if computed is not None:
            if indicator is None:
                self.name.setText(computed.name)
                self.unit.setText(computed.unit)
            self.value.set_number(computed.value)
            set_read_only(self.value)
            self.value.setToolTip(self.tr("Computed from the linked referrals."))

    def _number(self, field: DecimalField, name: str, text: str) -> float | None:
        value, ok = field.number()
        if not ok:
            raise ValidationError({name: self.tr("«%1» must be a number.").replace("%1", text)})
        return value

    def submit(self) -> None:
        kind = self.computed.kind if self.computed is not None else IndicatorKind.MANUAL
        data = IndicatorInput(
            name=self.name.text(),
            unit=self.unit.text(),
            baseline=self._number(self.baseline, "baseline", self.tr("Baseline")),
            target=self._number(self.target, "target", self.tr("Target")),
            value=None if self.computed else self._number(self.value, "value", self.tr("Value")),
            kind=kind,
        )
        if self.indicator is None:
            add_indicator(self.store, actor=self.actor, project_id=self.project_id, data=data)
        else:
            update_indicator(
                self.store, actor=self.actor, indicator_id=self.indicator.id, data=data
            )
        self.on_saved()


class IndicatorsTab(RowsTable, ProjectTab):
    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, today, parent)
        self.computed_table = make_table(
            self,
            [
                self.tr("Indicator"),
                self.tr("Value"),
                self.tr("Unit"),
                self.tr("Basis"),
                self.tr("Baseline"),
                self.tr("Target"),
            ],
            stretch_last=False,
        )
        self.computed_note = QLabel(self)
        self.computed_note.setWordWrap(True)
        self.computed_note.setStyleSheet("color: palette(placeholder-text);")
        self.target_button = QPushButton(self.tr("Baseline and target…"), self)
        self.manual_table = make_table(
            self,
            [
                self.tr("Indicator"),
                self.tr("Unit"),
                self.tr("Baseline"),
                self.tr("Target"),
                self.tr("Value"),
            ],
            stretch_last=False,
        )
        manual_buttons = self.row_buttons(self.manual_table, self.tr("Add indicator…"))

        computed_box = QGroupBox(self.tr("Computed from the linked referrals"), self)
        computed_layout = QVBoxLayout(computed_box)
        computed_layout.addLayout(button_row(self.target_button))
        computed_layout.addWidget(self.computed_table, 1)
        computed_layout.addWidget(self.computed_note)
        manual_box = QGroupBox(self.tr("Typed in"), self)
        manual_layout = QVBoxLayout(manual_box)
        manual_layout.addLayout(manual_buttons)
        manual_layout.addWidget(self.manual_table, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(computed_box, 1)
        layout.addWidget(manual_box, 1)

        self.computed: list[ComputedIndicator] = []
        self.target_button.clicked.connect(self.edit_computed_target)
        self.computed_table.doubleClicked.connect(lambda _index: self.edit_computed_target())
        self.computed_table.itemSelectionChanged.connect(self._update_buttons)

    def refresh(self) -> None:
        """Recompute the computed indicators now (on opening and after every change)."""
        project = self.project
        if project is None:
            return
        today = self.today()
        self.computed = computed_indicators(self.store, project.id, today)
        linked = len(project.beneficiaries)
        fill_table(
            self.computed_table,
            [
                (
                    label(row.kind),
                    Shown(format_number(row.value), row.value)
                    if row.value is not None
                    else self.tr("no data"),
                    row.unit,
                    self.tr("%n referral(s)", "", self._basis(row, linked)),
                    Shown(format_number(row.baseline), row.baseline),
                    Shown(format_number(row.target), row.target),
                )
                for row in self.computed
            ],
            keys=[row.kind for row in self.computed],
            right_aligned=[1, 4, 5],
        )
        self.computed_note.setText(
            fill_date(
                self.tr(
                    "Recomputed on %1 from the referrals linked to the project. The median counts "
                    "the days from sending to taking in charge; traineeships count once started."
                ),
                "%1",
                today,
            )
        )
        manual = self.rows()
        fill_table(
            self.manual_table,
            [
                (
                    row.name,
                    row.unit,
                    Shown(format_number(row.baseline), row.baseline),
                    Shown(format_number(row.target), row.target),
                    Shown(format_number(row.value), row.value),
                )
                for row in manual
            ],
            keys=[row.id for row in manual],
            right_aligned=[2, 3, 4],
        )
        self._update_buttons()

    @staticmethod
    def _basis(row: ComputedIndicator, linked: int) -> int:
        """How many referrals the value speaks of: for the median, those with both dates."""
        return row.basis if row.kind is IndicatorKind.MEDIAN_DAYS_TO_TAKING_IN_CHARGE else linked

    def rows(self) -> list[IndicatorRow]:
        """The indicators typed in; the computed ones are in their own table."""
        indicators = self.project.indicators if self.project else ()
        return [row for row in indicators if row.kind is IndicatorKind.MANUAL]

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.target_button.setEnabled(
            self.editable and selected_key(self.computed_table) is not None
        )

    def computed_value(self, kind: IndicatorKind) -> float | None:
        return next((row.value for row in self.computed if row.kind is kind), None)

    def edit_computed_target(self) -> IndicatorDialog | None:
        key = selected_key(self.computed_table)
        if self.project is None or key is None or not self.editable:
            return None
        computed = next(row for row in self.computed if row.kind == key)
        existing = next((row for row in self.project.indicators if row.kind == computed.kind), None)
        dialog = IndicatorDialog(
            self.store,
            self.actor(),
            self.project.id,
            existing,
            on_saved=self.changed.emit,
            parent=self,
            computed=computed,
        )
        open_modal(dialog)
        return dialog

    def row_dialog(self, row: IndicatorRow | None) -> IndicatorDialog | None:
        if self.project is None:
            return None
        return IndicatorDialog(
            self.store, self.actor(), self.project.id, row, on_saved=self.changed.emit, parent=self
        )

    def remove_row(self, row: IndicatorRow) -> None:
        remove_indicator(self.store, actor=self.actor(), indicator_id=row.id)

    def removal_question(self, row: IndicatorRow) -> str:
        return self.tr("Remove the indicator «%1»?").replace("%1", row.name)
