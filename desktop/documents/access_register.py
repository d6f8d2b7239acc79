"""The registro degli accessi of one person (A4): who looked at or changed the person's data.

For the privacy officer and the person (GDPR art. 15, DOMAIN.md §5), so it names the person.
One line per audit row about the person or one of the person's referrals, oldest first: when
(local time), who (the OS account), from which PC, what (in Italian words, ``audit_labels``)
and on which record. It never prints the data themselves, only that they were accessed.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from desktop.documents.audit_labels import audit_when, entity_label, issued_what
from desktop.documents.blocks import data_table, escape, signature_block, spacer, title_block
from desktop.documents.formatting import format_integer, on_date
from desktop.documents.inputs import AccessRegisterInput, AuditLineData
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.styles import BODY, BODY_SMALL, MUTED_HEX

TITLE = "Registro degli accessi ai dati personali"
HEADER = ("Data e ora", "Operatore", "Postazione", "Operazione", "Scheda")
WIDTHS_MM = (27.0, 27.0, 21.0, 53.0)  # the record takes the rest
INTRO = (
    "Il registro elenca le operazioni che Trama ha registrato sui dati della persona e sulle "
    "sue segnalazioni: quando (ora locale), chi (l'utente del sistema operativo con cui "
    "l'operatore accede al computer), da quale postazione, che cosa è stato fatto e su quale "
    "scheda. Non riporta il contenuto dei dati. Le registrazioni sono concatenate in modo che "
    "la modifica o la cancellazione di una di esse sia rilevabile."
)


def record_text(line: AuditLineData, person_id: str) -> str:
    """Which of the person's records: "Segnalazione 2026/000123", "Scheda della persona"."""
    if line.referral_number:
        return f"Segnalazione {line.referral_number}"
    if line.entity_id == person_id:
        return "Scheda della persona"
    return entity_label(line.entity) or "Scheda"


def period_text(data: AccessRegisterInput) -> str:
    if data.since:
        until = data.until or data.created_at.date()
        return f"{on_date('da', data.since)} {on_date('a', until)}"
    if data.until:
        return f"fino {on_date('a', data.until)}"
    return "dall'inizio delle registrazioni"


def access_register_story(data: AccessRegisterInput, width: float) -> list[Flowable]:
    muted = f'<font color="{MUTED_HEX}">'
    identity = f"<b>{escape(data.person_name)}</b>"
    if data.fiscal_code:
        identity += f" {muted}· codice fiscale</font> {escape(data.fiscal_code)}"
    lines = [
        identity,
        f"{muted}Sede</font> {escape(data.issuer.name)} {muted}· periodo</font> "
        + escape(period_text(data)),
    ]
    count = len(data.lines)
    story: list[Flowable] = [
        title_block(TITLE, lines, width),
        Paragraph(escape(INTRO), BODY_SMALL),
        spacer(2 * mm),
    ]
    if data.lines:
        widths = [value * mm for value in WIDTHS_MM]
        widths.append(width - sum(widths))
        rows = [
            [
                audit_when(line.at),
                line.operator,
                line.workstation,
                issued_what(line.action, line.entity),
                record_text(line, data.person_id),
            ]
            for line in data.lines
        ]
        story.append(data_table(HEADER, rows, widths))
        noun = "operazione registrata" if count == 1 else "operazioni registrate"
        summary = f"{format_integer(count)} {noun}."
    else:
        summary = "Nessuna operazione registrata nel periodo."
    story.append(spacer(2 * mm))
    story.append(Paragraph(escape(summary), BODY))
    story.append(
        signature_block([("Il referente privacy", data.issued_by)], width / 2, align="RIGHT")
    )
    return story


def build_access_register(data: AccessRegisterInput) -> bytes:
    setup = PageSetup(
        issuer=data.issuer,
        title=f"{TITLE} – {data.person_name}",
        reference="Registro degli accessi",
        subject="Operazioni registrate sui dati di una persona (art. 15 GDPR)",
        created_at=data.created_at,
        keywords="registro degli accessi, art. 15 GDPR",
    )
    return render_pdf(setup, lambda width: access_register_story(data, width))
