"""The pieces of a Monitoraggio page: a summary figure's card, a chart with its title and its
table, a section of them.

Titles are the model's Italian ones (the report prints the same), except where the screen
knows a chart's key: then the title is translated like the rest of the window.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.charts import format_value
from desktop.domain.monitoring import Chart, Figure, Section
from desktop.ui.labels import QT_TRANSLATE_NOOP
from desktop.ui.monitoring.chart_table import ChartTableView
from desktop.ui.monitoring.chart_view import MIN_WIDTH_PX, ChartView, Prepared

# Cards per row and charts per row at the page's width (1280 pixels and more: four and two).
CARD_COLUMNS = 4
CHART_COLUMNS = 2
CHART_SPACING = 24
_CARD_STYLE = (
    "QFrame#figureCard { background: palette(base); border: 1px solid palette(mid);"
    " border-radius: 4px; }"
    "QFrame#figureCard:focus { border: 2px solid palette(highlight); }"
)
_MUTED = "color: palette(placeholder-text);"

# Chart titles the screen translates, by key; their Italian is the model's own, so the page and
# the printed report name a chart alike. A key not listed (or a title with a number in it, the
# waiting days) keeps the model's title.
_TITLES: dict[str, str] = {
    "sender.by_track_status": QT_TRANSLATE_NOOP(
        "MonitoringTitles", "Referrals by track and status"
    ),
    "jc.by_track_status": QT_TRANSLATE_NOOP("MonitoringTitles", "Referrals by track and status"),
    "sender.by_month": QT_TRANSLATE_NOOP("MonitoringTitles", "Referrals by month"),
    "jc.by_month": QT_TRANSLATE_NOOP("MonitoringTitles", "Referrals by month"),
    "sender.by_month_centre": QT_TRANSLATE_NOOP("MonitoringTitles", "Monthly trend by CPI"),
    "sender.receipt_times": QT_TRANSLATE_NOOP("MonitoringTitles", "Days from sending to receipt"),
    "jc.receipt_times": QT_TRANSLATE_NOOP("MonitoringTitles", "Days from sending to receipt"),
    "sender.charge_times": QT_TRANSLATE_NOOP(
        "MonitoringTitles", "Days from sending to taking in charge"
    ),
    "jc.charge_times": QT_TRANSLATE_NOOP(
        "MonitoringTitles", "Days from sending to taking in charge"
    ),
    "sender.response_counts": QT_TRANSLATE_NOOP("MonitoringTitles", "Intervals measured"),
    "jc.response_counts": QT_TRANSLATE_NOOP("MonitoringTitles", "Intervals measured"),
    "sender.outcomes": QT_TRANSLATE_NOOP("MonitoringTitles", "Outcomes by track"),
    "jc.outcomes": QT_TRANSLATE_NOOP("MonitoringTitles", "Outcomes by track"),
    "jc.by_sender": QT_TRANSLATE_NOOP("MonitoringTitles", "Referrals by sender and track"),
    "jc.backlog": QT_TRANSLATE_NOOP("MonitoringTitles", "Referrals to take in charge by age"),
    "jc.overdue": QT_TRANSLATE_NOOP("MonitoringTitles", "Overdue actions by referent"),
    "sender.project_budget": QT_TRANSLATE_NOOP("MonitoringTitles", "Budget by funding source"),
    "sender.project_people": QT_TRANSLATE_NOOP("MonitoringTitles", "Partners and beneficiaries"),
    "sender.project_indicators": QT_TRANSLATE_NOOP("MonitoringTitles", "Outcome indicators"),
}


def chart_title(chart: Chart) -> str:
    source = _TITLES.get(chart.key)
    if source is None:
        return chart.title
    return QCoreApplication.translate("MonitoringTitles", source)


def _scaled(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


class FigureCard(QFrame):
    """A big number and what it counts; a click (or Enter) opens the referrals it counts."""

    drillRequested = Signal(object)

    def __init__(self, figure: Figure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = figure
        self.setObjectName("figureCard")
        self.setStyleSheet(_CARD_STYLE)
        self.value_label = QLabel(format_value(figure.value, figure.unit), self)
        _scaled(self.value_label, 1.8, bold=True)
        self.name_label = QLabel(figure.label, self)
        self.name_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.name_label)
        if figure.note:
            note = QLabel(figure.note, self)
            note.setWordWrap(True)
            note.setStyleSheet(_MUTED)
            layout.addWidget(note)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(f"{figure.label}: {self.value_label.text()}")
        if figure.value.suppressed:
            self.setToolTip(self.tr("Fewer than 5: withheld so that no one can be recognised"))
        elif self.drillable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setToolTip(self.tr("Click to list these referrals"))

    @property
    def drillable(self) -> bool:
        return self.figure.value.drill is not None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.drillable:
            self.drillRequested.emit(self.figure.value.drill)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if event.key() in keys and self.drillable:
            self.drillRequested.emit(self.figure.value.drill)
            return
        super().keyPressEvent(event)


class ChartBlock(QWidget):
    """A chart's title, the chart, its note and the "Show table" toggle with the table."""

    drillRequested = Signal(object)

    def __init__(
        self, chart: Chart, parent: QWidget | None = None, *, prepared: Prepared | None = None
    ) -> None:
        super().__init__(parent)
        self.chart = chart
        self.title_label = QLabel(chart_title(chart), self)
        self.title_label.setWordWrap(True)
        _scaled(self.title_label, 1.05, bold=True)
        self.view = ChartView(chart, self, prepared=prepared)
        self.view.setAccessibleName(self.title_label.text())
        self.view.drillRequested.connect(self.drillRequested)
        self.table_button = QToolButton(self)
        self.table_button.setCheckable(True)
        self.table_button.setAutoRaise(True)
        self.table_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.table_button.setAccessibleName(
            self.tr("Show the table of %1").replace("%1", self.title_label.text())
        )
        self.table: ChartTableView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.view)
        if chart.note:
            note = QLabel(chart.note, self)
            note.setWordWrap(True)
            note.setStyleSheet(_MUTED)
            layout.addWidget(note)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.table_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._layout = layout
        self.table_button.toggled.connect(self.show_table)
        self.table_button.setEnabled(not chart.empty)
        self._update_button()
        # The page's grid shares its width evenly, whatever a chart or its table would like.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(MIN_WIDTH_PX)

    def show_table(self, shown: bool) -> None:
        if shown and self.table is None:
            # Made when first asked for: most tables are never opened.
            self.table = ChartTableView(self.chart, self)
            self.table.drillRequested.connect(self.drillRequested)
            self._layout.addWidget(self.table)
        if self.table is not None:
            self.table.setVisible(shown)
        if self.table_button.isChecked() != shown:
            self.table_button.setChecked(shown)
        self._update_button()

    def _update_button(self) -> None:
        shown = self.table_button.isChecked()
        self.table_button.setText(
            ("▾ " + self.tr("Hide table")) if shown else ("▸ " + self.tr("Show table"))
        )


