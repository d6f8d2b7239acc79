"""This data folder's own settings: which site it belongs to and who is working.

The site is a setting until enrollment with the provincial server sets it (issue: sync).
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.actor import Actor
from desktop.domain.codes import SiteKind
from desktop.store.engine import Store
from desktop.store.models import LocalSetting
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
    settings = get_settings(store)
    return Actor(
        operator=settings.get(OPERATOR, DEFAULT_OPERATOR),
        site_code=settings.get(SITE_CODE, DEFAULT_SITE_CODE),
        site_kind=SiteKind(settings.get(SITE_KIND, SiteKind.AMBITO.value)),
    )
