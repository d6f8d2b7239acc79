"""The informativa privacy (GDPR art. 13 and 14) handed over before a referral is sent.

The legal basis is the public task (art. 6(1)(e); art. 9(2)(b) and (g) for disability data;
art. 2-sexies Codice privacy), never consent: the signature at the end acknowledges receipt
only ("presa visione"). Controller, DPO, recipients and retention are configurable texts
(``PrivacyTexts``); the rest is fixed by the law and written here.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from desktop.documents.blocks import (
    escape,
    long_text,
    section,
    signature_parts,
    spacer,
    table_style,
    title_block,
)
from desktop.documents.inputs import PrivacyNoticeInput
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.restriction import refuse_restricted
from desktop.documents.styles import ACCENT, BODY, BODY_LEFT, BODY_SMALL, NOTE
from desktop.domain.codes import Track

TITLE = "Informativa sul trattamento dei dati personali"
LEGAL_REFERENCE = "ai sensi degli artt. 13 e 14 del Regolamento (UE) 2016/679 (GDPR)"

PURPOSES = (
    "valutare la situazione della persona e segnalarla al Centro per l'Impiego competente, al "
    "referente NEET (Garanzia Giovani) o al referente per il Collocamento Mirato Disabili "
    "(L. 68/1999);",
    "progettare, attivare e seguire il percorso di orientamento, formazione o inserimento "
    "lavorativo, coordinando i servizi coinvolti;",
    "monitorare e rendicontare gli interventi della rete e dei progetti finanziati, in forma "
    "aggregata.",
)
LEGAL_BASIS = (
    "Il trattamento è necessario per l'esecuzione di compiti di interesse pubblico e connessi "
    "all'esercizio di pubblici poteri di cui è investito il Titolare (art. 6, par. 1, lett. e, "
    "del Regolamento), previsti in particolare dalla L. 328/2000 (sistema integrato di interventi "
    "e servizi sociali), dal D.Lgs. 150/2015 (servizi per il lavoro e politiche attive) e dalla "
    "L. 68/1999 (collocamento mirato). I dati relativi alla disabilità, che sono categorie "
    "particolari di dati, sono trattati perché necessari per assolvere gli obblighi in materia "
    "di diritto del lavoro e della sicurezza e protezione sociale (art. 9, par. 2, lett. b) e per "
    "motivi di interesse pubblico rilevante (art. 9, par. 2, lett. g), nei limiti dell'art. "
    "2-sexies del D.Lgs. 196/2003 (Codice in materia di protezione dei dati personali)."
)
NOT_CONSENT = (
    "<b>Il trattamento non si basa sul consenso</b>: la firma in calce attesta soltanto che "
    "l'informativa è stata ricevuta e letta."
)
DATA_AND_SOURCE = (
    "Sono trattati dati anagrafici e di contatto, codice fiscale, cittadinanza e titolo di "
    "soggiorno, condizione occupazionale, percorso di studio e formazione e, per il Collocamento "
    "Mirato, la categoria e la percentuale di invalidità riconosciute e le date dei relativi "
    "atti, mai le diagnosi. I dati sono raccolti presso l'interessato/a e, quando necessario, "
    "presso i servizi che già lo/la seguono (art. 14 del Regolamento)."
)
PROVISION = (
    "Il conferimento dei dati è necessario per la segnalazione e per l'attivazione del percorso: "
    "senza di essi la segnalazione non può essere effettuata."
)
METHODS = (
    "I dati sono trattati da personale autorizzato e istruito, con strumenti informatici e "
    "cartacei e con misure tecniche e organizzative adeguate (art. 32 del Regolamento): accessi "
    "personali, registrazione delle operazioni, copie di sicurezza cifrate. Non sono adottate "
    "decisioni basate unicamente su trattamenti automatizzati (art. 22 del Regolamento)."
)
RIGHTS = (
    "L'interessato/a può chiedere in ogni momento al Titolare l'accesso ai propri dati (art. 15), "
    "la rettifica (art. 16), la cancellazione nei casi previsti (art. 17) e la limitazione del "
    "trattamento (art. 18), e può opporsi al trattamento per motivi connessi alla propria "
    "situazione particolare (art. 21). Le richieste si presentano al Titolare o al Responsabile "
    "della protezione dei dati ai recapiti indicati sopra."
)
COMPLAINT = (
    "Chi ritiene che il trattamento dei propri dati violi il Regolamento ha diritto di proporre "
    "reclamo al Garante per la protezione dei dati personali (art. 77 del Regolamento; "
    "www.garanteprivacy.it) o ricorso all'autorità giudiziaria (art. 79)."
)
TRACK_CONTEXT = {
    Track.NEET: "percorso NEET – Garanzia Giovani",
    Track.CMD: "Collocamento mirato delle persone con disabilità (L.\u00a068/1999)",
}


HANDWRITTEN = ParagraphStyle("handwritten", parent=BODY_LEFT, leading=22)


def _acknowledgement(data: PrivacyNoticeInput, width: float) -> Flowable:
    name = escape(data.person_name) if data.person_name else "_" * 40
    code = escape(data.fiscal_code) if data.fiscal_code else "_" * 24
    statement = Paragraph(
        f"Il/La sottoscritto/a <b>{name}</b>, codice fiscale <b>{code}</b>, dichiara di aver "
        "ricevuto copia della presente informativa e di averne preso visione.",
        # Justified blanks would be stretched apart; and a pen needs room between lines.
        BODY if data.person_name else HANDWRITTEN,
    )
    signatures = signature_parts(
        [
            ("L'interessato/a", data.person_name),
            ("L'operatore che consegna l'informativa", ""),
        ],
        width - 12 * mm,
    )
    minors = Paragraph(
        "Per i minori di 18 anni firma chi esercita la responsabilità genitoriale.", NOTE
    )
    box = Table(
        [[[Paragraph("<b>PRESA VISIONE</b>", BODY), statement, *signatures, minors]]],
        colWidths=[width],
        style=table_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6 * mm / 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6 * mm / 2),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )
    return KeepTogether([spacer(4 * mm), box])


def privacy_story(data: PrivacyNoticeInput, width: float) -> list[Flowable]:
    texts = data.texts
    context = "Segnalazione ai servizi per il lavoro"
    if data.track is not None:
        context += f" – {TRACK_CONTEXT[data.track]}"
    lines = [f"<b>{LEGAL_REFERENCE}</b>", escape(context)]
    if data.referral_number:
        lines.append(f"Segnalazione n. <b>{escape(data.referral_number)}</b>")
    intro = (
        "Gentile Signora, gentile Signore, con questa informativa Le spieghiamo come vengono "
        "trattati i Suoi dati personali quando il servizio che La segue La segnala al Centro per "
        "l'Impiego per un percorso di inclusione lavorativa."
    )
    story: list[Flowable] = [
        title_block(TITLE, lines, width),
        Paragraph(intro, BODY),
        *section("1. Titolare del trattamento"),
        *long_text(texts.controller),
        *section("2. Responsabile della protezione dei dati (RPD/DPO)"),
        *long_text(texts.dpo),
        *section("3. Finalità e base giuridica del trattamento"),
        Paragraph("I dati sono trattati per:", BODY),
        *[
            Paragraph(escape(text), BODY, bulletText=f"{letter})")
            for letter, text in zip("abc", PURPOSES, strict=True)
        ],
        Paragraph(LEGAL_BASIS, BODY),
        Paragraph(NOT_CONSENT, BODY),
        *section("4. Dati trattati e loro origine"),
        Paragraph(DATA_AND_SOURCE, BODY),
        Paragraph(PROVISION, BODY),
        *section("5. Destinatari dei dati"),
        *long_text(texts.recipients),
        *section("6. Modalità del trattamento"),
        Paragraph(METHODS, BODY),
        *section("7. Periodo di conservazione"),
        *long_text(texts.retention),
        *section("8. Diritti dell'interessato/a"),
        Paragraph(RIGHTS, BODY),
        *section("9. Reclamo al Garante"),
        Paragraph(COMPLAINT, BODY),
        _acknowledgement(data, width),
        spacer(2 * mm),
        Paragraph(f"Informativa, versione {escape(texts.version)}.", BODY_SMALL),
    ]
    return story


def build_privacy_notice(data: PrivacyNoticeInput) -> bytes:
    refuse_restricted(person=data.restricted)
    reference = "Informativa privacy"
    if data.referral_number:
        reference += f" · segnalazione n. {data.referral_number}"
    setup = PageSetup(
        issuer=data.issuer,
        title=f"{TITLE} (artt. 13 e 14 GDPR)",
        reference=reference,
        subject="Informativa privacy per la segnalazione ai servizi per il lavoro",
        created_at=data.created_at,
        keywords="informativa, privacy, GDPR",
    )
    return render_pdf(setup, lambda width: privacy_story(data, width))
