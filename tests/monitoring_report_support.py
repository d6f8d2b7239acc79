"""Sample dashboards for the "Report di monitoraggio", one per audience, built by hand as the
monitoring services will build them: withheld cells ("<5"), figures with no value ("–"), an
empty chart, long names, many categories, money and percentages. Every name is invented."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

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

GENERATED = datetime(2026, 10, 2, 8, 30, tzinfo=UTC)
QUARTER = MonitoringFilter(start=date(2026, 7, 1), end=date(2026, 9, 30))
WITHHELD = Value(None, suppressed=True)
NO_VALUE = Value(None)

TRACKS = (Category("neet", "NEET"), Category("cmd", "Collocamento mirato (CMD)"))
STATUSES = (
    Category("sent", "Inviata"),
    Category("received", "Ricevuta"),
    Category("taken_in_charge", "Presa in carico"),
    Category("in_path", "In percorso"),
    Category("concluded", "Conclusa"),
    Category("returned", "Restituita"),
)
MONTHS = (
    Category("2026-07", "lug 2026"),
    Category("2026-08", "ago 2026"),
    Category("2026-09", "set 2026"),
)
JOB_CENTRES = (
    Category("cpi-varese", "CPI di Varese"),
    Category("cpi-saronno", "CPI di Saronno"),
    Category("cpi-gallarate", "CPI di Gallarate"),
    Category("cpi-luino", "CPI di Luino"),
)
AMBITI = tuple(
    Category(f"amb-{index}", name)
    for index, name in enumerate(
        (
            "Ambito di Arcisate",
            "Ambito di Azzate",
            "Ambito di Busto Arsizio",
            "Ambito di Castellanza",
            "Ambito di Cittiglio",
            "Ambito di Gallarate",
            "Ambito di Luino",
            "Ambito di Saronno",
            "Ambito di Sesto Calende",
            "Ambito di Somma Lombardo",
            "Ambito di Tradate",
            "Ambito territoriale di Varese e dei comuni della Valceresio e della Valganna",
        )
    )
)


def counts(*amounts: int | None) -> tuple[Value, ...]:
    """Counts; None is a cell the server withheld."""
    return tuple(WITHHELD if amount is None else Value.count(amount) for amount in amounts)


def days(*amounts: float | None) -> tuple[Value, ...]:
    """Days; None is a figure with no value (no interval measured)."""
    return tuple(NO_VALUE if amount is None else Value(amount) for amount in amounts)


def series(pairs: Sequence[tuple[str, str, tuple[Value, ...]]]) -> tuple[Series, ...]:
    return tuple(Series(key, label, values) for key, label, values in pairs)


def _response_times(
    categories: tuple[Category, ...], key: str, title: str, category_title: str = "CPI"
) -> Chart:
    width = len(categories)
    base = [4.0, 6.5, 11.0, 3.0, 8.5, 2.0, 15.0, 9.0, 5.5, 7.0, 12.5, 21.0][:width]
    return Chart(
        key=key,
        title=title,
        kind=ChartKind.BAR,
        unit=Unit.DAYS,
        categories=categories,
        series=series(
            [
                ("receipt_median", "Ricezione, mediana", days(*base)),
                ("receipt_p90", "Ricezione, 90° percentile", days(*(b * 2.5 for b in base))),
                (
                    "charge_median",
                    "Presa in carico, mediana",
                    days(None, *(b + 10.5 for b in base[1:])),
                ),
            ]
        ),
        category_title=category_title,
    )


def sender_dashboard() -> Dashboard:
    """An Ambito's page: its referrals, response times per CPI, outcomes, its projects."""
    flt = QUARTER
    referrals = Section(
        key="referrals",
        title="Segnalazioni inviate",
        figures=(
            Figure("sent", "Segnalazioni inviate", Value.count(1234)),
            Figure("taken_in_charge", "Prese in carico", Value.count(87)),
            Figure(
                "waiting",
                "In attesa da più di 30 giorni",
                Value.count(7),
                note="inviate e non ancora prese in carico",
            ),
            Figure("receipt_median", "Tempo mediano di ricezione", Value(3.5), Unit.DAYS),
        ),
        charts=(
            Chart(
                key="by_status",
                title="Segnalazioni per stato e percorso",
                kind=ChartKind.STACKED_BAR,
                unit=Unit.COUNT,
                categories=STATUSES,
                series=series(
                    [
                        ("neet", "NEET", counts(12, 9, 31, 402, 17, 3)),
                        ("cmd", "Collocamento mirato (CMD)", counts(4, 0, 22, 690, 8, 1)),
                    ]
                ),
                category_title="Stato",
            ),
            Chart(
                key="by_month",
                title="Segnalazioni per mese",
                kind=ChartKind.LINE,
                unit=Unit.COUNT,
                categories=MONTHS,
                series=series(
                    [
                        ("neet", "NEET", counts(160, 141, 173)),
                        ("cmd", "Collocamento mirato (CMD)", counts(250, 236, 274)),
                    ]
                ),
                category_title="Mese",
            ),
        ),
    )
    times = Section(
        key="response_times",
        title="Tempi di risposta dei CPI",
        figures=(Figure("charge_p90", "Presa in carico, 90° percentile", NO_VALUE, Unit.DAYS),),
        charts=(_response_times(JOB_CENTRES, "response_by_cpi", "Tempi di risposta per CPI"),),
        note="Giorni dall'invio alla ricezione e alla presa in carico.",
    )
    outcomes = Section(
        key="outcomes",
        title="Esiti dei percorsi",
        charts=(
            Chart(
                key="outcomes",
                title="Esiti per percorso",
                kind=ChartKind.BAR,
                unit=Unit.COUNT,
                categories=(
                    Category("hired", "Assunzione"),
                    Category("internship", "Tirocinio extracurricolare"),
                    Category("training", "Formazione professionale"),
                    Category("dropped", "Interruzione"),
                ),
                series=series(
                    [
                        ("neet", "NEET", counts(6, 11, 4, 2)),
                        ("cmd", "Collocamento mirato (CMD)", counts(3, 5, 0, 1)),
                    ]
                ),
                category_title="Esito",
            ),
            Chart(
                key="waiting_by_cpi",
                title="Segnalazioni in attesa da più di 30 giorni",
                kind=ChartKind.BAR,
                unit=Unit.COUNT,
                categories=(),
                series=(),
                category_title="CPI",
                note="Nessuna segnalazione in attesa nel periodo.",
            ),
        ),
    )
    projects = Section(
        key="projects",
        title="Progetti di co-progettazione",
        figures=(
            Figure("budget", "Budget dei progetti", Value(12_345_050.0), Unit.EURO_CENTS),
            Figure("partners", "Partner", Value.count(14)),
            Figure("beneficiaries", "Beneficiari", Value.count(212)),
        ),
        charts=(
            Chart(
                key="project_budget",
                title="Budget per progetto",
                kind=ChartKind.STACKED_BAR,
                unit=Unit.EURO_CENTS,
                categories=(
                    Category(
                        "p1", "Ponti verso il lavoro – percorsi per giovani NEET del Saronnese"
                    ),
                    Category("p2", "Officina dei mestieri"),
                ),
                series=series(
                    [
                        ("public", "Fondi pubblici", (Value(8_000_000.0), Value(2_500_000.0))),
                        (
                            "partners",
                            "Cofinanziamento dei partner",
                            (Value(1_345_050.0), Value(500_000.0)),
                        ),
                    ]
                ),
                category_title="Progetto",
            ),
            Chart(
                key="indicators",
                title="Indicatori di risultato",
                kind=ChartKind.SPARKLINES,
                unit=Unit.PERCENT,
                categories=MONTHS,
                series=series(
                    [
                        ("placed", "Inserimenti lavorativi", days(12.5, 14.0, 15.25)),
                        ("completed", "Tirocini conclusi", days(40.0, 42.5, 47.5)),
                    ]
                ),
                category_title="Indicatore",
            ),
        ),
    )
    return Dashboard(
        audience=Audience.SENDER,
        site_name="Ambito di Saronno",
        filter=flt,
        sections=(referrals, times, outcomes, projects),
        generated_at=GENERATED,
        source="archivio di questo computer",
        ambiti=(Category("amb-7", "Ambito di Saronno"),),
        job_centres=JOB_CENTRES,
        notes=("Le segnalazioni sono contate per data di creazione.",),
    )


