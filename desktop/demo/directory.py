"""The demo network directory: Ambiti, CPIs, ETS, schools, companies, services and contacts.

Names are invented or generic; RUNTS numbers and tax codes are made up (with a valid check
digit, so that validators accept them). Mail addresses use domains reserved for examples.
"""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from desktop.demo import reference_data as data
from desktop.demo.reference_data import demo_id
from desktop.domain.codes import OrganizationKind, Track
from desktop.domain.text import normalise_search_text
from desktop.store.models import Contact, Municipality, Organization


def install_directory(
    session: Session, comuni: dict[str, Municipality], synced: dict[str, object]
) -> None:
    # A fixed generator: the directory is the same on every demo installation.
    rng = random.Random(20260205)

    def add_organization(key: str, name: str, kind: OrganizationKind, seat: str) -> str:
        organization_id = demo_id("organization", key)
        comune = comuni.get(seat)
        is_ets = kind in data.ETS_KINDS
        slug = "".join(filter(str.isalnum, normalise_search_text(name)))[:24]
        session.add(
            Organization(
                id=organization_id,
                name=name,
                kind=kind,
                runts_number=f"{rng.randint(10_000, 199_999)}" if is_ets else "",
                tax_code=_fake_vat_number(rng),
                address=f"{rng.choice(_DIRECTORY_STREETS)} {rng.randint(1, 90)}, {seat}",
                municipality_id=comune.id if comune else None,
                phone=f"0331 {rng.randint(100_000, 999_999)}",
                email=f"info@{slug}.example.org",
                pec=f"{slug}@pec.example.org" if not is_ets or rng.random() < 0.7 else "",
                website=f"https://www.{slug}.example.org",
                **synced,
            )
        )
        return organization_id

    contacts: list[Contact] = []

    def add_contact(key: str, organization_id: str, first: str, last: str, role: str) -> None:
        username = "".join(filter(_is_mail_char, normalise_search_text(f"{first}.{last}")))
        contacts.append(
            Contact(
                id=demo_id("contact", key),
                organization_id=organization_id,
                first_name=first,
                last_name=last,
                role=role,
                email=f"{username}@example.org",
                phone=f"3{rng.randint(20, 49)} {rng.randint(1_000_000, 9_999_999)}",
                **synced,
            )
        )

    for spec in data.AMBITI:
        organization_id = add_organization(
            spec.code, f"Ufficio di Piano – {spec.name}", OrganizationKind.AMBITO, spec.seat
        )
        for index, (username, full_name) in enumerate(data.AMBITO_OPERATORS[spec.code]):
            first, last = full_name.split(" ", 1)
            role = data.AMBITO_CONTACT_ROLE if index == 0 else "Assistente sociale"
            add_contact(f"operator:{username}", organization_id, first, last, role)
    for spec_cpi in data.JOB_CENTRES:
        organization_id = add_organization(
            spec_cpi.code, spec_cpi.name, OrganizationKind.CPI, spec_cpi.seat
        )
        for referent in data.REFERENTS:
            if referent.job_centre == spec_cpi.code:
                first, last = referent.full_name.split(" ", 1)
                role = "Referente NEET" if referent.track == Track.NEET else "Referente CMD"
                add_contact(f"referent:{referent.username}", organization_id, first, last, role)
    for spec_organization in data.ORGANIZATIONS:
        organization_id = add_organization(
            spec_organization.key,
            spec_organization.name,
            spec_organization.kind,
            spec_organization.comune,
        )
        for index, (first, last, role) in enumerate(spec_organization.contacts):
            add_contact(f"{spec_organization.key}:{index}", organization_id, first, last, role)
    session.flush()
    session.add_all(contacts)


def _is_mail_char(char: str) -> bool:
    return char.isalnum() or char == "."


_DIRECTORY_STREETS = ("Via Roma", "Via Milano", "Via Garibaldi", "Viale Europa", "Via Verdi")


def _fake_vat_number(rng: random.Random) -> str:
    """Eleven digits with a correct check digit, so validators accept it; not a real body's."""
    digits = [rng.randint(0, 9) for _ in range(7)] + [0, 1, 2]  # office code 012: Varese
    total = 0
    for index, digit in enumerate(digits):
        if index % 2 == 0:
            total += digit
        else:
            doubled = digit * 2
            total += doubled - 9 if doubled > 9 else doubled
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)
