"""This workstation's site and operator: the choices, what "mine" means, saving them."""

from __future__ import annotations

import pytest

from desktop.domain.codes import SiteKind
from desktop.domain.identity import os_account
from desktop.services.errors import ValidationError
from desktop.services.installation import current_actor
from desktop.services.sites import (
    InstallationSettings,
    installation_settings,
    list_sites,
    own_job_centre_id,
    own_site,
    save_installation_settings,
)
from desktop.store.engine import Store
from tests.services_support import build_network


def settings(**changes: object) -> InstallationSettings:
    values: dict[str, object] = {
        "site_code": "CPI-VA",
        "site_kind": SiteKind.CPI,
        "site_name": "CPI Varese",
        "operator": "c.neri",
        "operator_name": "Carla Neri",
    }
    values.update(changes)
    return InstallationSettings(**values)  # type: ignore[arg-type]


def test_sites_come_ambiti_first_with_their_cpi(store: Store) -> None:
    network = build_network(store)
    sites = list_sites(store)
    assert [site.code for site in sites] == ["AMB-GA", "AMB-VA", "CPI-GA", "CPI-VA"]
    cpi = sites[-1]
    assert (cpi.kind, cpi.job_centre_id, cpi.job_centre_name) == (
        SiteKind.CPI,
        network.job_centre_id,
        "CPI di Varese",
    )


def test_my_cpi_is_known_only_on_a_cpi_site(store: Store) -> None:
    network = build_network(store)
    assert own_site(store) is None  # the default code matches no site
    assert own_job_centre_id(store) is None
    save_installation_settings(store, settings())
    assert own_job_centre_id(store) == network.job_centre_id
    save_installation_settings(
        store, settings(site_code="AMB-VA", site_kind=SiteKind.AMBITO, site_name="Ambito")
    )
    assert own_job_centre_id(store) is None


def test_saving_normalises_and_reads_back(store: Store) -> None:
    build_network(store)
    save_installation_settings(store, settings(operator=" c.neri ", operator_name=" Carla  Neri "))
    # The operator is the OS account: a typed username is not saved, the display name is.
    assert installation_settings(store) == settings(operator=os_account())
    assert current_actor(store).operator == os_account()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"site_code": " "}, "site"),
        ({"operator_name": "x" * 201}, "operator_name"),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(
    store: Store, changes: dict[str, object], field: str
) -> None:
    before = installation_settings(store)
    with pytest.raises(ValidationError) as refused:
        save_installation_settings(store, settings(**changes))
    assert field in refused.value.field_errors
    assert installation_settings(store) == before
