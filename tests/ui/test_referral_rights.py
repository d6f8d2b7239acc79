"""Who may change what in the referral editor: one rule per test, no window needed."""

from __future__ import annotations

from dataclasses import replace

from desktop.domain.codes import ReferralStatus, SiteKind, Track
from desktop.domain.lifecycle import Transition
from desktop.services.context import Actor
from desktop.services.referrals.records import ReferralDetail
from desktop.ui.referrals.rights import ReadOnlyReason, rights_for

S = ReferralStatus
R = ReadOnlyReason
AMBITO = Actor("a.rossi", "AMB-VA", SiteKind.AMBITO)
OTHER_AMBITO = Actor("g.verdi", "AMB-GA", SiteKind.AMBITO)
CPI = Actor("c.neri", "CPI-VA", SiteKind.CPI)
PROVINCE = Actor("p.bassi", "PROVINCIA-VA", SiteKind.PROVINCIA)
CENTRE = "centre-va"


def referral(status: ReferralStatus, **changes: object) -> ReferralDetail:
    detail = ReferralDetail(
        track=Track.NEET, person_id="p", job_centre_id=CENTRE, sending_site="AMB-VA", status=status
    )
    return replace(detail, **changes)  # type: ignore[arg-type]


def test_a_new_referral_is_the_ambitos_to_write() -> None:
    rights = rights_for(AMBITO, None, own_job_centre_id=None)
    assert rights.edit_data and rights.transitions == (Transition.SEND,)
    assert rights_for(CPI, None, own_job_centre_id=CENTRE).reasons == (R.CPI_CANNOT_CREATE,)
    assert rights_for(PROVINCE, None, own_job_centre_id=None).reasons == (R.NOT_A_PARTY,)


def test_the_sender_edits_only_while_the_referral_is_in_its_hands() -> None:
    for status in (S.DRAFT, S.RETURNED):
        assert rights_for(AMBITO, referral(status), own_job_centre_id=None).edit_data
    sent = rights_for(AMBITO, referral(S.SENT), own_job_centre_id=None)
    assert not sent.edit_data and sent.reasons == (R.ALREADY_SENT,)
    assert sent.transitions == (Transition.WITHDRAW,)
    closed = rights_for(AMBITO, referral(S.CONCLUDED), own_job_centre_id=None)
    assert closed.reasons == (R.FINAL,) and not closed.can_save


def test_another_ambito_only_reads() -> None:
    rights = rights_for(OTHER_AMBITO, referral(S.DRAFT), own_job_centre_id=None)
    assert rights.reasons == (R.OTHER_SENDER,) and rights.transitions == ()


def test_the_addressed_cpi_handles_and_others_read() -> None:
    received = rights_for(CPI, referral(S.RECEIVED), own_job_centre_id=CENTRE)
    assert received.edit_handling and not received.edit_data and not received.add_actions
    in_path = rights_for(CPI, referral(S.IN_PATH), own_job_centre_id=CENTRE)
    assert in_path.add_actions and in_path.change_actions and not in_path.edit_outcome
    concluded = rights_for(CPI, referral(S.CONCLUDED), own_job_centre_id=CENTRE)
    assert concluded.edit_outcome and concluded.change_actions and not concluded.add_actions
    sent = rights_for(CPI, referral(S.SENT), own_job_centre_id=CENTRE)
    assert R.NOT_RECEIVED in sent.reasons and not sent.can_save
    other = rights_for(CPI, referral(S.IN_PATH), own_job_centre_id="centre-ga")
    assert other.reasons == (R.OTHER_CPI,) and other.transitions == ()


def test_a_restriction_stops_everything() -> None:
    restricted = referral(S.IN_PATH, restricted=True)
    for actor in (AMBITO, CPI):
        rights = rights_for(actor, restricted, own_job_centre_id=CENTRE)
        assert rights.reasons == (R.REFERRAL_RESTRICTED,)
        assert not rights.can_save and rights.transitions == ()
    person = rights_for(AMBITO, referral(S.DRAFT), own_job_centre_id=None, person_restricted=True)
    assert person.reasons == (R.PERSON_RESTRICTED,) and not person.edit_data


def test_the_sender_is_a_role_the_routes_give() -> None:
    ets = Actor("e.fontana", "ETS-PONTE", SiteKind.ETS)
    assert rights_for(ets, None, own_job_centre_id=None).edit_data  # the default routes
    closed = rights_for(ets, None, own_job_centre_id=None, sender_tracks=())
    assert closed.reasons == (R.NOT_A_PARTY,) and not closed.can_save
    # A CPI on a CPI → CPI route the Province opened writes and sends like any sender...
    opened = rights_for(CPI, None, own_job_centre_id=CENTRE, sender_tracks=(Track.NEET,))
    assert opened.edit_data and opened.transitions == (Transition.SEND,)
    own = referral(S.SENT, sending_site="CPI-VA", job_centre_id="centre-ga")
    mine = rights_for(CPI, own, own_job_centre_id=CENTRE)
    assert mine.transitions == (Transition.WITHDRAW,) and not mine.edit_handling
    # ...and the CPI it is addressed to handles it.
    addressed = rights_for(
        Actor("l.galli", "CPI-GA", SiteKind.CPI), own, own_job_centre_id="centre-ga"
    )
    assert Transition.RECEIVE in addressed.transitions
    assert rights_for(ets, referral(S.DRAFT), own_job_centre_id=None).reasons == (R.OTHER_SENDER,)
