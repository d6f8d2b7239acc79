"""Sample dashboards for the Monitoraggio page's tests: one per audience, with every kind of
chart, withheld cells on the Province's, and drills on the offices' values."""

from __future__ import annotations

from datetime import date, datetime

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

TODAY = date(2026, 11, 20)
PERIOD = MonitoringFilter(start=date(2026, 10, 1), end=TODAY)

AMBITI = (
    Category("amb-saronno", "Ambito di Saronno"),
    Category("amb-gallarate", "Ambito di Gallarate"),
    Category("amb-tradate", "Ambito di Tradate"),
)
JOB_CENTRES = (
    Category("cpi-varese", "CPI di Varese"),
    Category("cpi-busto", "CPI di Busto Arsizio"),
)
TRACKS = (Category("neet", "NEET"), Category("cmd", "Collocamento mirato"))
MONTHS = (
    Category("2026-09", "set 2026"),
    Category("2026-10", "ott 2026"),
    Category("2026-11", "nov 2026"),
)


def _counts(
    flt: MonitoringFilter, categories: tuple[Category, ...], amounts: list[int], **terms: object
) -> tuple[Value, ...]:
    """Values that drill into the list; ``terms`` names the field each category narrows."""
    (field,) = terms
    values = []
    for category, amount in zip(categories, amounts, strict=True):
        narrower = {str(field): category.key}
        values.append(Value.count(amount, flt.drill(**narrower)))
    return tuple(values)


def sender_dashboard(flt: MonitoringFilter = PERIOD) -> Dashboard:
    tracks = [("neet", "NEET", [7, 3]), ("cmd", "Collocamento mirato", [2, 0])]
    by_cpi = Chart(
        key="sender.by_job_centre",
        title="Segnalazioni inviate per CPI e percorso",
        kind=ChartKind.STACKED_BAR,
        unit=Unit.COUNT,
        categories=JOB_CENTRES,
        series=tuple(
            Series(
                key,
                label,
                tuple(
                    Value.count(n, flt.drill(track=key, job_centre_id=cpi.key))
                    for cpi, n in zip(JOB_CENTRES, amounts, strict=True)
                ),
            )
            for key, label, amounts in tracks
        ),
        category_title="CPI",
    )
    times = Chart(
        key="sender.response_times",
        title="Tempi di risposta per CPI (giorni)",
        kind=ChartKind.BAR,
        unit=Unit.DAYS,
        categories=JOB_CENTRES,
        series=(
            Series("median", "Mediana", (Value(4.5), Value(None))),
            Series("p90", "90° percentile", (Value(12.0), Value(None))),
        ),
        category_title="CPI",
    )
    months = Chart(
        key="sender.by_month",
        title="Segnalazioni per mese",
        kind=ChartKind.LINE,
        unit=Unit.COUNT,
        categories=MONTHS,
        series=(Series("all", "Segnalazioni", (Value(3.0), Value(8.0), Value(4.0))),),
        category_title="Mese",
    )
    budget = Chart(
        key="sender.project_budget",
        title="Budget dei progetti",
        kind=ChartKind.BAR,
        unit=Unit.EURO_CENTS,
        categories=(Category("p1", "Orti in rete"), Category("p2", "Officina giovani")),
        series=(Series("budget", "Budget", (Value(1_250_000.0), Value(480_050.0))),),
        category_title="Progetto",
    )
    summary = Section(
        key="sender.summary",
        title="In sintesi",
        figures=(
            Figure("sender.sent", "Segnalazioni inviate", Value.count(12, flt.drill())),
            Figure(
                "sender.taken",
                "Prese in carico",
                Value.count(5, flt.drill(statuses=("taken_in_charge",))),
            ),
            Figure("sender.median", "Mediana fino alla presa in carico", Value(6.0), Unit.DAYS),
            Figure("sender.waiting", "In attesa da più di 30 giorni", Value.count(2)),
        ),
    )
    return Dashboard(
        audience=Audience.SENDER,
        site_name="Ambito di Saronno",
        filter=flt,
        sections=(
            summary,
            Section("sender.referrals", "Segnalazioni", charts=(by_cpi, months)),
            Section("sender.times", "Tempi di risposta", charts=(times,)),
            Section("sender.projects", "Progetti di co-progettazione", charts=(budget,)),
        ),
        generated_at=datetime(2026, 11, 20, 10, 12),
        source="archivio di questo computer",
        ambiti=AMBITI[:1],
        job_centres=JOB_CENTRES,
    )


