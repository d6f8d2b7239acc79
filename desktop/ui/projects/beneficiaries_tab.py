"""The project's beneficiaries: links to referrals, never copies of a person's data.

The project stores the referral's identifier only; the table shows its number, track and
status, read from the referral each time. The picker searches the referrals like the referral
list does (number, codice fiscale or name) so that the operator can find the right one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import ProjectTarget, Track
from desktop.services.errors import ServiceError
from desktop.services.projects import BeneficiaryRow, link_referral, unlink_referral
from desktop.services.referrals.listing import (
    ReferralFilter,
    ReferralListRow,
    SortKey,
    first_page,
)
from desktop.store.engine import Store
from desktop.ui.common.messages import ok_cancel, open_modal, show_error
from desktop.ui.common.search_list import search_as_typed
from desktop.ui.common.tables import fill_table, fit_columns, make_table, selected_key
from desktop.ui.common.window_state import fit_window
from desktop.ui.labels import label, short_track_label
from desktop.ui.projects.common import ProjectTab, button_row

PICKER_ROWS = 100
SEARCH_DELAY_MS = 200


def track_for(target: ProjectTarget) -> Track | None:
    """The referrals a project may link: those of its track, or any for mixed projects."""
    return {ProjectTarget.NEET: Track.NEET, ProjectTarget.CMD: Track.CMD}.get(target)


class ReferralPicker(QDialog):
    """Referrals ticked from a search; those already linked are left out."""

    def __init__(
        self,
        store: Store,
        today: Callable[[], date],
        *,
        track: Track | None,
        exclude_ids: Iterable[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.track = track
        self.exclude_ids = frozenset(exclude_ids)
        self.setWindowTitle(self.tr("Link referrals to the project"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search by number, tax code or name"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search"))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.table = make_table(
            self,
            [
                self.tr("Number"),
                self.tr("Date"),
                self.tr("Track"),
                self.tr("Person"),
                self.tr("CPI"),
                self.tr("Status"),
            ],
        )
        self.table.setAccessibleName(self.tr("Referrals"))
        self.table.setMinimumHeight(360)
        fit_window(self, self.fontMetrics().averageCharWidth() * 150, 600, key="referral_picker")
        self.count_label = QLabel(self)
        self.buttons = ok_cancel(self, self.tr("Link"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(bottom)

        self._rows: dict[str, ReferralListRow] = {}
        self._ticked: dict[str, ReferralListRow] = {}
        self._timer = search_as_typed(self, self.search, self.refresh, SEARCH_DELAY_MS)
        self.search.returnPressed.connect(self.refresh)
        self.table.itemChanged.connect(self._on_item_changed)
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        flt = ReferralFilter(search=self.search.text().strip(), track=self.track)
        page = first_page(
            self.store,
            flt,
            sort=SortKey.CREATED_ON,
            descending=True,
            limit=PICKER_ROWS + len(self.exclude_ids),
            today=self.today(),
        )
        rows = [row for row in page.rows if row.id not in self.exclude_ids][:PICKER_ROWS]
        more = page.count > len(page.rows) or len(rows) == PICKER_ROWS
        self._rows = {row.id: row for row in rows}
        self.table.blockSignals(True)
        fill_table(
            self.table,
            [
                (
                    row.number,
                    row.created_on,
                    short_track_label(row.track),
                    row.person_name,
                    row.job_centre_name,
                    label(row.status),
                )
                for row in rows
            ],
            keys=[row.id for row in rows],
        )
        for index, row in enumerate(rows):
            item = self.table.item(index, 0)
            assert item is not None  # show_rows filled every cell
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = row.id in self._ticked
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        fit_columns(self.table)
        self.table.blockSignals(False)
        if more:
            self.note.setText(
                self.tr(
                    "The newest %1 are shown: type more of the number or name to narrow."
                ).replace("%1", str(len(rows)))
            )
        else:
            self.note.setText("")
        self._update_count()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        referral_id = str(item.data(Qt.ItemDataRole.UserRole))
        self.tick(referral_id, item.checkState() == Qt.CheckState.Checked, refresh=False)

    def tick(self, referral_id: str, ticked: bool = True, *, refresh: bool = True) -> None:
        """Tick (or untick) a referral of the current search, as its box does."""
        row = self._rows.get(referral_id)
        if ticked and row is not None:
            self._ticked[referral_id] = row
        elif not ticked:
            self._ticked.pop(referral_id, None)
        if refresh:
            self.refresh()
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n referral(s) chosen", "", len(self._ticked)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self._ticked))

    def shown_ids(self) -> list[str]:
        return list(self._rows)

    def chosen(self) -> list[ReferralListRow]:
        return sorted(self._ticked.values(), key=lambda row: row.number)


class BeneficiariesTab(ProjectTab):
    """Linked referrals by number, track and status; linking recomputes the indicators."""

    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, today, parent)
        self.table = make_table(self, [self.tr("Referral"), self.tr("Track"), self.tr("Status")])
        self.link_button = QPushButton(self.tr("Link referrals…"), self)
        self.unlink_button = QPushButton(self.tr("Unlink"), self)
        self.count_label = QLabel(self)
        note = QLabel(
            self.tr(
                "The project keeps only the link to each referral: the person's data stay in "
                "the referral and are never copied here."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.link_button, self.unlink_button))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(note)
        self.link_button.clicked.connect(self.link_referrals)
        self.unlink_button.clicked.connect(self.unlink_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def refresh(self) -> None:
        rows = self.project.beneficiaries if self.project else ()
        fill_table(
            self.table,
            [(row.referral_number, label(row.track), label(row.status)) for row in rows],
            keys=[row.referral_id for row in rows],
        )
        expected = self.project.expected_beneficiaries if self.project else None
        text = self.tr("%n referral(s) linked", "", len(rows))
        if expected:
            text += " " + self.tr("(expected: %1)").replace("%1", str(expected))
        self.count_label.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.link_button.setEnabled(self.editable)
        self.unlink_button.setEnabled(self.editable and selected_key(self.table) is not None)

    def link_referrals(self) -> ReferralPicker | None:
        project = self.project
        if project is None:
            return None
        picker = ReferralPicker(
            self.store,
            self.today,
            track=track_for(project.target),
            exclude_ids=[row.referral_id for row in project.beneficiaries],
            parent=self,
        )

        def accepted() -> None:
            refused: list[str] = []
            for row in picker.chosen():
                try:
                    link_referral(
                        self.store, actor=self.actor(), project_id=project.id, referral_id=row.id
                    )
                except ServiceError as error:
                    refused.append(str(error))
            self.changed.emit()
            if refused:
                show_error(self, "\n".join(refused))

        open_modal(picker, accepted)
        return picker

    def _selected(self) -> BeneficiaryRow | None:
        key = selected_key(self.table)
        if self.project is None or key is None:
            return None
        return next((row for row in self.project.beneficiaries if row.referral_id == key), None)

    def unlink_selected(self) -> None:
        project, row = self.project, self._selected()
        if project is None or row is None:
            return
        self.ask_then(
            self.tr("Unlink referral %1 from the project?").replace("%1", row.referral_number),
            lambda: unlink_referral(
                self.store, actor=self.actor(), project_id=project.id, referral_id=row.referral_id
            ),
            yes_text=self.tr("Unlink"),
        )
