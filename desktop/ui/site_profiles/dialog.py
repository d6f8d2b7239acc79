"""The profiles of the bodies: a list of the sites and the form of the one selected.

On the Province's PC the form edits and saves (through ``Operation``, announcing a change of
reference data, so that other screens read them again); on any other PC the same form is read
only, with a note that the Province keeps these data. While the form holds unsaved changes the
list is locked, so that no change is lost by selecting another body.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.site_profile import SiteProfile
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.installation import current_actor
from desktop.services.site_profiles import (
    ProfileInput,
    ProfileSummary,
    get_profile,
    list_profiles,
    load_logo,
    logo_bytes,
    may_edit_profiles,
    update_profile,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import set_read_only
from desktop.ui.common.forms import (
    FieldRegistry,
    add_row,
    align_labels,
    connect_changes,
    make_form,
)
from desktop.ui.common.messages import MessageBanner, confirm, show_refusal_in
from desktop.ui.common.tables import fill_table, make_table, select_key, selected_key
from desktop.ui.common.window_state import fit_window, remember_splitter
from desktop.ui.labels import label
from desktop.ui.operations import Changes, Operation, follow_changes

# The text fields of the form, in order, with the group they belong to.
_BODY_FIELDS = (
    "name",
    "controller_name",
    "controller_tax_code",
    "address",
    "pec",
    "email",
    "phone",
    "website",
)
_DPO_FIELDS = ("dpo_name", "dpo_email", "dpo_pec", "dpo_phone")
_LIMITS = {
    "name": 200,
    "controller_name": 300,
    "controller_tax_code": 16,
    "address": 300,
    "phone": 60,
    "dpo_phone": 60,
}
PREVIEW_WIDTH = 240
PREVIEW_HEIGHT = 80


class SiteProfilesDialog(QDialog):
    """Strumenti → Profili degli enti…: deleted when closed."""

    # Any field edited by the user (the fields' own signals, forwarded inside Qt).
    edited = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Bodies' profiles"))
        self.store = store
        self.editable = may_edit_profiles(current_actor(store))
        self.profile: SiteProfile | None = None
        self.logo = ""
        self.dirty = False
        self.registry = FieldRegistry()
        self.forms: list[QFormLayout] = []
        self.edits: dict[str, QLineEdit] = {}

        self.note = MessageBanner(self)
        if self.editable:
            self.note.show_info(
                self.tr(
                    "Letterheads and privacy notices print these data for each body. Changes "
                    "reach every workstation at the next synchronisation."
                )
            )
        else:
            self.note.show_info(
                self.tr(
                    "The Province keeps these data and sends them to every workstation: here "
                    "they can only be read. To correct them, ask the Province."
                )
            )
        self.banner = MessageBanner(self)

        self.table = make_table(self, [self.tr("Body"), self.tr("Kind"), self.tr("Profile")])
        self.table.setAccessibleName(self.tr("Bodies"))
        self.table.itemSelectionChanged.connect(self._on_selected)

        form_panel = QWidget(self)
        form_layout = QVBoxLayout(form_panel)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self._body_group())
        # The DPO and the logo side by side: the whole profile fits a laptop's screen.
        lower = QHBoxLayout()
        lower.addWidget(self._dpo_group(), 1)
        lower.addWidget(self._logo_group(), 0)
        form_layout.addLayout(lower)
        form_layout.addStretch(1)
        align_labels(self.forms)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        # The fields narrow to the pane rather than sliding sideways.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form_panel)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        self.save_button: QPushButton | None = None
        self.revert_button: QPushButton | None = None
        if self.editable:
            self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
            self.save_button.clicked.connect(self.save)
            self.revert_button = self.buttons.addButton(
                self.tr("Discard changes"), QDialogButtonBox.ButtonRole.ResetRole
            )
            self.revert_button.clicked.connect(self.revert)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        connect_changes(list(self.edits.values()), self.edited)
        self.edited.connect(self._edited)
        char = self.fontMetrics().averageCharWidth()
        line = self.fontMetrics().height()
        fit_window(self, char * 215, line * 44, key="site_profiles")
        splitter.setSizes([char * 88, char * 127])
        remember_splitter(splitter, "site_profiles")
        follow_changes(self, Changes(reference=True), self.reload)
        self.reload()

    # -- building ------------------------------------------------------------------------

    def _edit(self, key: str) -> QLineEdit:
        edit = QLineEdit(self)
        set_read_only(edit, not self.editable)
        edit.setMaxLength(_LIMITS.get(key, 200))
        self.edits[key] = edit
        return edit

    def _body_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("The body and the controller"), self)
        form = make_form(group)
        self.forms.append(form)
        captions = {
            "name": self.tr("&Name:"),
            "controller_name": self.tr("&Controller:"),
            "controller_tax_code": self.tr("Tax &code:"),
            "address": self.tr("&Address:"),
            "pec": self.tr("&PEC:"),
            "email": self.tr("&E-mail:"),
            "phone": self.tr("&Telephone:"),
            "website": self.tr("&Website:"),
        }
        for key in _BODY_FIELDS:
            add_row(form, self.registry, key, captions[key], self._edit(key))
        if self.editable:
            self.edits["name"].setPlaceholderText(self.tr("e.g. Ambito territoriale di Saronno"))
            self.edits["controller_name"].setPlaceholderText(
                self.tr("for an Ambito, its lead body (ente capofila)")
            )
            self.edits["controller_tax_code"].setPlaceholderText(
                self.tr("11 digits, the body's codice fiscale")
            )
            self.edits["address"].setPlaceholderText(self.tr("street, postcode, town (province)"))
        hint = QLabel(
            self.tr(
                "The controller is the legal entity answering for the data: an Ambito has no "
                "legal personality, so for an Ambito it is its lead body (the comune, consortium "
                "or azienda named in the Piano di Zona's agreement)."
            ),
            group,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        form.addRow(hint)
        return group

    def _dpo_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Data protection officer (DPO)"), self)
        form = make_form(group)
        self.forms.append(form)
        captions = {
            "dpo_name": self.tr("N&ame or firm:"),
            "dpo_email": self.tr("E-&mail:"),
            "dpo_pec": self.tr("P&EC:"),
            "dpo_phone": self.tr("Tele&phone:"),
        }
        for key in _DPO_FIELDS:
            add_row(form, self.registry, key, captions[key], self._edit(key))
        return group

    def _logo_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Logo"), self)
        self.preview = QLabel(group)
        self.preview.setFixedSize(PREVIEW_WIDTH + 8, PREVIEW_HEIGHT + 8)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setAccessibleName(self.tr("Logo"))
        self.choose_button = QPushButton(self.tr("Choose logo…"), group)
        self.choose_button.clicked.connect(self.choose_logo)
        self.remove_button = QPushButton(self.tr("Remove logo"), group)
        self.remove_button.clicked.connect(self.remove_logo)
        hint = QLabel(
            self.tr("PNG or JPEG; a large picture is reduced to at most 600 × 200 pixels."), group
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(group)
        column.addWidget(self.registry.slot("logo", self.preview))
        column.addLayout(buttons)
        column.addWidget(hint)
        column.addStretch(1)
        for widget in (self.choose_button, self.remove_button, hint):
            widget.setVisible(self.editable)
        return group

    # -- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the list again (a sync or a save changed the reference data); keep the body
        selected, and leave a form being edited alone."""
        if self.dirty:
            return
        keep = selected_key(self.table)
        self.summaries = list_profiles(self.store)
        fill_table(
            self.table,
            [(s.name, label(s.kind), self.completeness(s)) for s in self.summaries],
            keys=[s.code for s in self.summaries],
        )
        for row, summary in enumerate(self.summaries):
            item = self.table.item(row, 2)
            if item is not None and not summary.complete:
                item.setToolTip(self.completeness(summary))
        if not (keep is not None and select_key(self.table, keep)) and self.summaries:
            self.table.selectRow(0)
        self._on_selected()

    def completeness(self, summary: ProfileSummary) -> str:
        if summary.complete:
            return self.tr("Complete")
        return self.tr("Missing: %1").replace("%1", ", ".join(summary.missing))

    def _on_selected(self) -> None:
        if self.dirty:
            return
        code = selected_key(self.table)
        if not isinstance(code, str):
            self.profile = None
            self._show(None)
            return
        try:
            self.profile = get_profile(self.store, code)
        except ServiceError as error:  # removed by a sync meanwhile
            self.banner.show_error(str(error))
            return
        self._show(self.profile)

    def _show(self, profile: SiteProfile | None) -> None:
        self.registry.clear()
        self.banner.clear_message()
        for key, edit in self.edits.items():
            edit.blockSignals(True)
            edit.setText(getattr(profile, key) if profile is not None else "")
            edit.blockSignals(False)
            edit.setEnabled(profile is not None)
        self._show_logo(profile.logo if profile is not None else "")
        self._set_dirty(False)

    def _show_logo(self, logo: str) -> None:
        self.logo = logo
        pixmap = QPixmap()
        content = logo_bytes(logo)
        if content and pixmap.loadFromData(QByteArray(content)):
            self.preview.setPixmap(
                pixmap.scaled(
                    PREVIEW_WIDTH,
                    PREVIEW_HEIGHT,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No logo"))
        self.remove_button.setEnabled(bool(logo) and self.profile is not None)
        self.choose_button.setEnabled(self.profile is not None)

    # -- editing -------------------------------------------------------------------------

    def _edited(self) -> None:
        if self.editable and self.profile is not None:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.table.setEnabled(not dirty)
        if self.save_button is not None and self.revert_button is not None:
            self.save_button.setEnabled(dirty)
            self.revert_button.setEnabled(dirty)

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the logo"),
            "",
            self.tr("Pictures (*.png *.jpg *.jpeg)"),
        )
        if path:
            self.use_logo_file(Path(path))

    def use_logo_file(self, path: Path) -> bool:
        """Read, check and show the picked logo; a refusal is shown beside the preview."""
        self.registry.clear()
        try:
            logo = load_logo(path)
        except ValidationError as error:
            self.registry.show(error.field_errors)
            return False
        self._show_logo(logo)
        self._set_dirty(True)
        return True

    def remove_logo(self) -> None:
        self.registry.clear()
        self._show_logo("")
        self._set_dirty(True)

    def values(self) -> ProfileInput:
        texts = {key: edit.text() for key, edit in self.edits.items()}
        return ProfileInput(**texts, logo=self.logo)

    def save(self) -> bool:
        if self.profile is None or not self.editable:
            return False
        code, data = self.profile.code, self.values()
        actor = current_actor(self.store)
        self.registry.clear()
        self.banner.clear_message()
        return (
            Operation(
                self,
                lambda: update_profile(self.store, actor=actor, code=code, data=data),
                Changes(reference=True),
                initiator=self,
            )
            .success(self._saved)
            .failure(self._refused)
            .run()
        )

    def _saved(self, profile: SiteProfile) -> None:
        self.banner.clear_message()
        self.profile = profile
        self._set_dirty(False)
        self.reload()

    def _refused(self, error: Exception) -> None:
        show_refusal_in(self, self.banner, self.registry, error)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Unsaved changes are not lost by closing the window without a word."""
        if not self.dirty:
            super().closeEvent(event)
            return
        event.ignore()
        confirm(
            self,
            self.tr("The profile has unsaved changes. Close and discard them?"),
            self._discard_and_close,
            yes_text=self.tr("Discard changes"),
        )

    def _discard_and_close(self) -> None:
        self._set_dirty(False)
        self.close()

    def revert(self) -> None:
        self._set_dirty(False)
        self._on_selected()
