"""The estratto dei dati personali (GDPR art. 15/20): everything about one person, nobody else.

Every name is invented.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from desktop.documents import DocumentType
from desktop.documents.personal_data_extract import printed
from desktop.domain.audit_actions import AuditAction
from desktop.domain.codes import (
    DisabilityCategory,
    LegalRepresentativeKind,
    OperatorRole,
    PathActionType,
    ProjectTarget,
    ReferralStatus,
    Sex,
    Track,
)
from desktop.domain.lifecycle import Transition
from desktop.services.access_request import (
    issue_personal_data_extract,
    personal_data_extract,
)
from desktop.services.audit import list_audit, record_access, verify_audit
from desktop.services.documents import issue_document, list_issued_documents
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.services.persons import PersonDetail, merge_persons, set_restriction
from desktop.services.projects import create_project
from desktop.services.projects.beneficiaries import link_referral
from desktop.services.projects.records import ProjectInput
from desktop.services.referrals.handling import add_path_action
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import (
    PathActionInput,
    ReferralDetail,
    create_referral,
    get_referral,
)
from desktop.store.engine import Store
from desktop.store.models import AuditEntry, IssuedDocument, Referent
from tests.documents_support import text_of
from tests.meetings_support import new_meeting
from tests.services_support import Network, build_network, make_person, neet_input

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Seeded:
    network: Network
    person: PersonDetail
    neet: ReferralDetail
    cmd: ReferralDetail
    moved: ReferralDetail  # the duplicate's referral, now the person's
    duplicate: PersonDetail
    other: PersonDetail
    other_referral: ReferralDetail


def officer(network: Network) -> object:
    return replace(network.ambito, role=OperatorRole.PRIVACY_OFFICER)


def _walk(store: Store, network: Network, referral_id: str, *steps: Transition) -> None:
    for step in steps:
        actor = network.ambito if step is Transition.SEND else network.cpi
        transition_referral(
            store,
            actor=actor,
            referral_id=referral_id,
            transition=step,
            on=TODAY,
            note="Colloquio fissato per la prossima settimana.",
        )


@pytest.fixture
def seeded(store: Store) -> Seeded:
    network = build_network(store)
    with store.write() as session:
        session.add(
            Referent(job_centre_id=network.job_centre_id, track=Track.NEET, full_name="Irene Sala")
        )
    person = make_person(store, network, last_name="Brambilla", first_name="Giulia")
    neet = create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)
    _walk(
        store,
        network,
        neet.id,
        Transition.SEND,
        Transition.RECEIVE,
        Transition.TAKE_IN_CHARGE,
        Transition.START_PATH,
    )
    add_path_action(
        store,
        actor=network.cpi,
        referral_id=neet.id,
        data=PathActionInput(
            action_type=PathActionType.TRAINEESHIP,
            start_on=date(2026, 12, 1),
            end_on=date(2027, 5, 31),
            hours=600,
            funding="Garanzia Giovani",
        ),
    )
    cmd = create_referral(
        store,
        actor=network.ambito,
        data=neet_input(
            person.id,
            track=Track.CMD,
            needs=(),
            out_of_work_since=None,
            gol_path=None,
            disability_category=DisabilityCategory.CIVIL_INVALID,
            disability_percentage=67,
            assessment_on=date(2025, 3, 4),
        ),
        today=TODAY,
    )
    # The same person entered twice (a typo in the surname), then merged.
    duplicate = make_person(
        store, network, last_name="Brambila", first_name="Giulia", birth_date=date(2004, 5, 18)
    )
    moved = create_referral(store, actor=network.ambito, data=neet_input(duplicate.id), today=TODAY)
    merge_persons(store, actor=network.ambito, keep_id=person.id, duplicate_id=duplicate.id)
    # Someone else entirely, in the same project and with a document of their own.
    other = make_person(
        store, network, last_name="Bianchi", first_name="Marco", sex="M",
        birth_date=date(2003, 2, 11),
    )  # fmt: skip
    other_referral = create_referral(
        store,
        actor=network.ambito,
        data=neet_input(
            other.id,
            referring_operator="Paola Gatti",
            reason="Ragazzo seguito dal consultorio di Gallarate, chiede un tirocinio.",
        ),
        today=TODAY,
    )
    project = create_project(
        store,
        actor=network.ambito,
        data=ProjectInput(title="Giovani al lavoro in Valceresio", target=ProjectTarget.NEET),
    )
    for referral_id in (neet.id, other_referral.id):
        link_referral(store, actor=network.ambito, project_id=project.id, referral_id=referral_id)
    issue_document(
        store,
        actor=network.ambito,
        document_type=DocumentType.REFERRAL_FORM,
        record_id=neet.id,
        now=NOW,
    )
    issue_document(
        store,
        actor=network.ambito,
        document_type=DocumentType.REFERRAL_FORM,
        record_id=other_referral.id,
        now=NOW,
    )
    record_access(
        store, actor=network.cpi, action=AuditAction.OPEN_PERSON, entity="person",
        entity_id=person.id,
    )  # fmt: skip
    record_access(
        store, actor=network.cpi, action=AuditAction.OPEN_PERSON, entity="person",
        entity_id=other.id,
    )  # fmt: skip
    new_meeting(store, chair_name="Roberta Marelli", secretary_name="Luca Sala")
    return Seeded(
        network=network,
        person=person,
        neet=get_referral(store, neet.id),
        cmd=get_referral(store, cmd.id),
        moved=get_referral(store, moved.id),
        duplicate=duplicate,
        other=other,
        other_referral=get_referral(store, other_referral.id),
    )


def _foreign(seeded: Seeded) -> list[str]:
    """What belongs to other persons and must not appear in the extract."""
    other, duplicate = seeded.other, seeded.duplicate
    return [
        other.last_name,
        other.first_name,
        other.fiscal_code,
        other.id,
        seeded.other_referral.id,
        seeded.other_referral.number,
        "Paola Gatti",
        "consultorio di Gallarate",
        duplicate.last_name,
        duplicate.fiscal_code,
        duplicate.id,
        "Marelli",
        "Luca Sala",
    ]


def test_the_extract_holds_every_referral_and_event_of_the_person(
    store: Store, seeded: Seeded
) -> None:
    extract = personal_data_extract(
        store, actor=officer(seeded.network), person_id=seeded.person.id, now=NOW
    )
    numbers = sorted(referral.number for referral in extract.referrals)
    assert numbers == sorted([seeded.neet.number, seeded.cmd.number, seeded.moved.number])
    by_number = {referral.number: referral for referral in extract.referrals}
    for referral in (seeded.neet, seeded.cmd, seeded.moved):
        tables = {table.key: table for table in by_number[referral.number].tables}
        history = tables["storia_degli_stati"].rows
        assert [(row[1], row[2]) for row in history] == [
            (event.from_status, event.to_status) for event in referral.events
        ]
    neet = by_number[seeded.neet.number]
    assert [row[2] for row in neet.tables[0].rows][-1] is ReferralStatus.IN_PATH
    assert "azioni_del_percorso" in {table.key for table in neet.tables}
    assert "presa_in_carico" in {group.key for group in neet.groups}
    cmd_groups = {group.key: group for group in by_number[seeded.cmd.number].groups}
    cmd_values = {item.key: item.value for item in cmd_groups["collocamento_mirato"].fields}
    assert cmd_values["percentuale_invalidita"] == 67
    assert printed(cmd_values["categoria_invalidita"]) == "Invalido/a civile (oltre 45%)"
    assert printed(cmd_values["categoria_invalidita"], Sex.FEMALE) == "Invalida civile (oltre 45%)"
    others = {table.key: table for table in extract.tables}
    handed = others["informative_consegnate"].rows
    assert (handed[0][0], handed[0][2]) == (date(2026, 11, 20), seeded.neet.number)
    assert [row[0] for row in others["progetti"].rows] == ["Giovani al lavoro in Valceresio"]
    documents = others["documenti_emessi"].rows
    assert len(documents) == 1
    assert printed(documents[0][1]) == "Scheda di segnalazione"
    issued = list_issued_documents(store, record_id=seeded.neet.id)
    assert documents[0][4] == issued[0].sha256
    actions = {printed(row[4]) for row in extract.accesses.rows}
    assert "Apertura della scheda della persona" in actions
    assert "Unione di schede doppie" in actions
    assert all(row[1] for row in extract.accesses.rows)  # the OS account of each access


def test_the_pdf_and_the_json_hold_no_other_persons_data(store: Store, seeded: Seeded) -> None:
    files = issue_personal_data_extract(
        store, actor=officer(seeded.network), person_id=seeded.person.id, now=NOW
    )
    text = " ".join(text_of(files.pdf.pdf).split())
    document = files.json.decode("utf-8")
    for content in (text, document):
        assert seeded.person.fiscal_code in content
        assert "Brambilla" in content
        for referral in (seeded.neet, seeded.cmd, seeded.moved):
            assert referral.number in content
        for foreign in _foreign(seeded):
            assert foreign not in content, foreign
    assert "pagina 1 di" in text
    assert "27/11/2026" in text and "2026-11-27" not in text
    assert "Garante per la protezione dei dati personali" in text
    assert "Titolare del trattamento" in text


def test_the_json_is_portable_with_codes_and_italian_labels(store: Store, seeded: Seeded) -> None:
    files = issue_personal_data_extract(
        store, actor=officer(seeded.network), person_id=seeded.person.id, now=NOW
    )
    data = json.loads(files.json.decode("utf-8"))
    assert "personalità giuridica" in files.json.decode("utf-8")  # UTF-8, no escapes
    person = data["persona"]["dati_anagrafici"]
    assert person["codice_fiscale"] == seeded.person.fiscal_code
    assert person["sesso"] == {"codice": "F", "etichetta": "Femmina"}
    assert person["data_di_nascita"] == "2004-05-17"
    referral = next(r for r in data["segnalazioni"] if r["numero"] == seeded.neet.number)
    assert referral["segnalazione"]["percorso"] == {"codice": "neet", "etichetta": "NEET"}
    assert referral["percorso_neet"]["bisogni_rilevati"] == [
        {"codice": "orientation", "etichetta": "Orientamento"},
        {"codice": "motivation", "etichetta": "Motivazione"},
    ]
    last = referral["storia_degli_stati"][-1]
    assert last["a_stato"] == {"codice": "in_path", "etichetta": "In percorso"}
    assert last["quando"].startswith("2026-")
    assert data["accessi"][0]["operazione"]["etichetta"]
    assert data["documenti_emessi"][0]["tipo"] == {
        "codice": "referral_form",
        "etichetta": "Scheda di segnalazione",
    }
    assert files.file_stem.startswith("estratto-dati-personali-giulia-brambilla")
    assert seeded.person.fiscal_code.lower() not in files.file_stem.lower()


def test_issuing_records_the_pdf_and_audits_the_extract_without_personal_data(
    store: Store, seeded: Seeded
) -> None:
    actor = officer(seeded.network)
    files = issue_personal_data_extract(store, actor=actor, person_id=seeded.person.id, now=NOW)
    with store.read() as session:
        row = session.get(IssuedDocument, files.pdf.issued_id)
        assert row is not None
        assert row.document_type == "personal_data_extract"
        assert row.record_id == seeded.person.id
        assert row.sha256 == files.pdf.sha256
        entries = session.execute(
            select(
                AuditEntry.entity, AuditEntry.entity_id, AuditEntry.operator, AuditEntry.details
            ).where(AuditEntry.action == AuditAction.ACCESS_EXTRACT)
        ).all()
    assert [tuple(entry[:3]) for entry in entries] == [("person", seeded.person.id, "a.rossi")]
    details = entries[0][3]
    assert seeded.person.fiscal_code not in details and "Brambilla" not in details
    assert verify_audit(store).intact


@pytest.mark.parametrize("role", [None, OperatorRole.SOCIAL_WORKER, OperatorRole.REFERENT])
def test_a_social_worker_may_not_produce_an_extract(
    store: Store, seeded: Seeded, role: OperatorRole | None
) -> None:
    actor = replace(seeded.network.ambito, role=role)
    before = len(list_audit(store, limit=10_000))
    with pytest.raises(NotAllowedError, match="referente privacy"):
        issue_personal_data_extract(store, actor=actor, person_id=seeded.person.id)
    assert len(list_audit(store, limit=10_000)) == before
    assert list_issued_documents(store, record_id=seeded.person.id) == []


def test_administrative_staff_may_answer(store: Store, seeded: Seeded) -> None:
    actor = replace(seeded.network.ambito, role=OperatorRole.ADMINISTRATIVE)
    extract = personal_data_extract(store, actor=actor, person_id=seeded.person.id, now=NOW)
    assert extract.fiscal_code == seeded.person.fiscal_code


@pytest.mark.parametrize("crafted", ["", "nessuno", "' OR 1=1 --", "x" * 5000])
def test_an_unknown_or_merged_person_is_not_found(
    store: Store, seeded: Seeded, crafted: str
) -> None:
    actor = officer(seeded.network)
    for person_id in (crafted, seeded.duplicate.id):
        with pytest.raises(NotFoundError):
            personal_data_extract(store, actor=actor, person_id=person_id)


def test_a_restricted_person_still_receives_their_extract(store: Store, seeded: Seeded) -> None:
    # Art. 18 stops processing, not the person's own right of access (art. 15).
    set_restriction(
        store,
        actor=seeded.network.ambito,
        person_id=seeded.person.id,
        restricted=True,
        reason="Contesta l'esattezza dei dati",
    )
    files = issue_personal_data_extract(
        store, actor=officer(seeded.network), person_id=seeded.person.id, now=NOW
    )
    text = " ".join(text_of(files.pdf.pdf).split())
    assert "Trattamento limitato (art. 18) sì" in text
    assert "Contesta l'esattezza dei dati" in text
    record = json.loads(files.json)["persona"]["scheda"]
    assert record["trattamento_limitato"] is True


def test_the_extract_keeps_health_codes_the_representative_and_the_cmd_acts(
    store: Store, seeded: Seeded
) -> None:
    """It is the person's own right of access (GDPR art. 15): nothing is minimised away."""
    from desktop.services.referrals.records import update_referral  # noqa: PLC0415
    from desktop.store.models import Person  # noqa: PLC0415

    update_referral(
        store,
        actor=seeded.network.ambito,
        referral_id=seeded.moved.id,
        data=neet_input(
            seeded.person.id, needs=("health",), other_services=("addiction", "mental_health")
        ),
        today=TODAY,
    )
    update_referral(
        store,
        actor=seeded.network.ambito,
        referral_id=seeded.cmd.id,
        data=neet_input(
            seeded.person.id,
            track=Track.CMD,
            needs=(),
            out_of_work_since=None,
            gol_path=None,
            disability_category=DisabilityCategory.CIVIL_INVALID,
            disability_percentage=67,
            assessment_on=date(2025, 3, 4),
            invalidity_revision_on=date(2028, 3, 4),
            compatible_tasks=("reception",),
            placement_supports=("job_coach",),
            placement_notes="Turni diurni.",
        ),
        today=TODAY,
    )
    with store.write() as session:
        row = session.get(Person, seeded.person.id)
        assert row is not None
        row.representative_kind = LegalRepresentativeKind.SUPPORT_ADMINISTRATOR
        row.representative_name = "Carla Bianchi"
    files = issue_personal_data_extract(
        store, actor=officer(seeded.network), person_id=seeded.person.id, now=NOW
    )
    text = " ".join(text_of(files.pdf.pdf).split())
    for words in ("Salute", "Dipendenze (SerD)", "Salute mentale (CPS / NPIA)", "Carla Bianchi",
                  "Amministratore di sostegno", "Revisione prevista il", "04/03/2028",
                  "Accoglienza e sportello", "Accompagnamento al lavoro (job coach)",
                  "Turni diurni."):  # fmt: skip
        assert words in text, words
    data = json.loads(files.json.decode("utf-8"))
    assert data["persona"]["rappresentante_legale"]["rappresentante_nome"] == "Carla Bianchi"
