"""Meetings, their participants, agenda, decisions and action items (the verbale)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.codes import (
    ActionItemStatus,
    Attendance,
    MeetingMode,
    MeetingType,
    MinutesStatus,
    VoteKind,
)
from desktop.store.base import Base, Code, Synced


class Meeting(Synced, Base):
    __tablename__ = "meeting"

    number: Mapped[str] = mapped_column(String(20), index=True)  # "NN/AAAA" of the verbale
    meeting_type: Mapped[MeetingType] = mapped_column(Code(MeetingType))
    title: Mapped[str] = mapped_column(String(300))
    project_id: Mapped[str | None] = mapped_column(ForeignKey("project.id"), default=None)
    convened_by: Mapped[str] = mapped_column(String(200), default="")
    convocation_protocol: Mapped[str] = mapped_column(String(60), default="")
    convocation_on: Mapped[date | None] = mapped_column(default=None)
    protocol_number: Mapped[str] = mapped_column(String(60), default="")
    mode: Mapped[MeetingMode] = mapped_column(Code(MeetingMode), default=MeetingMode.IN_PERSON)
    place: Mapped[str] = mapped_column(String(200), default="")
    held_on: Mapped[date] = mapped_column(index=True)
    start_time: Mapped[time | None] = mapped_column(default=None)
    end_time: Mapped[time | None] = mapped_column(default=None)
    chair_name: Mapped[str] = mapped_column(String(200), default="")
    secretary_name: Mapped[str] = mapped_column(String(200), default="")
    minutes_status: Mapped[MinutesStatus] = mapped_column(
        Code(MinutesStatus), default=MinutesStatus.DRAFT
    )
    approved_in_meeting_on: Mapped[date | None] = mapped_column(default=None)
    approved_at: Mapped[datetime | None] = mapped_column(default=None)
    # Approved minutes are read-only; a correction is a new version that points back.
    version: Mapped[int] = mapped_column(Integer, default=1)
    previous_version_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"), default=None)
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    next_meeting_on: Mapped[date | None] = mapped_column(default=None)
    next_meeting_place: Mapped[str] = mapped_column(String(200), default="")
    next_meeting_topics: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[list[str]] = mapped_column(default=list)
    # 0007: the site whose name heads the minutes, the attendance sheet and the agenda ("" in
    # rows written before it: the owner site), and the date that goes with protocol_number.
    convening_site: Mapped[str] = mapped_column(String(32), default="")
    protocol_on: Mapped[date | None] = mapped_column(default=None)


class MeetingParticipant(Synced, Base):
    __tablename__ = "meeting_participant"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact.id"), default=None)
    organization_id: Mapped[str | None] = mapped_column(ForeignKey("organization.id"), default=None)
    full_name: Mapped[str] = mapped_column(String(200))
    organization_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(120), default="")
    attendance: Mapped[Attendance] = mapped_column(Code(Attendance), default=Attendance.INVITED)
    time_in: Mapped[time | None] = mapped_column(default=None)
    time_out: Mapped[time | None] = mapped_column(default=None)
    proxy_for: Mapped[str] = mapped_column(String(200), default="")


class AgendaItem(Synced, Base):
    """A numbered item of the ordine del giorno, with discussion, decision and vote."""

    __tablename__ = "agenda_item"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    vote: Mapped[VoteKind] = mapped_column(Code(VoteKind), default=VoteKind.NONE)
    votes_for: Mapped[int | None] = mapped_column(Integer, default=None)
    votes_against: Mapped[int | None] = mapped_column(Integer, default=None)
    votes_abstained: Mapped[int | None] = mapped_column(Integer, default=None)


class ActionItem(Synced, Base):
    __tablename__ = "action_item"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[str | None] = mapped_column(ForeignKey("agenda_item.id"), default=None)
    description: Mapped[str] = mapped_column(Text)
    owner_name: Mapped[str] = mapped_column(String(200), default="")
    owner_contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact.id"), default=None)
    organization_name: Mapped[str] = mapped_column(String(200), default="")
    organization_id: Mapped[str | None] = mapped_column(ForeignKey("organization.id"), default=None)
    due_on: Mapped[date | None] = mapped_column(index=True, default=None)
    status: Mapped[ActionItemStatus] = mapped_column(
        Code(ActionItemStatus), default=ActionItemStatus.OPEN
    )
    closed_on: Mapped[date | None] = mapped_column(default=None)