def job_centre_dashboard() -> Dashboard:
    """A CPI's page: incoming referrals by sender, its backlog and times per referent."""
    senders = (
        Category("amb-saronno", "Ambito di Saronno"),
        Category("amb-varese", "Ambito di Varese"),
        Category("ets-sentieri", "Cooperativa sociale Sentieri Nuovi – Società cooperativa ONLUS"),
        Category("cpi-luino", "CPI di Luino"),
    )
    referents = (
        Category("ref-1", "Dott.ssa Maria Grazia Bianchi"),
        Category("ref-2", "Luca Fumagalli"),
        Category("ref-3", "Chiara Zanzi"),
    )
    incoming = Section(
        key="incoming",
        title="Segnalazioni ricevute",
        figures=(
            Figure("received", "Segnalazioni ricevute", Value.count(96)),
            Figure("backlog", "Da prendere in carico", Value.count(12)),
            Figure("overdue_actions", "Azioni scadute nei progetti condivisi", Value.count(3)),
        ),
        charts=(
            Chart(
                key="by_sender",
                title="Segnalazioni ricevute per ente inviante e percorso",
                kind=ChartKind.STACKED_BAR,
                unit=Unit.COUNT,
                categories=senders,
                series=series(
                    [
                        ("neet", "NEET", counts(21, 17, 9, 0)),
                        ("cmd", "Collocamento mirato (CMD)", counts(30, 12, 2, 5)),
                    ]
                ),
                category_title="Ente inviante",
            ),
        ),
    )
    backlog = Section(
        key="backlog",
        title="Carico di lavoro e tempi per referente",
        charts=(
            Chart(
                key="backlog_by_referent",
                title="Segnalazioni da prendere in carico per referente",
                kind=ChartKind.BAR,
                unit=Unit.COUNT,
                categories=referents,
                series=series([("backlog", "Da prendere in carico", counts(5, 4, 3))]),
                category_title="Referente",
            ),
            _response_times(
                referents, "response_by_referent", "Tempi di risposta per referente", "Referente"
            ),
        ),
    )
    return Dashboard(
        audience=Audience.JOB_CENTRE,
        site_name="Centro per l'Impiego di Varese",
        filter=MonitoringFilter(start=date(2026, 7, 1), end=date(2026, 9, 30), track="cmd"),
        sections=(incoming, backlog),
        generated_at=GENERATED,
        source="archivio di questo computer",
        job_centres=(Category("cpi-varese", "CPI di Varese"),),
    )


