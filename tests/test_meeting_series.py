"""Minutes as public bodies keep them: numbering per series (the convening body, the table and
the year), the convening body checked, the approval of the previous minutes only where there
are some, the opening formula; the minutes, attendance sheet and agenda printed from stored
meetings and read back.

Every name is invented.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest
from pypdf import PdfReader

from desktop.documents.agenda import build_agenda
from desktop.documents.attendance_sheet import build_attendance_sheet
from desktop.documents.inputs import Issuer, MeetingDocumentInput
from desktop.documents.meeting_parts import at_place
from desktop.documents.minutes import build_minutes
from desktop.domain.codes import (
    Attendance,
    MeetingMode,
    MeetingType,
    OrganizationKind,
    SiteKind,
)
from desktop.services.directory import (
    ContactInput,
    OrganizationInput,
    create_contact,
    create_organization,
)
from desktop.services.documents.data import meeting_input as document_input
from desktop.services.errors import ValidationError
from desktop.services.installation import set_settings
from desktop.services.meetings import (
    FIRST_ITEM,
    MeetingDetail,
    ParticipantInput,
    add_participant,
    agenda_template,
    approve_minutes,
    correct_minutes,
    create_meeting,
    default_convening_site,
    delete_meeting,
    get_meeting,
    invite_contacts,
    list_meetings,
    set_attendance,
    update_meeting,
)
from desktop.services.projects import ProjectInput, create_project
from desktop.store.engine import Store
from desktop.store.models import Meeting, Site
from tests.meetings_support import AMBITO, OTHER_SITE, count_meetings, meeting_input

PROVINCE = "PROV-VA"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def sites(store: Store) -> Store:
    with store.write() as session:
        session.add_all(
            [
                Site(code="AMB-VA", kind=SiteKind.AMBITO, name="Ambito di Varese"),
                Site(code="AMB-GA", kind=SiteKind.AMBITO, name="Ambito di Gallarate"),
                Site(code=PROVINCE, kind=SiteKind.PROVINCIA, name="Provincia di Varese"),
                Site(code="AMB-OLD", kind=SiteKind.AMBITO, name="Ambito soppresso", deleted=True),
            ]
        )
    return store


def _meeting(store: Store, on: date, **changes: object) -> MeetingDetail:
    return create_meeting(store, actor=AMBITO, data=meeting_input(held_on=on, **changes))


def _project(store: Store, title: str) -> str:
    return create_project(store, actor=AMBITO, data=ProjectInput(title=title)).id


def _pages(pdf: bytes) -> list[str]:
    return [
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def _pdf_text(pdf: bytes) -> str:
    return " ".join(_pages(pdf))


def _printed(store: Store, meeting_id: str) -> MeetingDocumentInput:
    data = document_input(store, AMBITO, meeting_id, now=NOW)
    # The letterhead is another concern (the issuer's profile); a fixed one keeps these
    # documents about the meeting.
    return replace(data, issuer=Issuer(name="Provincia di Varese", kind=SiteKind.PROVINCIA))


# --- numbering ------------------------------------------------------------------------------


def test_two_series_in_one_year_are_numbered_independently(sites: Store) -> None:
    store = sites
    provincial = [
        _meeting(store, date(2026, month, 10), convening_site=PROVINCE) for month in (2, 5, 9)
    ]
    team = [
        _meeting(store, date(2026, month, 12), meeting_type=MeetingType.TEAM, title="Équipe")
        for month in (3, 4)
    ]
    # The same kind convened by another body is another series.
    own_table = _meeting(store, date(2026, 6, 1))
    ponti, rete = _project(store, "Ponti verso il lavoro"), _project(store, "Rete lavoro")
    co_design = [
        _meeting(store, date(2026, 3, 1), meeting_type=MeetingType.CO_DESIGN_TABLE,
                 project_id=ponti),
        _meeting(store, date(2026, 3, 2), meeting_type=MeetingType.CO_DESIGN_TABLE,
                 project_id=rete),
        _meeting(store, date(2026, 4, 1), meeting_type=MeetingType.CO_DESIGN_TABLE,
                 project_id=ponti),
    ]  # fmt: skip
    next_year = _meeting(store, date(2027, 1, 20), convening_site=PROVINCE)
    assert [m.number for m in provincial] == ["01/2026", "02/2026", "03/2026"]
    assert [m.number for m in team] == ["01/2026", "02/2026"]
    assert own_table.number == "01/2026"
    assert [m.number for m in co_design] == ["01/2026", "01/2026", "02/2026"]
    assert next_year.number == "01/2027"
    # The series is printed with the number, so equal numbers are not confusable.
    assert provincial[1].series_name == "del Tavolo provinciale"
    assert co_design[0].series_name == "del Tavolo di co-progettazione «Ponti verso il lavoro»"
    assert team[0].series_name == "delle riunioni d'équipe"
    assert provincial[0].convening_site == PROVINCE
    assert own_table.convening_site == "AMB-VA"  # "" is the creating site, stored as such
    assert provincial[0].convening_site_name == "Provincia di Varese"


def test_deleted_numbers_are_not_reused_and_a_correction_keeps_its_number(sites: Store) -> None:
    store = sites
    first = _meeting(store, date(2026, 2, 10))
    second = _meeting(store, date(2026, 3, 10))
    delete_meeting(store, actor=AMBITO, meeting_id=second.id)
    third = _meeting(store, date(2026, 4, 10))
    assert third.number == "03/2026"
    approve_minutes(
        store, actor=AMBITO, meeting_id=first.id, approved_in_meeting_on=date(2026, 4, 10)
    )
    correction = correct_minutes(
        store, actor=AMBITO, meeting_id=first.id, reason="Corretto l'orario di chiusura"
    )
    assert correction.number == first.number == "01/2026"
    # The correction moved to another year keeps the number it corrects.
    moved = update_meeting(
        store,
        actor=AMBITO,
        meeting_id=correction.id,
        data=meeting_input(held_on=date(2026, 2, 11), convening_site="AMB-VA"),
    )
    assert moved.number == "01/2026"
    assert _meeting(store, date(2026, 5, 10)).number == "04/2026"


def test_a_first_version_moved_to_another_series_takes_its_next_number(sites: Store) -> None:
    store = sites
    _meeting(store, date(2026, 2, 10), convening_site=PROVINCE)
    own = [_meeting(store, date(2026, month, 10)) for month in (3, 4)]
    moved = update_meeting(
        store,
        actor=AMBITO,
        meeting_id=own[1].id,
        data=meeting_input(held_on=date(2026, 4, 10), convening_site=PROVINCE),
    )
    assert moved.number == "02/2026"
    # Saved again unchanged it keeps its number; another kind is another series.
    again = update_meeting(
        store,
        actor=AMBITO,
        meeting_id=own[1].id,
        data=meeting_input(held_on=date(2026, 4, 10), convening_site=PROVINCE),
    )
    assert again.number == "02/2026"
    other_kind = update_meeting(
        store,
        actor=AMBITO,
        meeting_id=own[0].id,
        data=meeting_input(held_on=date(2026, 3, 10), meeting_type=MeetingType.LOCAL_NETWORK),
    )
    assert other_kind.number == "01/2026"


# --- previous minutes -----------------------------------------------------------------------


def test_only_a_table_with_earlier_minutes_approves_them(sites: Store) -> None:
    store = sites
    first = _meeting(store, date(2026, 2, 10), convening_site=PROVINCE)
    assert FIRST_ITEM not in [item.title for item in first.agenda]
    assert (first.previous_minutes_number, first.previous_minutes_on) == ("", None)
    second = _meeting(store, date(2026, 5, 11), convening_site=PROVINCE)
    assert second.agenda[0].title == FIRST_ITEM
    assert (second.previous_minutes_number, second.previous_minutes_on) == (
        "01/2026",
        date(2026, 2, 10),
    )
    # Another table of the same body starts without; the next year's first session approves
    # the last minutes of the year before.
    team = _meeting(store, date(2026, 6, 1), meeting_type=MeetingType.TEAM, title="Équipe")
    assert FIRST_ITEM not in [item.title for item in team.agenda]
    january = _meeting(store, date(2027, 1, 20), convening_site=PROVINCE)
    assert january.agenda[0].title == FIRST_ITEM
    assert january.previous_minutes_number == "02/2026"
    assert agenda_template(
        store, actor=AMBITO, meeting_type=MeetingType.TEAM, held_on=date(2026, 1, 5)
    ) == tuple(item.title for item in team.agenda)
    assert (
        agenda_template(
            store,
            actor=AMBITO,
            meeting_type=MeetingType.PROVINCIAL_TABLE,
            held_on=date(2026, 12, 1),
            convening_site=PROVINCE,
        )[0]
        == FIRST_ITEM
    )

    first_pdf = _pdf_text(build_minutes(_printed(store, first.id)))
    assert "approvazione del verbale" not in first_pdf.lower()
    second_pdf = _pdf_text(build_minutes(_printed(store, second.id)))
    assert (
        "1. Approvazione del verbale della seduta precedente (n. 01/2026 della seduta del "
        "10/02/2026)" in second_pdf
    )


# --- the convening body ---------------------------------------------------------------------


@pytest.mark.parametrize("code", ["AMB-NOWHERE", "AMB-OLD", "amb-va"])
def test_an_unknown_or_deleted_convening_body_is_refused_in_italian(
    sites: Store, code: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _meeting(sites, date(2026, 2, 10), convening_site=code)
    assert (
        "L'ente che convoca non è tra le sedi conosciute"
        in refused.value.field_errors["convening_site"]
    )
    assert count_meetings(sites) == 0


def test_the_province_convenes_a_provincial_table_by_default(sites: Store, store: Store) -> None:
    assert default_convening_site(sites, AMBITO, MeetingType.PROVINCIAL_TABLE) == PROVINCE
    assert default_convening_site(sites, AMBITO, MeetingType.TEAM) == "AMB-VA"


def test_without_the_provinces_site_the_own_site_convenes(store: Store) -> None:
    assert default_convening_site(store, OTHER_SITE, MeetingType.PROVINCIAL_TABLE) == "AMB-GA"


def test_a_protocol_date_goes_with_a_number_and_not_before_the_session(sites: Store) -> None:
    with pytest.raises(ValidationError) as without_number:
        _meeting(sites, date(2026, 2, 10), protocol_on=date(2026, 2, 20))
    assert "numero di protocollo" in without_number.value.field_errors["protocol_on"]
    with pytest.raises(ValidationError) as too_early:
        _meeting(sites, date(2026, 2, 10), protocol_number="1234", protocol_on=date(2026, 2, 1))
    assert "precedente alla data della seduta" in too_early.value.field_errors["protocol_on"]
    assert count_meetings(sites) == 0


def test_the_list_names_the_convening_body_and_finds_by_it(sites: Store) -> None:
    _meeting(sites, date(2026, 2, 10), convening_site=PROVINCE)
    _meeting(sites, date(2026, 3, 10), meeting_type=MeetingType.TEAM)
    rows = list_meetings(sites)
    assert [row.convening_site_name for row in rows] == ["Ambito di Varese", "Provincia di Varese"]
    assert [row.number for row in list_meetings(sites, text="provincia di varese")] == ["01/2026"]


def test_older_rows_without_a_convening_body_are_the_owners(sites: Store) -> None:
    old = _meeting(sites, date(2026, 2, 10))
    with sites.write() as session:
        row = session.get(Meeting, old.id)
        assert row is not None
        row.convening_site = ""  # as written before 0007
    assert get_meeting(sites, old.id).convening_site_name == "Ambito di Varese"
    assert _meeting(sites, date(2026, 3, 10)).number == "02/2026"


# --- opening formula ------------------------------------------------------------------------


def _attend(store: Store, meeting_id: str, people: list[tuple[str, Attendance]]) -> None:
    for name, attendance in people:
        add_participant(
            store,
            actor=AMBITO,
            meeting_id=meeting_id,
            data=ParticipantInput(full_name=name, attendance=attendance),
        )


def test_the_opening_formula_states_the_quorum_where_the_kind_has_one(sites: Store) -> None:
    table = _meeting(sites, date(2026, 2, 10), convening_site=PROVINCE)
    assert get_meeting(sites, table.id).opening_formula == ""  # nobody's attendance recorded
    _attend(sites, table.id, [("Bianchi Chiara", Attendance.PRESENT),
                              ("Colombo Andrea", Attendance.REMOTE),
                              ("Ferrario Martina", Attendance.ABSENT)])  # fmt: skip
    assert get_meeting(sites, table.id).opening_formula == (
        "Constatata la presenza del numero legale (2 presenti su 3 componenti), il Presidente "
        "dichiara aperta e validamente costituita la seduta."
    )
    _attend(sites, table.id, [("Galli Luca", Attendance.JUSTIFIED_ABSENCE)])
    assert get_meeting(sites, table.id).opening_formula.startswith(
        "Constatata la mancanza del numero legale (2 presenti su 4 componenti)"
    )
    team = _meeting(sites, date(2026, 2, 11), meeting_type=MeetingType.TEAM, title="Équipe")
    _attend(sites, team.id, [("Rossi Anna", Attendance.PRESENT)])
    assert get_meeting(sites, team.id).opening_formula == (
        "Constatata la presenza dei partecipanti sopra indicati (1 presente), si dà avvio alla "
        "riunione."
    )


def test_a_local_setting_rewords_the_opening(sites: Store) -> None:
    set_settings(
        sites,
        {
            "minutes.team.opening": "Con {n_presenti} in sala {presidente} dà il via.",
            "minutes.team.series": "del Gruppo tecnico",
        },
    )
    team = _meeting(sites, date(2026, 2, 11), meeting_type=MeetingType.TEAM, title="Équipe")
    _attend(sites, team.id, [("Rossi Anna", Attendance.PRESENT)])
    detail = get_meeting(sites, team.id)
    assert detail.opening_formula == "Con 1 in sala il Presidente dà il via."
    assert detail.series_name == "del Gruppo tecnico"


# --- the documents, read back ---------------------------------------------------------------


def _full_meeting(store: Store) -> MeetingDetail:
    """A provincial table's second session, mixed, with a delegate and remote attendees."""
    _meeting(store, date(2026, 4, 14), convening_site=PROVINCE)
    meeting = _meeting(
        store,
        date(2026, 5, 11),
        convening_site=PROVINCE,
        convened_by="Il Presidente",
        convocation_protocol="prot. n. 987",
        convocation_on=date(2026, 4, 28),
        protocol_number="1234",
        protocol_on=date(2026, 5, 12),
        mode=MeetingMode.MIXED,
        place="Sala consiliare",
        next_meeting_on=date(2026, 6, 8),
        next_meeting_place="Sala consiliare",
    )
    organization = create_organization(
        store,
        actor=AMBITO,
        data=OrganizationInput(name="Comune di Varese", kind=OrganizationKind.PUBLIC_BODY),
    )
    contact = create_contact(
        store,
        actor=AMBITO,
        data=ContactInput(first_name="Zeno", last_name="Airoldi", organization_id=organization.id),
    )
    invite_contacts(store, actor=AMBITO, meeting_id=meeting.id, contact_ids=[contact.id])
    people = [
        ParticipantInput("Villa Beatrice", "Provincia di Varese", "Dirigente", attendance=(
            Attendance.PRESENT)),
        ParticipantInput("Colombo Andrea", "ASST Sette Laghi", "Assistente sociale",
                         attendance=Attendance.REMOTE, time_in=time(9, 40)),
        ParticipantInput("Mauri Elisa", "CPI di Varese", "Referente NEET",
                         attendance=Attendance.PRESENT, proxy_for="Brambilla Giulia"),
        ParticipantInput("Bassi Marco", "Cooperativa «Il Girasole»", attendance=Attendance.ABSENT),
    ]  # fmt: skip
    for person in people:
        add_participant(store, actor=AMBITO, meeting_id=meeting.id, data=person)
    detail = get_meeting(store, meeting.id)
    participant = next(row for row in detail.participants if row.full_name == "Airoldi Zeno")
    set_attendance(
        store, actor=AMBITO, participant_id=participant.id, attendance=Attendance.PRESENT
    )
    return get_meeting(store, meeting.id)


