"""The informativa privacy (GDPR art. 13 and 14) handed over before a referral is sent.

Issued by the controller of the processing (the referral's sending body; for an Ambito, which
has no legal personality, its ente capofila) and built from its site profile, per track: a NEET
notice, a CMD notice, or one naming both when no referral is printed (a blank notice, a
person's). Every element of art. 13(1)-(2) is printed: the controller with its contacts and the
DPO's (section 1-2, from the profile), purposes and legal bases (public task, art. 6(1)(e);
art. 9(2)(b) and (g) for health or disability data; artt. 2-ter and 2-sexies of the Codice
privacy, never consent: the signature acknowledges receipt only, "presa visione"), the data and
their source (art. 14), whether providing them is required, the recipients as they are, the
retention periods (from the retention rules this PC holds), the rights and the complaint to the
Garante. The configurable parts (resources/documents/privacy_notice.json) reach the builder as
``PrivacyTexts``, composed by ``compose_privacy_texts``; the rest is fixed by the law.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table

from desktop.documents.blocks import (
    escape,
    section,
    signature_parts,
    spacer,
    table_style,
    title_block,
)
from desktop.documents.inputs import Issuer, PrivacyNoticeInput, PrivacyTexts
from desktop.documents.labels import it_label
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.representative import signer_name, signer_role
from desktop.documents.restriction import refuse_restricted
from desktop.documents.styles import ACCENT, BODY, NOTE, SECTION
from desktop.domain.codes import Outcome, RetentionRecordKind, SiteKind, Track
from sync.protocol.retention import RetentionDefault, most_specific

TITLE = "Informativa sul trattamento dei dati personali"
LEGAL_REFERENCE = "ai sensi degli artt. 13 e 14 del Regolamento (UE) 2016/679 (GDPR)"
BULLET = "– "  # a line of a composed text that starts so is printed as a list item

_REFERENTS: dict[Track | None, str] = {
    Track.NEET: "al suo referente per i giovani NEET (Garanzia Giovani)",
    Track.CMD: "al suo referente per il Collocamento mirato delle persone con disabilità "
    "(L.\u00a068/1999)",
    None: "ai suoi referenti per i giovani NEET (Garanzia Giovani) o per il Collocamento mirato "
    "delle persone con disabilità (L.\u00a068/1999)",
}
_COMMON_PURPOSES = (
    "progettare, attivare e seguire il percorso di orientamento, formazione o inserimento "
    "lavorativo, coordinando i servizi coinvolti;",
    "monitorare e rendicontare gli interventi della rete e dei progetti finanziati, in forma "
    "aggregata.",
)


def purposes(track: Track | None) -> tuple[str, str, str]:
    first = (
        "valutare la situazione della persona e segnalarla al Centro per l'Impiego competente e "
        f"{_REFERENTS[track]};"
    )
    return (first, *_COMMON_PURPOSES)


PURPOSES = purposes(None)  # both tracks: the personal-data extract prints these

_CMD_LAWS = (
    "dalla L. 328/2000 (sistema integrato di interventi e servizi sociali), dal "
    "D.Lgs. 150/2015 (servizi per il lavoro e politiche attive) e dalla L. 68/1999 "
    "(collocamento mirato delle persone con disabilità)"
)
_LAWS: dict[Track | None, str] = {
    Track.NEET: "dalla L. 328/2000 (sistema integrato di interventi e servizi sociali) e dal "
    "D.Lgs. 150/2015 (servizi per il lavoro e politiche attive, tra cui la Garanzia Giovani)",
    Track.CMD: _CMD_LAWS,
    None: _CMD_LAWS,
}
_SPECIAL: dict[Track | None, str] = {
    Track.NEET: "Le informazioni relative alla salute che la scheda può contenere (il bisogno "
    "«Salute», il coinvolgimento di servizi come il SerD o il CPS e la NPIA) sono categorie "
    "particolari di dati (art. 9 del Regolamento)",
    Track.CMD: "I dati relativi alla disabilità (categoria e percentuale di invalidità "
    "riconosciute, date degli atti di accertamento) sono categorie particolari di dati (art. 9 "
    "del Regolamento)",
    None: "I dati relativi alla disabilità, per il Collocamento mirato, e le informazioni "
    "relative alla salute che la scheda può contenere (il bisogno «Salute», il coinvolgimento di "
    "servizi come il SerD o il CPS e la NPIA) sono categorie particolari di dati (art. 9 del "
    "Regolamento)",
}


def legal_basis(track: Track | None) -> str:
    return (
        "Il trattamento è necessario per l'esecuzione di compiti di interesse pubblico e connessi "
        "all'esercizio di pubblici poteri di cui è investito il titolare (art. 6, par. 1, lett. e, "
        f"del Regolamento), previsti in particolare {_LAWS[track]}. {_SPECIAL[track]}: il loro "
        "trattamento è necessario per assolvere gli obblighi in materia di diritto del lavoro e "
        "della sicurezza e protezione sociale (art. 9, par. 2, lett. b) e per motivi di interesse "
        "pubblico rilevante (art. 9, par. 2, lett. g), nei limiti dell'art. 2-sexies del D.Lgs. "
        "196/2003 (Codice in materia di protezione dei dati personali). La comunicazione dei dati "
        "al Centro per l'Impiego e agli altri enti pubblici della rete è prevista dall'art. 2-ter "
        "del Codice, perché necessaria allo svolgimento dei rispettivi compiti di interesse "
        "pubblico."
    )


NOT_CONSENT = (
    "<b>Il trattamento non si basa sul consenso</b>: la firma in calce attesta soltanto che "
    "l'informativa è stata ricevuta e letta."
)
_DATA_COMMON = (
    "Sono trattati dati anagrafici e di contatto, codice fiscale, cittadinanza e titolo di "
    "soggiorno, condizione occupazionale, percorso di studio e formazione, i dati del "
    "rappresentante legale quando c'è (genitore, tutore, amministratore di sostegno o "
    "curatore: nome, codice fiscale, recapiti, atto di nomina), i bisogni rilevati e i servizi "
    "che già seguono la persona"
)
_DATA: dict[Track | None, str] = {
    Track.NEET: f"{_DATA_COMMON}, la posizione nel programma Garanzia Giovani e, quando "
    "pertinenti, informazioni relative alla salute, che sono categorie particolari di dati "
    "(art. 9 del Regolamento): il bisogno «Salute»; il coinvolgimento dei servizi per le "
    "dipendenze, SerD, o per la salute mentale, CPS e NPIA. La scheda non riporta diagnosi; "
    "queste informazioni non compaiono negli elenchi esportati senza colonne sensibili.",
    Track.CMD: f"{_DATA_COMMON} e, per il Collocamento mirato, la categoria e la percentuale di "
    "invalidità riconosciute, le date dei verbali di accertamento e dell'iscrizione "
    "nell'elenco del collocamento mirato, quali documenti sono stati visionati e le indicazioni "
    "per l'inserimento lavorativo (mansioni compatibili e supporti), mai le diagnosi.",
    None: f"{_DATA_COMMON}, comprese, quando pertinenti, informazioni relative alla salute (il "
    "bisogno «Salute»; il coinvolgimento del SerD, del CPS o della NPIA) e, per il Collocamento "
    "mirato, la categoria e la percentuale di invalidità riconosciute e le date dei relativi "
    "atti, mai le diagnosi.",
}
_SOURCE = (
    " I dati sono raccolti presso la persona interessata e, quando necessario, presso i servizi "
    "che già la seguono (art. 14 del Regolamento)."
)


def data_and_source(track: Track | None) -> str:
    return _DATA[track] + _SOURCE


DATA_AND_SOURCE = data_and_source(None)  # both tracks: the personal-data extract prints it
PROVISION = (
    "Il conferimento dei dati è necessario per la segnalazione e per l'attivazione del percorso: "
    "senza di essi la segnalazione non può essere effettuata."
)
METHODS = (
    "I dati sono trattati da personale autorizzato e istruito, con strumenti informatici e "
    "cartacei e con misure tecniche e organizzative adeguate (art. 32 del Regolamento): accessi "
    "personali, registrazione delle operazioni, archivi e copie di sicurezza cifrati. Non sono "
    "adottate decisioni basate unicamente su trattamenti automatizzati (art. 22 del "
    "Regolamento)."
)
RIGHTS = (
    "La persona interessata può chiedere in ogni momento al titolare l'accesso ai propri dati "
    "(art. 15), la rettifica (art. 16), la cancellazione nei casi previsti (art. 17) e la "
    "limitazione del trattamento (art. 18), e può opporsi al trattamento per motivi connessi "
    "alla propria situazione particolare (art. 21); la portabilità (art. 20) non si applica ai "
    "trattamenti svolti per compiti di interesse pubblico. Le richieste si presentano, senza "
    "formalità, al titolare o al Responsabile della protezione dei dati ai recapiti indicati ai "
    "punti 1 e 2; la risposta è data entro un mese (art. 12)."
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


# --- the texts composed from the profile, the configurable texts and the retention rules ---


def controller_text(issuer: Issuer) -> str:
    """Section 1: the legal entity that answers for the data, with its contacts."""
    first = issuer.controller
    if issuer.controller_tax_code:
        first += f", codice fiscale {issuer.controller_tax_code}"
    lines = [first]
    if issuer.controller_name and issuer.controller_name != issuer.name:
        label = "Ente capofila di" if issuer.kind is SiteKind.AMBITO else "Per l'ufficio"
        lines.append(f"{label}: {issuer.name}")
    if issuer.address:
        lines.append(f"Sede: {issuer.address}")
    contacts = [
        f"PEC {issuer.pec}" if issuer.pec else "",
        f"e-mail {issuer.email}" if issuer.email else "",
        f"tel. {issuer.phone}" if issuer.phone else "",
        f"sito {issuer.website}" if issuer.website else "",
    ]
    if any(contacts):
        lines.append("Recapiti: " + " · ".join(part for part in contacts if part))
    text = "\n".join(lines)
    if issuer.kind is SiteKind.AMBITO:
        text += (
            "\n\nL'Ambito territoriale non ha personalità giuridica: titolare del trattamento è "
            "l'ente capofila indicato nell'accordo di programma del Piano di Zona."
        )
    return text


def dpo_text(issuer: Issuer) -> str:
    """Section 2: the DPO the controller designated, with the contacts of the profile."""
    contacts = [
        f"e-mail {issuer.dpo_email}" if issuer.dpo_email else "",
        f"PEC {issuer.dpo_pec}" if issuer.dpo_pec else "",
        f"tel. {issuer.dpo_phone}" if issuer.dpo_phone else "",
    ]
    lines = [issuer.dpo_name] if issuer.dpo_name else []
    if any(contacts):
        lines.append("Recapiti: " + " · ".join(part for part in contacts if part))
    return (
        "Il titolare ha designato un Responsabile della protezione dei dati (RPD, art. 37 del "
        "Regolamento), a cui ci si può rivolgere per ogni questione sul trattamento dei dati e "
        "sull'esercizio dei diritti.\n\n" + "\n".join(lines)
    ).strip()


def recipients_text(templates: Mapping[str, str], track: Track | None) -> str:
    """Section 5: who receives the data, each as it really is (configurable texts)."""
    centres = templates[f"recipients.job_centres.{track.value if track else 'all'}"]
    items = [
        centres,
        templates["recipients.provincial_server"],
        templates["recipients.labour_systems"],
        templates["recipients.third_sector"],
    ]
    listed = "\n".join(BULLET + item for item in items if item.strip())
    transfers = templates["recipients.transfers"]
    return f"I dati sono comunicati ai seguenti destinatari:\n{listed}\n\n{transfers}".strip()


_NUMBERS = {1: "un", 2: "due", 3: "tre", 4: "quattro", 5: "cinque", 6: "sei", 7: "sette",
            8: "otto", 9: "nove", 10: "dieci"}  # fmt: skip


def period(months: int) -> str:
    """A period in words: "cinque anni", "18 mesi", "un anno"."""
    if months % 12 == 0:
        years = months // 12
        word = _NUMBERS.get(years, str(years))
        return f"{word} anno" if years == 1 else f"{word} anni"
    return "un mese" if months == 1 else f"{_NUMBERS.get(months, str(months))} mesi"


# A referral's closing (a status that ends it, or a CPI outcome): what the reader calls it and
# where its period starts. The three side exits share a sentence when their periods agree.
_CLOSINGS: dict[str, tuple[str, str]] = {
    "concluded": ("percorso concluso", "dalla data dell'esito"),
    "hired": ("percorso concluso con un'assunzione", "dalla data dell'assunzione"),
    "withdrawn": ("annullata", "dalla chiusura"),
    "not_relevant": ("giudicata non pertinente", "dalla chiusura"),
    "returned": ("restituita e non ripresentata", "dalla chiusura"),
    "draft": ("segnalazione preparata e mai inviata", "dall'ultima modifica"),
    "": ("segnalazione chiusa", "dalla chiusura"),
}
_SIDE_EXITS = ("withdrawn", "not_relevant", "returned")
_QUALIFIERS = {Track.NEET: " nel percorso NEET", Track.CMD: " nel Collocamento mirato"}


def _closing(code: str) -> tuple[str, str] | None:
    if code in _CLOSINGS:
        return _CLOSINGS[code]
    try:
        outcome = Outcome(code)
    except ValueError:
        return None  # a closing this version cannot name: better unsaid than a code on paper
    return f"percorso concluso con l'esito «{it_label(outcome)}»", "dalla data dell'esito"


@dataclass(frozen=True)
class _Period:
    closing: str
    months: int
    qualifier: str  # " nel Collocamento mirato" when it holds for one track only


def _periods(rules: Sequence[RetentionDefault], track: Track | None) -> list[_Period]:
    """The period of each closing the rules name, for the track (None: both, a period that
    differs between them said once per track)."""
    referral = [rule for rule in rules if rule.record_kind == RetentionRecordKind.REFERRAL]
    closings = list(dict.fromkeys(rule.closing for rule in referral))
    tracks = [track] if track is not None else [Track.NEET, Track.CMD]
    found: list[_Period] = []
    for closing in sorted(closings, key=_order):
        months: dict[Track, int] = {}
        for each in tracks:
            rule = most_specific(referral, track=each, closing=closing)
            if rule is not None and rule.closing == closing:
                months[each] = rule.months
        if not months:
            continue
        if len(tracks) == 1 or (len(months) == 2 and len(set(months.values())) == 1):
            found.append(_Period(closing, next(iter(months.values())), ""))
        else:
            found += [_Period(closing, value, _QUALIFIERS[each]) for each, value in months.items()]
    return found


def _order(code: str) -> int:
    known = list(_CLOSINGS)
    return known.index(code) if code in known else known.index("hired") + 1


def _after(months: int, start: str) -> str:
    """The period and its start ("cinque anni dalla chiusura"); no months: at once."""
    if months <= 0:
        return "resi anonimi subito"
    return f"{period(months)} {start}"


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " o " + words[-1]


def _period_lines(periods: Iterable[_Period]) -> list[str]:
    lines: list[str] = []
    exits: dict[tuple[int, str], list[str]] = {}
    for entry in periods:
        if entry.closing in _SIDE_EXITS:
            exits.setdefault((entry.months, entry.qualifier), []).append(entry.closing)
            continue
        named = _closing(entry.closing)
        if named is None:
            continue
        label, start = named
        lines.append(f"{label}{entry.qualifier}: {_after(entry.months, start)};")
    side = [
        f"segnalazione {_join([_CLOSINGS[code][0] for code in codes])}{qualifier}: "
        f"{_after(months, 'dalla chiusura')};"
        for (months, qualifier), codes in exits.items()
    ]
    # Side exits after the paths that ran, before the drafts never sent.
    drafts = [line for line in lines if line.startswith(_CLOSINGS["draft"][0])]
    others = [line for line in lines if line not in drafts]
    return others + side + drafts


def retention_text(
    rules: Sequence[RetentionDefault], templates: Mapping[str, str], track: Track | None
) -> str:
    """Section 7: the periods of the rules this PC holds, in words, and what happens after."""
    lines = _period_lines(_periods(rules, track))
    person = most_specific(
        [rule for rule in rules if rule.record_kind == RetentionRecordKind.PERSON],
        track=track,
        closing="",
    )
    if person is not None:
        lines.append(
            "dati della persona che non ha più segnalazioni da conservare: "
            + _after(person.months, "dall'ultima anonimizzazione o modifica")
            + ";"
        )
    if lines:
        lines[-1] = lines[-1].rstrip(";") + "."
    listed = "\n".join(BULLET + line for line in lines)
    return (
        "I dati sono conservati finché la segnalazione e il percorso sono aperti e, dopo la "
        f"chiusura, per i periodi seguenti:\n{listed}\n\n{templates['retention.note']}"
    ).strip()


def compose_privacy_texts(
    issuer: Issuer,
    templates: Mapping[str, str],
    rules: Sequence[RetentionDefault],
    *,
    track: Track | None,
) -> PrivacyTexts:
    """The notice's texts for a track (None: both) from the issuer's profile, the configurable
    texts (``{ente}``: the body's name, ``{titolare}``: its controller) and the retention
    rules."""
    filled = {
        key: text.replace("{ente}", issuer.name).replace("{titolare}", issuer.controller)
        for key, text in templates.items()
    }
    return PrivacyTexts(
        version=filled["version"],
        controller=controller_text(issuer),
        dpo=dpo_text(issuer),
        recipients=recipients_text(filled, track),
        retention=retention_text(rules, filled, track),
    )


# --- the document --------------------------------------------------------------------------


# A notice handed over on one sheet, printed on both sides: a size smaller than the forms.
TEXT = ParagraphStyle("notice", parent=BODY, fontSize=9, leading=11.6, spaceAfter=3)
TEXT_LEFT = ParagraphStyle("notice-left", parent=TEXT, alignment=TA_LEFT)
HEADING = ParagraphStyle("notice-section", parent=SECTION, spaceBefore=7)
LIST_ITEM = ParagraphStyle(
    "list-item", parent=TEXT, leftIndent=5 * mm, bulletIndent=1.2 * mm, bulletFontSize=9
)


def _section(title: str) -> list[Flowable]:
    """A section heading as every document's, a little closer to the text above it."""
    rule = section(title)[-1]  # the same rule under it
    return [CondPageBreak(24 * mm), Paragraph(escape(title.upper()), HEADING), rule]


def composed(text: str, *, lead_bold: bool = False) -> list[Flowable]:
    """A composed text as paragraphs: blocks split on blank lines, lines kept, lines starting
    with ``BULLET`` as list items; ``lead_bold`` sets the first line in bold (a name)."""
    flowables: list[Flowable] = []
    for index, block in enumerate(text.replace("\r\n", "\n").split("\n\n")):
        plain: list[str] = []
        for line in block.split("\n"):
            if line.startswith(BULLET):
                if plain:
                    flowables.append(Paragraph("<br/>".join(plain), TEXT_LEFT))
                    plain = []
                flowables.append(Paragraph(escape(line[len(BULLET) :]), LIST_ITEM, bulletText="–"))
            elif line.strip():
                markup = escape(line)
                if lead_bold and index == 0 and not plain and not flowables:
                    markup = f"<b>{markup}</b>"
                plain.append(markup)
        if plain:
            flowables.append(Paragraph("<br/>".join(plain), TEXT_LEFT if len(plain) > 1 else TEXT))
    return flowables


HANDWRITTEN = ParagraphStyle("handwritten", parent=TEXT_LEFT, leading=20)


def _acknowledgement(data: PrivacyNoticeInput, width: float) -> Flowable:
    name = escape(data.person_name) if data.person_name else "_" * 40
    code = escape(data.fiscal_code) if data.fiscal_code else "_" * 24
    statement = Paragraph(
        # The heading runs into the statement: a line saved keeps the box on the notice's
        # second page with an ordinary letterhead (one sheet, printed on both sides).
        f"<b>PRESA VISIONE.</b> La persona interessata, <b>{name}</b>, codice fiscale "
        f"<b>{code}</b>, dichiara di aver "
        "ricevuto copia della presente informativa e di averne preso visione.",
        # Justified blanks would be stretched apart; and a pen needs room between lines.
        TEXT if data.person_name else HANDWRITTEN,
    )
    place = Paragraph("Luogo e data ______________________________", HANDWRITTEN)
    signers = [
        ("La persona interessata", data.person_name),
        ("L'operatore che consegna l'informativa", ""),
    ]
    if data.representative_kind is not None and data.representative_name:
        # Whoever exercises parental responsibility, or the court's appointee, signs for
        # the person: named, so that the copy kept says who received the notice.
        signers[0] = (
            signer_role(data.representative_kind),
            signer_name(data.representative_name, data.person_name),
        )
    signatures = signature_parts(signers, width - 12 * mm, place_and_date=False)
    # The version closes the box: a line of its own under it would take a third page.
    who_signs = (
        "Per i minori di 18 anni firma chi esercita la responsabilità genitoriale."
        if data.representative_kind is None
        else "Firma il rappresentante legale indicato, per la persona interessata."
    )
    minors = Paragraph(
        f"{who_signs} Informativa, versione {escape(data.texts.version)}.",
        NOTE,
    )
    box = Table(
        [[[statement, place, *signatures, minors]]],
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
    return KeepTogether([spacer(3 * mm), box])


def privacy_story(data: PrivacyNoticeInput, width: float) -> list[Flowable]:
    texts = data.texts
    context = "Segnalazione ai servizi per il lavoro"
    if data.track is not None:
        context += f" – {TRACK_CONTEXT[data.track]}"
    lines = [f"<b>{LEGAL_REFERENCE}</b>", escape(context)]
    if data.referral_number:
        lines.append(f"Segnalazione n. <b>{escape(data.referral_number)}</b>")
    intro = (
        "Questa informativa spiega come sono trattati i dati personali della persona che il "
        "servizio segnala al Centro per l'Impiego per un percorso di inclusione lavorativa, chi "
        "li tratta e a chi rivolgersi per esercitare i propri diritti."
    )
    story: list[Flowable] = [
        title_block(TITLE, lines, width),
        Paragraph(intro, TEXT),
        *_section("1. Titolare del trattamento"),
        *composed(texts.controller, lead_bold=True),
        *_section("2. Responsabile della protezione dei dati (RPD)"),
        *composed(texts.dpo),
        *_section("3. Finalità e base giuridica del trattamento"),
        Paragraph("I dati sono trattati per:", TEXT),
        *[
            Paragraph(escape(text), LIST_ITEM, bulletText=f"{letter})")
            for letter, text in zip("abc", purposes(data.track), strict=True)
        ],
        Paragraph(legal_basis(data.track), TEXT),
        Paragraph(NOT_CONSENT, TEXT),
        *_section("4. Dati trattati, loro origine e obbligo di conferimento"),
        Paragraph(data_and_source(data.track), TEXT),
        Paragraph(PROVISION, TEXT),
        *_section("5. Destinatari dei dati"),
        *composed(texts.recipients),
        *_section("6. Modalità del trattamento"),
        Paragraph(METHODS, TEXT),
        *_section("7. Periodo di conservazione"),
        *composed(texts.retention),
        *_section("8. Diritti della persona interessata e reclamo al Garante"),
        Paragraph(RIGHTS, TEXT),
        Paragraph(COMPLAINT, TEXT),
        _acknowledgement(data, width),
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
