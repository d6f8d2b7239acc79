"""The scheda di segnalazione (DOMAIN.md §4): what the sending office hands to the CPI.

Sender and addressed CPI at the top, the referral's number and date, a protocol box; then
every person and track field that was filled, the reason, the needs, the privacy notice line
and signature lines for the sending operator and the receiving referent.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from desktop.documents.blocks import (
    escape,
    long_text,
    numbered_list,
    section,
    signature_block,
    spacer,
    table_style,
    title_block,
    together_if_short,
)
from desktop.documents.fields import Field, field_grid
from desktop.documents.formatting import format_date, on_date, yes_no
from desktop.documents.inputs import PersonData, ReferralData, ReferralFormInput
from desktop.documents.labels import agreeing, it_label
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.representative import MINOR_NOTICE, signer_name, signer_role
from desktop.documents.restriction import refuse_restricted
from desktop.documents.styles import ACCENT, BODY, LABEL, NOTE_ITALIC, RULE, SUBSECTION, VALUE
from desktop.domain.codes import (
    CompatibleTask,
    Need,
    OtherService,
    PlacementSupport,
    Sex,
    Track,
    Urgency,
)
from desktop.domain.eligibility import is_minor
from desktop.domain.health import HEALTH_RELATED_NEEDS, HEALTH_RELATED_SERVICES, health_related

# The headings inside a section (the two CMD acts, the representative): tight, so that a
# referral with few fields still fits one page, and never alone at the foot of a page.
INNER_HEADING = ParagraphStyle(
    "inner-heading", parent=SUBSECTION, fontSize=9.5, leading=12, spaceBefore=3, spaceAfter=2,
    keepWithNext=1,
)  # fmt: skip

TRACK_TITLES = {
    Track.NEET: "Percorso NEET – Garanzia Giovani",
    Track.CMD: "Collocamento mirato delle persone con disabilità (L.\u00a068/1999)",
}
REFERENT_TITLES = {
    Track.NEET: "il referente NEET del CPI",
    Track.CMD: "il referente per il Collocamento mirato disabili del CPI",
}


def document_title(referral: ReferralData) -> str:
    return f"Scheda di segnalazione n. {referral.number}"


def months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return max(0, months - (1 if end.day < start.day else 0))


def referral_day(referral: ReferralData) -> date:
    """The day the referral speaks for: when it was sent, or written if not sent yet.

    Periods ("14 mesi senza lavoro") are counted to this day, not to the day of printing: a
    form printed again a year later still says what the CPI was told."""
    return referral.sent_on or referral.created_on


def _since(day: date | None, until: date) -> str:
    if day is None:
        return ""
    months = months_between(day, until)
    unit = "mese" if months == 1 else "mesi"
    return f"{on_date('da', day)}, {months} {unit} {on_date('a', until)}"


def _address(address: str, postcode: str, municipality: str) -> str:
    place = " ".join(part for part in (postcode, municipality) if part)
    return ", ".join(part for part in (address, place) if part)


def _code_labels(values: tuple[str, ...], enum: type[StrEnum]) -> list[str]:
    known = {member.value: member for member in enum}
    return [it_label(known[value]) if value in known else value for value in values]


def _parties(data: ReferralFormInput, width: float) -> Flowable:
    referral = data.referral
    sender = [
        Paragraph("ENTE INVIANTE", LABEL),
        Paragraph(f"<b>{escape(referral.sending_site_name)}</b>", VALUE),
    ]
    if referral.referring_service:
        sender.append(Paragraph(f"Servizio: {escape(referral.referring_service)}", VALUE))
    if referral.referring_operator:
        sender.append(Paragraph(f"Operatore: {escape(referral.referring_operator)}", VALUE))
    addressee = [
        Paragraph("DESTINATARIO", LABEL),
        Paragraph(f"<b>{escape(referral.job_centre_name)}</b>", VALUE),
    ]
    if referral.job_centre_address:
        addressee.append(Paragraph(escape(referral.job_centre_address), VALUE))
    referent = f"Alla cortese attenzione del{REFERENT_TITLES[referral.track][2:]}"
    if referral.referent_name:
        referent += f": {escape(referral.referent_name)}"
    addressee.append(Paragraph(referent, VALUE))
    return Table(
        [[sender, addressee]],
        colWidths=[width / 2, width / 2],
        style=table_style(
            [
                ("BOX", (0, 0), (0, 0), 0.6, RULE),
                ("BOX", (1, 0), (1, 0), 0.6, ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        ),
        hAlign="LEFT",
    )


def _representative_fields(person: PersonData) -> list[Field]:
    kind = person.representative_kind
    if kind is None:
        return []
    act = person.representative_act
    if act and person.representative_act_on is not None:
        act += f" {on_date('di', person.representative_act_on)}"
    return [
        Field("In qualità di", it_label(kind)),
        Field("Nome e cognome", person.representative_name),
        Field("Codice fiscale", person.representative_tax_code),
        Field("Telefono", person.representative_phone),
        Field("E-mail", person.representative_email),
        Field("Atto di nomina", act, wide=True),
    ]


def _person_sections(person: PersonData, width: float, on: date) -> list[Flowable]:
    permit = it_label(person.permit_type)
    expiry = format_date(person.permit_expiry)
    if expiry and person.permit_renewing:
        expiry += " (in rinnovo)"
    residence = _address(
        person.residence_address, person.residence_postcode, person.residence_municipality
    )
    domicile = _address(
        person.domicile_address, person.domicile_postcode, person.domicile_municipality
    )
    personal = [
        Field("Cognome", person.last_name),
        Field("Nome", person.first_name),
        Field("Codice fiscale", person.fiscal_code),
        Field("Sesso", it_label(person.sex)),
        Field("Data di nascita", format_date(person.birth_date)),
        Field("Luogo di nascita", person.birthplace_name),
        Field("Cittadinanza", person.citizenship),
        Field("Permesso di soggiorno", permit),
        Field("Numero del permesso", person.permit_number),
        Field("Scadenza del permesso", expiry),
    ]
    if person.permit_renewing and not expiry:
        personal.append(Field("Permesso di soggiorno in rinnovo", "sì"))
    contacts = [
        Field("Residenza", residence, wide=True),
        Field("Domicilio (se diverso dalla residenza)", domicile, wide=True),
        Field("Telefono", person.phone),
        Field("E-mail", person.email),
        Field("Canale di contatto preferito", it_label(person.preferred_channel)),
    ]
    isced = "" if person.isced_level is None else str(person.isced_level)
    year = "" if person.education_year is None else str(person.education_year)
    work = [
        Field(
            "Condizione occupazionale dichiarata", it_label(person.employment_status, person.sex)
        ),
        Field("Data della DID", format_date(person.did_date)),
        Field("Titolo di studio", person.education_title, wide=True),
        Field("Livello ISCED", isced),
        Field("Anno di conseguimento", year),
        Field("Uscita dal percorso scolastico", format_date(person.school_left_date)),
        Field("Ultima scuola frequentata", person.last_school, wide=True),
    ]
    story: list[Flowable] = []
    for title, fields in (
        ("1. Dati anagrafici", personal),
        ("2. Residenza e recapiti", contacts),
        ("3. Condizione occupazionale e istruzione", work),
    ):
        grid = field_grid(fields, width)
        if grid is not None:
            part = [*section(title), grid]
            if title.startswith("1.") and is_minor(person.birth_date, on):
                part.append(Paragraph(f"<b>{escape(MINOR_NOTICE)}</b>", BODY))
            story += together_if_short(part, rows=0)
        if title.startswith("1."):
            representative = field_grid(_representative_fields(person), width)
            if representative is not None:
                story += together_if_short(
                    [Paragraph("Rappresentante legale", INNER_HEADING), representative],
                    rows=0,
                )
    return story


def _neet_fields(referral: ReferralData) -> list[Field]:
    gol = "" if referral.gol_path is None else f"Percorso {referral.gol_path}"
    until = referral_day(referral)
    return [
        Field("Senza lavoro", _since(referral.out_of_work_since, until)),
        Field("Fuori da istruzione e formazione", _since(referral.out_of_education_since, until)),
        Field("Abbandono scolastico precoce", yes_no(referral.early_school_leaver)),
        Field("Adesione a Garanzia Giovani", format_date(referral.guarantee_adhesion_on)),
        Field("Stato dell'adesione", it_label(referral.guarantee_status)),
        Field("Classe di profilazione", it_label(referral.profiling_class)),
        Field("Programma GOL", gol),
    ]


def _seen(seen: bool, on: date | None, *, feminine: bool) -> str:
    """ "visionato il …" agreeing with the document's noun (il verbale, la diagnosi)."""
    word = "visionata" if feminine else "visionato"
    if not seen:
        return f"non {word}"
    return f"{word} {on_date('', on)}" if on else word