def test_draft_minutes_print_the_opening_and_no_signature_formula(sites: Store) -> None:
    meeting = _full_meeting(sites)
    text = _pdf_text(build_minutes(_printed(sites, meeting.id)))
    for shown in (
        "Verbale n. 02/2026 del Tavolo provinciale",
        "Seduta dell'11/05/2026",
        "n. 1234",
        "del 12/05/2026",  # the protocol box: its date with the number
        "Convocata dal Presidente con nota prot. n. 987 del 28/04/2026",
        "Constatata la presenza del numero legale (4 presenti su 5 componenti), il Presidente "
        "dichiara aperta e validamente costituita la seduta.",
        "Colombo Andrea, Assistente sociale (in collegamento da remoto; entrata 09:40)",
        "Mauri Elisa, Referente NEET (su delega di Brambilla Giulia)",
        "presso la Sala consiliare",
        "Bozza di verbale in attesa di approvazione",
    ):
        assert shown in text, shown
    assert "Letto, approvato e sottoscritto" not in text
    assert "nella seduta del 11" not in text and "del 11/" not in text


def test_approved_minutes_are_signed_with_the_approval_on_the_same_page(sites: Store) -> None:
    meeting = _full_meeting(sites)
    update_meeting(
        sites,
        actor=AMBITO,
        meeting_id=meeting.id,
        data=replace(
            meeting_input(),
            **{name: getattr(meeting, name) for name in ("held_on", "convening_site",
               "protocol_number", "protocol_on", "mode", "place", "convened_by")},
            end_time=time(12, 0),
        ),
    )  # fmt: skip
    approve_minutes(
        sites, actor=AMBITO, meeting_id=meeting.id, approved_in_meeting_on=date(2026, 6, 8)
    )
    pdf = build_minutes(_printed(sites, meeting.id))
    text = _pdf_text(pdf)
    assert "Letto, approvato e sottoscritto." in text
    assert "Verbale approvato nella seduta dell'08/06/2026." in text
    assert "Bozza di verbale" not in text and "BOZZA" not in text
    last = _pages(pdf)[-1]
    for together in (
        "la seduta è tolta alle ore 12:00",
        "Letto, approvato e sottoscritto",
        "Il Presidente",
        "Il Segretario verbalizzante",
        "Verbale approvato",
    ):
        assert together in last, together


