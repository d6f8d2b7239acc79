"""The document builders, read back with pypdf: fields with their accents, pages, metadata,
embedded fonts and the attendance sheet's measures in the PDF itself."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from reportlab.lib.units import mm

from desktop.documents.agenda import build_agenda
from desktop.documents.attendance_sheet import (
    COLUMN_WIDTHS_MM,
    ROW_HEIGHT_MM,
    SIGNATURE_COLUMN,
    build_attendance_sheet,
)
from desktop.documents.formatting import by_whom, format_money, format_number, without_prefix
from desktop.documents.inputs import (
    AgendaItemData,
    FundingData,
    MeetingData,
    PartnerData,
    PersonData,
    PrivacyNoticeInput,
    ProjectSheetInput,
)
from desktop.documents.labels import ITALIAN
from desktop.documents.minutes import build_minutes
from desktop.documents.privacy_notice import build_privacy_notice
from desktop.documents.project_sheet import build_project_sheet
from desktop.documents.referral_form import build_referral_form, months_between
from desktop.documents.restriction import RestrictedRecordError
from desktop.domain.codes import FundingSource, MinutesStatus, PartnerRole
from desktop.resources import resource_path
from tests import documents_support as fake

FOREIGN_LETTERS = "àèéìòù Ł ß ć ş ø å ñ ç"


def _words(text: str) -> str:
    return " ".join(text.split())


def assert_shows(text: str, *values: str) -> None:
    missing = [value for value in values if _words(value) not in text]
    assert missing == []


# --- the referral form ---------------------------------------------------------------------


def test_the_neet_form_shows_every_filled_field_with_its_accents() -> None:
    text = fake.text_of(build_referral_form(fake.referral_form()))
    person, referral = fake.PERSON, fake.NEET
    assert_shows(
        text,
        person.fiscal_code, person.last_name, person.first_name, "Maschio", "17/05/2004",
        person.birthplace_name, person.citizenship, "Motivi familiari", person.permit_number,
        "31/03/2027 (in rinnovo)", "Via Niccolò Tommaseo 12, 21100 Cantù",
        "Großer Weg 4, c/o Ørsted-Çelik, 21013 Gallarate", person.phone, person.email,
        "Telefono", "Disoccupato", "01/09/2025", person.education_title, "3", "2022",
        "30/06/2022", person.last_school,
        referral.number, "18/11/2026", "inviata il 20/11/2026", "urgenza: alta",
        referral.sending_site_name, referral.referring_service, referral.referring_operator,
        referral.job_centre_name, referral.job_centre_address, referral.referent_name,
        "Giovane fuori da scuola e lavoro da oltre un anno; chiede orientamento.",
        "concluso positivamente", "dal 01/06/2025, 17 mesi al 20/11/2026",
        "dal 30/06/2022, 52 mesi al 20/11/2026",
        "Abbandono scolastico precoce no", "02/10/2026", "Aderente", "3 – Alta",
        "Percorso 2", "Orientamento; Motivazione; Lingua italiana; Abitativo",
        "Servizio sociale; Consultorio familiare", *referral.attachments,
        "consegnata all'interessato il 20/11/2026",
        "L'operatore inviante", "Per ricevuta, il referente NEET del CPI",
        "Percorso NEET – Garanzia Giovani", "pagina 1 di",
    )  # fmt: skip


def test_the_cmd_form_shows_category_percentage_and_documents_seen() -> None:
    text = fake.text_of(build_referral_form(fake.referral_form(fake.CMD)))
    assert_shows(
        text,
        "Collocamento mirato", "L. 68/1999", "Invalido civile (oltre 45%)", "67%",
        "12/02/2024", "01/04/2024", "visionato il 10/11/2026", "Diagnosi funzionale",
        "non visionata", "Relazione conclusiva", "nessuna diagnosi",
        "Collocamento mirato disabili",
    )  # fmt: skip
    assert "Garanzia Giovani" not in text


def test_foreign_letters_survive_in_every_font() -> None:
    person = replace(fake.PERSON, last_name="Łęcka-Straße", first_name="Ćmielów Şükrü Øyvind")
    referral = replace(fake.NEET, referring_operator="Åsa Muñoz François", reason=FOREIGN_LETTERS)
    text = fake.text_of(build_referral_form(fake.referral_form(referral, person)))
    assert_shows(text, "Łęcka-Straße", "Ćmielów Şükrü Øyvind", "Åsa Muñoz François")
    assert_shows(text, FOREIGN_LETTERS)


def test_a_form_prints_only_what_was_filled() -> None:
    bare = PersonData(fiscal_code="BRMGLI04E57L682X", last_name="Brambilla", first_name="Giulia")
    referral = replace(fake.NEET, attachments=(), needs=(), other_services=())
    text = fake.text_of(build_referral_form(fake.referral_form(referral, bare)))
    for label in ("Cittadinanza", "Permesso di soggiorno", "Telefono", "Titolo di studio",
                  "Allegati", "Bisogni rilevati"):  # fmt: skip
        assert label not in text


def test_a_long_reason_flows_to_more_pages_without_losing_a_word() -> None:
    bare = PersonData(fiscal_code="BRMGLI04E57L682X", last_name="Brambilla", first_name="Giulia")
    sentence = "Il ragazzo chiede aiuto per ritrovare fiducia e un lavoro vicino a casa. "
    reason = (sentence * 40)[:2000].strip()
    short = build_referral_form(fake.referral_form(replace(fake.CMD, reason="Breve."), bare))
    long = build_referral_form(fake.referral_form(replace(fake.CMD, reason=reason), bare))
    assert fake.page_count(short) == 1
    assert fake.page_count(long) > fake.page_count(short)
    assert_shows(fake.text_of(long), reason)


def test_convocations_are_written_in_good_italian() -> None:
    assert by_whom("Il Presidente – Provincia di Varese") == "dal Presidente – Provincia di Varese"
    assert by_whom("la Presidente") == "dalla Presidente"
    assert by_whom("l'Ufficio di Piano") == "dall'Ufficio di Piano"
    assert by_whom("Chiara Bianchi") == "da Chiara Bianchi"
    assert without_prefix("prot. n. 18814/2026", "prot. n.", "prot.") == "18814/2026"


def test_months_out_of_work_are_whole_months() -> None:
    assert months_between(date(2025, 6, 1), date(2026, 11, 27)) == 17
    assert months_between(date(2025, 6, 28), date(2025, 7, 27)) == 0


# --- metadata, fonts, determinism ----------------------------------------------------------


def test_metadata_carry_title_author_subject_and_creation_date() -> None:
    metadata = fake.reader(build_referral_form(fake.referral_form())).metadata
    assert metadata is not None
    assert metadata.title == "Scheda di segnalazione n. 2026/000123"
    assert metadata.author == fake.ISSUER.name
    assert "Centro per l'Impiego di Varese" in (metadata.subject or "")
    assert metadata.creation_date is not None
    assert metadata.creation_date.astimezone(fake.CREATED.tzinfo) == fake.CREATED


@pytest.mark.parametrize(
    "build",
    [
        lambda: build_referral_form(fake.referral_form()),
        lambda: build_privacy_notice(fake.privacy_notice()),
        lambda: build_minutes(fake.meeting_document()),
        lambda: build_attendance_sheet(fake.meeting_document()),
        lambda: build_agenda(fake.meeting_document()),
        lambda: build_project_sheet(fake.project_sheet()),
    ],
    ids=["referral", "privacy", "minutes", "attendance", "agenda", "project"],
)
def test_every_font_is_an_embedded_truetype_subset(build: object) -> None:
    pdf = build()  # type: ignore[operator]
    fonts = fake.fonts_of(pdf)
    assert fonts
    for font in fonts:
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert b"/FontFile2" in pdf
    assert fake.reader(pdf).metadata.author == fake.ISSUER.name  # type: ignore[union-attr]


def test_the_same_input_gives_the_same_bytes() -> None:
    assert build_minutes(fake.meeting_document()) == build_minutes(fake.meeting_document())


# --- privacy notice ------------------------------------------------------------------------


def test_the_privacy_notice_names_controller_dpo_basis_rights_and_the_garante() -> None:
    text = fake.text_of(build_privacy_notice(fake.privacy_notice()))
    assert_shows(
        text,
        fake.TEXTS.controller, fake.TEXTS.dpo, fake.TEXTS.recipients, fake.TEXTS.retention,
        "artt. 13 e 14 del Regolamento (UE) 2016/679", "art. 6, par. 1, lett. e",
        "art. 9, par. 2, lett. b", "lett. g", "2-sexies del D.Lgs. 196/2003",
        "non si basa sul consenso", "(art. 15)", "(art. 18)", "(art. 21)",
        "Garante per la protezione dei dati personali", "PRESA VISIONE", "Nicolò Łukasiewicz",
        fake.PERSON.fiscal_code, "Segnalazione n. 2026/000123", "versione 2026.1-prova",
    )  # fmt: skip


def test_a_blank_privacy_notice_leaves_the_name_to_be_written() -> None:
    text = fake.text_of(build_privacy_notice(fake.privacy_notice(blank=True)))
    assert "Łukasiewicz" not in text
    assert "La persona interessata, ____" in text


# --- minutes -------------------------------------------------------------------------------


def test_minutes_show_header_attendance_agenda_votes_actions_and_closing() -> None:
    pdf = build_minutes(fake.meeting_document())
    text = fake.text_of(pdf)
    metadata = fake.reader(pdf).metadata
    assert metadata is not None
    assert metadata.title == (
        "Verbale n. 07/2026 – Tavolo Unico Provinciale – sottogruppo NEET – seduta del 27/11/2026"
    )
    assert_shows(
        text,
        "Verbale n. 07/2026", "Seduta del 27/11/2026", "PROTOCOLLO",
        "Progetto: Ponti verso il lavoro – CUP: J31H22000120006",
        "Convocata dalla Presidente, dott.ssa Chiara Bianchi con nota prot. n. 2026/14587 "
        "del 13/11/2026", "dalle ore 09:30 alle ore 12:15", "Presiede Chiara Bianchi",
        "Segretario verbalizzante Niccolò Ricci",
        "Assenti giustificati: Brambilla Giulia (ASST Sette Laghi)",
        "Assenti: Şahin Ayşe (Centro per l'Impiego di Varese); Søndergård Åsa",
        "ORDINE DEL GIORNO", "3. Monitoraggio delle segnalazioni",
        "Decisione. Si approva il piano di attività 2027.",
        "approvata a maggioranza (favorevoli 11, contrari 1, astenuti 2)",
        "approvata all'unanimità", "AZIONI CONCORDATE", "Calendario degli incontri",
        "Ferrario Martina", "15/01/2027", "punto 3 dell'ordine del giorno",
        "PROSSIMA RIUNIONE", "20/01/2027", "Presentazione del CPI (PDF)",
        "la seduta è tolta alle ore 12:15", "Bozza di verbale in attesa di approvazione",
        "La Presidente", "Il Segretario verbalizzante", "pagina 1 di",
    )  # fmt: skip


def test_attendees_are_grouped_by_organisation() -> None:
    text = fake.text_of(build_minutes(fake.meeting_document()))
    # Alphabetical by organisation; present (and remote) people under their organisation.
    order = [text.index(name) for name in ("ASST Sette Laghi", "Centro per l'Impiego di Varese",
                                           "Comune di Varese", "Cooperativa sociale")]  # fmt: skip
    assert order == sorted(order)
    assert_shows(text, "Łukasiewicz Nicolò, Coordinatrice (in collegamento da remoto)")
    assert_shows(text, "Müller-Çelik Jürgen, Assistente sociale (su delega di Rossi Paolo)")


def test_draft_minutes_carry_the_watermark_and_approved_ones_do_not() -> None:
    draft = fake.text_of(build_minutes(fake.meeting_document()))
    approved_meeting = fake.meeting(status=MinutesStatus.APPROVED)
    approved = fake.text_of(build_minutes(fake.meeting_document(approved_meeting)))
    assert "BOZZA" in draft
    assert "BOZZA" not in approved
    assert "Verbale approvato nella seduta del 20/01/2027" in approved


def test_sixty_participants_and_long_summaries_take_more_pages() -> None:
    small = build_minutes(fake.meeting_document())
    big_meeting = fake.meeting(60, long=True)
    big = build_minutes(fake.meeting_document(big_meeting))
    assert fake.page_count(big) > fake.page_count(small) + 1
    text = fake.text_of(big)
    names = [row.full_name for row in big_meeting.participants]
    assert all(_words(name) in text for name in names)
    assert text.count("tempo mediano di presa in carico") == 12 * 2


# --- attendance sheet ----------------------------------------------------------------------


def test_the_attendance_sheet_is_a4_landscape_with_every_invitee_and_the_privacy_note() -> None:
    pdf = build_attendance_sheet(fake.meeting_document())
    page = fake.reader(pdf).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width / mm), round(height / mm)) == (297, 210)
    text = fake.text_of(pdf)
    assert_shows(
        text,
        "Foglio presenze", "N. Cognome e nome Ente Ruolo Delegato di Entrata Uscita Firma",
        "Data: 27/11/2026", "Luogo: Sala Montanari", "Ora di inizio: 09:30",
        "CUP: J31H22000120006", "art. 2-sexies, comma 2, lett. f, D.Lgs. 196/2003",
        *(row.full_name for row in fake.meeting().participants), "Rossi Paolo",
    )  # fmt: skip


def test_the_signature_column_is_at_least_45_mm_and_rows_at_least_10_mm_in_the_pdf() -> None:
    pdf = build_attendance_sheet(fake.meeting_document())
    lines = fake.ruled_lines(pdf)
    vertical = sorted({round(line.x1, 1) for line in lines if abs(line.x1 - line.x2) < 0.01
                       and abs(line.y1 - line.y2) > 20})  # fmt: skip
    columns = [right - left for left, right in itertools.pairwise(vertical)]
    assert len(columns) == len(COLUMN_WIDTHS_MM)
    assert columns[SIGNATURE_COLUMN] >= 45 * mm
    assert columns[SIGNATURE_COLUMN] == pytest.approx(
        COLUMN_WIDTHS_MM[SIGNATURE_COLUMN] * mm, abs=0.5
    )
    table_width = vertical[-1] - vertical[0]
    # The table's vertical extent: the lines that separate the signature column.
    separators = [line for line in lines if round(line.x1, 1) == vertical[SIGNATURE_COLUMN]
                  and abs(line.x1 - line.x2) < 0.01]  # fmt: skip
    bottom = min(min(line.y1, line.y2) for line in separators)
    top = max(max(line.y1, line.y2) for line in separators)
    rows = sorted({round(line.y1, 1) for line in lines if abs(line.y1 - line.y2) < 0.01
                   and abs(abs(line.x2 - line.x1) - table_width) < 1
                   and bottom - 0.5 <= line.y1 <= top + 0.5})  # fmt: skip
    heights = [upper - lower for lower, upper in itertools.pairwise(rows)]
    body = heights[:-1]  # the topmost band is the header row
    assert len(body) >= 10
    assert min(body) >= 10 * mm
    assert min(body) == pytest.approx(ROW_HEIGHT_MM * mm, abs=0.5)


def test_the_signature_header_sits_in_a_wide_last_column() -> None:
    """The text positions agree with the lines: "Firma" is centred in the last 57 mm."""
    pdf = build_attendance_sheet(fake.meeting_document())
    positions: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip() in ("Uscita", "Firma"):
            positions[text.strip()] = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]

    fake.reader(pdf).pages[0].extract_text(visitor_text=visit)
    page_width = 297 * mm
    assert page_width - 14 * mm - positions["Firma"] < COLUMN_WIDTHS_MM[SIGNATURE_COLUMN] * mm
    assert positions["Firma"] - positions["Uscita"] > 45 * mm / 2


def test_blank_rows_fill_the_last_page_and_number_on() -> None:
    pdf = build_attendance_sheet(fake.meeting_document())
    text = fake.reader(pdf).pages[-1].extract_text() or ""
    invitees = len(fake.meeting().participants)
    numbers = [int(word) for word in text.split() if word.isdigit() and int(word) < 200]
    assert max(numbers) >= invitees + 5
    explicit = build_attendance_sheet(fake.meeting_document(), blank_rows=2)
    assert str(invitees + 2) in fake.text_of(explicit)


# --- agenda and project sheet --------------------------------------------------------------


def test_the_agenda_lists_items_and_invitees() -> None:
    text = fake.text_of(build_agenda(fake.meeting_document()))
    assert_shows(
        text,
        "Convocazione e ordine del giorno", "27 novembre 2026", "alle ore 09:30",
        "Sala Montanari", "1. Approvazione verbale seduta precedente", "4. Varie ed eventuali",
        "DESTINATARI", "Şahin Ayşe", "n. 2026/14587", "del 13/11/2026",
    )  # fmt: skip


def test_the_project_sheet_shows_identity_partners_funding_totals_and_indicators() -> None:
    text = fake.text_of(build_project_sheet(fake.project_sheet()))
    project = fake.PROJECT
    total = sum(row.amount_cents for row in project.funding)
    partners = sum(row.resources_value_cents for row in project.partners)
    assert_shows(
        text,
        project.title, project.cup, project.acronym, project.internal_code, "In corso",
        "NEET e CMD", "Comune di Luino (comune capofila)", "Dott.ssa Paola Çelik",
        "Avviso n. 2/2026 del 10/02/2026", "15/05/2026 – rep. n. 1234",
        "Associazione Søndergård APS", "Capofila ETS", format_money(1_250_000),
        format_money(partners), "PNRR M5C1 GOL", format_money(35_000_050),
        format_money(total), format_money(total + partners), "Anno 2026", "Anno 2027",
        "Orientamento di gruppo", "Questionari di gradimento", "12,5",
        "calcolato dalle segnalazioni, su 29 casi", "37 segnalazioni collegate",
    )  # fmt: skip
    assert format_money(total) == "€ 585.000,50"
    assert format_number(12.5) == "12,5"


# --- labels --------------------------------------------------------------------------------


def test_printed_labels_match_the_applications_italian_translations() -> None:
    from desktop.ui import labels  # noqa: PLC0415 - the UI's English sources

    translations: dict[tuple[str, str], str] = {}
    tree = ET.parse(resource_path("translations", "trama_it.ts"))
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translations[(name, message.findtext("source") or "")] = (
                message.findtext("translation") or ""
            )
    for enum, printed in ITALIAN.items():
        for code in enum:
            source = labels._SOURCES[enum][code.value]
            assert printed[code.value] == translations[(enum.__name__, source)], code


# --- every document: refusals, metadata, pages, running headers ---------------------------


def test_the_builders_refuse_a_restricted_referral_or_person() -> None:
    cases = [
        lambda: build_referral_form(fake.referral_form(replace(fake.NEET, restricted=True))),
        lambda: build_referral_form(
            fake.referral_form(fake.CMD, replace(fake.PERSON, restricted=True))
        ),
        lambda: build_privacy_notice(replace(fake.privacy_notice(), restricted=True)),
    ]
    for build in cases:
        with pytest.raises(RestrictedRecordError, match=r"limitat[oa] \(art\. 18 GDPR\)"):
            build()


LONG_REASON = (
    "Il ragazzo chiede aiuto per ritrovare fiducia e un lavoro vicino a casa; la famiglia "
    "(originaria di Łódź e di São Paulo) lo sostiene. "
) * 30


def _long_privacy() -> PrivacyNoticeInput:
    texts = fake.TEXTS
    return replace(
        fake.privacy_notice(),
        texts=replace(
            texts,
            controller=texts.controller * 12,
            dpo=texts.dpo * 10,
            recipients=texts.recipients * 80,
            retention=texts.retention * 12,
        ),
    )


def _long_project() -> ProjectSheetInput:
    project = replace(
        fake.PROJECT,
        description=LONG_REASON,
        partners=tuple(
            PartnerData(
                f"Cooperativa sociale «Ça va» n. {index}",
                PartnerRole.PARTNER,
                "Tutor e laboratori",
                100_000 * index,
            )
            for index in range(1, 40)
        ),
        funding=tuple(
            FundingData(FundingSource.FNPS, 1_000_000 * index, 2026 + index % 3, "Quota è")
            for index in range(1, 25)
        ),
    )
    return replace(fake.project_sheet(), project=project)


def _long_agenda_meeting() -> MeetingData:
    items = tuple(
        AgendaItemData(index, f"Punto {index}: verifica dell'attività svolta dai partner e "
                       "programmazione delle attività – Łódź, Müller, Peña")
        for index in range(1, 30)
    )  # fmt: skip
    return replace(fake.meeting(60), agenda=items)


# name: (builder of the usual document, builder of a long one, the PDF title, repeated header)
DOCUMENTS: dict[str, tuple[Callable[[], bytes], Callable[[], bytes], str, str]] = {
    "referral NEET": (
        lambda: build_referral_form(fake.referral_form()),
        lambda: build_referral_form(
            fake.referral_form(replace(fake.NEET, reason=LONG_REASON), fake.PERSON)
        ),
        "Scheda di segnalazione n. 2026/000123",
        "",
    ),
    "referral CMD": (
        lambda: build_referral_form(fake.referral_form(fake.CMD)),
        lambda: build_referral_form(fake.referral_form(replace(fake.CMD, reason=LONG_REASON))),
        "Scheda di segnalazione n. 2026/000124",
        "",
    ),
    "privacy notice": (
        lambda: build_privacy_notice(fake.privacy_notice()),
        lambda: build_privacy_notice(_long_privacy()),
        "Informativa sul trattamento dei dati personali (artt. 13 e 14 GDPR)",
        "",
    ),
    "minutes": (
        lambda: build_minutes(fake.meeting_document()),
        lambda: build_minutes(fake.meeting_document(fake.meeting(60, long=True))),
        "Verbale n. 07/2026 – Tavolo Unico Provinciale – sottogruppo NEET – seduta del 27/11/2026",
        "",
    ),
    "attendance sheet": (
        lambda: build_attendance_sheet(fake.meeting_document()),
        lambda: build_attendance_sheet(fake.meeting_document(fake.meeting(60))),
        "Foglio presenze – Tavolo Unico Provinciale – sottogruppo NEET – 27/11/2026",
        "N. Cognome e nome Ente Ruolo Delegato di Entrata Uscita Firma",
    ),
    "agenda": (
        lambda: build_agenda(fake.meeting_document()),
        lambda: build_agenda(fake.meeting_document(_long_agenda_meeting())),
        "Convocazione – Tavolo Unico Provinciale – sottogruppo NEET – seduta del 27/11/2026",
        "",
    ),
    "project sheet": (
        lambda: build_project_sheet(fake.project_sheet()),
        lambda: build_project_sheet(_long_project()),
        "Scheda progetto – Ponti verso il lavoro – percorsi per giovani dell'alto Varesotto",
        "",
    ),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_carries_title_author_subject_and_creation_date(name: str) -> None:
    build, _long, title, _header = DOCUMENTS[name]
    metadata = fake.reader(build()).metadata
    assert metadata is not None
    assert metadata.title == title
    assert metadata.author == fake.ISSUER.name
    assert metadata.subject
    assert metadata.creation_date is not None
    assert metadata.creation_date.astimezone(fake.CREATED.tzinfo) == fake.CREATED


@pytest.mark.parametrize("name", DOCUMENTS)
def test_long_content_takes_more_pages_numbered_with_the_running_header(name: str) -> None:
    build, build_long, _title, header = DOCUMENTS[name]
    usual, long = build(), build_long()
    pages = fake.page_count(long)
    assert pages > fake.page_count(usual)
    reference = fake.reader(long).metadata.title  # type: ignore[union-attr]
    for number, page in enumerate(fake.reader(long).pages, start=1):
        text = " ".join((page.extract_text() or "").split())
        assert f"pagina {number} di {pages}" in text
        if number > 1:
            # Every further page names the issuer and the document, and repeats the header
            # row of a table that runs on.
            assert fake.ISSUER.name in text
            assert header in text
    assert reference


def test_a_long_table_repeats_its_header_row_on_each_page() -> None:
    minutes = build_minutes(fake.meeting_document(fake.meeting(60, long=True)))
    second = " ".join((fake.reader(minutes).pages[1].extract_text() or "").split())
    assert "Ente Nominativi (40 presenti, di cui 10 da remoto)" in second
    project = fake.reader(build_project_sheet(_long_project()))
    continued = [" ".join((page.extract_text() or "").split()) for page in project.pages[1:3]]
    assert any("Ente Ruolo Risorse apportate Valore Periodo" in text for text in continued)


def test_every_page_of_draft_minutes_carries_the_watermark() -> None:
    pdf = build_minutes(fake.meeting_document(fake.meeting(60, long=True)))
    pages = fake.reader(pdf).pages
    assert len(pages) >= 3
    assert all("BOZZA" in (page.extract_text() or "") for page in pages)


def test_the_signature_column_is_45_mm_on_every_page_of_a_long_sheet() -> None:
    pdf = build_attendance_sheet(fake.meeting_document(fake.meeting(60)))
    for page_number in range(fake.page_count(pdf)):
        lines = fake.ruled_lines(pdf, page_number)
        vertical = sorted({round(line.x1, 1) for line in lines if abs(line.x1 - line.x2) < 0.01
                           and abs(line.y1 - line.y2) > 20})  # fmt: skip
        columns = [right - left for left, right in itertools.pairwise(vertical)]
        assert columns[SIGNATURE_COLUMN] >= 45 * mm


def test_every_document_shows_its_accented_and_foreign_names() -> None:
    expected = {
        "attendance sheet": ("Łukasiewicz Nicolò", "Müller-Çelik Jürgen", "Søndergård Åsa",
                             "Peña Núñez José", "Kowalczyk Bartłomiej", "Şahin Ayşe"),
        "agenda": ("Łukasiewicz Nicolò", "Peña Núñez José", "Şahin Ayşe"),
        "project sheet": ("Dott.ssa Paola Çelik", "Associazione Søndergård APS",
                          "dell'alto Varesotto", "Identità del progetto".upper()),
        "privacy notice": ("Nicolò Łukasiewicz", "Studio Ærø & Associati", "Comune di Cantù"),
    }  # fmt: skip
    for name, values in expected.items():
        assert_shows(fake.text_of(DOCUMENTS[name][0]()), *values)
