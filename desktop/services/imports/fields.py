"""Trama's fields an import fills, their Italian header synonyms, and the mapping (helper B).

The synonyms are what offices really write above their columns ("C.F.", "Nato il", "Data
DID", "N. pratica"); they are compared after ``normalise_header``. A header no synonym names
exactly is matched loosely (RapidFuzz) only above a high score, so that "Note interne" is left
out rather than poured into the referral's reason. A combined "Cognome e nome" column is out of
scope on purpose: splitting names is guesswork, and it stays unmapped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import String

from desktop.documents.labels import BY_SEX, ITALIAN
from desktop.domain import codes
from desktop.domain.text import normalise_search_text
from desktop.services.imports.model import (
    ColumnMapping,
    FieldKind,
    ImportField,
    ImportFileError,
    ImportKind,
)
from desktop.services.referrals.records import REASON_MAX, TEXT_LIMITS
from desktop.store.models import Person

MAPPING_VERSION = 1
MAPPING_MAX_BYTES = 1_000_000
# Below this RapidFuzz score (token_sort_ratio, 0-100) a header is not taken for a synonym.
HEADER_MATCH_SCORE = 87.0
SOURCE_REFERENCE_MAX = 100

# The field filling the person's birthplace: its value is a (cadastral code, name) pair that
# ``values.expand_values`` turns into PersonInput's birthplace_code and birthplace_name.
BIRTHPLACE = "birthplace"
# Numbers with a range: (lowest, highest); None as highest means the current year.
NUMBER_RANGES: Mapping[str, tuple[int, int | None]] = {
    "disability_percentage": (0, 100),
    "isced_level": (0, 8),
    "gol_path": (1, 5),
    "education_year": (1900, None),
}
# Dates that may lie in the future (an expiry, a planned revision); every other date is a
# fact already happened (a birth, a sending, a conclusion) and after today is an error.
FUTURE_DATES = frozenset({"permit_expiry", "invalidity_revision_on"})
# Codes a law retired: what an old workbook says is read as today's code, with a warning.
OBSOLETE_CHOICES: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "employment_status": {
        "never_employed": (
            "unemployed",
            "la condizione di inoccupato non esiste più dal D.Lgs. 150/2015",
        ),
    },
}
# Postcodes: five digits, kept as text (a number cell loses the leading zero).
POSTCODES = frozenset({"residence_postcode", "domicile_postcode"})

# The code list of each CHOICE / CHOICES field: the dry run turns a parsed code into its enum.
CHOICE_ENUMS: Mapping[str, type[StrEnum]] = {
    "sex": codes.Sex,
    "permit_type": codes.PermitType,
    "preferred_channel": codes.ContactChannel,
    "employment_status": codes.EmploymentStatus,
    "representative_kind": codes.LegalRepresentativeKind,
    "track": codes.Track,
    "urgency": codes.Urgency,
    "needs": codes.Need,
    "other_services": codes.OtherService,
    "guarantee_status": codes.GuaranteeStatus,
    "profiling_class": codes.ProfilingClass,
    "disability_category": codes.DisabilityCategory,
    "compatible_tasks": codes.CompatibleTask,
    "placement_supports": codes.PlacementSupport,
    "outcome": codes.Outcome,
}

_KIND_IN_FILE = {ImportKind.PERSONS: "persone", ImportKind.REFERRALS: "segnalazioni"}


def normalise_header(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: how headers are compared.

    "Data di nascita", "DATA  DI NASCITA:" and "data_di_nascita" are one header; "N°" and
    "n." both become "n". Shared by the reader's search for the header row and the mapping.
    """
    return " ".join(_NOT_WORD.sub(" ", normalise_search_text(text).replace("°", "")).split())


_NOT_WORD = re.compile(r"[^0-9a-z]+")
_WORD = re.compile(r"[^\s.]+\.?")


def abbreviated_words(text: str) -> list[tuple[str, bool]] | None:
    """The words of ``text`` normalised, each marked when it ends with a dot (an
    abbreviation: "Busto A.", "Comune res."); None when no word is abbreviated."""
    words: list[tuple[str, bool]] = []
    for written in _WORD.findall(text):
        parts = normalise_header(written).split()
        for index, part in enumerate(parts):
            words.append((part, written.endswith(".") and index == len(parts) - 1))
    if not any(abbreviated for _, abbreviated in words):
        return None
    return words


