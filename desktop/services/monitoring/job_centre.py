"""The Monitoraggio page of a CPI: the referrals addressed to it, its backlog, its referents'
response times, the outcomes and the joint plans with overdue actions.

A CPI's page is about its own referrals: the CPI filter is always its own (a page asked for
another CPI counts this one's all the same, and says so in its filter)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from desktop.domain.codes import ActionItemStatus, ReferralStatus
from desktop.domain.monitoring import (
    Audience,
    Category,
    Chart,
    ChartKind,
    Dashboard,
    Figure,
    MonitoringFilter,
    Section,
    Unit,
    Value,
)
from desktop.services.monitoring.counting import (
    AWAITING,
    RESTRICTED_NOTE,
    Scope,
    Where,
    plain_series,
    rows,
    scope_where,
    track_categories,
)
from desktop.services.monitoring.local import SOURCE, Local, now, read_local
from desktop.services.monitoring.sections import (
    SITE,
    STATUS,
    Counts,
    by_month,
    by_name,
    by_track_and_status,
    centre_series,
    outcomes_by_track,
    response_time_charts,
)
from desktop.services.sites import UNKNOWN_SITE
from desktop.store.engine import Store
from desktop.store.raw import Connection

# Days since the CPI received a referral (or, not yet received, since it was sent).
AGE_BANDS: tuple[tuple[str, str, int, int | None], ...] = (
    ("0-7", "fino a 7 giorni", 0, 7),
    ("8-30", "da 8 a 30 giorni", 8, 30),
    ("31-60", "da 31 a 60 giorni", 31, 60),
    ("61+", "oltre 60 giorni", 61, None),
)
NO_REFERENT = "Senza referente"
_HANDLING = "LEFT JOIN referral_handling h ON h.referral_id = r.id AND h.deleted = 0"


def band_of(age: int) -> str:
    for key, _label, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return key
    return AGE_BANDS[0][0]  # a date in the future: just arrived


def _overdue(
    connection: Connection, where: Where, today: date
) -> dict[str | None, tuple[int, int]]:
    """Referent id → (overdue plan actions, referrals with some) (joint_plan: an open action
    past its due date)."""
    overdue = where.with_params(today=today.isoformat(), open=ActionItemStatus.OPEN.value)
    return {
        referent: (int(actions), int(referrals))
        for referent, actions, referrals in rows(
            connection,
            # From the overdue actions (few) to their referrals: CROSS JOIN keeps that order.
            "SELECT h.referent_id, count(*), count(DISTINCT r.id) FROM plan_action pa "
            "CROSS JOIN referral r ON r.id = pa.referral_id "
            f"{_HANDLING} WHERE pa.deleted = 0 AND pa.status = :open "
            f"AND pa.due_on IS NOT NULL AND pa.due_on < :today AND {overdue.sql} GROUP BY 1",
            overdue.params,
        )
    }


def build_job_centre_dashboard(
    store: Store, flt: MonitoringFilter, *, today: date, local: Local | None = None
) -> Dashboard:
    local = local or read_local(store)
    flt = replace(flt, job_centre_id=local.job_centre_id)
    # No CPI configured for this site: an id no referral has, so every count is zero.
    scope = Scope(job_centre_id=local.job_centre_id or "")
    where = scope_where(scope, flt)
    with store.raw_read() as connection:
        counts = Counts.read(
            connection,
            where,
            today=today,
            waiting_days=flt.waiting_days,
            times_by="h.referent_id",
        )
        overdue = _overdue(connection, where, today)

    def of_status(*statuses: str) -> Value:
        return Value.count(
            counts.total(lambda key: key[STATUS] in statuses),
            scope.drill(flt, statuses=statuses),
        )

    overdue_actions = sum(actions for actions, _r in overdue.values())
    overdue_plans = sum(plans for _a, plans in overdue.values())
    summary = Section(
        key="jc.summary",
        title="Riepilogo",
        figures=(
            Figure(
                "jc.received",
                "Segnalazioni ricevute",
                Value.count(counts.total(), scope.drill(flt)),
            ),
            Figure("jc.awaiting", "Da prendere in carico", of_status(*AWAITING)),
            Figure(
                "jc.in_charge",
                "Prese in carico o in percorso",
                of_status(ReferralStatus.TAKEN_IN_CHARGE.value, ReferralStatus.IN_PATH.value),
            ),
            Figure("jc.concluded", "Concluse", of_status(ReferralStatus.CONCLUDED.value)),
            Figure(
                "jc.waiting",
                f"In attesa da più di {flt.waiting_days} giorni",
                Value.count(sum(counts.waiting.values())),
            ),
            Figure(
                "jc.overdue_actions",
                "Azioni scadute nei progetti condivisi",
                Value.count(overdue_actions),
            ),
            Figure("jc.overdue_plans", "Percorsi con azioni scadute", Value.count(overdue_plans)),
        ),
        note=RESTRICTED_NOTE,
    )
    senders = by_name(counts.by(SITE), local.sites, unknown=UNKNOWN_SITE)
    sender_categories = tuple(Category(code, name) for code, name in senders)
    sender_series = centre_series(counts, scope, flt, sender_categories) if senders else ()
    sender_totals = counts.by(SITE)
    incoming = Section(
        key="jc.incoming",
        title="Segnalazioni ricevute",
        charts=(
            Chart(
                key="jc.by_sender",
                title="Segnalazioni per ente inviante e percorso",
                kind=ChartKind.STACKED_BAR,
                unit=Unit.COUNT,
                categories=sender_categories,
                series=sender_series,
                category_title="Ente inviante",
                totals=tuple(
                    Value.count(sender_totals[code], scope.drill(flt, sent_by_site=code))
                    for code, _name in senders
                )
                if senders
                else None,
            ),
            by_track_and_status("jc.by_track_status", counts, scope, flt),
            by_month("jc.by_month", counts, scope, flt),
        ),
    )
    backlog: dict[tuple[str, str], int] = defaultdict(int)
    for (track, age), number in counts.awaiting_ages.items():
        backlog[(track, band_of(age))] += number
    tracks = track_categories(flt)
    bands = tuple(Category(key, label) for key, label, _low, _high in AGE_BANDS)
    backlog_chart = Chart(
        key="jc.backlog",
        title="Segnalazioni da prendere in carico per anzianità",
        kind=ChartKind.STACKED_BAR,
        unit=Unit.COUNT,
        categories=bands if backlog else (),
        series=tuple(
            plain_series(
                track.key, track.label, (backlog.get((track.key, band.key), 0) for band in bands)
            )
            for track in tracks
        )
        if backlog
        else (),
        category_title="Attesa",
        note="Giorni dalla ricezione (o, se non ancora ricevuta, dall'invio).",
    )
    referent_names = local.referents
    work = Section(
        key="jc.work",
        title="Arretrato e tempi di risposta per referente",
        charts=(
            backlog_chart,
            *response_time_charts(
                "jc", counts, referent_names, category_title="Referente", none_label=NO_REFERENT
            ),
        ),
    )
    outcomes = Section(
        key="jc.outcomes",
        title="Esiti",
        charts=(outcomes_by_track("jc.outcomes", counts, flt),),
    )
    named = sorted(
        (
            (key, referent_names.get(key, "") or NO_REFERENT if key else NO_REFERENT)
            for key in overdue
        ),
        key=lambda item: (item[0] is None, item[1].casefold(), item[0] or ""),
    )
    referent_categories = tuple(Category(key or "", name) for key, name in named)
    plans = Section(
        key="jc.plans",
        title="Progetti condivisi con azioni scadute",
        charts=(
            Chart(
                key="jc.overdue",
                title="Azioni scadute per referente",
                kind=ChartKind.BAR,
                unit=Unit.COUNT,
                categories=referent_categories,
                series=(
                    plain_series("actions", "Azioni scadute", (overdue[k][0] for k, _n in named)),
                    plain_series("plans", "Percorsi", (overdue[k][1] for k, _n in named)),
                )
                if named
                else (),
                category_title="Referente",
                note="Azioni aperte con scadenza passata, come nel progetto condiviso.",
            ),
        ),
    )
    notes = [RESTRICTED_NOTE]
    if local.job_centre_id is None:
        notes.append("Questa sede non è collegata a un Centro per l'Impiego: nessuna segnalazione.")
    own = (
        {local.job_centre_id: local.centres.get(local.job_centre_id, "")}
        if local.job_centre_id
        else {}
    )
    return Dashboard(
        audience=Audience.JOB_CENTRE,
        site_name=local.site_name,
        filter=flt,
        sections=(summary, incoming, work, outcomes, plans),
        generated_at=now(),
        source=SOURCE,
        ambiti=local.options(local.ambiti),
        job_centres=local.options({k: v for k, v in own.items() if k}),
        notes=tuple(notes),
    )
