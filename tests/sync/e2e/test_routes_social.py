"""Referral routes and social referrals end to end, with the real server process.

(a) The Province's routes decide what the server accepts: an enrolled Third Sector body whose
CMD route the Province closed has its CMD referral refused, in Italian, while its NEET one goes.
(b) A CPI's referral to an Ambito's social services reaches that Ambito's PC with its person;
the Ambito's answer comes back to the CPI; another Ambito never sees either.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

import pytest

from desktop.domain.codes import (
    DisabilityCategory,
    RouteTrack,
    SiteKind,
    SocialReferralStatus,
    Track,
)
from desktop.domain.lifecycle import Transition
from desktop.services.persons import create_person
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import create_referral
from desktop.services.routes import routes_in_force, save_routes
from desktop.services.social_referrals import (
    SocialReferralInput,
    create_social_referral,
    get_social_referral,
    list_social_referrals,
    reply_social_referral,
    send_social_referral,
)
from sync.protocol.routes import DEFAULT_ROUTES, Route
from sync.server import admin
from tests.services_support import neet_input, person_input
from tests.sync.e2e.live import LiveServer, Office

Offices = Callable[[str], Office]
TODAY = date(2026, 11, 27)
ETS_CMD = Route(SiteKind.ETS, SiteKind.CPI, RouteTrack.CMD)
REASON = "Nucleo familiare in difficoltà abitativa, chiede sostegno ai servizi sociali."


def _served_comune(office: Office) -> str:
    """A comune some CPI serves and some Ambito covers, as this PC's reference data say."""
    return str(
        office.value(
            "SELECT m.id FROM municipality m JOIN job_centre_catchment c "
            "ON c.municipality_id = m.id WHERE m.ambito_id IS NOT NULL ORDER BY m.name LIMIT 1"
        )
    )


@pytest.fixture
def ets_site(server: LiveServer) -> str:
    code = f"ETS-{uuid.uuid4().hex[:8].upper()}"
    db = admin.open_db(server.db_url)
    try:
        admin.add_site(
            db, "ets", code, "Cooperativa Sociale Il Ponte (prova)",
            ambito_code=server.sites("ambito")[0],
        )  # fmt: skip
    finally:
        db.engine.dispose()
    return code


@pytest.fixture
def province(office: Offices) -> Iterator[Office]:
    """The Province's PC; the routes it saves are put back to the defaults afterwards, since
    the server is shared by the session's tests."""
    made = office("PROVINCIA-VA")
    made.sync()
    yield made
    made.sync()
    save_routes(made.store, actor=made.actor, enabled=DEFAULT_ROUTES)
    made.sync()


def test_the_server_refuses_a_referral_on_a_closed_route(
    office: Offices, ets_site: str, province: Office
) -> None:
    ets = office(ets_site)
    ets.sync()
    actor = ets.actor
    assert actor.site_kind is SiteKind.ETS
    person = create_person(
        ets.store,
        actor=actor,
        data=person_input(residence_municipality_id=_served_comune(ets)),
        today=TODAY,
    )
    adult = create_person(
        ets.store,
        actor=actor,
        data=person_input(
            last_name="Riva",
            first_name="Sara",
            birth_date=date(1985, 3, 9),
            residence_municipality_id=_served_comune(ets),
        ),
        today=TODAY,
    )
    # Written while the defaults were in force here (the Province's change not yet pulled).
    neet = create_referral(ets.store, actor=actor, data=neet_input(person.id), today=TODAY)
    cmd_data = replace(
        neet_input(adult.id),
        track=Track.CMD,
        needs=(),
        gol_path=None,
        disability_category=DisabilityCategory.CIVIL_INVALID,
        disability_percentage=67,
    )
    cmd = create_referral(ets.store, actor=actor, data=cmd_data, today=TODAY)

    save_routes(province.store, actor=province.actor, enabled=DEFAULT_ROUTES - {ETS_CMD})
    sent = province.sync()
    assert sent.rejected == 0 and sent.pending == 0

    result = ets.sync()
    # The CMD referral and, with it, its first event (whose referral the server lacks).
    assert result.rejected == 2
    assert {row[0] for row in ets.rows("SELECT table_name FROM sync_rejection")} == {
        "referral",
        "referral_event",
    }
    message = ets.value(
        "SELECT message FROM sync_rejection WHERE table_name = 'referral' AND record_id = ?",
        cmd.id,
    )
    assert "collocamento mirato" in message and "non è accettata" in message
    assert ets.value("SELECT dirty FROM referral WHERE id = ?", neet.id) == 0
    # The ETS's PC now has the Province's routes, and offers no CMD any more.
    assert ETS_CMD not in routes_in_force(ets.store)
    transition_referral(
        ets.store, actor=actor, referral_id=neet.id, transition=Transition.SEND, on=TODAY
    )
    after = ets.sync()
    assert after.accepted >= 1 and after.rejected == 0


def test_a_social_referral_travels_to_its_ambito_and_back(
    office: Offices, server: LiveServer
) -> None:
    ambiti = server.sites("ambito")
    cpi = office(server.sites("cpi")[-1])
    cpi.sync()
    addressed, other = office(ambiti[-1]), office(ambiti[-2])
    addressed.sync()
    other.sync()
    ambito_id = str(cpi.value("SELECT ambito_id FROM site WHERE code = ?", addressed.site))
    person = create_person(
        cpi.store,
        actor=cpi.actor,
        data=person_input(
            last_name="Ferrario", first_name="Paolo", residence_municipality_id=_served_comune(cpi)
        ),
        today=TODAY,
    )
    draft = create_social_referral(
        cpi.store,
        actor=cpi.actor,
        data=SocialReferralInput(person_id=person.id, ambito_id=ambito_id, reason=REASON),
        today=TODAY,
    )
    # A draft stays on the CPI's PC.
    assert cpi.sync().rejected == 0
    addressed.sync()
    assert addressed.rows("SELECT id FROM social_referral WHERE id = ?", draft.id) == []
    send_social_referral(cpi.store, actor=cpi.actor, social_referral_id=draft.id, on=TODAY)
    assert cpi.sync().rejected == 0

    addressed.sync()
    rows = list_social_referrals(addressed.store, actor=addressed.actor)
    assert [row.id for row in rows] == [draft.id]
    assert rows[0].person_name == "Ferrario Paolo"
    reply_social_referral(
        addressed.store,
        actor=addressed.actor,
        social_referral_id=draft.id,
        status=SocialReferralStatus.ACCEPTED,
        note="Presa in carico dal servizio sociale di base.",
        on=TODAY,
    )
    assert addressed.sync().rejected == 0

    cpi.sync()
    seen = get_social_referral(cpi.store, actor=cpi.actor, social_referral_id=draft.id)
    assert seen.status is SocialReferralStatus.ACCEPTED
    assert seen.replies[0].note == "Presa in carico dal servizio sociale di base."

    # Another Ambito: neither the referral, nor its answer, nor the person.
    other.sync()
    assert other.rows("SELECT id FROM social_referral WHERE id = ?", draft.id) == []
    assert other.rows("SELECT id FROM social_referral_reply") == []
    assert other.rows("SELECT id FROM person WHERE id = ?", person.id) == []
    assert cpi.agrees_with_server() and addressed.agrees_with_server()
