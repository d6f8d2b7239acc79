"""Translated labels for every stable code of ``desktop.domain.codes`` (DESIGN.md §2).

The database and the wire hold English codes; people read the label. Each enumeration is its
own translation context, so that one English word can take a different Italian form per
enumeration ("Other" → "Altro" / "Altra"). A test checks that every code has a label.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from desktop.domain import codes

E = TypeVar("E", bound=StrEnum)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks a text for pyside6-lupdate (which looks for this name); translate() works later.

    Defined here rather than imported from QtCore, whose stub returns ``object``.
    """
    return source


_SOURCES: dict[type[StrEnum], dict[str, str]] = {
    codes.SiteKind: {
        "ambito": QT_TRANSLATE_NOOP("SiteKind", "Ambito territoriale"),
        "cpi": QT_TRANSLATE_NOOP("SiteKind", "Job centre (CPI)"),
        "provincia": QT_TRANSLATE_NOOP("SiteKind", "Province"),
        "ets": QT_TRANSLATE_NOOP("SiteKind", "Third sector body (ETS)"),
    },
    codes.OperatorRole: {
        "social_worker": QT_TRANSLATE_NOOP("OperatorRole", "Social worker"),
        "referent": QT_TRANSLATE_NOOP("OperatorRole", "CPI referent"),
        "administrative": QT_TRANSLATE_NOOP("OperatorRole", "Administrative staff"),
        "privacy_officer": QT_TRANSLATE_NOOP("OperatorRole", "Privacy officer"),
    },
    codes.RetentionRecordKind: {
        "referral": QT_TRANSLATE_NOOP("RetentionRecordKind", "Referral"),
        "person": QT_TRANSLATE_NOOP("RetentionRecordKind", "Person"),
    },
    codes.Track: {
        "neet": QT_TRANSLATE_NOOP("Track", "NEET"),
        "cmd": QT_TRANSLATE_NOOP("Track", "Targeted placement (CMD)"),
    },
    codes.ReferralStatus: {
        "draft": QT_TRANSLATE_NOOP("ReferralStatus", "Draft"),
        "sent": QT_TRANSLATE_NOOP("ReferralStatus", "Sent"),
        "received": QT_TRANSLATE_NOOP("ReferralStatus", "Received"),
        "taken_in_charge": QT_TRANSLATE_NOOP("ReferralStatus", "Taken in charge"),
        "in_path": QT_TRANSLATE_NOOP("ReferralStatus", "In path"),
        "concluded": QT_TRANSLATE_NOOP("ReferralStatus", "Concluded"),
        "returned": QT_TRANSLATE_NOOP("ReferralStatus", "Returned"),
        "not_relevant": QT_TRANSLATE_NOOP("ReferralStatus", "Not relevant"),
        "withdrawn": QT_TRANSLATE_NOOP("ReferralStatus", "Withdrawn"),
    },
    codes.Urgency: {
        "normal": QT_TRANSLATE_NOOP("Urgency", "Normal"),
        "high": QT_TRANSLATE_NOOP("Urgency", "High"),
        "urgent": QT_TRANSLATE_NOOP("Urgency", "Urgent"),
    },
    codes.Sex: {
        "M": QT_TRANSLATE_NOOP("Sex", "Male"),
        "F": QT_TRANSLATE_NOOP("Sex", "Female"),
    },
    codes.EmploymentStatus: {
        "unemployed": QT_TRANSLATE_NOOP("EmploymentStatus", "Unemployed"),
        "never_employed": QT_TRANSLATE_NOOP("EmploymentStatus", "Never employed"),
        "employed": QT_TRANSLATE_NOOP("EmploymentStatus", "Employed"),
        "employed_low_income": QT_TRANSLATE_NOOP(
            "EmploymentStatus", "Employed with income below the threshold"
        ),
        "student": QT_TRANSLATE_NOOP("EmploymentStatus", "Student"),
        "inactive": QT_TRANSLATE_NOOP("EmploymentStatus", "Inactive"),
    },
    codes.ContactChannel: {
        "phone": QT_TRANSLATE_NOOP("ContactChannel", "Phone"),
        "email": QT_TRANSLATE_NOOP("ContactChannel", "E-mail"),
        "sms": QT_TRANSLATE_NOOP("ContactChannel", "SMS"),
        "in_person": QT_TRANSLATE_NOOP("ContactChannel", "In person"),
    },
    codes.PermitType: {
        "work": QT_TRANSLATE_NOOP("PermitType", "Work"),
        "family": QT_TRANSLATE_NOOP("PermitType", "Family"),
        "study": QT_TRANSLATE_NOOP("PermitType", "Study"),
        "asylum": QT_TRANSLATE_NOOP("PermitType", "Asylum"),
        "subsidiary_protection": QT_TRANSLATE_NOOP("PermitType", "Subsidiary protection"),
        "special_protection": QT_TRANSLATE_NOOP("PermitType", "Special protection"),
        "long_term_eu": QT_TRANSLATE_NOOP("PermitType", "EU long-term resident"),
        "other": QT_TRANSLATE_NOOP("PermitType", "Other"),
    },
    codes.ProfilingClass: {
        "low": QT_TRANSLATE_NOOP("ProfilingClass", "1 – Low"),
        "medium_low": QT_TRANSLATE_NOOP("ProfilingClass", "2 – Medium"),
        "medium_high": QT_TRANSLATE_NOOP("ProfilingClass", "3 – High"),
        "high": QT_TRANSLATE_NOOP("ProfilingClass", "4 – Very high"),
    },
    codes.GuaranteeStatus: {
        "not_adhered": QT_TRANSLATE_NOOP("GuaranteeStatus", "Not adhered"),
        "adhered": QT_TRANSLATE_NOOP("GuaranteeStatus", "Adhered"),
        "taken_in_charge": QT_TRANSLATE_NOOP("GuaranteeStatus", "Taken in charge"),
        "cancelled": QT_TRANSLATE_NOOP("GuaranteeStatus", "Cancelled"),
    },
    codes.Need: {
        "orientation": QT_TRANSLATE_NOOP("Need", "Guidance"),
        "motivation": QT_TRANSLATE_NOOP("Need", "Motivation"),
        "basic_skills": QT_TRANSLATE_NOOP("Need", "Basic skills"),
        "italian_language": QT_TRANSLATE_NOOP("Need", "Italian language"),
        "work_life_balance": QT_TRANSLATE_NOOP("Need", "Work-life balance"),
        "housing": QT_TRANSLATE_NOOP("Need", "Housing"),
        "health": QT_TRANSLATE_NOOP("Need", "Health"),
        "digital_skills": QT_TRANSLATE_NOOP("Need", "Digital skills"),
        "mobility": QT_TRANSLATE_NOOP("Need", "Mobility"),
        "other": QT_TRANSLATE_NOOP("Need", "Other"),
    },
    codes.OtherService: {
        "social_service": QT_TRANSLATE_NOOP("OtherService", "Social service"),
        "child_protection": QT_TRANSLATE_NOOP("OtherService", "Child protection"),
        "mental_health": QT_TRANSLATE_NOOP("OtherService", "Mental health (CPS / NPIA)"),
        "addiction": QT_TRANSLATE_NOOP("OtherService", "Addiction service (SerD)"),
        "family_counselling": QT_TRANSLATE_NOOP("OtherService", "Family counselling"),
        "school": QT_TRANSLATE_NOOP("OtherService", "School"),
        "other": QT_TRANSLATE_NOOP("OtherService", "Other"),
    },
    codes.DisabilityCategory: {
        "civil_invalid": QT_TRANSLATE_NOOP("DisabilityCategory", "Civil invalid (over 45%)"),
        "work_invalid": QT_TRANSLATE_NOOP("DisabilityCategory", "Work invalid (over 33%)"),
        "blind": QT_TRANSLATE_NOOP("DisabilityCategory", "Blind"),
        "deaf": QT_TRANSLATE_NOOP("DisabilityCategory", "Deaf"),
        "war_invalid": QT_TRANSLATE_NOOP("DisabilityCategory", "War invalid"),
        "service_invalid": QT_TRANSLATE_NOOP("DisabilityCategory", "Service invalid"),
    },
    codes.PathActionType: {
        "basic_guidance": QT_TRANSLATE_NOOP("PathActionType", "Basic guidance"),
        "specialist_guidance": QT_TRANSLATE_NOOP("PathActionType", "Specialist guidance"),
        "training": QT_TRANSLATE_NOOP("PathActionType", "Training"),
        "back_to_education": QT_TRANSLATE_NOOP("PathActionType", "Back to education"),
        "traineeship": QT_TRANSLATE_NOOP("PathActionType", "Traineeship"),
        "inclusion_traineeship": QT_TRANSLATE_NOOP("PathActionType", "Inclusion traineeship"),
        "training_island": QT_TRANSLATE_NOOP("PathActionType", "Training island"),
        "job_accompaniment": QT_TRANSLATE_NOOP("PathActionType", "Job accompaniment"),
        "apprenticeship": QT_TRANSLATE_NOOP("PathActionType", "Apprenticeship"),
        "civil_service": QT_TRANSLATE_NOOP("PathActionType", "Civil service"),
        "self_employment": QT_TRANSLATE_NOOP("PathActionType", "Self-employment"),
        "l68_art11_agreement": QT_TRANSLATE_NOOP("PathActionType", "L.68 art. 11 agreement"),
        "l68_art12_agreement": QT_TRANSLATE_NOOP("PathActionType", "L.68 art. 12 agreement"),
        "art14_agreement": QT_TRANSLATE_NOOP("PathActionType", "Art. 14 D.Lgs. 276/2003 agreement"),
        "work_grant": QT_TRANSLATE_NOOP("PathActionType", "Work grant"),
        "job_retention": QT_TRANSLATE_NOOP("PathActionType", "Job retention"),
        "other": QT_TRANSLATE_NOOP("PathActionType", "Other"),
    },
    codes.ActionState: {
        "planned": QT_TRANSLATE_NOOP("ActionState", "Planned"),
        "running": QT_TRANSLATE_NOOP("ActionState", "Running"),
        "completed": QT_TRANSLATE_NOOP("ActionState", "Completed"),
        "interrupted": QT_TRANSLATE_NOOP("ActionState", "Interrupted"),
    },
    codes.Outcome: {
        "hired": QT_TRANSLATE_NOOP("Outcome", "Hired"),
        "traineeship_no_hire": QT_TRANSLATE_NOOP("Outcome", "Traineeship completed without hiring"),
        "training_completed": QT_TRANSLATE_NOOP("Outcome", "Training completed"),
        "back_to_education": QT_TRANSLATE_NOOP("Outcome", "Back to education or training"),
        "civil_service": QT_TRANSLATE_NOOP("Outcome", "Civil service"),
        "self_employment": QT_TRANSLATE_NOOP("Outcome", "Self-employment"),
        "other_service": QT_TRANSLATE_NOOP("Outcome", "Taken in charge by another service"),
        "dropped_out": QT_TRANSLATE_NOOP("Outcome", "Dropped out"),
        "unreachable": QT_TRANSLATE_NOOP("Outcome", "Unreachable"),
        "moved_away": QT_TRANSLATE_NOOP("Outcome", "Moved out of the province"),
        "lost_eligibility": QT_TRANSLATE_NOOP("Outcome", "Lost eligibility"),
        "other": QT_TRANSLATE_NOOP("Outcome", "Other"),
    },
    codes.ContractType: {
        "permanent": QT_TRANSLATE_NOOP("ContractType", "Permanent"),
        "fixed_term": QT_TRANSLATE_NOOP("ContractType", "Fixed term"),
        "apprenticeship": QT_TRANSLATE_NOOP("ContractType", "Apprenticeship"),
        "agency": QT_TRANSLATE_NOOP("ContractType", "Agency work"),
        "other": QT_TRANSLATE_NOOP("ContractType", "Other"),
    },
    codes.EmployerType: {
        "private": QT_TRANSLATE_NOOP("EmployerType", "Private"),
        "public": QT_TRANSLATE_NOOP("EmployerType", "Public"),
        "social_coop": QT_TRANSLATE_NOOP("EmployerType", "Social cooperative"),
        "other": QT_TRANSLATE_NOOP("EmployerType", "Other"),
    },
    codes.OrganizationKind: {
        "odv": QT_TRANSLATE_NOOP("OrganizationKind", "Voluntary organisation (ODV)"),
        "aps": QT_TRANSLATE_NOOP("OrganizationKind", "Social promotion association (APS)"),
        "social_enterprise": QT_TRANSLATE_NOOP("OrganizationKind", "Social enterprise"),
        "social_coop_a": QT_TRANSLATE_NOOP("OrganizationKind", "Social cooperative type A"),
        "social_coop_b": QT_TRANSLATE_NOOP("OrganizationKind", "Social cooperative type B"),
        "consortium": QT_TRANSLATE_NOOP("OrganizationKind", "Consortium"),
        "philanthropic": QT_TRANSLATE_NOOP("OrganizationKind", "Philanthropic body"),
        "network_association": QT_TRANSLATE_NOOP("OrganizationKind", "Network association"),
        "mutual_aid": QT_TRANSLATE_NOOP("OrganizationKind", "Mutual aid society"),
        "other_ets": QT_TRANSLATE_NOOP("OrganizationKind", "Other ETS"),
        "non_ets": QT_TRANSLATE_NOOP("OrganizationKind", "Non-ETS body"),
        "ambito": QT_TRANSLATE_NOOP("OrganizationKind", "Ambito territoriale"),
        "cpi": QT_TRANSLATE_NOOP("OrganizationKind", "Job centre (CPI)"),
        "school": QT_TRANSLATE_NOOP("OrganizationKind", "School"),
        "social_service": QT_TRANSLATE_NOOP("OrganizationKind", "Social service"),
        "health_service": QT_TRANSLATE_NOOP("OrganizationKind", "Health service"),
        "company": QT_TRANSLATE_NOOP("OrganizationKind", "Company"),
        "public_body": QT_TRANSLATE_NOOP("OrganizationKind", "Public body"),
    },
    codes.ProjectStatus: {
        "co_programming": QT_TRANSLATE_NOOP("ProjectStatus", "Co-programming"),
        "notice": QT_TRANSLATE_NOOP("ProjectStatus", "Public notice"),
        "co_design_table": QT_TRANSLATE_NOOP("ProjectStatus", "Co-design table"),
        "agreement_signed": QT_TRANSLATE_NOOP("ProjectStatus", "Agreement signed"),
        "running": QT_TRANSLATE_NOOP("ProjectStatus", "Running"),
        "concluded": QT_TRANSLATE_NOOP("ProjectStatus", "Concluded"),
        "reported": QT_TRANSLATE_NOOP("ProjectStatus", "Reported"),
    },
    codes.ProceedingBodyKind: {
        "lead_municipality": QT_TRANSLATE_NOOP("ProceedingBodyKind", "Lead municipality"),
        "plan_office": QT_TRANSLATE_NOOP("ProceedingBodyKind", "Plan office"),
        "province": QT_TRANSLATE_NOOP("ProceedingBodyKind", "Province"),
        "consortium_company": QT_TRANSLATE_NOOP("ProceedingBodyKind", "Consortium company"),
    },
    codes.PartnerRole: {
        "lead": QT_TRANSLATE_NOOP("PartnerRole", "Lead ETS"),
        "partner": QT_TRANSLATE_NOOP("PartnerRole", "Partner"),
        "supporter": QT_TRANSLATE_NOOP("PartnerRole", "Supporter"),
    },
    codes.FundingSource: {
        "fnps": QT_TRANSLATE_NOOP("FundingSource", "FNPS"),
        "poverty_fund": QT_TRANSLATE_NOOP("FundingSource", "Poverty fund"),
        "fna": QT_TRANSLATE_NOOP("FundingSource", "FNA"),
        "after_us": QT_TRANSLATE_NOOP("FundingSource", "After us (Dopo di Noi)"),
        "pnrr_m5c2_1_1": QT_TRANSLATE_NOOP("FundingSource", "PNRR M5C2 1.1"),
        "pnrr_m5c2_1_2": QT_TRANSLATE_NOOP("FundingSource", "PNRR M5C2 1.2"),
        "pnrr_m5c2_1_3": QT_TRANSLATE_NOOP("FundingSource", "PNRR M5C2 1.3"),
        "pnrr_m5c1_gol": QT_TRANSLATE_NOOP("FundingSource", "PNRR M5C1 GOL"),
        "esf_plus": QT_TRANSLATE_NOOP("FundingSource", "ESF+"),
        "regional_disability_fund": QT_TRANSLATE_NOOP("FundingSource", "Regional disability fund"),
        "private_foundation": QT_TRANSLATE_NOOP("FundingSource", "Private foundation"),
        "municipality": QT_TRANSLATE_NOOP("FundingSource", "Municipality"),
        "ets_cofinancing": QT_TRANSLATE_NOOP("FundingSource", "ETS co-financing"),
        "other": QT_TRANSLATE_NOOP("FundingSource", "Other"),
    },
    codes.ProjectTarget: {
        "neet": QT_TRANSLATE_NOOP("ProjectTarget", "NEET"),
        "cmd": QT_TRANSLATE_NOOP("ProjectTarget", "Targeted placement (CMD)"),
        "both": QT_TRANSLATE_NOOP("ProjectTarget", "NEET and CMD"),
        "other": QT_TRANSLATE_NOOP("ProjectTarget", "Other"),
    },
    codes.ActivityStatus: {
        "planned": QT_TRANSLATE_NOOP("ActivityStatus", "Planned"),
        "running": QT_TRANSLATE_NOOP("ActivityStatus", "Running"),
        "done": QT_TRANSLATE_NOOP("ActivityStatus", "Done"),
        "cancelled": QT_TRANSLATE_NOOP("ActivityStatus", "Cancelled"),
    },
    codes.IndicatorKind: {
        "manual": QT_TRANSLATE_NOOP("IndicatorKind", "Typed in"),
        "referrals_linked": QT_TRANSLATE_NOOP("IndicatorKind", "Linked referrals"),
        "median_days_to_taking_in_charge": QT_TRANSLATE_NOOP(
            "IndicatorKind", "Median days to taking in charge"
        ),
        "traineeships_started": QT_TRANSLATE_NOOP("IndicatorKind", "Traineeships started"),
        "hires": QT_TRANSLATE_NOOP("IndicatorKind", "Hires"),
        "drop_outs": QT_TRANSLATE_NOOP("IndicatorKind", "Drop-outs"),
    },
    codes.MeetingType: {
        "provincial_table": QT_TRANSLATE_NOOP("MeetingType", "Provincial table"),
        "co_design_table": QT_TRANSLATE_NOOP("MeetingType", "Co-design table"),
        "team": QT_TRANSLATE_NOOP("MeetingType", "Team"),
        "local_network": QT_TRANSLATE_NOOP("MeetingType", "Local network"),
        "other": QT_TRANSLATE_NOOP("MeetingType", "Other"),
    },
    codes.MeetingMode: {
        "in_person": QT_TRANSLATE_NOOP("MeetingMode", "In person"),
        "video": QT_TRANSLATE_NOOP("MeetingMode", "Video call"),
        "mixed": QT_TRANSLATE_NOOP("MeetingMode", "Mixed"),
    },
    codes.Attendance: {
        "invited": QT_TRANSLATE_NOOP("Attendance", "Invited"),
        "present": QT_TRANSLATE_NOOP("Attendance", "Present"),
        "remote": QT_TRANSLATE_NOOP("Attendance", "Remote"),
        "justified_absence": QT_TRANSLATE_NOOP("Attendance", "Justified absence"),
        "absent": QT_TRANSLATE_NOOP("Attendance", "Absent"),
    },
    codes.VoteKind: {
        "none": QT_TRANSLATE_NOOP("VoteKind", "No vote"),
        "unanimous": QT_TRANSLATE_NOOP("VoteKind", "Unanimous"),
        "majority": QT_TRANSLATE_NOOP("VoteKind", "Majority"),
    },
    codes.ActionItemStatus: {
        "open": QT_TRANSLATE_NOOP("ActionItemStatus", "Open"),
        "done": QT_TRANSLATE_NOOP("ActionItemStatus", "Done"),
        "cancelled": QT_TRANSLATE_NOOP("ActionItemStatus", "Cancelled"),
    },
    codes.MinutesStatus: {
        "draft": QT_TRANSLATE_NOOP("MinutesStatus", "Draft"),
        "approved": QT_TRANSLATE_NOOP("MinutesStatus", "Approved"),
    },
    codes.RouteTrack: {
        "neet": QT_TRANSLATE_NOOP("RouteTrack", "NEET"),
        "cmd": QT_TRANSLATE_NOOP("RouteTrack", "CMD (targeted placement)"),
        "social": QT_TRANSLATE_NOOP("RouteTrack", "Social needs (to the Ambito)"),
    },
    codes.LegalRepresentativeKind: {
        "parent": QT_TRANSLATE_NOOP("LegalRepresentativeKind", "Parent"),
        "guardian": QT_TRANSLATE_NOOP("LegalRepresentativeKind", "Guardian"),
        "support_administrator": QT_TRANSLATE_NOOP(
            "LegalRepresentativeKind", "Support administrator"
        ),
        "curator": QT_TRANSLATE_NOOP("LegalRepresentativeKind", "Curator"),
    },
    codes.HiringMode: {
        "nominative": QT_TRANSLATE_NOOP("HiringMode", "Nominative request (art. 7)"),
        "numeric": QT_TRANSLATE_NOOP("HiringMode", "Numeric placement (art. 7)"),
        "art11_agreement": QT_TRANSLATE_NOOP("HiringMode", "Agreement art. 11 L. 68/1999"),
        "art14_agreement": QT_TRANSLATE_NOOP("HiringMode", "Agreement art. 14 D.Lgs. 276/2003"),
    },
    codes.CompatibleTask: {
        "administrative": QT_TRANSLATE_NOOP("CompatibleTask", "Administrative work"),
        "reception": QT_TRANSLATE_NOOP("CompatibleTask", "Reception and front desk"),
        "data_entry": QT_TRANSLATE_NOOP("CompatibleTask", "Data entry"),
        "light_assembly": QT_TRANSLATE_NOOP("CompatibleTask", "Light assembly"),
        "warehouse": QT_TRANSLATE_NOOP("CompatibleTask", "Warehouse and logistics"),
        "cleaning": QT_TRANSLATE_NOOP("CompatibleTask", "Cleaning"),
        "catering": QT_TRANSLATE_NOOP("CompatibleTask", "Catering"),
        "retail": QT_TRANSLATE_NOOP("CompatibleTask", "Retail"),
        "green_maintenance": QT_TRANSLATE_NOOP("CompatibleTask", "Green maintenance"),
        "craft": QT_TRANSLATE_NOOP("CompatibleTask", "Craft work"),
        "other": QT_TRANSLATE_NOOP("CompatibleTask", "Other task"),
    },
    codes.PlacementSupport: {
        "company_tutor": QT_TRANSLATE_NOOP("PlacementSupport", "Company tutor"),
        "job_coach": QT_TRANSLATE_NOOP("PlacementSupport", "Job coach"),
        "workstation_adaptation": QT_TRANSLATE_NOOP("PlacementSupport", "Workstation adaptation"),
        "accessible_workplace": QT_TRANSLATE_NOOP("PlacementSupport", "Accessible workplace"),
        "part_time": QT_TRANSLATE_NOOP("PlacementSupport", "Part-time"),
        "flexible_hours": QT_TRANSLATE_NOOP("PlacementSupport", "Flexible hours"),
        "transport": QT_TRANSLATE_NOOP("PlacementSupport", "Transport"),
        "assistive_technology": QT_TRANSLATE_NOOP("PlacementSupport", "Assistive technology"),
        "no_heavy_lifting": QT_TRANSLATE_NOOP("PlacementSupport", "No heavy lifting"),
        "no_night_work": QT_TRANSLATE_NOOP("PlacementSupport", "No night work"),
        "other": QT_TRANSLATE_NOOP("PlacementSupport", "Other support"),
    },
    codes.PlanParty: {
        "ambito": QT_TRANSLATE_NOOP("PlanParty", "Ambito"),
        "cpi": QT_TRANSLATE_NOOP("PlanParty", "CPI"),
        "ets": QT_TRANSLATE_NOOP("PlanParty", "Third Sector provider"),
        "person": QT_TRANSLATE_NOOP("PlanParty", "The person"),
    },
    codes.ReviewOutcome: {
        "on_track": QT_TRANSLATE_NOOP("ReviewOutcome", "On track"),
        "revised": QT_TRANSLATE_NOOP("ReviewOutcome", "Plan revised"),
        "goals_reached": QT_TRANSLATE_NOOP("ReviewOutcome", "Goals reached"),
        "interrupted": QT_TRANSLATE_NOOP("ReviewOutcome", "Path interrupted"),
    },
    codes.SocialReferralStatus: {
        "draft": QT_TRANSLATE_NOOP("SocialReferralStatus", "Draft"),
        "sent": QT_TRANSLATE_NOOP("SocialReferralStatus", "Sent"),
        "accepted": QT_TRANSLATE_NOOP("SocialReferralStatus", "Accepted"),
        "declined": QT_TRANSLATE_NOOP("SocialReferralStatus", "Declined"),
        "closed": QT_TRANSLATE_NOOP("SocialReferralStatus", "Closed"),
        "withdrawn": QT_TRANSLATE_NOOP("SocialReferralStatus", "Withdrawn"),
    },
}


