"""The settings dialog: site (until enrollment sets it), the operator's display name, language.

The site and the display name are saved in the data folder (``desktop.services.sites``); the
language belongs to the user's Qt settings and applies at the next start. The operator is the
OS account (``desktop.domain.identity``): shown here, never typed, because whatever is typed
could name anyone in the audit trail.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import SiteKind
from desktop.services.errors import ValidationError
from desktop.services.installation import current_actor
from desktop.services.sites import (
    InstallationSettings,
    SiteRow,
    installation_settings,
    list_sites,
    save_installation_settings,
)
from desktop.services.worklist import (
    TAKE_IN_CHARGE_DAYS_MAX,
    save_take_in_charge_days,
    take_in_charge_days,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import set_read_only
from desktop.ui.common.forms import make_form
from desktop.ui.labels import label
from desktop.ui.language import LANGUAGE_SETTING
from desktop.ui.operations import Changes, Operation

LANGUAGES = (("it", "Italiano"), ("en", "English"))  # each in its own language, on purpose
_ERROR_STYLE = "color: #b00020;"


class SettingsDialog(QDialog):
    """Saves on OK; ``exec()`` returns true when something was saved."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle(self.tr("Settings"))
        current = installation_settings(store)
        self._current = current
        self._sites = list_sites(store)
        self._errors: dict[str, QLabel] = {}

        site_box = QGroupBox(self.tr("Site of this workstation"), self)
        self.kind_combo = QComboBox(site_box)
        kinds = [kind for kind in SiteKind if any(s.kind is kind for s in self._sites)]
        for kind in kinds or [SiteKind.AMBITO, SiteKind.CPI]:
            self.kind_combo.addItem(label(kind), kind.value)
        self.site_combo = QComboBox(site_box)
        self.site_combo.setMinimumContentsLength(36)
        self.job_centre_label = QLabel(site_box)
        self.job_centre_label.setWordWrap(True)
        note = QLabel(
            self.tr(
                "When this workstation is enrolled with the provincial server, the enrollment "
                "sets its site."
            ),
            site_box,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        site_form = make_form(site_box)
        self._add_row(site_form, "site_kind", self.tr("&Kind:"), self.kind_combo)
        self._add_row(site_form, "site", self.tr("&Site:"), self.site_combo)
        self.job_centre_caption = QLabel(self.tr("CPI:"), site_box)
        site_form.addRow(self.job_centre_caption, self.job_centre_label)
        site_form.addRow(note)

        operator_box = QGroupBox(self.tr("Operator"), self)
        actor = current_actor(store)
        self.account_edit = QLineEdit(actor.operator, operator_box)
        set_read_only(self.account_edit)
        self.role_label = QLabel(operator_box)
        self.role_label.setWordWrap(True)
        if actor.role is not None:
            self.role_label.setText(label(actor.role))
        else:
            self.role_label.setText(
                self.tr("none: this account is not in the site's configuration on the server")
            )
        self.full_name_edit = QLineEdit(current.operator_name, operator_box)
        self.full_name_edit.setPlaceholderText(actor.display_name or self.tr("optional"))
        identity_note = QLabel(
            self.tr(
                "The operator is the account signed in to Windows (or to this computer): "
                "Trama records it in every change and every access, and it cannot be changed "
                "here. The role comes from the site's configuration on the provincial server. "
                "The display name is only shown beside the account."
            ),
            operator_box,
        )
        identity_note.setWordWrap(True)
        identity_note.setStyleSheet("color: palette(placeholder-text);")
        operator_form = make_form(operator_box)
        self._add_row(operator_form, "operator", self.tr("&Account:"), self.account_edit)
        operator_form.addRow(QLabel(self.tr("Role:"), operator_box), self.role_label)
        self._add_row(
            operator_form, "operator_name", self.tr("Display &name:"), self.full_name_edit
        )
        operator_form.addRow(identity_note)

        language_box = QGroupBox(self.tr("Language"), self)
        self.language_combo = QComboBox(language_box)
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        chosen = str(QSettings().value(LANGUAGE_SETTING, "it") or "it")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(chosen)))
        language_note = QLabel(self.tr("A new language applies when Trama starts again."))
        language_note.setStyleSheet("color: palette(placeholder-text);")
        language_form = make_form(language_box)
        self._add_row(language_form, "language", self.tr("&Language:"), self.language_combo)
        language_form.addRow(language_note)

        worklist_box = QGroupBox(self.tr("Start page"), self)
        self.take_in_charge_days = QSpinBox(worklist_box)
        self.take_in_charge_days.setRange(1, TAKE_IN_CHARGE_DAYS_MAX)
        self.take_in_charge_days.setSuffix(self.tr(" days"))
        self.take_in_charge_days.setValue(take_in_charge_days(store))
        worklist_note = QLabel(
            self.tr(
                "On a CPI's workstation, a referral not yet taken in charge this many days after "
                "it was sent is listed on the start page."
            ),
            worklist_box,
        )
        worklist_note.setWordWrap(True)
        worklist_note.setStyleSheet("color: palette(placeholder-text);")
        worklist_form = QFormLayout(worklist_box)
        self._add_row(
            worklist_form,
            "take_in_charge_days",
            self.tr("&Take in charge within:"),
            self.take_in_charge_days,
        )
        worklist_form.addRow(worklist_note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(site_box)
        layout.addWidget(operator_box)
        layout.addWidget(language_box)
        layout.addWidget(worklist_box)
        layout.addWidget(self.buttons)

        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(current.site_kind.value)))
        self._fill_sites(keep=current.site_code)
        self.kind_combo.currentIndexChanged.connect(lambda _index: self._fill_sites())
        self.site_combo.currentIndexChanged.connect(self._on_site_changed)
        self._on_site_changed()
        self.enrolled = self._lock_site_if_enrolled(note)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        # As tall as its wrapped notes need at that width (the layout's own hint falls short
        # once four boxes hold such notes).
        self.setMinimumHeight(layout.totalHeightForWidth(self.minimumWidth()))

    def _lock_site_if_enrolled(self, note: QLabel) -> bool:
        """After enrollment the server decides the site: changing it here would send this
        PC's records under another office's name."""
        from sync.client.api import enrollment  # noqa: PLC0415 - only when the dialog opens

        if enrollment(self._store) is None:
            return False
        self.kind_combo.setEnabled(False)
        self.site_combo.setEnabled(False)
        note.setText(
            self.tr(
                "This workstation is enrolled with the provincial server: its site is the one "
                "given at enrollment and cannot be changed here."
            )
        )
        return True

    def _add_row(self, form: QFormLayout, key: str, text: str, field: QWidget) -> None:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        error = QLabel(box)
        error.setWordWrap(True)
        error.setStyleSheet(_ERROR_STYLE)
        error.hide()
        column.addWidget(error)
        self._errors[key] = error
        caption = QLabel(text, self)
        caption.setBuddy(field)
        field.setAccessibleName(text.replace("&", "").rstrip(":"))
        form.addRow(caption, box)

    def _fill_sites(self, keep: str | None = None) -> None:
        kind = SiteKind(self.kind_combo.currentData())
        keep = keep or self.site_combo.currentData()
        self.site_combo.blockSignals(True)
        self.site_combo.clear()
        for site in self._sites:
            if site.kind is kind:
                self.site_combo.addItem(site.name, site.code)
        if keep and self.site_combo.findData(keep) < 0 and not self._sites:
            # No site is configured yet (a new installation): keep the one already set.
            self.site_combo.addItem(keep, keep)
        self.site_combo.setCurrentIndex(max(0, self.site_combo.findData(keep)))
        self.site_combo.blockSignals(False)
        self._on_site_changed()

    def selected_site(self) -> SiteRow | None:
        code = self.site_combo.currentData()
        return next((site for site in self._sites if site.code == code), None)

    def _on_site_changed(self) -> None:
        site = self.selected_site()
        is_cpi = SiteKind(self.kind_combo.currentData()) is SiteKind.CPI
        self.job_centre_caption.setVisible(is_cpi)
        self.job_centre_label.setVisible(is_cpi)
        if site is not None and site.job_centre_name:
            self.job_centre_label.setText(site.job_centre_name)
        else:
            self.job_centre_label.setText(self.tr("no CPI is configured for this site"))

    def settings(self) -> InstallationSettings:
        if self.enrolled:
            return InstallationSettings(
                site_code=self._current.site_code,
                site_kind=self._current.site_kind,
                site_name=self._current.site_name,
                operator=self._current.operator,
                operator_name=self.full_name_edit.text(),
            )
        site = self.selected_site()
        code = str(self.site_combo.currentData() or "")
        return InstallationSettings(
            site_code=code,
            site_kind=SiteKind(self.kind_combo.currentData()),
            site_name=site.name if site is not None else code,
            operator=self._current.operator,
            operator_name=self.full_name_edit.text(),
        )

    def accept(self) -> None:
        settings = self.settings()
        days = self.take_in_charge_days.value()

        def save() -> None:
            save_take_in_charge_days(self._store, days)
            save_installation_settings(self._store, settings)

        saved = Operation(self, save, Changes(site=True)).failure(self._refused).run()
        if not saved:
            return
        QSettings().setValue(LANGUAGE_SETTING, self.language_combo.currentData())
        super().accept()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            for key, message in self._errors.items():
                message.setText(error.field_errors.get(key, ""))
                message.setVisible(key in error.field_errors)
        else:
            QMessageBox.warning(self, self.windowTitle(), str(error))
