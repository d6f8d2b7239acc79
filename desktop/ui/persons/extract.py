"""Estratto dei dati personali (GDPR art. 15): the person's own data, saved as a PDF with a
JSON beside it (same name, for portability under art. 20).

Only an operator whose role allows answering access requests (privacy officer,
administrative staff) may produce one: the button says why it is disabled for anyone else.
The extract is read, laid out and written on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox, QWidget

from desktop.domain.actor import Actor
from desktop.domain.permissions import DENIED, Permission, may
from desktop.services.access_request import (
    ExtractFiles,
    issue_personal_data_extract,
    suggested_file_stem,
)
from desktop.services.errors import ServiceError
from desktop.services.installation import current_actor
from desktop.store.engine import Store
from desktop.ui.common.messages import open_modal
from desktop.ui.common.permissions import gate
from desktop.ui.operations import Changes, Operation


def show_message(parent: QWidget, title: str, text: str, *, warning: bool = False) -> QMessageBox:
    """A window-modal message that does not block the caller."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    open_modal(box)
    return box


def update_extract_button(button: QAbstractButton, actor: Actor) -> None:
    """Enabled only for a role that may answer access requests; otherwise the reason."""
    gate(
        button,
        may(actor, Permission.ANSWER_ACCESS_REQUEST),
        allowed_tip=QCoreApplication.translate(
            "PersonalDataExtract",
            "Everything Trama holds about this person, as a PDF and a JSON (GDPR art. 15)",
        ),
        denied_tip=DENIED[Permission.ANSWER_ACCESS_REQUEST],
    )


@dataclass(frozen=True)
class SavedExtract:
    pdf: Path
    json: Path
    files: ExtractFiles


def _write(path: Path, data: bytes) -> None:
    # Beside the target, then renamed: a failed write leaves no half file behind.
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_extract(store: Store, actor: Actor, person_id: str, pdf_path: Path) -> SavedExtract:
    """Read, lay out and write the extract (on a worker thread); the PDF is recorded as
    issued once both files are written."""
    json_path = pdf_path.with_suffix(".json")

    def save(files: ExtractFiles) -> None:
        _write(pdf_path, files.pdf.pdf)
        _write(json_path, files.json)

    files = issue_personal_data_extract(store, actor=actor, person_id=person_id, save=save)
    return SavedExtract(pdf=pdf_path, json=json_path, files=files)


def save_personal_data_extract(
    parent: QWidget,
    store: Store,
    person_id: str,
    *,
    today: Callable[[], date] = date.today,
    done: Callable[[SavedExtract], object] | None = None,
) -> Operation[SavedExtract] | None:
    """Ask where to save the extract, then write it in the background; None if refused or
    cancelled. ``done`` is called with what was written, after the message."""
    title = QCoreApplication.translate("PersonalDataExtract", "Personal data extract")
    actor = current_actor(store)
    if not may(actor, Permission.ANSWER_ACCESS_REQUEST):
        show_message(parent, title, DENIED[Permission.ANSWER_ACCESS_REQUEST], warning=True)
        return None
    try:
        stem = suggested_file_stem(store, person_id, today())
    except ServiceError as error:
        show_message(parent, title, str(error), warning=True)
        return None
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("PersonalDataExtract", "Save the personal data extract"),
        str(Path(folder) / f"{stem}.pdf"),
        QCoreApplication.translate("PersonalDataExtract", "PDF documents (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")

    def saved(result: SavedExtract) -> None:
        show_message(
            parent,
            title,
            QCoreApplication.translate(
                "PersonalDataExtract",
                "The personal data extract was saved:\n%1\n\nThe same data, for portability "
                "(JSON):\n%2",
            )
            .replace("%1", str(result.pdf))
            .replace("%2", str(result.json)),
        )
        if done is not None:
            done(result)

    def failed(error: Exception) -> None:
        reason = error.strerror or str(error) if isinstance(error, OSError) else str(error)
        show_message(
            parent,
            title,
            QCoreApplication.translate(
                "PersonalDataExtract", "The personal data extract was not saved: %1"
            ).replace("%1", reason),
            warning=True,
        )

    operation = Operation(parent, lambda: write_extract(store, actor, person_id, path), Changes())
    operation.success(saved).failure(failed).run_in_background()
    return operation
