"""Form fields: a small grey label above its value, laid out in a grid of boxes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table

from desktop.documents.blocks import table_style
from desktop.documents.styles import LABEL, RULE, VALUE


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    wide: bool = False  # spans the whole row


def filled(fields: Iterable[Field]) -> list[Field]:
    """Only the fields that hold something: forms print what was filled in."""
    return [field for field in fields if field.value.strip()]


def _wrap_plain(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of plain text that fit ``width``; a word too long for a line is cut."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        for split in simpleSplit(paragraph, font, size, width) or [""]:
            rest = split
            while stringWidth(rest, font, size) > width and len(rest) > 1:
                cut = len(rest) - 1
                while cut > 1 and stringWidth(rest[:cut], font, size) > width:
                    cut -= 1
                lines.append(rest[:cut])
                rest = rest[cut:]
            lines.append(rest)
    return lines


class LabelledValue(Flowable):  # type: ignore[misc]  # ReportLab ships no type hints
    """A form field: a small grey label above its value, drawn as plain text lines.

    Forms hold dozens of these; drawing them directly instead of as two Paragraphs each keeps
    a referral form within three times the cost of a bare canvas with the same text.
    """

    def __init__(self, label: str, value: str) -> None:
        super().__init__()
        self.label = label
        self.value = value
        self._lines: list[str] = []

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self._lines = _wrap_plain(
            self.value, VALUE.fontName, VALUE.fontSize, max(available_width, 1.0)
        )
        self.width = available_width
        self.height = LABEL.leading + LABEL.spaceAfter + len(self._lines) * VALUE.leading
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        canvas.setFillColor(LABEL.textColor)
        canvas.setFont(LABEL.fontName, LABEL.fontSize)
        canvas.drawString(0, top - LABEL.fontSize, self.label)
        canvas.setFillColor(VALUE.textColor)
        canvas.setFont(VALUE.fontName, VALUE.fontSize)
        y = top - LABEL.leading - LABEL.spaceAfter - VALUE.fontSize
        for line in self._lines:
            canvas.drawString(0, y, line)
            y -= VALUE.leading


def _field_cell(field: Field) -> Flowable:
    return LabelledValue(field.label, field.value)


def field_grid(fields: Sequence[Field], width: float, *, columns: int = 3) -> Flowable | None:
    """Labelled values in a grid of boxes (label above, value below), a row at a time.

    A wide field takes a row of its own; the last cell of a short row stretches to the end.
    """
    fields = filled(fields)
    if not fields:
        return None
    rows: list[list[object]] = []
    spans: list[tuple[int, int, int]] = []  # (row, first column, last column)
    current: list[object] = []

    def close_row() -> None:
        if not current:
            return
        used = len(current)
        if used < columns:
            spans.append((len(rows), used - 1, columns - 1))
            current.extend([""] * (columns - used))
        rows.append(list(current))
        current.clear()

    for field in fields:
        if field.wide:
            close_row()
            rows.append([_field_cell(field)] + [""] * (columns - 1))
            spans.append((len(rows) - 1, 0, columns - 1))
            continue
        current.append(_field_cell(field))
        if len(current) == columns:
            close_row()
    close_row()
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    commands += [("SPAN", (first, row), (last, row)) for row, first, last in spans]
    return Table(
        rows,
        colWidths=[width / columns] * columns,
        style=table_style(commands),
        hAlign="LEFT",
        splitByRow=1,
    )
