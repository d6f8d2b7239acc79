"""A store where every kind of item of the start page "Da fare" is present, with its lookalikes
that must not count, and the pending items counted by plain SQL independently of the service.

Seen from the Ambito of Varese (the sender, ``AMB-VA``) and from the CPI of Varese (``CPI-VA``)
on ``TODAY``. Every name is invented.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from desktop.domain.codes import (
    ActionItemStatus,
    ActionState,
    PathActionType,
    PlanParty,
    ReviewOutcome,
    SiteKind,
)
from desktop.domain.lifecycle import Transition
from desktop.services.meetings import ActionItemInput, add_action_item, create_meeting
from desktop.services.meetings.actions import close_action_item
from desktop.services.meetings.minutes import approve_minutes
from desktop.services.persons import create_person
from desktop.services.referrals.handling import add_path_action
from desktop.services.referrals.joint_plan import (
    PlanActionInput,
    ReviewInput,
    save_plan_action,
    save_review,
)
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import PathActionInput, ReferralDetail, create_referral
from desktop.store.engine import Store
from desktop.store.settings import SITE_CODE, SITE_KIND, set_setting
from tests.meetings_support import OTHER_SITE, meeting_input, new_meeting
from tests.services_support import Network, build_network, make_person, neet_input, person_input

TODAY = date(2026, 11, 27)

# What the seed holds for each view; the tests also count it with ``independent_counts``.
AMBITO_COUNTS = {
    "returned": 2,
    "rejected": 1,
    "privacy_notices": 1,
    "referral_actions": 1,
    "plan_reviews": 1,
    "meeting_actions": 2,
    "minutes_drafts": 1,
    "sync_conflicts": 2,
    "set_aside": 2,
}
CPI_COUNTS = {
    "awaiting_charge": 2,
    "referral_actions": 3,
    "plan_reviews": 1,
    "sync_conflicts": 2,
    "set_aside": 2,
}


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def view_as(store: Store, site_code: str, site_kind: SiteKind) -> None:
    """Make this data folder the PC of a site."""
    with store.raw_write() as connection:
        set_setting(connection, SITE_CODE, site_code)
        set_setting(connection, SITE_KIND, site_kind.value)


def _referral(
    store: Store,
    network: Network,
    first_name: str,
    *steps: tuple[Transition, int, str],
    person_id: str | None = None,
    **fields: object,
) -> ReferralDetail:
    fields.setdefault("privacy_notice_on", day(-60))
    if person_id is None:
        person_id = make_person(store, network, first_name=first_name).id
    detail = create_referral(
        store, actor=network.ambito, data=neet_input(person_id, **fields), today=day(-60)
    )
    for transition, offset, note in steps:
        actor = network.ambito if transition is Transition.SEND else network.cpi
        detail = transition_referral(
            store,
            actor=actor,
            referral_id=detail.id,
            transition=transition,
            on=day(offset),
            note=note,
        )
    return detail


def _status_changed(store: Store, referral_id: str, offset: int) -> None:
    """The transition stamped the real clock: put it on the test's calendar."""
    with store.raw_write() as connection:
        connection.execute(
            "UPDATE referral SET status_changed_at = ? WHERE id = ?",
            (f"{day(offset).isoformat()} 09:00:00.000000", referral_id),
        )


