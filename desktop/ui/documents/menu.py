"""The main window's Print menu and the referral list's context menu.

Imports nothing heavy: the documents, QtPdf and ReportLab load when an action runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QMenu, QTableView

from desktop.ui.referrals.list_model import REFERRAL_ID_ROLE

if TYPE_CHECKING:
    from desktop.services.context import Actor
    from desktop.store.engine import Store


class ReferralPrinting(QObject):
    """Print actions over the referrals selected in a table of the referral list model."""

    def __init__(self, window: QMainWindow, store: Store, table: QTableView) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.table = table
        self.menu: QMenu | None = None
        # Several referrals can be selected to print their forms in one go.
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

        self.form_action = QAction(self.tr("&Referral form…"), self)
        self.form_action.setStatusTip(
            self.tr("Preview the form of the selected referral, or print those of several")
        )
        self.form_action.triggered.connect(self.referral_forms)
        self.notice_action = QAction(self.tr("&Privacy notice…"), self)
        self.notice_action.setStatusTip(
            self.tr("The privacy notice for the selected referral's person, or a blank one")
        )
        self.notice_action.triggered.connect(self.privacy_notices)
        self.preview_action = QAction(self.tr("Preview referral form"), self)
        self.preview_action.triggered.connect(self.referral_forms)
        self.print_action = QAction(self.tr("Print referral forms…"), self)
        self.print_action.triggered.connect(self.print_forms)

        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)

    def add_menu(self) -> QMenu:
        self.menu = self.window.menuBar().addMenu(self.tr("&Print"))
        self.menu.addAction(self.form_action)
        self.menu.addAction(self.notice_action)
        return self.menu

    def selected_ids(self) -> list[str]:
        # The stubs say never None; it is, before a model is set.
        selection: QItemSelectionModel | None = self.table.selectionModel()
        if selection is None:
            return []
        rows = sorted(index.row() for index in selection.selectedRows())
        model = self.table.model()
        ids = [model.data(model.index(row, 0), REFERRAL_ID_ROLE) for row in rows]
        return [str(value) for value in ids if value]

    def _actor(self) -> Actor:
        from desktop.services.installation import current_actor  # noqa: PLC0415

        return current_actor(self.store)

    def _nothing_selected(self) -> None:
        self.window.statusBar().showMessage(
            self.tr("Select one or more referrals in the list first."), 6000
        )

    def referral_forms(self) -> None:
        """One referral: its preview; several: print them all."""
        ids = self.selected_ids()
        if not ids:
            self._nothing_selected()
            return
        if len(ids) > 1:
            self.print_forms()
            return
        from desktop.documents import DocumentType  # noqa: PLC0415 - ReportLab on demand
        from desktop.ui.documents.actions import show_document_preview  # noqa: PLC0415

        show_document_preview(
            self.window, self.store, self._actor(), DocumentType.REFERRAL_FORM, ids[0]
        )

    def print_forms(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self._nothing_selected()
            return
        from desktop.ui.documents.actions import print_referrals_batch  # noqa: PLC0415

        print_referrals_batch(self.window, self.store, self._actor(), ids)

    def privacy_notices(self) -> None:
        """The notice for the selected referral (several: printed), or a blank one."""
        from desktop.documents import DocumentType  # noqa: PLC0415
        from desktop.ui.documents.actions import (  # noqa: PLC0415
            print_referrals_batch,
            show_document_preview,
        )

        ids = self.selected_ids()
        actor = self._actor()
        if len(ids) > 1:
            print_referrals_batch(
                self.window,
                self.store,
                actor,
                ids,
                document_type=DocumentType.PRIVACY_NOTICE,
            )
            return
        record = ids[0] if ids else ""
        show_document_preview(self.window, self.store, actor, DocumentType.PRIVACY_NOTICE, record)

    def _context_menu(self, position: QPoint) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self.table)
        menu.addAction(self.preview_action)
        menu.addAction(self.print_action)
        menu.addSeparator()
        menu.addAction(self.notice_action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def joint_plan(self, referral_id: str) -> None:
        """The preview of a referral's "Progetto personalizzato condiviso" (its editor's tab)."""
        from desktop.documents import DocumentType  # noqa: PLC0415 - ReportLab on demand
        from desktop.ui.documents.actions import show_document_preview  # noqa: PLC0415

        show_document_preview(
            self.window, self.store, self._actor(), DocumentType.JOINT_PLAN, referral_id
        )


def install_print_menu(window: QMainWindow, store: Store, table: QTableView) -> ReferralPrinting:
    """Add the Print menu to the window's menu bar and the referral table's context menu."""
    printing = ReferralPrinting(window, store, table)
    printing.add_menu()
    return printing
