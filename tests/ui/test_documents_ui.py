"""Preview, printing and batch printing of documents, driven offscreen.

Printing goes to a PDF-file QPrinter, read back with pypdf.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.documents import DocumentType
from desktop.services.documents import list_issued_documents, render_document
from desktop.services.persons import set_restriction
from desktop.store.engine import Store
from desktop.ui.app import install_translations
from desktop.ui.documents import print_meeting_batch, print_referrals_batch, show_document_preview
from desktop.ui.documents import printing as printing_module
from desktop.ui.documents.batch import BatchResult
from desktop.ui.documents.preview import DocumentPreview
from desktop.ui.documents.printing import print_run_for
from desktop.ui.i18n import compile_translations
from desktop.ui.main_window import MainWindow
from tests.documents_records import Records, make_records
from tests.documents_support import page_count, text_of

TIMEOUT = 30_000
# Qt's offscreen platform says this of every dialog it shows; it is not a fault of ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def records(store: Store) -> Records:
    return make_records(store, referrals=6)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(72)  # small page images: the test is about pages, not pixels
    return printer


def _referral_ids(store: Store, records: Records) -> list[str]:
    from sqlalchemy import select  # noqa: PLC0415

    from desktop.store.models import Referral  # noqa: PLC0415

    with store.read() as session:
        return list(
            session.scalars(
                select(Referral.id).where(~Referral.restricted).order_by(Referral.number)
            )
        )


def test_the_preview_shows_the_exact_document_with_its_page_count(
    qtbot: QtBot, store: Store, records: Records
) -> None:
    preview = show_document_preview(
        None, store, records.actor, DocumentType.REFERRAL_FORM, records.referral_id
    )
    assert isinstance(preview, DocumentPreview)
    qtbot.addWidget(preview)
    expected = render_document(
        store,
        actor=records.actor,
        document_type=DocumentType.REFERRAL_FORM,
        record_id=records.referral_id,
    )
    assert preview.page_count() == page_count(expected.pdf) == page_count(preview.document.pdf)
    assert records.referral_number in preview.windowTitle()
    assert list_issued_documents(store) == []  # looking is not issuing


def test_a_restricted_referral_gets_no_preview(
    qtbot: QtBot, store: Store, records: Records
) -> None:
    preview = show_document_preview(
        None, store, records.actor, DocumentType.REFERRAL_FORM, records.restricted_referral_id
    )
    assert preview is None
    boxes = [
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMessageBox")
    ]
    assert any("art. 18" in box.text() for box in boxes)  # type: ignore[attr-defined]
    for box in boxes:
        box.close()


def test_a_restricted_person_gets_no_preview_of_any_document(
    qtbot: QtBot, store: Store, records: Records
) -> None:
    set_restriction(
        store, actor=records.actor, person_id=records.person_id, restricted=True,
        reason="Opposizione art. 21 in esame",
    )  # fmt: skip
    for document_type, record_id in (
        (DocumentType.REFERRAL_FORM, records.referral_id),
        (DocumentType.PRIVACY_NOTICE, records.person_id),
    ):
        assert show_document_preview(None, store, records.actor, document_type, record_id) is None
    boxes = [
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMessageBox")
    ]
    assert len(boxes) == 2
    assert all("limitato (art. 18 GDPR)" in box.text() for box in boxes)  # type: ignore[attr-defined]
    for box in boxes:
        box.close()
    assert list_issued_documents(store) == []


def test_save_as_pdf_writes_the_previewed_bytes_and_records_them(
    qtbot: QtBot, store: Store, records: Records, tmp_path: Path
) -> None:
    preview = show_document_preview(
        None, store, records.actor, DocumentType.MINUTES, records.meeting_id
    )
    assert preview is not None
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.issued, timeout=TIMEOUT) as issued:
        preview.save_to(tmp_path / "verbale")
    saved = (tmp_path / "verbale.pdf").read_bytes()
    assert saved == preview.document.pdf
    [row] = list_issued_documents(store, record_id=records.meeting_id)
    assert row.sha256 == issued.args[0].sha256


def test_printing_from_the_preview_paints_every_page_and_records_it(
    qtbot: QtBot, store: Store, records: Records, tmp_path: Path
) -> None:
    preview = show_document_preview(
        None, store, records.actor, DocumentType.ATTENDANCE_SHEET, records.meeting_id
    )
    assert preview is not None
    qtbot.addWidget(preview)
    output = tmp_path / "stampa.pdf"
    with qtbot.waitSignal(preview.issued, timeout=TIMEOUT):
        preview.print_to(pdf_printer(output))
    assert page_count(output.read_bytes()) == preview.page_count()
    assert len(list_issued_documents(store, record_id=records.meeting_id)) == 1


def test_the_print_dialogs_copies_and_page_range_are_honoured(
    qtbot: QtBot, store: Store, records: Records, tmp_path: Path
) -> None:
    """What the operator chose in QPrintDialog: pages 2 to 2, two copies."""
    preview = show_document_preview(
        None, store, records.actor, DocumentType.PRIVACY_NOTICE, records.referral_id
    )
    assert preview is not None
    qtbot.addWidget(preview)
    assert preview.page_count() == 2
    output = tmp_path / "pagina-2.pdf"
    printer = pdf_printer(output)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    printer.setCopyCount(2)
    run = print_run_for(printer, preview.page_count())
    assert list(run.pages or []) == [1]
    with qtbot.waitSignal(preview.issued, timeout=TIMEOUT):
        preview.print_to(printer, run)
    copies = 1 if printer.supportsMultipleCopies() else 2
    assert page_count(output.read_bytes()) == copies


def test_batch_printing_builds_in_worker_processes_with_progress(
    qtbot: QtBot, store: Store, records: Records, tmp_path: Path
) -> None:
    ids = [*_referral_ids(store, records), records.restricted_referral_id]
    output = tmp_path / "schede.pdf"
    batch = print_referrals_batch(None, store, records.actor, ids, printer=pdf_printer(output))
    assert batch is not None
    steps: list[tuple[int, int]] = []
    batch.task.progressed.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(batch.finished, timeout=TIMEOUT) as finished:
        pass
    result = finished.args[0]
    assert isinstance(result, BatchResult)
    # ReportLab ran in other processes: this one (and its GUI thread) only painted the pages.
    assert result.built_by and os.getpid() not in result.built_by
    # setValue() of a modal QProgressDialog processes events: steps may arrive nested.
    assert max(steps) == (len(ids), len(ids))
    assert batch.progress.maximum() == len(ids)
    assert len(result.issued) == 6
    assert len(result.refused) == 1 and records.restricted_number in result.refused[0]
    assert (
        page_count(output.read_bytes())
        == result.pages
        == sum(page_count(document.pdf) for document in result.issued)
    )
    assert "Łukasiewicz" in text_of(result.issued[0].pdf)
    assert len(list_issued_documents(store)) == 6
    for box in QApplication.topLevelWidgets():
        if box.inherits("QMessageBox"):
            box.close()


def test_a_batch_can_be_cancelled_and_then_records_nothing(
    qtbot: QtBot,
    store: Store,
    records: Records,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = threading.Event()
    real_draw = printing_module._draw_page
    documents_started = 0

    def draw(*args: object) -> None:
        nonlocal documents_started
        if args[-1] == 0:  # a document's first page
            documents_started += 1
            if documents_started == 2:  # hold the second until the operator has pressed Cancel
                gate.wait(timeout=TIMEOUT / 1000)
        real_draw(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(printing_module, "_draw_page", draw)
    ids = _referral_ids(store, records)
    output = tmp_path / "annullata.pdf"
    batch = print_referrals_batch(None, store, records.actor, ids, printer=pdf_printer(output))
    assert batch is not None
    finished: list[object] = []
    batch.finished.connect(finished.append)

    def press_cancel(done: int, _total: int) -> None:
        if done == 1:
            batch.progress.canceled.emit()  # what the dialog's Cancel button sends
            gate.set()

    batch.task.progressed.connect(press_cancel)
    with qtbot.waitSignal(batch.cancelled, timeout=TIMEOUT):
        pass
    qtbot.waitUntil(lambda: not batch.running, timeout=TIMEOUT)
    assert finished == []
    assert documents_started < len(ids)
    assert list_issued_documents(store) == []
    # The worker processes end: a worker the pool was still starting when Cancel came exits on
    # its own, so wait for the condition (active_children() also reaps the ended ones).
    qtbot.waitUntil(lambda: multiprocessing.active_children() == [], timeout=TIMEOUT)


def test_a_job_cancelled_between_documents_sends_nothing_to_the_printer(
    qapp: QApplication, tmp_path: Path
) -> None:
    """The builds stop on Cancel before the painting notices: the pages already painted
    are thrown away with the job."""
    from desktop.documents.minutes import build_minutes  # noqa: PLC0415
    from tests import documents_support as fake  # noqa: PLC0415

    cancelled = threading.Event()
    pdf = build_minutes(fake.meeting_document())

    def documents() -> Iterator[bytes]:
        yield pdf
        cancelled.set()  # the operator pressed Cancel while the next one was being built

    printer = pdf_printer(tmp_path / "annullata.pdf")
    aborted: list[bool] = []
    # A PDF file cannot be taken back (Qt's PDF engine ignores abort()); a printer's job can.
    printer.abort = lambda: aborted.append(True) or True  # type: ignore[method-assign]
    pages = printing_module.paint_documents(printer, documents(), cancelled=cancelled.is_set)
    assert pages == page_count(pdf)
    assert aborted == [True]


def test_the_agenda_and_attendance_sheet_of_a_meeting_print_as_one_job(
    qtbot: QtBot, store: Store, records: Records, tmp_path: Path
) -> None:
    output = tmp_path / "riunione.pdf"
    batch = print_meeting_batch(
        None, store, records.actor, records.meeting_id, printer=pdf_printer(output)
    )
    assert batch is not None
    with qtbot.waitSignal(batch.finished, timeout=TIMEOUT) as finished:
        pass
    result = finished.args[0]
    assert [document.document_type for document in result.issued] == [
        DocumentType.AGENDA,
        DocumentType.ATTENDANCE_SHEET,
    ]
    assert page_count(output.read_bytes()) == result.pages >= 2


@pytest.fixture
def italian(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    locale = QLocale()
    compiled = compile_translations(language="it", target_dir=tmp_path)
    translators = install_translations(qapp, "it", compiled=compiled)
    try:
        yield
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


def test_the_main_window_has_a_print_menu_for_the_selected_referral(
    qtbot: QtBot, store: Store, records: Records, italian: None
) -> None:
    window = MainWindow(store, store.path.parent)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startupRead, timeout=5000):
        window.show()
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Stampa" in titles
    menu = window.printing.menu
    assert menu is not None
    assert [action.text() for action in menu.actions()] == [
        "&Scheda di segnalazione…",
        "&Informativa privacy…",
    ]
    window.referral_list.table.selectRow(0)
    window.printing.form_action.trigger()
    previews = [w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentPreview)]
    assert len(previews) == 1
    assert previews[0].document.document_type is DocumentType.REFERRAL_FORM
    assert previews[0].windowTitle().startswith("Anteprima")
    previews[0].close()