def seed_worklist(store: Store) -> Network:
    network = build_network(store)
    send = (Transition.SEND, -30, "")
    receive = (Transition.RECEIVE, -28, "")
    taken = (Transition.TAKE_IN_CHARGE, -25, "")

    # The sender's: returned (2), not relevant lately (1) and long ago, drafts without notice.
    returned_ids = []
    for name, offset in (("Giulia", -7), ("Marta", -2)):
        returned = _referral(
            store,
            network,
            name,
            send,
            receive,
            (Transition.RETURN, -7, "Manca il comune di domicilio."),
        )
        _status_changed(store, returned.id, offset)
        returned_ids.append(returned.id)
    first_returned = returned_ids[0]  # Giulia's, in conflict below
    for name, offset in (("Sara", -17), ("Elena", -87)):
        rejected = _referral(
            store,
            network,
            name,
            send,
            receive,
            (Transition.REJECT, -20, "Requisiti del percorso non presenti."),
        )
        _status_changed(store, rejected.id, offset)
    _referral(store, network, "Laura", privacy_notice_on=None)
    hidden = _referral(store, network, "Paola", privacy_notice_on=None)
    with store.raw_write() as connection:  # restricted (art. 18): never on a list
        connection.execute("UPDATE referral SET restricted = 1 WHERE id = ?", (hidden.id,))
    _referral(store, network, "Anna")  # a draft with its notice handed over

    # The CPI's: two waiting past the 10 days, one still within them, one taken in charge.
    _referral(store, network, "Giorgia", (Transition.SEND, -20, ""))
    _referral(store, network, "Silvia", (Transition.SEND, -15, ""), (Transition.RECEIVE, -14, ""))
    _referral(store, network, "Irene", (Transition.SEND, -3, ""))
    elsewhere = create_person(
        store,
        actor=network.ambito,
        data=person_input(first_name="Noemi", residence_municipality_id=network.gallarate_id),
        today=TODAY,
    )
    _referral(store, network, "Noemi", (Transition.SEND, -20, ""), person_id=elsewhere.id)
    path = _referral(store, network, "Federica", send, receive, taken)
    cpi = network.cpi
    for state, start, end in (
        (ActionState.PLANNED, day(-3), None),  # due to start three days ago
        (ActionState.RUNNING, day(-40), day(5)),  # due to end within the week
        (ActionState.RUNNING, day(-40), day(20)),  # not yet
        (ActionState.COMPLETED, day(-40), day(-10)),  # done
    ):
        add_path_action(
            store,
            actor=cpi,
            referral_id=path.id,
            data=PathActionInput(
                PathActionType.BASIC_GUIDANCE, state=state, start_on=start, end_on=end
            ),
        )
    for who, due, status in (
        (cpi, day(-1), ActionItemStatus.OPEN),  # overdue: on both parties' lists
        (network.ambito, day(30), ActionItemStatus.OPEN),  # not yet
        (network.ambito, None, ActionItemStatus.OPEN),  # no date: never due
        (cpi, day(-5), ActionItemStatus.DONE),
    ):
        save_plan_action(
            store,
            actor=who,
            referral_id=path.id,
            data=PlanActionInput(
                "Bilancio di competenze",
                PlanParty.CPI,
                responsible_name="Chiara Neri",
                due_on=due,
                status=status,
                done_on=day(-21) if status is ActionItemStatus.DONE else None,
            ),
            today=day(-20),
        )
    save_review(
        store,
        actor=cpi,
        referral_id=path.id,
        data=ReviewInput(day(-10), ReviewOutcome.ON_TRACK, next_review_on=day(3)),
        today=day(-10),
    )
    # The latest review of another plan sets no next one: nothing is due there.
    reviewed = _referral(store, network, "Valeria", send, receive, taken)
    for held, following in ((day(-20), day(-5)), (day(-2), None)):
        save_review(
            store,
            actor=cpi,
            referral_id=reviewed.id,
            data=ReviewInput(held, ReviewOutcome.ON_TRACK, next_review_on=following),
            today=held,
        )

    # Meetings of the Ambito: a draft held 44 days ago with an overdue action, a future one,
    # approved minutes whose action is still open; another site's draft.
    drafted = new_meeting(store)  # held on 14/10/2026
    for description, due in (
        ("Predisporre la bozza del protocollo", day(-10)),
        ("Aggiornare il calendario", day(60)),
    ):
        add_action_item(
            store,
            actor=network.ambito,
            meeting_id=drafted.id,
            data=ActionItemInput(description, owner_name="Davide Crespi", due_on=due),
        )
    closing = add_action_item(
        store,
        actor=network.ambito,
        meeting_id=drafted.id,
        data=ActionItemInput("Chiudere il registro", due_on=day(-8)),
    )
    close_action_item(store, actor=network.ambito, action_item_id=closing.id, closed_on=day(-4))
    new_meeting(store, held_on=day(5), title="Équipe di dicembre")
    approved = new_meeting(store, held_on=day(-60), title="Tavolo di settembre")
    add_action_item(
        store,
        actor=network.ambito,
        meeting_id=approved.id,
        data=ActionItemInput("Raccogliere le adesioni", due_on=day(2)),
    )
    approve_minutes(
        store, actor=network.ambito, meeting_id=approved.id, approved_in_meeting_on=day(-30)
    )
    create_meeting(store, actor=OTHER_SITE, data=meeting_input(held_on=day(-40)))

    # Sync: two fields of one referral and one of a person in conflict, one conflict resolved;
    # two records from the server set aside.
    with store.raw_write() as connection:
        person_id = connection.execute(
            "SELECT person_id FROM referral WHERE id = ?", (first_returned,)
        ).fetchone()[0]
        for index, (table, record, field, resolved) in enumerate(
            (
                ("referral", first_returned, "reason", None),
                ("referral", first_returned, "urgency", None),
                ("person", person_id, "phone", None),
                ("person", person_id, "email", "2026-11-20 10:00:00.000000"),
            )
        ):
            connection.execute(
                "INSERT INTO sync_conflict (id, table_name, record_id, field, local_value, "
                "remote_value, base_value, remote_revision, remote_updated_by, detected_at, "
                "resolved_at, resolution) VALUES (?, ?, ?, ?, '\"a\"', '\"b\"', '\"c\"', 3, "
                "'m.verdi', ?, ?, ?)",
                (
                    f"conflict-{index}",
                    table,
                    record,
                    field,
                    f"{day(-index - 1).isoformat()} 08:00:00.000000",
                    resolved,
                    "remote" if resolved else "",
                ),
            )
        for index in range(2):
            connection.execute(
                "INSERT INTO sync_set_aside (table_name, record_id, revision, record, reason, "
                "first_seen_at, last_tried_at, attempts) VALUES ('project_partner', ?, 4, '{}', "
                "'Campo organization_id: ente sconosciuto.', ?, ?, 2)",
                (
                    f"set-aside-{index}",
                    f"{day(-6 + index).isoformat()} 08:00:00.000000",
                    f"{day(-1).isoformat()} 08:00:00.000000",
                ),
            )
    view_as(store, "AMB-VA", SiteKind.AMBITO)
    return network


