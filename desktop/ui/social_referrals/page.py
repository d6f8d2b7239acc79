"""The list of social referrals: what this CPI sent, or what the CPIs sent to this Ambito.

Sortable by any column (dates by date, not by their text); a double click or "Open" shows the
referral in its dialog, where each side does what it may.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import SiteKind
from desktop.services.installation import current_actor
from desktop.services.social_referrals import (
    SocialReferralRow,
    list_social_referrals,
    may_write_social_referrals,
)
from desktop.store.engine import Store
from desktop.ui.common.messages import heading
from desktop.ui.common.tables import fill_table, make_table, selected_key
from desktop.ui.labels import label
from desktop.ui.operations import Changes, follow_changes
from desktop.ui.social_referrals.dialog import SocialReferralDialog


class SocialReferralsPage(QWidget):
    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.actor = current_actor(store)
        self.cpi_side = self.actor.site_kind is not SiteKind.AMBITO
        self.dialogs: list[SocialReferralDialog] = []
        if self.cpi_side:
            title = self.tr("Referrals to the social services")
            intro = self.tr(
                "Persons this CPI refers to the social services of an Ambito, and the "
                "Ambito's answers."
            )
        else:
            title = self.tr("Referrals from the job centres")
            intro = self.tr(
                "Persons the job centres refer to this Ambito's social services: take them "
                "in charge or say why they are not for this Ambito."
            )
        self.title = heading(title, self)
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New social referral…"), self)
        self.new_button.setVisible(self.cpi_side)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.table = make_table(
            self,
            [
                self.tr("Number"),
                self.tr("Person"),
                self.tr("Ambito") if self.cpi_side else self.tr("From"),
                self.tr("Status"),
                self.tr("Urgency"),
                self.tr("Sent on"),
                self.tr("Last answer"),
            ],
        )
        self.table.setAccessibleName(title)
        self.count = QLabel(self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        self.new_button.clicked.connect(lambda: self.open_dialog(None))
        self.open_button.clicked.connect(self._open_selected)
        self.table.itemDoubleClicked.connect(lambda _item: self._open_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        follow_changes(
            self, Changes(referrals=True, persons=True, reference=True, site=True), self.reload
        )
        self.reload()

    def reload(self) -> None:
        self.actor = current_actor(self.store)
        may_write = may_write_social_referrals(self.store, self.actor)
        self.new_button.setEnabled(may_write)
        self.new_button.setToolTip(
            ""
            if may_write
            else self.tr(
                "The referral routes the Province has set do not let this office send "
                "referrals to the social services."
            )
        )
        self.show_rows(list_social_referrals(self.store, actor=self.actor))

    def show_rows(self, rows: list[SocialReferralRow]) -> None:
        fill_table(
            self.table,
            [
                (
                    row.number,
                    row.person_name,
                    row.ambito_name if self.cpi_side else row.sender_name,
                    label(row.status),
                    label(row.urgency),
                    row.sent_on,
                    row.last_reply_on,
                )
                for row in rows
            ],
            keys=[row.id for row in rows],
        )
        self.count.setText(self.tr("%n referral(s)", "", len(rows)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(selected_key(self.table) is not None)

    def _open_selected(self) -> None:
        key = selected_key(self.table)
        if isinstance(key, str):
            self.open_dialog(key)

    def open_dialog(self, social_referral_id: str | None) -> SocialReferralDialog:
        dialog = SocialReferralDialog(
            self.store, social_referral_id, today=self.today, parent=self.window()
        )
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.show()
        return dialog

    def _forget(self, dialog: SocialReferralDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
