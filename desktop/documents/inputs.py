"""What each document prints: frozen plain data, with names already resolved from ids.

Built by ``desktop.services.documents.data`` from the services, or directly by tests and benchmarks.
Codes stay codes (the builders label them); every text is printed as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from desktop.domain.codes import (
    ActionItemStatus,
    ActivityStatus,
    Attendance,
    ContactChannel,
    EmploymentStatus,
    FundingSource,
    LegalRepresentativeKind,
    MeetingMode,
    MeetingType,
    MinutesStatus,
    PartnerRole,
    PermitType,
    PlanParty,
    ProceedingBodyKind,
    ProjectStatus,
    ProjectTarget,
    ReviewOutcome,
    Sex,
    SiteKind,
    Track,
    VoteKind,
)
from desktop.domain.referral import ReferralContent


@dataclass(frozen=True)
class Issuer:
    """The body that issues the document: the letterhead and the PDF's author.

    Read from the owning site's profile (``desktop.domain.site_profile``) by the services.
    """

    name: str
    kind: SiteKind | None = None
    address: str = ""  # "Via Roma 1, 21100 Varese"
    controller_name: str = ""  # the legal entity (an Ambito's ente capofila); "" = the body
    controller_tax_code: str = ""
    pec: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    dpo_name: str = ""
    dpo_email: str = ""
    dpo_pec: str = ""
    dpo_phone: str = ""
    logo: bytes = b""  # PNG or JPEG, already decoded and checked

    @property
    def contacts(self) -> str:
        """The letterhead's contact line: "tel. … · PEC … · e-mail …"."""
        parts = [
            f"tel. {self.phone}" if self.phone else "",
            f"PEC {self.pec}" if self.pec else "",
            f"e-mail {self.email}" if self.email else "",
        ]
        return " · ".join(part for part in parts if part)

    @property
    def controller(self) -> str:
        return self.controller_name or self.name


@dataclass(frozen=True)
class PersonData:
    fiscal_code: str
    last_name: str
    first_name: str
    sex: Sex | None = None
    birth_date: date | None = None
    birthplace_name: str = ""
    citizenship: str = ""
    permit_type: PermitType | None = None
    permit_number: str = ""
    permit_expiry: date | None = None
    permit_renewing: bool = False
    residence_municipality: str = ""
    residence_address: str = ""
    residence_postcode: str = ""
    domicile_municipality: str = ""
    domicile_address: str = ""
    domicile_postcode: str = ""
    phone: str = ""
    email: str = ""
    preferred_channel: ContactChannel | None = None
    employment_status: EmploymentStatus | None = None
    did_date: date | None = None
    education_title: str = ""
    isced_level: int | None = None
    education_year: int | None = None
    last_school: str = ""
    school_left_date: date | None = None
    restricted: bool = False  # GDPR art. 18: the builders refuse to print it
    # Who acts and signs for the person (a minor's parent, a tutore, an ADS, a curatore).
    representative_kind: LegalRepresentativeKind | None = None
    representative_name: str = ""
    representative_tax_code: str = ""
    representative_phone: str = ""
    representative_email: str = ""
    representative_act: str = ""
    representative_act_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ReferralData(ReferralContent):
    """The referral as printed: the sender's content and the names the form shows."""

    number: str
    track: Track
    created_on: date
    sending_site_name: str
    job_centre_name: str
    sent_on: date | None = None
    job_centre_address: str = ""
    referent_name: str = ""  # the CPI's referent of the track, when known
    restricted: bool = False  # GDPR art. 18: the builders refuse to print it


@dataclass(frozen=True)
class ReferralFormInput:
    issuer: Issuer
    referral: ReferralData
    person: PersonData
    created_at: datetime  # the issue time: PDF metadata and footer


@dataclass(frozen=True)
class PrivacyTexts:
    """The configurable parts of the informativa (defaults in resources/documents)."""

    version: str
    controller: str
    dpo: str
    recipients: str
    retention: str


@dataclass(frozen=True)
class PrivacyNoticeInput:
    issuer: Issuer
    texts: PrivacyTexts
    created_at: datetime
    person_name: str = ""  # blank notice when empty: the name is written by hand
    fiscal_code: str = ""
    referral_number: str = ""
    track: Track | None = None
    restricted: bool = False  # the person or the referral (GDPR art. 18): never printed
    # Who signs for the person, named on the acknowledgement (none: the person signs).
    representative_kind: LegalRepresentativeKind | None = None
    representative_name: str = ""


@dataclass(frozen=True)
class ParticipantData:
    full_name: str  # "Cognome Nome"
    organization_name: str = ""
    role: str = ""
    attendance: Attendance = Attendance.INVITED
    time_in: time | None = None
    time_out: time | None = None
    proxy_for: str = ""


@dataclass(frozen=True)
class AgendaItemData:
    position: int
    title: str
    summary: str = ""
    decision: str = ""
    vote: VoteKind = VoteKind.NONE
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstained: int | None = None


