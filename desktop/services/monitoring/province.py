"""The Province's Monitoraggio page: the server's protected tables as a ``Dashboard``.

The Province holds no referral: every figure comes from one ``GET /monitoring`` answer
(``sync.server.monitoring``), already protected (``sync.server.disclosure``). The page's
Ambito, CPI and track filters SELECT rows and columns of that answer here, on the PC: asking the
server again per filter would let two answers be subtracted. A withheld cell stays withheld
(``Value(None, suppressed=True)``, shown "<5"); totals are the server's, which are true. There
are no drills: nothing behind a figure is on this PC.

The server sends tracks, statuses, outcomes and funding sources as codes; they are labelled
here with the application's Italian labels (``desktop.documents.labels``). Ambiti and CPI carry
the names of the server's reference records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from desktop.documents.formatting import format_date, format_datetime, format_integer
from desktop.documents.labels import it_label
from desktop.domain import codes
from desktop.domain.errors import ServiceError
from desktop.domain.monitoring import (
    Audience,
    Category,
    Chart,
    ChartKind,
    Dashboard,
    Figure,
    MonitoringFilter,
    Section,
    Series,
    Unit,
    Value,
)
from desktop.services.sites import own_site
from desktop.store.engine import Store
from sync.client.monitoring import fetch_monitoring_for
from sync.protocol import SUPPRESSION_THRESHOLD
from sync.protocol.monitoring_wire import (
    NO_OUTCOME,
    Cell,
    CentreResponseTimes,
    MonitoringResponse,
    MonitoringTable,
    ResponseTimeRow,
)

DEFAULT_SITE_NAME = "Provincia di Varese"
# The server publishes each characteristic crossed with the track only: a filter by Ambito or
# CPI selects rows of its own table and leaves the others whole.
_WHOLE_NETWORK = "Tutta la rete: le tabelle provinciali non incrociano Ambito e CPI."
_TRACKS = ("neet", "cmd")


def province_dashboard(
    response: MonitoringResponse, flt: MonitoringFilter, site_name: str
) -> Dashboard:
    """The Province's dashboard for ``flt``, drawn from one protected answer."""
    if flt.track is not None and flt.track not in _TRACKS:
        raise ServiceError("Percorso non valido per il monitoraggio: scegliere NEET o CMD.")
    tables = {table.key: table for table in response.tables}
    missing = {"ambito", "job_centre", "status", "quarter", "outcome"} - set(tables)
    if missing:
        raise ServiceError(
            "La risposta del server provinciale è incompleta: aggiornare Trama o riprovare."
        )
    view = _View(response, flt)
    sections = (
        Section(key="rete", title="Rete", figures=view.summary()),
        _table_section(
            "ambiti",
            view.chart(
                tables["ambito"],
                key="per_ambito",
                title="Segnalazioni per Ambito",
                category_title="Ambito o ente inviante",
                only=flt.ambito_id,
            ),
        ),
        _table_section(
            "cpi",
            view.chart(
                tables["job_centre"],
                key="per_cpi",
                title="Segnalazioni per CPI",
                category_title="CPI",
                only=flt.job_centre_id,
            ),
        ),
        _table_section(
            "stati",
            view.chart(
                tables["status"],
                key="per_stato",
                title="Segnalazioni per stato",
                category_title="Stato",
                label=_code_label(codes.ReferralStatus),
                keep_zero_rows=False,
            ),
        ),
        _table_section(
            "trimestri",
            view.chart(
                tables["quarter"],
                key="per_trimestre",
                title="Segnalazioni per trimestre",
                category_title="Trimestre",
                kind=ChartKind.LINE,
            ),
        ),
        _table_section(
            "esiti",
            view.chart(
                tables["outcome"],
                key="esiti",
                title="Esiti delle segnalazioni",
                category_title="Esito",
                label=_code_label(codes.Outcome),
                keep_zero_rows=False,
                leave_out=NO_OUTCOME,
            ),
            title="Esiti",
            note=view.without_outcome(tables["outcome"]),
        ),
        Section(
            key="tempi",
            title="Tempi di risposta per CPI",
            charts=view.response_times(),
            note=(
                "Giorni dall'invio alla ricezione e alla presa in carico: mediana e 90° "
                f"percentile, pubblicati dove i tempi misurati sono almeno {SUPPRESSION_THRESHOLD}."
            ),
        ),
        Section(
            key="progetti",
            title="Progetti per fonte di finanziamento",
            charts=view.funding(),
            note="Progetti di co-progettazione e importi: dati su enti e risorse, non su persone.",
        ),
    )
    return Dashboard(
        audience=Audience.PROVINCE,
        site_name=site_name,
        filter=flt,
        sections=sections,
        generated_at=response.generated_at,
        source=f"server provinciale, dati del {format_datetime(response.generated_at)}",
        ambiti=tuple(Category(row.key, row.label) for row in tables["ambito"].rows),
        job_centres=tuple(Category(row.key, row.label) for row in tables["job_centre"].rows),
        notes=view.notes(),
    )


