"""Start the application: Qt, translations, Italian locale, the data file, the main window.

Start-up order matters for speed: Qt first, so that the window can be built the moment the
store is open; the main window's module (and with it the services) is imported only then.

For benchmarks: with ``TRAMA_BENCH_READY_FILE`` set, the wall-clock time (``time.time()``) at
which the referral list was first painted is written to that file; with
``TRAMA_BENCH_QUIT_AFTER_READY`` set too, the application quits right after.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.resources import resource_path

log = logging.getLogger(__name__)

APP_NAME = "Trama"
ORGANIZATION_NAME = "Provincia di Varese"
LANGUAGE_ENV = "TRAMA_LANGUAGE"  # "it" (default) or "en"
LANGUAGE_SETTING = "ui/language"  # the user's choice in Strumenti → Impostazioni
BENCH_READY_FILE_ENV = "TRAMA_BENCH_READY_FILE"
BENCH_QUIT_ENV = "TRAMA_BENCH_QUIT_AFTER_READY"
WINDOW_ICON = "trama.png"  # rendered from trama.svg by installer/make_icons.py


def install_translations(
    app: QCoreApplication, language: str, *, compiled: Path | None = None
) -> list[QTranslator]:
    """Load Qt's own and Trama's translations; returns them (they must stay alive).

    ``compiled`` is Trama's ``.qm`` to load; by default the shipped one, compiled if needed.

    English needs none: the source strings are English. A missing Italian file is logged and
    the source strings are shown instead, rather than refusing to start.
    """
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return []
    from desktop.ui.i18n import ensure_compiled  # noqa: PLC0415 - only when translating

    QLocale.setDefault(QLocale(QLocale.Language.Italian, QLocale.Country.Italy))
    translators = []
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        translators.append(qt_translator)
    else:
        log.warning("Qt's own %s translation not found in %s", language, qt_dir)
    if compiled is None:
        compiled = ensure_compiled(language)
    ours = QTranslator(app)
    if compiled is not None and ours.load(str(compiled)):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        log.warning("Trama's %s translation is missing: showing the source strings", language)
    return translators


def _record_ready(target: Path, *, quit_after: bool) -> None:
    target.write_text(repr(time.time()), encoding="utf-8")
    if quit_after:
        QCoreApplication.quit()


def _language() -> str:
    """The environment's choice, else the user's (settings dialog), else Italian."""
    chosen = os.environ.get(LANGUAGE_ENV, "").strip().lower()
    if not chosen:
        # Read after the application's name is set: QSettings finds the file by it.
        from PySide6.QtCore import QSettings  # noqa: PLC0415

        chosen = str(QSettings().value(LANGUAGE_SETTING, "") or "").lower()
    return "en" if chosen.startswith("en") else "it"


def run(data_dir: Path, *, demo: bool = False) -> int:
    """Run the application on a data folder until its window closes; returns the exit code."""
    from desktop.ui.binding_fixes import keep_singletons_alive  # noqa: PLC0415

    keep_singletons_alive()  # before any model or combo box is made: see binding_fixes
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    # Every window's and dialog's icon (title bar, task bar, Alt+Tab); the Linux desktop entry
    # is trama.desktop, which is how desktops pair the running windows with it.
    app.setWindowIcon(QIcon(str(resource_path("icons", WINDOW_ICON))))
    app.setDesktopFileName("trama")
    translators = install_translations(app, _language())
    from desktop.ui.crash import install_crash_handler  # noqa: PLC0415

    crash_handler = install_crash_handler()
    try:
        return _open_and_run(app, data_dir, demo=demo)
    except Exception as error:  # a bug outside the event loop: logged and shown, then stop
        return crash_handler.report_fatal(error)
    finally:
        # The application object may outlive this call (tests): leave it as it was found.
        crash_handler.uninstall()
        for translator in translators:
            app.removeTranslator(translator)


def _open_and_run(app: QApplication, data_dir: Path, *, demo: bool) -> int:
    from desktop.store.errors import StoreError  # noqa: PLC0415 - after Qt is up
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.ui.crash import EXIT_ALREADY_OPEN, InstanceLock, show_already_open  # noqa: PLC0415

    lock = InstanceLock(data_dir)
    try:
        if not lock.acquire():
            show_already_open(data_dir)
            return EXIT_ALREADY_OPEN
        store = open_store(data_dir)
    except (StoreError, OSError) as error:
        lock.release()
        log.error("the data folder could not be opened: %s", type(error).__name__)
        QMessageBox.critical(
            None,
            QCoreApplication.translate("app", "Trama"),
            QCoreApplication.translate("app", "The data folder %1 cannot be opened.").replace(
                "%1", str(data_dir)
            )
            + "\n\n"
            + str(error),
        )
        return 2

    from desktop.ui.main_window import MainWindow  # noqa: PLC0415 - after the store is open

    try:
        window = MainWindow(store, data_dir, demo=demo)
        ready_file = os.environ.get(BENCH_READY_FILE_ENV)
        if ready_file:
            quit_after = bool(os.environ.get(BENCH_QUIT_ENV))
            window.listPainted.connect(
                lambda: _record_ready(Path(ready_file), quit_after=quit_after)
            )
        window.show()
        return int(app.exec())
    finally:
        store.dispose()
        lock.release()
