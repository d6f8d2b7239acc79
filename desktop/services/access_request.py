"""A person's own data on request (GDPR art. 15), and in a portable form (art. 20).

``personal_data_extract`` reads everything this data folder holds about one person: the
person's record, each of their referrals (both tracks, the CMD data included) with its status
history, the CPI's handling and path actions when this PC holds them, the privacy notices
handed over, the projects their referrals are linked to, the documents issued about them and
who accessed their records. ``issue_personal_data_extract`` lays it out as a PDF (recorded as
an issued document, with its SHA-256) and as a JSON for portability.

Nothing about anyone else goes in: the rows are chosen by the person's id and the ids of their
own referrals only; a project is named by its title, never with its other beneficiaries; the
audit rows are shown without their details (a merge's details name the other record).

Answering takes the ``ANSWER_ACCESS_REQUEST`` permission (privacy officer, administrative
staff); every extract is audited on the person, with no personal data in the row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.documents import DocumentType
from desktop.documents.audit_labels import action_label, entity_label
from desktop.documents.formatting import local_datetime
from desktop.documents.inputs import (
    ExtractColumn,
    ExtractField,
    ExtractGroup,
    ExtractReferral,
    ExtractTable,
    ExtractValue,
    LabelledCode,
    PersonalDataExtractInput,
)
from desktop.documents.page import issue_time
from desktop.documents.personal_data_extract import (
    build_personal_data_extract,
    build_personal_data_extract_json,
    extract_file_stem,
)
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import CompatibleTask, Need, OtherService, PlacementSupport, Track
from desktop.domain.permissions import DENIED, Permission, may
from desktop.services.audit import AuditRow, list_person_audit, record_access
from desktop.services.context import Actor
from desktop.services.documents import IssuedPdf, record_issue
from desktop.services.documents.data import issuer_for, privacy_texts
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.services.referrals.records import ReferralDetail, referral_detail
from desktop.store.engine import Store
from desktop.store.models import (
    IssuedDocument,
    JobCentre,
    Municipality,
    Person,
    PrivacyAcknowledgement,
    Project,
    ProjectBeneficiary,
    Referent,
    Referral,
    Site,
)

PERSON_NOT_FOUND = "La persona richiesta non esiste o è stata eliminata."


@dataclass(frozen=True)
class ExtractFiles:
    """The extract as issued: the PDF (recorded, with its SHA-256) and the JSON beside it."""

    pdf: IssuedPdf
    json: bytes
    file_stem: str  # "estratto-dati-personali-rssmra..." without extension

    @property
    def json_sha256(self) -> str:
        return hashlib.sha256(self.json).hexdigest()


def _require_permission(actor: Actor) -> None:
    if not may(actor, Permission.ANSWER_ACCESS_REQUEST):
        raise NotAllowedError(DENIED[Permission.ANSWER_ACCESS_REQUEST])


def personal_data_extract(
    store: Store, *, actor: Actor, person_id: str, now: datetime | None = None
) -> PersonalDataExtractInput:
    """Everything this site holds about the person, read and named; audited on the person."""
    _require_permission(actor)
    now = now or issue_time()
    issuer = issuer_for(store, actor)
    texts = privacy_texts(store, issuer)
    with store.read() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted:
            raise NotFoundError(PERSON_NOT_FOUND)
        names = _Names(session)
        referrals = [
            referral_detail(session, row)
            for row in session.scalars(
                select(Referral)
                .where(Referral.person_id == person.id, Referral.deleted.is_(False))
                .order_by(Referral.created_on, Referral.number)
            )
        ]
        numbers = {referral.id: referral.number for referral in referrals}
        groups = _person_groups(person, names)
        extract_referrals = tuple(_referral(session, referral, names) for referral in referrals)
        tables = (
            _acknowledgements(session, person.id, numbers),
            _projects(session, numbers),
            _documents(session, person.id, numbers),
        )
        person_name = f"{person.first_name} {person.last_name}"
        fiscal_code = person.fiscal_code
    accesses = _accesses(list_person_audit(store, person_id), person_id, numbers, names)
    extract = PersonalDataExtractInput(
        issuer=issuer,
        texts=texts,
        created_at=now,
        person_name=person_name,
        fiscal_code=fiscal_code,
        person=groups,
        referrals=extract_referrals,
        tables=tables,
        accesses=accesses,
    )
    record_access(
        store,
        actor=actor,
        action=AuditAction.ACCESS_EXTRACT,
        entity=AuditEntity.PERSON,
        entity_id=person_id,
        details=f"referrals: {len(referrals)}",
    )
    return extract


def issue_personal_data_extract(
    store: Store,
    *,
    actor: Actor,
    person_id: str,
    now: datetime | None = None,
    save: Callable[[ExtractFiles], object] | None = None,
) -> ExtractFiles:
    """The extract as a PDF and as a JSON with the same content; the PDF recorded as issued.

    ``save`` (writing the files) runs before the PDF is recorded: a file that could not be
    written is not recorded as issued. The reading itself is audited either way.
    """
    extract = personal_data_extract(store, actor=actor, person_id=person_id, now=now)
    pdf = build_personal_data_extract(extract)
    stem = extract_file_stem(extract.person_name, local_datetime(extract.created_at).date())
    document = IssuedPdf(
        document_type=DocumentType.PERSONAL_DATA_EXTRACT,
        record_id=person_id,
        file_name=f"{stem}.pdf",
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_at=extract.created_at,
    )
    files = ExtractFiles(
        pdf=document, json=build_personal_data_extract_json(extract), file_stem=stem
    )
    if save is not None:
        save(files)
    return replace(files, pdf=record_issue(store, actor=actor, document=document))


def suggested_file_stem(store: Store, person_id: str, on: date) -> str:
    """The name "save as" proposes for a person's extract issued on ``on``."""
    with store.read() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted:
            raise NotFoundError(PERSON_NOT_FOUND)
        return extract_file_stem(f"{person.first_name} {person.last_name}", on)


