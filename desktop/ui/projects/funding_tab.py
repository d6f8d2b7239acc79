"""The project's funding rows (source, year, amount) with totals by source and by year."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import FundingSource
from desktop.services.context import Actor
from desktop.services.projects import (
    FUNDING_YEAR_MAX,
    FUNDING_YEAR_MIN,
    FundingInput,
    FundingRow,
    add_funding,
    funding_totals,
    remove_funding,
    update_funding,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import MoneyField, code_combo, select_data
from desktop.ui.common.formats import format_money
from desktop.ui.common.messages import FormDialog
from desktop.ui.common.table_tab import RowsTable
from desktop.ui.common.tables import Shown, fill_table, make_table
from desktop.ui.labels import label
from desktop.ui.projects.common import ProjectTab


class FundingDialog(FormDialog):
    def __init__(
        self,
        store: Store,
        actor: Actor,
        project_id: str,
        funding: FundingRow | None,
        on_saved: Callable[[], None],
        *,
        year: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Funding") if funding else self.tr("New funding"), parent)
        self.store = store
        self.actor = actor
        self.project_id = project_id
        self.funding = funding
        self.on_saved = on_saved
        self.source = code_combo(FundingSource, self)
        self.year = QSpinBox(self)
        self.year.setRange(FUNDING_YEAR_MIN, FUNDING_YEAR_MAX)
        self.year.setValue(year)
        self.amount = MoneyField(self)
        self.notes = QLineEdit(self)
        self.notes.setMaxLength(300)
        self.notes.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        self.form.addRow(self.tr("Source"), self.source)
        self.form.addRow(self.tr("Year"), self.year)
        self.form.addRow(self.tr("Amount"), self.amount)
        self.form.addRow(self.tr("Notes"), self.notes)
        if funding is not None:
            select_data(self.source, funding.source)
            self.year.setValue(funding.year)
            self.amount.set_cents(funding.amount_cents)
            self.notes.setText(funding.notes)

    def submit(self) -> None:
        data = FundingInput(
            source=self.source.code(),
            amount_cents=self.amount.cents(),
            year=self.year.value(),
            notes=self.notes.text(),
        )
        if self.funding is None:
            add_funding(self.store, actor=self.actor, project_id=self.project_id, data=data)
        else:
            update_funding(self.store, actor=self.actor, funding_id=self.funding.id, data=data)
        self.on_saved()


class FundingTab(RowsTable, ProjectTab):
    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, today, parent)
        self.table = make_table(
            self, [self.tr("Year"), self.tr("Source"), self.tr("Amount"), self.tr("Notes")]
        )
        self.by_source = make_table(self, [self.tr("Source"), self.tr("Total")], stretch_last=False)
        self.by_year = make_table(self, [self.tr("Year"), self.tr("Total")], stretch_last=False)
        self.total_label = QLabel(self)
        self.total_label.setWordWrap(True)

        rows_box = QGroupBox(self.tr("Funding rows"), self)
        rows_layout = QVBoxLayout(rows_box)
        rows_layout.addLayout(self.row_buttons(self.table, self.tr("Add funding…")))
        rows_layout.addWidget(self.table, 1)
        source_box = QGroupBox(self.tr("Totals by source"), self)
        QVBoxLayout(source_box).addWidget(self.by_source)
        year_box = QGroupBox(self.tr("Totals by year"), self)
        QVBoxLayout(year_box).addWidget(self.by_year)
        totals = QHBoxLayout()
        totals.addWidget(source_box, 3)
        totals.addWidget(year_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(rows_box, 3)
        layout.addLayout(totals, 2)
        layout.addWidget(self.total_label)

    def rows(self) -> tuple[FundingRow, ...]:
        return tuple(self.project.funding) if self.project else ()

    def refresh(self) -> None:
        project = self.project
        rows = self.rows()
        fill_table(
            self.table,
            [
                (
                    row.year,
                    label(row.source),
                    Shown(format_money(row.amount_cents), row.amount_cents),
                    row.notes,
                )
                for row in rows
            ],
            keys=[row.id for row in rows],
            right_aligned=[2],
        )
        if project is None:
            return
        totals = funding_totals(self.store, project.id)
        fill_table(
            self.by_source,
            [
                (label(source), Shown(format_money(cents), cents))
                for source, cents in totals.by_source.items()
            ],
            right_aligned=[1],
        )
        fill_table(
            self.by_year,
            [(year, Shown(format_money(cents), cents)) for year, cents in totals.by_year.items()],
            right_aligned=[1],
        )
        self.total_label.setText(
            self.tr("Total funding: %1 — resources contributed by the partners: %2 — overall: %3")
            .replace("%1", format_money(totals.total_cents))
            .replace("%2", format_money(totals.partner_resources_cents))
            .replace("%3", format_money(totals.total_cents + totals.partner_resources_cents))
        )
        self._update_buttons()

    def row_dialog(self, row: FundingRow | None) -> FundingDialog | None:
        if self.project is None:
            return None
        year = row.year if row else (self.project.start_on or self.today()).year
        return FundingDialog(
            self.store, self.actor(), self.project.id, row, self.changed.emit, year=year,
            parent=self,
        )  # fmt: skip

    def remove_row(self, row: FundingRow) -> None:
        remove_funding(self.store, actor=self.actor(), funding_id=row.id)

    def removal_question(self, row: FundingRow) -> str:
        return (
            self.tr("Remove the funding of %1 (%2, %3)?")
            .replace("%1", format_money(row.amount_cents))
            .replace("%2", label(row.source))
            .replace("%3", str(row.year))
        )