def _abbreviation_of(words: Sequence[tuple[str, bool]], synonym: str) -> bool:
    """Whether ``words`` ("comune", "res.") abbreviate ``synonym`` ("comune residenza"):
    as many words, each dotted one the start of the synonym's word, the others equal."""
    full = synonym.split()
    return len(full) == len(words) and all(
        word.startswith(part) if dotted else word == part
        for (part, dotted), word in zip(words, full, strict=True)
    )


_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def _person_limit(name: str) -> int | None:
    column_type = Person.__table__.c[name].type
    return column_type.length if isinstance(column_type, String) else None


def _choices(
    enum: type[StrEnum], extra: Mapping[str, Iterable[str]] | None = None
) -> dict[str, tuple[str, ...]]:
    """code -> (Italian label, the code, the label's forms by sex, common variants)."""
    result: dict[str, tuple[str, ...]] = {}
    for member in enum:
        forms = [ITALIAN[enum][member.value], member.value]
        forms += BY_SEX.get(enum, {}).get(member.value, ())
        forms += (extra or {}).get(member.value, ())
        result[member.value] = tuple(dict.fromkeys(forms))
    return result


def _field(
    key: str,
    label: str,
    kind: FieldKind,
    synonyms: Iterable[str] = (),
    *,
    required: bool = False,
    choices: Mapping[str, tuple[str, ...]] | None = None,
    max_length: int | None = None,
) -> ImportField:
    normal = tuple(dict.fromkeys(normalise_header(s) for s in (label, *synonyms)))
    return ImportField(
        key=key,
        label=label,
        kind=kind,
        synonyms=normal,
        required=required,
        choices=choices or {},
        max_length=max_length,
    )


