"""Projects and meetings on a full data folder: what an operator waits for in those screens.

- ``minutes_privacy_check``: the check run after each save of minutes' text, which looks every
  run of 2-4 words up among the names of all persons with a referral. Minutes of 12 agenda
  items with about 900 characters each and 30 actions (long for a real table).
- ``project_indicators``: the indicators computed when a project with 1,000 linked referrals
  is opened or a referral is linked.
- ``open_actions``: the Azioni aperte list over every meeting.

Baseline: the median primary-key lookup of a referral through the same store, the floor of
any read. Setup (the project, its links, the meeting) is untimed, on a copy of the seeded data.
"""

from __future__ import annotations

import random
from datetime import date

from tests.bench.runner import (
    BenchContext,
    Figure,
    Target,
    benchmark,
    copy_data_folder,
    median_ms,
)

LINKED_REFERRALS = 1_000
AGENDA_ITEMS = 12
ACTIONS = 30
REPEATS = 5
MAX_SAVE_CHECK_MS = 250.0
MAX_INDICATORS_MS = 250.0
MAX_OPEN_ACTIONS_MS = 100.0

_SENTENCES = (
    "Il tavolo esamina l'andamento delle attività previste dalla convenzione.",
    "La cooperativa riferisce sui laboratori di competenze trasversali avviati a ottobre.",
    "Il referente del CPI illustra le segnalazioni prese in carico nel trimestre.",
    "Si discute del calendario degli incontri con le aziende del territorio.",
    "L'Ufficio di Piano ricorda le scadenze della rendicontazione del fondo.",
    "Viene condivisa la necessità di rafforzare l'orientamento specialistico.",
    "Per la segnalazione n. 2026/000123 si concorda un tirocinio di inclusione.",
    "I partner segnalano difficoltà nei trasporti verso le sedi dei tirocini.",
    "Si propone di coinvolgere la Consulta del volontariato nelle prossime attività.",
    "Il Presidente invita i presenti a inviare osservazioni entro la fine del mese.",
)


def _text(rng: random.Random, length: int) -> str:
    parts: list[str] = []
    while sum(len(part) + 1 for part in parts) < length:
        parts.append(rng.choice(_SENTENCES))
    return " ".join(parts)


def _prepare(store: object, rng: random.Random) -> tuple[str, str, str]:
    """A project with linked referrals and a long meeting; returns their ids and one referral's."""
    from sqlalchemy import select  # noqa: PLC0415

    from desktop.domain.codes import MeetingType, ProjectTarget, VoteKind  # noqa: PLC0415
    from desktop.services.audit import stamp_change  # noqa: PLC0415
    from desktop.services.installation import current_actor  # noqa: PLC0415
    from desktop.services.meetings import (  # noqa: PLC0415
        ActionItemInput,
        AgendaItemInput,
        MeetingInput,
        add_action_item,
        create_meeting,
        update_agenda_item,
    )
    from desktop.services.projects import ProjectInput, create_project  # noqa: PLC0415
    from desktop.store.engine import Store  # noqa: PLC0415
    from desktop.store.models import ProjectBeneficiary, Referral  # noqa: PLC0415

    assert isinstance(store, Store)
    actor = current_actor(store)
    project = create_project(
        store,
        actor=actor,
        data=ProjectInput(title="Progetto di prova del banco", target=ProjectTarget.BOTH),
    )
    with store.write() as session:
        referral_ids = list(
            session.scalars(
                select(Referral.id).where(Referral.restricted.is_(False)).limit(LINKED_REFERRALS)
            )
        )
        for referral_id in referral_ids:
            link = ProjectBeneficiary(project_id=project.id, referral_id=referral_id)
            stamp_change(link, actor=actor, new=True)
            session.add(link)
    titles = [f"Punto {index} del tavolo" for index in range(1, AGENDA_ITEMS + 1)]
    meeting = create_meeting(
        store,
        actor=actor,
        data=MeetingInput(
            meeting_type=MeetingType.CO_DESIGN_TABLE,
            title="Tavolo di co-progettazione di prova",
            held_on=date(2026, 11, 20),
        ),
        agenda=titles,
    )
    for item in meeting.agenda:
        update_agenda_item(
            store,
            actor=actor,
            agenda_item_id=item.id,
            data=AgendaItemInput(
                title=item.title,
                summary=_text(rng, 700),
                decision=_text(rng, 200),
                vote=VoteKind.UNANIMOUS,
            ),
        )
    for _ in range(ACTIONS):
        add_action_item(
            store,
            actor=actor,
            meeting_id=meeting.id,
            data=ActionItemInput(description=_text(rng, 120), due_on=date(2026, 12, 15)),
        )
    return project.id, meeting.id, referral_ids[0]


@benchmark("codesign")
def codesign_screens(context: BenchContext) -> list[Figure]:
    from sqlalchemy import select  # noqa: PLC0415

    from desktop.services.meetings import (  # noqa: PLC0415
        list_open_actions,
        privacy_warnings_for_minutes,
    )
    from desktop.services.projects import computed_indicators  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.store.models import Referral  # noqa: PLC0415

    folder = copy_data_folder(context.seeded_data_dir(), context.scratch("codesign"))
    store = open_store(folder, create=False)
    repeats = max(REPEATS, context.runs)
    today = date.today()
    try:
        project_id, meeting_id, referral_id = _prepare(store, random.Random(context.seed))

        def lookup() -> None:
            with store.read() as session:
                session.execute(select(Referral.number).where(Referral.id == referral_id)).one()

        def check() -> list[str]:
            return privacy_warnings_for_minutes(store, meeting_id)

        warnings = check()
        baseline = median_ms(lookup, repeats * 4)
        check_ms = median_ms(check, repeats)
        indicators_ms = median_ms(lambda: computed_indicators(store, project_id, today), repeats)
        actions_ms = median_ms(lambda: list_open_actions(store, today=today), repeats)
    finally:
        store.dispose()
    note = f"median of {repeats} runs; baseline: median primary-key lookup of a referral"
    return [
        Figure(
            "minutes_privacy_check",
            check_ms,
            "ms",
            baseline=baseline,
            target=Target("value", "<", MAX_SAVE_CHECK_MS),
            note=(
                f"{AGENDA_ITEMS} agenda items of ~900 characters and {ACTIONS} actions; "
                f"{len(warnings)} warnings found (expected 0); {note}"
            ),
        ),
        Figure(
            "project_indicators",
            indicators_ms,
            "ms",
            baseline=baseline,
            target=Target("value", "<", MAX_INDICATORS_MS),
            note=f"{LINKED_REFERRALS:,} linked referrals; {note}",
        ),
        Figure(
            "open_actions",
            actions_ms,
            "ms",
            baseline=baseline,
            target=Target("value", "<", MAX_OPEN_ACTIONS_MS),
            note=f"every meeting's open actions ({ACTIONS} added to the demo's); {note}",
        ),
    ]
