"""Start the application: Qt, translations, Italian locale, the data file, the main window.

Start-up order matters for speed: Qt first, so that the window can be built the moment the
store is open; the main window's module (and with it the services) is imported only then.

For benchmarks: with ``TRAMA_BENCH_READY_FILE`` set, the wall-clock time (``time.time()``) at
which the referral list was first painted is written to that file; with
``TRAMA_BENCH_QUIT_AFTER_READY`` set too, the application quits right after.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from desktop.resources import resource_path
from desktop.ui.language import chosen_language, install_translations

log = logging.getLogger(__name__)

APP_NAME = "Trama"
ORGANIZATION_NAME = "Provincia di Varese"
BENCH_READY_FILE_ENV = "TRAMA_BENCH_READY_FILE"
BENCH_QUIT_ENV = "TRAMA_BENCH_QUIT_AFTER_READY"
# Not an exit: the window closed to restore a backup, and the folder is opened again.
EXIT_REOPEN = -100
_JOBS_WAIT_MS = 30_000  # at the end, for the thread pool's jobs (they cannot be interrupted)
EXIT_INTERRUPTED = 130  # Ctrl+C or SIGTERM (the demo only), as a shell reports SIGINT
WINDOW_ICON = "trama.png"  # rendered from trama.svg by installer/make_icons.py


def _record_ready(target: Path, *, quit_after: bool) -> None:
    target.write_text(repr(time.time()), encoding="utf-8")
    if quit_after:
        QCoreApplication.quit()


def run(data_dir: Path, *, demo: bool = False, prepare: Callable[[], None] | None = None) -> int:
    """Run the application on a data folder until its window closes; returns the exit code.

    ``prepare`` (``trama --demo``: making the demo data) runs off the GUI thread first, with a
    progress window on screen (``desktop.ui.demo_start``)."""
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
    translators = install_translations(app, chosen_language())
    from desktop.ui.crash import install_crash_handler  # noqa: PLC0415
    from desktop.ui.crash.storage import watch_data_folder  # noqa: PLC0415

    crash_handler = install_crash_handler()
    # Errors of this folder's store, wherever they are met, are named against it.
    watch_data_folder(data_dir)
    try:
        with _signals_end_the_demo(app, demo=demo):
            if prepare is not None:
                from desktop.ui.demo_start import prepare_with_progress  # noqa: PLC0415

                if not prepare_with_progress(prepare):
                    return EXIT_INTERRUPTED
            while True:  # again after a restore from the Backup page (desktop.ui.backup.restore)
                exit_code = _open_and_run(app, data_dir, demo=demo)
                if exit_code != EXIT_REOPEN:
                    return exit_code
    except Exception as error:  # a bug outside the event loop: logged and shown, then stop
        return crash_handler.report_fatal(error)
    finally:
        # The application object may outlive this call (tests): leave it as it was found.
        watch_data_folder(None)
        crash_handler.uninstall()
        for translator in translators:
            app.removeTranslator(translator)


def _signals_end_the_demo(
    app: QApplication, *, demo: bool
) -> contextlib.AbstractContextManager[None]:
    if not demo:
        return contextlib.nullcontext()
    from desktop.ui.demo_start import quit_on_signals  # noqa: PLC0415

    return quit_on_signals(app)


def _open_and_run(app: QApplication, data_dir: Path, *, demo: bool) -> int:
    from desktop.store.errors import StoreError  # noqa: PLC0415 - after Qt is up
    from desktop.store.raw import DatabaseError  # noqa: PLC0415
    from desktop.ui.backup.restore import carry_out_pending_restore  # noqa: PLC0415
    from desktop.ui.crash import EXIT_ALREADY_OPEN, InstanceLock, show_already_open  # noqa: PLC0415
    from desktop.ui.crash.storage import startup_failure_box, storage_failure_at  # noqa: PLC0415
    from desktop.ui.recovery import (  # noqa: PLC0415
        open_store_or_recover,
        show_recovery_key_if_unconfirmed,
    )

    lock = InstanceLock(data_dir)
    try:
        if not lock.acquire():
            show_already_open(data_dir)
            return EXIT_ALREADY_OPEN
        # A missing or wrong key asks for the recovery key (None: the user quit, or no keyring).
        store = open_store_or_recover(data_dir)
    except Exception as error:
        lock.release()
        if not isinstance(error, StoreError | OSError | DatabaseError) and (
            storage_failure_at(data_dir, error) is None
        ):
            raise  # a bug: for the crash handler
        log.error("the data folder could not be opened: %s", type(error).__name__)
        from desktop.ui.backup.restore import offer_restore_at_start  # noqa: PLC0415

        box = startup_failure_box(data_dir, error)
        if offer_restore_at_start(box, data_dir, storage_failure_at(data_dir, error)):
            reopen = lock.acquire() and carry_out_pending_restore(data_dir)
            lock.release()
            return EXIT_REOPEN if reopen else 2
        return 2
    if store is None:
        lock.release()
        return 2

    from desktop.ui.main_window import MainWindow  # noqa: PLC0415 - after the store is open

    try:
        show_recovery_key_if_unconfirmed(store, data_dir)
        window = MainWindow(store, data_dir, demo=demo)
        ready_file = os.environ.get(BENCH_READY_FILE_ENV)
        if ready_file:
            quit_after = bool(os.environ.get(BENCH_QUIT_ENV))
            window.listPainted.connect(
                lambda: _record_ready(Path(ready_file), quit_after=quit_after)
            )
        window.show()
        if demo:
            from desktop.ui.demo_start import follow_demo_session  # noqa: PLC0415

            follow_demo_session(window)
        _warn_if_open_to_others(window, data_dir, demo=demo)
        exit_code = int(app.exec())
    finally:
        # Jobs on the thread pool (a daily backup, reads) end before their store closes (and,
        # for the demo, before its folder is removed).
        QThreadPool.globalInstance().waitForDone(_JOBS_WAIT_MS)
        store.dispose()
        reopen = carry_out_pending_restore(data_dir)  # with the store closed, the lock held
        lock.release()
    return EXIT_REOPEN if reopen else exit_code


def _warn_if_open_to_others(window: QWidget, data_dir: Path, *, demo: bool) -> None:
    """Once per start, without stopping the work: a chosen data folder that other accounts
    of the PC may enter (the default one is made private instead)."""
    from desktop.paths import default_data_dir  # noqa: PLC0415
    from desktop.store.failures import open_folder_warning  # noqa: PLC0415
    from desktop.ui.crash.storage import open_folder_notice  # noqa: PLC0415

    chosen = not demo and data_dir.absolute() != default_data_dir().absolute()
    try:
        warning = open_folder_warning(data_dir, chosen=chosen)
    except OSError:
        return
    if warning:
        log.warning("the data folder is open to other accounts of this PC")
        open_folder_notice(window, warning).show()
