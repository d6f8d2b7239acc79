"""This data folder's own settings: which site it belongs to and who is working.

The site is a setting until enrollment with the provincial server sets it (issue: sync).
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.codes import SiteKind
from desktop.services.context import Actor
from desktop.store.engine import Store
from desktop.store.models import LocalSetting

SITE_CODE = "site.code"
SITE_KIND = "site.kind"
SITE_NAME = "site.name"
OPERATOR = "operator.username"
OPERATOR_NAME = "operator.full_name"

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
