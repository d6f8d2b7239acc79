"""The Segnalazioni page: search, filters, the windowed referral table, its row count, export.

Layout and wiring; the queries live in ``desktop.services.referrals.listing``. The page asks for
what it does not draw itself: ``openRequested(id)`` (Enter or a double click on a row) and
``newRequested()`` (Ctrl+N or the button) are answered by the referral editor.

What the first screen does not need (the CPI and Ambito lists, this site's settings, which
import the ORM models) is read right after the list is first painted, on the thread pool:
start-up time, and nothing loaded on the GUI thread that the user did not ask for.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.referrals.listing import ReferralFilter
from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask
from desktop.ui.common.formats import format_count, format_date
from desktop.ui.common.search_list import no_result_sentence
from desktop.ui.common.signals import emit
from desktop.ui.common.tables import EmptyState
from desktop.ui.referrals.filter_bar import ReferralFilterBar
from desktop.ui.referrals.list_model import (
    COL_AGE,
    COL_CREATED_ON,
    COL_DAYS_IN_STATUS,
    COL_JOB_CENTRE,
    COL_MUNICIPALITY,
    COL_NUMBER,
    COL_PERSON,
    COL_STATUS,
    COL_TRACK,
    COLUMN_COUNT,
    ROW_ROLE,
    ReferralListModel,
)

__all__ = ["ReferralListView", "format_count"]

SEARCH_DELAY_MS = 120
# "/2": numbers grew to an enrolled PC's series, and layouts saved before would cut them.
SETTINGS_HEADER = "referralList/header/2"
SAVE_DELAY_MS = 400

_WIDEST_NUMBER = "2026/P0000/000000"  # an enrolled PC's series (desktop.services.referrals.records)

# Starting widths in "average characters" of the font, so that they follow the font size.
_COLUMN_CHARS = {
    COL_CREATED_ON: 11,
    COL_TRACK: 9,
    COL_PERSON: 24,
    COL_AGE: 5,
    COL_MUNICIPALITY: 27,
    COL_JOB_CENTRE: 29,
    COL_STATUS: 15,
    COL_DAYS_IN_STATUS: 17,
}


@dataclass(frozen=True)
class FilterChoices:
    """What the filter bar offers: the CPIs and the Ambiti (id, name), and which are "mine"."""

    job_centres: list[tuple[str, str]]
    ambiti: list[tuple[str, str]]
    own_site: str | None
    own_job_centre: str | None


def read_choices(store: Store) -> FilterChoices:
    """The filter bar's choices (any thread)."""
    from desktop.services.installation import current_actor  # noqa: PLC0415 - after start-up
    from desktop.services.reference import list_ambiti, list_job_centres  # noqa: PLC0415
    from desktop.services.sites import own_job_centre_id  # noqa: PLC0415

    return FilterChoices(
        [(row.id, row.name) for row in list_job_centres(store)],
        [(row.id, row.name) for row in list_ambiti(store)],
        current_actor(store).site_code,
        own_job_centre_id(store),
    )


