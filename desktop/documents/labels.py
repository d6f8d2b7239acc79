"""Italian labels of the codes that printed documents show.

The application's labels live in Qt's translation files (``desktop/ui/labels.py``), which core
code cannot load; a test keeps these equal to the Italian translations shipped there, so that
paper and screen always use the same words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum

from desktop.domain import codes

ITALIAN: Mapping[type[StrEnum], Mapping[str, str]] = {
    codes.SiteKind: {
        "ambito": "Ambito territoriale",
        "cpi": "Centro per l'Impiego (CPI)",
        "provincia": "Provincia",
        "ets": "Ente del Terzo settore (ETS)",
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
        "unemployed": "Disoccupato/a",
        "never_employed": "Inoccupato/a",
        "employed": "Occupato/a",
        "employed_low_income": "Occupato/a con reddito sotto la soglia",
        "student": "Studente/studentessa",
        "inactive": "Inattivo/a",
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
        "low": "1 – Bassa",
        "medium_low": "2 – Media",
        "medium_high": "3 – Alta",
        "high": "4 – Molto alta",
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
        "civil_invalid": "Invalido/a civile (oltre 45%)",
        "work_invalid": "Invalido/a del lavoro (oltre 33%)",
        "blind": "Non vedente",
        "deaf": "Sordo/a",
        "war_invalid": "Invalido/a di guerra",
        "service_invalid": "Invalido/a per servizio",
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
        "moved_away": "Trasferimento fuori provincia",
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
        "co_design_table": "Tavolo di co-progettazione",
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
        "co_design_table": "Tavolo di co-progettazione",
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
    codes.RouteTrack: {
        "neet": "NEET",
        "cmd": "Collocamento mirato (CMD)",
        "social": "Bisogni sociali (all'Ambito)",
    },
    codes.LegalRepresentativeKind: {
        "parent": "Genitore (responsabilità genitoriale)",
        "guardian": "Tutore",
        "support_administrator": "Amministratore di sostegno",
        "curator": "Curatore",
    },
    codes.HiringMode: {
        "nominative": "Richiesta nominativa (art. 7 L. 68/1999)",
        "numeric": "Avviamento numerico (art. 7 L. 68/1999)",
        "art11_agreement": "Convenzione art. 11 L. 68/1999",
        "art14_agreement": "Convenzione art. 14 D.Lgs. 276/2003",
    },
    codes.CompatibleTask: {
        "administrative": "Lavoro d'ufficio e amministrativo",
        "reception": "Accoglienza e sportello",
        "data_entry": "Inserimento dati",
        "light_assembly": "Assemblaggio leggero",
        "warehouse": "Magazzino e logistica",
        "cleaning": "Pulizie",
        "catering": "Ristorazione",
        "retail": "Commercio e vendita",
        "green_maintenance": "Manutenzione del verde",
        "craft": "Lavoro artigianale",
        "other": "Altra mansione",
    },
    codes.PlacementSupport: {
        "company_tutor": "Tutor aziendale",
        "job_coach": "Accompagnamento al lavoro (job coach)",
        "workstation_adaptation": "Adattamento della postazione",
        "accessible_workplace": "Luogo di lavoro accessibile",
        "part_time": "Orario ridotto (part-time)",
        "flexible_hours": "Orario flessibile",
        "transport": "Trasporto",
        "assistive_technology": "Ausili tecnologici",
        "no_heavy_lifting": "Niente sollevamento di carichi",
        "no_night_work": "Niente lavoro notturno",
        "other": "Altro supporto",
    },
    codes.PlanParty: {
        "ambito": "Ambito territoriale",
        "cpi": "Centro per l'Impiego",
        "ets": "Ente del Terzo settore",
        "person": "La persona",
    },
    codes.ReviewOutcome: {
        "on_track": "In linea con il progetto",
        "revised": "Progetto rivisto",
        "goals_reached": "Obiettivi raggiunti",
        "interrupted": "Percorso interrotto",
    },
    codes.SocialReferralStatus: {
        "draft": "Bozza",
        "sent": "Inviata",
        "accepted": "Presa in carico",
        "declined": "Non di competenza",
        "closed": "Chiusa",
        "withdrawn": "Annullata",
    },
}


# The labels above that describe the person agree with the person's sex on paper; the neutral
# "Disoccupato/a" above (the screens' word, where no one person is meant) is kept for an
# unknown sex.
BY_SEX: Mapping[type[StrEnum], Mapping[str, tuple[str, str]]] = {
    codes.EmploymentStatus: {
        "unemployed": ("Disoccupato", "Disoccupata"),
        "never_employed": ("Inoccupato", "Inoccupata"),
        "employed": ("Occupato", "Occupata"),
        "employed_low_income": (
            "Occupato con reddito sotto la soglia",
            "Occupata con reddito sotto la soglia",
        ),
        "student": ("Studente", "Studentessa"),
        "inactive": ("Inattivo", "Inattiva"),
    },
    codes.DisabilityCategory: {
        "civil_invalid": ("Invalido civile (oltre 45%)", "Invalida civile (oltre 45%)"),
        "work_invalid": ("Invalido del lavoro (oltre 33%)", "Invalida del lavoro (oltre 33%)"),
        "blind": ("Non vedente", "Non vedente"),
        "deaf": ("Sordo", "Sorda"),
        "war_invalid": ("Invalido di guerra", "Invalida di guerra"),
        "service_invalid": ("Invalido per servizio", "Invalida per servizio"),
    },
}


def it_label(code: StrEnum | None, sex: codes.Sex | None = None) -> str:
    """The Italian label of a code; "" for a missing one.

    ``sex`` is the person's the code describes: "Disoccupata" for a woman, "Disoccupato" for
    a man, "Disoccupato/a" when it is not known; codes that do not describe a person ignore it.
    """
    if code is None:
        return ""
    forms = BY_SEX.get(type(code), {}).get(code.value)
    if forms is not None and sex is not None:
        return forms[1] if sex is codes.Sex.FEMALE else forms[0]
    return ITALIAN[type(code)][code.value]


def agreeing(sex: codes.Sex | None, masculine: str, feminine: str, neutral: str = "") -> str:
    """A word that agrees with the person: "nato" / "nata", or ``neutral`` ("nato/a") when the
    sex is not known (by default the masculine with "/a")."""
    if sex is codes.Sex.FEMALE:
        return feminine
    if sex is codes.Sex.MALE:
        return masculine
    return neutral or f"{masculine}/a"


# The article of the head noun a body's name opens with, to write "dall'Ambito territoriale di
# …", "la Provincia di Varese", "il Centro per l'Impiego di …" in sentences.
_ARTICLE_OF_HEAD = {
    "ambito": "l'", "azienda": "l'", "ufficio": "l'", "ente": "l'", "associazione": "l'",
    "unione": "l'", "comunità": "la", "provincia": "la", "regione": "la", "cooperativa": "la",
    "fondazione": "la", "comune": "il", "centro": "il", "consorzio": "il", "servizio": "il",
    "cpi": "il",
}  # fmt: skip


def with_article(name: str) -> str:
    """A body's name with its article ("l'Ambito territoriale di Saronno"), or the name as it
    is when its head noun is not known or it has an article already."""
    text = name.strip()
    head = text.split(" ", 1)[0].lower()
    article = _ARTICLE_OF_HEAD.get(head)
    if article is None:
        return text
    return f"{article}{text}" if article.endswith("'") else f"{article} {text}"


# "di", "a", "da", "in", "su" joined to the article of a body's name: "dall'Ambito …".
_JOINED = {
    "di": {"l'": "dell'", "il": "del", "la": "della"},
    "a": {"l'": "all'", "il": "al", "la": "alla"},
    "da": {"l'": "dall'", "il": "dal", "la": "dalla"},
    "in": {"l'": "nell'", "il": "nel", "la": "nella"},
    "su": {"l'": "sull'", "il": "sul", "la": "sulla"},
}


def fill_name(text: str, marker: str, name: str) -> str:
    """Puts a body's name into a translated sentence, joining the preposition before the
    marker to the name's article: fill_name("da %1 a %2", "%1", "Ambito di Saronno") →
    "dall'Ambito di Saronno a %2". A name whose article is not known is put as it is."""
    named = with_article(name)
    article = named[:2] if named.startswith("l'") else named.split(" ", 1)[0]

    def joined(match: re.Match[str]) -> str:
        preposition = match.group(1)
        forms = _JOINED[preposition.lower()]
        if named == name.strip() or article not in forms:
            return match.group(0).replace(marker, name)
        word = forms[article]
        if preposition[0].isupper():
            word = word.capitalize()
        rest = named.removeprefix(article).lstrip()
        return f"{word}{rest}" if word.endswith("'") else f"{word} {rest}"

    text = re.sub(rf"\b([Dd]i|[Aa]|[Dd]a|[Ii]n|[Ss]u) {re.escape(marker)}", joined, text)
    return text.replace(marker, name)
