"""The Italian words for the audit trail's codes: what was done, to what.

The one mapping shared by the audit screen, its exports and every printout that lists accesses
(the audit report, a person's registro degli accessi): the codes of
``desktop.domain.audit_actions`` are never shown. It also names codes older services still write
(a referral's transitions, lifting a restriction) and the printed documents, which are the
entity of an "issued document" row. A code without a label (written by a newer release) reads as
"Altra operazione" / "Altro": still never the code itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from desktop.documents.formatting import format_date, format_time, local_datetime
from desktop.domain.audit_actions import AuditAction, AuditEntity

UNKNOWN_ACTION = "Altra operazione"
UNKNOWN_ENTITY = "Altro"

ACTION_LABELS: Mapping[str, str] = {
    AuditAction.CREATE: "Creazione",
    AuditAction.UPDATE: "Modifica",
    AuditAction.DELETE: "Eliminazione",
    AuditAction.STATUS: "Cambio di stato",
    AuditAction.UPDATE_HANDLING: "Modifica della presa in carico",
    AuditAction.ADD_ACTION: "Aggiunta di un'azione",
    AuditAction.UPDATE_ACTION: "Modifica di un'azione",
    AuditAction.REMOVE_ACTION: "Rimozione di un'azione",
    AuditAction.LINK_REFERRAL: "Collegamento di una segnalazione",
    AuditAction.UNLINK_REFERRAL: "Scollegamento di una segnalazione",
    AuditAction.APPROVE_MINUTES: "Approvazione del verbale",
    AuditAction.CORRECT_MINUTES: "Rettifica del verbale",
    AuditAction.ISSUE_DOCUMENT: "Emissione di un documento",
    AuditAction.RESTRICT: "Limitazione del trattamento",
    AuditAction.MERGE: "Unione di schede doppie",
    AuditAction.IMPORT: "Importazione da file",
    AuditAction.RESOLVE_CONFLICT: "Risoluzione di un conflitto di sincronizzazione",
    AuditAction.ANONYMISE: "Anonimizzazione",
    AuditAction.OPEN_PERSON: "Apertura della scheda della persona",
    AuditAction.OPEN_REFERRAL: "Apertura della segnalazione",
    AuditAction.OPEN_CMD_SECTION: "Consultazione della sezione CMD",
    AuditAction.OPEN_HEALTH_DATA: "Consultazione dei dati sanitari di una segnalazione NEET",
    AuditAction.SEARCH: "Ricerca",
    AuditAction.EXPORT: "Esportazione",
    AuditAction.EXPORT_SENSITIVE: "Esportazione con dati particolari",
    AuditAction.PRINT: "Stampa",
    AuditAction.PREVIEW: "Anteprima di stampa",
    AuditAction.ACCESS_EXTRACT: "Estratto dei dati personali",
    AuditAction.VIEW_AUDIT: "Consultazione del registro degli accessi",
    AuditAction.EXPORT_AUDIT: "Esportazione del registro degli accessi",
    AuditAction.PRINT_ACCESS_REGISTER: "Stampa del registro degli accessi",
    AuditAction.RETENTION_REVIEW: "Revisione della conservazione",
    AuditAction.RESTORE: "Ripristino da un backup",
    # Written by services older than the vocabulary (desktop.domain.lifecycle.Transition...).
    "lift_restriction": "Revoca della limitazione",
    "send": "Invio della segnalazione",
    "withdraw": "Annullamento della segnalazione",
    "receive": "Ricezione della segnalazione",
    "return": "Restituzione della segnalazione",
    "reject": "Segnalazione non pertinente",
    "take_in_charge": "Presa in carico",
    "start_path": "Avvio del percorso",
    "conclude": "Conclusione del percorso",
}

ENTITY_LABELS: Mapping[str, str] = {
    AuditEntity.PERSON: "Persona",
    AuditEntity.REFERRAL: "Segnalazione",
    AuditEntity.PROJECT: "Progetto",
    AuditEntity.MEETING: "Riunione",
    AuditEntity.ORGANIZATION: "Organizzazione",
    AuditEntity.CONTACT: "Contatto",
    AuditEntity.SITE: "Profilo dell'ente",
    AuditEntity.REFERRAL_ROUTE: "Percorsi di segnalazione",
    AuditEntity.SOCIAL_REFERRAL: "Segnalazione ai servizi sociali",
    AuditEntity.REFERRAL_LIST: "Elenco delle segnalazioni",
    AuditEntity.PERSON_LIST: "Elenco delle persone",
    AuditEntity.AUDIT: "Registro degli accessi",
    AuditEntity.STORE: "Archivio dei dati",
    # The entity of an issued document is the document's type (desktop.documents.DocumentType).
    "referral_form": "Scheda di segnalazione",
    "privacy_notice": "Informativa privacy",
    "minutes": "Verbale",
    "attendance_sheet": "Foglio presenze",
    "agenda": "Convocazione",
    "project_sheet": "Scheda progetto",
    "joint_plan": "Progetto personalizzato condiviso",
    "access_register": "Registro degli accessi di una persona",
    "access_extract": "Estratto dei dati personali",
    "personal_data_extract": "Estratto dei dati personali",
    "monitoring_report": "Report di monitoraggio",
}


def action_label(code: str) -> str:
    """ "Apertura della segnalazione" for ``open_referral``."""
    return ACTION_LABELS.get(code, UNKNOWN_ACTION)


def entity_label(code: str) -> str:
    """ "Segnalazione" for ``referral``; "" when the row names no kind of record."""
    if not code:
        return ""
    return ENTITY_LABELS.get(code, UNKNOWN_ENTITY)


def audit_when(moment: datetime) -> str:
    """ "27/11/2026 09:05": the office's local time, to the minute."""
    local = local_datetime(moment)
    return f"{format_date(local.date())} {format_time(local.time())}"


def issued_what(action: str, entity: str) -> str:
    """What was done, with the document when a document was issued:
    "Emissione di un documento (Informativa privacy)"."""
    label = action_label(action)
    if action == AuditAction.ISSUE_DOCUMENT and entity:
        return f"{label} ({entity_label(entity)})"
    return label
