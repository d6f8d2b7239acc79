"""This data folder's own settings: which site it belongs to and who is working.

The site is a setting until enrollment with the provincial server sets it (issue: sync). The
operator is not a setting: it is the OS account (``current_actor``).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.codes import OperatorRole, SiteKind
from desktop.domain.identity import os_account, workstation
from desktop.store.engine import Store
from desktop.store.models import LocalSetting, Operator
from desktop.store.settings import OPERATOR, OPERATOR_NAME, SITE_CODE, SITE_KIND, SITE_NAME

# The keys are the store's (desktop.store.settings), named here too for the services' callers.
__all__ = [
    "DEFAULT_OPERATOR",
    "DEFAULT_SITE_CODE",
    "OPERATOR",
    "OPERATOR_NAME",
    "SITE_CODE",
    "SITE_KIND",
    "SITE_NAME",
    "actor_in",
    "current_actor",
    "get_settings",
    "set_settings",
]


DEFAULT_SITE_CODE = "LOCALE"
DEFAULT_OPERATOR = "operatore"


def get_settings(store: Store) -> dict[str, str]:
    with store.read() as session:
        return {row.key: row.value for row in session.scalars(select(LocalSetting))}


def set_settings(store: Store, values: dict[str, str]) -> None:
    with store.write() as session:
        for key, value in values.items():
            session.merge(LocalSetting(key=key, value=value))


def current_actor(store: Store) -> Actor:
    """Who is acting on this PC: the OS account, with the role the site's configuration gives it.

    The account comes from the operating system (``desktop.domain.identity``), whatever the
    settings hold; the role and the name come from the operators the server sends for this
    site, matched without regard to case (Windows accounts are case-insensitive). A display
    name typed in the settings is used only when the configuration gives none.
    """
    with store.read() as session:
        return actor_in(session)


def actor_in(session: Session, settings: dict[str, str] | None = None) -> Actor:
    """``current_actor`` inside a caller's unit of work (with its settings, if already read)."""
    if settings is None:
        settings = {row.key: row.value for row in session.scalars(select(LocalSetting))}
    account = os_account()
    site_code = settings.get(SITE_CODE, DEFAULT_SITE_CODE)
    configured = session.execute(
        select(Operator.role, Operator.full_name).where(
            func.lower(Operator.username) == account.lower(),
            Operator.site_code == site_code,
            Operator.active.is_(True),
            Operator.deleted.is_(False),
        )
    ).first()
    role = None if configured is None else OperatorRole(configured[0])
    name = (configured[1] if configured is not None else "") or settings.get(OPERATOR_NAME, "")
    return Actor(
        operator=account,
        site_code=site_code,
        site_kind=SiteKind(settings.get(SITE_KIND, SiteKind.AMBITO.value)),
        role=role,
        display_name=name,
        workstation=workstation(),
    )
