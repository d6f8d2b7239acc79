"""The Persone page: find a person on the left, their record and referrals on the right."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import NotFoundError
from desktop.services.installation import current_actor
from desktop.services.persons import (
    get_person,
    record_person_opened,
    record_person_search,
    set_restriction,
)
from desktop.services.reference import list_municipalities
from desktop.services.referrals.listing import ReferralFilter, SortKey, fetch_referral_rows
from desktop.store.engine import Store
from desktop.ui.common.search_list import no_result_sentence
from desktop.ui.common.tables import DataTable, header_minimum
from desktop.ui.common.window_state import remember_splitter
from desktop.ui.operations import Changes, announce, follow_changes
from desktop.ui.persons.detail import PersonDetailView
from desktop.ui.persons.editor import PersonEditDialog
from desktop.ui.persons.extract import save_personal_data_extract, update_extract_button
from desktop.ui.persons.list_model import (
    COL_BIRTH_DATE,
    COL_FISCAL_CODE,
    COL_NAME,
    PersonListModel,
)
from desktop.ui.persons.merge_dialog import MergeDialog
from desktop.ui.persons.restriction_dialog import RestrictionDialog

SEARCH_DELAY_MS = 150
MAX_REFERRALS_SHOWN = 500
LIST_PANE_WIDTH = 440  # initial splitter sizes, in proportion
DETAIL_PANE_WIDTH = 680
# A person's edit, merge or restriction shows in the referrals that name them too.
PERSONS_CHANGED = Changes(persons=True, referrals=True)
# The list, and the person shown with their referrals.
PERSONS_SHOWN = Changes(persons=True, referrals=True, reference=True)


class PersonsPage(QWidget):
    openReferralRequested = Signal(str)
    # A person was changed, merged, restricted or released (announced too, as a notice).
    personsChanged = Signal()

    def __init__(
        self, store: Store, *, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._today = today
        self._municipalities = {row.id: row.name for row in list_municipalities(store)}

        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(self.tr("Search by surname and name, or tax code"))
        self.search_field.setAccessibleName(self.tr("Search persons"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.installEventFilter(self)
        self.include_restricted = QCheckBox(self.tr("Show restricted too"), self)
        self.model = PersonListModel(store, self)
        self.table = DataTable(self, (), model=self.model)
        self.table.setAccessibleName(self.tr("Persons"))
        # By name at first, in Italian collation; a heading's click sorts by another column.
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        # The code and the date have a fixed shape: sized once from a sample, never from the
        # rows (fitting to contents would ask a thousand rows for their text at every search).
        metrics = self.table.fontMetrics()
        for column, sample in (
            (COL_FISCAL_CODE, "MMMMMM00M00M000M"),
            (COL_BIRTH_DATE, "00/00/0000"),
        ):
            width = max(metrics.horizontalAdvance(sample) + 16, header_minimum(self.table, column))
            header.resizeSection(column, width)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 6, 12)
        left_layout.addWidget(self.search_field)
        left_layout.addWidget(self.include_restricted)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.hint)

        self.detail = PersonDetailView(today, self)
        self.empty = QLabel(self.tr("Choose a person in the list."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self.right = QStackedWidget(self)
        self.right.addWidget(self.empty)
        self.right.addWidget(self.detail)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        # Room for a long "Cognome Nome" beside the code and the date: the size hints alone
        # leave the list so narrow that names are cut.
        splitter.setSizes([LIST_PANE_WIDTH, DETAIL_PANE_WIDTH])
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, "persons")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        # A search the operator runs is audited (issue 15); the list read again is not one.
        self._timer.timeout.connect(self.search_by_user)
        self.search_field.textChanged.connect(self._timer.start)
        self.search_field.returnPressed.connect(self.search_by_user)
        self.include_restricted.toggled.connect(self.search_by_user)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.detail.editRequested.connect(self.edit_person)
        self.detail.mergeRequested.connect(self.merge_person)
        self.detail.restrictionRequested.connect(self.change_restriction)
        self.detail.openReferralRequested.connect(self.openReferralRequested)
        find = QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._opened = ""  # the person whose opening was last audited
        self.model.loaded.connect(self._show_found)
        self.search_now()
        follow_changes(self, PERSONS_SHOWN, self.refresh)
        self.detail.extractRequested.connect(self.save_extract)
        # The role comes with the site's configuration: a sync may grant or withdraw it.
        self._allow_extract()
        follow_changes(self, Changes(reference=True, site=True), self._allow_extract)

    # -- list ----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def search_now(self) -> None:
        self._timer.stop()
        self.model.search(
            self.search_field.text(), include_restricted=self.include_restricted.isChecked()
        )
        self._show_found()

    def _show_found(self) -> None:
        """The count, the empty state, and the person shown selected again."""
        text = self.search_field.text().strip()
        count = self.model.rowCount()
        if self.model.loading:
            self.hint.setText(self.tr("Reading every person found…"))
        elif count == 0:
            self.hint.setText(self.tr("Nobody found."))
        else:
            self.hint.setText(self.tr("%n person(s) found.", "", count))
        if text:
            self.table.set_empty_text(no_result_sentence(text))
        elif self.include_restricted.isChecked():
            self.table.set_empty_text(self.tr("No persons yet."))
        else:
            self.table.set_empty_text(
                self.tr(
                    "No persons to show. A person is registered with a new referral "
                    "(«New referral»); restricted persons appear with «Show restricted too»."
                )
            )
        shown = self.detail.person.id if self.detail.person is not None else None
        if shown is not None and (row := self.model.row_of(shown)) >= 0:
            self.table.selectRow(row)

    def search_by_user(self) -> None:
        self.search_now()
        record_person_search(
            self.store,
            actor=current_actor(self.store),
            text=self.search_field.text(),
            results=self.model.rowCount(),
            include_restricted=self.include_restricted.isChecked(),
        )

    def refresh(self) -> None:
        """Read the list and the person shown again."""
        self.search_now()
        if self.detail.person is not None:
            try:
                self.show_person(self.detail.person.id)
            except NotFoundError:  # merged into another record, elsewhere
                self.detail.person = None
                self.right.setCurrentWidget(self.empty)

    def _on_current_changed(self) -> None:
        person = self.model.person_at(self.table.currentIndex().row())
        if person is not None:
            self.show_person(person.id)
            # The list read again selects the person shown again: no new opening.
            if person.id != self._opened:
                self._opened = person.id
                record_person_opened(
                    self.store, actor=current_actor(self.store), person_id=person.id,
                    view="detail",
                )  # fmt: skip

    def show_person(self, person_id: str) -> None:
        person = get_person(self.store, person_id)
        referrals = fetch_referral_rows(
            self.store,
            ReferralFilter(person_id=person_id, include_restricted=True),
            offset=0,
            limit=MAX_REFERRALS_SHOWN,
            sort=SortKey.CREATED_ON,
            descending=True,
            today=self._today(),
        )
        self.detail.show_person(person, referrals, self._municipality_name)
        self.right.setCurrentWidget(self.detail)

    def _municipality_name(self, municipality_id: str | None) -> str:
        return self._municipalities.get(municipality_id or "", "")

    # -- actions -------------------------------------------------------------------------------

    def edit_person(self) -> None:
        person = self.detail.person
        if person is None or person.restricted:
            return
        actor = current_actor(self.store)
        dialog = PersonEditDialog(
            self.store,
            actor=actor,
            person=person,
            municipalities=sorted(
                self._municipalities.items(), key=lambda item: item[1].casefold()
            ),
            today=self._today,
            parent=self,
        )
        record_person_opened(self.store, actor=actor, person_id=person.id, view="edit")
        if dialog.exec():
            self.refresh()
            self._announce()

    def merge_person(self) -> None:
        person = self.detail.person
        if person is None or person.restricted:
            return
        dialog = MergeDialog(
            self.store, actor=current_actor(self.store), person=person, parent=self
        )
        if dialog.exec() and dialog.kept_id is not None:
            self.show_person(dialog.kept_id)
            self.search_now()
            self._announce()

    def change_restriction(self) -> None:
        person = self.detail.person
        if person is None:
            return
        restrict = not person.restricted
        store = self.store

        def apply(reason: str) -> object:
            return set_restriction(
                store,
                actor=current_actor(store),
                person_id=person.id,
                restricted=restrict,
                reason=reason,
            )

        dialog = RestrictionDialog(
            restrict=restrict, subject=self.tr("this person"), apply=apply, parent=self
        )
        if dialog.exec():
            self.refresh()
            self._announce()

    def _allow_extract(self) -> None:
        update_extract_button(self.detail.extract_button, current_actor(self.store))

    def save_extract(self) -> None:
        """Estratto dei dati personali (GDPR art. 15) of the person shown, as PDF and JSON."""
        if self.detail.person is not None:
            save_personal_data_extract(self, self.store, self.detail.person.id, today=self._today)

    def _announce(self) -> None:
        """This page already shows the change; the others learn of it from the notice."""
        self.personsChanged.emit()
        announce(PERSONS_CHANGED, initiator=self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_field
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.selectRow(max(0, self.table.currentIndex().row()))
            return True
        return False