def _person_fields() -> tuple[ImportField, ...]:
    text, date_ = FieldKind.TEXT, FieldKind.DATE
    return (
        _field("fiscal_code", "Codice fiscale", FieldKind.FISCAL_CODE, (
            "C.F.", "CF", "Cod. fiscale", "Cod. fisc.", "Cod fisc", "Codice fiscale utente",
            "C.F. utente", "Codice fiscale persona", "Codice fiscale beneficiario", "Cod. F.",
            "Codice fisc.",
        ), required=True, max_length=16),
        _field("last_name", "Cognome", text, (
            "Cognome utente", "Cognome beneficiario", "Cognome persona", "Cognome assistito",
            "Cognome/i",
        ), required=True, max_length=_person_limit("last_name")),
        _field("first_name", "Nome", text, (
            "Nome utente", "Nome beneficiario", "Nome persona", "Nome assistito", "Nome/i",
        ), required=True, max_length=_person_limit("first_name")),
        _field("sex", "Sesso", FieldKind.CHOICE, (
            "M/F", "Sesso (M/F)", "Genere", "Sesso M/F", "F/M",
        ), choices=_choices(codes.Sex, {
            "M": ("maschile", "uomo", "masc", "maschio/uomo", "mas"),
            "F": ("femminile", "donna", "femm", "fem"),
        })),
        _field("birth_date", "Data di nascita", date_, (
            "Nato il", "Nata il", "Nato/a il", "Data nascita", "Data nasc.", "D. nascita",
            "Nascita", "Data di nascita (gg/mm/aaaa)", "Dt nascita", "Data nas.",
        ), required=True),
        _field(BIRTHPLACE, "Luogo di nascita", FieldKind.MUNICIPALITY, (
            "Comune di nascita", "Nato a", "Nata a", "Nato/a a", "Luogo nascita",
            "Comune nascita", "Stato di nascita", "Paese di nascita", "Comune o Stato di nascita",
            "Luogo di nascita (comune o stato estero)", "Nazione di nascita",
            "Comune/Stato nascita",
        ), max_length=_person_limit("birthplace_name")),
        _field("citizenship", "Cittadinanza", text, (
            "Nazionalità", "Cittadinanza/Nazionalità", "Stato di cittadinanza",
        ), max_length=_person_limit("citizenship")),
        _field("permit_type", "Tipo di permesso di soggiorno", FieldKind.CHOICE, (
            "Tipo permesso", "Permesso di soggiorno", "Motivo del permesso",
            "Motivo permesso di soggiorno", "Tipo PdS", "PdS",
        ), choices=_choices(codes.PermitType, {
            "work": ("lavoro subordinato", "lavoro autonomo", "motivi di lavoro"),
            "family": ("famiglia", "familiari", "ricongiungimento familiare"),
            "study": ("motivi di studio",),
            "asylum": ("asilo politico", "rifugiato", "protezione internazionale"),
            "long_term_eu": (
                "lungo periodo", "carta di soggiorno", "soggiornante di lungo periodo",
                "permesso UE per soggiornanti di lungo periodo",
            ),
        })),
        _field("permit_number", "Numero del permesso di soggiorno", text, (
            "Numero permesso", "N. permesso", "N. permesso di soggiorno", "Nr permesso",
            "Numero PdS",
        ), max_length=_person_limit("permit_number")),
        _field("permit_expiry", "Scadenza del permesso di soggiorno", date_, (
            "Scadenza permesso", "Scadenza permesso di soggiorno", "Data scadenza permesso",
            "Scadenza PdS", "Permesso valido fino al",
        )),
        _field("permit_renewing", "Permesso in rinnovo", FieldKind.BOOLEAN, (
            "In rinnovo", "Rinnovo in corso", "Permesso in corso di rinnovo", "Rinnovo permesso",
        )),
        _field("residence_municipality_id", "Comune di residenza", FieldKind.MUNICIPALITY, (
            "Residenza", "Comune residenza", "Residente a", "Comune", "Città",
            "Città di residenza", "Luogo di residenza", "Comune di residenza (VA)",
        )),
        _field("residence_address", "Indirizzo di residenza", text, (
            "Indirizzo", "Via", "Indirizzo residenza", "Via e numero civico", "Via/Piazza",
            "Indirizzo e civico", "Via di residenza", "Via e n. civico", "Indirizzo completo",
            "Via e numero", "Indirizzo (via e numero civico)",
        ), max_length=_person_limit("residence_address")),
        _field("residence_postcode", "CAP di residenza", text, (
            "CAP", "C.A.P.", "CAP residenza", "Codice postale",
        ), max_length=_person_limit("residence_postcode")),
        _field("domicile_municipality_id", "Comune di domicilio", FieldKind.MUNICIPALITY, (
            "Domicilio", "Comune domicilio", "Domiciliato a", "Domiciliata a",
            "Luogo di domicilio",
        )),
        _field("domicile_address", "Indirizzo di domicilio", text, (
            "Indirizzo domicilio", "Via domicilio", "Indirizzo del domicilio",
        ), max_length=_person_limit("domicile_address")),
        _field("domicile_postcode", "CAP di domicilio", text, (
            "CAP domicilio",
        ), max_length=_person_limit("domicile_postcode")),
        _field("phone", "Telefono", FieldKind.PHONE, (
            "Cellulare", "Tel.", "Tel", "Cell.", "Cell", "Recapito telefonico",
            "Numero di telefono", "Telefono/Cellulare", "Tel./Cell.", "Recapito", "Telefono 1",
            "N. telefono", "Cellulare utente", "Telefono utente", "Telefono fisso", "Tel. fisso",
            "Numero di cellulare", "Recapito cellulare", "Cellulare/Telefono", "Tel./Cellulare",
        ), max_length=_person_limit("phone")),
        _field("email", "E-mail", FieldKind.EMAIL, (
            "Email", "Mail", "E mail", "Indirizzo e-mail", "Posta elettronica", "Indirizzo mail",
            "E-mail utente",
        ), max_length=_person_limit("email")),
        _field("preferred_channel", "Canale di contatto preferito", FieldKind.CHOICE, (
            "Canale preferito", "Contatto preferito", "Canale di contatto", "Modalità di contatto",
        ), choices=_choices(codes.ContactChannel, {
            "phone": ("tel", "telefonico", "telefonata", "cellulare", "chiamata"),
            "email": ("mail", "posta elettronica", "email"),
            "sms": ("messaggio", "whatsapp"),
            "in_person": ("in presenza", "presenza", "di persona allo sportello", "sportello"),
        })),
        _field("employment_status", "Condizione occupazionale", FieldKind.CHOICE, (
            "Stato occupazionale", "Condizione professionale", "Condizione lavorativa",
            "Situazione lavorativa", "Situazione occupazionale", "Stato lavorativo",
        ), choices=_choices(codes.EmploymentStatus, {
            "unemployed": ("disoccupato/a", "disoccupati", "in cerca di lavoro"),
            "never_employed": ("inoccupato/a", "in cerca di prima occupazione"),
            "employed": ("lavoratore", "lavoratrice", "occupato/a"),
            "employed_low_income": (
                "sotto soglia", "occupato sotto soglia", "occupata sotto soglia",
                "working poor", "reddito sotto soglia",
            ),
            "student": ("studente/studentessa", "studenti", "in formazione"),
            "inactive": ("inattivo/a", "non forza lavoro"),
        })),
        _field("did_date", "Data della DID", date_, (
            "Data DID", "DID", "DID del", "Data rilascio DID", "Data dichiarazione DID",
            "Data dichiarazione di immediata disponibilità", "DID rilasciata il",
        )),
        _field("education_title", "Titolo di studio", text, (
            "Titolo studio", "Istruzione", "Scolarità", "Titolo di studio conseguito",
            "Grado di istruzione", "Livello di istruzione",
        ), max_length=_person_limit("education_title")),
        _field("isced_level", "Livello ISCED", FieldKind.INTEGER, ("ISCED", "Codice ISCED")),
        _field("education_year", "Anno di conseguimento del titolo", FieldKind.INTEGER, (
            "Anno di conseguimento", "Anno titolo", "Anno conseguimento titolo",
            "Anno del titolo", "Anno diploma",
        )),
        _field("last_school", "Ultima scuola frequentata", text, (
            "Ultima scuola", "Scuola", "Istituto", "Istituto scolastico", "Scuola frequentata",
        ), max_length=_person_limit("last_school")),
        _field("school_left_date", "Data di uscita dalla scuola", date_, (
            "Data uscita scuola", "Data abbandono scolastico", "Uscita dalla scuola",
            "Fine frequenza scolastica", "Data fine scuola", "Data ritiro da scuola",
        )),
        _field("representative_kind", "Rappresentante legale", FieldKind.CHOICE, (
            "Tipo rappresentante", "Tipo di rappresentante", "Tutela", "Misura di protezione",
            "Rappresentante legale (tipo)",
        ), choices=_choices(codes.LegalRepresentativeKind, {
            "parent": ("genitore", "madre", "padre", "responsabilità genitoriale"),
            "guardian": ("tutela",),
            "support_administrator": ("ADS", "AdS", "amministrazione di sostegno"),
            "curator": ("curatela",),
        })),
        _field("representative_name", "Nome del rappresentante legale", text, (
            "Rappresentante", "Nominativo rappresentante", "Nome rappresentante",
            "Cognome e nome rappresentante", "Nominativo tutore", "Nominativo ADS",
        ), max_length=_person_limit("representative_name")),
        _field("representative_tax_code", "Codice fiscale del rappresentante legale",
               FieldKind.FISCAL_CODE, (
            "CF rappresentante", "C.F. rappresentante", "Codice fiscale rappresentante",
            "C.F. tutore", "CF tutore", "CF ADS",
        ), max_length=16),
        _field("representative_phone", "Telefono del rappresentante legale", FieldKind.PHONE, (
            "Telefono rappresentante", "Telefono tutore", "Tel. rappresentante", "Telefono ADS",
        ), max_length=_person_limit("representative_phone")),
        _field("representative_email", "E-mail del rappresentante legale", FieldKind.EMAIL, (
            "E-mail rappresentante", "Email rappresentante", "Mail tutore", "Mail rappresentante",
        ), max_length=_person_limit("representative_email")),
        _field("representative_act", "Atto di nomina", text, (
            "Decreto di nomina", "Decreto", "Provvedimento di nomina", "N. decreto",
        ), max_length=_person_limit("representative_act")),
        _field("representative_act_on", "Data dell'atto di nomina", date_, (
            "Data decreto", "Data decreto di nomina", "Data nomina", "Data del decreto",
        )),
    )  # fmt: skip


