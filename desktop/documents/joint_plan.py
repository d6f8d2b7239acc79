"""The "Progetto personalizzato condiviso": the joint activation plan of a referral, printed for
the signatures of the person (or of their legal representative), the sending body and the CPI.

Issued in the CPI's name: the CPI's NEET referent "coordina percorsi congiunti di attivazione"
(the Tavolo Unico's founding document). The person is identified once, at the top; the plan's
entries carry no health data (the service refuses texts that read like a diagnosis).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from desktop.documents.blocks import (
    data_table,
    escape,
    numbered_list,
    section,
    signature_block,
    spacer,
    title_block,
    together_if_short,
)
from desktop.documents.fields import Field, field_grid
from desktop.documents.formatting import format_date, on_date
from desktop.documents.inputs import JointPlanInput, PlanActionData
from desktop.documents.labels import agreeing, it_label
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.restriction import refuse_restricted
from desktop.documents.styles import BODY, CELL, NOTE_ITALIC
from desktop.domain.codes import ActionItemStatus, Track

TITLE = "Progetto personalizzato condiviso"
TRACK_TITLES = {
    Track.NEET: "Percorso NEET – Garanzia Giovani",
    Track.CMD: "Collocamento mirato delle persone con disabilità (L.\u00a068/1999)",
}
ACTION_STATUS = {
    ActionItemStatus.OPEN: "Da svolgere",
    ActionItemStatus.DONE: "Svolta",
    ActionItemStatus.CANCELLED: "Annullata",
}


def document_title(data: JointPlanInput) -> str:
    return f"{TITLE} – segnalazione n. {data.number}"


def _person_name(data: JointPlanInput) -> str:
    return f"{data.person_last_name} {data.person_first_name}".strip()


def _person_section(data: JointPlanInput, width: float) -> list[Flowable]:
    born = agreeing(data.person_sex, "Nato il", "Nata il", "Nato/a il")
    fields = [
        Field("Cognome e nome", _person_name(data), wide=True),
        Field("Codice fiscale", data.person_fiscal_code),
        Field(born, format_date(data.person_birth_date)),
    ]
    story = section("1. La persona")
    grid = field_grid(fields, width)
    if grid is not None:
        story.append(grid)
    rep = data.representative
    if rep is not None:
        act = rep.act
        if rep.act_on is not None:
            act = f"{act} {on_date('di', rep.act_on)}".strip()
        grid = field_grid(
            [
                Field("Rappresentante legale", rep.name),
                Field("In qualità di", it_label(rep.kind)),
                Field("Codice fiscale", rep.fiscal_code),
                Field("Provvedimento", act, wide=True),
            ],
            width,
        )
        if grid is not None:
            story += [spacer(1.5 * mm), grid]
    return together_if_short(story, rows=0)


def _parties_section(data: JointPlanInput, width: float) -> list[Flowable]:
    fields = [
        Field("Ente inviante", data.sender_name),
        Field("Operatore dell'ente inviante", data.sender_operator),
        Field("Centro per l'Impiego (coordina il percorso)", data.job_centre_name),
        Field("Referente del CPI", data.cpi_referent),
        Field("Presa in carico dal CPI", format_date(data.taken_in_charge_on)),
    ]
    story = section("2. Gli enti del progetto")
    grid = field_grid(fields, width)
    if grid is not None:
        story.append(grid)
    return together_if_short(story, rows=0)


def _empty(text: str) -> Paragraph:
    return Paragraph(escape(text), NOTE_ITALIC)


def _goals(data: JointPlanInput) -> list[Flowable]:
    story = section("3. Obiettivi condivisi")
    if not data.goals:
        return [*story, _empty("Nessun obiettivo registrato.")]
    items = []
    for index, goal in enumerate(data.goals, start=1):
        text = goal.description
        if goal.reached_on is not None:
            text += f" (raggiunto {on_date('', goal.reached_on)})"
        if goal.written_by:
            text += f" — {goal.written_by}"
        items.append((str(index), text))
    return [*story, *numbered_list(items)]


def _responsible(action: PlanActionData) -> str:
    party = it_label(action.responsible_party)
    return f"{party}: {action.responsible}" if action.responsible else party


def _actions(data: JointPlanInput, width: float) -> list[Flowable]:
    story = section("4. Azioni: chi fa che cosa, entro quando")
    if not data.actions:
        return [*story, _empty("Nessuna azione registrata.")]
    rows = []
    for action in data.actions:
        what = [Paragraph(escape(action.description), CELL)]
        if action.notes:
            what.append(Paragraph(f"<i>{escape(action.notes)}</i>", CELL))
        status = ACTION_STATUS[action.status]
        if action.status is ActionItemStatus.DONE and action.done_on is not None:
            status += f" {on_date('', action.done_on)}"
        rows.append([what, _responsible(action), format_date(action.due_on), status])
    table = data_table(
        ["Azione", "Responsabile", "Entro il", "Stato"],
        rows,
        [width * 0.44, width * 0.28, width * 0.12, width * 0.16],
    )
    return together_if_short([*story, table], rows=len(rows))


def _interviews(data: JointPlanInput, width: float) -> list[Flowable]:
    story = section("5. Colloqui congiunti")
    if not data.interviews:
        return [*story, _empty("Nessun colloquio congiunto registrato.")]
    rows = []
    for interview in data.interviews:
        who = "; ".join(interview.participants)
        presence = "presente" if interview.person_present else "non presente"
        who_cell = [
            Paragraph(escape(who), CELL),
            Paragraph(f"<i>La persona: {presence}</i>", CELL),
        ]
        rows.append(
            [
                format_date(interview.held_on),
                interview.place,
                who_cell,
                interview.summary,
            ]
        )
    table = data_table(
        ["Data", "Luogo", "Partecipanti", "Sintesi"],
        rows,
        [width * 0.12, width * 0.18, width * 0.32, width * 0.38],
    )
    return together_if_short([*story, table], rows=len(rows))


def _reviews(data: JointPlanInput, width: float) -> list[Flowable]:
    story = section("6. Verifiche periodiche")
    if not data.reviews:
        return [*story, _empty("Nessuna verifica registrata.")]
    rows = [
        [
            format_date(review.review_on),
            it_label(review.outcome),
            review.notes,
            format_date(review.next_review_on),
        ]
        for review in data.reviews
    ]
    table = data_table(
        ["Data", "Esito", "Note", "Prossima verifica"],
        rows,
        [width * 0.12, width * 0.24, width * 0.46, width * 0.18],
    )
    return together_if_short([*story, table], rows=len(rows))


def _signatures(data: JointPlanInput, width: float) -> Flowable:
    person = _person_name(data)
    if data.representative is not None:
        kind = it_label(data.representative.kind)
        first = (
            f"Il rappresentante legale ({kind.lower()}) per {person}"
            if kind
            else f"Il rappresentante legale per {person}"
        )
        signer = data.representative.name
    else:
        first = agreeing(data.person_sex, "L'interessato", "L'interessata")
        signer = person
    return signature_block(
        [
            (first, signer),
            (f"L'operatore dell'ente inviante ({data.sender_name})", data.sender_operator),
            (f"Il referente del {data.job_centre_name}", data.cpi_referent),
        ],
        width,
    )


def joint_plan_story(data: JointPlanInput, width: float) -> list[Flowable]:
    dated = f"Segnalazione n. <b>{escape(data.number)}</b> {on_date('di', data.created_on)}"
    story: list[Flowable] = [
        title_block(TITLE, [f"<b>{escape(TRACK_TITLES[data.track])}</b>", dated], width),
        *_person_section(data, width),
        *_parties_section(data, width),
        *_goals(data),
        *_actions(data, width),
        *_interviews(data, width),
        *_reviews(data, width),
        *section("Sottoscrizione"),
        Paragraph(
            "Le parti condividono gli obiettivi e le azioni del progetto e si impegnano a "
            "svolgere quanto di loro competenza entro le scadenze indicate. Il progetto non "
            "riporta diagnosi né altri dati relativi alla salute (artt. 5 e 9 del Regolamento "
            "UE 2016/679).",
            BODY,
        ),
        _signatures(data, width),
    ]
    return story


def build_joint_plan(data: JointPlanInput) -> bytes:
    refuse_restricted(referral=data.restricted)
    setup = PageSetup(
        issuer=data.issuer,
        title=document_title(data),
        reference=f"Progetto condiviso n. {data.number}",
        subject=f"{TITLE} – {TRACK_TITLES[data.track]}",
        created_at=data.created_at,
        keywords="progetto condiviso, " + data.track.value,
    )
    return render_pdf(setup, lambda width: joint_plan_story(data, width))
