"""«Segnala ai servizi sociali…» in a CPI's referral editor: a social referral about the
referral's person, prefilled (person, Ambito of residence, the CPI's operator, the link)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QPushButton, QWidget

from desktop.domain.codes import ReferralStatus, RouteTrack, SiteKind
from desktop.services.referrals.records import ReferralDetail
from desktop.ui.referrals.context import EditorContext
from sync.protocol.routes import Route

if TYPE_CHECKING:
    from desktop.ui.social_referrals.dialog import SocialReferralDialog


class ShowsReferral(Protocol):
    """What the button reads of the editor it sits in (the editor imports this module)."""

    @property
    def detail(self) -> ReferralDetail | None: ...
    @property
    def context(self) -> EditorContext: ...


SOCIAL = Route(SiteKind.CPI, SiteKind.AMBITO, RouteTrack.SOCIAL)
# The CPI has the referral in its hands from receipt on.
HANDLED = frozenset(
    {
        ReferralStatus.RECEIVED,
        ReferralStatus.TAKEN_IN_CHARGE,
        ReferralStatus.IN_PATH,
        ReferralStatus.CONCLUDED,
    }
)


class SocialReferralButton(QPushButton):
    def __init__(self, editor: ShowsReferral, parent: QWidget) -> None:
        super().__init__(parent)
        self.setText(self.tr("Refer to social services…"))
        self.setAutoDefault(False)
        self.setToolTip(
            self.tr("Refer this person to the social services of the Ambito of residence.")
        )
        self.editor = editor
        self.dialog: SocialReferralDialog | None = None
        self.clicked.connect(self.open_dialog)
        self.hide()

    def update_for(self) -> None:
        """Shown to the CPI the referral is addressed to, on the social route, once received."""
        editor, context = self.editor, self.editor.context
        detail = editor.detail
        self.setVisible(
            detail is not None
            and context.actor.site_kind is SiteKind.CPI
            and detail.sending_site != context.actor.site_code
            and context.own_job_centre_id in {None, detail.job_centre_id}
            and detail.status in HANDLED
            and SOCIAL in context.reference.routes
            and not detail.restricted
        )

    def open_dialog(self) -> SocialReferralDialog | None:
        from desktop.services.social_referrals import input_from_referral  # noqa: PLC0415
        from desktop.ui.social_referrals.dialog import SocialReferralDialog  # noqa: PLC0415

        detail, context = self.editor.detail, self.editor.context
        if detail is None:
            return None
        initial = input_from_referral(
            context.store, referral_id=detail.id, operator_name=context.operator_name
        )
        self.dialog = SocialReferralDialog(
            context.store, None, initial=initial, today=context.today, parent=self.parentWidget()
        )
        self.dialog.show()
        return self.dialog
