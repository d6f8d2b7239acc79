"""Shared by the meetings service tests: the actors, the dates and a standard meeting.

Every name is invented.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from sqlalchemy import func, select

from desktop.domain.codes import MeetingType, SiteKind
from desktop.services.context import Actor
from desktop.services.meetings import MeetingDetail, MeetingInput, create_meeting
from desktop.store.engine import Store
from desktop.store.models import Meeting

AMBITO = Actor("a.rossi", "AMB-VA", SiteKind.AMBITO)
OTHER_SITE = Actor("g.verdi", "AMB-GA", SiteKind.AMBITO)
TODAY = date(2026, 11, 27)
HELD_ON = date(2026, 10, 14)


def meeting_input(**changes: object) -> MeetingInput:
    data = MeetingInput(
        meeting_type=MeetingType.PROVINCIAL_TABLE,
        title="Tavolo Unico Provinciale del Lavoro",
        held_on=HELD_ON,
        place="Sala consiliare, Piazza Libertà 1, Varese",
        start_time=time(9, 30),
        end_time=time(12, 0),
        chair_name="Roberta Marelli",
        secretary_name="Luca Sala",
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def new_meeting(store: Store, **changes: object) -> MeetingDetail:
    return create_meeting(store, actor=AMBITO, data=meeting_input(**changes))


def count_meetings(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Meeting)) or 0)
