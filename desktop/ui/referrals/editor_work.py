"""What the editor's buttons do: save, move through the lifecycle, record path actions.

Every change goes through a service and the editor then shows the referral the service
returned, so the window always shows what was committed. Refusals are shown beside the fields
they concern (or in the error banner when no field of this window is concerned) and change
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import QDialog, QWidget

from desktop.domain.codes import Track
from desktop.domain.lifecycle import Transition
from desktop.services.errors import (
    NotAllowedError,
    NotFoundError,
    ValidationError,
    WarningsNotConfirmedError,
)
from desktop.services.referrals.drafts import DraftInput, draft_problems, save_draft
from desktop.services.referrals.handling import (
    add_path_action,
    remove_path_action,
    save_handling,
    update_path_action,
)
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import PathActionInput, ReferralDetail, ReferralInput
from desktop.ui.common.banner import Banner
from desktop.ui.common.forms import FieldRegistry
from desktop.ui.operations import Changes, Operation, announce
from desktop.ui.referrals.actions_section import PathActionDialog
from desktop.ui.referrals.context import EditorContext
from desktop.ui.referrals.handling_section import HandlingSection, referents_for
from desktop.ui.referrals.person_block import PersonBlock
from desktop.ui.referrals.referral_section import ReferralSection
from desktop.ui.referrals.rights import Rights
from desktop.ui.referrals.track_sections import CmdSection, NeetSection
from desktop.ui.referrals.transition_dialog import TransitionDialog, TransitionRequest

# A referral's save can change its person too (a draft carries the person's data).
REFERRAL_COMMITTED = Changes(referrals=True, persons=True)


class EditorHost(Protocol):
    """What the work needs of the editor window that owns it (``ReferralEditor``): its
    sections, read through their values, and its state. A protocol, so that the editor
    imports the work and not the other way round."""

    context: EditorContext
    registry: FieldRegistry
    rights: Rights
    detail: ReferralDetail | None
    dirty: bool
    error_banner: Banner
    run_dialog: Callable[[QDialog], bool]
    confirm: Callable[[str], bool]

    @property
    def changed(self) -> SignalInstance: ...

    @property
    def person(self) -> PersonBlock: ...

    @property
    def referral(self) -> ReferralSection: ...

    @property
    def neet(self) -> NeetSection: ...

    @property
    def cmd(self) -> CmdSection: ...

    @property
    def handling(self) -> HandlingSection: ...

    def check_age(self) -> None: ...

    def show_tab_of(self, page: QWidget | None) -> None: ...

    def load(self, referral_id: str | None) -> None: ...

    def show_committed(self, detail: ReferralDetail) -> None: ...


class EditorWork(QObject):
    """The editor's actions; owned by the editor, which it reads and reloads."""

    def __init__(self, editor: EditorHost, window: QWidget) -> None:
        """``window``: the editor itself, as the parent of the dialogs the work opens."""
        super().__init__(window)
        self.editor = editor
        self._window = window

    # -- showing problems ----------------------------------------------------------------------

    def _clear(self) -> None:
        self.editor.registry.clear(("error", "warning"))
        self.editor.error_banner.show_message("")
        self.editor.check_age()

    def show_problems(self, errors: dict[str, str]) -> None:
        """Each message beside its field; the first field's tab comes forward, with focus."""
        editor = self.editor
        unplaced = editor.registry.show(errors)
        general = (
            []
            if len(unplaced) == len(errors)
            else [self.tr("Some fields need attention: see the messages beside them.")]
        )
        editor.error_banner.show_message(" ".join(general + list(unplaced.values())))
        first = editor.registry.first(list(errors))
        if first is not None:
            slot, page = first
            editor.show_tab_of(page)
            slot.field.setFocus()

    def _refused(self, error: Exception) -> None:
        self.editor.error_banner.show_message(str(error))

    # -- saving --------------------------------------------------------------------------------

    def draft_input(self) -> tuple[DraftInput, dict[str, str]]:
        editor = self.editor
        person = editor.person.values()
        referral = editor.referral.values()
        track = referral.track
        track_values = (
            editor.neet.values().fields() if track is Track.NEET else editor.cmd.values().fields()
        )
        referral_input = ReferralInput(
            person_id=person.person_id or "", **referral.fields(), **track_values
        )
        data = DraftInput(
            person=person.person,
            referral=referral_input,
            person_id=person.person_id,
            override_reason=person.override_reason,
        )
        return data, dict(person.problems)

    def save(self) -> bool:
        """Save what this site may change; False (with the messages shown) when refused.

        The service validates (once): what it refuses is shown beside the fields. Only what
        the form itself cannot read (a malformed date, an unknown comune) stops the save here.
        """
        editor = self.editor
        self._clear()
        if not editor.rights.can_save:
            return True
        commit = self._draft_commit() if editor.rights.edit_data else self._handling_commit()
        if commit is None:
            return False
        return (
            Operation(self._window, commit, REFERRAL_COMMITTED, initiator=editor)
            .success(editor.show_committed)
            .failure(self._save_refused)
            .run()
        )

    def _save_refused(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            self.show_problems(error.field_errors)
        elif isinstance(error, WarningsNotConfirmedError):
            self._ask_for_override(error.warnings)
        else:
            self._refused(error)

    def _draft_commit(self) -> Callable[[], ReferralDetail] | None:
        editor = self.editor
        data, local_errors = self.draft_input()
        if local_errors:
            # With the service's messages too, so that every problem shows at once.
            errors, _warnings = draft_problems(data, today=editor.context.today())
            self.show_problems({**errors, **local_errors})
            return None
        return lambda: save_draft(
            editor.context.store,
            actor=editor.context.actor,
            data=data,
            referral_id=editor.detail.id if editor.detail else None,
            today=editor.context.today(),
        )

    def _ask_for_override(self, warnings: dict[str, str]) -> None:
        editor = self.editor
        editor.registry.show(warnings, "warning")
        editor.person.ask_for_override()
        self.show_problems(
            {
                "override_reason": self.tr(
                    "The tax code does not match the data typed: check it, or give the reason "
                    "for confirming it (at least 5 characters)."
                )
            }
        )

    def _handling_commit(self) -> Callable[[], ReferralDetail] | None:
        editor = self.editor
        detail = editor.detail
        assert detail is not None  # a CPI only edits a saved referral
        values = editor.handling.values()
        outcome = follow_up = None
        if editor.rights.edit_outcome:
            if values.outcome_problems:
                self.show_problems(values.outcome_problems)
                return None
            outcome, follow_up = values.outcome, values.follow_up
        return lambda: save_handling(
            editor.context.store,
            actor=editor.context.actor,
            referral_id=detail.id,
            handling=values.handling if editor.rights.edit_handling else None,
            outcome=outcome,
            follow_up=follow_up,
            today=editor.context.today(),
        )

    def _committed(self, detail: ReferralDetail) -> None:
        """A dialog of this editor (a transition, a path action) committed through its service."""
        self.editor.show_committed(detail)
        announce(REFERRAL_COMMITTED, initiator=self.editor)

    def _save_pending(self) -> bool:
        return not self.editor.dirty or self.save()

    # -- lifecycle -----------------------------------------------------------------------------

    def _send_problems(self) -> dict[str, str]:
        referral = self.editor.referral.values()
        errors: dict[str, str] = {}
        if referral.privacy_notice_on is None:
            errors["privacy_notice_on"] = self.tr(
                "Before sending, enter the date the privacy notice was handed over."
            )
        if not referral.reason.strip():
            errors["reason"] = self.tr("Before sending, enter the reason for the referral.")
        return errors

    def run_transition(self, transition: Transition) -> bool:
        editor = self.editor
        self._clear()
        if transition is Transition.SEND:
            problems = self._send_problems()
            if problems:
                self.show_problems(problems)
                return False
        if not self._save_pending():
            return False
        detail = editor.detail
        if detail is None:
            return False
        referents = []
        default_referent = None
        # A referral taken in charge was sent, so it is addressed to a CPI.
        if transition is Transition.TAKE_IN_CHARGE and detail.job_centre_id is not None:
            from desktop.services.directory import current_referent  # noqa: PLC0415

            referents = referents_for(editor.context, detail.job_centre_id, detail.track)
            current = current_referent(
                editor.context.store,
                job_centre_id=detail.job_centre_id,
                track=detail.track,
                on=editor.context.today(),
            )
            default_referent = current.id if current else None
        dialog = TransitionDialog(
            transition,
            referral=detail,
            submit=lambda request: self._apply(detail.id, request),
            referents=referents,
            default_referent_id=default_referent,
            job_centre_name=editor.context.job_centre_name(detail.job_centre_id),
            today=editor.context.today,
            parent=self._window,
        )
        if not editor.run_dialog(dialog) or dialog.result_detail is None:
            return False
        self._committed(dialog.result_detail)
        return True

    def _apply(self, referral_id: str, request: TransitionRequest) -> ReferralDetail:
        return transition_referral(
            self.editor.context.store,
            actor=self.editor.context.actor,
            referral_id=referral_id,
            transition=request.transition,
            note=request.note,
            on=request.on,
            referent_id=request.referent_id,
            outcome=request.outcome,
        )

    # -- path actions --------------------------------------------------------------------------

    def _action_dialog(self, action_id: str | None) -> PathActionDialog | None:
        from desktop.services.directory import search_organizations  # noqa: PLC0415

        editor = self.editor
        detail = editor.detail
        if detail is None or not self._save_pending():
            return None
        store, actor = editor.context.store, editor.context.actor
        action = next((row for row in detail.actions if row.id == action_id), None)

        def submit(data: PathActionInput) -> ReferralDetail:
            if action is None:
                return add_path_action(store, actor=actor, referral_id=detail.id, data=data)
            return update_path_action(store, actor=actor, action_id=action.id, data=data)

        return PathActionDialog(
            search_organizations(store, "", limit=5000),
            action=action,
            submit=submit,
            today=editor.context.today,
            parent=self._window,
        )

    def _run_action_dialog(self, dialog: PathActionDialog | None) -> bool:
        if dialog is None or not self.editor.run_dialog(dialog) or dialog.result_detail is None:
            return False
        self._committed(dialog.result_detail)
        return True

    def add_action(self) -> bool:
        return self._run_action_dialog(self._action_dialog(None))

    def edit_action(self, action_id: str) -> bool:
        return self._run_action_dialog(self._action_dialog(action_id))

    def remove_action(self, action_id: str) -> bool:
        editor = self.editor
        if not editor.confirm(self.tr("Remove the selected path action?")):
            return False
        try:
            detail = remove_path_action(
                editor.context.store, actor=editor.context.actor, action_id=action_id
            )
        except (NotAllowedError, NotFoundError) as error:
            self._refused(error)
            return False
        self._committed(detail)
        return True
