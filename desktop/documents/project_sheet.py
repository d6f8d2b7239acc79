"""The scheda progetto of a co-design project: identity, procedure, partners, funding with
totals, activities and indicators. Beneficiaries appear only as counts of linked referrals."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from desktop.documents.blocks import (
    NO_PADDING,
    data_table,
    escape,
    long_text,
    section,
    spacer,
    subsection,
    table_style,
    title_block,
    together_if_short,
)
from desktop.documents.fields import Field, field_grid
from desktop.documents.fonts import SANS
from desktop.documents.formatting import (
    format_date,
    format_integer,
    format_money,
    format_number,
    on_date,
    without_prefix,
)
from desktop.documents.inputs import ProjectData, ProjectSheetInput
from desktop.documents.labels import it_label
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.styles import (
    BODY,
    CELL_BOLD,
    CELL_HEADER,
    CELL_HEADER_RIGHT,
    CELL_RIGHT,
    CELL_RIGHT_BOLD,
    MUTED_HEX,
)
from desktop.domain.codes import FundingSource, Track


def _dated(text: str, day: date | None) -> str:
    if text and day is not None:
        return f"{text} {on_date('di', day)}"
    return text or format_date(day)


def _identity(project: ProjectData, width: float) -> list[Flowable]:
    body = it_label(project.proceeding_body_kind)
    name = project.proceeding_body_name
    if name:
        body = name if not body or body.lower() in name.lower() else f"{name} ({body.lower()})"
    period = " – ".join(
        part for part in (format_date(project.start_on), format_date(project.end_on)) if part
    )
    expected = format_integer(project.expected_beneficiaries)
    grid = field_grid(
        [
            Field("Titolo", project.title, wide=True),
            Field("Acronimo", project.acronym),
            Field("Codice interno", project.internal_code),
            Field("CUP", project.cup),
            Field("Stato", it_label(project.status)),
            Field("Destinatari", it_label(project.target)),
            Field("Beneficiari attesi", expected),
            Field("Ambito territoriale", project.ambito_name),
            Field("Ente procedente", body),
            Field("RUP", project.rup_name),
            Field("Periodo", period),
        ],
        width,
    )
    procedure = field_grid(
        [
            Field("Determina di avvio", _dated(project.start_decision, project.start_decision_on)),
            Field("Avviso pubblico", _dated(project.notice_number, project.notice_on)),
            Field(
                "Determina di approvazione",
                _dated(project.approval_decision, project.approval_decision_on),
            ),
            Field(
                "Convenzione",
                " – ".join(
                    part
                    for part in (
                        format_date(project.agreement_on),
                        "rep. n. " + without_prefix(project.agreement_repertory, "rep. n.", "rep.")
                        if project.agreement_repertory
                        else "",
                    )
                    if part
                ),
            ),
        ],
        width,
        columns=2,
    )
    story: list[Flowable] = [*section("1. Identità del progetto")]
    if grid is not None:
        story.append(grid)
    if procedure is not None:
        story += [*section("2. Procedimento"), procedure]
    if project.description.strip():
        story += [*section("Descrizione"), *long_text(project.description)]
    return story


def _partners(project: ProjectData, width: float) -> list[Flowable]:
    if not project.partners:
        return []
    rows: list[list[object]] = []
    for partner in project.partners:
        period = " – ".join(
            part for part in (format_date(partner.joined_on), format_date(partner.left_on)) if part
        )
        rows.append(
            [
                Paragraph(escape(partner.organization_name), CELL_BOLD),
                it_label(partner.role),
                partner.resources_description,
                Paragraph(format_money(partner.resources_value_cents), CELL_RIGHT),
                period,
            ]
        )
    total = sum(partner.resources_value_cents for partner in project.partners)
    rows.append(
        [
            Paragraph("Totale risorse dei partner", CELL_BOLD),
            "",
            "",
            Paragraph(format_money(total), CELL_RIGHT_BOLD),
            "",
        ]
    )
    widths = [0.3, 0.13, 0.29, 0.13, 0.15]
    header_styles = [CELL_HEADER] * 3 + [CELL_HEADER_RIGHT, CELL_HEADER]
    parts = [
        *section("3. Partner"),
        data_table(
            ["Ente", "Ruolo", "Risorse apportate", "Valore", "Periodo"],
            rows,
            [width * share for share in widths],
            header_styles=header_styles,
            total_row=True,
        ),
    ]
    return together_if_short(parts, len(rows))


def _funding(project: ProjectData, width: float) -> list[Flowable]:
    if not project.funding:
        return []
    rows: list[list[object]] = [
        [
            it_label(row.source),
            str(row.year),
            row.notes,
            Paragraph(format_money(row.amount_cents), CELL_RIGHT),
        ]
        for row in sorted(
            project.funding, key=lambda row: (row.year, list(FundingSource).index(row.source))
        )
    ]
    total = sum(row.amount_cents for row in project.funding)
    rows.append(
        [
            Paragraph("Totale finanziamenti", CELL_BOLD),
            "",
            "",
            Paragraph(format_money(total), CELL_RIGHT_BOLD),
        ]
    )
    by_source: dict[FundingSource, int] = defaultdict(int)
    by_year: dict[int, int] = defaultdict(int)
    for row in project.funding:
        by_source[row.source] += row.amount_cents
        by_year[row.year] += row.amount_cents
    partners = sum(partner.resources_value_cents for partner in project.partners)

    def amount(cents: int, style: ParagraphStyle = CELL_RIGHT) -> Paragraph:
        return Paragraph(format_money(cents), style)

    sources: list[list[object]] = [
        [it_label(source), amount(by_source[source])]
        for source in FundingSource
        if source in by_source
    ]
    sources.append([Paragraph("Totale", CELL_BOLD), amount(total, CELL_RIGHT_BOLD)])
    years: list[list[object]] = [
        [f"Anno {year}", amount(by_year[year])] for year in sorted(by_year)
    ]
    years.append([Paragraph("Totale", CELL_BOLD), amount(total, CELL_RIGHT_BOLD)])
    half = (width - 8 * mm) / 2
    totals = Table(
        [
            [
                data_table(
                    ["Per fonte", "Importo"],
                    sources,
                    [half * 0.62, half * 0.38],
                    header_styles=[CELL_HEADER, CELL_HEADER_RIGHT],
                    total_row=True,
                ),
                data_table(
                    ["Per anno", "Importo"],
                    years,
                    [half * 0.62, half * 0.38],
                    header_styles=[CELL_HEADER, CELL_HEADER_RIGHT],
                    total_row=True,
                ),
            ]
        ],
        colWidths=[half + 8 * mm, half],
        style=table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), *NO_PADDING]),
        hAlign="LEFT",
    )
    value = field_grid(
        [
            Field("Finanziamenti", format_money(total)),
            Field("Risorse dei partner, anche in natura", format_money(partners)),
            Field("Valore complessivo del progetto", format_money(total + partners)),
        ],
        width,
    )
    header_styles = [CELL_HEADER] * 3 + [CELL_HEADER_RIGHT]
    story: list[Flowable] = [
        *section("4. Finanziamento"),
        data_table(
            ["Fonte", "Anno", "Note", "Importo"],
            rows,
            [width * share for share in (0.3, 0.1, 0.4, 0.2)],
            header_styles=header_styles,
            total_row=True,
        ),
        KeepTogether([*subsection("Riepilogo del finanziamento"), totals, spacer(3 * mm), value]),
    ]
    return story


def _activities(project: ProjectData, width: float) -> list[Flowable]:
    if not project.activities:
        return []
    rows: list[list[object]] = [
        [
            activity.title,
            activity.responsible_name,
            format_date(activity.start_on),
            format_date(activity.end_on),
            it_label(activity.status),
        ]
        for activity in project.activities
    ]
    parts = [
        *section("5. Attività"),
        data_table(
            ["Attività", "Responsabile", "Inizio", "Fine", "Stato"],
            rows,
            [width * share for share in (0.38, 0.26, 0.12, 0.12, 0.12)],
        ),
    ]
    return together_if_short(parts, len(rows))


def _indicators(project: ProjectData, width: float) -> list[Flowable]:
    counts = project.beneficiaries_by_track
    if not project.indicators and not counts:
        return []
    story: list[Flowable] = [*section("6. Indicatori e beneficiari")]
    if counts:
        parts = [f"{it_label(track)}: {counts[track]}" for track in Track if counts.get(track)]
        story.append(
            Paragraph(
                f"Beneficiari: <b>{sum(counts.values())}</b> segnalazioni collegate "
                f"({'; '.join(parts)}). I dati delle persone non sono riportati in questa "
                "scheda.",
                BODY,
            )
        )
    if not project.indicators:
        return story
    rows: list[list[object]] = []
    for indicator in project.indicators:
        name = escape(indicator.name)
        if indicator.computed:
            basis = "" if indicator.basis is None else f", su {indicator.basis} casi"
            name += (
                f"<br/><font name='{SANS}' size=7.5 color='{MUTED_HEX}'>"
                f"calcolato dalle segnalazioni{basis}</font>"
            )
        rows.append(
            [
                Paragraph(name, CELL_BOLD),
                indicator.unit,
                Paragraph(format_number(indicator.baseline), CELL_RIGHT),
                Paragraph(format_number(indicator.target), CELL_RIGHT),
                Paragraph(format_number(indicator.value) or "—", CELL_RIGHT_BOLD),
            ]
        )
    header_styles = [CELL_HEADER] * 2 + [CELL_HEADER_RIGHT] * 3
    story.append(
        data_table(
            ["Indicatore", "Unità", "Valore di partenza", "Obiettivo", "Valore attuale"],
            rows,
            [width * share for share in (0.4, 0.15, 0.15, 0.15, 0.15)],
            header_styles=header_styles,
        )
    )
    return together_if_short(story, len(rows))


def project_story(project: ProjectData, width: float) -> list[Flowable]:
    lines = [f"<b>{escape(project.title)}</b>"]
    if project.acronym or project.cup:
        lines.append(
            " – ".join(
                part
                for part in (
                    escape(project.acronym),
                    f"CUP <b>{escape(project.cup)}</b>" if project.cup else "",
                )
                if part
            )
        )
    return [
        title_block("Scheda progetto", lines, width),
        *_identity(project, width),
        *_partners(project, width),
        *_funding(project, width),
        *_activities(project, width),
        *_indicators(project, width),
    ]


def build_project_sheet(data: ProjectSheetInput) -> bytes:
    project = data.project
    name = project.acronym or project.title
    setup = PageSetup(
        issuer=data.issuer,
        title=f"Scheda progetto – {project.title}",
        reference=f"Scheda progetto {name}" + (f" · CUP {project.cup}" if project.cup else ""),
        subject="Scheda del progetto di co-progettazione (art. 55 D.Lgs. 117/2017)",
        created_at=data.created_at,
        keywords="progetto, co-progettazione",
    )
    return render_pdf(setup, lambda width: project_story(project, width))