def _invalidity_fields(referral: ReferralData, sex: Sex | None) -> list[Field]:
    """The civil-invalidity verbale (or the war or service invalidity): one act."""
    percentage = referral.disability_percentage
    return [
        Field("Categoria (art. 1 L. 68/1999)", it_label(referral.disability_category, sex)),
        Field("Percentuale riconosciuta", "" if percentage is None else f"{percentage}%"),
        Field("Verbale di invalidità civile del", format_date(referral.assessment_on)),
        Field("Revisione prevista il", format_date(referral.invalidity_revision_on)),
    ]


def _assessment_fields(referral: ReferralData) -> list[Field]:
    """The L. 68/1999 assessment for targeted placement, its papers, and the iscrizione."""
    return [
        Field("Iscrizione negli elenchi L. 68/1999", format_date(referral.l68_registration_on)),
        Field(
            "Verbale di accertamento L. 68/1999",
            _seen(referral.doc_assessment_seen, referral.doc_assessment_on, feminine=False),
        ),
        Field(
            "Diagnosi funzionale",
            _seen(
                referral.doc_functional_diagnosis_seen,
                referral.doc_functional_diagnosis_on,
                feminine=True,
            ),
        ),
        Field(
            "Relazione conclusiva",
            _seen(referral.doc_final_report_seen, referral.doc_final_report_on, feminine=True),
        ),
    ]


