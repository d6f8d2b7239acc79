"""Painting issued PDFs onto a printer, page by page (used off the GUI thread).

QtPdf renders each page of the exact bytes that were issued to an image at (at most) 300 dpi,
which is painted onto the printer's full page: the PDF carries its own margins. A landscape
page on portrait paper is turned, as PDF viewers do. Painting on a QPrinter is allowed from a
worker thread (Qt: "QPainter can be used in a separate thread to paint on QImage, QPrinter").
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300
BAND_PIXELS = 150_000  # pixels rendered and painted per Qt call (1/60 of an A4 page at 300 dpi)


class PrintingError(Exception):
    """The printer could not be opened or a document could not be read back."""


@dataclass
class PrintRun:
    """What one print job asks: copies Trama makes itself and the pages of a single document."""

    copies: int = 1
    pages: Sequence[int] | None = None  # 0-based; None: every page


def load_pdf(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes; keep the buffer alive as long as the document."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintingError(f"document not readable: {document.error()}")
    return document, buffer


def print_run_for(printer: QPrinter, page_count: int) -> PrintRun:
    """Copies and page range chosen in the print dialog, for one document."""
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    pages: list[int] | None = None
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        first, last = printer.fromPage(), printer.toPage()
        if first > 0:
            last = last if last > 0 else page_count
            pages = [page - 1 for page in range(first, min(last, page_count) + 1)]
    return PrintRun(copies=copies, pages=pages)


def _band_rows(width: int) -> int:
    return max(16, BAND_PIXELS // max(1, width))


def _draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """Paint one page in horizontal bands.

    PySide keeps the GIL during a Qt call, so one call that renders or paints a whole page at
    300 dpi would freeze the window for a fifth of a second; bands keep each call short, and
    the GIL is handed to the GUI thread between them.
    """
    paper = printer.pageLayout().fullRectPixels(printer.resolution())
    target = QRectF(0, 0, paper.width(), paper.height())
    page_size = document.pagePointSize(page)
    turn = (page_size.width() > page_size.height()) != (target.width() > target.height())
    if turn:
        target = QRectF(0, 0, target.height(), target.width())
    dpi = min(printer.resolution(), MAX_DPI)
    pixels = QSize(
        max(1, round(page_size.width() / 72 * dpi)), max(1, round(page_size.height() / 72 * dpi))
    )
    scale = target.height() / pixels.height()
    painter.save()
    if turn:
        painter.translate(paper.width(), 0)
        painter.rotate(90)
    rows = _band_rows(pixels.width())
    for top in range(0, pixels.height(), rows):
        height = min(rows, pixels.height() - top)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(pixels)
        options.setScaledClipRect(QRect(0, top, pixels.width(), height))
        rendered = document.render(page, QSize(pixels.width(), height), options)
        time.sleep(0)
        band = QImage(rendered.size(), QImage.Format.Format_RGB32)
        band.fill(QColor("white"))  # the page is transparent where nothing is drawn
        blend = QPainter(band)
        blend.drawImage(QPointF(0, 0), rendered)
        blend.end()
        time.sleep(0)
        painter.drawImage(QRectF(0, top * scale, target.width(), height * scale), band)
        time.sleep(0)
    painter.restore()


def paint_documents(
    printer: QPrinter,
    documents: Iterable[bytes],
    *,
    run: PrintRun | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    document_done: Callable[[], None] = lambda: None,
) -> int:
    """Paint each document onto the printer as one job; returns the pages painted.

    ``run.pages`` applies to every document (meant for a single one). When ``cancelled()``
    turns true the job is aborted between pages and nothing is printed.
    """
    run = run or PrintRun()
    printer.setFullPage(True)  # the PDF's own margins, not the printer's on top of them
    painter = QPainter()
    pages_painted = 0
    try:
        for pdf in documents:
            document, _buffer = load_pdf(pdf)
            pages = run.pages if run.pages is not None else range(document.pageCount())
            for _copy in range(run.copies):
                for page in pages:
                    if cancelled():
                        if painter.isActive():
                            printer.abort()
                        return pages_painted
                    # Opened with the first page: a job whose documents were all refused
                    # sends nothing to the printer, not even a blank sheet.
                    if not painter.isActive() and not painter.begin(printer):
                        raise PrintingError("the printer could not be opened")
                    if pages_painted:
                        printer.newPage()
                    _draw_page(painter, printer, document, page)
                    pages_painted += 1
                    time.sleep(0)
            document.close()
            document_done()
        if cancelled() and painter.isActive():
            # The documents stopped coming because the job was cancelled: what was painted
            # must not come out of the printer either.
            printer.abort()
    finally:
        if painter.isActive():
            painter.end()
    return pages_painted
