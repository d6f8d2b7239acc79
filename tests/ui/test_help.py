"""Aiuto → Guida (F1), Novità, and F1 on every screen opening that screen's guide page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.documents import DocumentType
from desktop.services.installation import current_actor
from desktop.store.engine import Store
from desktop.ui.app import install_translations
from desktop.ui.help import help_window, show_help
from desktop.ui.help.window import HelpWindow
from desktop.ui.i18n import compile_translations
from desktop.ui.main_window import MainWindow
from tests.ui.demo_store import demo_store_fixtures

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TODAY = date(2026, 11, 16)


seeded_database, seeded_store = demo_store_fixtures(
    referrals=30, seed=7, today=TODAY, name="seeded_store"
)


@pytest.fixture(scope="module")
def italian_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compile_translations(language="it", target_dir=tmp_path_factory.mktemp("qm"))


@pytest.fixture
def italian(qapp: QApplication, italian_qm: Path) -> Iterator[None]:
    locale = QLocale()
    translators = install_translations(qapp, "it", compiled=italian_qm)
    try:
        yield
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


@pytest.fixture
def window(qtbot: QtBot, seeded_store: Store, italian: None) -> Iterator[MainWindow]:
    main = MainWindow(seeded_store, seeded_store.path.parent, today=lambda: TODAY)
    qtbot.addWidget(main)
    # The side bar's names (Dai CPI) are set once the start-up reads are done.
    with qtbot.waitSignal(main.startupRead, timeout=10000):
        main.show()
    yield main
    helper = help_window()
    helper.close()


def press_f1(qtbot: QtBot, screen: QWidget) -> HelpWindow:
    """F1 on the screen's focused widget (or the screen), as a user would press it."""
    target = screen.focusWidget() or screen
    qtbot.keyClick(target, Qt.Key.Key_F1)
    helper = help_window()
    qtbot.waitUntil(helper.isVisible, timeout=3000)
    return helper


def first_referral(window: MainWindow) -> str:
    row = window.referral_model.row_at(0)
    assert row is not None
    return row.id


def area(window: MainWindow, name: str) -> QWidget:
    for row in range(window.navigation.count()):
        if window.navigation.item(row).text().startswith(name):
            window.navigation.setCurrentRow(row)
            return window.pages.currentWidget()
    raise LookupError(name)


PAGES = [
    ("Da fare", "da-fare.md"),
    ("Segnalazioni", "segnalazioni.md"),
    ("Persone", "persone-e-informativa.md"),
    ("Progetti", "progetti.md"),
    ("Riunioni", "riunioni-e-verbali.md"),
    ("Rubrica", "rubrica.md"),
    ("Monitoraggio", "monitoraggio.md"),
    ("Sincronizzazione", "sincronizzare.md"),
    ("Dai CPI", "segnalazioni-dai-cpi.md"),
]


@pytest.mark.parametrize(("name", "page"), PAGES, ids=[name for name, _ in PAGES])
def test_f1_on_each_page_of_the_main_window(
    qtbot: QtBot, window: MainWindow, name: str, page: str
) -> None:
    shown = area(window, name)
    qtbot.waitUntil(shown.isVisible)
    window.navigation.setFocus()  # from the side bar too: the page on screen decides
    assert press_f1(qtbot, window).current_page() == page
    # and from inside the page
    inner = shown.page() if callable(getattr(shown, "page", None)) else shown
    focusable = [
        w
        for w in inner.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisible()
    ]
    if focusable:
        focusable[0].setFocus()
        assert press_f1(qtbot, window).current_page() == page


def wait_for_rows(page: QWidget) -> None:
    table = page.list_view.table  # type: ignore[attr-defined]
    QtBot(page).waitUntil(lambda: table.rowCount() > 0, timeout=3000)


def _referral_editor(window: MainWindow) -> QWidget:
    return window.referral_editors.open_referral(first_referral(window))


def _new_referral(window: MainWindow) -> QWidget:
    return window.referral_editors.new_referral()


def _project_editor(window: MainWindow) -> QWidget:
    page = area(window, "Progetti").page()
    wait_for_rows(page)
    page.list_view.table.selectRow(0)
    return page.open_selected()


def _meeting_editor(window: MainWindow) -> QWidget:
    page = area(window, "Riunioni").page()
    wait_for_rows(page)
    page.list_view.table.selectRow(0)
    meeting_id = page.list_view.selected_id()
    assert meeting_id
    return page.open_meeting(meeting_id)


def _preview(window: MainWindow) -> QWidget:
    actor = current_actor(window.store)
    from desktop.ui.documents import show_document_preview  # noqa: PLC0415

    preview = show_document_preview(
        window, window.store, actor, DocumentType.REFERRAL_FORM, first_referral(window)
    )
    assert preview is not None
    return preview


def _import_wizard(window: MainWindow) -> QWidget:
    return window.imports.open_wizard()


