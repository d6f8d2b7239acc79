"""The user guide's pictures (``docs/guida/immagini``), taken from the demo so they never go stale.

    python -m tests.guide_screenshots docs/guida/immagini

Seeds a demo data folder (fixed seed, fixed day, as ``tests.screens`` does), opens the main
window on Qt's offscreen platform in Italian at a laptop's size and saves the screens the guide
shows. Each picture is scaled to at most ``MAX_WIDTH`` pixels (the help window shows it whole)
and saved with a palette of 256 colours, so that the repository holds small files. Run it after
a change to a screen the guide shows, look at the pictures, and commit them.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TRAMA_LANGUAGE", "it")

from tests.screens import TODAY, _seed

MAX_WIDTH = 800
WINDOW_SIZE = (1120, 700)
# The OS account the pictures show (not the account of the machine that takes them).
OPERATOR = "m.rossi"


def _as_operator(account: str) -> None:
    import desktop.demo.reference as reference  # noqa: PLC0415
    import desktop.services.installation as installation  # noqa: PLC0415

    reference.os_account = lambda: account  # type: ignore[attr-defined]
    installation.os_account = lambda: account  # type: ignore[attr-defined]


def save_small(image: object, path: Path) -> None:
    """``image`` (a QImage) scaled to ``MAX_WIDTH`` and written as a 256-colour PNG."""
    from PIL import Image  # noqa: PLC0415 - ReportLab's own dependency
    from PySide6.QtCore import QBuffer, QIODevice, Qt  # noqa: PLC0415
    from PySide6.QtGui import QImage  # noqa: PLC0415

    assert isinstance(image, QImage)
    if image.width() > MAX_WIDTH:
        image = image.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    picture = picture.quantize(
        colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    picture.save(path, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.guide_screenshots")
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    # A fixed folder: the status bar shows its name, and it must read the same in every run.
    work = Path(tempfile.gettempdir()) / "trama-guida"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    data_dir = work / "dati"
    from desktop.store.keys import forget_key  # noqa: PLC0415

    forget_key(data_dir)  # a killed run's key, which would refuse the new folder
    _as_operator(OPERATOR)
    _seed(data_dir)
    try:
        return _take(data_dir, out)
    finally:
        forget_key(data_dir)
        shutil.rmtree(work, ignore_errors=True)


def _take(data_dir: Path, out: Path) -> int:
    from PySide6.QtCore import QEventLoop  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication, QTabWidget, QWidget  # noqa: PLC0415

    from desktop.documents import DocumentType  # noqa: PLC0415
    from desktop.services.installation import current_actor  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.ui.app import install_translations  # noqa: PLC0415
    from sync.protocol.codes import ReferralStatus  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    translators = install_translations(app, "it")
    from desktop.ui.documents import show_document_preview  # noqa: PLC0415
    from desktop.ui.main_window import MainWindow  # noqa: PLC0415

    store = open_store(data_dir)
    pictures: list[str] = []

    def settle() -> None:
        for _ in range(8):
            app.processEvents()

    def wait(seconds: float, done: Callable[[], bool] = lambda: False) -> None:
        """Let background reads and renderings finish (a script, not a test)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not done():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.02)
        settle()

    def grab(widget: QWidget, name: str) -> None:
        settle()
        save_small(widget.grab().toImage(), out / f"{name}.png")
        pictures.append(name)

    def tab(window: QWidget, title: str) -> None:
        for tabs in window.findChildren(QTabWidget):
            for index in range(tabs.count()):
                if tabs.tabText(index).replace("&", "") == title and tabs.isVisible():
                    tabs.setCurrentIndex(index)
                    settle()
                    return

    def page(row_name: str) -> QWidget:
        for row in range(window.navigation.count()):
            if window.navigation.item(row).text().startswith(row_name):
                window.navigation.setCurrentRow(row)
                settle()
                return window.pages.currentWidget()
        raise LookupError(row_name)

    window = MainWindow(store, data_dir, today=lambda: TODAY)
    window.resize(*WINDOW_SIZE)
    window.show()
    # The data folder is this machine's temporary one: not for the guide.
    window.data_dir_label.hide()
    wait(1.0)

    start = page("Da fare")
    wait(5.0, lambda: not start.reading)  # type: ignore[attr-defined]
    grab(window, "da-fare")
    page("Segnalazioni")
    grab(window, "segnalazioni")
    model = window.referral_model
    first = model.row_at(0)
    if first is not None:
        editor = window.referral_editors.open_referral(first.id)
        editor.resize(*WINDOW_SIZE)
        grab(editor, "segnalazione")
        editor.close()
    # A referral the CPI has taken in charge, on its tab of the CPI's work.
    taken = next(
        (
            row
            for row in map(model.row_at, range(min(model.rowCount(), 80)))
            if row is not None
            and row.status in (ReferralStatus.TAKEN_IN_CHARGE, ReferralStatus.IN_PATH)
        ),
        None,
    )
    if taken is not None:
        editor = window.referral_editors.open_referral(taken.id)
        editor.resize(*WINDOW_SIZE)
        tab(editor, "Presa in carico ed esito")
        grab(editor, "presa-in-carico")
        editor.close()
    editor = window.referral_editors.new_referral()
    editor.resize(*WINDOW_SIZE)
    grab(editor, "nuova-segnalazione")
    editor.close()
    settle()

    persons = window.persons.page()
    page("Persone")
    persons.table.selectRow(0)
    grab(window, "persone")

    # The editors of projects and meetings take the place of their page's list.
    for name, opener, back, shots in (
        ("Progetti", "open_project", "show_list", (("progetto", None),)),
        (
            "Riunioni",
            "open_meeting",
            "show_lists",
            (("riunione", None), ("ordine-del-giorno", "Ordine del giorno e decisioni")),
        ),
    ):
        shown = page(name)
        inner = shown.page() if callable(getattr(shown, "page", None)) else shown
        listing = inner.list_view
        wait(3.0, lambda: listing.table.rowCount() > 0)  # noqa: B023 - used at once
        grab(window, name.lower())
        listing.table.selectRow(0)
        first_id = listing.selected_id()
        if first_id:
            getattr(inner, opener)(first_id)
            for picture, title in shots:
                if title is not None:
                    tab(window, title)
                grab(window, picture)
            getattr(inner, back)()

    page("Rubrica")
    grab(window, "rubrica")
    page("Monitoraggio")
    wait(3.0)
    grab(window, "monitoraggio")
    page("Sincronizzazione")
    grab(window, "sincronizzazione")
    page("Segnalazioni")

    if first is not None:
        actor = current_actor(store)
        preview = show_document_preview(window, store, actor, DocumentType.REFERRAL_FORM, first.id)
        if preview is not None:
            preview.resize(*WINDOW_SIZE)
            wait(2.0)
            grab(preview, "anteprima")
            preview.close()

    wizard = window.imports.open_wizard()
    wizard.resize(*WINDOW_SIZE)
    grab(wizard, "importazione")
    wizard.close()

    # No picture of Strumenti → Backup…: it shows this machine's folders.

    from desktop.ui.settings.dialog import SettingsDialog  # noqa: PLC0415

    settings = SettingsDialog(store, window)
    settings.show()
    grab(settings, "impostazioni")
    settings.close()

    from desktop.ui.help import show_help  # noqa: PLC0415

    helper = show_help(window, "stampare.md")
    grab(helper, "guida")
    helper.close()

    window.close()
    store.dispose()
    for translator in translators:
        app.removeTranslator(translator)
    print(f"{len(pictures)} pictures in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