# Where a column has room for an acronym only.
_TRACK_SHORT: dict[str, str] = {
    "neet": QT_TRANSLATE_NOOP("TrackShort", "NEET"),
    "cmd": QT_TRANSLATE_NOOP("TrackShort", "CMD"),
}


def short_track_label(track: codes.Track) -> str:
    return QCoreApplication.translate("TrackShort", _TRACK_SHORT[codes.Track(track).value])


def label(code: StrEnum) -> str:
    """The label of a code in the current language.

    Keyed by the enumeration and the value: members of two enumerations with the same value
    (``Track.NEET`` and ``ProjectTarget.NEET``) compare equal as strings.
    """
    enum = type(code)
    return QCoreApplication.translate(enum.__name__, _SOURCES[enum][code.value])


def person_label(code: StrEnum, sex: codes.Sex | None) -> str:
    """The label of a code that describes a person, agreeing with the person's sex.

    The translations hold the neutral form ("Disoccupato/a", "Studente/studentessa"), as a
    list of choices needs; for one person the form that agrees is taken from it, as the
    printed documents do (``desktop.documents.labels``). English labels have no such forms.
    """
    text = label(code)
    if sex is None or type(code) not in _DESCRIBING_THE_PERSON:
        return text
    female = sex is codes.Sex.FEMALE
    text = re.sub(r"\b(\w+)o/a\b", lambda m: m.group(1) + ("a" if female else "o"), text)

    def one_of_two(match: re.Match[str]) -> str:
        chosen = match.group(2) if female else match.group(1)
        return chosen.capitalize() if match.group(1)[0].isupper() else chosen

    return re.sub(r"\b(\w+)/(\w+)\b", one_of_two, text)


_DESCRIBING_THE_PERSON = (codes.EmploymentStatus, codes.DisabilityCategory)


def choices(enum: type[E]) -> list[tuple[E, str]]:
    """Every code of an enumeration with its label, in the enumeration's order (for combos)."""
    return [(member, label(member)) for member in enum]


def labelled_enums() -> tuple[type[StrEnum], ...]:
    return tuple(_SOURCES)
