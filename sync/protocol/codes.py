"""Stable codes stored in the database and on the wire.

The values are English identifiers that never change; the Italian labels shown to people live in
the translation files (see ``desktop/ui/labels.py``), per DESIGN.md §2.
"""

from enum import StrEnum


class SiteKind(StrEnum):
    AMBITO = "ambito"
    CPI = "cpi"
    PROVINCIA = "provincia"
    ETS = "ets"


class Track(StrEnum):
    NEET = "neet"
    CMD = "cmd"


class ReferralStatus(StrEnum):
    DRAFT = "draft"  # bozza
    SENT = "sent"  # inviata
    RECEIVED = "received"  # ricevuta
    TAKEN_IN_CHARGE = "taken_in_charge"  # presa in carico
    IN_PATH = "in_path"  # in percorso
    CONCLUDED = "concluded"  # conclusa
    RETURNED = "returned"  # restituita
    NOT_RELEVANT = "not_relevant"  # non pertinente
    WITHDRAWN = "withdrawn"  # annullata


class Urgency(StrEnum):
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


class EmploymentStatus(StrEnum):
    """The person's condition as D.Lgs. 150/2015 defines it (art. 19).

    ``NEVER_EMPLOYED`` (inoccupato) is kept so that old rows still read, but is no longer
    offered: the decree made one condition of "disoccupato" whether or not the person ever
    worked (``OFFERED_EMPLOYMENT_STATUSES``).
    """

    UNEMPLOYED = "unemployed"  # disoccupato (DID rilasciata)
    NEVER_EMPLOYED = "never_employed"  # inoccupato: obsolete since D.Lgs. 150/2015
    EMPLOYED = "employed"
    # Occupato con reddito sotto la soglia non imponibile: keeps the unemployed condition
    # (art. 4 c. 15-quater D.L. 4/2019).
    EMPLOYED_LOW_INCOME = "employed_low_income"
    STUDENT = "student"
    INACTIVE = "inactive"


OFFERED_EMPLOYMENT_STATUSES: tuple[EmploymentStatus, ...] = (
    EmploymentStatus.UNEMPLOYED,
    EmploymentStatus.EMPLOYED_LOW_INCOME,
    EmploymentStatus.EMPLOYED,
    EmploymentStatus.STUDENT,
    EmploymentStatus.INACTIVE,
)


class ContactChannel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    SMS = "sms"
    IN_PERSON = "in_person"


class PermitType(StrEnum):
    WORK = "work"
    FAMILY = "family"
    STUDY = "study"
    ASYLUM = "asylum"
    SUBSIDIARY_PROTECTION = "subsidiary_protection"
    SPECIAL_PROTECTION = "special_protection"
    LONG_TERM_EU = "long_term_eu"
    OTHER = "other"


class ProfilingClass(StrEnum):
    """Garanzia Giovani's profiling classes of the distance from the labour market.

    The official classes are 1 bassa, 2 media, 3 alta, 4 molto alta; the codes predate that
    wording and stay stable (labels in desktop/documents/labels.py say the official names).
    """

    LOW = "low"
    MEDIUM_LOW = "medium_low"
    MEDIUM_HIGH = "medium_high"
    HIGH = "high"


class RouteTrack(StrEnum):
    """What a referral route carries: a track to a CPI, or social needs to an Ambito."""

    NEET = "neet"
    CMD = "cmd"
    SOCIAL = "social"  # segnalazione ai servizi sociali, from a CPI to an Ambito


class LegalRepresentativeKind(StrEnum):
    """Who acts for the person: a parent of a minor, or a measure of the court."""

    PARENT = "parent"  # esercente la responsabilità genitoriale
    GUARDIAN = "guardian"  # tutore
    SUPPORT_ADMINISTRATOR = "support_administrator"  # amministratore di sostegno
    CURATOR = "curator"  # curatore


class HiringMode(StrEnum):
    """How a hire under L. 68/1999 was made."""

    NOMINATIVE = "nominative"  # richiesta nominativa (art. 7)
    NUMERIC = "numeric"  # avviamento numerico (art. 7)
    ART11_AGREEMENT = "art11_agreement"  # convenzione art. 11 L. 68/1999
    ART14_AGREEMENT = "art14_agreement"  # convenzione art. 14 D.Lgs. 276/2003


class CompatibleTask(StrEnum):
    """Placement indications: kinds of task compatible with the person (never a diagnosis)."""

    ADMINISTRATIVE = "administrative"
    RECEPTION = "reception"
    DATA_ENTRY = "data_entry"
    LIGHT_ASSEMBLY = "light_assembly"
    WAREHOUSE = "warehouse"
    CLEANING = "cleaning"
    CATERING = "catering"
    RETAIL = "retail"
    GREEN_MAINTENANCE = "green_maintenance"
    CRAFT = "craft"
    OTHER = "other"


