"""Printed documents in the application: preview (QtPdf), printing (QPrinter), save as PDF,
batch printing off the GUI thread.

Other screens call:

- ``show_document_preview(parent, store, actor, document_type, record_id)``: the preview of a
  referral form, privacy notice, minutes, attendance sheet, agenda or project sheet;
- ``print_referrals_batch(parent, store, actor, referral_ids)``: the forms of many referrals;
- ``print_meeting_batch(parent, store, actor, meeting_id)``: a meeting's agenda and
  attendance sheet as one print job.

The names are resolved on first use, so that importing this package (the main window does,
for its Print menu) loads neither QtPdf nor ReportLab at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.ui.documents.actions import (
        print_documents_batch,
        print_meeting_batch,
        print_referrals_batch,
        show_document_preview,
    )

__all__ = [
    "print_documents_batch",
    "print_meeting_batch",
    "print_referrals_batch",
    "show_document_preview",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from desktop.ui.documents import actions  # noqa: PLC0415 - see the docstring

        return getattr(actions, name)
    raise AttributeError(name)