def _table_section(key: str, chart: Chart, *, title: str = "", note: str = "") -> Section:
    """A section of one protected table's chart, titled as its chart unless told otherwise."""
    return Section(key=key, title=title or chart.title, charts=(chart,), note=note)


def fetch_province_tables(store: Store, flt: MonitoringFilter) -> MonitoringResponse:
    """The server's protected tables for the filter's period (one request): a page keeps
    them and chooses the rows of a track, an Ambito or a CPI with ``province_dashboard``,
    never asking again per filter. Raises the sync client's ``SyncError``s (Italian) when the
    server cannot be reached or refuses (only the Province's site may ask)."""
    if flt.end < flt.start:
        raise ServiceError("La data di fine del periodo precede quella di inizio.")
    return fetch_monitoring_for(store, flt.start, flt.end)


def fetch_province_dashboard(
    store: Store, flt: MonitoringFilter, *, site_name: str | None = None
) -> Dashboard:
    """Fetch the protected tables for the filter's period from the enrolled server and draw
    the dashboard (``fetch_province_tables``)."""
    response = fetch_province_tables(store, flt)
    if site_name is None:
        site = own_site(store)
        site_name = site.name if site is not None else DEFAULT_SITE_NAME
    return province_dashboard(response, flt, site_name)


def _code_label(enum: type[StrEnum]) -> Callable[[str, str], str]:
    def label(key: str, fallback: str) -> str:
        try:
            return it_label(enum(key))
        except (ValueError, KeyError):
            return fallback or key

    return label


def _row_label(key: str, label: str) -> str:
    return label or key


def _value(cell: Cell) -> Value:
    if cell.suppressed or cell.count is None:
        return Value(None, suppressed=True)
    return Value.count(cell.count)


