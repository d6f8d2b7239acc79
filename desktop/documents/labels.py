"""Italian labels of the codes that printed documents show.

The application's labels live in Qt's translation files (``desktop/ui/labels.py``), which core
code cannot load; a test keeps these equal to the Italian translations shipped there, so that
paper and screen always use the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from desktop.domain import codes

ITALIAN: Mapping[type[StrEnum], Mapping[str, str]] = {
    codes.SiteKind: {
        "ambito": "Ambito territoriale",
        "cpi": "Centro per l'Impiego (CPI)",
        "provincia": "Provincia",
        "ets": "Ente del Terzo Settore (ETS)",
    },
    codes.Track: {"neet": "NEET", "cmd": "Collocamento mirato (CMD)"},
    codes.ReferralStatus: {
        "draft": "Bozza",
        "sent": "Inviata",
        "received": "Ricevuta",
        "taken_in_charge": "Presa in carico",
        "in_path": "In percorso",
        "concluded": "Conclusa",
        "returned": "Restituita",
        "not_relevant": "Non pertinente",
        "withdrawn": "Annullata",
    },
    codes.Urgency: {"normal": "Normale", "high": "Alta", "urgent": "Urgente"},
    codes.Sex: {"M": "Maschio", "F": "Femmina"},
    codes.EmploymentStatus: {
        "unemployed": "Disoccupato",
        "never_employed": "Inoccupato",
        "employed": "Occupato",
        "student": "Studente",
        "inactive": "Inattivo",
    },
    codes.ContactChannel: {
        "phone": "Telefono",
        "email": "E-mail",
        "sms": "SMS",
        "in_person": "Di persona",
    },
    codes.PermitType: {
        "work": "Lavoro",
        "family": "Motivi familiari",
        "study": "Studio",
        "asylum": "Asilo",
        "subsidiary_protection": "Protezione sussidiaria",
        "special_protection": "Protezione speciale",
        "long_term_eu": "Soggiornante UE di lungo periodo",
        "other": "Altro",
    },
    codes.ProfilingClass: {
        "low": "Bassa",
        "medium_low": "Medio-bassa",
        "medium_high": "Medio-alta",
        "high": "Alta",
    },
    codes.GuaranteeStatus: {
        "not_adhered": "Non aderente",
        "adhered": "Aderente",
        "taken_in_charge": "Presa in carico",
        "cancelled": "Annullata",
    },
    codes.Need: {
        "orientation": "Orientamento",
        "motivation": "Motivazione",
        "basic_skills": "Competenze di base",
        "italian_language": "Lingua italiana",
        "work_life_balance": "Conciliazione",
        "housing": "Abitativo",
        "health": "Salute",
        "digital_skills": "Competenze digitali",
        "mobility": "Mobilità",
        "other": "Altro",
    },
    codes.OtherService: {
        "social_service": "Servizio sociale",
        "child_protection": "Tutela minori",
        "mental_health": "Salute mentale (CPS / NPIA)",
        "addiction": "Dipendenze (SerD)",
        "family_counselling": "Consultorio familiare",
        "school": "Scuola",
        "other": "Altro",
    },
    codes.DisabilityCategory: {
        "civil_invalid": "Invalido civile (oltre 45%)",
        "work_invalid": "Invalido del lavoro (oltre 33%)",
        "blind": "Non vedente",
        "deaf": "Sordo",
        "war_invalid": "Invalido di guerra",
        "service_invalid": "Invalido per servizio",
    },
    codes.PathActionType: {
        "basic_guidance": "Orientamento di base",
        "specialist_guidance": "Orientamento specialistico",
        "training": "Formazione",
        "back_to_education": "Rientro in istruzione",
        "traineeship": "Tirocinio extracurriculare",
        "inclusion_traineeship": "Tirocinio di inclusione",
        "training_island": "Isola formativa",
        "job_accompaniment": "Accompagnamento al lavoro",
        "apprenticeship": "Apprendistato",
        "civil_service": "Servizio civile",
        "self_employment": "Autoimpiego",
        "l68_art11_agreement": "Convenzione L.68 art. 11",
        "l68_art12_agreement": "Convenzione L.68 art. 12",
        "art14_agreement": "Convenzione art. 14 D.Lgs. 276/2003",
        "work_grant": "Borsa lavoro",
        "job_retention": "Mantenimento del posto",
        "other": "Altro",
    },
    codes.ActionState: {
        "planned": "Prevista",
        "running": "In corso",
        "completed": "Conclusa",
        "interrupted": "Interrotta",
    },
    codes.Outcome: {
        "hired": "Assunzione",
        "traineeship_no_hire": "Tirocinio concluso senza assunzione",
        "training_completed": "Formazione conclusa",
        "back_to_education": "Rientro in istruzione o formazione",
        "civil_service": "Servizio civile",
        "self_employment": "Autoimpiego",
        "other_service": "Presa in carico da altro servizio",
        "dropped_out": "Rinuncia o abbandono",
        "unreachable": "Irreperibile",
        "moved_away": "Trasferito fuori provincia",
        "lost_eligibility": "Perdita dei requisiti",
        "other": "Altro",
    },
    codes.ContractType: {
        "permanent": "Tempo indeterminato",
        "fixed_term": "Tempo determinato",
        "apprenticeship": "Apprendistato",
        "agency": "Somministrazione",
        "other": "Altro",
    },
    codes.EmployerType: {
        "private": "Privato",
        "public": "Pubblico",
        "social_coop": "Cooperativa sociale",
        "other": "Altro",
    },
    codes.ProjectStatus: {
        "co_programming": "Co-programmazione",
        "notice": "Avviso",
        "co_design_table": "Tavolo di coprogettazione",
        "agreement_signed": "Convenzione firmata",
        "running": "In corso",
        "concluded": "Concluso",
        "reported": "Rendicontato",
    },
    codes.ProceedingBodyKind: {
        "lead_municipality": "Comune capofila",
        "plan_office": "Ufficio di Piano",
        "province": "Provincia",
        "consortium_company": "Azienda consortile",
    },
    codes.PartnerRole: {"lead": "Capofila ETS", "partner": "Partner", "supporter": "Aderente"},
    codes.FundingSource: {
        "fnps": "FNPS",
        "poverty_fund": "Fondo Povertà",
        "fna": "FNA",
        "after_us": "Dopo di Noi",
        "pnrr_m5c2_1_1": "PNRR M5C2 1.1",
        "pnrr_m5c2_1_2": "PNRR M5C2 1.2",
        "pnrr_m5c2_1_3": "PNRR M5C2 1.3",
        "pnrr_m5c1_gol": "PNRR M5C1 GOL",
        "esf_plus": "FSE+",
        "regional_disability_fund": "Fondo regionale disabili",
        "private_foundation": "Fondazione privata",
        "municipality": "Comune",
        "ets_cofinancing": "Cofinanziamento ETS",
        "other": "Altro",
    },
    codes.ProjectTarget: {
        "neet": "NEET",
        "cmd": "Collocamento mirato (CMD)",
        "both": "NEET e CMD",
        "other": "Altro",
    },
    codes.ActivityStatus: {
        "planned": "Prevista",
        "running": "In corso",
        "done": "Svolta",
        "cancelled": "Annullata",
    },
    codes.MeetingType: {
        "provincial_table": "Tavolo provinciale",
        "co_design_table": "Tavolo di coprogettazione",
        "team": "Équipe",
        "local_network": "Rete territoriale",
        "other": "Altro",
    },
    codes.MeetingMode: {
        "in_person": "In presenza",
        "video": "In videoconferenza",
        "mixed": "Mista",
    },
    codes.Attendance: {
        "invited": "Invitato",
        "present": "Presente",
        "remote": "Da remoto",
        "justified_absence": "Assente giustificato",
        "absent": "Assente",
    },
    codes.VoteKind: {
        "none": "Nessuna votazione",
        "unanimous": "All'unanimità",
        "majority": "A maggioranza",
    },
    codes.MinutesStatus: {"draft": "Bozza", "approved": "Approvato"},
}


def it_label(code: StrEnum | None) -> str:
    """The Italian label of a code; "" for a missing one."""
    if code is None:
        return ""
    return ITALIAN[type(code)][code.value]
