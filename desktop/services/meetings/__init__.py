"""Meetings and their minutes (verbale): participants, agenda, decisions, action items.

DOMAIN.md §4. A meeting and everything in it belong to the site that created it. Minutes are
numbered "NN/AAAA" per year within their series: the convening body, the kind of meeting and,
for a co-design table, its project (``series``). Approved minutes are read-only: a correction
is a new draft version that points back to the approved one and copies its content. The
follow-up of an action item (closing or reopening it) is not part of the minutes' text (the
printed table has no status column) and stays possible after approval, or the open-actions
view could never empty. Minutes carry no personal data of beneficiaries:
``privacy_warnings_for_minutes`` looks for codici fiscali and for the names of persons with a
referral.
"""

from __future__ import annotations

from desktop.services.meetings.actions import (
    add_action_item,
    close_action_item,
    list_open_actions,
    remove_action_item,
    reopen_action_item,
    update_action_item,
)
from desktop.services.meetings.agenda import (
    add_agenda_item,
    remove_agenda_item,
    reorder_agenda,
    update_agenda_item,
)
from desktop.services.meetings.attendance import (
    add_participant,
    invite_contacts,
    remove_participant,
    set_attendance,
    update_participant,
)
from desktop.services.meetings.minutes import approve_minutes, correct_minutes
from desktop.services.meetings.privacy import NAME_WORDS_MAX, privacy_warnings_for_minutes
from desktop.services.meetings.records import (
    ACTION_FIELDS,
    ACTION_MAX,
    AGENDA_FIELDS,
    AGENDA_TEMPLATES,
    ATTACHMENT_NAME_MAX,
    COMMUNICATIONS_ITEM,
    CORRECTION_REASON_MIN,
    FIRST_ITEM,
    FIRST_ITEM_SHORT,
    LAST_ITEM,
    MEETING_FIELDS,
    NAME_MAX,
    PARTICIPANT_FIELDS,
    PRESENT,
    PROTOCOL_MAX,
    ROLE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    ActionItemInput,
    ActionItemRow,
    AgendaItemInput,
    AgendaItemRow,
    MeetingDetail,
    MeetingInput,
    MeetingRow,
    OpenActionRow,
    ParticipantInput,
    ParticipantRow,
    default_agenda,
    is_previous_minutes_item,
)
from desktop.services.meetings.sessions import (
    agenda_template,
    create_meeting,
    default_convening_site,
    delete_meeting,
    get_meeting,
    list_meetings,
    update_meeting,
)

__all__ = [
    "ACTION_FIELDS",
    "ACTION_MAX",
    "AGENDA_FIELDS",
    "AGENDA_TEMPLATES",
    "ATTACHMENT_NAME_MAX",
    "COMMUNICATIONS_ITEM",
    "CORRECTION_REASON_MIN",
    "FIRST_ITEM",
    "FIRST_ITEM_SHORT",
    "LAST_ITEM",
    "MEETING_FIELDS",
    "NAME_MAX",
    "NAME_WORDS_MAX",
    "PARTICIPANT_FIELDS",
    "PRESENT",
    "PROTOCOL_MAX",
    "ROLE_MAX",
    "TEXT_MAX",
    "TITLE_MAX",
    "ActionItemInput",
    "ActionItemRow",
    "AgendaItemInput",
    "AgendaItemRow",
    "MeetingDetail",
    "MeetingInput",
    "MeetingRow",
    "OpenActionRow",
    "ParticipantInput",
    "ParticipantRow",
    "add_action_item",
    "add_agenda_item",
    "add_participant",
    "agenda_template",
    "approve_minutes",
    "close_action_item",
    "correct_minutes",
    "create_meeting",
    "default_agenda",
    "default_convening_site",
    "delete_meeting",
    "get_meeting",
    "invite_contacts",
    "is_previous_minutes_item",
    "list_meetings",
    "list_open_actions",
    "privacy_warnings_for_minutes",
    "remove_action_item",
    "remove_agenda_item",
    "remove_participant",
    "reopen_action_item",
    "reorder_agenda",
    "set_attendance",
    "update_action_item",
    "update_agenda_item",
    "update_meeting",
    "update_participant",
]
