"""Building blocks shared by the documents: title with protocol box, field grids, tables,
section headings, long texts that flow across pages, signature lines.

Everything a person typed goes through ``escape`` before it reaches a Paragraph, whose markup
would otherwise read "<" or "&" as tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from desktop.documents.fonts import SANS
from desktop.documents.formatting import on_date
from desktop.documents.styles import (
    ACCENT,
    BODY,
    CELL,
    CELL_HEADER,
    FAINT_RULE,
    INK,
    LABEL,
    SECTION,
    SIGNATURE_HINT,
    SIGNATURE_NAME,
    SIGNATURE_ROLE,
    SUBSECTION,
    SUBTITLE,
    TINT,
    TITLE,
    VALUE,
)

NO_PADDING = (
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
)


def table_style(commands: Sequence[tuple[object, ...]]) -> TableStyle:
    """A table style whose plain-string cells use the embedded sans (ReportLab would fall
    back to Helvetica, a standard font that is not embedded)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), *commands])


def escape(text: str) -> str:
    """Plain text as Paragraph markup: entities escaped, line breaks kept."""
    return _xml_escape(text.strip()).replace("\r\n", "\n").replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle, *, markup: bool = False) -> Paragraph:
    return Paragraph(text if markup else escape(text), style)


def long_text(text: str, style: ParagraphStyle = BODY, *, lead: str = "") -> list[Flowable]:
    """A typed text as one paragraph per blank-line-separated block, so that it can break
    between pages (a Paragraph splits across frames; a table cell would not).

    ``lead`` is markup put before the first paragraph ("<b>Decisione.</b> ").
    """
    blocks = [block for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return [
        Paragraph((lead if index == 0 else "") + escape(block), style)
        for index, block in enumerate(blocks)
    ]


def section(title: str) -> list[Flowable]:
    """A section heading with a rule under it, kept with what follows."""
    return [
        CondPageBreak(30 * mm),
        Paragraph(escape(title.upper()), SECTION),
        HRFlowable(width="100%", thickness=0.6, color=ACCENT, spaceBefore=0, spaceAfter=5),
    ]


def subsection(title: str) -> list[Flowable]:
    """A heading inside a section. Not "keep with next": that would push a long paragraph
    that follows to the next page whole, leaving a gap; a conditional break suffices."""
    return [CondPageBreak(22 * mm), Paragraph(escape(title), SUBSECTION)]


def title_block(
    title: str,
    lines: Sequence[str],
    width: float,
    *,
    protocol: str | None = None,
    protocol_on: date | None = None,
) -> KeepTogether:
    """The document's title and subtitle lines (markup), with a protocol box on the right.

    ``protocol`` None leaves out the box; "" prints it empty, to be filled by hand.
    """
    left: list[Flowable] = [Paragraph(escape(title), TITLE)]
    left += [Paragraph(line, SUBTITLE) for line in lines if line]
    if protocol is None:
        return KeepTogether([*left, Spacer(0, 4 * mm)])
    box_width = 62 * mm
    number = escape(protocol) if protocol else "_" * 14
    box = Table(
        [
            [Paragraph("PROTOCOLLO", LABEL)],
            [Paragraph(f"n. {number}", VALUE)],
            [Paragraph(on_date("di", protocol_on) or "del ____/____/________", VALUE)],
        ],
        colWidths=[box_width],
        style=table_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        ),
    )
    table = Table(
        [[left, box]],
        colWidths=[width - box_width - 4 * mm, box_width + 4 * mm],
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )
    return KeepTogether([table, Spacer(0, 4 * mm)])


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    header_styles: Sequence[ParagraphStyle] | None = None,
    total_row: bool = False,
    min_row_height: float | None = None,
    rules_after: Sequence[int] | None = None,
    split_in_row: bool = True,
) -> Table:
    """A table whose header repeats on every page and whose rows may split inside.

    Strings are escaped into cells; flowables (or lists of them) are used as they are.
    ``rules_after``: the rows (0-based, in ``rows``) with a rule under them; None: every row.
    """
    styles = header_styles or [CELL_HEADER] * len(header)
    data: list[list[object]] = [
        [Paragraph(escape(text), style) for text, style in zip(header, styles, strict=True)]
    ]
    for row in rows:
        data.append(
            [Paragraph(escape(cell), CELL) if isinstance(cell, str) else cell for cell in row]
        )
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if rules_after is None:
        commands.append(("LINEBELOW", (0, 1), (-1, -1), 0.4, FAINT_RULE))
    else:
        commands += [("LINEBELOW", (0, row + 1), (-1, row + 1), 0.4, FAINT_RULE)
                     for row in rules_after]  # fmt: skip
    if total_row:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, INK),
        ]
    heights = None
    if min_row_height is not None:
        heights = [0.0] + [min_row_height] * (len(data) - 1)
    return Table(
        data,
        colWidths=list(widths),
        repeatRows=1,
        style=table_style(commands),
        hAlign="LEFT",
        splitInRow=1 if split_in_row else 0,
        minRowHeights=heights,
    )


