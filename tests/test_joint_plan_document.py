"""The "Progetto personalizzato condiviso" (issue 17): every section, the representative's
signature when there is one, real dates and Italian labels, never a code."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.documents.inputs import (
    Issuer,
    JointInterviewData,
    JointPlanInput,
    PlanActionData,
    PlanGoalData,
    PlanReviewData,
    RepresentativeData,
)
from desktop.documents.joint_plan import build_joint_plan
from desktop.documents.restriction import RestrictedRecordError
from desktop.domain.codes import (
    ActionItemStatus,
    LegalRepresentativeKind,
    PlanParty,
    ReviewOutcome,
    Sex,
    SiteKind,
    Track,
)
from tests.documents_support import CREATED, text_of

CPI = Issuer(
    name="Centro per l'Impiego di Varese (prova)",
    kind=SiteKind.CPI,
    address="Via Carlo Cattaneo 9, 21100 Varese",
    pec="cpi.varese@pec.example.it",
)

PLAN = JointPlanInput(
    issuer=CPI,
    number="2026/P0002/000123",
    track=Track.NEET,
    created_on=date(2026, 9, 14),
    sender_name="Ambito territoriale di Tradate",
    job_centre_name="CPI di Varese",
    person_last_name="Colombo",
    person_first_name="Niccolò",
    person_fiscal_code="CLMNCL09A01L682X",
    person_birth_date=date(2009, 1, 1),
    person_sex=Sex.MALE,
    taken_in_charge_on=date(2026, 9, 28),
    sender_operator="Anna Rossi",
    cpi_referent="Chiara Neri",
    created_at=CREATED,
    goals=(
        PlanGoalData("Conseguire la qualifica professionale", written_by="CPI di Varese"),
        PlanGoalData(
            "Frequentare con regolarità il centro diurno",
            reached_on=date(2026, 11, 2),
            written_by="Ambito territoriale di Tradate",
        ),
    ),
    actions=(
        PlanActionData(
            "Orientamento specialistico",
            PlanParty.CPI,
            responsible="Chiara Neri",
            due_on=date(2026, 10, 30),
            done_on=date(2026, 10, 21),
            status=ActionItemStatus.DONE,
        ),
        PlanActionData(
            "Laboratorio di cucina",
            PlanParty.ETS,
            responsible="Cooperativa sociale Il Ponte",
            due_on=date(2027, 1, 29),
            notes="Tre mattine alla settimana",
        ),
        PlanActionData("Iscrizione al corso", PlanParty.PERSON, due_on=date(2026, 12, 18)),
    ),
    interviews=(
        JointInterviewData(
            held_on=date(2026, 10, 5),
            place="CPI di Varese",
            participants=("Chiara Neri (CPI di Varese)", "Anna Rossi (Ambito di Tradate)"),
            summary="Condivisi gli obiettivi del percorso.",
        ),
        JointInterviewData(
            held_on=date(2026, 11, 9),
            place="Sede dell'Ambito",
            participants=("Anna Rossi (Ambito di Tradate)",),
            person_present=False,
            summary="Verificata la frequenza del laboratorio.",
        ),
    ),
    reviews=(
        PlanReviewData(
            review_on=date(2026, 11, 20),
            outcome=ReviewOutcome.ON_TRACK,
            notes="Il percorso procede come previsto.",
            next_review_on=date(2027, 2, 19),
        ),
    ),
)
GUARDIAN = RepresentativeData(
    kind=LegalRepresentativeKind.GUARDIAN,
    name="Giovanna Bianchi",
    fiscal_code="BNCGNN70A41L682Y",
    act="Decreto del Tribunale di Varese n. 123/2025",
    act_on=date(2025, 6, 3),
)


def test_every_section_with_dates_and_labels_and_no_codes() -> None:
    text = text_of(build_joint_plan(PLAN))
    for expected in (
        "Progetto personalizzato condiviso",
        "Centro per l'Impiego di Varese (prova)",  # the CPI's letterhead
        "2026/P0002/000123",
        "Percorso NEET",
        "Colombo Niccolò",
        "CLMNCL09A01L682X",
        "01/01/2009",
        "1. LA PERSONA",
        "2. GLI ENTI DEL PROGETTO",
        "Ambito territoriale di Tradate",
        "28/09/2026",
        "3. OBIETTIVI CONDIVISI",
        "Conseguire la qualifica professionale",
        "raggiunto il 02/11/2026",
        "4. AZIONI",
        "Laboratorio di cucina",
        "Ente del Terzo settore: Cooperativa sociale Il Ponte",
        "29/01/2027",
        "Svolta il 21/10/2026",
        "Da svolgere",
        "La persona",
        "5. COLLOQUI CONGIUNTI",
        "05/10/2026",
        "09/11/2026",
        "La persona: non presente",
        "6. VERIFICHE PERIODICHE",
        "In linea con il progetto",
        "19/02/2027",
        "L'interessato",
        "Il referente del CPI di Varese",
        "Chiara Neri",
        "Anna Rossi",
    ):
        assert expected in text, expected
    for code in ("on_track", "ets", "person", "open", "done", "neet", "CPI-", "AMB-"):
        assert f" {code} " not in f" {text} ", code
    assert "Rappresentante legale" not in text


def test_the_legal_representative_signs_for_the_person() -> None:
    text = text_of(build_joint_plan(replace(PLAN, representative=GUARDIAN)))
    assert "Rappresentante legale Giovanna Bianchi" in text
    assert "Tutore" in text and "BNCGNN70A41L682Y" in text
    assert "del 03/06/2025" in text
    assert "Il rappresentante legale (tutore) per Colombo Niccolò" in text
    assert "L'interessato" not in text


def test_an_empty_plan_says_so() -> None:
    text = text_of(build_joint_plan(replace(PLAN, goals=(), actions=(), interviews=(), reviews=())))
    assert "Nessun obiettivo registrato." in text
    assert "Nessuna azione registrata." in text
    assert "Nessun colloquio congiunto registrato." in text
    assert "Nessuna verifica registrata." in text


def test_a_restricted_referral_is_never_laid_out() -> None:
    with pytest.raises(RestrictedRecordError):
        build_joint_plan(replace(PLAN, restricted=True))
