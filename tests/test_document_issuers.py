"""Every document is issued in the name of the body that owns it, whichever PC prints it.

A store holding records of several bodies (two Ambiti, a CPI, the Province), each site with
its own profile; the PDFs are read back: the letterhead names the owner and its contacts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from sqlalchemy import select, update

from desktop.documents import DocumentType
from desktop.documents.fonts import SANS, SANS_BOLD, register_fonts
from desktop.documents.inputs import Issuer
from desktop.documents.page import PageSetup, letterhead_layout
from desktop.domain.codes import MeetingType, ProjectTarget, SiteKind
from desktop.services.documents import render_document
from desktop.services.documents.data import issuer_for_site
from desktop.services.meetings import MeetingInput, create_meeting
from desktop.services.projects import ProjectInput, create_project
from desktop.services.referrals.records import create_referral
from desktop.store.engine import Store
from desktop.store.models import Ambito, Referral, Site
from tests.documents_support import reader, text_of
from tests.services_support import Network, build_network, make_person, neet_input
from tests.site_profiles_support import complete_profiles, logo_png, profile_of

NOW = datetime(2026, 11, 27, 10, 15, tzinfo=UTC)
TODAY = date(2026, 11, 27)


@dataclass(frozen=True)
class Bodies:
    network: Network
    gallarate_referral_id: str
    provincial_meeting_id: str
    gallarate_project_id: str
    own_project_id: str


def _flat(pdf: bytes) -> str:
    return " ".join(text_of(pdf).split())


def _first_page(pdf: bytes) -> str:
    """The first page's text, the letterhead first (after a draft's watermark)."""
    text = " ".join((reader(pdf).pages[0].extract_text() or "").split())
    return text.removeprefix("BOZZA ")


@pytest.fixture
def bodies(store: Store) -> Bodies:
    network = build_network(store)
    with store.write() as session:
        gallarate = Ambito(code="AMB-GA", name="Ambito di Gallarate")
        session.add(gallarate)
        session.flush()
        session.add(Site(code="PROV-VA", kind=SiteKind.PROVINCIA, name="Provincia di Varese"))
        session.execute(
            update(Site)
            .where(Site.code == "AMB-GA")
            .values(ambito_id=gallarate.id, name="Ambito territoriale di Gallarate")
        )
        gallarate_id = gallarate.id
    complete_profiles(store)
    with store.write() as session:
        session.execute(update(Site).where(Site.code == "AMB-GA").values(logo=logo_png()))
    person = make_person(store, network, last_name="Ferrario", first_name="Martina", sex="F")
    referral = create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)
    # Sent by the Ambito of Gallarate: on this store, as the CPI and the other Ambito hold it.
    with store.write() as session:
        session.execute(
            update(Referral)
            .where(Referral.id == referral.id)
            .values(sending_site="AMB-GA", owner_site="AMB-GA")
        )
    meeting = create_meeting(
        store,
        actor=network.ambito,
        data=MeetingInput(
            meeting_type=MeetingType.PROVINCIAL_TABLE,
            title="Tavolo Unico Provinciale – sottogruppo NEET",
            held_on=TODAY,
            convening_site="PROV-VA",
        ),
    )
    project = create_project(
        store,
        actor=network.ambito,
        data=ProjectInput(
            title="Ponti verso il lavoro", target=ProjectTarget.NEET, ambito_id=gallarate_id
        ),
    )
    own = create_project(
        store,
        actor=network.ambito,
        data=ProjectInput(title="Laboratori di comunità", target=ProjectTarget.NEET),
    )
    return Bodies(network, referral.id, meeting.id, project.id, own.id)


def _contacts_of(store: Store, code: str) -> list[str]:
    with store.read() as session:
        site = session.scalars(select(Site).where(Site.code == code)).one()
        return [site.name, site.controller_name, site.pec, site.email, site.phone]


@pytest.mark.parametrize("printed_by", ["cpi", "ambito"])
def test_a_referral_carries_its_senders_letterhead_on_any_pc(
    store: Store, bodies: Bodies, printed_by: str
) -> None:
    """A CPI prints the referrals it received, another Ambito may hold one: always the
    sender's letterhead, contacts and PDF author."""
    actor = getattr(bodies.network, printed_by)
    pdf = render_document(
        store,
        actor=actor,
        document_type=DocumentType.REFERRAL_FORM,
        record_id=bodies.gallarate_referral_id,
        now=NOW,
    ).pdf
    letterhead = _first_page(pdf)
    for value in _contacts_of(store, "AMB-GA"):
        assert value in letterhead, value
    assert "Ente capofila: Comune capofila di Gallarate" in letterhead
    assert "Ambito di Varese" not in letterhead
    assert "CPI Varese" not in letterhead.split("Scheda di segnalazione")[0]
    assert reader(pdf).metadata.author == "Ambito territoriale di Gallarate"  # type: ignore[union-attr]
    assert "AMB-GA" not in _flat(pdf)  # never a site code on paper
    assert reader(pdf).pages[0].images, "the sender's logo is on the letterhead"