class PlacementSupport(StrEnum):
    """Placement indications: supports the workplace should offer."""

    COMPANY_TUTOR = "company_tutor"
    JOB_COACH = "job_coach"
    WORKSTATION_ADAPTATION = "workstation_adaptation"
    ACCESSIBLE_WORKPLACE = "accessible_workplace"
    PART_TIME = "part_time"
    FLEXIBLE_HOURS = "flexible_hours"
    TRANSPORT = "transport"
    ASSISTIVE_TECHNOLOGY = "assistive_technology"
    NO_HEAVY_LIFTING = "no_heavy_lifting"
    NO_NIGHT_WORK = "no_night_work"
    OTHER = "other"


class PlanParty(StrEnum):
    """Who is responsible for an action of a joint activation plan."""

    AMBITO = "ambito"
    CPI = "cpi"
    ETS = "ets"  # a Third Sector provider
    PERSON = "person"  # the person themself (and their family)


class ReviewOutcome(StrEnum):
    """A periodic review of a joint activation plan."""

    ON_TRACK = "on_track"
    REVISED = "revised"
    GOALS_REACHED = "goals_reached"
    INTERRUPTED = "interrupted"


class SocialReferralStatus(StrEnum):
    """A CPI's referral of a person to the social services of an Ambito (simple lifecycle)."""

    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"  # presa in carico dai servizi sociali
    DECLINED = "declined"  # non di competenza, with a reason
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class GuaranteeStatus(StrEnum):
    """Garanzia Giovani adhesion status."""

    NOT_ADHERED = "not_adhered"
    ADHERED = "adhered"
    TAKEN_IN_CHARGE = "taken_in_charge"
    CANCELLED = "cancelled"


class Need(StrEnum):
    ORIENTATION = "orientation"
    MOTIVATION = "motivation"
    BASIC_SKILLS = "basic_skills"
    ITALIAN_LANGUAGE = "italian_language"
    WORK_LIFE_BALANCE = "work_life_balance"
    HOUSING = "housing"
    HEALTH = "health"
    DIGITAL_SKILLS = "digital_skills"
    MOBILITY = "mobility"
    OTHER = "other"


class OtherService(StrEnum):
    SOCIAL_SERVICE = "social_service"
    CHILD_PROTECTION = "child_protection"
    MENTAL_HEALTH = "mental_health"  # CPS / NPIA
    ADDICTION = "addiction"  # SerD
    FAMILY_COUNSELLING = "family_counselling"  # consultorio
    SCHOOL = "school"
    OTHER = "other"


class DisabilityCategory(StrEnum):
    """Eligibility categories of art. 1 L. 68/1999."""

    CIVIL_INVALID = "civil_invalid"  # invalidi civili > 45%
    WORK_INVALID = "work_invalid"  # invalidi del lavoro > 33%
    BLIND = "blind"
    DEAF = "deaf"
    WAR_INVALID = "war_invalid"
    SERVICE_INVALID = "service_invalid"


class PathActionType(StrEnum):
    BASIC_GUIDANCE = "basic_guidance"
    SPECIALIST_GUIDANCE = "specialist_guidance"
    TRAINING = "training"
    BACK_TO_EDUCATION = "back_to_education"
    TRAINEESHIP = "traineeship"  # tirocinio extracurriculare
    INCLUSION_TRAINEESHIP = "inclusion_traineeship"  # tirocinio di inclusione, max 24 months
    TRAINING_ISLAND = "training_island"  # isola formativa (Varese pilot)
    JOB_ACCOMPANIMENT = "job_accompaniment"
    APPRENTICESHIP = "apprenticeship"
    CIVIL_SERVICE = "civil_service"
    SELF_EMPLOYMENT = "self_employment"
    L68_ART11_AGREEMENT = "l68_art11_agreement"
    L68_ART12_AGREEMENT = "l68_art12_agreement"
    ART14_AGREEMENT = "art14_agreement"  # art. 14 D.Lgs. 276/2003, cooperative B
    WORK_GRANT = "work_grant"  # borsa lavoro
    JOB_RETENTION = "job_retention"  # mantenimento del posto
    OTHER = "other"