@dataclass(frozen=True)
class ActionData:
    description: str
    owner_name: str = ""
    organization_name: str = ""
    due_on: date | None = None
    agenda_position: int | None = None  # the item of the ordine del giorno it came from


@dataclass(frozen=True)
class MeetingData:
    number: str  # "NN/AAAA"
    meeting_type: MeetingType
    title: str
    held_on: date
    convened_by: str = ""
    convocation_protocol: str = ""
    convocation_on: date | None = None
    protocol_number: str = ""
    mode: MeetingMode = MeetingMode.IN_PERSON
    place: str = ""
    start_time: time | None = None
    end_time: time | None = None
    chair_name: str = ""
    secretary_name: str = ""
    minutes_status: MinutesStatus = MinutesStatus.DRAFT
    approved_in_meeting_on: date | None = None
    version: int = 1
    correction_reason: str = ""
    project_title: str = ""
    project_cup: str = ""
    next_meeting_on: date | None = None
    next_meeting_place: str = ""
    next_meeting_topics: str = ""
    attachments: tuple[str, ...] = ()
    participants: tuple[ParticipantData, ...] = ()
    agenda: tuple[AgendaItemData, ...] = ()
    actions: tuple[ActionData, ...] = ()
    protocol_on: date | None = None
    # The meeting's series, opening formula and previous minutes, worded by the meetings
    # service (resources/documents/minutes.json); copied by name from its MeetingDetail.
    series_name: str = ""  # "del Tavolo provinciale"
    opening_formula: str = ""
    previous_minutes_number: str = ""
    previous_minutes_on: date | None = None


@dataclass(frozen=True)
class MeetingDocumentInput:
    """Input of the minutes, the attendance sheet and the agenda of one meeting."""

    issuer: Issuer
    meeting: MeetingData
    created_at: datetime


@dataclass(frozen=True)
class PartnerData:
    organization_name: str
    role: PartnerRole = PartnerRole.PARTNER
    resources_description: str = ""
    resources_value_cents: int = 0
    joined_on: date | None = None
    left_on: date | None = None


@dataclass(frozen=True)
class FundingData:
    source: FundingSource
    amount_cents: int
    year: int
    notes: str = ""


@dataclass(frozen=True)
class ActivityData:
    title: str
    responsible_name: str = ""
    start_on: date | None = None
    end_on: date | None = None
    status: ActivityStatus = ActivityStatus.PLANNED


@dataclass(frozen=True)
class IndicatorData:
    name: str
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    value: float | None = None
    computed: bool = False  # computed from the linked referrals
    basis: int | None = None  # how many referrals a computed value rests on