class SectionView(QWidget):
    """A section's title, its summary figures as cards and its charts, two to a row; ``said``:
    notes the page shows above every section; ``prepared``: charts already drawn, by key."""

    drillRequested = Signal(object)

    def __init__(
        self,
        section: Section,
        parent: QWidget | None = None,
        *,
        said: tuple[str, ...] = (),
        prepared: Mapping[str, Prepared] | None = None,
    ) -> None:
        super().__init__(parent)
        self.section = section
        self.title_label = QLabel(section.title, self)
        _scaled(self.title_label, 1.3, bold=True)
        self.cards: list[FigureCard] = []
        self.blocks: list[ChartBlock] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title_label)
        if section.note and section.note not in said:  # not twice: the page said it above
            note = QLabel(section.note, self)
            note.setWordWrap(True)
            note.setStyleSheet(_MUTED)
            layout.addWidget(note)
        if section.figures:
            cards = QGridLayout()
            cards.setHorizontalSpacing(10)
            cards.setVerticalSpacing(10)
            for index, figure in enumerate(section.figures):
                card = FigureCard(figure, self)
                card.drillRequested.connect(self.drillRequested)
                cards.addWidget(card, index // CARD_COLUMNS, index % CARD_COLUMNS)
                self.cards.append(card)
            for column in range(CARD_COLUMNS):
                cards.setColumnStretch(column, 1)
            layout.addLayout(cards)
        if section.charts:
            charts = QGridLayout()
            charts.setHorizontalSpacing(CHART_SPACING)
            charts.setVerticalSpacing(18)
            for index, chart in enumerate(section.charts):
                block = ChartBlock(chart, self, prepared=(prepared or {}).get(chart.key))
                if len(section.charts) == 1 and block.title_label.text() == section.title:
                    block.title_label.hide()  # the section's title says it already
                block.drillRequested.connect(self.drillRequested)
                charts.addWidget(
                    block,
                    index // CHART_COLUMNS,
                    index % CHART_COLUMNS,
                    Qt.AlignmentFlag.AlignTop,
                )
                self.blocks.append(block)
            for column in range(CHART_COLUMNS):
                charts.setColumnStretch(column, 1)
            if len(section.charts) < CHART_COLUMNS:
                # An empty column would take no spacing, and the chart a few pixels more than
                # it was drawn for.
                filler = QWidget(self)
                filler.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
                charts.addWidget(filler, 0, CHART_COLUMNS - 1)
            layout.addLayout(charts)