def _placement_fields(referral: ReferralData) -> list[Field]:
    """Placement indications as Italian labels; the note was screened for diagnoses."""
    tasks = _code_labels(referral.compatible_tasks, CompatibleTask)
    supports = _code_labels(referral.placement_supports, PlacementSupport)
    return [
        Field("Mansioni compatibili", "; ".join(tasks), wide=True),
        Field("Supporti necessari", "; ".join(supports), wide=True),
        Field("Note sul collocamento", referral.placement_notes, wide=True),
    ]


def _cmd_parts(referral: ReferralData, sex: Sex | None, width: float) -> list[Flowable]:
    """The two acts apart, side by side under their own headings, then the placement
    indications: as compact as the single block they replace, so a short form stays a page."""
    gap = 4 * mm
    half = (width - gap) / 2
    acts = []
    for heading, fields in (
        ("Invalidità civile", _invalidity_fields(referral, sex)),
        ("Accertamento L.\u00a068/1999 (collocamento mirato)", _assessment_fields(referral)),
    ):
        grid = field_grid(fields, half, columns=2)
        acts.append([Paragraph(escape(heading), INNER_HEADING), grid] if grid is not None else [])
    parts: list[Flowable] = []
    if any(acts):
        parts.append(
            Table(
                [[acts[0], "", acts[1]]],
                colWidths=[half, gap, half],
                style=table_style(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ]
                ),
                hAlign="LEFT",
            )
        )
    placement = field_grid(_placement_fields(referral), width)
    if placement is not None:
        parts += [Paragraph("Indicazioni per il collocamento", INNER_HEADING), placement]
    return parts


def _privacy_line(referral: ReferralData, sex: Sex | None) -> Paragraph:
    day = referral.privacy_notice_on
    # "il 20/11/2026", "l'11/05/2026", or a blank for the date written by hand.
    handed = "il <b>____/____/________</b>"
    if day is not None:
        article = on_date("", day).removesuffix(format_date(day))
        handed = f"{article}<b>{format_date(day)}</b>"
    person = agreeing(sex, "all'interessato", "all'interessata")
    return Paragraph(
        "L'informativa sul trattamento dei dati personali (artt. 13 e 14 del Regolamento "
        f"UE 2016/679) è stata consegnata {person} {handed}.",
        BODY,
    )


