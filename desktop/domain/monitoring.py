"""The figures of a Monitoraggio page and of the "Report di monitoraggio", as plain data.

One ``Dashboard`` is what a site may see for one filter: the services count it (on the PC's own
store for an Ambito, a Third Sector body or a CPI; from the server's protected tables for the
Province), the screen draws it and the report prints it, so the screen and the paper always show
the same numbers. A chart is data too (``Chart``): ``desktop.documents.charts`` draws the one
definition both as SVG for the screen and as vector graphics in the PDF.

Labels are Italian (the language of the printed report and of the data's own labels); the
screen translates its own chrome, not the figures' data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sync.protocol.monitoring import DEFAULT_WAITING_DAYS


class Audience(StrEnum):
    """Whose page: what the figures are about and where they are counted."""

    SENDER = "sender"  # an Ambito or a Third Sector body: the referrals it sent
    JOB_CENTRE = "job_centre"  # a CPI: the referrals it received
    PROVINCE = "province"  # the whole network, from the server's protected tables only


class Unit(StrEnum):
    COUNT = "count"  # 1.234
    DAYS = "days"  # 12,5 gg
    EURO_CENTS = "euro_cents"  # € 1.234,50 (amounts are kept in cents, as projects keep them)
    PERCENT = "percent"  # 12,5%


class ChartKind(StrEnum):
    BAR = "bar"  # one bar per category and series, side by side
    STACKED_BAR = "stacked_bar"  # the series stacked on one bar per category
    LINE = "line"  # one line per series across the categories (a time axis)
    SPARKLINES = "sparklines"  # a table: one row per series, a small line across the categories


@dataclass(frozen=True)
class Drill:
    """The referrals a figure counts, as the referral list can show them (``ReferralFilter``).

    Codes (track, statuses) and record ids, never labels; None or empty means "any".
    """

    track: str | None = None
    statuses: tuple[str, ...] = ()
    job_centre_id: str | None = None
    ambito_id: str | None = None
    sent_by_site: str | None = None
    created_from: date | None = None
    created_to: date | None = None


@dataclass(frozen=True)
class Value:
    """One number. ``amount`` None with ``suppressed`` is a cell the server withheld (shown
    "<5"); None without it is a figure that has no value (a median of no interval: "–")."""

    amount: float | None
    suppressed: bool = False
    drill: Drill | None = None

    @classmethod
    def count(cls, amount: int, drill: Drill | None = None) -> Value:
        return cls(float(amount), drill=drill)


@dataclass(frozen=True)
class Category:
    key: str
    label: str


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    values: tuple[Value, ...]  # one per category of its chart, in the same order


@dataclass(frozen=True)
class Chart:
    key: str  # stable: tests, the screen's translated title and the XLSX sheet find it by key
    title: str
    kind: ChartKind
    unit: Unit
    categories: tuple[Category, ...]
    series: tuple[Series, ...]
    # The header of the table's first column ("Ambito", "CPI", "Mese", ...).
    category_title: str = ""
    # True totals per category, when the series do not add up to them (a suppressed cell) or
    # when the chart shows no total of its own; None: no total column.
    totals: tuple[Value, ...] | None = None
    note: str = ""

    def __post_init__(self) -> None:
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(f"{self.key}: series {series.key} has the wrong length")
        if self.totals is not None and len(self.totals) != len(self.categories):
            raise ValueError(f"{self.key}: totals have the wrong length")

    @property
    def empty(self) -> bool:
        return not self.categories or not self.series

    def values(self) -> Iterator[Value]:
        for series in self.series:
            yield from series.values
        if self.totals is not None:
            yield from self.totals


@dataclass(frozen=True)
class Figure:
    """A summary figure: a big number with its label ("Segnalazioni inviate: 124")."""

    key: str
    label: str
    value: Value
    unit: Unit = Unit.COUNT
    note: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: tuple[Figure, ...] = ()
    charts: tuple[Chart, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class MonitoringFilter:
    """What the page counts: referrals created from ``start`` to ``end`` (both included), of one
    track, one Ambito (by its persons' comune) and one CPI when given."""

    start: date
    end: date
    track: str | None = None
    ambito_id: str | None = None
    job_centre_id: str | None = None
    # A referral sent and not taken in charge for more than this many days is "waiting".
    waiting_days: int = DEFAULT_WAITING_DAYS

    def drill(self, **narrower: object) -> Drill:
        """The list filter of this page's referrals, narrowed by a figure's own terms."""
        base: dict[str, object] = {
            "track": self.track,
            "ambito_id": self.ambito_id,
            "job_centre_id": self.job_centre_id,
            "created_from": self.start,
            "created_to": self.end,
        }
        base.update(narrower)
        return Drill(**base)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Dashboard:
    audience: Audience
    site_name: str  # the body whose page it is ("Ambito di Saronno", "Provincia di Varese")
    filter: MonitoringFilter
    sections: tuple[Section, ...]
    generated_at: datetime
    # Where the figures come from, in words ("archivio di questo computer", "server provinciale
    # del 07/12/2026 alle 10:12").
    source: str = ""
    # Options of the filters the page offers (id → label), so the screen and the report name
    # them alike: Ambiti and CPI this site may filter by.
    ambiti: tuple[Category, ...] = ()
    job_centres: tuple[Category, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def charts(self) -> Iterator[Chart]:
        for section in self.sections:
            yield from section.charts

    def figures(self) -> Iterator[Figure]:
        for section in self.sections:
            yield from section.figures

    def chart(self, key: str) -> Chart:
        for chart in self.charts():
            if chart.key == key:
                return chart
        raise KeyError(key)

    def figure(self, key: str) -> Figure:
        for figure in self.figures():
            if figure.key == key:
                return figure
        raise KeyError(key)