@pytest.mark.parametrize(
    "document_type",
    [DocumentType.MINUTES, DocumentType.ATTENDANCE_SHEET, DocumentType.AGENDA],
)
def test_a_provincial_tables_documents_name_the_province(
    store: Store, bodies: Bodies, document_type: DocumentType
) -> None:
    pdf = render_document(
        store,
        actor=bodies.network.ambito,
        document_type=document_type,
        record_id=bodies.provincial_meeting_id,
        now=NOW,
    ).pdf
    letterhead = _first_page(pdf)
    assert letterhead.startswith("Provincia di Varese")
    for value in _contacts_of(store, "PROV-VA")[2:]:
        assert value in letterhead, value
    assert "Ambito di Varese" not in letterhead
    assert reader(pdf).metadata.author == "Provincia di Varese"  # type: ignore[union-attr]
    if len(reader(pdf).pages) > 1:  # the running header names the body too
        assert "Provincia di Varese" in (reader(pdf).pages[1].extract_text() or "")


def test_a_meeting_of_an_older_row_is_issued_by_the_site_that_recorded_it(
    store: Store, bodies: Bodies
) -> None:
    meeting = create_meeting(
        store,
        actor=bodies.network.ambito,
        data=MeetingInput(
            meeting_type=MeetingType.LOCAL_NETWORK, title="Rete territoriale", held_on=TODAY
        ),
    )
    pdf = render_document(
        store,
        actor=bodies.network.cpi,
        document_type=DocumentType.AGENDA,
        record_id=meeting.id,
        now=NOW,
    ).pdf
    assert _first_page(pdf).startswith("Ambito di Varese")


def test_a_project_sheet_is_issued_by_the_proceeding_body(store: Store, bodies: Bodies) -> None:
    by_ambito = render_document(
        store,
        actor=bodies.network.ambito,
        document_type=DocumentType.PROJECT_SHEET,
        record_id=bodies.gallarate_project_id,
        now=NOW,
    ).pdf
    assert _first_page(by_ambito).startswith("Ambito territoriale di Gallarate")
    own = render_document(
        store,
        actor=bodies.network.ambito,
        document_type=DocumentType.PROJECT_SHEET,
        record_id=bodies.own_project_id,
        now=NOW,
    ).pdf
    assert _first_page(own).startswith("Ambito di Varese")
    assert profile_of("AMB-VA", SiteKind.AMBITO, "Ambito di Varese")["pec"] in _first_page(own)


def test_a_long_name_and_contacts_fit_the_letterhead_without_overlap(
    store: Store, bodies: Bodies
) -> None:
    long_name = (
        "Ambito territoriale sociale di Sesto Calende, Vergiate, Angera e dei Comuni del "
        "Verbano, della Valcuvia e delle Valli del Luinese"
    )
    with store.write() as session:
        session.execute(
            update(Site)
            .where(Site.code == "AMB-GA")
            .values(
                name=long_name,
                address="Piazza Cesare Battisti 1 (Palazzo municipale, secondo piano), 21018 "
                "Sesto Calende (VA)",
            )
        )
    pdf = render_document(
        store,
        actor=bodies.network.cpi,
        document_type=DocumentType.REFERRAL_FORM,
        record_id=bodies.gallarate_referral_id,
        now=NOW,
    ).pdf
    assert long_name in _first_page(pdf)  # on two lines, whole
    issuer = issuer_for_site(store, "AMB-GA")
    setup = PageSetup(issuer=issuer, title="t", reference="r", subject="s", created_at=NOW)
    register_fonts()
    layout = letterhead_layout(setup)
    room = setup.frame_width() - layout.text_x
    assert layout.logo is not None and layout.text_x >= layout.logo_width
    assert len(layout.name_lines) == 2
    for line in layout.name_lines:
        assert stringWidth(line, SANS_BOLD, layout.name_size) <= room
    for line in layout.details:
        assert stringWidth(line, SANS, 8.5) <= room
    assert "…" not in " ".join(layout.details)  # packed, not cut
    # The first frame starts below the letterhead, however many lines it took.
    assert (
        setup.first_frame_height()
        < PageSetup(
            issuer=Issuer(name="Breve"), title="t", reference="r", subject="s", created_at=NOW
        ).first_frame_height()
    )