class ReferralListView(QWidget):
    """The list of referrals; searching runs as the operator types, after a short pause."""

    # The number of referrals the current search and filter show.
    countChanged = Signal(int)
    # A referral's id: the operator wants to open it.
    openRequested = Signal(str)
    # The operator wants to write a new referral.
    newRequested = Signal()
    # A search the operator ran was looked at by the audit (recorded if it showed
    # special-category data).
    searchAudited = Signal()
    # The filter bar's CPIs and Ambiti were read (after the first paint, off the GUI thread).
    choicesLoaded = Signal()

    def __init__(self, model: ReferralListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(self.tr("Search by name, tax code or number"))
        self.search_field.setAccessibleName(self.tr("Search"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        self.search_field.installEventFilter(self)

        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.export_button = QPushButton(self.tr("E&xport…"), self)
        self.export_button.setToolTip(self.tr("Export the list as shown to Excel or CSV"))
        self.new_button = QPushButton(self.tr("&New referral"), self)
        self.new_button.setToolTip(self.tr("Write a new referral (Ctrl+N)"))
        self.filter_bar = ReferralFilterBar(model.today, self)
        # A figure of the Monitoraggio page opened this list: said, and removable, beside the bar.
        self._monitoring_terms: dict[str, object] = {}
        self.monitoring_chip = QWidget(self)
        self.monitoring_label = QLabel(self.monitoring_chip)
        self.monitoring_label.setWordWrap(True)
        self.monitoring_clear = QPushButton(self.tr("Remove"), self.monitoring_chip)
        self.monitoring_clear.setAccessibleName(self.tr("Remove the monitoring filter"))
        chip = QHBoxLayout(self.monitoring_chip)
        chip.setContentsMargins(8, 2, 2, 2)
        chip.addWidget(self.monitoring_label, 1)
        chip.addWidget(self.monitoring_clear)
        self.monitoring_chip.setObjectName("monitoringChip")
        self.monitoring_chip.setStyleSheet(
            "QWidget#monitoringChip { background: #e6f0fa; border: 1px solid #a9c6e3;"
            " border-radius: 3px; }"
        )
        self.monitoring_chip.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.monitoring_chip.hide()

        self.table = _ReferralTable(self)
        self.table.setModel(model)
        self.table.setAccessibleName(self.tr("Referrals"))
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        # Fixed heights: the view never asks every row for its size (that would load them all).
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        columns = self.table.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setSectionsMovable(True)
        columns.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._default_header = self._lay_out_columns()
        self.table.setSortingEnabled(True)
        self._restore_header()

        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.export_button)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.monitoring_chip)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search_now)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_header)
        self.search_field.textChanged.connect(self._on_text_changed)
        self.search_field.returnPressed.connect(self.search_now)
        self.filter_bar.changed.connect(self.apply_filters)
        self.monitoring_clear.clicked.connect(self.clear_monitoring_filter)
        self.filter_bar.reset_button.clicked.connect(self.clear_monitoring_filter)
        self.table.openRequested.connect(self._open_row)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.customContextMenuRequested.connect(self._row_menu)
        columns.customContextMenuRequested.connect(self._column_menu)
        for signal in (columns.sectionMoved, columns.sectionResized, columns.sortIndicatorChanged):
            signal.connect(self._save_timer.start)
        self.export_button.clicked.connect(self.export)
        self.new_button.clicked.connect(self.newRequested.emit)
        find = QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new = QShortcut(QKeySequence.StandardKey.New, self, self.newRequested.emit)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.empty_state = EmptyState(self.table)
        model.countChanged.connect(self._on_count_changed)
        self._on_count_changed(model.rowCount())
        self._choices_loaded = False
        self.table.viewport().installEventFilter(self)

    # -- columns -------------------------------------------------------------------------------

    def _lay_out_columns(self) -> QByteArray:
        columns = self.table.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        for column, chars in _COLUMN_CHARS.items():
            columns.resizeSection(column, chars * char + 16)
        # Digits are wider than the average character: measure the longest number itself.
        columns.resizeSection(COL_NUMBER, self.fontMetrics().horizontalAdvance(_WIDEST_NUMBER) + 24)
        columns.setSectionResizeMode(COL_PERSON, QHeaderView.ResizeMode.Stretch)
        columns.setSortIndicator(COL_CREATED_ON, Qt.SortOrder.DescendingOrder)
        return columns.saveState()

    def _restore_header(self) -> None:
        state = QSettings().value(SETTINGS_HEADER)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)

    def save_header(self) -> None:
        """Remember widths, order, hidden columns and sort order for the next start."""
        self._save_timer.stop()
        QSettings().setValue(SETTINGS_HEADER, self.table.horizontalHeader().saveState())

    def reset_columns(self) -> None:
        self.table.horizontalHeader().restoreState(self._default_header)
        self.save_header()

    def set_column_hidden(self, column: int, hidden: bool) -> None:
        header = self.table.horizontalHeader()
        shown = [c for c in range(COLUMN_COUNT) if not header.isSectionHidden(c)]
        if hidden and shown == [column]:
            return  # the last column shown stays: a table with no column cannot be used
        header.setSectionHidden(column, hidden)
        self.save_header()

    def _column_menu(self, position: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in range(COLUMN_COUNT):
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(
                lambda checked, column=column: self.set_column_hidden(column, not checked)
            )
        menu.addSeparator()
        menu.addAction(self.tr("Restore default columns"), self.reset_columns)
        menu.exec(header.mapToGlobal(position))

    # -- search and filters --------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def search_now(self) -> None:
        """Run the typed search at once (Enter, the pause after typing, or a test)."""
        self._search_timer.stop()
        text = self.search_field.text().strip()
        self._run_search(replace(self.model.referral_filter, search=text), by_user=True)

    def apply_filters(self, *, by_user: bool = True) -> None:
        self._search_timer.stop()
        flt = self.filter_bar.apply(self.model.referral_filter)
        if self._monitoring_terms:
            flt = replace(flt, **self._monitoring_terms)  # type: ignore[arg-type]
        self._run_search(replace(flt, search=self.search_field.text().strip()), by_user=by_user)

    def show_filter(self, flt: ReferralFilter) -> None:
        """List exactly the referrals of ``flt`` (a figure clicked on the Monitoraggio page):
        the filter bar shows its terms; those it has no control for are named beside it, and
        "Remove" (or "Clear filters") takes them all away."""
        if not self._choices_loaded:
            self.load_choices()
        self._search_timer.stop()
        self.search_field.blockSignals(True)
        try:
            self.search_field.setText(flt.search)
        finally:
            self.search_field.blockSignals(False)
        self._monitoring_terms = self.filter_bar.select(flt)
        self.monitoring_label.setText(self._monitoring_text(self._monitoring_terms))
        self.monitoring_chip.show()
        self.apply_filters()

    def clear_monitoring_filter(self) -> None:
        if not self.monitoring_chip.isVisible() and not self._monitoring_terms:
            return
        self._monitoring_terms = {}
        self.monitoring_chip.hide()
        self.filter_bar.reset()

    def _monitoring_text(self, terms: dict[str, object]) -> str:
        from desktop.services.sites import site_name, site_names  # noqa: PLC0415 - when used

        parts = []
        site = terms.get("sent_by_site")
        if isinstance(site, str):
            sender = site_name(site_names(self.model.store), site)
            parts.append(self.tr("sent by %1").replace("%1", sender))
        if "job_centre_id" in terms:
            parts.append(self.tr("a CPI no longer listed"))
        if "ambito_id" in terms:
            parts.append(self.tr("an Ambito no longer listed"))
        start, end = terms.get("created_from"), terms.get("created_to")
        if isinstance(start, date):
            parts.append(self.tr("created from %1").replace("%1", format_date(start)))
        if isinstance(end, date):
            parts.append(self.tr("created up to %1").replace("%1", format_date(end)))
        if not parts:
            return self.tr("Filter from the monitoring page, shown in the filters above.")
        return self.tr("Filter from the monitoring page: %1 (and the filters above).").replace(
            "%1", "; ".join(parts)
        )

    def _run_search(self, flt: ReferralFilter, *, by_user: bool) -> None:
        if flt == self.model.referral_filter:
            return
        self.model.set_filter(flt)
        if by_user:
            # Once per search the operator runs (typing is debounced above), after the results
            # are on screen: only a search showing special-category data is recorded.
            QTimer.singleShot(0, self, self._audit_search)

    def _audit_search(self) -> None:
        from desktop.services.installation import current_actor  # noqa: PLC0415
        from desktop.services.referrals.access import record_list_search  # noqa: PLC0415
        from desktop.ui.referrals.audit import audit_in_background  # noqa: PLC0415

        model = self.model
        store, flt, results, exact = (
            model.store, model.referral_filter, model.rowCount(), model.count_exact
        )  # fmt: skip
        # Off the GUI thread: which tracks the results hold takes a count of its own.
        audit_in_background(
            lambda: record_list_search(
                store, actor=current_actor(store), flt=flt, results=results, exact=exact
            ),
            lambda: emit(self.searchAudited),
            self,
        )

    def load_choices(self) -> None:
        """Fill the CPI and Ambito filters and "my office/CPI" from the store (again after a
        change of settings)."""
        self._show_choices(read_choices(self.model.store))

    def _load_choices_in_background(self) -> None:
        """After the first paint: read on the thread pool (the ORM is not loaded yet, and the
        GUI thread must not load it), shown when read."""
        store = self.model.store
        task = BackgroundTask(lambda _cancelled, _progress: read_choices(store), parent=self)
        task.finished.connect(self._show_choices)
        task.start()
        self._choices_task = task

    def _show_choices(self, choices: object) -> None:
        assert isinstance(choices, FilterChoices)
        self._choices_loaded = True
        self.filter_bar.set_choices(
            choices.job_centres,
            choices.ambiti,
            own_site=choices.own_site,
            own_job_centre=choices.own_job_centre,
        )
        self.apply_filters(by_user=False)
        self.choicesLoaded.emit()

    def _on_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_count_changed(self, count: int) -> None:
        if self.model.count_exact:
            text = self.tr("%Ln referral(s)", "", count)
        else:
            text = self.tr("more than %1 referrals, counting…").replace("%1", format_count(count))
        self.count_label.setText(text)
        self.empty_state.set_sentence(self._empty_sentence() if count == 0 else "")
        self.countChanged.emit(count)

    def _empty_sentence(self) -> str:
        flt = self.model.referral_filter
        if flt.search.strip():
            return no_result_sentence(flt.search.strip())
        if flt != ReferralFilter():
            return self.tr("No referral matches these filters. Change the filters.")
        return self.tr("No referrals yet. Create the first with «New referral».")

    # -- rows ----------------------------------------------------------------------------------

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _open_row(self, row: int) -> None:
        found = self.model.row_at(row)
        if found is not None:
            self.openRequested.emit(found.id)

    def _row_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        row = index.data(ROW_ROLE)
        menu = QMenu(self)
        menu.addAction(self.tr("&Open"), lambda: self.openRequested.emit(row.id))
        menu.addSeparator()
        if row.restricted:
            action = QAction(self.tr("&Lift restriction…"), menu)
        else:
            action = QAction(self.tr("&Restrict processing…"), menu)
        action.triggered.connect(lambda: self.change_restriction(row.id, not row.restricted))
        menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def change_restriction(self, referral_id: str, restrict: bool) -> None:
        """Ask for the reason and restrict the referral, or lift its restriction."""
        from desktop.services.installation import current_actor  # noqa: PLC0415
        from desktop.services.referrals.records import set_referral_restriction  # noqa: PLC0415
        from desktop.ui.persons.restriction_dialog import RestrictionDialog  # noqa: PLC0415

        store = self.model.store

        def apply(reason: str) -> object:
            return set_referral_restriction(
                store,
                actor=current_actor(store),
                referral_id=referral_id,
                restricted=restrict,
                reason=reason,
            )

        dialog = RestrictionDialog(
            restrict=restrict, subject=self.tr("this referral"), apply=apply, parent=self
        )
        if dialog.exec():
            self.model.refresh()

    def export(self) -> None:
        """Ask how, then export the list as shown (never its restricted rows)."""
        from desktop.services.installation import current_actor  # noqa: PLC0415
        from desktop.ui.referrals.export_dialog import (  # noqa: PLC0415 - only when used
            ReferralExportDialog,
            run_export,
        )

        if self.model.rowCount() == 0:
            QMessageBox.information(self, self.tr("Export"), self.tr("The list is empty."))
            return
        today = self.model.today()
        dialog = ReferralExportDialog(shown=self.model.rowCount(), today=today, parent=self)
        if not dialog.exec():
            return
        self._export_task = run_export(
            self,
            self.model.store,
            self.model.referral_filter,
            sort=self.model.sort_key,
            descending=self.model.descending,
            today=today,
            choice=dialog.choice(),
            actor=current_actor(self.model.store),
        )

    # -- events --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_field
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            # From the search straight into the results, as in a mail client.
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.model.rowCount() and self.current_row() < 0:
                self.table.selectRow(0)
            return True
        if (
            not self._choices_loaded
            and watched is self.table.viewport()
            and event.type() == QEvent.Type.Paint
        ):
            self._choices_loaded = True
            # Queued: runs once this paint is done, so the list is on screen first.
            QTimer.singleShot(0, self, self._load_choices_in_background)  # skipped once deleted
        return False


class _ReferralTable(QTableView):
    """Enter opens the current row (a table would otherwise only move to the next one)."""

    openRequested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid():
                self.openRequested.emit(index.row())
                return
        super().keyPressEvent(event)