def job_centre_dashboard(flt: MonitoringFilter = PERIOD) -> Dashboard:
    senders = (
        Category("amb-saronno", "Ambito di Saronno"),
        Category("ets-sentieri", "Cooperativa Sentieri"),
    )
    by_sender = Chart(
        key="jc.by_sender",
        title="Segnalazioni ricevute per mittente e percorso",
        kind=ChartKind.BAR,
        unit=Unit.COUNT,
        categories=senders,
        series=tuple(
            Series(
                key,
                label,
                tuple(
                    Value.count(n, flt.drill(track=key, sent_by_site=site.key))
                    for site, n in zip(senders, amounts, strict=True)
                ),
            )
            for key, label, amounts in (
                ("neet", "NEET", [6, 1]),
                ("cmd", "Collocamento mirato", [3, 2]),
            )
        ),
        category_title="Mittente",
    )
    referents = Chart(
        key="jc.referents",
        title="Andamento per referente",
        kind=ChartKind.SPARKLINES,
        unit=Unit.COUNT,
        categories=MONTHS,
        series=(
            Series("r1", "Giulia Bernasconi", (Value(2.0), Value(4.0), Value(1.0))),
            Series("r2", "Marco Colombo", (Value(0.0), Value(3.0), Value(5.0))),
        ),
        category_title="Referente",
    )
    return Dashboard(
        audience=Audience.JOB_CENTRE,
        site_name="CPI di Varese",
        filter=flt,
        sections=(
            Section(
                "jc.summary",
                "In sintesi",
                figures=(Figure("jc.received", "Ricevute", Value.count(12, flt.drill())),),
            ),
            Section("jc.incoming", "Segnalazioni ricevute", charts=(by_sender, referents)),
        ),
        generated_at=datetime(2026, 11, 20, 10, 12),
        source="archivio di questo computer",
        ambiti=AMBITI,
        job_centres=JOB_CENTRES[:1],
    )


def province_dashboard(flt: MonitoringFilter = PERIOD) -> Dashboard:
    """The Province's page: no drills (the PC holds no records), withheld cells as "<5"."""
    chosen = [a for a in AMBITI if flt.ambito_id in (None, a.key)]
    rows = {
        "amb-saronno": (12, None, 17),
        "amb-gallarate": (30, 8, 38),
        "amb-tradate": (None, 6, 9),
    }
    track_index = {"neet": 0, "cmd": 1}

    def cell(amount: int | None) -> Value:
        return Value(None, suppressed=True) if amount is None else Value(float(amount))

    series = tuple(
        Series(key, label, tuple(cell(rows[a.key][index]) for a in chosen))
        for key, label in (("neet", "NEET"), ("cmd", "Collocamento mirato"))
        for index in [track_index[key]]
        if flt.track in (None, key)
    )
    by_ambito = Chart(
        key="province.by_ambito",
        title="Segnalazioni per Ambito e percorso",
        kind=ChartKind.STACKED_BAR,
        unit=Unit.COUNT,
        categories=tuple(chosen),
        series=series,
        category_title="Ambito",
        totals=tuple(cell(rows[a.key][2]) for a in chosen) if flt.track is None else None,
    )
    return Dashboard(
        audience=Audience.PROVINCE,
        site_name="Provincia di Varese",
        filter=flt,
        sections=(
            Section(
                "province.summary",
                "In sintesi",
                figures=(Figure("province.total", "Segnalazioni nella rete", Value.count(64)),),
            ),
            Section("province.network", "La rete", charts=(by_ambito,)),
        ),
        generated_at=datetime(2026, 11, 20, 10, 12),
        source="server provinciale del 20/11/2026 alle 10:12",
        ambiti=AMBITI,
        job_centres=JOB_CENTRES,
        notes=("Le celle con meno di 5 segnalazioni non sono mostrate (<5).",),
    )


def empty_dashboard(flt: MonitoringFilter = PERIOD) -> Dashboard:
    return Dashboard(
        audience=Audience.SENDER,
        site_name="Ambito di Saronno",
        filter=flt,
        sections=(
            Section(
                "sender.summary",
                "In sintesi",
                figures=(Figure("sender.sent", "Segnalazioni inviate", Value.count(0)),),
            ),
            Section(
                "sender.referrals",
                "Segnalazioni",
                charts=(
                    Chart("sender.by_job_centre", "Per CPI", ChartKind.BAR, Unit.COUNT, (), ()),
                ),
            ),
        ),
        generated_at=datetime(2026, 11, 20, 10, 12),
    )
