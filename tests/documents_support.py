"""Fake inputs for the document builders, with accented and foreign letters throughout, and
helpers that read a PDF back (text, pages, metadata, fonts, ruled lines)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time

from pypdf import PdfReader

from desktop.documents.inputs import (
    ActionData,
    ActivityData,
    AgendaItemData,
    FundingData,
    IndicatorData,
    Issuer,
    MeetingData,
    MeetingDocumentInput,
    ParticipantData,
    PartnerData,
    PersonData,
    PrivacyNoticeInput,
    PrivacyTexts,
    ProjectData,
    ProjectSheetInput,
    ReferralData,
    ReferralFormInput,
)
from desktop.domain.codes import (
    ActivityStatus,
    Attendance,
    ContactChannel,
    DisabilityCategory,
    EmploymentStatus,
    FundingSource,
    GuaranteeStatus,
    MeetingMode,
    MeetingType,
    MinutesStatus,
    PartnerRole,
    PermitType,
    ProceedingBodyKind,
    ProfilingClass,
    ProjectStatus,
    ProjectTarget,
    Sex,
    SiteKind,
    Track,
    Urgency,
    VoteKind,
)

ISSUER = Issuer(
    name="Ambito territoriale di Cantù-sul-Lago (prova)",
    kind=SiteKind.AMBITO,
    address="Via Giosuè Carducci 3, 21100 Varese",
    controller_name="Comune di Cantù-sul-Lago (ente capofila)",
    phone="0332 000000",
    pec="ufficio.piano@pec.example.it",
    email="ufficio.piano@example.it",
    dpo_name="Studio Rossi Privacy S.r.l.",
    dpo_email="rpd@example.it",
)
CREATED = datetime(2026, 11, 27, 9, 41, 7, tzinfo=UTC)

PERSON = PersonData(
    fiscal_code="LKSNCL04E17Z127K",
    last_name="Łukasiewicz",
    first_name="Nicolò",
    sex=Sex.MALE,
    birth_date=date(2004, 5, 17),
    birthplace_name="Kraków (Polonia)",
    citizenship="polacca",
    permit_type=PermitType.FAMILY,
    permit_number="ZA1234567",
    permit_expiry=date(2027, 3, 31),
    permit_renewing=True,
    residence_municipality="Cantù",
    residence_address="Via Niccolò Tommaseo 12",
    residence_postcode="21100",
    domicile_municipality="Gallarate",
    domicile_address="Großer Weg 4, c/o Ørsted-Çelik",
    domicile_postcode="21013",
    phone="+39 333 1234567",
    email="nicolo.lukasiewicz@example.org",
    preferred_channel=ContactChannel.PHONE,
    employment_status=EmploymentStatus.UNEMPLOYED,
    did_date=date(2025, 9, 1),
    education_title="Qualifica di operatore della ristorazione – indirizzo pâtisserie",
    isced_level=3,
    education_year=2022,
    last_school="CFP «Città di Varese» – sede di Gazzada Schianno",
    school_left_date=date(2022, 6, 30),
)

NEET = ReferralData(
    number="2026/000123",
    track=Track.NEET,
    created_on=date(2026, 11, 18),
    sent_on=date(2026, 11, 20),
    urgency=Urgency.HIGH,
    sending_site_name="Ambito territoriale di Cantù-sul-Lago (prova)",
    referring_service="Servizio sociale di base – Comune di Malnate",
    referring_operator="Anna Müller-Peña",
    job_centre_name="Centro per l'Impiego di Varese",
    job_centre_address="Viale Belforte 165, Varese",
    referent_name="Martina Şahin",
    reason="Giovane fuori da scuola e lavoro da oltre un anno; chiede orientamento.\n\n"
    "Ha già svolto un tirocinio estivo in una cucina di Cantù, concluso positivamente.",
    privacy_notice_on=date(2026, 11, 20),
    attachments=("Curriculum vitae (2 pagine)", "Attestato di qualifica – São Paulo"),
    needs=("orientation", "motivation", "italian_language", "housing"),
    other_services=("social_service", "family_counselling"),
    out_of_work_since=date(2025, 6, 1),
    out_of_education_since=date(2022, 6, 30),
    early_school_leaver=False,
    guarantee_adhesion_on=date(2026, 10, 2),
    guarantee_status=GuaranteeStatus.ADHERED,
    profiling_class=ProfilingClass.MEDIUM_HIGH,
    gol_path=2,
)

CMD = replace(
    NEET,
    number="2026/000124",
    track=Track.CMD,
    urgency=Urgency.NORMAL,
    needs=(),
    other_services=(),
    out_of_work_since=None,
    out_of_education_since=None,
    early_school_leaver=None,
    guarantee_adhesion_on=None,
    guarantee_status=None,
    profiling_class=None,
    gol_path=None,
    disability_category=DisabilityCategory.CIVIL_INVALID,
    disability_percentage=67,
    assessment_on=date(2024, 2, 12),
    l68_registration_on=date(2024, 4, 1),
    doc_assessment_seen=True,
    doc_assessment_on=date(2026, 11, 10),
    doc_final_report_seen=True,
)


def referral_form(referral: ReferralData = NEET, person: PersonData = PERSON) -> ReferralFormInput:
    return ReferralFormInput(issuer=ISSUER, referral=referral, person=person, created_at=CREATED)


TEXTS = PrivacyTexts(
    version="2026.1-prova",
    controller="Comune di Cantù-sul-Lago, capofila dell'Ambito, in persona del Sindaco.",
    dpo="RPD: Studio Ærø & Associati, rpd@example.it, PEC rpd@pec.example.it.",
    recipients="Centro per l'Impiego competente; enti del Terzo settore partner.",
    retention="Dieci anni dalla conclusione del percorso.",
)


def privacy_notice(*, blank: bool = False) -> PrivacyNoticeInput:
    if blank:
        return PrivacyNoticeInput(issuer=ISSUER, texts=TEXTS, created_at=CREATED)
    return PrivacyNoticeInput(
        issuer=ISSUER,
        texts=TEXTS,
        created_at=CREATED,
        person_name="Nicolò Łukasiewicz",
        fiscal_code=PERSON.fiscal_code,
        referral_number=NEET.number,
        track=Track.NEET,
    )


ORGANIZATIONS = (
    "Comune di Varese – Servizi sociali",
    "Centro per l'Impiego di Varese",
    "Cooperativa sociale «Il Girasole»",
    "Provincia di Varese – Settore Lavoro",
    "ASST Sette Laghi",
)
NAMES = (
    "Bianchi Chiara", "Ferrario Martina", "Łukasiewicz Nicolò", "Müller-Çelik Jürgen",
    "Brambilla Giulia", "Søndergård Åsa", "Peña Núñez José", "Kowalczyk Bartłomiej",
    "Colombo Andrea", "Ricci Niccolò", "De Luca Francesca", "Şahin Ayşe",
)  # fmt: skip
ATTENDANCES = (
    Attendance.PRESENT, Attendance.PRESENT, Attendance.REMOTE, Attendance.PRESENT,
    Attendance.JUSTIFIED_ABSENCE, Attendance.ABSENT,
)  # fmt: skip


def participants(count: int) -> tuple[ParticipantData, ...]:
    return tuple(
        ParticipantData(
            full_name=NAMES[index % len(NAMES)] + ("" if index < len(NAMES) else f" {index}"),
            organization_name=ORGANIZATIONS[index % len(ORGANIZATIONS)],
            role=("Assistente sociale", "Referente NEET", "Coordinatrice")[index % 3],
            attendance=ATTENDANCES[index % len(ATTENDANCES)],
            proxy_for="Rossi Paolo" if index == 3 else "",
        )
        for index in range(count)
    )


SUMMARY = (
    "La referente del Centro per l'Impiego illustra l'andamento delle segnalazioni del "
    "trimestre: 42 per il percorso NEET e 17 per il Collocamento mirato, con un tempo mediano "
    "di presa in carico di 12 giorni. Si apre la discussione sulla mobilità nell'alto Varesotto."
)


def meeting(
    count: int = 12, *, long: bool = False, status: MinutesStatus = MinutesStatus.DRAFT
) -> MeetingData:
    summary = " ".join([SUMMARY] * (12 if long else 1))
    return MeetingData(
        number="07/2026",
        meeting_type=MeetingType.PROVINCIAL_TABLE,
        title="Tavolo Unico Provinciale – sottogruppo NEET",
        held_on=date(2026, 11, 27),
        convened_by="la Presidente, dott.ssa Chiara Bianchi",
        convocation_protocol="2026/14587",
        convocation_on=date(2026, 11, 13),
        mode=MeetingMode.MIXED,
        place="Sala Montanari, Via dei Bersaglieri 1, Varese",
        start_time=time(9, 30),
        end_time=time(12, 15),
        chair_name="Chiara Bianchi",
        secretary_name="Niccolò Ricci",
        minutes_status=status,
        approved_in_meeting_on=date(2027, 1, 20) if status is MinutesStatus.APPROVED else None,
        project_title="Ponti verso il lavoro",
        project_cup="J31H22000120006",
        next_meeting_on=date(2027, 1, 20),
        next_meeting_place="Sala Montanari, Varese",
        next_meeting_topics="Piano di attività 2027; monitoraggio dei tirocini.",
        attachments=("Presentazione del CPI (PDF)", "Foglio presenze firmato"),
        participants=participants(count),
        agenda=(
            AgendaItemData(
                1, "Approvazione verbale seduta precedente", "Approvato.", vote=VoteKind.UNANIMOUS
            ),
            AgendaItemData(2, "Comunicazioni"),
            AgendaItemData(
                3,
                "Monitoraggio delle segnalazioni",
                summary,
                decision="Si approva il piano di attività 2027.",
                vote=VoteKind.MAJORITY,
                votes_for=11,
                votes_against=1,
                votes_abstained=2,
            ),
            AgendaItemData(4, "Varie ed eventuali", summary if long else ""),
        ),
        actions=(
            ActionData(
                "Calendario degli incontri di orientamento",
                "Ferrario Martina",
                "Centro per l'Impiego di Varese",
                date(2027, 1, 15),
                3,
            ),
            ActionData(
                "Raccogliere i dati sui tirocini di inclusione",
                "Søndergård Åsa",
                "Cooperativa sociale «Il Girasole»",
            ),
        ),
    )


def meeting_document(data: MeetingData | None = None) -> MeetingDocumentInput:
    return MeetingDocumentInput(issuer=ISSUER, meeting=data or meeting(), created_at=CREATED)


PROJECT = ProjectData(
    title="Ponti verso il lavoro – percorsi per giovani dell'alto Varesotto",
    status=ProjectStatus.RUNNING,
    target=ProjectTarget.BOTH,
    acronym="PONTI",
    internal_code="COP-2026-03",
    cup="J31H22000120006",
    ambito_name="Ambito di Luino (demo)",
    proceeding_body_kind=ProceedingBodyKind.LEAD_MUNICIPALITY,
    proceeding_body_name="Comune di Luino",
    rup_name="Dott.ssa Paola Çelik",
    notice_number="Avviso n. 2/2026",
    notice_on=date(2026, 2, 10),
    agreement_on=date(2026, 5, 15),
    agreement_repertory="1234",
    expected_beneficiaries=120,
    start_on=date(2026, 6, 1),
    end_on=date(2028, 5, 31),
    description="Percorsi di orientamento, formazione e tirocinio con le imprese del territorio.",
    partners=(
        PartnerData("Cooperativa sociale «Il Girasole»", PartnerRole.LEAD, "Tutor", 1_250_000),
        PartnerData("Associazione Søndergård APS", PartnerRole.PARTNER, "Laboratori", 480_000),
    ),
    funding=(
        FundingData(FundingSource.FNPS, 12_000_000, 2026),
        FundingData(FundingSource.PNRR_M5C1_GOL, 35_000_050, 2026, "Quota GOL"),
        FundingData(FundingSource.FNPS, 11_500_000, 2027),
    ),
    activities=(
        ActivityData(
            "Orientamento di gruppo",
            "Cooperativa sociale «Il Girasole»",
            date(2026, 6, 1),
            None,
            ActivityStatus.RUNNING,
        ),
    ),
    indicators=(
        IndicatorData("Questionari di gradimento", "questionari", None, 80, 41),
        IndicatorData("Giorni mediani alla presa in carico", "giorni", 30, 15, 12.5, True, 29),
    ),
    beneficiaries_by_track={Track.NEET: 29, Track.CMD: 8},
)


def project_sheet() -> ProjectSheetInput:
    return ProjectSheetInput(issuer=ISSUER, project=PROJECT, created_at=CREATED)


# --- reading PDFs back ---------------------------------------------------------------------


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    """The document's text with every run of whitespace made one space."""
    text = " ".join(page.extract_text() or "" for page in reader(pdf).pages)
    return re.sub(r"\s+", " ", text)