def _referral_fields() -> tuple[ImportField, ...]:
    text, date_ = FieldKind.TEXT, FieldKind.DATE
    return (
        _field("source_reference", "Riferimento dell'ufficio", text, (
            "N. pratica", "Numero pratica", "Protocollo", "N. protocollo", "ID", "Numero", "N.",
            "Nr", "Rif.", "Riferimento", "Codice pratica", "ID segnalazione", "Progressivo",
            "N. segnalazione", "Numero segnalazione", "Pratica",
        ), max_length=SOURCE_REFERENCE_MAX),
        _field("track", "Percorso", FieldKind.CHOICE, (
            "Tipo", "Target", "Tipo percorso", "Tipo di percorso", "Tipo segnalazione", "Misura",
            "Linea", "Percorso (NEET/CMD)", "Target (NEET/CMD)",
        ), required=True, choices=_choices(codes.Track, {
            "neet": (
                "Garanzia Giovani", "GG", "Garanzia Giovani NEET", "giovani NEET", "giovani",
                "neet garanzia giovani",
            ),
            "cmd": (
                "Collocamento mirato", "L.68", "L. 68", "L. 68/1999", "L. 68/99", "legge 68",
                "L68", "Disabili", "disabilità", "collocamento disabili", "categorie protette",
                "collocamento mirato disabili", "CM",
            ),
        })),
        _field("reason", "Motivo della segnalazione", text, (
            "Motivo", "Note", "Motivazione", "Motivo segnalazione", "Descrizione",
            "Osservazioni", "Motivo dell'invio", "Note segnalazione", "Descrizione situazione",
        ), max_length=TEXT_LIMITS.get("reason", REASON_MAX)),
        _field("urgency", "Urgenza", FieldKind.CHOICE, (
            "Priorità", "Grado di urgenza", "Livello di urgenza",
        ), choices=_choices(codes.Urgency, {
            "normal": ("ordinaria", "ordinario", "bassa", "non urgente", "standard"),
            "high": ("alta priorità", "priorità alta", "elevata"),
            "urgent": ("urgentissima", "massima", "molto urgente", "urgenza"),
        })),
        _field("job_centre_id", "Centro per l'impiego", FieldKind.JOB_CENTRE, (
            "CPI", "CPI di riferimento", "CPI competente", "Centro per l'impiego di riferimento",
            "CPI destinatario", "Centro impiego", "CPI inviato", "Inviata al CPI",
        )),
        _field("created_on", "Data della segnalazione", date_, (
            "Data segnalazione", "Data compilazione", "Data apertura", "Data creazione",
            "Segnalata il", "Data scheda", "Data",
        )),
        _field("sent_on", "Data di invio", date_, (
            "Data invio", "Inviata il", "Data trasmissione", "Trasmessa il", "Data invio CPI",
        )),
        _field("referring_service", "Servizio inviante", text, (
            "Servizio", "Ente inviante", "Servizio segnalante", "Inviante", "Servizio sociale",
            "Ufficio inviante", "Ente segnalante",
        ), max_length=TEXT_LIMITS.get("referring_service")),
        _field("referring_operator", "Operatore inviante", text, (
            "Operatore", "Assistente sociale", "Operatore di riferimento", "Referente",
            "Operatore segnalante", "AS", "A.S.", "Assistente sociale di riferimento",
            "Educatore",
        ), max_length=TEXT_LIMITS.get("referring_operator")),
        _field("privacy_notice_on", "Data dell'informativa privacy", date_, (
            "Informativa", "Informativa privacy", "Data informativa", "Data informativa privacy",
            "Privacy", "Informativa consegnata il", "Data consegna informativa",
        )),
        _field("needs", "Bisogni", FieldKind.CHOICES, (
            "Bisogni rilevati", "Aree di bisogno", "Bisogni emersi", "Area di bisogno",
        ), choices=_choices(codes.Need)),
        _field("other_services", "Altri servizi coinvolti", FieldKind.CHOICES, (
            "Servizi coinvolti", "Altri servizi", "Rete dei servizi", "Servizi attivi",
        ), choices=_choices(codes.OtherService, {
            "mental_health": ("CPS", "NPIA", "salute mentale"),
            "addiction": ("SerD", "Sert", "dipendenze"),
            "family_counselling": ("consultorio",),
            "child_protection": ("tutela", "minori"),
        })),
        _field("out_of_work_since", "Senza lavoro dal", date_, (
            "Disoccupato dal", "Disoccupata dal", "Non occupato dal", "Data fine ultimo lavoro",
            "Data inizio disoccupazione", "Inoccupato dal",
        )),
        _field("out_of_education_since", "Fuori dall'istruzione dal", date_, (
            "Fuori dalla scuola dal", "Non studia dal", "Uscita dal sistema di istruzione",
            "Fuori dalla formazione dal", "Data uscita dal sistema scolastico",
        )),
        _field("early_school_leaver", "Abbandono scolastico precoce", FieldKind.BOOLEAN, (
            "Abbandono scolastico", "Dispersione scolastica", "Early school leaver", "ELET",
            "Abbandono precoce", "Abbandono",
        )),
        _field("guarantee_adhesion_on", "Data di adesione a Garanzia Giovani", date_, (
            "Data adesione", "Data adesione Garanzia Giovani", "Adesione GG", "Data adesione GG",
            "Adesione Garanzia Giovani", "Data di adesione",
        )),
        _field("guarantee_status", "Stato dell'adesione a Garanzia Giovani", FieldKind.CHOICE, (
            "Stato adesione", "Stato Garanzia Giovani", "Stato GG", "Stato adesione GG",
        ), choices=_choices(codes.GuaranteeStatus, {
            "not_adhered": ("non aderito", "no", "non aderente GG"),
            "adhered": ("aderito", "sì", "attiva"),
            "taken_in_charge": ("preso in carico", "presa in carico CPI", "PIC"),
            "cancelled": ("annullato", "revocata", "cancellata"),
        })),
        _field("profiling_class", "Classe di profilazione", FieldKind.CHOICE, (
            "Profilazione", "Profiling", "Indice di profilazione", "Classe profiling",
            "Classe di profiling", "Fascia di profilazione",
        ), choices=_choices(codes.ProfilingClass, {
            "low": ("1", "bassa", "classe 1", "1 bassa"),
            "medium_low": ("2", "media", "classe 2", "2 media"),
            "medium_high": ("3", "alta", "classe 3", "3 alta"),
            "high": ("4", "molto alta", "classe 4", "4 molto alta"),
        })),
        _field("gol_path", "Percorso GOL", FieldKind.INTEGER, (
            "Cluster GOL", "GOL", "Percorso GOL (1-5)", "Cluster",
        )),
        _field("disability_category", "Categoria di invalidità", FieldKind.CHOICE, (
            "Categoria", "Categoria disabilità", "Categoria L.68", "Tipo invalidità",
            "Categoria invalidità", "Tipo di invalidità", "Categoria protetta",
        ), choices=_choices(codes.DisabilityCategory, {
            "civil_invalid": (
                "invalido civile", "invalida civile", "invalidità civile", "IC", "civile",
            ),
            "work_invalid": (
                "invalido del lavoro", "invalida del lavoro", "INAIL", "invalido INAIL",
                "invalidità da lavoro", "invalido lavoro",
            ),
            "blind": ("cieco", "cieca", "non vedenti", "ipovedente"),
            "deaf": ("sordomuto", "sordomuta", "non udente"),
            "war_invalid": ("invalido guerra", "invalidità di guerra"),
            "service_invalid": ("invalido servizio", "invalidità per servizio"),
        })),
        _field("disability_percentage", "Percentuale di invalidità", FieldKind.INTEGER, (
            "Percentuale", "% invalidità", "Invalidità %", "Grado di invalidità",
            "Percentuale invalidità", "Invalidità", "% di invalidità",
        )),
        _field("assessment_on", "Data del verbale di invalidità", date_, (
            "Data verbale invalidità", "Data verbale", "Verbale invalidità del",
            "Data verbale di invalidità civile", "Data accertamento invalidità",
        )),
        _field("invalidity_revision_on", "Revisione del verbale di invalidità", date_, (
            "Data revisione", "Revisione invalidità", "Scadenza verbale", "Revisione verbale",
            "Data revisione invalidità",
        )),
        _field("l68_registration_on", "Iscrizione al collocamento mirato", date_, (
            "Iscrizione L.68", "Data iscrizione L.68", "Data iscrizione collocamento mirato",
            "Iscrizione elenchi L. 68/99", "Data iscrizione elenco", "Data iscrizione L. 68/99",
            "Iscritto L.68 dal",
        )),
        _field("compatible_tasks", "Mansioni compatibili", FieldKind.CHOICES, (
            "Mansioni", "Mansioni consigliate", "Mansioni adatte",
        ), choices=_choices(codes.CompatibleTask)),
        _field("placement_supports", "Supporti al collocamento", FieldKind.CHOICES, (
            "Supporti", "Accomodamenti", "Accomodamenti ragionevoli", "Supporti necessari",
        ), choices=_choices(codes.PlacementSupport)),
        _field("placement_notes", "Indicazioni per il collocamento", text, (
            "Note sul collocamento", "Note collocamento", "Indicazioni collocamento",
        ), max_length=TEXT_LIMITS.get("placement_notes")),
        _field("received_on", "Data di ricezione", date_, (
            "Data ricezione", "Ricevuta il", "Data arrivo", "Arrivata il", "Data ricevimento",
        )),
        _field("taken_in_charge_on", "Data di presa in carico", date_, (
            "Data presa in carico", "Presa in carico il", "Data PIC", "Presa in carico",
            "Preso in carico il",
        )),
        _field("concluded_on", "Data di conclusione", date_, (
            "Data conclusione", "Data chiusura", "Chiusa il", "Conclusa il", "Data fine percorso",
            "Fine percorso", "Data di chiusura", "Data fine",
        )),
        _field("outcome", "Esito", FieldKind.CHOICE, (
            "Esito finale", "Esito del percorso", "Esito percorso", "Risultato",
        ), choices=_choices(codes.Outcome, {
            "hired": ("assunto", "assunta", "inserimento lavorativo", "assunto/a"),
            "traineeship_no_hire": ("tirocinio senza assunzione", "tirocinio concluso"),
            "training_completed": ("formazione", "corso concluso"),
            "back_to_education": (
                "rientro a scuola", "ripresa degli studi", "rientro in formazione",
            ),
            "self_employment": ("lavoro autonomo", "partita IVA", "auto impiego"),
            "other_service": ("altro servizio", "inviato ad altro servizio"),
            "dropped_out": ("rinuncia", "abbandono", "ritirato", "ritirata"),
            "unreachable": ("non reperibile", "irreperibile/a"),
            "moved_away": ("trasferito", "trasferita", "trasferimento"),
            "lost_eligibility": ("perdita requisiti", "requisiti persi"),
        })),
    )  # fmt: skip