def province_dashboard() -> Dashboard:
    """The Province's page from the server's tables: withheld cells, true totals, a long
    table by Ambito and quarters."""
    ambito_neet = counts(None, 14, 62, 8, None, 41, 6, 55, 9, None, 12, 130)
    ambito_cmd = counts(7, None, 80, 11, 5, 38, None, 71, None, 6, 15, 152)
    totals = counts(9, 17, 142, 19, 8, 79, 9, 126, 12, 8, 27, 282)
    quarters = tuple(
        Category(f"{year}-Q{number}", f"{'I' * number if number < 4 else 'IV'} trim. {year}")
        for year in (2025, 2026)
        for number in (1, 2, 3, 4)
    )[:7]
    network = Section(
        key="network",
        title="La rete provinciale",
        figures=(
            Figure("referrals", "Segnalazioni nel periodo", Value.count(738)),
            Figure("sites", "Enti invianti attivi", Value.count(19)),
            Figure("withheld", "Celle non pubblicate", Value.count(11)),
        ),
        charts=(
            Chart(
                key="by_ambito",
                title="Segnalazioni per Ambito e percorso",
                kind=ChartKind.STACKED_BAR,
                unit=Unit.COUNT,
                categories=AMBITI,
                series=series(
                    [
                        ("neet", "NEET", ambito_neet),
                        ("cmd", "Collocamento mirato (CMD)", ambito_cmd),
                    ]
                ),
                category_title="Ambito",
                totals=totals,
            ),
            Chart(
                key="by_quarter",
                title="Segnalazioni per trimestre",
                kind=ChartKind.LINE,
                unit=Unit.COUNT,
                categories=quarters,
                series=series(
                    [
                        ("neet", "NEET", counts(280, 301, 295, 322, 340, 310, 351)),
                        (
                            "cmd",
                            "Collocamento mirato (CMD)",
                            counts(352, 360, 371, 366, 380, 392, 387),
                        ),
                    ]
                ),
                category_title="Trimestre",
            ),
            Chart(
                key="by_status_quarter",
                title="Stati delle segnalazioni, trimestre per trimestre",
                kind=ChartKind.SPARKLINES,
                unit=Unit.COUNT,
                categories=quarters,
                series=series(
                    [
                        (c.key, c.label, counts(*(((i + 3) * 7 + q * 5) for q in range(7))))
                        for i, c in enumerate(STATUSES)
                    ]
                    + [("withdrawn", "Annullata", counts(None, 6, None, 5, 7, None, 8))]
                ),
                category_title="Stato",
            ),
        ),
    )
    many = tuple(Category(f"c-{index}", f"Comune di prova n. {index}") for index in range(1, 41))
    times = Section(
        key="response_times",
        title="Tempi di risposta per CPI",
        charts=(_response_times(JOB_CENTRES, "response_by_cpi", "Tempi di risposta per CPI"),),
    )
    reach = Section(
        key="reach",
        title="Segnalazioni per comune di residenza",
        charts=(
            Chart(
                key="by_comune",
                title="Segnalazioni per comune",
                kind=ChartKind.BAR,
                unit=Unit.COUNT,
                categories=many,
                series=series(
                    [
                        (
                            "all",
                            "Segnalazioni",
                            counts(*(None if i % 7 == 0 else 5 + i * 3 for i in range(1, 41))),
                        )
                    ]
                ),
                category_title="Comune",
            ),
        ),
    )
    projects = Section(
        key="projects",
        title="Progetti per fonte di finanziamento",
        figures=(Figure("budget", "Budget complessivo", Value(98_765_432.0), Unit.EURO_CENTS),),
        charts=(
            Chart(
                key="projects_by_funding",
                title="Budget per fonte di finanziamento",
                kind=ChartKind.BAR,
                unit=Unit.EURO_CENTS,
                categories=(
                    Category("pnrr", "PNRR – Missione 5"),
                    Category("fse", "FSE+ Regione Lombardia"),
                    Category("fondo_povertà", "Fondo povertà"),
                    Category("altro", "Altro"),
                ),
                series=series(
                    [
                        (
                            "budget",
                            "Budget",
                            (
                                Value(60_000_000.0),
                                Value(25_000_000.0),
                                WITHHELD,
                                Value(13_765_432.0),
                            ),
                        )
                    ]
                ),
                category_title="Fonte",
            ),
        ),
    )
    return Dashboard(
        audience=Audience.PROVINCE,
        site_name="Provincia di Varese",
        filter=MonitoringFilter(start=date(2026, 1, 1), end=date(2026, 9, 30)),
        sections=(network, times, reach, projects),
        generated_at=GENERATED,
        source="server provinciale del 02/10/2026 alle 10:30",
        ambiti=AMBITI,
        job_centres=JOB_CENTRES,
        notes=(
            "Le celle con meno di 5 segnalazioni, e quelle da cui si potrebbero ricavare, "
            "non sono pubblicate.",
        ),
    )


def dashboards() -> dict[str, Dashboard]:
    return {
        "sender": sender_dashboard(),
        "job_centre": job_centre_dashboard(),
        "province": province_dashboard(),
    }