def referral_story(data: ReferralFormInput, width: float) -> list[Flowable]:
    referral, person = data.referral, data.person
    number = escape(referral.number)
    dated = f"Segnalazione n. <b>{number}</b> {on_date('di', referral.created_on)}"
    if referral.sent_on is not None:
        # The date stays with its verb: "inviata" alone at the end of a line reads badly.
        dated += f" · inviata\u00a0{on_date('', referral.sent_on)}"
    if referral.urgency is not Urgency.NORMAL:
        dated += f" · urgenza: <b>{escape(it_label(referral.urgency).lower())}</b>"
    story: list[Flowable] = [
        title_block(
            "Scheda di segnalazione",
            [f"<b>{escape(TRACK_TITLES[referral.track])}</b>", dated],
            width,
            protocol="",
        ),
        _parties(data, width),
        spacer(2 * mm),
        *_person_sections(person, width, referral_day(referral)),
    ]
    if referral.track is Track.NEET:
        track_part = section("4. Percorso NEET – Garanzia Giovani")
        grid = field_grid(_neet_fields(referral), width)
        if grid is not None:
            track_part.append(grid)
    else:
        track_part = section("4. Collocamento mirato – L.\u00a068/1999")
        track_part += _cmd_parts(referral, person.sex, width)
        track_part.append(spacer(1.5 * mm))
        track_part.append(
            Paragraph(
                "La scheda riporta solo categoria, percentuale, date e indicazioni codificate: "
                "nessuna diagnosi né altro dato sanitario (artt. 5 e 9 del Regolamento UE "
                "2016/679).",
                NOTE_ITALIC,
            )
        )
    # A grid of a few rows is kept whole: one field alone at the top of a page reads badly.
    story += together_if_short(track_part, rows=0)
    story += section("5. Motivo della segnalazione")
    story += long_text(referral.reason) or [Paragraph("—", BODY)]
    needs = _code_labels(referral.needs, Need)
    services = _code_labels(referral.other_services, OtherService)
    if needs or services:
        story += section("6. Bisogni rilevati e servizi coinvolti")
        # Printed: the CPI needs them; marked as what they are (GDPR art. 9).
        if health_related(referral.needs, HEALTH_RELATED_NEEDS) or health_related(
            referral.other_services, HEALTH_RELATED_SERVICES
        ):
            story.append(
                Paragraph(
                    "Alcune voci riguardano la salute (categorie particolari di dati, art. 9 del "
                    "Regolamento UE 2016/679): sono comunicate al CPI solo perché necessarie al "
                    "percorso e non vanno trascritte altrove.",
                    NOTE_ITALIC,
                )
            )
        grid = field_grid(
            [
                Field("Bisogni rilevati", "; ".join(needs), wide=True),
                Field("Altri servizi già coinvolti", "; ".join(services), wide=True),
            ],
            width,
        )
        if grid is not None:
            story.append(grid)
    if referral.attachments:
        story += section("Allegati")
        story += numbered_list(
            [(str(index), name) for index, name in enumerate(referral.attachments, start=1)]
        )
    story += section("Informativa privacy")
    story.append(_privacy_line(referral, person.sex))
    signers = [
        ("L'operatore inviante", referral.referring_operator),
        (f"Per ricevuta, {REFERENT_TITLES[referral.track]}", referral.referent_name),
    ]
    if person.representative_kind is not None and person.representative_name:
        # Who received the notice and acts for the person signs with them.
        signers.insert(
            0,
            (
                signer_role(person.representative_kind),
                signer_name(person.representative_name, f"{person.first_name} {person.last_name}"),
            ),
        )
    story.append(signature_block(signers, width))
    return story


def build_referral_form(data: ReferralFormInput) -> bytes:
    refuse_restricted(referral=data.referral.restricted, person=data.person.restricted)
    referral = data.referral
    setup = PageSetup(
        issuer=data.issuer,
        title=document_title(referral),
        reference=document_title(referral),
        subject=f"Segnalazione al {referral.job_centre_name} – {TRACK_TITLES[referral.track]}",
        created_at=data.created_at,
        keywords="segnalazione, " + referral.track.value,
    )
    return render_pdf(setup, lambda width: referral_story(data, width))