@cache
def import_fields(kind: ImportKind) -> tuple[ImportField, ...]:
    """The fields an import of ``kind`` fills, in the order the mapping screen shows them.

    A referral's file carries its person too: the person's fields come first, then the
    referral's. There is no field for a diagnosis, by design (DOMAIN.md: the CMD track keeps a
    disability's category and percentage only).
    """
    person = _person_fields()
    if kind is ImportKind.PERSONS:
        return person
    referral = _referral_fields()
    # Headers the referral's fields claim ("Note", "Tipo") are only theirs in such a file.
    return (*person, *referral)


def field_by_key(kind: ImportKind) -> dict[str, ImportField]:
    return {f.key: f for f in import_fields(kind)}


@cache
def _synonym_index(kind: ImportKind) -> dict[str, str]:
    """normalised synonym -> field key; a synonym two fields share goes to the first."""
    index: dict[str, str] = {}
    for f in import_fields(kind):
        for synonym in f.synonyms:
            index.setdefault(synonym, f.key)
    return index


def _header_forms(header: str) -> tuple[str, ...]:
    # "Data di nascita (gg/mm/aaaa)" is "data di nascita" with a hint for the typist.
    forms = (normalise_header(header), normalise_header(_BRACKETED.sub(" ", header)))
    return tuple(dict.fromkeys(form for form in forms if form))


