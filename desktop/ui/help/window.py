"""The help window: the user guide's Markdown pages (``docs/guida``) rendered by Qt.

A ``QTextBrowser`` loads each page as a Markdown resource (Qt's own reader, the GitHub
dialect): links between pages, back and forward and the pictures beside the pages work as in
a browser; links to the web open in the system's browser. The side list names the pages in
the index's order, each by its first heading.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStyle,
    QTextBrowser,
    QWidget,
)

from desktop.ui.help.topics import INDEX

# The side list, in the order the index presents the pages.
CONTENTS = (
    "index.md",
    "da-fare.md",
    "segnalazioni.md",
    "inviare-segnalazione.md",
    "prendere-in-carico.md",
    "persone-e-informativa.md",
    "progetti.md",
    "riunioni-e-verbali.md",
    "rubrica.md",
    "segnalazioni-dai-cpi.md",
    "stampare.md",
    "sincronizzare.md",
    "importare-da-excel.md",
    "monitoraggio.md",
    "backup-e-ripristino.md",
    "impostazioni.md",
    "privacy-e-amministrazione.md",
    "cosa-fare-quando.md",
    "novita.md",
)

PAGE_ROLE = Qt.ItemDataRole.UserRole


def page_title(path: Path) -> str:
    """A page's first heading (``# Title``), or its file name."""
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("# "):
                    return line[2:].strip()
    except OSError:
        pass
    return path.stem


class HelpWindow(QMainWindow):
    """One per application; ``open_page`` shows a page of the guide."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("help_window")
        self.folder = folder
        self.setWindowTitle(self.tr("Trama — User guide"))

        self.contents = QListWidget(self)
        self.contents.setObjectName("help_contents")
        self.contents.setAccessibleName(self.tr("Pages of the guide"))
        self.contents.setSpacing(2)
        self.contents.setWordWrap(True)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for name in CONTENTS:
            item = QListWidgetItem(page_title(folder / name))
            item.setData(PAGE_ROLE, name)
            self.contents.addItem(item)
        self.contents.itemActivated.connect(self._open_item)
        self.contents.itemClicked.connect(self._open_item)

        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help_browser")
        self.browser.setAccessibleName(self.tr("Guide page"))
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(folder)])
        self.browser.document().setDocumentMargin(18)
        self.browser.sourceChanged.connect(self._on_source_changed)

        splitter = QSplitter(self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        char = self.contents.fontMetrics().averageCharWidth()
        splitter.setSizes([char * 36, char * 120])
        self.setCentralWidget(splitter)

        style = self.style()
        self.back_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), self.tr("&Back"), self
        )
        self.back_action.setShortcut(QKeySequence.StandardKey.Back)
        self.back_action.triggered.connect(self.browser.backward)
        self.back_action.setEnabled(False)
        self.browser.backwardAvailable.connect(self.back_action.setEnabled)
        self.forward_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward), self.tr("&Forward"), self
        )
        self.forward_action.setShortcut(QKeySequence.StandardKey.Forward)
        self.forward_action.triggered.connect(self.browser.forward)
        self.forward_action.setEnabled(False)
        self.browser.forwardAvailable.connect(self.forward_action.setEnabled)
        self.home_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_DirHomeIcon), self.tr("&Contents"), self
        )
        self.home_action.triggered.connect(lambda: self.open_page(INDEX))
        toolbar = self.addToolBar(self.tr("Navigation"))
        toolbar.setObjectName("help_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.back_action, self.forward_action, self.home_action):
            toolbar.addAction(action)
        # Fits a 1366 x 768 laptop with its taskbar; the guide's pictures are at most 800 px wide.
        self.resize(QSize(1180, 680))

    def open_page(self, name: str) -> None:
        """Show the page ``name`` (a file of the guide's folder, e.g. ``stampare.md``)."""
        path = self.folder / name
        if not path.is_file():
            path = self.folder / INDEX
        self.browser.setSource(
            QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource
        )

    def current_page(self) -> str:
        """The file name of the page on screen."""
        return Path(self.browser.source().toLocalFile()).name

    def _open_item(self, item: QListWidgetItem) -> None:
        name = item.data(PAGE_ROLE)
        if isinstance(name, str) and name != self.current_page():
            self.open_page(name)

    def _on_source_changed(self, url: QUrl) -> None:
        # The signal comes before source() returns the new page: the page is the signal's.
        name = Path(url.toLocalFile()).name
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(PAGE_ROLE) == name:
                self.contents.setCurrentRow(row)
                self.setWindowTitle(self.tr("Trama — %1").replace("%1", item.text()))
                break
