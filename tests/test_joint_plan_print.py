"""Issuing the "Progetto personalizzato condiviso" (issue 17): read from the store, in the CPI's
name, recorded with its SHA-256 and audited; `trama print plan NUMBER`."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.documents import DocumentType
from desktop.domain.codes import LegalRepresentativeKind, PlanParty, ReviewOutcome
from desktop.domain.lifecycle import Transition
from desktop.services.documents import issue_document, list_issued_documents
from desktop.services.errors import NotAllowedError
from desktop.services.referrals.joint_plan import (
    GoalInput,
    InterviewInput,
    PlanActionInput,
    ReviewInput,
    save_goal,
    save_interview,
    save_plan_action,
    save_review,
)
from desktop.services.referrals.lifecycle import transition_referral
from desktop.store.engine import Store
from desktop.store.models import AuditEntry, Person, Referral
from tests.documents_records import TODAY, Records, make_records
from tests.documents_support import reader, text_of


@pytest.fixture
def records(store: Store) -> Records:
    return make_records(store)


def _take_in_charge(store: Store, records: Records) -> None:
    network = records.network
    for step in (Transition.SEND, Transition.RECEIVE, Transition.TAKE_IN_CHARGE):
        actor = network.ambito if step is Transition.SEND else network.cpi
        transition_referral(
            store, actor=actor, referral_id=records.referral_id, transition=step, on=TODAY
        )
    rid, ambito, cpi = records.referral_id, network.ambito, network.cpi
    save_goal(store, actor=cpi, referral_id=rid, data=GoalInput("Tirocinio a Cantù"), today=TODAY)
    save_plan_action(
        store,
        actor=ambito,
        referral_id=rid,
        data=PlanActionInput(
            "Colloquio con la famiglia", PlanParty.AMBITO, due_on=date(2026, 12, 15)
        ),
        today=TODAY,
    )
    save_interview(
        store,
        actor=cpi,
        referral_id=rid,
        data=InterviewInput(held_on=TODAY, participants=("Chiara Neri (CPI di Varese)",)),
        today=TODAY,
    )
    save_review(
        store,
        actor=cpi,
        referral_id=rid,
        data=ReviewInput(review_on=TODAY, outcome=ReviewOutcome.REVISED),
        today=TODAY,
    )


def test_a_draft_has_no_plan_to_print(store: Store, records: Records) -> None:
    with pytest.raises(NotAllowedError, match="presa in carico"):
        issue_document(
            store,
            actor=records.actor,
            document_type=DocumentType.JOINT_PLAN,
            record_id=records.referral_id,
        )


def test_issued_in_the_cpis_name_with_the_representative(store: Store, records: Records) -> None:
    _take_in_charge(store, records)
    with store.write() as session:
        referral = session.get(Referral, records.referral_id)
        assert referral is not None
        person = session.get(Person, referral.person_id)
        assert person is not None
        person.representative_kind = LegalRepresentativeKind.SUPPORT_ADMINISTRATOR
        person.representative_name = "Jan Łukasiewicz"
    document = issue_document(
        store,
        actor=records.actor,
        document_type=DocumentType.JOINT_PLAN,
        record_id=records.referral_id,
    )
    text = text_of(document.pdf)
    for expected in (
        "Progetto personalizzato condiviso",
        "Łukasiewicz Nicolò",
        "Tirocinio a Cantù",
        "Colloquio con la famiglia",
        "Ambito territoriale",
        "15/12/2026",
        "Chiara Neri (CPI di Varese)",
        "Progetto rivisto",
        "Amministratore di sostegno",
        "per Łukasiewicz Nicolò",
        "Jan Łukasiewicz",
    ):
        assert expected in text, expected
    assert "CPI-VA" not in text and "AMB-VA" not in text
    assert reader(document.pdf).metadata.author == "CPI Varese"  # type: ignore[union-attr]
    [issued] = list_issued_documents(store, record_id=records.referral_id)
    assert issued.document_type == "joint_plan"
    assert issued.sha256 == hashlib.sha256(document.pdf).hexdigest()
    with store.read() as session:
        printed = session.scalars(
            select(AuditEntry.details).where(
                AuditEntry.entity_id == records.referral_id, AuditEntry.action == "print"
            )
        ).all()
    assert any("document=joint_plan" in details for details in printed)


def test_trama_print_plan(
    store: Store, records: Records, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _take_in_charge(store, records)
    output = tmp_path / "progetto.pdf"
    code = main(
        [
            "print",
            "plan",
            records.referral_number,
            "--data-dir",
            str(store.path.parent),
            "-o",
            str(output),
        ]
    )
    assert code == 0
    pdf = output.read_bytes()
    assert "Progetto personalizzato condiviso" in text_of(pdf)
    out = capsys.readouterr().out
    assert hashlib.sha256(pdf).hexdigest() in out and "progetto personalizzato" in out
    [issued] = list_issued_documents(store, record_id=records.referral_id)
    assert issued.document_type == "joint_plan"
