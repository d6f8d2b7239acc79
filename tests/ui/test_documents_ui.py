"""Preview, printing and batch printing of documents, driven offscreen.

Printing goes to a PDF-file QPrinter, read back with pypdf.
"""

from __future__ import annotations

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
from desktop.store.engine import Store
from desktop.ui.app import install_translations
from desktop.ui.documents import batch as batch_module
from desktop.ui.documents import print_meeting_batch, print_referrals_batch, show_document_preview
from desktop.ui.documents.batch import BatchResult
from desktop.ui.documents.preview import DocumentPreview
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


def test_batch_printing_runs_off_the_gui_thread_with_progress(
    qtbot: QtBot,
    store: Store,
    records: Records,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: set[int] = set()
    real_render = batch_module.render_document

    def render(*args: object, **kwargs: object) -> object:
        threads.add(threading.get_ident())
        return real_render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_module, "render_document", render)
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
    assert threading.get_ident() not in threads and threads
    assert steps[-1] == (len(ids), len(ids))
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
    real_render = batch_module.render_document
    calls = 0

    def render(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 2:  # hold the worker until the operator has pressed Cancel
            gate.wait(timeout=TIMEOUT / 1000)
        return real_render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_module, "render_document", render)
    ids = _referral_ids(store, records)
    batch = print_referrals_batch(
        None, store, records.actor, ids, printer=pdf_printer(tmp_path / "annullata.pdf")
    )
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
    assert calls < len(ids)
    assert list_issued_documents(store) == []


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
    with qtbot.waitSignal(window.listPainted, timeout=5000):
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
