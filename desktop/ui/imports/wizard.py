"""The import wizard: the file, the mapping of its columns, the dry run, the commit.

Four steps in one dialog. Everything that reads the file or the store (opening the workbook,
the dry run, the report, the commit) runs on a worker (``desktop.ui.background``) with a
progress bar and a "Stop" button; the dialog only shows results. Nothing is written before the
user confirms "Import N rows" on the dry run's result, and a stopped commit writes nothing.

The services' functions are called through their modules (``sources.read_table``, ...) so that
each step uses whatever the service does today.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import ServiceError
from desktop.services.context import Actor
from desktop.services.imports import commit as commit_service
from desktop.services.imports import fields as fields_service
from desktop.services.imports import plan as plan_service
from desktop.services.imports import report as report_service
from desktop.services.imports import sources as sources_service
from desktop.services.imports.model import (
    Cancelled,
    CellValue,
    ColumnMapping,
    ImportCancelled,
    ImportKind,
    ImportOutcome,
    ImportPlan,
    NearMatchDecision,
    Progress,
    RowPlan,
    RowVerdict,
    SourceInfo,
    SourceTable,
)
from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask
from desktop.ui.common.fields import set_read_only
from desktop.ui.common.formats import format_count, format_date
from desktop.ui.common.window_state import fit_window
from desktop.ui.imports.rows_model import (
    COL_PERSON,
    COL_ROW,
    COL_VERDICT,
    ERROR_COLOUR,
    PlanRowsModel,
    chosen_as_new,
    pending,
)
from desktop.ui.operations import Changes, announce, refusal_text, report_bug

STEP_SOURCE, STEP_MAPPING, STEP_RESULT, STEP_DONE = range(4)
# The most progress reports a second that reach the GUI thread, whatever the service sends.
PROGRESS_INTERVAL_S = 0.1
SAMPLES = 3
SAMPLE_CHARS = 28

JOB_READ, JOB_DRY_RUN, JOB_REPORT, JOB_COMMIT = "read", "dry_run", "report", "commit"
COUNT_KEYS = ("create", "update", "unchanged", "skipped", "decide")
VERDICT_KEYS = {
    RowVerdict.CREATE: "create",
    RowVerdict.UPDATE: "update",
    RowVerdict.UNCHANGED: "unchanged",
    RowVerdict.SKIPPED: "skipped",
}

Job = Callable[[Cancelled, Progress], object]


def throttled(progress: Progress, interval: float = PROGRESS_INTERVAL_S) -> Progress:
    """``progress`` called at most once per ``interval`` (and always for the last row)."""
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= interval or (total and done >= total):
            last[0] = now
            progress(done, total)

    return report


_held = [0]
_held_lock = threading.Lock()
_saved_thresholds: list[tuple[int, int, int]] = []


@contextmanager
def young_collections_only() -> Iterator[None]:
    """No full garbage collection over the import's objects while its job runs, nor after.

    A full collection walks every object of the process while holding the GIL: with a
    20,000-row plan and the commit's ORM objects alive it took up to 1.6 s, and the GUI thread
    stood still for as long (tests/bench/imports.py). So the objects alive when the job starts
    (the application, the table read, the plan) and those it leaves (its result) are frozen out
    of the collections (``gc.freeze``, as the print batch does), and the oldest generation is
    not collected while the job runs; the young generations still are (a few milliseconds
    each), so short-lived cycles go as usual. The wizard unfreezes them when it closes.
    """
    with _held_lock:
        if _held[0] == 0:
            gc.freeze()
            _saved_thresholds[:] = [gc.get_threshold()]
            young, middle, _old = _saved_thresholds[0]
            gc.set_threshold(young, middle, 1_000_000_000)
        _held[0] += 1
    try:
        yield
    finally:
        with _held_lock:
            _held[0] -= 1
            if _held[0] == 0 and _saved_thresholds:
                gc.freeze()
                gc.set_threshold(*_saved_thresholds[0])


def cell_text(value: CellValue) -> str:
    """A cell as the user reads it in a sample: dates gg/mm/aaaa, yes/no, numbers as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("ImportWizard", "yes")
        return QCoreApplication.translate("ImportWizard", "no")
    if hasattr(value, "day"):
        text = format_date(value)  # type: ignore[arg-type]
        hour = getattr(value, "hour", 0) or 0
        minute = getattr(value, "minute", 0) or 0
        return f"{text} {hour:02d}:{minute:02d}" if hour or minute else text
    text = " ".join(str(value).split())
    return text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS - 1] + "…"


