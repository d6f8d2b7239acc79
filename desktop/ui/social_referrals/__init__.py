"""A CPI's referrals to the social services of an Ambito: the page of the side bar.

Importing the package is cheap; the main window builds the page the first time it is shown,
and names its entry after the first paint, when this PC's site is read ("To social services"
on a CPI, "From the CPIs" on an Ambito).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidgetItem, QWidget

    from desktop.domain.codes import SiteKind
    from desktop.store.engine import Store


def social_referrals_page(store: Store, *, today: Callable[[], date] = date.today) -> QWidget:
    """The page (imports its modules, and with them the services, only now)."""
    from desktop.ui.social_referrals.page import SocialReferralsPage  # noqa: PLC0415

    return SocialReferralsPage(store, today=today)


def default_title() -> str:
    return QCoreApplication.translate("SocialReferrals", "Social services")


def name_navigation_item(
    item: QListWidgetItem, store: Store, *, kind: SiteKind | None = None
) -> None:
    """The side bar's entry as this site sees it (``kind``: the site's, if already read);
    hidden where the site is neither party."""
    from desktop.domain.codes import SiteKind  # noqa: PLC0415 - after the first paint

    if kind is None:
        from desktop.services.installation import current_actor  # noqa: PLC0415

        kind = current_actor(store).site_kind
    if kind is SiteKind.CPI:
        item.setText(QCoreApplication.translate("SocialReferrals", "To social services"))
    elif kind is SiteKind.AMBITO:
        item.setText(QCoreApplication.translate("SocialReferrals", "From the CPIs"))
    else:
        item.setText(default_title())
    item.setHidden(kind not in {SiteKind.CPI, SiteKind.AMBITO})