def _settings(window: MainWindow) -> QWidget:
    from desktop.ui.settings.dialog import SettingsDialog  # noqa: PLC0415

    dialog = SettingsDialog(window.store, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # window-modal, as from the menu
    return dialog


def _backup(window: MainWindow) -> QWidget:
    window.backups.open_dialog()
    assert window.backups.dialog is not None
    return window.backups.dialog


def _audit(window: MainWindow) -> QWidget:
    dialog = window.audit.open_screen()
    assert dialog is not None
    return dialog


SCREENS: list[tuple[str, Callable[[MainWindow], QWidget], str]] = [
    ("referral-editor", _referral_editor, "inviare-segnalazione.md"),
    ("new-referral", _new_referral, "inviare-segnalazione.md"),
    ("project-editor", _project_editor, "progetti.md"),
    ("meeting-editor", _meeting_editor, "riunioni-e-verbali.md"),
    ("print-preview", _preview, "stampare.md"),
    ("import-wizard", _import_wizard, "importare-da-excel.md"),
    ("settings", _settings, "impostazioni.md"),
    ("backup", _backup, "backup-e-ripristino.md"),
    ("audit", _audit, "privacy-e-amministrazione.md"),
]


@pytest.mark.parametrize(("name", "opener", "page"), SCREENS, ids=[name for name, _, _ in SCREENS])
def test_f1_on_each_editor_and_dialog(
    qtbot: QtBot,
    window: MainWindow,
    name: str,
    opener: Callable[[MainWindow], QWidget],
    page: str,
) -> None:
    screen = opener(window)
    qtbot.waitUntil(screen.isVisible, timeout=3000)
    helper = press_f1(qtbot, screen)
    assert helper.current_page() == page, name
    if QApplication.activeModalWidget() is not None:
        # A modal dialog would block a window that is not its own.
        assert helper.parentWidget() is QApplication.activeModalWidget()
    helper.close()
    screen.window().close()


def test_on_a_cpi_the_referral_editor_opens_taking_in_charge(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = window.referral_editors.open_referral(first_referral(window))
    qtbot.waitUntil(editor.isVisible)
    assert press_f1(qtbot, editor).current_page() == "inviare-segnalazione.md"
    editor.context.own_job_centre_id = "cpi-of-this-pc"  # as the editor reads it on a CPI
    assert press_f1(qtbot, editor).current_page() == "prendere-in-carico.md"
    editor.close()


def test_a_message_box_gets_the_page_of_the_screen_that_opened_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    project = _project_editor(window)
    box = QMessageBox(QMessageBox.Icon.Information, "Trama", "…", parent=project)
    box.show()
    qtbot.waitUntil(box.isVisible)
    assert press_f1(qtbot, box).current_page() == "progetti.md"
    box.close()


def test_help_menu_has_guide_news_and_about(qtbot: QtBot, window: MainWindow) -> None:
    menu = next(
        action.menu()
        for action in window.menuBar().actions()
        if action.text().replace("&", "") == "Aiuto"
    )
    entries = [action for action in menu.actions() if not action.isSeparator()]
    assert [action.text() for action in entries] == [
        "&Guida",
        "&Novità di questa versione",
        "&Informazioni su Trama",
    ]
    assert entries[0].shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    entries[1].trigger()
    helper = help_window()
    assert helper.isVisible()
    assert helper.current_page() == "novita.md"
    assert helper.windowTitle() == "Trama — Novità di questa versione"
    entries[0].trigger()  # the window opens on Da fare
    assert helper.current_page() == "da-fare.md"


def test_the_help_window_renders_a_page_with_its_picture_and_follows_links(
    qtbot: QtBot, window: MainWindow
) -> None:
    helper = show_help(window, "index.md")
    browser = helper.browser
    assert "Guida di Trama" in browser.toPlainText()
    assert helper.contents.currentItem().text() == "Guida di Trama"
    html = browser.document().toHtml()
    assert "immagini/segnalazioni.png" in html
    picture = browser.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl("immagini/segnalazioni.png")
    )
    assert isinstance(picture, (QImage, QPixmap))  # the picture beside the page, loaded
    assert not picture.isNull()
    assert picture.width() > 100
    # a link to another page, then back and forward
    browser.setSource(browser.source().resolved(QUrl("stampare.md")))  # as a link does
    assert helper.current_page() == "stampare.md"
    assert helper.contents.currentItem().text() == "Stampare: anteprima e PDF"
    assert helper.back_action.isEnabled()
    helper.back_action.trigger()
    assert helper.current_page() == "index.md"
    helper.forward_action.trigger()
    assert helper.current_page() == "stampare.md"
    # the side list opens pages too
    item = helper.contents.item(helper.contents.count() - 1)
    helper.contents.itemActivated.emit(item)
    assert helper.current_page() == "novita.md"
    helper.home_action.trigger()
    assert helper.current_page() == "index.md"
    assert browser.openExternalLinks()