def independent_counts(
    store: Store, site_code: str, site_kind: SiteKind, today: date, days: int = 10
) -> dict[str, int]:
    """Each kind's count by plain queries and Python, written apart from the service: rows are
    read whole and the rules applied here, one by one."""
    with store.raw_read() as connection:

        def rows(sql: str, *params: object) -> list[tuple[object, ...]]:
            return [tuple(row) for row in connection.execute(sql, params).fetchall()]

        hidden_persons = {row[0] for row in rows("SELECT id FROM person WHERE restricted = 1")}
        referrals = {
            str(row[0]): row
            for row in rows(
                "SELECT id, status, sending_site, job_centre_id, sent_on, privacy_notice_on, "
                "status_changed_at FROM referral WHERE deleted = 0 AND restricted = 0"
            )
        }
        persons_of = {str(row[0]): row[1] for row in rows("SELECT id, person_id FROM referral")}
        shown = {key for key in referrals if persons_of[key] not in hidden_persons}
        centre = rows("SELECT job_centre_id FROM site WHERE code = ?", site_code)
        own_centre = centre[0][0] if centre else None
        is_cpi = site_kind is SiteKind.CPI

        def sent_here(key: str) -> bool:
            return referrals[key][2] == site_code

        def party(key: str) -> bool:
            addressed = is_cpi and own_centre in (None, referrals[key][3])
            return (sent_here(key) or addressed) and referrals[key][1] in (
                "taken_in_charge",
                "in_path",
            )

        soon = today + timedelta(days=7)
        counts: dict[str, int] = defaultdict(int)
        for key in shown:
            status, sent_on, notice, changed = (referrals[key][i] for i in (1, 4, 5, 6))
            if sent_here(key) and status == "returned":
                counts["returned"] += 1
            recent = date.fromisoformat(str(changed)[:10]) >= today - timedelta(days=30)
            if sent_here(key) and status == "not_relevant" and recent:
                counts["rejected"] += 1
            if sent_here(key) and status in ("draft", "returned") and notice is None:
                counts["privacy_notices"] += 1
            if (
                is_cpi
                and own_centre in (None, referrals[key][3])
                and status in ("sent", "received")
                and sent_on is not None
                and date.fromisoformat(str(sent_on)) + timedelta(days=days) <= today
            ):
                counts["awaiting_charge"] += 1
        for referral_id, owner, state, start, end in rows(
            "SELECT referral_id, owner_site, state, start_on, end_on FROM path_action "
            "WHERE deleted = 0"
        ):
            due = start if state == "planned" else end if state == "running" else None
            if (
                owner == site_code
                and referral_id in shown
                and referrals[str(referral_id)][1] in ("taken_in_charge", "in_path")
                and due is not None
                and date.fromisoformat(str(due)) <= soon
            ):
                counts["referral_actions"] += 1
        for referral_id, due in rows(
            "SELECT referral_id, due_on FROM plan_action WHERE deleted = 0 AND status = 'open'"
        ):
            if (
                referral_id in shown
                and party(str(referral_id))
                and due is not None
                and date.fromisoformat(str(due)) <= soon
            ):
                counts["referral_actions"] += 1
        latest: dict[str, tuple[object, ...]] = {}
        for review in rows(
            "SELECT referral_id, review_on, created_at, next_review_on FROM plan_review "
            "WHERE deleted = 0"
        ):
            held = latest.get(str(review[0]))
            if held is None or (review[1], review[2]) > (held[1], held[2]):
                latest[str(review[0])] = review
        for referral_id, review in latest.items():
            following = review[3]
            if (
                referral_id in shown
                and party(referral_id)
                and following is not None
                and date.fromisoformat(str(following)) <= soon
            ):
                counts["plan_reviews"] += 1
        superseded = {
            row[0]
            for row in rows(
                "SELECT previous_version_id FROM meeting WHERE deleted = 0 "
                "AND previous_version_id IS NOT NULL"
            )
        }
        meetings = {
            row[0]: row
            for row in rows(
                "SELECT id, owner_site, minutes_status, held_on FROM meeting WHERE deleted = 0"
            )
            if row[1] == site_code and row[0] not in superseded
        }
        for _meeting, _owner, minutes, held_on in meetings.values():
            if minutes == "draft" and date.fromisoformat(str(held_on)) <= today:
                counts["minutes_drafts"] += 1
        for meeting_id, status, due in rows(
            "SELECT meeting_id, status, due_on FROM action_item WHERE deleted = 0"
        ):
            if (
                meeting_id in meetings
                and status == "open"
                and due is not None
                and date.fromisoformat(str(due)) <= soon
            ):
                counts["meeting_actions"] += 1
        conflicted = {
            (row[0], row[1])
            for row in rows("SELECT table_name, record_id, resolved_at FROM sync_conflict")
            if row[2] is None
        }
        counts["sync_conflicts"] = len(conflicted)
        counts["set_aside"] = len(rows("SELECT table_name, record_id FROM sync_set_aside"))
    return {kind: count for kind, count in counts.items() if count}
