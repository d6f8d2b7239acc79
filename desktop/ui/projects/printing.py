"""The project sheet's print preview, from the printed-documents area when that area is part of
the build."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.services.context import Actor
    from desktop.store.engine import Store

# The printed document this area offers, by its code in ``desktop.documents.DocumentType``.
PRINTED_PROJECT_SHEET = "project_sheet"


def document_preview() -> Callable[[QWidget, Store, Actor, str, str], object] | None:
    """A function ``(parent, store, actor, document_code, record_id)`` that opens the print
    preview of a document, or None when the printed documents are not part of the build."""
    # Imported here: the documents area loads QtPdf and ReportLab, which only printing needs,
    # and it was built alongside this one (the buttons stay hidden without it).
    try:
        from desktop.documents import DocumentType  # noqa: PLC0415
        from desktop.ui.documents import show_document_preview  # noqa: PLC0415
    except ImportError:
        return None

    def preview(parent: QWidget, store: Store, actor: Actor, code: str, record_id: str) -> object:
        return show_document_preview(parent, store, actor, DocumentType(code), record_id)

    return preview
