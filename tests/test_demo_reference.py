"""The demo configuration: Ambiti, CPI and their comuni, sites, referents and the directory
of a demo PC, installed once and unchanged by a second installation.

Everyone in here is invented.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from sqlalchemy import select

from desktop.demo import reference_data
from desktop.demo.reference import install_demo_reference
from desktop.demo.reference_data import demo_id
from desktop.demo.server_reference import demo_rows, render
from desktop.domain.codes import OperatorRole, SiteKind, Track
from desktop.domain.identity import os_account
from desktop.domain.text import normalise_search_text
from desktop.services import installation
from desktop.services.reference import read_shipped_comuni
from desktop.store.engine import Store
from desktop.store.models import (
    Ambito,
    JobCentre,
    JobCentreCatchment,
    Municipality,
    Organization,
    Referent,
    Site,
)
from sync.server.demo import DEMO_REFERENCE
from tests.conftest import TODAY


def test_the_configuration_covers_every_comune_with_an_ambito_and_a_cpi(store: Store) -> None:
    reference = install_demo_reference(store)
    shipped = {row["codice_istat"] for row in read_shipped_comuni()}
    assert len(reference.municipalities) == len(shipped) == 136
    assert all(municipality.ambito_id for municipality in reference.municipalities)
    with store.read() as session:
        for municipality in session.scalars(select(Municipality)):
            catchment = session.scalars(
                select(JobCentreCatchment).where(
                    JobCentreCatchment.municipality_id == municipality.id
                )
            ).all()
            valid_today = [
                c
                for c in catchment
                if (c.valid_from or date.min) <= TODAY <= (c.valid_to or date.max)
            ]
            assert len(valid_today) == 1, municipality.name


def test_somma_lombardo_is_the_confirmed_ambito_and_the_others_say_demo(store: Store) -> None:
    install_demo_reference(store)
    with store.read() as session:
        ambiti = {a.code: a for a in session.scalars(select(Ambito))}
        somma = ambiti["AMB-SOMMA"]
        comuni = sorted(
            session.scalars(
                select(Municipality.name).where(Municipality.ambito_id == somma.id)
            ).all()
        )
        assert len(ambiti) == 12
        assert somma.name == "Ambito di Somma Lombardo" and not somma.is_demo
        assert comuni == sorted(reference_data.AMBITI[0].comuni)
        assert len(comuni) == 9
        for code, ambito in ambiti.items():
            if code != "AMB-SOMMA":
                assert ambito.is_demo and "(demo)" in ambito.name


def test_the_tradatese_serves_exactly_its_eight_comuni_since_it_opened(store: Store) -> None:
    install_demo_reference(store)
    with store.read() as session:
        tradatese = session.scalars(
            select(JobCentre).where(JobCentre.code == "CPI-TRADATESE")
        ).one()
        rows = session.execute(
            select(Municipality.name, JobCentreCatchment.valid_from, JobCentreCatchment.valid_to)
            .join(Municipality, Municipality.id == JobCentreCatchment.municipality_id)
            .where(JobCentreCatchment.job_centre_id == tradatese.id)
        ).all()
        busto = session.scalars(select(JobCentre).where(JobCentre.code == "CPI-BUSTO")).one()
        assert sorted(name for name, _, _ in rows) == sorted(reference_data.TRADATESE_COMUNI)
        assert {(valid_from, valid_to) for _, valid_from, valid_to in rows} == {
            (date(2026, 2, 5), None)
        }
        assert tradatese.name == "CPI del Tradatese" and busto.is_demo


def test_every_cpi_has_a_neet_and_a_cmd_referent_and_a_site(store: Store) -> None:
    reference = install_demo_reference(store)
    with store.read() as session:
        centres = session.scalars(select(JobCentre)).all()
        referents = session.scalars(select(Referent)).all()
        sites = session.scalars(select(Site)).all()
        assert len(centres) == 7
        for centre in centres:
            for track in Track:
                assert any(
                    r.job_centre_id == centre.id
                    and r.track is track
                    and (r.valid_from or date.min) <= TODAY <= (r.valid_to or date.max)
                    for r in referents
                ), (centre.code, track)
        kinds = Counter(site.kind for site in sites)
        assert kinds == {
            SiteKind.AMBITO: 12, SiteKind.CPI: 7, SiteKind.ETS: 1, SiteKind.PROVINCIA: 1,
        }  # fmt: skip
        assert {s.code for s in sites} >= {"AMB-SOMMA", "CPI-VARESE", "PROVINCIA-VA"}
        assert all(r.username for r in reference.referents)


def test_the_directory_has_ets_with_runts_numbers_and_contacts(store: Store) -> None:
    reference = install_demo_reference(store)
    with store.read() as session:
        organizations = session.scalars(select(Organization)).all()
        assert len(organizations) >= 40
        ets = [o for o in organizations if o.kind in reference_data.ETS_KINDS]
        assert len(ets) >= 10 and all(o.runts_number.isdigit() for o in ets)
        assert all(re.fullmatch(r"\d{11}", o.tax_code) for o in organizations)
        assert {c.organization_id for c in reference.contacts} == {o.id for o in organizations}


def test_installing_twice_changes_nothing_and_sets_the_local_site_once(store: Store) -> None:
    first = install_demo_reference(store)
    assert installation.get_settings(store)[installation.SITE_CODE] == "AMB-SOMMA"
    # The operator is the OS account, the demo site's privacy officer (issue 15).
    actor = installation.current_actor(store)
    assert (actor.operator, actor.role) == (os_account(), OperatorRole.PRIVACY_OFFICER)
    assert install_demo_reference(store) == first
    # An installation with a site keeps it; asking for another one moves it there.
    moved = install_demo_reference(store, site_code="CPI-VARESE")
    assert moved.local_site == "CPI-VARESE"
    assert installation.current_actor(store).site_kind is SiteKind.CPI
    assert install_demo_reference(store).local_site == "CPI-VARESE"
    assert first.site("AMB-SOMMA").ambito_id == demo_id("ambito", "AMB-SOMMA")


def test_normalised_search_text_ignores_case_accents_and_spacing() -> None:
    assert normalise_search_text("  Bò   Niccolò ") == "bo niccolo"
    assert normalise_search_text("ŁUKASIEWICZ Małgorzata") == "lukasiewicz malgorzata"
    assert normalise_search_text("Weiß  Zoë") == "weiss zoe"
    assert normalise_search_text("D'Angelo\tÉlodie") == "d'angelo elodie"


def test_the_demo_server_ships_the_rows_the_demo_builder_makes_now() -> None:
    # The server reads its demo from a file (it may not import the desktop): after a change to
    # the demo configuration, `python -m desktop.demo.server_reference` writes it again.
    assert DEMO_REFERENCE.read_text(encoding="utf-8") == render(demo_rows())