def page_count(pdf: bytes) -> int:
    return len(reader(pdf).pages)


def fonts_of(pdf: bytes) -> list[dict[str, object]]:
    """Every font dictionary used by the pages (resolved)."""
    found = []
    for page in reader(pdf).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        for reference in (fonts.get_object() if fonts else {}).values():
            found.append(reference.get_object())
    return found


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float


def ruled_lines(pdf: bytes, page_number: int = 0) -> list[Segment]:
    """The straight lines stroked on a page, in page coordinates (points).

    Follows "q"/"Q" and "cm" (ReportLab translates to draw tables), "m" and "l".
    """
    page = reader(pdf).pages[page_number]
    operations = page.get_contents().operations  # type: ignore[union-attr]
    matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack = []
    start = (0.0, 0.0)
    segments = []

    def apply(x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = matrix
        return a * x + c * y + e, b * x + d * y + f

    for operands, operator in operations:
        if operator == b"q":
            stack.append(matrix)
        elif operator == b"Q":
            matrix = stack.pop()
        elif operator == b"cm":
            a2, b2, c2, d2, e2, f2 = (float(value) for value in operands)
            a, b, c, d, e, f = matrix
            matrix = (
                a2 * a + b2 * c, a2 * b + b2 * d, c2 * a + d2 * c, c2 * b + d2 * d,
                e2 * a + f2 * c + e, e2 * b + f2 * d + f,
            )  # fmt: skip
        elif operator == b"m":
            start = apply(float(operands[0]), float(operands[1]))
        elif operator == b"l":
            end = apply(float(operands[0]), float(operands[1]))
            segments.append(Segment(start[0], start[1], end[0], end[1]))
            start = end
    return segments
