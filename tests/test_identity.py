"""The operator is the OS account; its role comes from the site's configuration (issue 15)."""

from __future__ import annotations

import os
import sys

import pytest

from desktop.domain.actor import Actor
from desktop.domain.codes import OperatorRole, SiteKind
from desktop.domain.identity import os_account, workstation
from desktop.domain.permissions import Permission, may
from desktop.services import installation
from desktop.store.engine import Store
from desktop.store.models import Operator


def _configure(store: Store, username: str, site: str, role: OperatorRole, **extra: object) -> None:
    with store.write() as session:
        session.add(
            Operator(username=username, full_name="Carla Neri", site_code=site, role=role, **extra)
        )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX account lookup")
def test_the_account_is_the_effective_user_not_an_environment_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pwd  # noqa: PLC0415

    os_account.cache_clear()
    monkeypatch.setenv("USER", "someone.else")
    monkeypatch.setenv("LOGNAME", "someone.else")
    monkeypatch.setenv("USERNAME", "someone.else")
    try:
        assert os_account() == pwd.getpwuid(os.geteuid()).pw_name
    finally:
        os_account.cache_clear()
    assert workstation()


def test_the_settings_never_make_the_identity(store: Store) -> None:
    installation.set_settings(
        store,
        {installation.OPERATOR: "m.bianchi", installation.OPERATOR_NAME: "Maria Bianchi"},
    )
    actor = installation.current_actor(store)
    assert actor.operator == os_account()
    # A typed display name is shown beside the account, never in its place.
    assert actor.display_name == "Maria Bianchi"
    assert actor.shown_as == f"{os_account()} (Maria Bianchi)"
    assert actor.role is None


def test_the_role_comes_from_the_sites_configuration(store: Store) -> None:
    installation.set_settings(store, {installation.SITE_CODE: "AMB-VA"})
    _configure(store, os_account().upper(), "AMB-VA", OperatorRole.PRIVACY_OFFICER)
    actor = installation.current_actor(store)
    assert actor.role is OperatorRole.PRIVACY_OFFICER  # matched without regard to case
    assert actor.display_name == "Carla Neri"
    assert may(actor, Permission.VIEW_AUDIT)


@pytest.mark.parametrize(
    ("site", "extra"),
    [("AMB-GA", {}), ("AMB-VA", {"active": False}), ("AMB-VA", {"deleted": True})],
)
def test_a_role_elsewhere_or_withdrawn_gives_nothing(
    store: Store, site: str, extra: dict[str, object]
) -> None:
    installation.set_settings(store, {installation.SITE_CODE: "AMB-VA"})
    _configure(store, os_account(), site, OperatorRole.PRIVACY_OFFICER, **extra)
    actor = installation.current_actor(store)
    assert actor.role is None
    assert not any(may(actor, permission) for permission in Permission)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (None, set()),
        (OperatorRole.SOCIAL_WORKER, set()),
        (OperatorRole.REFERENT, set()),
        (OperatorRole.ADMINISTRATIVE, {Permission.ANSWER_ACCESS_REQUEST}),
        (OperatorRole.PRIVACY_OFFICER, set(Permission)),
    ],
)
def test_what_each_role_may_do(role: OperatorRole | None, allowed: set[Permission]) -> None:
    actor = Actor("a.rossi", "AMB-VA", SiteKind.AMBITO, role=role)
    assert {permission for permission in Permission if may(actor, permission)} == allowed
