"""Referral routes on a PC: the defaults, the Province's configuration, and who may send."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.domain.codes import DisabilityCategory, ReferralStatus, RouteTrack, SiteKind, Track
from desktop.domain.lifecycle import Transition
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, ValidationError
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import ReferralInput, create_referral
from desktop.services.routes import (
    NOT_PROVINCE,
    route_configuration,
    routes_in_force,
    save_routes,
    sendable_tracks,
)
from desktop.store.engine import Store
from desktop.store.models import AuditEntry, ReferralRoute, Site
from sync.protocol.routes import DEFAULT_ROUTES, POSSIBLE_ROUTES, Route
from tests.services_support import Network, build_network, make_person, neet_input

TODAY = date(2026, 11, 27)
PROVINCE = Actor("p.bianchi", "PROV-VA", SiteKind.PROVINCIA)
ETS = Actor("e.fontana", "ETS-COOP", SiteKind.ETS)
CPI_NEET = Route(SiteKind.CPI, SiteKind.CPI, RouteTrack.NEET)
AMBITO_CMD = Route(SiteKind.AMBITO, SiteKind.CPI, RouteTrack.CMD)


@pytest.fixture
def network(store: Store) -> Network:
    network = build_network(store)
    with store.write() as session:
        session.add_all(
            [
                Site(code="PROV-VA", kind=SiteKind.PROVINCIA, name="Provincia di Varese"),
                Site(code="ETS-COOP", kind=SiteKind.ETS, name="Cooperativa Il Ponte"),
            ]
        )
    return network


def _cmd_input(person_id: str) -> ReferralInput:
    return neet_input(
        person_id,
        track=Track.CMD,
        needs=(),
        gol_path=None,
        disability_category=DisabilityCategory.CIVIL_INVALID,
        disability_percentage=67,
    )


def test_with_no_row_the_defaults_are_in_force(store: Store, network: Network) -> None:
    assert routes_in_force(store) == DEFAULT_ROUTES
    configuration = route_configuration(store)
    assert not configuration.configured
    assert [setting.route for setting in configuration.settings] == list(POSSIBLE_ROUTES)
    assert sendable_tracks(store, SiteKind.AMBITO) == [Track.NEET, Track.CMD]
    assert sendable_tracks(store, SiteKind.ETS) == [Track.NEET, Track.CMD]
    assert sendable_tracks(store, SiteKind.CPI) == []
    assert sendable_tracks(store, SiteKind.PROVINCIA) == []


def test_an_ets_creates_and_sends_a_referral(store: Store, network: Network) -> None:
    person = make_person(store, network)
    draft = create_referral(store, actor=ETS, data=neet_input(person.id), today=TODAY)
    assert draft.sending_site == "ETS-COOP"
    sent = transition_referral(
        store, actor=ETS, referral_id=draft.id, transition=Transition.SEND, on=TODAY
    )
    assert sent.status is ReferralStatus.SENT
    # The sender is a role: another sender site may not withdraw it, nor the Ambito.
    with pytest.raises(NotAllowedError, match="altro ufficio"):
        transition_referral(
            store,
            actor=network.ambito,
            referral_id=draft.id,
            transition=Transition.WITHDRAW,
            note="Errore di invio",
        )
    received = transition_referral(
        store, actor=network.cpi, referral_id=draft.id, transition=Transition.RECEIVE, on=TODAY
    )
    assert received.status is ReferralStatus.RECEIVED


def test_the_sender_cannot_do_the_cpis_steps(store: Store, network: Network) -> None:
    person = make_person(store, network)
    draft = create_referral(store, actor=ETS, data=neet_input(person.id), today=TODAY)
    transition_referral(store, actor=ETS, referral_id=draft.id, transition=Transition.SEND)
    with pytest.raises(NotAllowedError, match="CPI destinatario"):
        transition_referral(store, actor=ETS, referral_id=draft.id, transition=Transition.RECEIVE)


def test_a_cpi_sends_only_on_a_route_the_province_opened(store: Store, network: Network) -> None:
    person = make_person(store, network)
    # The person lives in Varese: the CPI of Gallarate writes to the CPI of Varese.
    with pytest.raises(NotAllowedError, match="Nessun percorso di segnalazione"):
        create_referral(store, actor=network.other_cpi, data=neet_input(person.id), today=TODAY)
    save_routes(store, actor=PROVINCE, enabled=DEFAULT_ROUTES | {CPI_NEET})
    draft = create_referral(store, actor=network.other_cpi, data=neet_input(person.id), today=TODAY)
    assert draft.job_centre_id == network.job_centre_id
    # NEET only: the CMD route between CPIs is still closed.
    with pytest.raises(NotAllowedError, match="CPI → CPI: collocamento mirato"):
        create_referral(store, actor=network.other_cpi, data=_cmd_input(person.id), today=TODAY)
    # A CPI does not refer a person to itself.
    with pytest.raises(ValidationError) as caught:
        create_referral(store, actor=network.cpi, data=neet_input(person.id), today=TODAY)
    assert "altro CPI" in caught.value.field_errors["job_centre_id"]
    sent = transition_referral(
        store, actor=network.other_cpi, referral_id=draft.id, transition=Transition.SEND
    )
    assert sent.status is ReferralStatus.SENT
    # The addressed CPI handles it; the sending CPI does not.
    with pytest.raises(NotAllowedError, match="CPI destinatario"):
        transition_referral(
            store, actor=network.other_cpi, referral_id=draft.id, transition=Transition.RECEIVE
        )
    transition_referral(
        store, actor=network.cpi, referral_id=draft.id, transition=Transition.RECEIVE
    )


def test_a_closed_route_refuses_creating_and_sending(store: Store, network: Network) -> None:
    person = make_person(
        store, network, last_name="Riva", first_name="Sara", birth_date=date(1985, 3, 9)
    )
    draft = create_referral(store, actor=network.ambito, data=_cmd_input(person.id), today=TODAY)
    save_routes(store, actor=PROVINCE, enabled=DEFAULT_ROUTES - {AMBITO_CMD})
    assert sendable_tracks(store, SiteKind.AMBITO) == [Track.NEET]
    message = "«Ambito territoriale → CPI: collocamento mirato» non è attivo"
    with pytest.raises(NotAllowedError, match=message):
        create_referral(store, actor=network.ambito, data=_cmd_input(person.id), today=TODAY)
    with pytest.raises(NotAllowedError, match=message):
        transition_referral(
            store, actor=network.ambito, referral_id=draft.id, transition=Transition.SEND
        )
    # Nothing moved, and a NEET referral still goes.
    with store.read() as session:
        assert session.scalars(select(AuditEntry.action)).all().count("status") == 0
    young = make_person(store, network)
    neet = create_referral(store, actor=network.ambito, data=neet_input(young.id), today=TODAY)
    assert neet.track is Track.NEET


def test_only_the_province_saves_routes(store: Store, network: Network) -> None:
    for actor in (network.ambito, network.cpi, ETS):
        with pytest.raises(NotAllowedError) as caught:
            save_routes(store, actor=actor, enabled=frozenset())
        assert str(caught.value) == NOT_PROVINCE
    with store.read() as session:
        assert session.scalars(select(ReferralRoute)).all() == []


def test_saving_writes_every_possible_route_once(store: Store, network: Network) -> None:
    configuration = save_routes(store, actor=PROVINCE, enabled=DEFAULT_ROUTES)
    assert configuration.configured
    assert routes_in_force(store) == DEFAULT_ROUTES
    with store.read() as session:
        rows = session.scalars(select(ReferralRoute)).all()
        assert len(rows) == len(POSSIBLE_ROUTES)
        assert all(row.dirty and row.owner_site == "PROV-VA" for row in rows)
        assert sum(not row.enabled for row in rows) == 2  # the two CPI → CPI routes
        audits = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "referral_route")
        ).all()
        assert len(audits) == 1
    # The Province closes every route: nobody may send any more.
    save_routes(store, actor=PROVINCE, enabled=frozenset())
    assert routes_in_force(store) == frozenset()
    assert sendable_tracks(store, SiteKind.AMBITO) == []
    # Saving the same again writes nothing and audits nothing.
    save_routes(store, actor=PROVINCE, enabled=frozenset())
    with store.read() as session:
        assert len(session.scalars(select(ReferralRoute)).all()) == len(POSSIBLE_ROUTES)
        count = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "referral_route")
        ).all()
        assert len(count) == 2