class ActionState(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"


class Outcome(StrEnum):
    HIRED = "hired"
    TRAINEESHIP_NO_HIRE = "traineeship_no_hire"
    TRAINING_COMPLETED = "training_completed"
    BACK_TO_EDUCATION = "back_to_education"
    CIVIL_SERVICE = "civil_service"
    SELF_EMPLOYMENT = "self_employment"
    OTHER_SERVICE = "other_service"
    DROPPED_OUT = "dropped_out"
    UNREACHABLE = "unreachable"
    MOVED_AWAY = "moved_away"
    LOST_ELIGIBILITY = "lost_eligibility"
    OTHER = "other"


class ContractType(StrEnum):
    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"
    APPRENTICESHIP = "apprenticeship"
    AGENCY = "agency"
    OTHER = "other"


class EmployerType(StrEnum):
    PRIVATE = "private"
    PUBLIC = "public"
    SOCIAL_COOP = "social_coop"
    OTHER = "other"


class OrganizationKind(StrEnum):
    ODV = "odv"
    APS = "aps"
    SOCIAL_ENTERPRISE = "social_enterprise"
    SOCIAL_COOP_A = "social_coop_a"
    SOCIAL_COOP_B = "social_coop_b"
    CONSORTIUM = "consortium"
    PHILANTHROPIC = "philanthropic"
    NETWORK_ASSOCIATION = "network_association"
    MUTUAL_AID = "mutual_aid"
    OTHER_ETS = "other_ets"
    NON_ETS = "non_ets"
    AMBITO = "ambito"
    CPI = "cpi"
    SCHOOL = "school"
    SOCIAL_SERVICE = "social_service"
    HEALTH_SERVICE = "health_service"
    COMPANY = "company"
    PUBLIC_BODY = "public_body"


class ProjectStatus(StrEnum):
    CO_PROGRAMMING = "co_programming"
    NOTICE = "notice"
    CO_DESIGN_TABLE = "co_design_table"
    AGREEMENT_SIGNED = "agreement_signed"
    RUNNING = "running"
    CONCLUDED = "concluded"
    REPORTED = "reported"


class ProceedingBodyKind(StrEnum):
    LEAD_MUNICIPALITY = "lead_municipality"
    PLAN_OFFICE = "plan_office"
    PROVINCE = "province"
    CONSORTIUM_COMPANY = "consortium_company"


class PartnerRole(StrEnum):
    LEAD = "lead"  # capofila ETS
    PARTNER = "partner"
    SUPPORTER = "supporter"  # aderente


class FundingSource(StrEnum):
    FNPS = "fnps"
    POVERTY_FUND = "poverty_fund"
    FNA = "fna"
    AFTER_US = "after_us"  # Dopo di Noi
    PNRR_M5C2_11 = "pnrr_m5c2_1_1"
    PNRR_M5C2_12 = "pnrr_m5c2_1_2"
    PNRR_M5C2_13 = "pnrr_m5c2_1_3"
    PNRR_M5C1_GOL = "pnrr_m5c1_gol"
    ESF_PLUS = "esf_plus"
    REGIONAL_DISABILITY_FUND = "regional_disability_fund"
    PRIVATE_FOUNDATION = "private_foundation"
    MUNICIPALITY = "municipality"
    ETS_COFINANCING = "ets_cofinancing"
    OTHER = "other"


class ProjectTarget(StrEnum):
    NEET = "neet"
    CMD = "cmd"
    BOTH = "both"
    OTHER = "other"


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"


class IndicatorKind(StrEnum):
    """Indicators computed from linked referrals; MANUAL ones are typed by a person."""

    MANUAL = "manual"
    REFERRALS_LINKED = "referrals_linked"
    MEDIAN_DAYS_TO_TAKING_IN_CHARGE = "median_days_to_taking_in_charge"
    TRAINEESHIPS_STARTED = "traineeships_started"
    HIRES = "hires"
    DROP_OUTS = "drop_outs"


class MeetingType(StrEnum):
    PROVINCIAL_TABLE = "provincial_table"
    CO_DESIGN_TABLE = "co_design_table"
    TEAM = "team"  # équipe
    LOCAL_NETWORK = "local_network"
    OTHER = "other"


class MeetingMode(StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    MIXED = "mixed"


class Attendance(StrEnum):
    INVITED = "invited"
    PRESENT = "present"
    REMOTE = "remote"
    JUSTIFIED_ABSENCE = "justified_absence"
    ABSENT = "absent"


class VoteKind(StrEnum):
    NONE = "none"
    UNANIMOUS = "unanimous"
    MAJORITY = "majority"


class ActionItemStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class OperatorRole(StrEnum):
    """An operator's role at their site, set in the site's configuration on the server.

    It decides who may read the audit, run retention and answer access requests
    (``desktop.domain.permissions``); it never replaces the OS account as the identity.
    """

    SOCIAL_WORKER = "social_worker"  # assistente sociale / operatore
    REFERENT = "referent"  # referente NEET o CMD del CPI
    ADMINISTRATIVE = "administrative"  # personale amministrativo
    PRIVACY_OFFICER = "privacy_officer"  # referente privacy della sede


class RetentionRecordKind(StrEnum):
    """What a retention rule's period applies to (``retention_rule.record_kind``)."""

    REFERRAL = "referral"  # a referral with its events, handling and actions
    PERSON = "person"  # a person with no referral left to keep
