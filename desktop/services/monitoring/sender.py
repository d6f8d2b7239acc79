"""The Monitoraggio page of a sending site (an Ambito's office or a Third Sector body): the
referrals it sent, how the CPIs answered, and its co-design projects."""

from __future__ import annotations

from datetime import date

from desktop.domain.codes import ReferralStatus
from desktop.domain.monitoring import (
    Audience,
    Dashboard,
    Figure,
    MonitoringFilter,
    Section,
    Value,
)
from desktop.services.monitoring.counting import RESTRICTED_NOTE, SENT_STATUSES, Scope, scope_where
from desktop.services.monitoring.local import SOURCE, Local, now, read_local
from desktop.services.monitoring.projects import projects_section
from desktop.services.monitoring.sections import (
    STATUS,
    Counts,
    by_month,
    by_month_and_centre,
    by_track_and_status,
    outcomes_by_track,
    response_time_charts,
    waiting_by_centre,
)
from desktop.store.engine import Store


def build_sender_dashboard(
    store: Store, flt: MonitoringFilter, *, today: date, local: Local | None = None
) -> Dashboard:
    local = local or read_local(store)
    scope = Scope(sending_site=local.site_code)
    where = scope_where(scope, flt)
    with store.raw_read() as connection:
        counts = Counts.read(
            connection,
            where,
            today=today,
            waiting_days=flt.waiting_days,
            times_by="r.job_centre_id",
        )

    def of_status(*statuses: str) -> Value:
        return Value.count(
            counts.total(lambda key: key[STATUS] in statuses),
            scope.drill(flt, statuses=statuses),
        )

    waiting_total = sum(counts.waiting.values())
    summary = Section(
        key="sender.summary",
        title="Riepilogo",
        figures=(
            Figure(
                "sender.total",
                "Segnalazioni del periodo",
                Value.count(counts.total(), scope.drill(flt)),
            ),
            Figure(
                "sender.sent",
                "Inviate",
                of_status(*SENT_STATUSES),
                note="Escluse bozze e annullate.",
            ),
            Figure("sender.drafts", "Bozze", of_status(ReferralStatus.DRAFT.value)),
            Figure(
                "sender.waiting",
                f"In attesa da più di {flt.waiting_days} giorni",
                Value.count(waiting_total),
                note="Inviate o ricevute e non ancora prese in carico.",
            ),
            Figure("sender.concluded", "Concluse", of_status(ReferralStatus.CONCLUDED.value)),
        ),
        note=RESTRICTED_NOTE,
    )
    referrals = Section(
        key="sender.referrals",
        title="Segnalazioni inviate",
        charts=(
            by_track_and_status("sender.by_track_status", counts, scope, flt),
            by_month("sender.by_month", counts, scope, flt),
            by_month_and_centre("sender.by_month_centre", counts, scope, flt, local.centres),
        ),
    )
    times = Section(
        key="sender.times",
        title="Tempi di risposta dei CPI",
        charts=response_time_charts(
            "sender", counts, local.centres, category_title="CPI", none_label="CPI non indicato"
        ),
    )
    outcomes = Section(
        key="sender.outcomes",
        title="Esiti",
        charts=(outcomes_by_track("sender.outcomes", counts, flt),),
    )
    waiting = Section(
        key="sender.waiting",
        title="Segnalazioni in attesa",
        charts=(waiting_by_centre("sender.waiting", counts, flt, local.centres),),
    )
    projects = projects_section(
        store, flt, site_code=local.site_code, ambito_id=local.ambito_id, today=today
    )
    return Dashboard(
        audience=Audience.SENDER,
        site_name=local.site_name,
        filter=flt,
        sections=(summary, referrals, times, outcomes, waiting, projects),
        generated_at=now(),
        source=SOURCE,
        ambiti=local.options(local.ambiti),
        job_centres=local.options(local.centres),
        notes=(RESTRICTED_NOTE,),
    )
