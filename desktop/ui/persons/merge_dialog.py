"""Merging a person entered twice: pick the other record, choose whose data to keep, confirm.

The referrals of the record dropped move to the one kept and the dropped one is deleted (a
tombstone, synced); the service records the merge in the audit trail.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.context import Actor
from desktop.services.errors import ServiceError
from desktop.services.persons import PersonDetail, PersonRow, merge_persons, search_persons
from desktop.services.referrals.listing import ReferralFilter, count_referrals
from desktop.store.engine import Store
from desktop.ui.common.formats import format_date
from desktop.ui.common.window_state import fit_window

SEARCH_LIMIT = 50


def describe(last_name: str, first_name: str, fiscal_code: str, birth_date: object) -> str:
    born = format_date(birth_date) if birth_date else ""  # type: ignore[arg-type]
    return f"{last_name} {first_name} — {fiscal_code}" + (f" — {born}" if born else "")


class MergeDialog(QDialog):
    """Merges ``person`` with another; ``kept_id`` is the person left after ``exec()``."""

    def __init__(
        self, store: Store, *, actor: Actor, person: PersonDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._actor = actor
        self._person = person
        self.kept_id: str | None = None
        self.setWindowTitle(self.tr("Merge a duplicate"))
        intro = QLabel(
            self.tr(
                "Find the record of the same person entered a second time. Its referrals move to "
                "the record kept, and the other record is deleted. The merge is recorded in the "
                "audit trail and cannot be undone."
            ),
            self,
        )
        intro.setWordWrap(True)
        caption = QLabel(self.tr("&Search the duplicate by surname or tax code:"), self)
        self.search_field = QLineEdit(self)
        self.search_field.setAccessibleName(self.tr("Search the duplicate"))
        self.search_field.setClearButtonEnabled(True)
        caption.setBuddy(self.search_field)
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Persons found"))
        self.keep_this = QRadioButton(self)
        self.keep_other = QRadioButton(self)
        self.keep_this.setChecked(True)
        self.keep_caption = QLabel(self.tr("Keep the personal data of:"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(self.tr("&Merge…"))
        self.merge_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(caption)
        layout.addWidget(self.search_field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.keep_caption)
        layout.addWidget(self.keep_this)
        layout.addWidget(self.keep_other)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.keep_this.setText(
            describe(person.last_name, person.first_name, person.fiscal_code, person.birth_date)
        )
        self._set_other(None)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.search_now)
        self.search_field.textChanged.connect(self._timer.start)
        self.results.currentItemChanged.connect(self._on_current_changed)
        self.keep_this.toggled.connect(self._update_summary)
        fit_window(self, self.fontMetrics().averageCharWidth() * 90, self.sizeHint().height() + 160)
        self.search_field.setText(person.last_name)
        self.search_now()

    def search_now(self) -> None:
        self._timer.stop()
        self.results.clear()
        text = self.search_field.text().strip()
        if not text:
            return
        for row in search_persons(self._store, text, limit=SEARCH_LIMIT):
            if row.id == self._person.id:
                continue
            item = QListWidgetItem(
                describe(row.last_name, row.first_name, row.fiscal_code, row.birth_date)
            )
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.results.addItem(item)

    def other(self) -> PersonRow | None:
        # None when nothing is current, whatever the binding's annotation says.
        item: QListWidgetItem | None = self.results.currentItem()
        if item is None:
            return None
        row = item.data(Qt.ItemDataRole.UserRole)
        return row if isinstance(row, PersonRow) else None

    def _on_current_changed(self) -> None:
        self._set_other(self.other())

    def _set_other(self, other: PersonRow | None) -> None:
        self.merge_button.setEnabled(other is not None)
        self.keep_other.setEnabled(other is not None)
        if other is None:
            self.keep_other.setText(self.tr("(choose the duplicate in the list)"))
            self.keep_this.setChecked(True)
        else:
            self.keep_other.setText(
                describe(other.last_name, other.first_name, other.fiscal_code, other.birth_date)
            )
        self._update_summary()

    def _ids(self) -> tuple[str, str] | None:
        """(kept, dropped), once the duplicate is chosen."""
        other = self.other()
        if other is None:
            return None
        if self.keep_this.isChecked():
            return self._person.id, other.id
        return other.id, self._person.id

    def _update_summary(self) -> None:
        ids = self._ids()
        if ids is None:
            self.summary.setText("")
            return
        moved = count_referrals(
            self._store, ReferralFilter(person_id=ids[1], include_restricted=True)
        )
        self.summary.setText(
            self.tr("%n referral(s) of the record dropped will move to the record kept.", "", moved)
        )

    def accept(self) -> None:
        ids = self._ids()
        if ids is None:
            return
        kept, dropped = ids
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("Merge the two records? This cannot be undone.") + "\n\n" + self.summary.text(),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            merge_persons(self._store, actor=self._actor, keep_id=kept, duplicate_id=dropped)
        except ServiceError as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return
        self.kept_id = kept
        super().accept()