class Figure(QFrame):
    """A count in large figures over its caption ("120 / Da creare")."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = caption
        self.value_label = QLabel("0", self)
        font = QFont(self.value_label.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.value_label.setFont(font)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption_label = QLabel(caption, self)
        caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(0)
        layout.addWidget(self.value_label)
        layout.addWidget(caption_label)
        self.set_value(0)

    def set_value(self, value: int) -> None:
        self.value = value
        self.value_label.setText(format_count(value))
        self.setAccessibleName(f"{self.caption}: {format_count(value)}")


class ImportWizard(QDialog):
    """Strumenti → Importa da Excel…"""

    stepChanged = Signal(int)
    # A worker's result or failure has been shown; the job's name (JOB_READ, ...).
    jobEnded = Signal(str)

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # What the jobs froze out of the garbage collections is handed back once closed.
        self.finished.connect(lambda _result: gc.unfreeze())
        self.store = store
        self.today = today
        self.path: Path | None = None
        self.info: SourceInfo | None = None
        self.table: SourceTable | None = None
        self.plan: ImportPlan | None = None
        self.decisions: dict[int, NearMatchDecision] = {}
        self.outcome: ImportOutcome | None = None
        self.task: BackgroundTask | None = None
        self.job_name = ""
        self._stop = threading.Event()
        self._mapped_for: tuple[int, ImportKind] | None = None
        self.combos: list[QComboBox] = []
        self._base_counts: dict[str, int] = dict.fromkeys(COUNT_KEYS, 0)
        self._near_rows: list[RowPlan] = []

        self.setWindowTitle(self.tr("Import from Excel"))
        self.step_label = QLabel(self)
        bold = QFont(self.step_label.font())
        if bold.pointSizeF() > 0:
            bold.setPointSizeF(bold.pointSizeF() * 1.25)
        bold.setBold(True)
        self.step_label.setFont(bold)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._source_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._result_page())
        self.pages.addWidget(self._done_page())

        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setAccessibleName(self.tr("Message"))
        self.message_label.hide()

        self.busy_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName(self.tr("Progress"))
        self.stop_button = QPushButton(self.tr("&Stop"), self)
        self.stop_button.setAccessibleName(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop_job)
        busy = QHBoxLayout()
        busy.addWidget(self.busy_label)
        busy.addWidget(self.progress_bar, 1)
        busy.addWidget(self.stop_button)
        self.busy_row = QWidget(self)
        self.busy_row.setLayout(busy)
        self.busy_row.hide()

        self.back_button = QPushButton(self.tr("< &Back"), self)
        self.back_button.setAccessibleName(self.tr("Back"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("&Next >"), self)
        self.next_button.setAccessibleName(self.tr("Next"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.go_next)
        self.close_button = QPushButton(self.tr("&Close"), self)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.busy_row)
        layout.addLayout(buttons)
        # A 1366×768 laptop: the dialog and its title bar within the screen, room for a task bar.
        fit_window(self, 1100, 660, minimum=QSize(760, 520), key="import_wizard")
        self._show_step(STEP_SOURCE)

    # ================================================================== step 1: the file

    def _source_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "Choose an Excel workbook (.xlsx, .xlsm, .xls) or a CSV file, and say what it "
                "holds. Nothing is written into Trama until you confirm, after a dry run."
            ),
            page,
        )
        intro.setWordWrap(True)
        file_caption = QLabel(self.tr("&File:"), page)
        self.path_edit = QLineEdit(page)
        set_read_only(self.path_edit)
        self.path_edit.setAccessibleName(self.tr("File"))
        self.path_edit.setPlaceholderText(self.tr("No file chosen"))
        file_caption.setBuddy(self.path_edit)
        self.browse_button = QPushButton(self.tr("C&hoose the file…"), page)
        self.browse_button.setAccessibleName(self.tr("Choose the file"))
        self.browse_button.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(file_caption)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)

        kind_box = QGroupBox(self.tr("The file holds"), page)
        self.referrals_radio = QRadioButton(self.tr("&Referrals"), kind_box)
        self.referrals_radio.setAccessibleName(self.tr("Referrals"))
        self.persons_radio = QRadioButton(self.tr("&Persons"), kind_box)
        self.persons_radio.setAccessibleName(self.tr("Persons"))
        self.referrals_radio.setChecked(True)
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.referrals_radio)
        self.kind_group.addButton(self.persons_radio)
        self.referrals_radio.toggled.connect(self._on_kind_changed)
        kind_layout = QHBoxLayout(kind_box)
        kind_layout.addWidget(self.referrals_radio)
        kind_layout.addWidget(self.persons_radio)
        kind_layout.addStretch(1)

        sheet_caption = QLabel(self.tr("S&heet:"), page)
        self.sheet_combo = QComboBox(page)
        self.sheet_combo.setAccessibleName(self.tr("Sheet"))
        self.sheet_combo.setMinimumContentsLength(30)
        self.sheet_combo.setEnabled(False)
        sheet_caption.setBuddy(self.sheet_combo)
        self.sheet_combo.activated.connect(self._on_sheet_chosen)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(sheet_caption)
        sheet_row.addWidget(self.sheet_combo)
        sheet_row.addStretch(1)

        self.table_summary = QLabel(page)
        self.table_summary.setWordWrap(True)
        notices_caption = QLabel(self.tr("What the reading &noticed:"), page)
        self.notices_list = QListWidget(page)
        self.notices_list.setAccessibleName(self.tr("What the reading noticed"))
        self.notices_list.setWordWrap(True)
        notices_caption.setBuddy(self.notices_list)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(kind_box)
        layout.addLayout(sheet_row)
        layout.addWidget(self.table_summary)
        layout.addWidget(notices_caption)
        layout.addWidget(self.notices_list, 1)
        return page

    @property
    def kind(self) -> ImportKind:
        return ImportKind.PERSONS if self.persons_radio.isChecked() else ImportKind.REFERRALS

    def set_kind(self, kind: ImportKind) -> None:
        (self.persons_radio if kind is ImportKind.PERSONS else self.referrals_radio).setChecked(
            True
        )

    def browse(self) -> None:
        folder = str(self.path.parent) if self.path is not None else ""
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the file to import"),
            folder,
            self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.csv);;All files (*)"),
        )
        if chosen:
            self.open_file(Path(chosen))

    def open_file(self, path: Path) -> None:
        """Read ``path``'s sheets and its first visible sheet, on the worker."""
        self.path = path
        self.info = None
        self.table = None
        self._forget_plan()
        self.path_edit.setText(str(path))
        self.sheet_combo.clear()
        self.sheet_combo.setEnabled(False)
        self.table_summary.clear()
        self.notices_list.clear()

        def job(cancelled: Cancelled, progress: Progress) -> object:
            info = sources_service.inspect_source(path)
            table = sources_service.read_table(
                path, None, source=info, progress=progress, cancelled=cancelled
            )
            return info, table

        self._start(JOB_READ, job, self._on_read, self.tr("Reading the file…"))

    def _on_sheet_chosen(self, index: int) -> None:
        name = self.sheet_combo.itemData(index)
        if self.path is None or self.info is None or name is None:
            return
        if self.table is not None and self.table.sheet == name:
            return
        path, info = self.path, self.info
        self.table = None
        self._forget_plan()

        def job(cancelled: Cancelled, progress: Progress) -> object:
            table = sources_service.read_table(
                path, str(name), source=info, progress=progress, cancelled=cancelled
            )
            return info, table

        self._start(JOB_READ, job, self._on_read, self.tr("Reading the sheet…"))

    def _on_read(self, result: object) -> None:
        assert isinstance(result, tuple)
        info: object = result[0]
        table: object = result[1]
        assert isinstance(info, SourceInfo) and isinstance(table, SourceTable)
        self.info = info
        self.table = table
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for sheet in info.sheets:
            text = sheet.name
            if sheet.hidden:
                text = self.tr("%1 (hidden)").replace("%1", sheet.name)
            self.sheet_combo.addItem(text, sheet.name)
        self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findData(table.sheet), 0))
        self.sheet_combo.blockSignals(False)
        self.sheet_combo.setEnabled(len(info.sheets) > 1)
        first = table.column_letters[0] if table.column_letters else ""
        last = table.column_letters[-1] if table.column_letters else ""
        self.table_summary.setText(
            self.tr("Header on row %1 (columns %2–%3): %4 columns, %5 rows of data.")
            .replace("%1", str(table.header_row))
            .replace("%2", first)
            .replace("%3", last)
            .replace("%4", format_count(len(table.headers)))
            .replace("%5", format_count(len(table.rows)))
        )
        self.notices_list.clear()
        for notice in table.notices:
            self.notices_list.addItem(notice.message)
        if not table.notices:
            self.notices_list.addItem(self.tr("Nothing unusual: the sheet is read as it is."))
        self._update_buttons()

    def _on_kind_changed(self) -> None:
        self._forget_plan()
        self._mapped_for = None
        self._update_buttons()

    # ================================================================== step 2: the mapping

    def _mapping_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "Each column of the file and the field of Trama it fills, as suggested from its "
                "header. Change what is wrong; fields marked * are required."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.mapping_area = QScrollArea(page)
        self.mapping_area.setWidgetResizable(True)
        self.mapping_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mapping_area.setAccessibleName(self.tr("Columns of the file"))
        self.missing_label = QLabel(page)
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(f"color: {ERROR_COLOUR.name()};")
        self.missing_label.setAccessibleName(self.tr("Required fields not mapped"))
        self.load_mapping_button = QPushButton(self.tr("&Load mapping…"), page)
        self.load_mapping_button.setAccessibleName(self.tr("Load mapping"))
        self.load_mapping_button.clicked.connect(self.load_mapping)
        self.save_mapping_button = QPushButton(self.tr("&Save mapping…"), page)
        self.save_mapping_button.setAccessibleName(self.tr("Save mapping"))
        self.save_mapping_button.clicked.connect(self.save_mapping)
        row = QHBoxLayout()
        row.addWidget(self.missing_label, 1)
        row.addWidget(self.load_mapping_button)
        row.addWidget(self.save_mapping_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.mapping_area, 1)
        layout.addLayout(row)
        return page

    def _build_mapping(self) -> None:
        table = self.table
        assert table is not None
        kind = self.kind
        known = fields_service.import_fields(kind)
        suggested = fields_service.suggest_mapping(kind, table.headers)
        self.required = tuple(field for field in known if field.required)
        self.field_labels = {field.key: field.label for field in known}
        container = QWidget()
        grid = QGridLayout(container)
        grid.setHorizontalSpacing(14)
        for column, caption in enumerate(
            (self.tr("Column"), self.tr("Header"), self.tr("Examples"), self.tr("Trama field"))
        ):
            heading = QLabel(f"<b>{caption}</b>", container)
            grid.addWidget(heading, 0, column)
        self.combos = []
        samples = self._samples(table)
        for index, header in enumerate(table.headers):
            letter = table.column_letters[index] if index < len(table.column_letters) else ""
            grid.addWidget(QLabel(letter, container), index + 1, 0)
            shown = header
            if index in table.hidden_columns:
                shown = self.tr("%1 (hidden)").replace("%1", header)
            header_label = QLabel(shown, container)
            grid.addWidget(header_label, index + 1, 1)
            sample_label = QLabel(" · ".join(samples[index]), container)
            sample_label.setStyleSheet("color: palette(placeholder-text);")
            # Long samples are cut rather than widening the grid past the dialog.
            sample_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            grid.addWidget(sample_label, index + 1, 2)
            combo = QComboBox(container)
            combo.addItem(self.tr("— do not import —"), None)
            for field in known:
                combo.addItem(field.label + (" *" if field.required else ""), field.key)
            combo.setCurrentIndex(max(combo.findData(suggested.field_of(header)), 0))
            combo.setAccessibleName(
                self.tr("Trama field for column %1 (%2)")
                .replace("%1", letter)
                .replace("%2", header)
            )
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            grid.addWidget(combo, index + 1, 3)
            self.combos.append(combo)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(table.headers) + 1, 1)
        self.mapping_area.setWidget(container)
        self._mapped_for = (id(table), kind)
        self._on_mapping_changed()

    @staticmethod
    def _samples(table: SourceTable) -> list[list[str]]:
        samples: list[list[str]] = [[] for _ in table.headers]
        wanting = len(table.headers)
        for row in table.rows:
            if not wanting:
                break
            for index, value in enumerate(row.cells[: len(samples)]):
                found = samples[index]
                if len(found) < SAMPLES:
                    text = cell_text(value)
                    if text:
                        found.append(text)
                        if len(found) == SAMPLES:
                            wanting -= 1
        return samples

    def mapping(self) -> ColumnMapping:
        """The mapping as the combos show it."""
        assert self.table is not None
        return ColumnMapping(
            kind=self.kind,
            by_header={
                header: combo.currentData()
                for header, combo in zip(self.table.headers, self.combos, strict=True)
            },
        )

    def missing_fields(self) -> list[str]:
        chosen = {combo.currentData() for combo in self.combos}
        return [field.label for field in self.required if field.key not in chosen]

    def repeated_fields(self) -> list[str]:
        seen: set[str] = set()
        repeated: list[str] = []
        for combo in self.combos:
            key = combo.currentData()
            if key is None:
                continue
            if key in seen and self.field_labels.get(key, key) not in repeated:
                repeated.append(self.field_labels.get(key, key))
            seen.add(key)
        return repeated

    def _on_mapping_changed(self) -> None:
        self._forget_plan()
        texts = []
        missing = self.missing_fields()
        if missing:
            texts.append(
                self.tr("Required fields without a column: %1.").replace("%1", ", ".join(missing))
            )
        repeated = self.repeated_fields()
        if repeated:
            texts.append(
                self.tr("Chosen for more than one column: %1.").replace("%1", ", ".join(repeated))
            )
        self.missing_label.setText(" ".join(texts))
        self._update_buttons()

    def set_field(self, header: str, key: str | None) -> None:
        """Choose the field of the column headed ``header`` (as the user would)."""
        assert self.table is not None
        combo = self.combos[self.table.headers.index(header)]
        combo.setCurrentIndex(max(combo.findData(key), 0))

    def load_mapping(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load a mapping"), self._folder(), self.tr("Mappings (*.json)")
        )
        if not chosen:
            return
        try:
            loaded = fields_service.load_mapping(Path(chosen))
        except (ServiceError, OSError) as error:
            self._say(refusal_text(error), error=True)
            return
        if loaded.kind is not self.kind:
            self.set_kind(loaded.kind)
            self._build_mapping()
        assert self.table is not None
        applied = 0
        for header, combo in zip(self.table.headers, self.combos, strict=True):
            if header in loaded.by_header:
                combo.setCurrentIndex(max(combo.findData(loaded.by_header[header]), 0))
                applied += 1
        self._say(
            self.tr("Mapping loaded: %1 of %2 columns taken from it, the others as suggested.")
            .replace("%1", str(applied))
            .replace("%2", str(len(self.combos)))
        )

    def save_mapping(self) -> None:
        name = f"mappatura-{'persone' if self.kind is ImportKind.PERSONS else 'segnalazioni'}.json"
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the mapping"),
            str(Path(self._folder()) / name),
            self.tr("Mappings (*.json)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".json":
            path = path.with_suffix(".json")
        try:
            fields_service.save_mapping(path, self.mapping())
        except (ServiceError, OSError) as error:
            self._say(refusal_text(error), error=True)
            return
        self._say(self.tr("Mapping saved in %1.").replace("%1", str(path)))

    def _folder(self) -> str:
        return str(self.path.parent) if self.path is not None else ""

    # ================================================================== step 3: the dry run

    def _result_page(self) -> QWidget:
        page = QWidget(self)
        self.figure_create = Figure(self.tr("To create"), page)
        self.figure_update = Figure(self.tr("To update"), page)
        self.figure_unchanged = Figure(self.tr("Unchanged"), page)
        self.figure_skipped = Figure(self.tr("Skipped"), page)
        self.figure_decide = Figure(self.tr("To decide"), page)
        figures = QHBoxLayout()
        for figure in (
            self.figure_create,
            self.figure_update,
            self.figure_unchanged,
            self.figure_skipped,
            self.figure_decide,
        ):
            figures.addWidget(figure)
        self.plan_notes = QLabel(page)
        self.plan_notes.setWordWrap(True)
        self.only_problems_box = QCheckBox(self.tr("&Only rows with errors or warnings"), page)
        self.only_problems_box.setAccessibleName(self.tr("Only rows with errors or warnings"))
        self.only_problems_box.toggled.connect(self._on_filter)
        self.save_report_button = QPushButton(self.tr("Save E&xcel report…"), page)
        self.save_report_button.setAccessibleName(self.tr("Save Excel report"))
        self.save_report_button.clicked.connect(self.save_report)
        tools = QHBoxLayout()
        tools.addWidget(self.only_problems_box)
        tools.addStretch(1)
        tools.addWidget(self.save_report_button)

        self.rows_model = PlanRowsModel(self)
        self.rows_view = QTableView(page)
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setAccessibleName(self.tr("Rows of the file"))
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rows_view.setWordWrap(False)
        self.rows_view.setAlternatingRowColors(True)
        self.rows_view.setTabKeyNavigation(False)
        vertical = self.rows_view.verticalHeader()
        vertical.hide()
        # Fixed heights: the view never measures 20,000 rows to scroll.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        horizontal = self.rows_view.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        horizontal.resizeSection(COL_ROW, char * 8)
        horizontal.resizeSection(COL_VERDICT, char * 30)
        horizontal.resizeSection(COL_PERSON, char * 42)
        horizontal.setStretchLastSection(True)
        self.rows_view.selectionModel().currentRowChanged.connect(self._on_current_row)

        self.near_box = QGroupBox(self.tr("Possibly a person already in Trama"), page)
        self.near_label = QLabel(self.tr("Select a row marked “To decide”."), self.near_box)
        self.near_label.setWordWrap(True)
        self.new_person_radio = QRadioButton(self.tr("Import as a ne&w person"), self.near_box)
        self.new_person_radio.setAccessibleName(self.tr("Import as a new person"))
        self.skip_radio = QRadioButton(self.tr("S&kip this row"), self.near_box)
        self.skip_radio.setAccessibleName(self.tr("Skip this row"))
        self.decision_group = QButtonGroup(self)
        self.decision_group.addButton(self.new_person_radio)
        self.decision_group.addButton(self.skip_radio)
        self.new_person_radio.clicked.connect(
            lambda: self._decide_current(NearMatchDecision.NEW_PERSON)
        )
        self.skip_radio.clicked.connect(lambda: self._decide_current(NearMatchDecision.SKIP))
        near_layout = QHBoxLayout(self.near_box)
        near_layout.addWidget(self.near_label, 1)
        near_layout.addWidget(self.new_person_radio)
        near_layout.addWidget(self.skip_radio)
        self.near_box.setEnabled(False)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(figures)
        layout.addWidget(self.plan_notes)
        layout.addLayout(tools)
        layout.addWidget(self.rows_view, 1)
        layout.addWidget(self.near_box)
        return page

    def start_dry_run(self) -> None:
        table = self.table
        assert table is not None
        mapping = self.mapping()
        actor = self._actor()
        store, today = self.store, self.today()

        def job(cancelled: Cancelled, progress: Progress) -> object:
            return plan_service.dry_run(
                store,
                table,
                mapping,
                actor=actor,
                today=today,
                progress=progress,
                cancelled=cancelled,
            )

        self._start(JOB_DRY_RUN, job, self._on_planned, self.tr("Dry run: checking every row…"))

    def _on_planned(self, result: object) -> None:
        assert isinstance(result, ImportPlan)
        self.plan = result
        self.decisions = {}
        self._tally(result)
        self.only_problems_box.setChecked(False)
        self.rows_model.set_plan(result, self.decisions)
        notes = []
        if result.missing:
            notes.append(
                self.tr("Required fields without a column: %1.").replace(
                    "%1", ", ".join(result.missing)
                )
            )
        if result.unmapped:
            notes.append(
                self.tr("Columns not imported: %1.").replace("%1", ", ".join(result.unmapped))
            )
        self.plan_notes.setText(" ".join(notes))
        self.plan_notes.setVisible(bool(notes))
        self._refresh_counts()
        self._show_step(STEP_RESULT)
        if self.rows_model.rowCount():
            self.rows_view.setCurrentIndex(self.rows_model.index(0, 0))

    def _tally(self, plan: ImportPlan | None) -> None:
        """Count the plan's verdicts once; only its near matches change with the decisions.

        The GUI thread does this when the dry run's result arrives: one pass, so that the
        result of 20,000 rows shows without a stall, and each decision recounts only the few
        near matches.
        """
        self._base_counts = dict.fromkeys(COUNT_KEYS, 0)
        self._near_rows = []
        if plan is None:
            return
        for row in plan.rows:
            if row.near_match is not None and not row.errors:
                self._near_rows.append(row)
            else:
                self._base_counts[VERDICT_KEYS[row.verdict]] += 1

    def counts(self) -> dict[str, int]:
        """What the figures show: the plan's verdicts with the user's decisions applied."""
        counts = dict(self._base_counts)
        for row in self._near_rows:
            if pending(row, self.decisions):
                counts["decide"] += 1
            elif chosen_as_new(row, self.decisions):
                counts["create"] += 1
            else:
                counts[VERDICT_KEYS[row.verdict]] += 1
        return counts

    def importable_count(self) -> int:
        """The rows the commit writes: to create (near matches taken as new too), to update."""
        counts = self.counts()
        return counts["create"] + counts["update"]

    def _refresh_counts(self) -> None:
        counts = self.counts()
        self.figure_create.set_value(counts["create"])
        self.figure_update.set_value(counts["update"])
        self.figure_unchanged.set_value(counts["unchanged"])
        self.figure_skipped.set_value(counts["skipped"])
        self.figure_decide.set_value(counts["decide"])
        self._update_buttons()

    def _on_filter(self, only: bool) -> None:
        self.rows_model.set_only_problems(only)
        if self.rows_model.rowCount():
            self.rows_view.setCurrentIndex(self.rows_model.index(0, 0))
        else:
            self._on_current_row(QModelIndex(), QModelIndex())

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.rows_model.row_plan(current.row()) if current.isValid() else None
        deciding = row is not None and row.near_match is not None and not row.errors
        self.near_box.setEnabled(deciding)
        self.decision_group.setExclusive(False)
        self.new_person_radio.setChecked(False)
        self.skip_radio.setChecked(False)
        self.decision_group.setExclusive(True)
        if row is None or not deciding or row.near_match is None:
            self.near_label.setText(self.tr("Select a row marked “To decide”."))
            return
        self.near_label.setText(
            self.tr("Row %1 may be %2 (likeness %3%).")
            .replace("%1", str(row.number))
            .replace("%2", row.near_match.display)
            .replace("%3", str(round(row.near_match.score)))
        )
        decision = self.decisions.get(row.number)
        if decision is NearMatchDecision.NEW_PERSON:
            self.new_person_radio.setChecked(True)
        elif decision is NearMatchDecision.SKIP:
            self.skip_radio.setChecked(True)

    def select_row(self, number: int) -> None:
        """Make the line of the sheet's row ``number`` current (showing every row)."""
        self.only_problems_box.setChecked(False)
        for line in range(self.rows_model.rowCount()):
            row = self.rows_model.row_plan(line)
            if row is not None and row.number == number:
                self.rows_view.selectionModel().setCurrentIndex(
                    self.rows_model.index(line, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.rows_view.scrollTo(self.rows_model.index(line, 0))
                return

    def _decide_current(self, decision: NearMatchDecision) -> None:
        row = self.rows_model.row_plan(self.rows_view.currentIndex().row())
        if row is not None and row.near_match is not None:
            self.decide(row.number, decision)

    def decide(self, number: int, decision: NearMatchDecision) -> None:
        """The user's choice for the near match of the sheet's row ``number``."""
        self.decisions[number] = decision
        self.rows_model.decision_changed(number)
        self._refresh_counts()

    def save_report(self) -> None:
        plan = self.plan
        if plan is None:
            return
        stem = Path(plan.table.source.name).stem
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the report"),
            str(Path(self._folder()) / f"{stem}-esito.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")

        actor, store = self._actor(), self.store

        def job(_cancelled: Cancelled, _progress: Progress) -> object:
            report_service.save_report(store, path, plan, actor=actor)
            return path

        self._start(
            JOB_REPORT, job, self._on_report, self.tr("Writing the report…"), stoppable=False
        )

    def _on_report(self, result: object) -> None:
        self._say(
            self.tr(
                "Report saved in %1: fix the rows marked in its “Errori” column and import the "
                "file again."
            ).replace("%1", str(result))
        )

    # ================================================================== step 4: the commit

    def _done_page(self) -> QWidget:
        page = QWidget(self)
        self.done_label = QLabel(page)
        self.done_label.setWordWrap(True)
        self.figure_created = Figure(self.tr("Created"), page)
        self.figure_updated = Figure(self.tr("Updated"), page)
        self.figure_same = Figure(self.tr("Unchanged"), page)
        self.figure_left = Figure(self.tr("Skipped"), page)
        figures = QHBoxLayout()
        for figure in (
            self.figure_created,
            self.figure_updated,
            self.figure_same,
            self.figure_left,
        ):
            figures.addWidget(figure)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(figures)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        return page

    def confirm_commit(self, count: int) -> bool:
        """The explicit confirmation: "Import N rows", or back to the result."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle())
        box.setText(
            self.tr(
                "%n row(s) will be written into Trama, all together or none. Rows skipped stay "
                "out; importing this file again will create nothing new.",
                "",
                count,
            )
        )
        confirm = box.addButton(
            self.tr("Import %n row(s)", "", count), QMessageBox.ButtonRole.AcceptRole
        )
        back = box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is confirm

    def start_commit(self) -> None:
        plan = self.plan
        assert plan is not None
        count = self.importable_count()
        if not count or not self.confirm_commit(count):
            return
        decisions = dict(self.decisions)
        actor = self._actor()
        store = self.store

        def job(cancelled: Cancelled, progress: Progress) -> object:
            return commit_service.commit_import(
                store,
                plan,
                actor=actor,
                decisions=decisions,
                progress=progress,
                cancelled=cancelled,
            )

        self._start(JOB_COMMIT, job, self._on_committed, self.tr("Importing…"))

    def _on_committed(self, result: object) -> None:
        assert isinstance(result, ImportOutcome) and self.plan is not None
        self.outcome = result
        self.figure_created.set_value(result.created)
        self.figure_updated.set_value(result.updated)
        self.figure_same.set_value(result.unchanged)
        self.figure_left.set_value(result.skipped)
        if self.plan.kind is ImportKind.PERSONS:
            where = self.tr("The persons imported are in the Persons page.")
            changes = Changes(persons=True)
        else:
            where = self.tr("The referrals imported are in the referral list.")
            changes = Changes(referrals=True, persons=True)
        self.done_label.setText(
            self.tr("Import of %1 completed. %2 Importing the same file again creates nothing new.")
            .replace("%1", self.plan.table.source.name)
            .replace("%2", where)
        )
        self._show_step(STEP_DONE)
        announce(changes, self)

    # ================================================================== navigation

    def go_next(self) -> None:
        step = self.pages.currentIndex()
        if self.task is not None:
            return
        if step == STEP_SOURCE and self.table is not None:
            if self._mapped_for != (id(self.table), self.kind):
                self._build_mapping()
            self._show_step(STEP_MAPPING)
        elif step == STEP_MAPPING:
            self.start_dry_run()
        elif step == STEP_RESULT:
            self.start_commit()

    def go_back(self) -> None:
        step = self.pages.currentIndex()
        if self.task is None and step in (STEP_MAPPING, STEP_RESULT):
            self._show_step(step - 1)

    def _show_step(self, step: int) -> None:
        titles = (
            self.tr("Step 1 of 4: the file"),
            self.tr("Step 2 of 4: the columns"),
            self.tr("Step 3 of 4: the dry run"),
            self.tr("Step 4 of 4: done"),
        )
        self.pages.setCurrentIndex(step)
        self.step_label.setText(titles[step])
        self.message_label.hide()
        self._update_buttons()
        self.stepChanged.emit(step)

    def _update_buttons(self) -> None:
        step = self.pages.currentIndex()
        busy = self.task is not None
        self.back_button.setVisible(step in (STEP_MAPPING, STEP_RESULT))
        self.back_button.setEnabled(not busy)
        self.next_button.setVisible(step != STEP_DONE)
        if step == STEP_SOURCE:
            self.next_button.setText(self.tr("&Next >"))
            ready = self.table is not None
        elif step == STEP_MAPPING:
            self.next_button.setText(self.tr("&Dry run >"))
            ready = bool(self.combos) and not self.repeated_fields()
        else:
            count = self.importable_count()
            self.next_button.setText(self.tr("&Import %n row(s)", "", count))
            ready = count > 0
        self.next_button.setAccessibleName(self.next_button.text().replace("&", ""))
        self.next_button.setEnabled(ready and not busy)
        self.browse_button.setEnabled(not busy)
        # What the running job was started from stays as it is until the job ends.
        self.referrals_radio.setEnabled(not busy)
        self.persons_radio.setEnabled(not busy)
        self.mapping_area.setEnabled(not busy)
        self.sheet_combo.setEnabled(
            not busy and self.info is not None and len(self.info.sheets) > 1
        )
        self.save_report_button.setEnabled(not busy and self.plan is not None)
        self.load_mapping_button.setEnabled(not busy)
        self.save_mapping_button.setEnabled(not busy and bool(self.combos))
        # Buttons whose text just changed are sized now, not at the next layout pass.
        self.next_button.updateGeometry()
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def _forget_plan(self) -> None:
        if self.plan is not None:
            self.plan = None
            self.decisions = {}
            self._tally(None)
            self.rows_model.set_plan(None, self.decisions)

    # ================================================================== the worker

    def _start(
        self,
        name: str,
        job: Job,
        done: Callable[[object], None],
        label: str,
        *,
        stoppable: bool = True,
    ) -> None:
        # The Stop button asks through an event of its own rather than BackgroundTask.cancel,
        # which would drop the result: a commit that ended before it saw the request must still
        # be shown as done.
        stop = threading.Event()
        self._stop = stop

        def run(cancelled: Cancelled, progress: Progress) -> object:
            with young_collections_only():
                return job(lambda: stop.is_set() or cancelled(), throttled(progress))

        task = BackgroundTask(run, parent=self)
        task.progressed.connect(self._on_progress)
        task.finished.connect(lambda result: self._ended(name, done, result, None))
        task.failed.connect(lambda error: self._ended(name, done, None, error))
        self.task = task
        self.job_name = name
        self.message_label.hide()
        self.busy_label.setText(label)
        self.progress_bar.setRange(0, 0)
        self.stop_button.setEnabled(stoppable)
        self.stop_button.setVisible(stoppable)
        self.busy_row.show()
        self._update_buttons()
        if stoppable:
            self.stop_button.setFocus()
        task.start()

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))

    def stop_job(self) -> None:
        """Ask the running job to stop; it ends (and says so) at the next row."""
        if self.task is not None:
            self._stop.set()
            self.stop_button.setEnabled(False)
            self.busy_label.setText(self.tr("Stopping…"))

    def _ended(
        self,
        name: str,
        done: Callable[[object], None],
        result: object,
        error: object,
    ) -> None:
        self.task = None
        self.job_name = ""
        self.busy_row.hide()
        self._update_buttons()
        if error is None:
            done(result)
        elif isinstance(error, ImportCancelled):
            self._say(self._stopped_text(name))
        elif isinstance(error, Exception):
            self._failed(name, error)
        self.next_button.setFocus()
        self.jobEnded.emit(name)

    def _stopped_text(self, name: str) -> str:
        if name == JOB_COMMIT:
            return self.tr("Import stopped: nothing was written into Trama.")
        if name == JOB_DRY_RUN:
            return self.tr("Dry run stopped; nothing was written. Start it again when ready.")
        return self.tr("Reading stopped.")

    def _failed(self, name: str, error: Exception) -> None:
        from desktop.ui.crash.storage import storage_failure  # noqa: PLC0415 - on failure only

        named = storage_failure(error)
        if named is not None:
            self._say(refusal_text(named), error=True)
        elif isinstance(error, ServiceError | OSError):
            text = refusal_text(error)
            if name == JOB_COMMIT:
                text += " " + self.tr("Nothing was written into Trama.")
            self._say(text, error=True)
        else:
            report_bug(error)
            self._say(self.tr("Something went wrong; nothing was written into Trama."), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(f"color: {ERROR_COLOUR.name()};" if error else "")
        self.message_label.show()

    def _actor(self) -> Actor:
        from desktop.services.installation import current_actor  # noqa: PLC0415 - when used

        return current_actor(self.store)

    # ================================================================== closing

    def reject(self) -> None:
        if self.task is not None:
            # A job holds the file (or a transaction): it is asked to stop, and the dialog
            # closes when the user asks again after it has.
            self.stop_job()
            return
        super().reject()
