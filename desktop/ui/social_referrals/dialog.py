"""One social referral: the CPI writes, sends or withdraws it; the Ambito answers it.

The form is the CPI's (editable while a draft); below it, the answers so far and a note, which
a withdrawal or a "not for us" answer needs (the other office reads it). Each button commits
through ``Operation``; a refusal shows in the banner and the dialog stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import SocialReferralStatus, Urgency
from desktop.services.installation import current_actor
from desktop.services.social_referrals import (
    SocialReferralDetail,
    SocialReferralInput,
    SocialRights,
    ambito_choices,
    create_social_referral,
    get_social_referral,
    person_choices,
    reply_social_referral,
    send_social_referral,
    social_rights,
    update_social_referral,
    withdraw_social_referral,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import CodeCombo, set_read_only
from desktop.ui.common.formats import format_date
from desktop.ui.common.forms import FieldRegistry, add_row, make_form
from desktop.ui.common.messages import MessageBanner, heading, show_refusal_in
from desktop.ui.common.tables import fill_table, make_table
from desktop.ui.common.window_state import fit_window
from desktop.ui.labels import label
from desktop.ui.operations import Changes, Operation

S = SocialReferralStatus


class SocialReferralDialog(QDialog):
    """A social referral (None: a new one, or one prefilled with ``initial``)."""

    def __init__(
        self,
        store: Store,
        social_referral_id: str | None,
        *,
        initial: SocialReferralInput | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.store = store
        self.today = today
        self.actor = current_actor(store)
        self.detail: SocialReferralDetail | None = None
        self.rights = SocialRights()
        self.registry = FieldRegistry()
        # The CPI's referral a new one comes from ("Segnala ai servizi sociali…").
        self.initial_referral_id = initial.referral_id if initial else None

        self.title = heading("", self)
        self.subtitle = QLabel(self)
        self.banner = MessageBanner(self)

        self.person = QComboBox(self)
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.person.model(), self.person)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.person.setCompleter(completer)
        self.person.setPlaceholderText(self.tr("Type to search"))
        self.ambito = QComboBox(self)
        self.ambito.addItem(self.tr("— the Ambito of residence —"), None)
        for choice in ambito_choices(store):
            self.ambito.addItem(choice.name, choice.id)
        self.operator = QLineEdit(self)
        self.urgency = CodeCombo(Urgency, optional=False)
        self.needs = QLineEdit(self)
        self.needs.setPlaceholderText(self.tr("For example: housing, income support"))
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 5 + 12)

        data = QGroupBox(self.tr("Referral"), self)
        form = make_form(data)
        add_row(form, self.registry, "person_id", self.tr("Person"), self.person)
        add_row(form, self.registry, "ambito_id", self.tr("Ambito"), self.ambito)
        add_row(form, self.registry, "referring_operator", self.tr("CPI operator"), self.operator)
        add_row(form, self.registry, "urgency", self.tr("Urgency"), self.urgency)
        add_row(form, self.registry, "needs", self.tr("Needs (separated by commas)"), self.needs)
        add_row(form, self.registry, "reason", self.tr("Reason"), self.reason)

        self.answers_group = answers = QGroupBox(self.tr("Answers"), self)
        self.answers = make_table(
            answers, [self.tr("Date"), self.tr("Status"), self.tr("By"), self.tr("Note")]
        )
        self.answers.setFixedHeight(self.answers.verticalHeader().defaultSectionSize() * 4)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 12)
        self.note.setPlaceholderText(
            self.tr("The reason, for the other office: needed to withdraw or to decline.")
        )
        answers_layout = QVBoxLayout(answers)
        answers_layout.addWidget(self.answers)
        self.note_box = QWidget(answers)
        note_form = make_form(self.note_box)
        note_form.setContentsMargins(0, 0, 0, 0)
        add_row(note_form, self.registry, "note", self.tr("Note"), self.note)
        answers_layout.addWidget(self.note_box)

        self.save_button = QPushButton(self.tr("Save draft"), self)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.withdraw_button = QPushButton(self.tr("Withdraw"), self)
        self.accept_button = QPushButton(self.tr("Take in charge"), self)
        self.decline_button = QPushButton(self.tr("Not for this Ambito"), self)
        self.close_button = QPushButton(self.tr("Close the case"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        actions = QHBoxLayout()
        for button in (
            self.save_button,
            self.send_button,
            self.withdraw_button,
            self.accept_button,
            self.decline_button,
            self.close_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.banner)
        layout.addWidget(data)
        layout.addWidget(answers)
        layout.addStretch(1)
        layout.addLayout(actions)

        self.save_button.clicked.connect(self.save)
        self.send_button.clicked.connect(self.send)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.accept_button.clicked.connect(lambda: self.reply(S.ACCEPTED))
        self.decline_button.clicked.connect(lambda: self.reply(S.DECLINED))
        self.close_button.clicked.connect(lambda: self.reply(S.CLOSED))

        fit_window(self, 760, 640 if social_referral_id is not None else 470, key="social_referral")
        if social_referral_id is not None:
            self.detail = get_social_referral(
                store, actor=self.actor, social_referral_id=social_referral_id
            )
        self.show_detail(self.detail, initial)

    # -- showing -------------------------------------------------------------------------------

    def show_detail(
        self, detail: SocialReferralDetail | None, initial: SocialReferralInput | None = None
    ) -> None:
        self.detail = detail
        self.rights = social_rights(self.store, self.actor, detail.id if detail else None)
        values = detail or initial or SocialReferralInput(person_id="")
        self._fill_persons(values.person_id, detail)
        self.ambito.setCurrentIndex(max(0, self.ambito.findData(values.ambito_id)))
        self.operator.setText(values.referring_operator)
        self.urgency.set_value(values.urgency)
        self.needs.setText(", ".join(values.needs))
        self.reason.setPlainText(values.reason)
        if detail is None:
            self.setWindowTitle(self.tr("New social referral"))
            self.title.setText(self.tr("New social referral"))
            self.subtitle.setText(self.tr("To the social services of an Ambito"))
        else:
            self.setWindowTitle(self.tr("Social referral %1").replace("%1", detail.number))
            self.title.setText(
                self.tr("Social referral %1 — %2")
                .replace("%1", detail.number)
                .replace("%2", label(detail.status).lower())
            )
            self.subtitle.setText(
                self.tr("From %1 to %2, on %3")
                .replace("%1", detail.sender_name)
                .replace("%2", detail.ambito_name)
                .replace("%3", format_date(detail.sent_on or detail.created_on))
            )
        rows = []
        if detail is not None:
            rows = [
                [format_date(r.replied_on), label(r.status), r.site_name, r.note]
                for r in detail.replies
            ]
            if detail.status is S.WITHDRAWN:
                rows.append(["", label(S.WITHDRAWN), detail.sender_name, detail.withdrawn_note])
        fill_table(self.answers, rows)
        # A new referral has no answers yet: the form alone, with room for the reason.
        self.answers_group.setVisible(detail is not None)
        self._apply_rights()

    def _fill_persons(self, person_id: str, detail: SocialReferralDetail | None) -> None:
        self.person.clear()
        if detail is not None and not self.rights.edit:
            # Only this referral's person: the other side may hold no other.
            self.person.addItem(detail.person_name, detail.person_id)
        else:
            self.person.addItem("", None)
            for choice in person_choices(self.store):
                self.person.addItem(choice.name, choice.id)
        self.person.setCurrentIndex(max(0, self.person.findData(person_id or None)))

    def _apply_rights(self) -> None:
        rights, editable = self.rights, self.rights.edit
        for widget in (
            self.person,
            self.ambito,
            self.urgency,
            self.operator,
            self.needs,
            self.reason,
        ):
            set_read_only(widget, not editable)
        self.save_button.setVisible(editable)
        self.send_button.setVisible(rights.send)
        self.withdraw_button.setVisible(rights.withdraw and self.detail is not None)
        self.accept_button.setVisible(S.ACCEPTED in rights.replies)
        self.decline_button.setVisible(S.DECLINED in rights.replies)
        self.close_button.setVisible(S.CLOSED in rights.replies)
        self.note_box.setVisible(rights.withdraw or bool(rights.replies))

    # -- committing ----------------------------------------------------------------------------

    def values(self) -> SocialReferralInput:
        person = self.person.currentData()
        ambito = self.ambito.currentData()
        return SocialReferralInput(
            person_id=person if isinstance(person, str) else "",
            ambito_id=ambito if isinstance(ambito, str) else None,
            reason=self.reason.toPlainText(),
            needs=tuple(part.strip() for part in self.needs.text().split(",") if part.strip()),
            urgency=self.urgency.code(),
            referring_operator=self.operator.text(),
            referral_id=self.detail.referral_id if self.detail else self.initial_referral_id,
        )

    def _run(self, op: Callable[[], SocialReferralDetail]) -> bool:
        self.registry.clear()
        self.banner.clear_message()
        return (
            Operation(self, op, Changes(referrals=True), initiator=self)
            .success(self._committed)
            .failure(self._refused)
            .run()
        )

    def _save_op(self) -> SocialReferralDetail:
        data, actor = self.values(), self.actor
        if self.detail is None:
            return create_social_referral(self.store, actor=actor, data=data, today=self.today())
        return update_social_referral(
            self.store, actor=actor, social_referral_id=self.detail.id, data=data
        )

    def save(self) -> bool:
        return self._run(self._save_op)

    def send(self) -> bool:
        """Save what the form holds, then send it: two commits, so that a refused sending
        leaves the saved draft shown, not a second one at the next click."""
        if not self.save() or self.detail is None:
            return False
        referral_id = self.detail.id
        return self._run(
            lambda: send_social_referral(
                self.store, actor=self.actor, social_referral_id=referral_id, on=self.today()
            )
        )

    def withdraw(self) -> bool:
        if self.detail is None:
            return False
        referral_id, note = self.detail.id, self.note.toPlainText()
        return self._run(
            lambda: withdraw_social_referral(
                self.store, actor=self.actor, social_referral_id=referral_id, note=note
            )
        )

    def reply(self, status: SocialReferralStatus) -> bool:
        if self.detail is None:
            return False
        referral_id, note = self.detail.id, self.note.toPlainText()
        return self._run(
            lambda: reply_social_referral(
                self.store,
                actor=self.actor,
                social_referral_id=referral_id,
                status=status,
                note=note,
                on=self.today(),
            )
        )

    def _committed(self, detail: SocialReferralDetail) -> None:
        self.note.clear()
        self.show_detail(detail)
        self.banner.show_info(self.tr("Saved."))

    def _refused(self, error: Exception) -> None:
        show_refusal_in(self, self.banner, self.registry, error)