class _View:
    """The answer as the filter selects it."""

    def __init__(self, response: MonitoringResponse, flt: MonitoringFilter) -> None:
        self.response = response
        self.flt = flt
        self.tracks = [
            (index, track.key)
            for index, track in enumerate(response.tracks)
            if flt.track is None or track.key == flt.track
        ]

    def track_label(self, key: str) -> str:
        return _code_label(codes.Track)(key, key)

    def summary(self) -> tuple[Figure, ...]:
        figures = [
            Figure(
                key="totale",
                label="Segnalazioni nel periodo",
                value=Value.count(self.response.total),
            )
        ]
        for index, key in enumerate(track.key for track in self.response.tracks):
            figures.append(
                Figure(
                    key=f"percorso_{key}",
                    label=f"Percorso {self.track_label(key)}",
                    value=_value(self.response.track_totals[index]),
                )
            )
        tables = {table.key: table for table in self.response.tables}
        for table_key, wanted, label in (
            ("ambito", self.flt.ambito_id, "Segnalazioni inviate da"),
            ("job_centre", self.flt.job_centre_id, "Segnalazioni al"),
        ):
            table = tables[table_key]
            for row, total in zip(table.rows, table.row_totals, strict=True):
                if wanted is not None and row.key == wanted:
                    figures.append(
                        Figure(
                            key=f"selezione_{table_key}",
                            label=f"{label} {row.label or row.key}",
                            value=_value(total),
                        )
                    )
        return tuple(figures)

    def chart(
        self,
        table: MonitoringTable,
        *,
        key: str,
        title: str,
        category_title: str,
        kind: ChartKind = ChartKind.STACKED_BAR,
        label: Callable[[str, str], str] = _row_label,
        only: str | None = None,
        keep_zero_rows: bool = True,
        leave_out: str | None = None,
    ) -> Chart:
        chosen = [
            index
            for index, row in enumerate(table.rows)
            if (only is None or row.key == only)
            and row.key != leave_out
            and (keep_zero_rows or table.row_totals[index].count != 0)
        ]
        categories = tuple(
            Category(table.rows[i].key, label(table.rows[i].key, table.rows[i].label))
            for i in chosen
        )
        totals = tuple(_value(table.row_totals[i]) for i in chosen)
        notes = []
        if only is not None and not chosen:
            notes.append("Nessuna segnalazione per la selezione.")
        if table.columns:
            series = tuple(
                Series(
                    key=track,
                    label=self.track_label(track),
                    values=tuple(_value(table.cells[i][index]) for i in chosen),
                )
                for index, track in self.tracks
            )
        elif self.flt.track is None:
            series = (Series(key="totale", label="Segnalazioni", values=totals),)
        else:
            # Not split by track (a track has fewer than the threshold): no row can be
            # given for one track.
            series = (
                Series(
                    key=self.flt.track,
                    label=self.track_label(self.flt.track),
                    values=tuple(Value(None, suppressed=True) for _ in chosen),
                ),
            )
            notes.append("Dati non suddivisi per percorso in questo periodo.")
        if (table.key != "ambito" and self.flt.ambito_id is not None) or (
            table.key != "job_centre" and self.flt.job_centre_id is not None
        ):
            notes.append(_WHOLE_NETWORK)
        return Chart(
            key=key,
            title=title,
            kind=kind,
            unit=Unit.COUNT,
            categories=categories,
            series=series,
            category_title=category_title,
            totals=totals,
            note=" ".join(notes),
        )

    def without_outcome(self, table: MonitoringTable) -> str:
        for row, total in zip(table.rows, table.row_totals, strict=True):
            if row.key == NO_OUTCOME:
                shown = (
                    f"<{SUPPRESSION_THRESHOLD}"
                    if total.count is None
                    else format_integer(total.count)
                )
                return f"Segnalazioni ancora senza esito: {shown}."
        return ""

    def response_times(self) -> tuple[Chart, ...]:
        rows = [
            centre
            for centre in self.response.response_times
            if self.flt.job_centre_id is None or centre.job_centre.key == self.flt.job_centre_id
        ]
        categories = tuple(
            Category(row.job_centre.key, row.job_centre.label or row.job_centre.key) for row in rows
        )
        charts = []
        for key, title, pick in (
            ("tempi_ricezione", "Giorni dall'invio alla ricezione", _receipt),
            ("tempi_presa_in_carico", "Giorni dall'invio alla presa in carico", _in_charge),
        ):
            measured = [pick(row) for row in rows]
            charts.append(
                Chart(
                    key=key,
                    title=title,
                    kind=ChartKind.BAR,
                    unit=Unit.DAYS,
                    categories=categories,
                    series=(
                        Series("mediana", "Mediana", _times(measured, "median")),
                        Series("p90", "90° percentile", _times(measured, "p90")),
                    ),
                    category_title="CPI",
                    note=" ".join(
                        note
                        for note, applies in (
                            (_WHOLE_NETWORK, self.flt.ambito_id is not None),
                            ("Tempi di entrambi i percorsi.", self.flt.track is not None),
                        )
                        if applies
                    ),
                )
            )
        return tuple(charts)

    def funding(self) -> tuple[Chart, ...]:
        rows = self.response.funding
        categories = tuple(
            Category(row.source.key, _code_label(codes.FundingSource)(row.source.key, ""))
            for row in rows
        )
        return (
            Chart(
                key="progetti_per_fonte",
                title="Progetti per fonte di finanziamento",
                kind=ChartKind.BAR,
                unit=Unit.COUNT,
                categories=categories,
                series=(
                    Series("progetti", "Progetti", tuple(Value.count(r.projects) for r in rows)),
                ),
                category_title="Fonte di finanziamento",
            ),
            Chart(
                key="importi_per_fonte",
                title="Importi per fonte di finanziamento",
                kind=ChartKind.BAR,
                unit=Unit.EURO_CENTS,
                categories=categories,
                series=(
                    Series("importo", "Importo", tuple(Value(float(r.amount_cents)) for r in rows)),
                ),
                category_title="Fonte di finanziamento",
            ),
        )

    def notes(self) -> tuple[str, ...]:
        response = self.response
        notes = [
            f"Periodo conteggiato: trimestri interi dal {format_date(response.start)} al "
            f"{format_date(response.end)} (segnalazioni per data di creazione).",
            f"I valori tra 1 e {SUPPRESSION_THRESHOLD - 1} sono indicati come «<"
            f"{SUPPRESSION_THRESHOLD}»; altri valori sono oscurati perché non si possano "
            "ricavare dai totali. I totali sono esatti.",
        ]
        if (response.requested_start, response.requested_end) != (response.start, response.end):
            notes.append(
                f"Il periodo richiesto ({format_date(response.requested_start)} – "
                f"{format_date(response.requested_end)}) è stato esteso ai trimestri interi."
            )
        if not response.split_by_track:
            notes.append(
                f"Un percorso ha meno di {SUPPRESSION_THRESHOLD} segnalazioni nel periodo: le "
                "tabelle non sono suddivise per percorso."
            )
        return tuple(notes)


def _receipt(row: CentreResponseTimes) -> ResponseTimeRow:
    return row.receipt


def _in_charge(row: CentreResponseTimes) -> ResponseTimeRow:
    return row.taking_in_charge


def _times(rows: Sequence[ResponseTimeRow], field: str) -> tuple[Value, ...]:
    values = []
    for row in rows:
        if row.suppressed:
            values.append(Value(None, suppressed=True))
        else:
            amount = getattr(row, field)
            values.append(Value(None if amount is None else float(amount)))
    return tuple(values)
