"""Referral numbers are drawn offline on each PC, and never meet another PC's."""

from __future__ import annotations

import re
from collections.abc import Callable

from desktop.demo.seed import seed_demo
from desktop.services.installation import get_settings
from desktop.services.persons import create_person
from desktop.services.referrals.numbers import (
    NUMBER_SERIES,
    REFERRAL_NUMBER_PATTERN,
    find_referral_id,
)
from desktop.services.referrals.records import create_referral
from tests.services_support import neet_input, person_input
from tests.sync.e2e.live import Office

Offices = Callable[[str], Office]


def _new_referral(pc: Office, last_name: str) -> str:
    """A referral made through the services, as an operator makes it."""
    tradate = pc.value("SELECT id FROM municipality WHERE name = 'Tradate'")
    person = create_person(
        pc.store,
        actor=pc.actor,
        data=person_input(last_name=last_name, residence_municipality_id=tradate),
    )
    return create_referral(pc.store, actor=pc.actor, data=neet_input(person.id)).number


def test_two_pcs_of_one_ambito_draw_numbers_that_never_meet(office: Offices) -> None:
    first, second = office("AMB-TRADATE"), office("AMB-TRADATE")
    first.sync(), second.sync()
    series = {get_settings(pc.store)[NUMBER_SERIES] for pc in (first, second)}
    assert len(series) == 2
    seed_demo(first.store, referrals=12, seed=601)
    seed_demo(second.store, referrals=12, seed=602)
    drawn = {first: _new_referral(first, "Lombardi"), second: _new_referral(second, "Vanoni")}
    for pc in (first, second, first):
        assert pc.sync().rejected == 0

    numbers = first.rows("SELECT number, id FROM referral WHERE deleted = 0")
    # Other tests may have left referrals of this Ambito on the shared server: all count.
    assert len(numbers) >= 26 and len({number for number, _id in numbers}) == len(numbers)
    assert sorted(numbers) == sorted(
        second.rows("SELECT number, id FROM referral WHERE deleted = 0")
    )
    for pc in (first, second):
        mine = get_settings(pc.store)[NUMBER_SERIES]
        assert re.fullmatch(rf"\d{{4}}/{mine}/\d{{6}}", drawn[pc])
        assert all(re.fullmatch(REFERRAL_NUMBER_PATTERN, number) for number, _id in numbers)
        # Either PC finds the other's referral by its number, and only that one.
        for number, referral_id in numbers:
            assert find_referral_id(pc.store, number) == referral_id
