"""The referral editor window: a new referral, or an existing one with its whole story.

Layout and what each site may touch live here; the work of saving, moving through the
lifecycle and recording actions is in ``editor_work`` (``EditorWork``), which this window owns.
Dialogs run through ``run_dialog`` and questions through ``ask_unsaved`` / ``confirm``, so
tests can answer them without a modal loop.

Opening a referral, and showing the CMD section of a CMD referral, are audited reads (issue
15): recorded right after the window's first paint, on the thread pool (``audit``), so that
the operator never waits for the audit; the CMD section once per opening.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from enum import Enum

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import ReferralStatus, Track
from desktop.domain.health import carries_health_data
from desktop.domain.lifecycle import Transition
from desktop.services.context import Actor
from desktop.services.persons import PersonDetail, get_person
from desktop.services.referrals.access import (
    record_cmd_section_shown,
    record_health_data_shown,
    record_referral_opened,
)
from desktop.services.referrals.drafts import get_referral_and_person, read_referral_form
from desktop.services.referrals.records import ReferralDetail, ReferralInput
from desktop.store.engine import Store
from desktop.ui.common.banner import Banner
from desktop.ui.common.forms import FieldRegistry
from desktop.ui.common.keyboard import keyboard_ready
from desktop.ui.common.signals import emit
from desktop.ui.common.window_state import fit_window
from desktop.ui.referrals.actions_section import ActionsSection
from desktop.ui.referrals.audit import audit_in_background
from desktop.ui.referrals.context import EditorContext, ReferenceData
from desktop.ui.referrals.editor_tabs import EditorTabs
from desktop.ui.referrals.editor_work import EditorWork
from desktop.ui.referrals.handling_section import HandlingSection, referents_for
from desktop.ui.referrals.header import EditorHeader, read_only_text
from desktop.ui.referrals.lifecycle_bar import LifecycleBar
from desktop.ui.referrals.person_block import PersonBlock
from desktop.ui.referrals.referral_section import ReferralSection, ReferralValues
from desktop.ui.referrals.return_notice import show_return_notice
from desktop.ui.referrals.rights import Rights, rights_for
from desktop.ui.referrals.section_values import (
    CmdValues,
    NeetValues,
    PersonValues,
)
from desktop.ui.referrals.social_button import SocialReferralButton
from desktop.ui.referrals.timeline import TimelineView
from desktop.ui.referrals.track_sections import CmdSection, NeetSection

S = ReferralStatus
TAKEN = frozenset({S.TAKEN_IN_CHARGE, S.IN_PATH, S.CONCLUDED})


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def exec_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class ReferralEditor(QDialog):
    """One referral in its own window; ``changed(referral_id)`` after every committed change."""

    changed = Signal(str)
    # The opening was audited (after the first paint; a new referral has nothing to audit).
    openingAudited = Signal()
    # The CMD section's showing was audited.
    cmdSectionAudited = Signal()
    healthDataAudited = Signal()
    # "Print the plan…" in the Shared plan tab: the referral's id.
    planPrintRequested = Signal(str)

    def __init__(
        self,
        store: Store,
        *,
        referral_id: str | None = None,
        actor: Actor | None = None,
        today: Callable[[], date] = date.today,
        reference: ReferenceData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``actor`` overrides this installation's settings; ``reference`` is shared data
        already read (comuni, CPIs, sites), read here when not given."""
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setModal(False)
        form = read_referral_form(store, referral_id, actor=actor)
        self.context = EditorContext.from_form(store, form, today=today, reference=reference)
        self.registry = FieldRegistry()
        self.detail: ReferralDetail | None = None
        self.person_detail: PersonDetail | None = None
        self.rights = Rights()
        self.dirty = False
        self._loading = False
        self.run_dialog: Callable[[QDialog], bool] = exec_dialog
        self.ask_unsaved: Callable[[], Unsaved] = self._ask_unsaved
        self.confirm: Callable[[str], bool] = self._confirm
        self.work = EditorWork(self, self)
        self._build()
        self.load(referral_id, read=(form.referral, form.person))
        self.tabs.section(self.tabs.person_page)  # the first tab; the others when shown
        self.opening_audited = False
        self._cmd_audited: set[str] = set()
        self.tabs.currentChanged.connect(self._audit_cmd_section)
        # Tab in the order of the layout, again as each tab's section is built when first shown.
        keyboard_ready(self)
        self.tabs.currentChanged.connect(lambda _index: keyboard_ready(self))
        self.installEventFilter(self)

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        context, registry = self.context, self.registry
        self.header = EditorHeader(self)
        self.readonly_banner = Banner(Banner.INFO, self)
        self.error_banner = Banner(Banner.ERROR, self)

        self.tabs = EditorTabs(context, registry, self)
        self.tabs.on_built = self._on_section_built

        self.lifecycle = LifecycleBar(self)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.close_button = QPushButton(self.tr("C&lose"), self)
        for button in (self.save_button, self.close_button):
            button.setAutoDefault(False)
        self.social_button = SocialReferralButton(self, self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.lifecycle)
        bottom.addWidget(self.social_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addWidget(self.readonly_banner)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        QShortcut(QKeySequence.StandardKey.Save, self, self.work.save)
        self.save_button.clicked.connect(self.work.save)
        self.close_button.clicked.connect(self.close)
        self.lifecycle.requested.connect(self.work.run_transition)
        # Explicit: a minimum derived from the layout would be pushed to the window system on
        # every change of the layout, which some platforms (offscreen) report as a warning.
        fit_window(self, 1180, 740, minimum=QSize(960, 600), key="referral_editor")

    # -- the audit of access --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            # Queued: runs once this paint is done, so the referral is on screen first.
            QTimer.singleShot(0, self, self._audit_opening)
        return False

    def _audit_opening(self) -> None:
        detail, context = self.detail, self.context
        if detail is None:  # a new referral: nothing was read
            self._opening_audited()
            return
        store, actor, referral_id, track = context.store, context.actor, detail.id, detail.track
        audit_in_background(
            # The module's name, looked up when the job runs (the benchmark swaps it).
            lambda: record_referral_opened(
                store, actor=actor, referral_id=referral_id, track=track
            ),
            self._opening_audited,
            self,
        )

    def _opening_audited(self) -> None:
        self.opening_audited = True
        emit(self.openingAudited)

    def _audit_cmd_section(self) -> None:
        """A look at special-category data is audited once per opening: the CMD section of a
        CMD referral, or the NEET section of one with health-related codes."""
        detail = self.detail
        if detail is None or detail.id in self._cmd_audited:
            return
        store, actor, referral_id = self.context.store, self.context.actor, detail.id
        current = self.tabs.currentWidget()
        if current is self.tabs.cmd_page and detail.track is Track.CMD:
            self._cmd_audited.add(detail.id)
            audit_in_background(
                lambda: record_cmd_section_shown(store, actor=actor, referral_id=referral_id),
                lambda: emit(self.cmdSectionAudited),
                self,
            )
        elif (
            current is self.tabs.neet_page
            and detail.track is Track.NEET
            and carries_health_data(detail.needs, detail.other_services)
        ):
            self._cmd_audited.add(detail.id)
            audit_in_background(
                lambda: record_health_data_shown(store, actor=actor, referral_id=referral_id),
                lambda: emit(self.healthDataAudited),
                self,
            )

    # -- the tabs, built on demand (see editor_tabs) --------------------------------------------

    @property
    def person_page(self) -> QWidget:
        return self.tabs.person_page

    @property
    def referral_page(self) -> QWidget:
        return self.tabs.referral_page

    @property
    def neet_page(self) -> QWidget:
        return self.tabs.neet_page

    @property
    def cmd_page(self) -> QWidget:
        return self.tabs.cmd_page

    @property
    def handling_page(self) -> QWidget:
        return self.tabs.handling_page

    @property
    def person(self) -> PersonBlock:
        return self.tabs.person

    @property
    def referral(self) -> ReferralSection:
        return self.tabs.referral

    @property
    def neet(self) -> NeetSection:
        return self.tabs.neet

    @property
    def cmd(self) -> CmdSection:
        return self.tabs.cmd

    @property
    def handling(self) -> HandlingSection:
        return self.tabs.handling

    @property
    def actions(self) -> ActionsSection:  # type: ignore[override] # QWidget's QActions are unused
        return self.tabs.actions

    @property
    def timeline(self) -> TimelineView:
        return self.tabs.timeline

    def _on_section_built(self, page: QWidget, section: QWidget) -> None:
        tabs = self.tabs
        if isinstance(section, (PersonBlock, ReferralSection, NeetSection, CmdSection)):
            section.changed.connect(self._on_changed)
        if isinstance(section, HandlingSection):
            section.changed.connect(self._on_changed)
        if isinstance(section, NeetSection):  # eligibility is on the adhesion date
            section.guarantee_adhesion_on.valueChanged.connect(self.check_age)
        if isinstance(section, CmdSection):  # the iscrizione against the person's DID
            section.did_date_source = lambda: self.person.values().person.did_date
        if isinstance(section, PersonBlock):
            section.birthDateChanged.connect(self.check_age)
            section.residenceChanged.connect(self._on_residence_changed)
        elif isinstance(section, ReferralSection):
            section.trackChanged.connect(self._show_track)
            section.trackChanged.connect(self.check_age)
        elif page is tabs.plan_page:
            self.tabs.plan.printRequested.connect(self.planPrintRequested)
        elif page is tabs.actions_page:
            self.actions.addRequested.connect(self.work.add_action)
            self.actions.editRequested.connect(self.work.edit_action)
            self.actions.removeRequested.connect(self.work.remove_action)
        loading, self._loading = self._loading, True
        try:
            self._fill(page)
            self._apply_section_rights(page)
        finally:
            self._loading = loading

    def _fill(self, page: QWidget) -> None:
        """Show the loaded referral in one built tab."""
        tabs, detail = self.tabs, self.detail
        if page is tabs.person_page:
            self.person.set_values(PersonValues.of(self.person_detail))
        elif page is tabs.referral_page:
            values = ReferralValues.of(detail, operator_name=self.context.operator_name)
            if detail is None:
                values = replace(values, track=self._new_track())
            self.referral.set_values(values)
            self._on_residence_changed(follow=detail is None)
            self.check_age()
        elif page is tabs.neet_page:
            self.neet.set_values(NeetValues.of(detail))
        elif page is tabs.cmd_page:
            self.cmd.set_values(CmdValues.of(detail))
        elif page is tabs.handling_page:
            referents = []
            if detail is not None and detail.status not in {S.DRAFT, S.SENT}:
                referents = referents_for(self.context, detail.job_centre_id, detail.track)
            self.handling.set_referral(detail, referents)
        elif page is tabs.actions_page:
            self.actions.set_actions(detail.actions if detail else ())
        elif page is tabs.plan_page:
            self.tabs.plan.show_referral(detail.id if detail else None, detail and detail.status)
        elif page is tabs.timeline_page:
            self.timeline.set_events(detail.events if detail else (), self.context.site_names)

    def _apply_section_rights(self, page: QWidget) -> None:
        rights, tabs = self.rights, self.tabs
        section = tabs.section(page)
        if isinstance(section, (PersonBlock, ReferralSection, NeetSection, CmdSection)):
            section.set_editable(rights.edit_data)
        elif isinstance(section, HandlingSection):
            status = self.detail.status if self.detail else S.DRAFT
            section.set_editable(
                handling=rights.edit_handling, outcome=rights.edit_outcome, taken=status in TAKEN
            )
        elif isinstance(section, ActionsSection):
            section.set_editable(add=rights.add_actions, change=rights.change_actions)

    # -- loading -------------------------------------------------------------------------------

    def load(
        self,
        referral_id: str | None,
        *,
        read: tuple[ReferralDetail | None, PersonDetail | None] | None = None,
    ) -> None:
        """Show a referral as stored (None: a new, empty one) with what this site may do.

        ``read``: the referral and person already read for this id, not read again.
        """
        self._loading = True
        try:
            self.detail, self.person_detail = None, None
            if read is not None:
                self.detail, self.person_detail = read
            elif referral_id is not None:
                read_again = get_referral_and_person(self.context.store, referral_id)
                self.detail, self.person_detail = read_again
            self.rights = rights_for(
                self.context.actor,
                self.detail,
                own_job_centre_id=self.context.own_job_centre_id,
                sender_tracks=self.context.sender_tracks,
                person_restricted=bool(self.person_detail and self.person_detail.restricted),
            )
            self.registry.clear()
            for page in self.tabs.built_sections():
                self._fill(page)
                self._apply_section_rights(page)
            self._show_track()
            self._apply_rights()
            self._show_header()
            show_return_notice(
                self.tabs.answer_banner,
                self.detail,
                self.context.site_names,
                may_resend=Transition.SEND in self.rights.transitions,
            )
            self.error_banner.show_message("")
        finally:
            self._loading = False
        self.set_dirty(False)

    def show_committed(self, detail: ReferralDetail) -> None:
        """After a save, a transition or a path action: show the referral the service returned
        (not read again), then emit ``changed``; the work announces the change to the other
        screens."""
        person = get_person(self.context.store, detail.person_id)  # a draft's save changes it
        self.load(detail.id, read=(detail, person))
        emit(self.changed, detail.id)

    def _apply_rights(self) -> None:
        self.lifecycle.show_allowed(self.rights.transitions)
        self.social_button.update_for()
        self.save_button.setEnabled(self.rights.can_save)
        self.readonly_banner.show_message(
            read_only_text(self.context, self.rights, self.detail, self.person_detail)
        )

    def _show_header(self) -> None:
        title = self.header.show_referral(self.context, self.detail, self.person_detail)
        self.setWindowTitle(title + "[*]")

    def track(self) -> Track:
        """The track chosen on the form (or the stored one, while its tab is not built)."""
        if self.tabs.is_built(self.tabs.referral_page):
            return self.referral.values().track
        return self.detail.track if self.detail else self._new_track()

    def _new_track(self) -> Track:
        """A new referral's track: NEET, unless this site's routes do not offer it."""
        offered = self.context.sender_tracks
        return offered[0] if offered and Track.NEET not in offered else Track.NEET

    def _show_track(self) -> None:
        track, detail, tabs = self.track(), self.detail, self.tabs
        visible = {
            tabs.neet_page: track is Track.NEET,
            tabs.cmd_page: track is Track.CMD,
            # The CPI's tabs appear once the CPI has something to show in them.
            tabs.handling_page: detail is not None and detail.handling is not None,
            tabs.actions_page: detail is not None
            and (detail.status in TAKEN or bool(detail.actions)),
            # The joint plan, for both parties, from the taking in charge on.
            tabs.plan_page: detail is not None and detail.status in TAKEN,
            tabs.timeline_page: detail is not None,
        }
        for page, shown in visible.items():
            tabs.setTabVisible(tabs.indexOf(page), shown)

    def _on_residence_changed(self, *, follow: bool = True) -> None:
        from desktop.services.referrals.records import competent_job_centre  # noqa: PLC0415

        if not self.tabs.is_built(self.tabs.referral_page):
            return  # worked out when the tab is built
        municipality = self.person.values().person.residence_municipality_id
        competent = None
        if municipality is not None:
            competent = competent_job_centre(self.context.store, municipality, self.context.today())
        self.referral.set_competent(competent, follow=follow)

    def check_age(self) -> None:
        """The NEET age limits, beside the track, as soon as the birth date is known."""
        from desktop.services.referrals.records import validate_referral  # noqa: PLC0415

        if not self.tabs.is_built(self.tabs.referral_page):
            return  # checked when the tab is built
        slot = self.registry.slots["track"]
        birth_date = self.person.values().person.birth_date
        if self.track() is not Track.NEET or birth_date is None:
            slot.clear()
            return
        adhesion = (
            self.neet.values().guarantee_adhesion_on
            if self.tabs.is_built(self.tabs.neet_page)
            else (self.detail.guarantee_adhesion_on if self.detail else None)
        )
        errors, warnings = validate_referral(
            ReferralInput(track=Track.NEET, person_id="-", guarantee_adhesion_on=adhesion),
            birth_date=birth_date,
            today=self.context.today(),
        )
        if "track" in errors:
            slot.show_message(errors["track"], "error")
        elif "track" in warnings:
            slot.show_message(warnings["track"], "warning")
        else:
            slot.clear()

    # -- state ---------------------------------------------------------------------------------

    def _on_changed(self) -> None:
        if not self._loading:
            self.set_dirty(True)

    def set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty and self.rights.can_save
        self.setWindowModified(self.dirty)

    def show_tab_of(self, page: QWidget | None) -> None:
        if page is not None:
            self.tabs.setCurrentWidget(page)

    # -- closing -------------------------------------------------------------------------------

    def _ask_unsaved(self) -> Unsaved:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle().replace("[*]", ""))
        box.setText(self.tr("The referral has unsaved changes. Save them before closing?"))
        save = box.addButton(self.tr("&Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Do&n't save"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return Unsaved.SAVE
        if clicked is discard:
            return Unsaved.DISCARD
        return Unsaved.CANCEL

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.windowTitle().replace("[*]", ""), question)
        return answer == QMessageBox.StandardButton.Yes

    def may_close(self) -> bool:
        """Ask about unsaved changes; True when the window may go."""
        if not self.dirty:
            return True
        choice = self.ask_unsaved()
        if choice is Unsaved.SAVE:
            return self.work.save()
        return choice is Unsaved.DISCARD

    def reject(self) -> None:
        # Escape, the Close button and the window's close box all end here.
        if self.may_close():
            super().reject()

    def transition_buttons(self) -> dict[Transition, QPushButton]:
        return self.lifecycle.buttons
