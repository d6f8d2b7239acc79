"""Beneficiaries as links to referrals, never copies of a person's data."""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.codes import ProjectTarget, Track
from desktop.services.audit import record_audit, stamp_change
from desktop.services.child_rows import tombstone
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.services.projects.loading import writable_project
from desktop.services.projects.records import BeneficiaryRow
from desktop.store.engine import Store
from desktop.store.models import Person, ProjectBeneficiary, Referral


def link_referral(
    store: Store, *, actor: Actor, project_id: str, referral_id: str
) -> BeneficiaryRow:
    """Make a referral's person a beneficiary of the project, by reference only."""
    with store.write() as session:
        project = writable_project(session, actor, project_id)
        referral = session.get(Referral, referral_id)
        if referral is None or referral.deleted:
            raise ValidationError(
                {"referral_id": "La segnalazione indicata non esiste o è stata eliminata."}
            )
        person_restricted = session.scalar(
            select(Person.restricted).where(Person.id == referral.person_id)
        )
        if referral.restricted or person_restricted:
            raise NotAllowedError(
                f"La segnalazione {referral.number} ha il trattamento limitato: "
                "non può essere collegata a un progetto."
            )
        if (project.target is ProjectTarget.NEET and referral.track is not Track.NEET) or (
            project.target is ProjectTarget.CMD and referral.track is not Track.CMD
        ):
            raise ValidationError(
                {
                    "referral_id": f"La segnalazione {referral.number} è di un percorso diverso "
                    "da quello a cui è destinato il progetto."
                }
            )
        # One row per pair (a unique constraint): an earlier unlink is revived, not duplicated.
        link = session.scalar(
            select(ProjectBeneficiary).where(
                ProjectBeneficiary.project_id == project.id,
                ProjectBeneficiary.referral_id == referral.id,
            )
        )
        if link is not None and not link.deleted:
            raise ValidationError(
                {"referral_id": f"La segnalazione {referral.number} è già collegata al progetto."}
            )
        if link is None:
            link = ProjectBeneficiary(project_id=project.id, referral_id=referral.id)
            stamp_change(link, actor=actor, new=True)
            session.add(link)
        else:
            link.deleted = False
            stamp_change(link, actor=actor)
        record_audit(
            session,
            actor=actor,
            action="link_referral",
            entity="project",
            entity_id=project.id,
            details=f"referral {referral.id}",
        )
        return BeneficiaryRow(
            referral_id=referral.id,
            referral_number=referral.number,
            track=referral.track,
            status=referral.status,
        )


def unlink_referral(store: Store, *, actor: Actor, project_id: str, referral_id: str) -> None:
    with store.write() as session:
        project = writable_project(session, actor, project_id)
        link = session.scalar(
            select(ProjectBeneficiary).where(
                ProjectBeneficiary.project_id == project.id,
                ProjectBeneficiary.referral_id == referral_id,
                ProjectBeneficiary.deleted.is_(False),
            )
        )
        if link is None:
            raise NotFoundError("La segnalazione non è collegata a questo progetto.")
        tombstone(link, actor=actor)
        record_audit(
            session,
            actor=actor,
            action="unlink_referral",
            entity="project",
            entity_id=project.id,
            details=f"referral {referral_id}",
        )
