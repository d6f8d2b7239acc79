"""Demo configuration: Ambiti, CPIs, catchments, referents, sites, operators and a directory.

Everything here is what the Province would import on the server (DOMAIN.md §7); offline demos
install it locally instead. Identifiers are UUID5 of natural keys, so every demo installation
(and the demo server) agrees on them. Rows are owned by the Province's site.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.demo import reference_data as data
from desktop.demo.directory import install_directory
from desktop.demo.reference_data import demo_id
from desktop.domain.codes import OperatorRole, OrganizationKind, SiteKind, Track
from desktop.domain.identity import os_account
from desktop.domain.text import normalise_search_text
from desktop.services import installation
from desktop.services.errors import NotFoundError
from desktop.services.reference import PROVINCE_SITE, load_shipped_comuni
from desktop.store.engine import Store
from desktop.store.models import (
    Ambito,
    Contact,
    JobCentre,
    JobCentreCatchment,
    Municipality,
    Operator,
    Organization,
    Referent,
    RetentionRule,
    Site,
)
from sync.protocol import reference_id, retention_rule_id
from sync.protocol.retention import DEFAULT_RULES
from sync.protocol.site_profile import partita_iva_check_digit

# Set by enrollment (sync.client.db.SERVER_URL; the core may not import sync, DESIGN.md §1).
ENROLLED_SETTING = "sync.server_url"
_UPDATED_BY = "demo"
# How the demo names the OS account that runs it (its privacy officer).
DEMO_ACCOUNT_NAME = "Operatore dimostrativo"


@dataclass(frozen=True)
class DemoOperator:
    username: str
    full_name: str


@dataclass(frozen=True)
class DemoSite:
    code: str
    kind: SiteKind
    name: str
    ambito_id: str | None
    job_centre_id: str | None
    operators: tuple[DemoOperator, ...]


@dataclass(frozen=True)
class DemoMunicipality:
    id: str
    name: str
    cadastral_code: str
    ambito_id: str | None
    postcode: str
    weight: int  # rough resident count in thousands


@dataclass(frozen=True)
class DemoCatchment:
    municipality_id: str
    job_centre_id: str
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True)
class DemoReferent:
    id: str
    job_centre_id: str
    track: Track
    full_name: str
    username: str  # the operator who acts for this referent
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True)
class DemoOrganization:
    id: str
    name: str
    kind: OrganizationKind


@dataclass(frozen=True)
class DemoContact:
    id: str
    organization_id: str
    full_name: str
    role: str


@dataclass(frozen=True)
class DemoReference:
    """What the demo seed needs to know about the configuration, read back from the store."""

    local_site: str
    local_operator: str
    province_site: str
    sites: tuple[DemoSite, ...]
    municipalities: tuple[DemoMunicipality, ...]
    catchments: tuple[DemoCatchment, ...]
    referents: tuple[DemoReferent, ...]
    organizations: tuple[DemoOrganization, ...]
    contacts: tuple[DemoContact, ...]
    # Enrolled with the provincial server (sync issue): what the seed adds is this site's own.
    enrolled: bool = False

    def site(self, code: str) -> DemoSite:
        for site in self.sites:
            if site.code == code:
                return site
        raise KeyError(code)

    def sites_of_kind(self, kind: SiteKind) -> tuple[DemoSite, ...]:
        return tuple(site for site in self.sites if site.kind == kind)


def install_demo_reference(
    store: Store, *, site_code: str | None = None, this_account: bool = True
) -> DemoReference:
    """Install the demo configuration once, then point this installation at a demo site.

    Idempotent: a second call changes nothing but the installation's site when ``site_code``
    names a different one. Without ``site_code`` an installation that already has a site keeps
    it; a new one gets the Ambito di Somma Lombardo. With ``this_account`` the OS account
    running the demo becomes the privacy officer of the demo's site.
    """
    load_shipped_comuni(store)
    settings = installation.get_settings(store)
    local_site = site_code or settings.get(installation.SITE_CODE, data.LOCAL_AMBITO)
    with store.write() as session:
        # Sync issue: a folder enrolled with the provincial server has its reference data from
        # there; demo rows beside them would clash on codes and exist on no server.
        from_server = bool(settings.get(ENROLLED_SETTING)) and (
            session.scalar(select(Ambito.id).limit(1)) is not None
        )
        if not from_server and session.get(Ambito, demo_id("ambito", data.LOCAL_AMBITO)) is None:
            _install(session, dirty=local_site == PROVINCE_SITE)
        if not from_server:
            _install_retention_rules(session, dirty=local_site == PROVINCE_SITE)
            _install_site_profiles(session, dirty=local_site == PROVINCE_SITE)
        if this_account and not from_server:
            _install_this_account(session, local_site)
    _configure_installation(store, site_code, settings)
    return load_demo_reference(store)


def _install(session: Session, *, dirty: bool) -> None:
    synced = {"owner_site": PROVINCE_SITE, "updated_by": _UPDATED_BY, "dirty": dirty}
    comuni = {row.name: row for row in session.scalars(select(Municipality))}
    # No relationship() tells the unit of work which rows a foreign key needs first: each
    # stage is flushed before the next one points at it.
    for spec in data.AMBITI:
        session.add(
            Ambito(
                id=demo_id("ambito", spec.code),
                code=spec.code,
                name=spec.name,
                is_demo=spec.is_demo,
                **synced,
            )
        )
    session.flush()
    for spec in data.AMBITI:
        ambito_id = demo_id("ambito", spec.code)
        for name in spec.comuni:
            comune = comuni.get(name)
            # Never override a grouping the Province has already imported.
            if comune is not None and comune.ambito_id is None:
                comune.ambito_id = ambito_id
        session.add(
            Site(
                code=spec.code,
                kind=SiteKind.AMBITO,
                name=spec.name,
                ambito_id=ambito_id,
                id=demo_id("site", spec.code),
                **synced,
            )
        )
    session.flush()
    for spec_cpi in data.JOB_CENTRES:
        seat = comuni.get(spec_cpi.seat)
        session.add(
            JobCentre(
                id=demo_id("job_centre", spec_cpi.code),
                code=spec_cpi.code,
                name=spec_cpi.name,
                address=spec_cpi.address,
                municipality_id=seat.id if seat else None,
                email=f"{spec_cpi.code.lower()}@cpi.example.org",
                phone=spec_cpi.phone,
                is_demo=spec_cpi.is_demo,
                valid_from=spec_cpi.valid_from,
                **synced,
            )
        )
    session.flush()
    for spec_cpi in data.JOB_CENTRES:
        session.add(
            Site(
                code=spec_cpi.code,
                kind=SiteKind.CPI,
                name=spec_cpi.name,
                job_centre_id=demo_id("job_centre", spec_cpi.code),
                id=demo_id("site", spec_cpi.code),
                **synced,
            )
        )
    for spec_ets in data.ETS_SITES:
        session.add(
            Site(
                code=spec_ets.code,
                kind=SiteKind.ETS,
                name=spec_ets.name,
                id=demo_id("site", spec_ets.code),
                **synced,
            )
        )
    session.add(
        Site(
            code=PROVINCE_SITE,
            kind=SiteKind.PROVINCIA,
            name=data.PROVINCE_NAME,
            id=demo_id("site", PROVINCE_SITE),
            **synced,
        )
    )
    session.flush()
    _install_catchments(session, comuni, synced)
    _install_operators(session, synced)
    install_directory(session, comuni, synced)
    session.flush()
    _install_referents(session, synced)


def _install_retention_rules(session: Session, *, dirty: bool) -> None:
    """The proposed periods (docs/PRIVACY.md), as the Province's server would send them; also
    into a demo folder made before retention existed."""
    if session.scalar(select(RetentionRule.id).limit(1)) is not None:
        return
    synced = {"owner_site": PROVINCE_SITE, "updated_by": _UPDATED_BY, "dirty": dirty}
    for rule in DEFAULT_RULES:
        session.add(
            RetentionRule(
                # The ids the demo server gives them too (sync.server.demo).
                id=retention_rule_id(rule.record_kind, rule.track, rule.closing),
                record_kind=rule.record_kind,
                track=rule.track,
                closing=rule.closing,
                months=rule.months,
                needs_decision=rule.needs_decision,
                basis=rule.basis,
                **synced,
            )
        )


def _install_site_profiles(session: Session, *, dirty: bool) -> None:
    """Every demo site's profile, as the Province would keep it; also into a demo folder made
    before profiles existed. A profile already filled in (edited on the Province's PC) stays."""
    for site in session.scalars(select(Site).where(Site.deleted.is_(False))):
        values = demo_site_profile(site.code)
        if values is None or site.controller_name:
            continue
        for name, value in values.items():
            setattr(site, name, value)
        site.dirty = dirty or site.dirty


def demo_site_profile(code: str) -> dict[str, str] | None:
    """The invented profile of a demo site (reference_data's notes say whose); None for a site
    the demo does not know."""
    ambito = next((spec for spec in data.AMBITI if spec.code == code), None)
    if ambito is not None:
        seat = ambito.seat
        slug = _slug(seat)
        firm, firm_slug = data.DPO_FIRMS[data.AMBITI.index(ambito) % len(data.DPO_FIRMS)]
        prefix = data.AMBITO_PHONE_PREFIX[code]
        index = data.AMBITI.index(ambito)
        # Milan's district has 8-digit numbers after 02, the others 6.
        phone = (
            f"02 9610 {4100 + index}" if prefix == "02" else f"{prefix} {100_011 + 1_000 * index}"
        )
        capofila = data.AMBITO_CAPOFILA.get(code, f"Comune di {seat}")
        postcode = data.POSTCODES.get(seat) or data.AREA_POSTCODES[code]
        return {
            "controller_name": capofila,
            "controller_tax_code": _fake_tax_code(code),
            "address": f"{data.AMBITO_STREETS[code]}, {postcode} {seat} (VA)",
            "pec": f"protocollo.{slug}@pec.example.org",
            "email": f"ufficiodipiano.{slug}@example.org",
            "phone": phone,
            "website": f"https://www.ambito{slug}.example.org",
            "dpo_name": firm,
            "dpo_email": f"rpd.{slug}@example.org",
            "dpo_pec": f"{firm_slug}@pec.example.org",
            "dpo_phone": f"02 8840 {2200 + index}",
        }
    ets = next((spec for spec in data.ETS_SITES if spec.code == code), None)
    if ets is not None:
        # A cooperative is a legal person: the controller of what it processes itself.
        slug = _slug(ets.name.removeprefix("Cooperativa sociale "))
        firm, firm_slug = data.DPO_FIRMS[len(data.AMBITI) % len(data.DPO_FIRMS)]
        return {
            "controller_name": ets.name,
            "controller_tax_code": _fake_tax_code(code),
            "address": "Via Carlo Noè 21, 21013 Gallarate (VA)",
            "pec": f"{slug}@pec.example.org",
            "email": f"segreteria@{slug}.example.org",
            "phone": "0331 100700",
            "website": f"https://www.{slug}.example.org",
            "dpo_name": firm,
            "dpo_email": f"rpd.{slug}@example.org",
            "dpo_pec": f"{firm_slug}@pec.example.org",
            "dpo_phone": "02 8840 2300",
        }
    centre = next((spec for spec in data.JOB_CENTRES if spec.code == code), None)
    if centre is None and code != PROVINCE_SITE:
        return None
    firm, firm_slug = data.PROVINCE_DPO
    province = {
        "controller_name": data.PROVINCE_NAME,
        "controller_tax_code": _fake_tax_code(PROVINCE_SITE),
        "address": data.PROVINCE_ADDRESS,
        "pec": "protocollo.provincia.varese@pec.example.org",
        "email": "lavoro.provincia.varese@example.org",
        "phone": data.PROVINCE_PHONE,
        "website": "https://www.provincia.varese.example.org",
        "dpo_name": firm,
        "dpo_email": "rpd.provincia.varese@example.org",
        "dpo_pec": f"{firm_slug}@pec.example.org",
        "dpo_phone": "0332 100190",
    }
    if centre is None:
        return province
    slug = _slug(centre.seat)
    postcode = data.POSTCODES.get(centre.seat, "21040")
    return {
        **province,
        "address": f"{centre.address}, {postcode} {centre.seat} (VA)",
        "pec": f"cpi.{slug}@pec.example.org",
        "email": f"{centre.code.lower()}@cpi.example.org",
        "phone": centre.phone,
    }


def _slug(name: str) -> str:
    return "".join(char for char in normalise_search_text(name) if char.isalnum())


def _fake_tax_code(key: str) -> str:
    """A public body's numeric codice fiscale with a correct check digit, invented: "00", five
    digits from the site's code, the Varese office's 012."""
    first_ten = "00" + str(int(hashlib.sha256(key.encode()).hexdigest(), 16) % 100_000).zfill(5)
    first_ten += "012"
    return first_ten + partita_iva_check_digit(first_ten)


def _install_referents(session: Session, synced: dict[str, object]) -> None:
    phones = {spec.code: spec.phone for spec in data.JOB_CENTRES}
    for referent in data.REFERENTS:
        session.add(
            Referent(
                id=demo_id("referent", f"{referent.job_centre}:{referent.username}"),
                job_centre_id=demo_id("job_centre", referent.job_centre),
                track=Track(referent.track),
                full_name=referent.full_name,
                email=f"{referent.username}@cpi.example.org",
                phone=phones[referent.job_centre],
                contact_id=demo_id("contact", f"referent:{referent.username}"),
                valid_from=referent.valid_from,
                valid_to=referent.valid_to,
                **synced,
            )
        )


def _install_catchments(
    session: Session, comuni: dict[str, Municipality], synced: dict[str, object]
) -> None:
    cpi_of_ambito = {
        ambito: spec.code
        for spec in data.JOB_CENTRES
        for ambito in spec.ambiti
        if spec.code != "CPI-TRADATESE"
    }
    ambito_code = {demo_id("ambito", spec.code): spec.code for spec in data.AMBITI}
    day_before_opening = date.fromordinal(data.TRADATESE_OPENING.toordinal() - 1)
    for name, comune in sorted(comuni.items()):
        if comune.ambito_id not in ambito_code:
            continue
        periods: list[tuple[str, date | None, date | None]]
        if name in data.TRADATESE_COMUNI:
            periods = [
                (data.TRADATESE_PREVIOUS_CPI, None, day_before_opening),
                ("CPI-TRADATESE", data.TRADATESE_OPENING, None),
            ]
        else:
            cpi = (
                data.CATCHMENT_EXCEPTIONS.get(name) or cpi_of_ambito[ambito_code[comune.ambito_id]]
            )
            periods = [(cpi, None, None)]
        for cpi, valid_from, valid_to in periods:
            session.add(
                JobCentreCatchment(
                    id=demo_id("catchment", f"{cpi}:{comune.istat_code}:{valid_from}"),
                    job_centre_id=demo_id("job_centre", cpi),
                    municipality_id=comune.id,
                    valid_from=valid_from,
                    valid_to=valid_to,
                    **synced,
                )
            )


def _install_operators(session: Session, synced: dict[str, object]) -> None:
    def add(
        username: str, full_name: str, site: str, role: OperatorRole, *, active: bool = True
    ) -> None:
        session.add(
            Operator(
                id=demo_id("operator", username),
                username=username,
                full_name=full_name,
                site_code=site,
                email=f"{username}@example.org",
                active=active,
                role=role,
                **synced,
            )
        )

    for site, operators in data.AMBITO_OPERATORS.items():
        for index, (username, full_name) in enumerate(operators):
            if index == 0:
                role = OperatorRole.PRIVACY_OFFICER
            elif username in data.ADMINISTRATIVE_OPERATORS:
                role = OperatorRole.ADMINISTRATIVE
            else:
                role = OperatorRole.SOCIAL_WORKER
            add(username, full_name, site, role)
    for username, full_name in data.PROVINCE_OPERATORS:
        add(username, full_name, PROVINCE_SITE, OperatorRole.PRIVACY_OFFICER)
    for spec in data.ETS_SITES:
        for index, (username, full_name) in enumerate(spec.operators):
            role = OperatorRole.PRIVACY_OFFICER if index == 0 else OperatorRole.SOCIAL_WORKER
            add(username, full_name, spec.code, role)
    for site, (username, full_name) in data.CPI_PRIVACY_OFFICERS.items():
        add(username, full_name, site, OperatorRole.PRIVACY_OFFICER)
    for referent in data.REFERENTS:
        add(
            referent.username,
            referent.full_name,
            referent.job_centre,
            OperatorRole.REFERENT,
            active=referent.valid_to is None,
        )


def _install_this_account(session: Session, site_code: str) -> None:
    """The OS account running the demo, as the privacy officer of the demo's site.

    The operator is the OS account (issue: accountability), so the demo's site must know it
    for its role-bound screens (audit, retention, access requests) to be shown. Usernames are
    unique: an account already configured elsewhere stays as it is.
    """
    account = os_account()
    taken = session.scalar(
        select(Operator.id).where(func.lower(Operator.username) == account.lower())
    )
    if taken is not None:
        return
    session.add(
        Operator(
            # The id the server gives the same account (desktop.demo.server imports it there):
            # a folder seeded before its enrollment then receives the server's row over it.
            id=reference_id("operator", account.lower()),
            username=account,
            full_name=DEMO_ACCOUNT_NAME,
            site_code=site_code,
            role=OperatorRole.PRIVACY_OFFICER,
            owner_site=PROVINCE_SITE,
            updated_by=_UPDATED_BY,
            dirty=False,
        )
    )


def _configure_installation(store: Store, site_code: str | None, settings: dict[str, str]) -> None:
    if site_code is None:
        enrolled_without_operator = bool(settings.get(ENROLLED_SETTING)) and (
            installation.OPERATOR not in settings
        )
        if installation.SITE_CODE in settings and not enrolled_without_operator:
            return
        # Enrolled: the site is the server's; its operator comes with the reference data.
        site_code = settings.get(installation.SITE_CODE, data.LOCAL_AMBITO)
    elif settings.get(installation.SITE_CODE) == site_code and installation.OPERATOR in settings:
        return
    with store.read() as session:
        site = session.execute(
            select(Site.code, Site.kind, Site.name).where(Site.code == site_code)
        ).first()
        operator = session.execute(
            select(Operator.username, Operator.full_name)
            .where(Operator.site_code == site_code, Operator.active.is_(True))
            .order_by(Operator.username != data.LOCAL_OPERATOR[0], Operator.username)
            .limit(1)
        ).first()
    if site is None or operator is None:
        raise NotFoundError(f"La sede {site_code} non esiste nei dati dimostrativi.")
    installation.set_settings(
        store,
        {
            installation.SITE_CODE: site.code,
            installation.SITE_KIND: site.kind.value,
            installation.SITE_NAME: site.name,
            installation.OPERATOR: operator.username,
            installation.OPERATOR_NAME: operator.full_name,
        },
    )


def load_demo_reference(store: Store) -> DemoReference:
    """Read the configuration back, whoever installed it (this module or a server import)."""
    settings = installation.get_settings(store)
    with store.read() as session:
        operators: dict[str, list[DemoOperator]] = {}
        for operator in session.scalars(
            select(Operator).where(Operator.deleted.is_(False)).order_by(Operator.username)
        ):
            operators.setdefault(operator.site_code, []).append(
                DemoOperator(operator.username, operator.full_name)
            )
        sites = tuple(
            DemoSite(
                site.code,
                site.kind,
                site.name,
                site.ambito_id,
                site.job_centre_id,
                tuple(operators.get(site.code, ())),
            )
            for site in session.scalars(
                select(Site).where(Site.deleted.is_(False)).order_by(Site.code)
            )
        )
        ambito_codes = {site.ambito_id: site.code for site in sites if site.ambito_id}
        municipalities = tuple(
            DemoMunicipality(
                row.id,
                row.name,
                row.cadastral_code,
                row.ambito_id,
                _postcode(row.name, ambito_codes.get(row.ambito_id or "")),
                data.POPULATION_THOUSANDS.get(row.name, data.SMALL_COMUNE_THOUSANDS),
            )
            for row in session.scalars(
                select(Municipality)
                .where(Municipality.deleted.is_(False))
                .order_by(Municipality.istat_code)
            )
        )
        catchments = tuple(
            DemoCatchment(row.municipality_id, row.job_centre_id, row.valid_from, row.valid_to)
            for row in session.scalars(
                select(JobCentreCatchment)
                .where(JobCentreCatchment.deleted.is_(False))
                .order_by(JobCentreCatchment.municipality_id, JobCentreCatchment.valid_from)
            )
        )
        site_of_centre = {site.job_centre_id: site for site in sites if site.job_centre_id}
        referents = []
        for row in session.scalars(
            select(Referent).where(Referent.deleted.is_(False)).order_by(Referent.full_name)
        ):
            centre_site = site_of_centre.get(row.job_centre_id)
            site_operators = centre_site.operators if centre_site else ()
            acting = [op for op in site_operators if op.full_name == row.full_name]
            referents.append(
                DemoReferent(
                    row.id,
                    row.job_centre_id,
                    row.track,
                    row.full_name,
                    next((op.username for op in (*acting, *site_operators)), ""),
                    row.valid_from,
                    row.valid_to,
                )
            )
        organizations = tuple(
            DemoOrganization(row.id, row.name, row.kind)
            for row in session.scalars(
                select(Organization)
                .where(Organization.deleted.is_(False))
                .order_by(Organization.name)
            )
        )
        contacts = tuple(
            DemoContact(row.id, row.organization_id, f"{row.first_name} {row.last_name}", row.role)
            for row in session.scalars(
                select(Contact)
                .where(Contact.deleted.is_(False), Contact.organization_id.is_not(None))
                .order_by(Contact.last_name, Contact.first_name, Contact.id)
            )
            if row.organization_id is not None
        )
    return DemoReference(
        local_site=settings.get(installation.SITE_CODE, installation.DEFAULT_SITE_CODE),
        local_operator=settings.get(installation.OPERATOR, installation.DEFAULT_OPERATOR),
        province_site=PROVINCE_SITE,
        sites=sites,
        municipalities=municipalities,
        catchments=catchments,
        referents=tuple(referents),
        organizations=organizations,
        contacts=contacts,
        enrolled=bool(settings.get(ENROLLED_SETTING)),
    )


def _postcode(name: str, ambito_code: str | None) -> str:
    if name in data.POSTCODES:
        return data.POSTCODES[name]
    return data.AREA_POSTCODES.get(ambito_code or "", "21100")