def suggest_mapping(kind: ImportKind, headers: Sequence[str]) -> ColumnMapping:
    """Which field each header fills, as a first guess for the user to confirm.

    An exact synonym wins first (the leftmost column, when two name the same field), then an
    abbreviation of one field's synonyms ("Comune res.", "Cond. occ."); the rest are matched
    loosely, best score first, each field taking one column at most. A header
    matching nothing maps to None.
    """
    index = _synonym_index(kind)
    by_header: dict[str, str | None] = dict.fromkeys(headers)
    taken: set[str] = set()
    for header in headers:
        for form in _header_forms(header):
            key = index.get(form)
            if key is not None and key not in taken and by_header[header] is None:
                by_header[header] = key
                taken.add(key)
    for header in headers:
        words = abbreviated_words(header) if by_header[header] is None else None
        # One word of one or two letters ("N.", "S.") could start anything.
        if words is None or (len(words) == 1 and len(words[0][0]) < 3):
            continue
        meant = {field for synonym, field in index.items() if _abbreviation_of(words, synonym)}
        # "Cond. occ." may abbreviate one field only; two fields: a guess, left to the user.
        if len(meant) == 1 and (only := meant.pop()) not in taken:
            by_header[header] = only
            taken.add(only)
    synonyms = list(index)
    candidates: list[tuple[float, int, str, str]] = []
    for position, header in enumerate(headers):
        if by_header[header] is not None:
            continue
        for form in _header_forms(header):
            for _, score, at in process.extract(
                form, synonyms, scorer=fuzz.token_sort_ratio,
                score_cutoff=HEADER_MATCH_SCORE, limit=5,
            ):  # fmt: skip
                candidates.append((score, -position, header, index[synonyms[at]]))
    for _, _, header, key in sorted(candidates, reverse=True):
        if by_header[header] is None and key not in taken:
            by_header[header] = key
            taken.add(key)
    return ColumnMapping(kind=kind, by_header=by_header)