@dataclass(frozen=True)
class ProjectData:
    title: str
    status: ProjectStatus
    target: ProjectTarget
    acronym: str = ""
    internal_code: str = ""
    cup: str = ""
    ambito_name: str = ""
    proceeding_body_kind: ProceedingBodyKind | None = None
    proceeding_body_name: str = ""
    rup_name: str = ""
    start_decision: str = ""
    start_decision_on: date | None = None
    notice_number: str = ""
    notice_on: date | None = None
    approval_decision: str = ""
    approval_decision_on: date | None = None
    agreement_on: date | None = None
    agreement_repertory: str = ""
    expected_beneficiaries: int | None = None
    start_on: date | None = None
    end_on: date | None = None
    description: str = ""
    partners: tuple[PartnerData, ...] = ()
    funding: tuple[FundingData, ...] = ()
    activities: tuple[ActivityData, ...] = ()
    indicators: tuple[IndicatorData, ...] = ()
    # Beneficiaries are referrals: counted per track, never named (DOMAIN.md §3).
    beneficiaries_by_track: dict[Track, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectSheetInput:
    issuer: Issuer
    project: ProjectData
    created_at: datetime


@dataclass(frozen=True)
class RecoverySheetInput:
    """The recovery key of a data folder and where it belongs: a sheet for the office safe,
    never an issued document about a person (it is not recorded, nor kept in the folder)."""

    recovery_text: str  # 56 characters in groups of four (desktop.store.keys)
    fingerprint: str  # tells two sheets apart; opens nothing
    data_dir: str
    computer: str
    user: str
    created_at: datetime
    office: str = ""


# --- the personal data extract (GDPR art. 15 and 20) ---------------------------------------


@dataclass(frozen=True)
class LabelledCode:
    """A code whose Italian label the reader already chose (audit actions, document types)."""

    code: str
    label: str


# A value as stored: a code (labelled in Italian when printed, code and label in the JSON), a
# date (gg/mm/aaaa printed, ISO in the JSON), a list of codes, a number, a yes/no or a text.
ExtractValue = (
    str | int | bool | date | datetime | StrEnum | LabelledCode | tuple[StrEnum | str, ...] | None
)


@dataclass(frozen=True)
class ExtractField:
    key: str  # the JSON key, Italian snake_case ("codice_fiscale")
    label: str  # the printed label ("Codice fiscale")
    value: ExtractValue


@dataclass(frozen=True)
class ExtractGroup:
    """Fields printed as one grid under a heading ("Dati anagrafici")."""

    key: str
    title: str
    fields: tuple[ExtractField, ...]


@dataclass(frozen=True)
class ExtractColumn:
    key: str  # the JSON key of the column's values
    header: str
    share: float = 1.0  # of the printed table's width, relative to the other columns


@dataclass(frozen=True)
class ExtractTable:
    """Rows printed as a table (events, path actions, accesses), each with one value per
    column; in the JSON, a list of objects keyed by the columns' keys."""

    key: str
    title: str
    columns: tuple[ExtractColumn, ...]
    rows: tuple[tuple[ExtractValue, ...], ...]
    empty: str = "Nessun dato."


@dataclass(frozen=True)
class ExtractReferral:
    number: str
    title: str  # "Segnalazione n. 2026/000123 – NEET"
    groups: tuple[ExtractGroup, ...]
    tables: tuple[ExtractTable, ...]


@dataclass(frozen=True)
class PersonalDataExtractInput:
    """Everything the site holds about one person, already read and named; nothing about
    anyone else (the service guarantees it, the builder prints what it is given)."""

    issuer: Issuer
    texts: PrivacyTexts
    created_at: datetime
    person_name: str  # "Nome Cognome", for the cover and the metadata
    fiscal_code: str
    person: tuple[ExtractGroup, ...]
    referrals: tuple[ExtractReferral, ...]
    tables: tuple[ExtractTable, ...]  # acknowledgements, projects, documents issued
    accesses: ExtractTable


@dataclass(frozen=True)
class AuditLineData:
    """One row of the audit trail as printed; the codes are labelled by the builders
    (``desktop.documents.audit_labels``)."""

    at: datetime  # UTC; printed as the office's local time
    operator: str  # the OS account
    workstation: str
    action: str  # an AuditAction code
    entity: str  # an AuditEntity code, or a document type for an issued document
    entity_id: str
    referral_number: str = ""  # when the record is a referral
    details: str = ""


@dataclass(frozen=True)
class AuditReportInput:
    """The audit rows a privacy officer filtered, exported as a PDF."""

    issuer: Issuer
    lines: tuple[AuditLineData, ...]
    filters: tuple[tuple[str, str], ...]  # (Italian name, value as shown), only those set
    created_at: datetime
    exported_by: str


@dataclass(frozen=True)
class AccessRegisterInput:
    """The registro degli accessi of one person: who looked at the person's data, and when.

    For the privacy officer and the person, so it names the person."""

    issuer: Issuer
    person_id: str
    person_name: str  # "Cognome Nome"
    fiscal_code: str
    lines: tuple[AuditLineData, ...]  # oldest first
    created_at: datetime
    issued_by: str
    since: date | None = None
    until: date | None = None


# --- the joint activation plan (issue 17) ----------------------------------------------------


@dataclass(frozen=True)
class PlanGoalData:
    description: str
    reached_on: date | None = None
    written_by: str = ""  # the body that wrote it


@dataclass(frozen=True)
class PlanActionData:
    description: str
    responsible_party: PlanParty
    responsible: str = ""  # the provider's name, the operator or family member in charge
    due_on: date | None = None
    done_on: date | None = None
    status: ActionItemStatus = ActionItemStatus.OPEN
    notes: str = ""
    written_by: str = ""


@dataclass(frozen=True)
class JointInterviewData:
    held_on: date
    place: str = ""
    participants: tuple[str, ...] = ()
    person_present: bool = True
    summary: str = ""
    written_by: str = ""


@dataclass(frozen=True)
class PlanReviewData:
    review_on: date
    outcome: ReviewOutcome
    notes: str = ""
    next_review_on: date | None = None
    written_by: str = ""


@dataclass(frozen=True)
class RepresentativeData:
    """Who acts for the person (a parent of a minor, a tutore, an amministratore di sostegno)."""

    kind: LegalRepresentativeKind | None
    name: str
    fiscal_code: str = ""
    act: str = ""  # the court's measure, when there is one
    act_on: date | None = None


@dataclass(frozen=True)
class JointPlanInput:
    """The "Progetto personalizzato condiviso" of a referral taken in charge."""

    issuer: Issuer  # the CPI, which coordinates the path (Tavolo Unico)
    number: str  # the referral's
    track: Track
    created_on: date  # the referral's
    sender_name: str
    job_centre_name: str
    person_last_name: str
    person_first_name: str
    person_fiscal_code: str
    created_at: datetime
    person_birth_date: date | None = None
    person_sex: Sex | None = None
    representative: RepresentativeData | None = None
    taken_in_charge_on: date | None = None
    sender_operator: str = ""
    cpi_referent: str = ""
    goals: tuple[PlanGoalData, ...] = ()
    actions: tuple[PlanActionData, ...] = ()
    interviews: tuple[JointInterviewData, ...] = ()
    reviews: tuple[PlanReviewData, ...] = ()
    restricted: bool = False  # GDPR art. 18: the builder refuses to print it