# --- names of the records the extract mentions ---------------------------------------------


class _Names:
    """Names of sites, comuni, CPIs and referents, read once per extract."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.sites = {row.code: row.name for row in session.execute(select(Site.code, Site.name))}

    def site(self, code: str) -> str:
        return str(self.sites.get(code, code))

    def _name(self, column: Any, key: Any, value: str | None) -> str:
        if not value:
            return ""
        return str(self._session.scalar(select(column).where(key == value)) or "")

    def municipality(self, municipality_id: str | None) -> str:
        return self._name(Municipality.name, Municipality.id, municipality_id)

    def job_centre(self, job_centre_id: str | None) -> str:
        return self._name(JobCentre.name, JobCentre.id, job_centre_id)

    def referent(self, referent_id: str | None) -> str:
        return self._name(Referent.full_name, Referent.id, referent_id)


def _f(key: str, label: str, value: ExtractValue) -> ExtractField:
    return ExtractField(key=key, label=label, value=value)


# --- the person ------------------------------------------------------------------------------


def _person_groups(person: Person, names: _Names) -> tuple[ExtractGroup, ...]:
    personal = [
        _f("cognome", "Cognome", person.last_name),
        _f("nome", "Nome", person.first_name),
        _f("codice_fiscale", "Codice fiscale", person.fiscal_code),
        _f(
            "motivo_conferma_codice_fiscale",
            "Motivo della conferma del codice fiscale",
            person.fiscal_code_override_reason,
        ),
        _f("sesso", "Sesso", person.sex),
        _f("data_di_nascita", "Data di nascita", person.birth_date),
        _f("luogo_di_nascita", "Luogo di nascita", person.birthplace_name),
        _f("codice_catastale_luogo_di_nascita", "Codice catastale", person.birthplace_code),
        _f("cittadinanza", "Cittadinanza", person.citizenship),
        _f("permesso_di_soggiorno", "Permesso di soggiorno", person.permit_type),
        _f("numero_permesso", "Numero del permesso", person.permit_number),
        _f("scadenza_permesso", "Scadenza del permesso", person.permit_expiry),
        _f("permesso_in_rinnovo", "Permesso in rinnovo", person.permit_renewing),
    ]
    contacts = [
        _f(
            "comune_di_residenza",
            "Comune di residenza",
            names.municipality(person.residence_municipality_id),
        ),
        _f("indirizzo_di_residenza", "Indirizzo di residenza", person.residence_address),
        _f("cap_di_residenza", "CAP di residenza", person.residence_postcode),
        _f(
            "comune_di_domicilio",
            "Comune di domicilio",
            names.municipality(person.domicile_municipality_id),
        ),
        _f("indirizzo_di_domicilio", "Indirizzo di domicilio", person.domicile_address),
        _f("cap_di_domicilio", "CAP di domicilio", person.domicile_postcode),
        _f("telefono", "Telefono", person.phone),
        _f("email", "E-mail", person.email),
        _f("canale_preferito", "Canale di contatto preferito", person.preferred_channel),
    ]
    work = [
        _f(
            "condizione_occupazionale",
            "Condizione occupazionale dichiarata",
            person.employment_status,
        ),
        _f("data_did", "Data della DID", person.did_date),
        _f("titolo_di_studio", "Titolo di studio", person.education_title),
        _f("livello_isced", "Livello ISCED", person.isced_level),
        _f("anno_di_conseguimento", "Anno di conseguimento", person.education_year),
        _f("ultima_scuola", "Ultima scuola frequentata", person.last_school),
        _f("uscita_dalla_scuola", "Uscita dal percorso scolastico", person.school_left_date),
    ]
    representative = [
        _f("rappresentante_legale", "Rappresentante legale", person.representative_kind),
        _f("rappresentante_nome", "Nome del rappresentante", person.representative_name),
        _f(
            "rappresentante_codice_fiscale",
            "Codice fiscale del rappresentante",
            person.representative_tax_code,
        ),
        _f("rappresentante_telefono", "Telefono del rappresentante", person.representative_phone),
        _f("rappresentante_email", "E-mail del rappresentante", person.representative_email),
        _f("rappresentante_atto", "Atto di nomina", person.representative_act),
        _f("rappresentante_atto_del", "Data dell'atto di nomina", person.representative_act_on),
    ]
    record = [
        _f("sede_che_ha_inserito", "Sede che ha inserito la scheda", names.site(person.owner_site)),
        _f("inserita_il", "Scheda inserita il", person.created_at),
        _f("modificata_il", "Ultima modifica il", person.updated_at),
        _f("trattamento_limitato", "Trattamento limitato (art. 18)", person.restricted),
        _f("motivo_limitazione", "Motivo della limitazione", person.restriction_reason),
        _f("resa_anonima_il", "Resa anonima il", person.anonymised_on),
    ]
    return (
        ExtractGroup("dati_anagrafici", "Dati anagrafici", tuple(personal)),
        ExtractGroup("residenza_e_recapiti", "Residenza e recapiti", tuple(contacts)),
        ExtractGroup(
            "condizione_occupazionale_e_istruzione",
            "Condizione occupazionale e istruzione",
            tuple(work),
        ),
        ExtractGroup("rappresentante_legale", "Rappresentante legale", tuple(representative)),
        ExtractGroup("scheda", "La scheda in Trama", tuple(record)),
    )


# --- the referrals ---------------------------------------------------------------------------


def _codes(values: tuple[str, ...], enum: type[StrEnum]) -> tuple[str, ...]:
    known = {member.value: member for member in enum}
    return tuple(known.get(value, value) for value in values)


def _referral(session: Session, referral: ReferralDetail, names: _Names) -> ExtractReferral:
    row = session.get(Referral, referral.id)
    assert row is not None  # read in this unit of work a moment ago
    general = [
        _f("numero", "Numero", referral.number),
        _f("percorso", "Percorso", referral.track),
        _f("stato", "Stato", referral.status),
        _f("data", "Data della segnalazione", referral.created_on),
        _f("inviata_il", "Inviata il", referral.sent_on),
        _f("sede_inviante", "Sede inviante", names.site(referral.sending_site)),
        _f("servizio_inviante", "Servizio inviante", referral.referring_service),
        _f("operatore_inviante", "Operatore inviante", referral.referring_operator),
        _f("cpi", "Centro per l'Impiego", names.job_centre(row.job_centre_id)),
        _f(
            "cpi_scelto_dall_operatore",
            "CPI diverso da quello competente per la residenza",
            referral.job_centre_overridden,
        ),
        _f("urgenza", "Urgenza", referral.urgency),
        _f("informativa_consegnata_il", "Informativa consegnata il", referral.privacy_notice_on),
        _f("motivo", "Motivo della segnalazione", referral.reason),
        _f("allegati", "Allegati", tuple(referral.attachments)),
        _f("trattamento_limitato", "Trattamento limitato (art. 18)", referral.restricted),
        _f("motivo_limitazione", "Motivo della limitazione", referral.restriction_reason),
        _f("resa_anonima_il", "Resa anonima il", row.anonymised_on),
    ]
    neet = [
        _f("senza_lavoro_dal", "Senza lavoro dal", referral.out_of_work_since),
        _f(
            "fuori_da_istruzione_e_formazione_dal",
            "Fuori da istruzione e formazione dal",
            referral.out_of_education_since,
        ),
        _f(
            "abbandono_scolastico_precoce",
            "Abbandono scolastico precoce",
            referral.early_school_leaver,
        ),
        _f(
            "adesione_garanzia_giovani_il",
            "Adesione a Garanzia Giovani il",
            referral.guarantee_adhesion_on,
        ),
        _f("stato_adesione", "Stato dell'adesione", referral.guarantee_status),
        _f("classe_di_profilazione", "Classe di profilazione", referral.profiling_class),
        _f("percorso_gol", "Programma GOL (percorso)", referral.gol_path),
        _f("bisogni_rilevati", "Bisogni rilevati", _codes(tuple(referral.needs), Need)),
        _f(
            "altri_servizi_coinvolti",
            "Altri servizi già coinvolti",
            _codes(tuple(referral.other_services), OtherService),
        ),
    ]
    cmd = [
        _f("categoria_invalidita", "Categoria (art. 1 L. 68/1999)", referral.disability_category),
        _f("percentuale_invalidita", "Percentuale riconosciuta", referral.disability_percentage),
        _f(
            "data_verbale_invalidita_civile",
            "Verbale di invalidità civile del",
            referral.assessment_on,
        ),
        _f("revisione_prevista_il", "Revisione prevista il", referral.invalidity_revision_on),
        _f(
            "iscrizione_elenchi_l68_dal",
            "Iscrizione negli elenchi L. 68/1999 dal",
            referral.l68_registration_on,
        ),
        _f(
            "verbale_accertamento_visionato",
            "Verbale di accertamento visionato",
            referral.doc_assessment_seen,
        ),
        _f("verbale_accertamento_visionato_il", "Verbale visionato il", referral.doc_assessment_on),
        _f(
            "diagnosi_funzionale_visionata",
            "Diagnosi funzionale visionata",
            referral.doc_functional_diagnosis_seen,
        ),
        _f(
            "diagnosi_funzionale_visionata_il",
            "Diagnosi funzionale visionata il",
            referral.doc_functional_diagnosis_on,
        ),
        _f(
            "relazione_conclusiva_visionata",
            "Relazione conclusiva visionata",
            referral.doc_final_report_seen,
        ),
        _f(
            "relazione_conclusiva_visionata_il",
            "Relazione conclusiva visionata il",
            referral.doc_final_report_on,
        ),
        _f(
            "mansioni_compatibili",
            "Mansioni compatibili",
            _codes(tuple(referral.compatible_tasks), CompatibleTask),
        ),
        _f(
            "supporti_necessari",
            "Supporti necessari",
            _codes(tuple(referral.placement_supports), PlacementSupport),
        ),
        _f("note_collocamento", "Note sul collocamento", referral.placement_notes),
    ]
    groups = [ExtractGroup("segnalazione", "Dati della segnalazione", tuple(general))]
    neet_group = ExtractGroup("percorso_neet", "Percorso NEET – Garanzia Giovani", tuple(neet))
    cmd_group = ExtractGroup(
        "collocamento_mirato", "Collocamento mirato – L.\u00a068/1999", tuple(cmd)
    )
    # The referral's own track always; the other only if something of it was written down.
    for track, group in ((Track.NEET, neet_group), (Track.CMD, cmd_group)):
        if referral.track is track or _any_value(group):
            groups.append(group)
    handling = referral.handling
    if handling is not None:
        groups.append(
            ExtractGroup(
                "presa_in_carico",
                "Presa in carico del Centro per l'Impiego",
                (
                    _f("ricevuta_il", "Ricevuta il", handling.received_on),
                    _f("presa_in_carico_il", "Presa in carico il", handling.taken_in_charge_on),
                    _f(
                        "patto_di_servizio_del",
                        "Patto di servizio personalizzato del",
                        handling.service_pact_on,
                    ),
                    _f("referente", "Referente del CPI", names.referent(handling.referent_id)),
                    _f("esito", "Esito", handling.outcome),
                    _f("esito_il", "Data dell'esito", handling.outcome_on),
                    _f("tipo_di_contratto", "Tipo di contratto", handling.contract_type),
                    _f(
                        "computabile_quota_l68",
                        "Computabile nella quota L. 68/1999",
                        handling.counts_in_l68_quota,
                    ),
                    _f(
                        "modalita_assunzione_l68",
                        "Modalità di assunzione L. 68",
                        handling.hiring_mode,
                    ),
                    _f("tipo_di_datore", "Tipo di datore di lavoro", handling.employer_type),
                    _f("note_esito", "Note sull'esito", handling.outcome_notes),
                    _f("verifica_prevista_il", "Verifica prevista il", handling.follow_up_due_on),
                    _f("verifica_svolta_il", "Verifica svolta il", handling.follow_up_done_on),
                    _f("note_verifica", "Note della verifica", handling.follow_up_notes),
                ),
            )
        )
    events = ExtractTable(
        "storia_degli_stati",
        "Storia degli stati",
        (
            ExtractColumn("quando", "Data e ora", 1.45),
            ExtractColumn("da_stato", "Da", 1.1),
            ExtractColumn("a_stato", "A", 1.1),
            ExtractColumn("operatore", "Operatore", 1.2),
            ExtractColumn("sede", "Sede", 1.4),
            ExtractColumn("nota", "Nota", 2.4),
        ),
        tuple(
            (
                event.at,
                event.from_status,
                event.to_status,
                event.operator,
                names.site(event.site),
                event.note,
            )
            for event in referral.events
        ),
    )
    tables = [events]
    if referral.actions:
        tables.append(
            ExtractTable(
                "azioni_del_percorso",
                "Azioni del percorso",
                (
                    ExtractColumn("tipo", "Azione", 1.5),
                    ExtractColumn("stato", "Stato", 0.9),
                    ExtractColumn("inizio", "Inizio", 1.05),
                    ExtractColumn("fine", "Fine", 1.05),
                    ExtractColumn("ente", "Ente", 1.3),
                    ExtractColumn("finanziamento", "Finanziamento", 1.35),
                    ExtractColumn("ore", "Ore", 0.5),
                    ExtractColumn("note", "Note", 1.5),
                ),
                tuple(
                    (
                        action.action_type,
                        action.state,
                        action.start_on,
                        action.end_on,
                        action.provider_name,
                        action.funding,
                        action.hours,
                        action.outcome_notes,
                    )
                    for action in referral.actions
                ),
            )
        )
    title = f"Segnalazione n. {referral.number}"
    return ExtractReferral(
        number=referral.number, title=title, groups=tuple(groups), tables=tuple(tables)
    )


def _any_value(group: ExtractGroup) -> bool:
    return any(item.value not in (None, "", (), False) for item in group.fields)


# --- what else concerns the person -----------------------------------------------------------


def _record_name(record_id: str, person_id: str, numbers: dict[str, str]) -> str:
    if record_id == person_id:
        return "Scheda della persona"
    return f"Segnalazione n. {numbers[record_id]}" if record_id in numbers else ""


def _acknowledgements(session: Session, person_id: str, numbers: dict[str, str]) -> ExtractTable:
    rows = session.scalars(
        select(PrivacyAcknowledgement)
        .where(
            PrivacyAcknowledgement.person_id == person_id,
            PrivacyAcknowledgement.deleted.is_(False),
        )
        .order_by(PrivacyAcknowledgement.handed_over_on)
    )
    return ExtractTable(
        "informative_consegnate",
        "Informative privacy consegnate",
        (
            ExtractColumn("consegnata_il", "Consegnata il", 1),
            ExtractColumn("versione", "Versione dell'informativa", 1.2),
            ExtractColumn("segnalazione", "Segnalazione", 1.4),
            ExtractColumn("operatore", "Operatore", 1.4),
        ),
        tuple(
            (
                row.handed_over_on,
                row.notice_version,
                numbers.get(row.referral_id or "", ""),
                row.operator,
            )
            for row in rows
        ),
        empty="Nessuna informativa registrata.",
    )


def _projects(session: Session, numbers: dict[str, str]) -> ExtractTable:
    # Only the link of each of the person's referrals: the project's other beneficiaries are
    # other persons, never read here.
    rows = session.execute(
        select(Project.title, ProjectBeneficiary.referral_id, ProjectBeneficiary.notes)
        .join(Project, Project.id == ProjectBeneficiary.project_id)
        .where(
            ProjectBeneficiary.referral_id.in_(list(numbers)),
            ProjectBeneficiary.deleted.is_(False),
            Project.deleted.is_(False),
        )
        .order_by(Project.title)
    ).all()
    return ExtractTable(
        "progetti",
        "Progetti a cui la persona partecipa",
        (
            ExtractColumn("progetto", "Progetto", 2.4),
            ExtractColumn("segnalazione", "Segnalazione", 1.2),
            ExtractColumn("note", "Note", 2),
        ),
        tuple((title, numbers[referral_id], notes) for title, referral_id, notes in rows),
        empty="La persona non è collegata ad alcun progetto.",
    )


def _documents(session: Session, person_id: str, numbers: dict[str, str]) -> ExtractTable:
    rows = session.scalars(
        select(IssuedDocument)
        .where(
            IssuedDocument.record_id.in_([person_id, *numbers]),
            IssuedDocument.deleted.is_(False),
        )
        .order_by(IssuedDocument.issued_at, IssuedDocument.id)
    )
    return ExtractTable(
        "documenti_emessi",
        "Documenti emessi",
        (
            ExtractColumn("emesso_il", "Emesso il", 1.3),
            ExtractColumn("tipo", "Documento", 1.3),
            ExtractColumn("riguarda", "Riguarda", 1.3),
            ExtractColumn("operatore", "Operatore", 1.1),
            ExtractColumn("sha256", "Impronta SHA-256", 2.6),
        ),
        tuple(
            (
                row.issued_at,
                LabelledCode(row.document_type, entity_label(row.document_type)),
                _record_name(row.record_id, person_id, numbers),
                row.operator,
                row.sha256,
            )
            for row in rows
        ),
        empty="Nessun documento emesso.",
    )


def _accesses(
    rows: list[AuditRow], person_id: str, numbers: dict[str, str], names: _Names
) -> ExtractTable:
    # Details are left out: they may name another record (a merge names the duplicate).
    return ExtractTable(
        "accessi",
        "Chi ha consultato o modificato i dati",
        (
            ExtractColumn("quando", "Data e ora", 1.4),
            ExtractColumn("account", "Account", 1.2),
            ExtractColumn("postazione", "Postazione", 1.1),
            ExtractColumn("sede", "Sede", 1.3),
            ExtractColumn("operazione", "Operazione", 1.9),
            ExtractColumn("riguarda", "Riguarda", 1.4),
        ),
        tuple(
            (
                row.at,
                row.operator,
                row.workstation,
                names.site(row.site),
                LabelledCode(row.action, action_label(row.action)),
                _record_name(row.entity_id, person_id, numbers),
            )
            for row in rows
        ),
        empty="Nessun accesso registrato.",
    )


__all__ = [
    "ExtractFiles",
    "issue_personal_data_extract",
    "personal_data_extract",
    "suggested_file_stem",
]