@dataclass(frozen=True)
class MappingGaps:
    unmapped: tuple[str, ...]  # headers no field takes, in the file's order
    missing: tuple[str, ...]  # labels of required fields no column fills


def mapping_gaps(mapping: ColumnMapping, headers: Sequence[str]) -> MappingGaps:
    """The headers left out and the required fields no column fills (ImportPlan's
    ``unmapped`` and ``missing``)."""
    mapped = {mapping.field_of(header) for header in headers} - {None}
    return MappingGaps(
        unmapped=tuple(h for h in headers if mapping.field_of(h) is None),
        missing=tuple(
            f.label for f in import_fields(mapping.kind) if f.required and f.key not in mapped
        ),
    )


def save_mapping(path: Path, mapping: ColumnMapping) -> None:
    """Write the mapping as a small JSON document with Italian keys, to reuse next year."""
    document = {
        "versione": MAPPING_VERSION,
        "tipo": _KIND_IN_FILE[mapping.kind],
        "colonne": dict(mapping.by_header),
    }
    try:
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise ImportFileError(
            f"L'associazione di colonne non si può salvare in «{path.name}» ({error.strerror})."
        ) from None


def load_mapping(path: Path) -> ColumnMapping:
    """A saved mapping; raises ImportFileError in Italian when it is not one."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAPPING_MAX_BYTES:
            raise ImportFileError(
                f"Il file «{name}» è troppo grande per essere un'associazione di colonne "
                f"({size // 1024} kB, al massimo {MAPPING_MAX_BYTES // 1000} kB)."
            )
        with path.open("rb") as handle:
            data = handle.read(MAPPING_MAX_BYTES + 1)
    except OSError as error:
        raise ImportFileError(f"Il file «{name}» non si può leggere ({error.strerror}).") from None
    if len(data) > MAPPING_MAX_BYTES:
        raise ImportFileError(
            f"Il file «{name}» è troppo grande per essere un'associazione di colonne."
        )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ImportFileError(
            f"Il file «{name}» non è un'associazione di colonne salvata da Trama (JSON non valido)."
        ) from None
    if not isinstance(document, dict) or "colonne" not in document or "tipo" not in document:
        raise ImportFileError(
            f"Il file «{name}» non è un'associazione di colonne salvata da Trama."
        )
    version = document.get("versione")
    if version != MAPPING_VERSION or isinstance(version, bool):
        raise ImportFileError(
            f"L'associazione di colonne «{name}» è della versione {version!r}: "
            f"questa versione di Trama legge solo la versione {MAPPING_VERSION}."
        )
    kinds = {word: kind for kind, word in _KIND_IN_FILE.items()}
    kind = kinds.get(document["tipo"]) if isinstance(document["tipo"], str) else None
    if kind is None:
        raise ImportFileError(
            f"L'associazione di colonne «{name}» ha un tipo sconosciuto: "
            "sono ammessi «persone» e «segnalazioni»."
        )
    columns = document["colonne"]
    if not isinstance(columns, dict):
        raise ImportFileError(f"L'associazione di colonne «{name}» non elenca le colonne.")
    known = field_by_key(kind)
    by_header: dict[str, str | None] = {}
    used: set[str] = set()
    for header, key in columns.items():
        if key is not None and (not isinstance(key, str) or key not in known):
            shown = str(key)[:60]
            raise ImportFileError(
                f"L'associazione di colonne «{name}» assegna la colonna «{header[:60]}» a un "
                f"campo sconosciuto («{shown}»)."
            )
        if key is not None and key in used:
            raise ImportFileError(
                f"L'associazione di colonne «{name}» assegna il campo «{known[key].label}» "
                "a più colonne."
            )
        if key is not None:
            used.add(key)
        by_header[header] = key
    return ColumnMapping(kind=kind, by_header=by_header)
