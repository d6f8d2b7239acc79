"""Audit of access in the services and the command line (issue 15): exports, previews, prints,
list searches and merges leave the rows a privacy officer expects, with codes and counts only,
never a name or a codice fiscale; every row is the OS account's when the command line acts."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.documents import DocumentType
from desktop.domain.codes import SiteKind, Track
from desktop.domain.identity import os_account
from desktop.services.audit import AuditRow, list_audit, verify_audit
from desktop.services.context import Actor
from desktop.services.documents import preview_document, record_issues, render_document
from desktop.services.export import export_records
from desktop.services.persons import merge_persons, record_person_search
from desktop.services.referrals.access import record_list_search, tracks_shown
from desktop.services.referrals.export import export_referral_list
from desktop.services.referrals.listing import ReferralFilter, SortKey
from desktop.store.engine import Store
from tests.documents_records import Records, make_records
from tests.referral_list_support import PERSONS, TODAY, build_list_data
from tests.services_support import build_network, make_person

# An operator whose account shares no word with the persons' names.
AMBITO = Actor("op.verdi", "AMB-VA", SiteKind.AMBITO)
# Every name and codice fiscale of the list's persons: none may reach an audit row.
PERSONAL = [word for person in PERSONS.values() for word in person[:3]]


def new_rows(store: Store, before: set[str]) -> list[AuditRow]:
    """The audit rows added since ``before`` (ids), oldest first."""
    rows = [row for row in list_audit(store, limit=10_000) if row.id not in before]
    return sorted(rows, key=lambda row: row.seq)


def ids(store: Store) -> set[str]:
    return {row.id for row in list_audit(store, limit=10_000)}


def assert_no_personal_data(rows: list[AuditRow], words: list[str]) -> None:
    for row in rows:
        text = " ".join(str(value) for value in dataclasses.astuple(row)).casefold()
        for word in words:
            assert word.casefold() not in text, (word, row)


@pytest.fixture
def listed(store: Store) -> Store:
    build_list_data(store)
    return store


# --- exports ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sensitive", "action"), [(True, "export_sensitive"), (False, "export")])
def test_exporting_the_referral_list_is_audited_with_its_column_groups(
    listed: Store, tmp_path: Path, sensitive: bool, action: str
) -> None:
    before = ids(listed)
    count = export_referral_list(
        listed,
        ReferralFilter(),
        sort=SortKey.NUMBER,
        descending=False,
        path=tmp_path / "elenco.xlsx",
        include_sensitive=sensitive,
        today=TODAY,
        actor=AMBITO,
    )
    [row] = new_rows(listed, before)
    assert (row.action, row.entity, row.entity_id, row.operator) == (
        action,
        "referral_list",
        "",
        AMBITO.operator,
    )
    groups = "referral,names,fiscal_code,birth,residence,contacts,disability"
    if not sensitive:
        groups = "referral,names,residence"
    assert row.details == f"kind=referral_list; format=xlsx; rows={count}; columns={groups}"
    assert_no_personal_data([row], PERSONAL)


def test_a_failed_export_leaves_no_audit_row(listed: Store, tmp_path: Path) -> None:
    before = ids(listed)
    with pytest.raises(OSError):
        export_referral_list(
            listed,
            ReferralFilter(),
            sort=SortKey.NUMBER,
            descending=False,
            path=tmp_path / "missing-folder" / "elenco.csv",
            include_sensitive=True,
            today=TODAY,
            actor=AMBITO,
        )
    assert new_rows(listed, before) == []


@pytest.mark.parametrize(
    ("kind", "flags", "action", "entity"),
    [
        ("referrals", [], "export", "referral_list"),
        ("referrals", ["--include-sensitive"], "export_sensitive", "referral_list"),
        ("persons", [], "export", "person_list"),
        ("persons", ["--include-sensitive"], "export_sensitive", "person_list"),
        ("projects", [], "export", "project"),
        ("meetings", [], "export", "meeting"),
    ],
)
def test_trama_export_is_audited_as_the_os_account(
    listed: Store, tmp_path: Path, kind: str, flags: list[str], action: str, entity: str
) -> None:
    before = ids(listed)
    output = tmp_path / f"{kind}.csv"
    data_dir = str(listed.path.parent)
    assert main(["export", kind, "--data-dir", data_dir, "-o", str(output), *flags]) == 0
    [row] = new_rows(listed, before)
    rows = len(output.read_text(encoding="utf-8-sig").splitlines()) - 1
    assert (row.action, row.entity, row.operator) == (action, entity, os_account())
    assert row.details.startswith(f"kind={kind}; format=csv; rows={rows}; columns=")
    assert_no_personal_data([row], PERSONAL)
    assert verify_audit(listed).intact


def test_export_records_names_its_rows_in_the_audit(listed: Store, tmp_path: Path) -> None:
    before = ids(listed)
    count = export_records(
        listed, actor=AMBITO, kind="persons", path=tmp_path / "p.xlsx", include_sensitive=True
    )
    [row] = new_rows(listed, before)
    assert row.action == "export_sensitive"
    assert row.details == (
        f"kind=persons; format=xlsx; rows={count}; "
        "columns=person,names,fiscal_code,birth,residence,contacts"
    )


# --- previews and prints ------------------------------------------------------------------------


@pytest.fixture
def records(store: Store) -> Records:
    return make_records(store)


def test_a_preview_is_audited_and_a_render_alone_is_not(store: Store, records: Records) -> None:
    before = ids(store)
    render_document(
        store,
        actor=records.actor,
        document_type=DocumentType.REFERRAL_FORM,
        record_id=records.referral_id,
    )
    assert new_rows(store, before) == []
    preview_document(
        store,
        actor=records.actor,
        document_type=DocumentType.PRIVACY_NOTICE,
        record_id=records.person_id,
    )
    [row] = new_rows(store, before)
    assert (row.action, row.entity, row.entity_id, row.details) == (
        "preview",
        "person",
        records.person_id,
        "document=privacy_notice",
    )
    assert_no_personal_data([row], ["Łukasiewicz", "Nicolò"])


def test_a_batch_print_records_one_print_row_per_record(store: Store, records: Records) -> None:
    before = ids(store)
    documents = [
        render_document(store, actor=records.actor, document_type=kind, record_id=record_id)
        for kind, record_id in (
            (DocumentType.REFERRAL_FORM, records.referral_id),
            (DocumentType.PRIVACY_NOTICE, records.referral_id),
            (DocumentType.MINUTES, records.meeting_id),
            (DocumentType.PROJECT_SHEET, records.project_id),
        )
    ]
    issued = record_issues(store, actor=records.actor, documents=documents)
    prints = [row for row in new_rows(store, before) if row.action == "print"]
    assert [(row.entity, row.entity_id) for row in prints] == [
        ("referral", records.referral_id),
        ("referral", records.referral_id),
        ("meeting", records.meeting_id),
        ("project", records.project_id),
    ]
    assert [row.details for row in prints] == [
        f"document={document.document_type.value}; issued_document={document.issued_id}"
        for document in issued
    ]
    assert verify_audit(store).intact


def test_trama_print_is_audited_as_the_os_account(
    store: Store, records: Records, tmp_path: Path
) -> None:
    before = ids(store)
    output = tmp_path / "scheda.pdf"
    argv = ["print", "referral", records.referral_number, "--data-dir", str(store.path.parent)]
    assert main([*argv, "-o", str(output)]) == 0
    rows = new_rows(store, before)
    assert [(row.action, row.operator) for row in rows] == [
        ("issue_document", os_account()),
        ("print", os_account()),
    ]
    assert rows[1].details.startswith("document=referral_form; issued_document=")
    assert_no_personal_data(rows, ["Łukasiewicz", "Nicolò", records.referral_number])


def test_a_refused_print_records_nothing(store: Store, records: Records, tmp_path: Path) -> None:
    before = ids(store)
    argv = ["print", "referral", records.restricted_number, "--data-dir", str(store.path.parent)]
    assert main([*argv, "-o", str(tmp_path / "x.pdf")]) != 0
    assert new_rows(store, before) == []


# --- searches -----------------------------------------------------------------------------------


def test_the_tracks_a_filter_shows(listed: Store) -> None:
    assert tracks_shown(listed, ReferralFilter()) == [Track.NEET, Track.CMD]
    assert tracks_shown(listed, ReferralFilter(search="colombo")) == [Track.NEET]
    assert tracks_shown(listed, ReferralFilter(track=Track.CMD)) == [Track.CMD]
    assert tracks_shown(listed, ReferralFilter(search="zzzz")) == []


@pytest.mark.parametrize(
    ("flt", "results", "details"),
    [
        (ReferralFilter(track=Track.CMD), 3, "results=3; tracks=cmd; filters=track"),
        (ReferralFilter(), 6, "results=6; tracks=neet,cmd"),
        (ReferralFilter(search="colombo"), 1, "results=1; tracks=neet; text=text"),
        (ReferralFilter(search="BRMGLI04E57L682K"), 2, "results=2; tracks=neet,cmd; text=text"),
        (ReferralFilter(search="zzzz"), 0, "results=0; tracks=-; text=text"),
    ],
)
def test_a_search_showing_special_category_data_is_audited(
    listed: Store, flt: ReferralFilter, results: int, details: str
) -> None:
    before = ids(listed)
    assert record_list_search(listed, actor=AMBITO, flt=flt, results=results)
    [row] = new_rows(listed, before)
    assert (row.action, row.entity, row.entity_id, row.details) == (
        "search",
        "referral_list",
        "",
        details,
    )
    assert_no_personal_data([row], PERSONAL)


def test_a_list_of_neet_referrals_without_text_is_no_audited_search(listed: Store) -> None:
    before = ids(listed)
    assert not record_list_search(
        listed, actor=AMBITO, flt=ReferralFilter(track=Track.NEET), results=3
    )
    assert new_rows(listed, before) == []


def test_a_persons_search_by_text_is_audited_without_the_text(listed: Store) -> None:
    before = ids(listed)
    assert not record_person_search(
        listed, actor=AMBITO, text="  ", results=5, include_restricted=False
    )
    assert record_person_search(
        listed, actor=AMBITO, text="Brambilla", results=1, include_restricted=False
    )
    assert record_person_search(
        listed, actor=AMBITO, text="BRMGLI04E5", results=1, include_restricted=True
    )
    rows = new_rows(listed, before)
    assert [(row.action, row.entity, row.details) for row in rows] == [
        ("search", "person_list", "results=1; text=name"),
        ("search", "person_list", "results=1; text=fiscal_code; filters=restricted"),
    ]
    assert_no_personal_data(rows, [*PERSONAL, "BRMGLI04E5"])


# --- writes the issue lists: restriction and merge ----------------------------------------------


def test_a_merge_is_recorded_on_both_persons(store: Store) -> None:
    network = build_network(store)
    kept = make_person(store, network)
    twin = make_person(store, network, birth_date=date(2004, 5, 18))  # a wrong birth date
    merge_persons(store, actor=AMBITO, keep_id=kept.id, duplicate_id=twin.id)
    for person_id in (kept.id, twin.id):
        merges = [row for row in list_audit(store, entity_id=person_id) if row.action == "merge"]
        assert len(merges) == 1
    words = ["Brambilla", "Giulia", kept.fiscal_code, twin.fiscal_code]
    assert_no_personal_data(list_audit(store), words)