def test_the_attendance_sheet_lists_by_surname_with_delegates_and_remote_attendees(
    sites: Store,
) -> None:
    meeting = _full_meeting(sites)
    pdf = build_attendance_sheet(_printed(sites, meeting.id))
    text = _pdf_text(pdf)
    assert "N. Cognome e nome Ente Ruolo Delegato di Entrata Uscita Firma" in text
    # The directory contact as "Cognome Nome"; everyone by surname.
    order = ["Airoldi Zeno", "Bassi Marco", "Colombo Andrea", "Mauri Elisa", "Villa Beatrice"]
    positions = [text.index(name) for name in order]
    assert positions == sorted(positions)
    assert "Mauri Elisa CPI di Varese Referente NEET Brambilla Giulia" in text
    # The remote attendee's row says so where the signature would go; nobody else's does.
    assert "Colombo Andrea ASST Sette Laghi Assistente sociale 09:40 in collegamento da remoto" in (
        text
    )
    assert text.count("in collegamento da remoto") == 1
    assert "Modalità: mista, in presenza e da remoto" in text
    assert "verbale n. 02/2026 del Tavolo provinciale" in text


def test_the_agenda_says_where_with_the_article(sites: Store) -> None:
    meeting = _full_meeting(sites)
    text = _pdf_text(build_agenda(_printed(sites, meeting.id)))
    assert "presso la Sala consiliare" in text
    assert "Seduta dell'11/05/2026" in text
    assert "n. 987" in text and "del 28/04/2026" in text


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Sala consiliare, Provincia di Varese", "presso la Sala consiliare, Provincia di Varese"),
        ("Biblioteca civica", "presso la Biblioteca civica"),
        ("Palazzo Estense", "presso il Palazzo Estense"),
        ("Aula magna", "presso l'Aula magna"),
        ("la sede del CPI", "presso la sede del CPI"),
        ("Presso il Comune di Luino", "Presso il Comune di Luino"),
        ("Via Roma 1, Varese", "in Via Roma 1, Varese"),
        ("Cascina Rossi", "presso la sede: Cascina Rossi"),
    ],
)
def test_a_place_is_introduced_as_italian_writes_it(typed: str, printed: str) -> None:
    assert at_place(typed) == printed
