"""The start page "Da fare": what needs this site's attention today, read in one unit.

One plain read transaction (``Store.raw_read``: no ORM, so the page can fill in right after
the window's first paint) counts each kind of pending item and reads its first few, most
overdue first. What is counted, for this PC's site (``site.code`` in the local settings):

- referrals this site sent that the CPI **returned** (they wait to be corrected and sent
  again), and those it judged **not relevant** in the last ``REJECTED_SHOWN_DAYS`` days (to read
  the reason);
- on a CPI's PC, referrals addressed to its CPI, sent or received but **not yet taken in
  charge** ``take_in_charge_days`` after they were sent (a local setting, editable in
  Strumenti → Impostazioni);
- **actions** of a referral's path (the CPI's own: one planned whose start has come, one running
  whose end has passed) and of the joint plans the site is a party to, due within
  ``DUE_SOON_DAYS`` or overdue; the plans' next **reviews**, the same;
- open **actions of the minutes** of this site's meetings, due soon or overdue; **minutes drafts**
  of meetings already held, awaiting approval;
- **privacy notices** not yet handed over for this site's referrals still being drafted;
- **sync conflicts** waiting for a person (one item per record) and records **set aside**.

Like the referral list, nothing of a restricted person or referral (GDPR art. 18) is shown.
Dates are the store's ISO texts; timestamps are compared on their day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from desktop.domain.codes import (
    ActionItemStatus,
    ActionState,
    MinutesStatus,
    PathActionType,
    ReferralStatus,
    SiteKind,
    Track,
)
from desktop.domain.errors import ValidationError
from desktop.store.engine import Store
from desktop.store.raw import Connection
from desktop.store.settings import SITE_CODE, SITE_KIND, get_setting, set_setting

# The local setting: days a CPI has to take a referral in charge before it is on the list.
TAKE_IN_CHARGE_DAYS = "worklist.take_in_charge_days"
DEFAULT_TAKE_IN_CHARGE_DAYS = 10  # two working weeks
TAKE_IN_CHARGE_DAYS_MAX = 180
# An action or review is on the list from this many days before its due date.
DUE_SOON_DAYS = 7
# A referral judged not relevant stays on the sender's list this long: enough to read why.
REJECTED_SHOWN_DAYS = 30
# Items read per kind; the count is always the whole.
ITEMS_SHOWN = 10
# Where a site without settings is (as desktop.services.installation assumes).
_DEFAULT_SITE_CODE = "LOCALE"


class WorkKind(StrEnum):
    """A kind of pending item: a section of the page, in this order."""

    RETURNED = "returned"
    REJECTED = "rejected"
    AWAITING_CHARGE = "awaiting_charge"
    PRIVACY_NOTICES = "privacy_notices"
    REFERRAL_ACTIONS = "referral_actions"
    PLAN_REVIEWS = "plan_reviews"
    MEETING_ACTIONS = "meeting_actions"
    MINUTES_DRAFTS = "minutes_drafts"
    SYNC_CONFLICTS = "sync_conflicts"
    SET_ASIDE = "set_aside"


class Area(StrEnum):
    """Where an item opens: the area of the main window that shows its record."""

    REFERRALS = "referrals"
    MEETINGS = "meetings"
    SYNC = "sync"


AREAS: dict[WorkKind, Area] = {
    WorkKind.RETURNED: Area.REFERRALS,
    WorkKind.REJECTED: Area.REFERRALS,
    WorkKind.AWAITING_CHARGE: Area.REFERRALS,
    WorkKind.PRIVACY_NOTICES: Area.REFERRALS,
    WorkKind.REFERRAL_ACTIONS: Area.REFERRALS,
    WorkKind.PLAN_REVIEWS: Area.REFERRALS,
    WorkKind.MEETING_ACTIONS: Area.MEETINGS,
    WorkKind.MINUTES_DRAFTS: Area.MEETINGS,
    WorkKind.SYNC_CONFLICTS: Area.SYNC,
    WorkKind.SET_ASIDE: Area.SYNC,
}

# Kinds whose date is a deadline (due on); for the others it is when the wait began.
DEADLINE_KINDS = frozenset(
    {
        WorkKind.AWAITING_CHARGE,
        WorkKind.REFERRAL_ACTIONS,
        WorkKind.PLAN_REVIEWS,
        WorkKind.MEETING_ACTIONS,
    }
)

_SENDER_KINDS = (WorkKind.RETURNED, WorkKind.REJECTED, WorkKind.PRIVACY_NOTICES)
_EVERY_SITE = (
    WorkKind.REFERRAL_ACTIONS,
    WorkKind.PLAN_REVIEWS,
    WorkKind.MEETING_ACTIONS,
    WorkKind.MINUTES_DRAFTS,
    WorkKind.SYNC_CONFLICTS,
    WorkKind.SET_ASIDE,
)


def applicable_kinds(site_kind: SiteKind) -> frozenset[WorkKind]:
    """The sections a site of this kind always shows (others only when they have items)."""
    if site_kind is SiteKind.CPI:
        return frozenset({WorkKind.AWAITING_CHARGE, *_EVERY_SITE})
    if site_kind is SiteKind.PROVINCIA:
        return frozenset(_EVERY_SITE) - {WorkKind.REFERRAL_ACTIONS, WorkKind.PLAN_REVIEWS}
    return frozenset({*_SENDER_KINDS, *_EVERY_SITE})


@dataclass(frozen=True)
class WorkItem:
    """One thing to do.

    ``record_id`` is what opens: a referral's or a meeting's id (for sync, the record's id in
    the ``source`` table). ``number`` is that record's number (a referral's, the minutes'),
    ``person`` the referral's person ("Cognome Nome"). ``text`` is data to read: the CPI's
    reason, an action's description, the minutes' title, why a record was set aside, the fields
    in conflict; ``who`` is who is in charge of a meeting's action. ``code`` is the referral's
    track, or a path action's type. ``days_overdue`` is ``today - due_on``: past the deadline
    when positive, still to come when negative; for kinds not in ``DEADLINE_KINDS`` it is how
    long the item has waited."""

    kind: WorkKind
    record_id: str
    number: str
    person: str
    due_on: date | None
    days_overdue: int | None
    text: str = ""
    who: str = ""
    code: StrEnum | None = None
    state: ActionState | None = None  # a path action's: planned (due to start), running (to end)
    source: str = ""  # the table of the item (path_action, plan_action, action_item, ...)
    item_id: str = ""  # the item's own row, when it is not the record that opens

    @property
    def area(self) -> Area:
        return AREAS[self.kind]


@dataclass(frozen=True)
class WorkSection:
    kind: WorkKind
    count: int  # every pending item of the kind
    items: tuple[WorkItem, ...]  # the first ``ITEMS_SHOWN``, most overdue first

    @property
    def more(self) -> int:
        """Items counted but not read."""
        return self.count - len(self.items)


@dataclass(frozen=True)
class Worklist:
    today: date
    site_code: str
    site_kind: SiteKind
    take_in_charge_days: int
    sections: tuple[WorkSection, ...]  # the site's kinds, and any other with items

    @property
    def total(self) -> int:
        return sum(section.count for section in self.sections)

    def section(self, kind: WorkKind) -> WorkSection | None:
        return next((section for section in self.sections if section.kind is kind), None)

    def count(self, kind: WorkKind) -> int:
        section = self.section(kind)
        return 0 if section is None else section.count

    def area_counts(self) -> dict[Area, int]:
        """Pending items by the area that opens them (the side bar's counts)."""
        counts = dict.fromkeys(Area, 0)
        for section in self.sections:
            counts[AREAS[section.kind]] += section.count
        return counts


# --- the local setting ---------------------------------------------------------------------


def _days_setting(connection: Connection) -> int:
    text = get_setting(connection, TAKE_IN_CHARGE_DAYS)
    try:
        days = int(text) if text is not None else DEFAULT_TAKE_IN_CHARGE_DAYS
    except ValueError:
        return DEFAULT_TAKE_IN_CHARGE_DAYS
    return days if 1 <= days <= TAKE_IN_CHARGE_DAYS_MAX else DEFAULT_TAKE_IN_CHARGE_DAYS


def take_in_charge_days(store: Store) -> int:
    """Days a CPI has to take a received referral in charge before it is listed as late."""
    with store.raw_read() as connection:
        return _days_setting(connection)


def save_take_in_charge_days(store: Store, days: int) -> None:
    if not 1 <= days <= TAKE_IN_CHARGE_DAYS_MAX:
        raise ValidationError(
            {
                "take_in_charge_days": "Indicare un numero di giorni da 1 a "
                f"{TAKE_IN_CHARGE_DAYS_MAX}."
            }
        )
    with store.raw_write() as connection:
        set_setting(connection, TAKE_IN_CHARGE_DAYS, str(days))


# --- the read ------------------------------------------------------------------------------

# A referral that may be shown (as the referral list shows them): the restricted persons are
# few, so their set is built once rather than each row's person read.
_SHOWN = (
    "r.deleted = 0 AND r.restricted = 0"
    " AND r.person_id NOT IN (SELECT id FROM person WHERE restricted = 1)"
)
# The referrals of a joint plan this site is a party to: it sent them, or (a CPI) they are
# addressed to its CPI (any CPI when the site names none), as Azioni aperte has them. The
# unary + keep SQLite from starting at those columns' indexes (thousands of rows at 100,000
# referrals): these queries start from the few rows that are due.
_PLAN_PARTY = (
    "(+r.sending_site = :site OR (:is_cpi AND (:centre IS NULL OR +r.job_centre_id = :centre)))"
    " AND +r.status IN (:taken_in_charge, :in_path)"
)
# A site's planned or running path action: the terms of ix_path_action_due's WHERE, written as
# it is (SQLite uses a partial index only when the query repeats its terms, literals included).
_OPEN_PATH_ACTION = (
    f"a.deleted = 0 AND a.state IN ('{ActionState.PLANNED.value}', '{ActionState.RUNNING.value}')"
    " AND a.owner_site = :site"
)
# A referral sent or received, not yet taken in charge: ix_referral_awaiting's WHERE (0012).
_AWAITING_STATUS = f"r.status IN ('{ReferralStatus.SENT.value}', '{ReferralStatus.RECEIVED.value}')"
# A draft (or one returned to correct) whose privacy notice is not yet handed over:
# ix_referral_without_notice's WHERE (0012).
_WITHOUT_NOTICE = (
    f"r.status IN ('{ReferralStatus.DRAFT.value}', '{ReferralStatus.RETURNED.value}')"
    " AND r.privacy_notice_on IS NULL"
)
# Not a later version of these minutes: only the latest is followed up.
_LATEST_MINUTES = """NOT EXISTS (SELECT 1 FROM meeting later
                                 WHERE later.previous_version_id = m.id AND later.deleted = 0)"""


def _referral_items(inner: str, text: str = "''") -> str:
    """A kind of referral items: ``inner`` selects every pending row (``referral_id``,
    ``number``, ``person_id``, ``day``, ``code``, ``item_id``, ``source``, ``text``, ``total``
    as ``count(*) OVER ()``), ordered, with ``LIMIT :limit``; the person's name and ``text``
    (read per row: the CPI's reason) are added to those few rows only."""
    return f"""
        SELECT w.referral_id, w.number, p.last_name || ' ' || p.first_name, w.day, w.code,
               {text}, '', w.total, w.item_id, w.source
        FROM ({inner}) w JOIN person p ON p.id = w.person_id
        ORDER BY w.rank"""


# The note of the step that put a referral in its status: the CPI's reason.
_REASON = """coalesce((SELECT e.note FROM referral_event e
                        WHERE e.referral_id = w.referral_id AND e.deleted = 0
                          AND e.to_status = w.status
                        ORDER BY e.at DESC, e.id DESC LIMIT 1), '')"""


def _by_status(day: str, where: str, order: str) -> str:
    """Referrals themselves, found through their status's index."""
    return f"""
        SELECT r.id AS referral_id, r.number AS number, r.person_id AS person_id,
               {day} AS day, r.track AS code, '' AS item_id, 'referral' AS source,
               r.status AS status, '' AS text, count(*) OVER () AS total,
               row_number() OVER (ORDER BY {order}) AS rank
        FROM referral r
        WHERE {where} AND {_SHOWN}
        ORDER BY {order} LIMIT :limit"""


# Every query gives the same columns: record_id, number, person, day, code, text, who,
# total (the count of every row, before LIMIT), item_id, source.
_QUERIES: dict[WorkKind, str] = {
    WorkKind.RETURNED: _referral_items(
        _by_status(
            "substr(r.status_changed_at, 1, 10)",
            "r.status = :returned AND +r.sending_site = :site",
            "r.status_changed_at, r.number",
        ),
        _REASON,
    ),
    WorkKind.REJECTED: _referral_items(
        _by_status(
            "substr(r.status_changed_at, 1, 10)",
            "r.status = :not_relevant AND r.status_changed_at >= :rejected_since"
            " AND +r.sending_site = :site",
            "r.status_changed_at DESC, r.number",
        ),
        _REASON,
    ),
    WorkKind.AWAITING_CHARGE: _referral_items(
        _by_status(
            "r.sent_on",
            f":is_cpi AND {_AWAITING_STATUS}"
            " AND (:centre IS NULL OR +r.job_centre_id = :centre)"
            " AND r.sent_on IS NOT NULL AND r.sent_on <= :charge_cutoff",
            "r.sent_on, r.number",
        )
    ),
    WorkKind.PRIVACY_NOTICES: _referral_items(
        _by_status(
            "r.created_on",
            f"{_WITHOUT_NOTICE} AND r.sending_site = :site",
            "r.created_on, r.number",
        )
    ),
    # Path actions are the CPI's (owned by the site that wrote them): due when a planned one
    # starts or a running one ends, each state's found by its own seek of ix_path_action_due
    # (migration 0012: no path action read). Plan actions belong to the plan's parties. Both
    # start from the actions due (CROSS JOIN keeps that order), then read their referral by its
    # key.
    WorkKind.REFERRAL_ACTIONS: _referral_items(
        f"""
        SELECT *, count(*) OVER () AS total,
               row_number() OVER (ORDER BY day, number, item_id) AS rank
        FROM (
            SELECT r.id AS referral_id, r.number AS number, r.person_id AS person_id,
                   d.due AS day, d.code AS code, d.item_id AS item_id,
                   'path_action' AS source, '' AS text
            FROM (SELECT a.id AS item_id, a.referral_id AS referral_id,
                         a.action_type || ':' || a.state AS code, a.start_on AS due
                  FROM path_action a
                  WHERE {_OPEN_PATH_ACTION} AND a.state = :planned AND a.start_on <= :horizon
                  UNION ALL
                  SELECT a.id, a.referral_id, a.action_type || ':' || a.state, a.end_on
                  FROM path_action a
                  WHERE {_OPEN_PATH_ACTION} AND a.state = :running AND a.end_on <= :horizon
                  LIMIT -1) d  -- materialised: the referral is read for due actions only
            CROSS JOIN referral r ON r.id = d.referral_id
            WHERE +r.status IN (:taken_in_charge, :in_path) AND {_SHOWN}
            UNION ALL
            SELECT r.id, r.number, r.person_id, a.due_on, NULL, a.id, 'plan_action',
                   a.description
            FROM plan_action a CROSS JOIN referral r ON r.id = a.referral_id
            WHERE a.deleted = 0 AND a.status = :open AND a.due_on IS NOT NULL
              AND a.due_on <= :horizon AND {_PLAN_PARTY} AND {_SHOWN}
        )
        ORDER BY day, number, item_id LIMIT :limit""",
        "w.text",
    ),
    # The latest review of each plan sets the next one (a later review, or one written later
    # the same day, replaces it).
    WorkKind.PLAN_REVIEWS: _referral_items(
        f"""
        SELECT r.id AS referral_id, r.number AS number, r.person_id AS person_id,
               v.next_review_on AS day, r.track AS code, v.id AS item_id,
               'plan_review' AS source, count(*) OVER () AS total,
               row_number() OVER (ORDER BY v.next_review_on, r.number) AS rank
        FROM plan_review v CROSS JOIN referral r ON r.id = v.referral_id
        WHERE v.deleted = 0 AND v.next_review_on IS NOT NULL AND v.next_review_on <= :horizon
          AND NOT EXISTS (
              SELECT 1 FROM plan_review later
              WHERE later.referral_id = v.referral_id AND later.deleted = 0
                AND (later.review_on > v.review_on
                     OR (later.review_on = v.review_on AND later.created_at > v.created_at)))
          AND {_PLAN_PARTY} AND {_SHOWN}
        ORDER BY v.next_review_on, r.number LIMIT :limit"""
    ),
    WorkKind.MEETING_ACTIONS: f"""
        SELECT m.id, m.number, '', a.due_on, NULL, a.description,
               a.owner_name || CASE WHEN a.owner_name <> '' AND a.organization_name <> ''
                                    THEN ', ' ELSE '' END || a.organization_name,
               count(*) OVER (), a.id, 'action_item'
        FROM action_item a JOIN meeting m ON m.id = a.meeting_id
        WHERE a.deleted = 0 AND a.status = :open AND a.due_on IS NOT NULL
          AND a.due_on <= :horizon AND m.deleted = 0 AND m.owner_site = :site
          AND {_LATEST_MINUTES}
        ORDER BY a.due_on, m.number, a.id LIMIT :limit""",
    WorkKind.MINUTES_DRAFTS: f"""
        SELECT m.id, m.number, '', m.held_on, NULL, m.title, '', count(*) OVER (), '', 'meeting'
        FROM meeting m
        WHERE m.deleted = 0 AND m.minutes_status = :draft_minutes AND m.owner_site = :site
          AND m.held_on <= :today AND {_LATEST_MINUTES}
        ORDER BY m.held_on, m.number LIMIT :limit""",
    # One item per record, however many of its fields are in conflict.
    WorkKind.SYNC_CONFLICTS: """
        SELECT c.record_id,
               coalesce(CASE c.table_name
                   WHEN 'referral' THEN (SELECT number FROM referral WHERE id = c.record_id)
                   WHEN 'meeting' THEN (SELECT number FROM meeting WHERE id = c.record_id)
               END, ''),
               coalesce(CASE c.table_name
                   WHEN 'referral' THEN (SELECT p.last_name || ' ' || p.first_name
                                         FROM referral r JOIN person p ON p.id = r.person_id
                                         WHERE r.id = c.record_id AND r.restricted = 0
                                           AND p.restricted = 0)
                   WHEN 'person' THEN (SELECT last_name || ' ' || first_name FROM person
                                       WHERE id = c.record_id AND restricted = 0)
               END, ''),
               substr(min(c.detected_at), 1, 10), NULL, group_concat(c.field, ','), '',
               count(*) OVER (), '', c.table_name
        FROM sync_conflict c WHERE c.resolved_at IS NULL
        GROUP BY c.table_name, c.record_id
        ORDER BY min(c.detected_at), c.table_name, c.record_id LIMIT :limit""",
    WorkKind.SET_ASIDE: """
        SELECT record_id, '', '', substr(first_seen_at, 1, 10), NULL, reason, '',
               count(*) OVER (), '', table_name
        FROM sync_set_aside
        ORDER BY first_seen_at, table_name, record_id LIMIT :limit""",
}


def _codes(value: object, source: str) -> tuple[StrEnum | None, ActionState | None]:
    if value is None:
        return None, None
    if source == "path_action":
        action_type, state = str(value).split(":")
        return PathActionType(action_type), ActionState(state)
    return Track(str(value)), None


def _item(kind: WorkKind, row: Any, today: date, days: int) -> WorkItem:
    record_id, number, person, day, code, text, who, _total, item_id, source = row
    due_on = date.fromisoformat(str(day)[:10]) if day else None
    code_value, state = _codes(code, str(source))
    if kind is WorkKind.AWAITING_CHARGE and due_on is not None:
        due_on += timedelta(days=days)  # due a set number of days after it was sent
    return WorkItem(
        kind=kind,
        record_id=str(record_id),
        number=str(number or ""),
        person=str(person or ""),
        due_on=due_on,
        days_overdue=None if due_on is None else (today - due_on).days,
        text=str(text or ""),
        who=str(who or ""),
        code=code_value,
        state=state,
        source=str(source),
        item_id=str(item_id or ""),
    )


def _parameters(
    connection: Connection, today: date, limit: int
) -> tuple[str, SiteKind, int, dict[str, object]]:
    """This PC's site, its kind, the take-in-charge days and every query's parameters."""
    site_code = get_setting(connection, SITE_CODE) or _DEFAULT_SITE_CODE
    site_kind = SiteKind(get_setting(connection, SITE_KIND) or SiteKind.AMBITO.value)
    days = _days_setting(connection)
    centre = connection.execute(
        "SELECT job_centre_id FROM site WHERE code = ? AND deleted = 0", (site_code,)
    ).fetchone()
    # sqlite3 reads the names a statement uses from the mapping and ignores the others.
    params: dict[str, object] = {
        "site": site_code,
        "is_cpi": int(site_kind is SiteKind.CPI),
        "centre": None if centre is None else centre[0],
        "today": today.isoformat(),
        "horizon": (today + timedelta(days=DUE_SOON_DAYS)).isoformat(),
        "rejected_since": (today - timedelta(days=REJECTED_SHOWN_DAYS)).isoformat(),
        "charge_cutoff": (today - timedelta(days=days)).isoformat(),
        "limit": limit,
        **{status.value: status.value for status in ReferralStatus},
        "planned": ActionState.PLANNED.value,
        "running": ActionState.RUNNING.value,
        "open": ActionItemStatus.OPEN.value,
        "draft_minutes": MinutesStatus.DRAFT.value,
    }
    return site_code, site_kind, days, params


def read_worklist(store: Store, *, today: date, limit: int = ITEMS_SHOWN) -> Worklist:
    """Every kind's count and its first ``limit`` items, in one read transaction. Runs on any
    thread: it takes a connection of its own."""
    with store.raw_read() as connection:
        site_code, site_kind, days, params = _parameters(connection, today, limit)
        applicable = applicable_kinds(site_kind)
        sections: list[WorkSection] = []
        for kind, sql in _QUERIES.items():
            rows = connection.execute(sql, params).fetchall()
            count = int(rows[0][7]) if rows else 0
            if count or kind in applicable:
                items = tuple(_item(kind, row, today, days) for row in rows)
                sections.append(WorkSection(kind, count, items))
    return Worklist(
        today=today,
        site_code=site_code,
        site_kind=site_kind,
        take_in_charge_days=days,
        sections=tuple(sections),
    )


def query_plan(store: Store, kind: WorkKind, *, today: date) -> list[str]:
    """SQLite's plan of a kind's read on this PC (``EXPLAIN QUERY PLAN``, one line a step):
    tests check that the reads keep to their indexes."""
    with store.raw_read() as connection:
        params = _parameters(connection, today, ITEMS_SHOWN)[3]
        rows = connection.execute(f"EXPLAIN QUERY PLAN {_QUERIES[kind]}", params).fetchall()
    return [str(row[3]) for row in rows]
