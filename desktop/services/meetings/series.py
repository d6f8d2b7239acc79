"""Meeting series: the minutes of one table, numbered "NN/AAAA" within the year.

A series is the body that convenes the meetings (``convening_site``, in older rows the owner
site), the kind of meeting and, for a co-design table, its project. Two tables of one body are
numbered independently, so that "Verbale n. 02/2026" is always read with its series' name.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session, aliased

from desktop.domain.codes import MeetingType
from desktop.store.models import Meeting, Site


def convening_of(meeting: Meeting) -> str:
    return meeting.convening_site or meeting.owner_site


def _convening_column() -> ColumnElement[str]:
    return func.coalesce(func.nullif(Meeting.convening_site, ""), Meeting.owner_site)


def _same_series(
    convening_site: str, meeting_type: MeetingType, project_id: str | None
) -> ColumnElement[bool]:
    conditions = [_convening_column() == convening_site, Meeting.meeting_type == meeting_type]
    if meeting_type == MeetingType.CO_DESIGN_TABLE:
        conditions.append(
            Meeting.project_id.is_(None) if project_id is None else Meeting.project_id == project_id
        )
    return and_(*conditions)


def next_number(
    session: Session,
    convening_site: str,
    meeting_type: MeetingType,
    project_id: str | None,
    year: int,
    *,
    excluding: str | None = None,
) -> str:
    """The series' next "NN/AAAA"; numbers of deleted meetings are not given again.

    Two PCs numbering one series offline can collide; the sync conflict shows it to a person.
    """
    query = select(Meeting.number).where(
        _same_series(convening_site, meeting_type, project_id),
        Meeting.number.like(f"%/{year}"),
    )
    if excluding is not None:
        query = query.where(Meeting.id != excluding)
    highest = 0
    for number in session.scalars(query):
        head = number.split("/", 1)[0]
        if head.isdigit():
            highest = max(highest, int(head))
    return f"{highest + 1:02d}/{year}"


def same_series(first: Meeting, second_values: dict[str, object]) -> bool:
    """Whether changing ``first`` to these values keeps it in its series and year."""
    held_on = second_values["held_on"]
    assert isinstance(held_on, date)
    meeting_type = second_values["meeting_type"]
    keep_project = meeting_type != MeetingType.CO_DESIGN_TABLE or (
        first.project_id == second_values["project_id"]
    )
    return (
        convening_of(first) == second_values["convening_site"]
        and first.meeting_type == meeting_type
        and keep_project
        and first.held_on.year == held_on.year
    )


def previous_in_series(session: Session, meeting: Meeting) -> Meeting | None:
    """The latest minutes of the same table held before this meeting, in any year.

    The first session of a year approves the minutes of the last one of the year before;
    only a table's very first session has no previous minutes. Of corrected minutes the
    newest version stands for them.
    """
    later = aliased(Meeting)
    superseded = (
        select(later.id)
        .where(later.previous_version_id == Meeting.id, later.deleted.is_(False))
        .exists()
    )
    query = (
        select(Meeting)
        .where(
            _same_series(convening_of(meeting), meeting.meeting_type, meeting.project_id),
            Meeting.deleted.is_(False),
            Meeting.held_on < meeting.held_on,
            Meeting.id != meeting.id,
            ~superseded,
        )
        .order_by(Meeting.held_on.desc(), Meeting.created_at.desc())
        .limit(1)
    )
    return session.scalar(query)


def has_previous_minutes(
    session: Session,
    convening_site: str,
    meeting_type: MeetingType,
    project_id: str | None,
    held_on: date,
) -> bool:
    """Whether a meeting of this table held on ``held_on`` would have minutes to approve."""
    query = select(Meeting.id).where(
        _same_series(convening_site, meeting_type, project_id),
        Meeting.deleted.is_(False),
        Meeting.held_on < held_on,
    )
    return session.scalar(query.limit(1)) is not None


def site_names(session: Session) -> dict[str, str]:
    """Every site's name by code, deleted ones included (old meetings still name them)."""
    rows = session.execute(select(Site.code, Site.name)).all()
    return {row.code: row.name for row in rows}


def site_name(session: Session, code: str) -> str:
    return session.scalar(select(Site.name).where(Site.code == code)) or ""


def known_site(session: Session, code: str) -> bool:
    return (
        session.scalar(select(Site.code).where(Site.code == code, Site.deleted.is_(False)))
        is not None
    )