SHORT_TABLE_ROWS = 12


def together_if_short(parts: list[Flowable], rows: int) -> list[Flowable]:
    """A section whose table is short, kept on one page: better a gap at the foot of a page
    than one row of a table alone on the next."""
    if rows > SHORT_TABLE_ROWS:
        return parts
    head = [part for part in parts[:1] if isinstance(part, CondPageBreak)]
    return [*head, KeepTogether(parts[len(head) :])]


def signature_parts(
    signers: Sequence[tuple[str, str]],
    width: float,
    *,
    place_and_date: bool = True,
    align: str = "LEFT",
) -> list[Flowable]:
    """Signature lines side by side: the role, the name when known, a line to sign on.

    The parts, to be kept together by the caller (``signature_block``) or put in a box.
    """
    cells = [
        [
            Paragraph(escape(role), SIGNATURE_ROLE),
            Paragraph(escape(name) if name else "&nbsp;", SIGNATURE_NAME),
            Spacer(0, 12 * mm),
            HRFlowable(width="80%", thickness=0.6, color=INK, spaceAfter=1),
            Paragraph("(firma)", SIGNATURE_HINT),
        ]
        for role, name in signers
    ]
    column = width / max(1, len(signers))
    parts: list[Flowable] = []
    if place_and_date:
        parts.append(Paragraph("Luogo e data ______________________________", VALUE))
        parts.append(Spacer(0, 7 * mm))
    parts.append(
        Table(
            [cells],
            colWidths=[column] * len(signers),
            style=table_style(
                [
                    # Bottom: the lines to sign on stay level when one role takes two lines.
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ]
            ),
            hAlign=align,
        )
    )
    return parts


def signature_block(
    signers: Sequence[tuple[str, str]],
    width: float,
    *,
    place_and_date: bool = True,
    align: str = "LEFT",
) -> Flowable:
    """``signature_parts`` kept on one page, a little below what precedes them."""
    parts = signature_parts(signers, width, place_and_date=place_and_date, align=align)
    return KeepTogether([Spacer(0, 6 * mm), *parts])


def bullet_list(items: Sequence[str], style: ParagraphStyle = BODY) -> list[Flowable]:
    return [Paragraph(escape(item), style, bulletText="•") for item in items if item.strip()]


def numbered_list(items: Sequence[tuple[str, str]], style: ParagraphStyle = BODY) -> list[Flowable]:
    """(number, text) pairs with a hanging indent."""
    hanging = ParagraphStyle(f"{style.name}-numbered", parent=style, leftIndent=8 * mm)
    return [
        Paragraph(escape(text), hanging, bulletText=f"{number}.")
        for number, text in items
        if text.strip()
    ]


def rule(space: float = 3 * mm) -> Flowable:
    return HRFlowable(width="100%", thickness=0.4, color=FAINT_RULE, spaceBefore=space,
                      spaceAfter=space)  # fmt: skip


def spacer(height: float) -> Flowable:
    return Spacer(0, height)
