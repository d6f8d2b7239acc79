"""A CPI's referral to an Ambito's social services: its lifecycle, who may do what, replies."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.domain.codes import RouteTrack, SiteKind, SocialReferralStatus
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, ValidationError
from desktop.services.routes import save_routes
from desktop.services.social_referrals import (
    SocialReferralInput,
    create_social_referral,
    get_social_referral,
    input_from_referral,
    list_social_referrals,
    reply_social_referral,
    send_social_referral,
    social_rights,
    update_social_referral,
    withdraw_social_referral,
)
from desktop.store.engine import Store
from desktop.store.models import (
    Ambito,
    AuditEntry,
    Municipality,
    Site,
    SocialReferral,
    SocialReferralReply,
)
from sync.protocol.routes import DEFAULT_ROUTES, Route
from tests.services_support import Network, build_network, make_person

TODAY = date(2026, 11, 27)
S = SocialReferralStatus
PROVINCE = Actor("p.bianchi", "PROV-VA", SiteKind.PROVINCIA)
REASON = "Nucleo familiare in difficoltà abitativa, chiede sostegno ai servizi sociali."


@pytest.fixture
def network(store: Store) -> Network:
    network = build_network(store)
    with store.write() as session:
        varese = Ambito(code="AMB-VA", name="Ambito di Varese")
        gallarate = Ambito(code="AMB-GA", name="Ambito di Gallarate")
        session.add_all([varese, gallarate])
        session.flush()
        for site in session.scalars(select(Site)).all():
            if site.code == "AMB-VA":
                site.ambito_id = varese.id
            if site.code == "AMB-GA":
                site.ambito_id = gallarate.id
        session.get_one(Municipality, network.varese_id).ambito_id = varese.id
        session.add(Site(code="PROV-VA", kind=SiteKind.PROVINCIA, name="Provincia di Varese"))
    return network


def _draft(store: Store, network: Network) -> str:
    person = make_person(store, network)
    detail = create_social_referral(
        store,
        actor=network.cpi,
        data=SocialReferralInput(person_id=person.id, reason=REASON, needs=("abitazione",)),
        today=TODAY,
    )
    return detail.id


def test_a_cpi_drafts_and_sends_to_the_residence_ambito(store: Store, network: Network) -> None:
    person = make_person(store, network)
    draft = create_social_referral(
        store,
        actor=network.cpi,
        data=SocialReferralInput(person_id=person.id, reason=REASON),
        today=TODAY,
    )
    assert draft.number == "SS-2026/000001"
    assert draft.status is S.DRAFT and draft.ambito_name == "Ambito di Varese"
    assert draft.person_name == "Brambilla Giulia"
    second = create_social_referral(
        store,
        actor=network.cpi,
        data=SocialReferralInput(person_id=person.id, reason=REASON),
        today=TODAY,
    )
    assert second.number == "SS-2026/000002"
    # The Ambito does not see a draft.
    assert [row.id for row in list_social_referrals(store, actor=network.ambito)] == []
    sent = send_social_referral(store, actor=network.cpi, social_referral_id=draft.id, on=TODAY)
    assert sent.status is S.SENT and sent.sent_on == TODAY
    assert [row.id for row in list_social_referrals(store, actor=network.ambito)] == [draft.id]
    assert list_social_referrals(store, actor=network.other_ambito) == []
    # Sent: no more changes.
    with pytest.raises(NotAllowedError, match="già stata inviata"):
        update_social_referral(
            store,
            actor=network.cpi,
            social_referral_id=draft.id,
            data=SocialReferralInput(person_id=person.id, reason=REASON + " Urgente."),
        )
    with store.read() as session:
        row = session.get_one(SocialReferral, draft.id)
        assert row.dirty and row.owner_site == "CPI-VA"
        audits = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "social_referral")
        ).all()
        assert audits.count("create") == 2 and audits.count("status") == 1


def test_only_a_site_on_the_social_route_writes_one(store: Store, network: Network) -> None:
    person = make_person(store, network)
    data = SocialReferralInput(person_id=person.id, reason=REASON)
    with pytest.raises(
        NotAllowedError,
        match="Un Ambito territoriale non può inviare segnalazioni ai servizi sociali",
    ):
        create_social_referral(store, actor=network.ambito, data=data, today=TODAY)
    social = Route(SiteKind.CPI, SiteKind.AMBITO, RouteTrack.SOCIAL)
    draft = create_social_referral(store, actor=network.cpi, data=data, today=TODAY)
    save_routes(store, actor=PROVINCE, enabled=DEFAULT_ROUTES - {social})
    assert not social_rights(store, network.cpi, None).edit
    with pytest.raises(NotAllowedError, match="non è attivo"):
        create_social_referral(store, actor=network.cpi, data=data, today=TODAY)
    with pytest.raises(NotAllowedError, match="non è attivo"):
        send_social_referral(store, actor=network.cpi, social_referral_id=draft.id)


def test_bad_input_changes_nothing(store: Store, network: Network) -> None:
    person = make_person(store, network)
    with pytest.raises(ValidationError) as caught:
        create_social_referral(
            store,
            actor=network.cpi,
            data=SocialReferralInput(person_id=person.id, reason="Poco", ambito_id="nessuno"),
        )
    assert set(caught.value.field_errors) == {"reason", "ambito_id"}
    with pytest.raises(ValidationError) as caught:
        create_social_referral(
            store, actor=network.cpi, data=SocialReferralInput(person_id="x", reason=REASON)
        )
    assert "person_id" in caught.value.field_errors
    with store.read() as session:
        assert session.scalars(select(SocialReferral)).all() == []


def test_the_addressed_ambito_answers_with_replies_of_its_own(
    store: Store, network: Network
) -> None:
    referral_id = _draft(store, network)
    with pytest.raises(NotAllowedError, match="solo l'Ambito"):  # a draft
        reply_social_referral(
            store, actor=network.ambito, social_referral_id=referral_id, status=S.ACCEPTED
        )
    send_social_referral(store, actor=network.cpi, social_referral_id=referral_id, on=TODAY)
    for intruder in (network.other_ambito, network.cpi, network.other_cpi):
        with pytest.raises(NotAllowedError, match="solo l'Ambito"):
            reply_social_referral(
                store, actor=intruder, social_referral_id=referral_id, status=S.ACCEPTED
            )
        if intruder is not network.cpi:
            with pytest.raises(NotAllowedError, match="altri uffici"):
                get_social_referral(store, actor=intruder, social_referral_id=referral_id)
    assert social_rights(store, network.ambito, referral_id).replies == (S.ACCEPTED, S.DECLINED)
    with pytest.raises(NotAllowedError, match="«inviata»"):  # closing before accepting
        reply_social_referral(
            store, actor=network.ambito, social_referral_id=referral_id, status=S.CLOSED
        )
    accepted = reply_social_referral(
        store,
        actor=network.ambito,
        social_referral_id=referral_id,
        status=S.ACCEPTED,
        note="Presa in carico dal servizio sociale di base.",
        on=TODAY,
    )
    assert accepted.status is S.ACCEPTED
    assert accepted.replies[0].site_name == "Ambito di Varese"
    # The CPI's row is untouched; the status it sees is the reply's.
    with store.read() as session:
        assert session.get_one(SocialReferral, referral_id).status is S.SENT
        reply = session.scalars(select(SocialReferralReply)).one()
        assert reply.owner_site == "AMB-VA" and reply.site == "AMB-VA" and reply.dirty
    cpi_view = get_social_referral(store, actor=network.cpi, social_referral_id=referral_id)
    assert cpi_view.status is S.ACCEPTED
    with pytest.raises(NotAllowedError, match="presa in carico"):
        withdraw_social_referral(
            store, actor=network.cpi, social_referral_id=referral_id, note="Non serve più"
        )
    closed = reply_social_referral(
        store, actor=network.ambito, social_referral_id=referral_id, status=S.CLOSED, on=TODAY
    )
    assert closed.status is S.CLOSED
    assert social_rights(store, network.ambito, referral_id).replies == ()


def test_declining_needs_a_reason(store: Store, network: Network) -> None:
    referral_id = _draft(store, network)
    send_social_referral(store, actor=network.cpi, social_referral_id=referral_id)
    with pytest.raises(ValidationError) as caught:
        reply_social_referral(
            store, actor=network.ambito, social_referral_id=referral_id, status=S.DECLINED
        )
    assert "motivo" in caught.value.field_errors["note"]
    declined = reply_social_referral(
        store,
        actor=network.ambito,
        social_referral_id=referral_id,
        status=S.DECLINED,
        note="Residenza in un altro Ambito.",
    )
    assert declined.status is S.DECLINED


def test_the_cpi_withdraws_with_a_reason(store: Store, network: Network) -> None:
    referral_id = _draft(store, network)
    send_social_referral(store, actor=network.cpi, social_referral_id=referral_id)
    with pytest.raises(NotAllowedError, match="sola lettura"):
        withdraw_social_referral(
            store, actor=network.other_cpi, social_referral_id=referral_id, note="Per errore"
        )
    with pytest.raises(ValidationError):
        withdraw_social_referral(store, actor=network.cpi, social_referral_id=referral_id, note="")
    withdrawn = withdraw_social_referral(
        store, actor=network.cpi, social_referral_id=referral_id, note="Inviata per errore."
    )
    assert withdrawn.status is S.WITHDRAWN
    with pytest.raises(NotAllowedError, match="«ritirata»"):
        reply_social_referral(
            store, actor=network.ambito, social_referral_id=referral_id, status=S.ACCEPTED
        )


def test_prefilled_from_a_referral(store: Store, network: Network) -> None:
    from desktop.services.referrals.records import create_referral  # noqa: PLC0415
    from tests.services_support import neet_input  # noqa: PLC0415

    person = make_person(store, network)
    referral = create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)
    data = input_from_referral(store, referral_id=referral.id, operator_name="Carla Neri")
    assert data.person_id == person.id and data.referral_id == referral.id
    assert data.referring_operator == "Carla Neri"
    with store.read() as session:
        assert data.ambito_id == session.scalar(select(Ambito.id).where(Ambito.code == "AMB-VA"))


def test_needs_are_a_few_words_each_as_the_wire_carries_them(
    store: Store, network: Network
) -> None:
    person = make_person(store, network)
    for needs in (("casa " * 30,), tuple(f"bisogno {n}" for n in range(21))):
        with pytest.raises(ValidationError) as refused:
            create_social_referral(
                store,
                actor=network.cpi,
                data=SocialReferralInput(person_id=person.id, reason=REASON, needs=needs),
                today=TODAY,
            )
        assert "al massimo" in refused.value.field_errors["needs"]
    with store.read() as session:
        assert session.scalars(select(SocialReferral)).all() == []
    saved = create_social_referral(
        store,
        actor=network.cpi,
        data=SocialReferralInput(
            person_id=person.id, reason=REASON, needs=(" casa ", "", "lavoro")
        ),
        today=TODAY,
    )
    assert saved.needs == ("casa", "lavoro")
