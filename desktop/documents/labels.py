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
}


def it_label(code: StrEnum | None) -> str:
    """The Italian label of a code; "" for a missing one."""
    if code is None:
        return ""
    return ITALIAN[type(code)][code.value]


# What the audit trail's codes (``desktop.domain.audit_actions``) mean, for printed registers
# and extracts. Not in ``ITALIAN``: the application shows them through its own translations.
AUDIT_ACTIONS: Mapping[str, str] = {
    "create": "Inserimento",
    "update": "Modifica",
    "delete": "Eliminazione",
    "status": "Cambio di stato",
    # A referral's transitions are audited under their own codes (desktop.domain.lifecycle).
    "send": "Invio della segnalazione",
    "withdraw": "Annullamento della segnalazione",
    "receive": "Ricezione della segnalazione",
    "return": "Restituzione della segnalazione",
    "reject": "Segnalazione dichiarata non pertinente",
    "take_in_charge": "Presa in carico",
    "start_path": "Avvio del percorso",
    "conclude": "Conclusione del percorso",
    "update_handling": "Aggiornamento della presa in carico",
    "add_action": "Aggiunta di un'azione del percorso",
    "update_action": "Modifica di un'azione del percorso",
    "remove_action": "Rimozione di un'azione del percorso",
    "link_referral": "Collegamento a un progetto",
    "unlink_referral": "Scollegamento da un progetto",
    "approve_minutes": "Approvazione del verbale",
    "correct_minutes": "Rettifica del verbale",
    "issue_document": "Emissione di un documento",
    "restrict": "Limitazione del trattamento",
    "lift_restriction": "Revoca della limitazione del trattamento",
    "merge": "Unione di una scheda doppia",
    "anonymise": "Anonimizzazione",
    "open_person": "Consultazione della scheda della persona",
    "open_referral": "Consultazione della segnalazione",
    "open_cmd_section": "Consultazione dei dati del collocamento mirato",
    "search": "Ricerca",
    "export": "Esportazione",
    "export_sensitive": "Esportazione con dati riservati",
    "print": "Stampa",
    "preview": "Anteprima di stampa",
    "access_extract": "Estratto dei dati personali",
    "view_audit": "Consultazione del registro degli accessi",
    "export_audit": "Esportazione del registro degli accessi",
    "print_access_register": "Stampa del registro degli accessi",
    "retention_review": "Revisione dei tempi di conservazione",
    "restore": "Ripristino da una copia di sicurezza",
}
OTHER_AUDIT_ACTION = "Altra operazione"

# The documents Trama issues (``desktop.documents.DocumentType``), as a person reads them.
DOCUMENT_TYPES: Mapping[str, str] = {
    "referral_form": "Scheda di segnalazione",
    "privacy_notice": "Informativa privacy",
    "minutes": "Verbale",
    "attendance_sheet": "Foglio presenze",
    "agenda": "Convocazione e ordine del giorno",
    "project_sheet": "Scheda progetto",
    "personal_data_extract": "Estratto dei dati personali",
}


def audit_action_label(code: str) -> str:
    """The Italian words for an audit row's action; an unknown code is never shown as such."""
    return AUDIT_ACTIONS.get(code, OTHER_AUDIT_ACTION)


def document_type_label(code: str) -> str:
    return DOCUMENT_TYPES.get(code, "Documento")
