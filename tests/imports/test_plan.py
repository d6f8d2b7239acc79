"""The dry run: a verdict per row and an issue per cell, against the store, writing nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.domain.codes import SiteKind
from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.services.context import Actor
from desktop.services.imports.model import (
    ImportCancelled,
    ImportFileError,
    ImportKind,
    RowVerdict,
    Severity,
)
from desktop.services.imports.plan import HIDDEN_ROW, dry_run
from desktop.services.persons import set_restriction
from desktop.store.engine import Store
from tests.imports import engine_support as es
from tests.services_support import Network, build_network, make_person

TODAY = date(2026, 11, 27)


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


def persons_plan(store: Store, network: Network, rows: list[list[object]], **options: object):
    table = es.table(es.PERSON_HEADERS, rows, **options)  # type: ignore[arg-type]
    mapping = es.mapping(ImportKind.PERSONS, es.PERSON_MAPPING)
    return dry_run(store, table, mapping, actor=network.ambito, today=TODAY)


def person_row(index: int, **changes: object) -> list[object]:
    last, first, born, code = es.fake_person(index)
    row: dict[str, object] = {
        "last": last,
        "first": first,
        "born": born,
        "code": code,
        "phone": f"0332 {200000 + index}",
    }
    row.update(changes)
    return [row["last"], row["first"], row["born"], row["code"], row["phone"]]


def messages(plan, number: int) -> list[tuple[str, int | None, str]]:
    row = next(row for row in plan.rows if row.number == number)
    return [(issue.severity.value, issue.column, issue.message) for issue in row.issues]


def test_new_persons_are_to_create_and_nothing_is_written(store: Store, network: Network) -> None:
    before = es.dump(store)
    plan = persons_plan(store, network, [person_row(0), person_row(1)])
    assert [row.verdict for row in plan.rows] == [RowVerdict.CREATE, RowVerdict.CREATE]
    assert [row.number for row in plan.rows] == [2, 3]
    assert plan.unmapped == ()
    assert plan.missing == ()
    first = plan.rows[0]
    # Sex and birthplace come from the codice fiscale when no column gives them.
    assert first.values["sex"] == "F"
    assert first.values["birthplace_code"] == "L682"
    assert len(first.source_key) == 64
    assert len(first.row_digest) == 64
    assert es.dump(store) == before


def test_cell_errors_point_at_their_column(store: Store, network: Network) -> None:
    last, first, born, code = es.fake_person(3)
    rows = [
        person_row(0, born="31/02/2001"),  # impossible date
        person_row(1, code="RSSMRA01D43L682Z"),  # wrong check character
        person_row(2, last=None),  # required cell empty
        [last, first, date(born.year, born.month, born.day % 28 + 1), code, None],
    ]
    plan = persons_plan(store, network, rows)
    assert all(row.verdict is RowVerdict.SKIPPED for row in plan.rows)
    assert [(s, c) for s, c, _ in messages(plan, 2)] == [("error", 2)]
    assert "31/02/2001" in messages(plan, 2)[0][2]
    assert messages(plan, 3)[0][:2] == ("error", 3)
    assert "carattere di controllo" in messages(plan, 3)[0][2]
    assert messages(plan, 4) == [("error", 0, "Cognome: manca il valore, che è obbligatorio.")]
    # A codice fiscale whose birth date is not the row's: an error naming what differs.
    severity, column, text = messages(plan, 5)[0]
    assert (severity, column) == ("error", 3)
    assert text.startswith("Codice fiscale: Il codice fiscale indica la data di nascita")


def test_a_name_not_matching_the_code_is_a_warning_and_the_row_goes_in(
    store: Store, network: Network
) -> None:
    plan = persons_plan(store, network, [person_row(0, first="Giulietta")])
    row = plan.rows[0]
    assert row.verdict is RowVerdict.CREATE
    assert [(i.severity, i.column) for i in row.issues] == [(Severity.WARNING, 3)]
    assert "Il nome inserito (Giulietta" in row.issues[0].message


def test_duplicate_rows_in_the_file_skip_the_later_one(store: Store, network: Network) -> None:
    plan = persons_plan(store, network, [person_row(0), person_row(1), person_row(0)])
    assert [row.verdict for row in plan.rows] == [
        RowVerdict.CREATE,
        RowVerdict.CREATE,
        RowVerdict.SKIPPED,
    ]
    assert messages(plan, 4) == [("error", None, "Riga duplicata: stessa persona della riga 2.")]


def test_hidden_rows_are_imported_with_a_warning(store: Store, network: Network) -> None:
    plan = persons_plan(store, network, [person_row(0), person_row(1)], hidden=[3])
    assert plan.rows[1].verdict is RowVerdict.CREATE
    assert messages(plan, 3) == [("warning", None, HIDDEN_ROW)]


def test_a_required_field_no_column_fills_skips_every_row(store: Store, network: Network) -> None:
    table = es.table(es.PERSON_HEADERS, [person_row(0), person_row(1)])
    mapping = es.mapping(
        ImportKind.PERSONS, {**es.PERSON_MAPPING, "Data di nascita": None, "Telefono": "nope"}
    )
    plan = dry_run(store, table, mapping, actor=network.ambito, today=TODAY)
    assert plan.missing == ("Data di nascita",)
    assert plan.unmapped == ("Data di nascita", "Telefono")
    assert all(row.verdict is RowVerdict.SKIPPED for row in plan.rows)
    assert all(
        "Nel file manca la colonna di: Data di nascita." in [i.message for i in row.errors]
        for row in plan.rows
    )


def test_a_stored_person_is_updated_only_where_the_file_differs(
    store: Store, network: Network
) -> None:
    stored = make_person(store, network)
    same = [stored.last_name, stored.first_name, stored.birth_date, stored.fiscal_code, None]
    other = [*same[:4], "0332 999999"]
    plan = persons_plan(store, network, [same])
    # An empty cell never clears a stored value: the phone left empty changes nothing.
    assert plan.rows[0].verdict is RowVerdict.UNCHANGED
    assert plan.rows[0].record_id == stored.id
    plan = persons_plan(store, network, [other])
    assert plan.rows[0].verdict is RowVerdict.UPDATE
    assert plan.rows[0].changes == ("phone",)
    assert plan.rows[0].record_id == stored.id


def test_a_near_match_waits_for_a_decision(store: Store, network: Network) -> None:
    stored = make_person(store, network)  # Brambilla Giulia, 17/05/2004
    # Another codice fiscale (GLL for the first name, not GLI), a name one letter away.
    code = encode_fiscal_code(
        last_name="Brambilla",
        first_name="Giullia",
        sex="F",
        birth_date=stored.birth_date,  # type: ignore[arg-type]
        birthplace_code="L682",
    )
    plan = persons_plan(store, network, [["Brambilla", "Giullia", stored.birth_date, code, None]])
    row = plan.rows[0]
    assert row.verdict is RowVerdict.SKIPPED
    assert row.near_match is not None
    assert row.near_match.person_id == stored.id
    assert row.near_match.score >= 90
    assert row.errors == ()
    assert row.warnings[0].message.startswith("Possibile persona già presente: BRAMBILLA Giulia")
    assert row.warnings[0].message.endswith("decidere se importarla come nuova.")


def test_a_restricted_person_cannot_be_changed_by_an_import(store: Store, network: Network) -> None:
    stored = make_person(store, network)
    set_restriction(
        store, actor=network.ambito, person_id=stored.id, restricted=True, reason="Opposizione"
    )
    phone = "0332 123456"
    row = [stored.last_name, stored.first_name, stored.birth_date, stored.fiscal_code, phone]
    plan = persons_plan(store, network, [row])
    assert plan.rows[0].verdict is RowVerdict.SKIPPED
    assert "art. 18 GDPR" in plan.rows[0].errors[0].message


def test_progress_and_cancel(store: Store, network: Network) -> None:
    table = es.person_table(30)
    mapping = es.mapping(ImportKind.PERSONS, es.PERSON_MAPPING)
    seen: list[tuple[int, int]] = []
    plan = dry_run(
        store, table, mapping, actor=network.ambito, today=TODAY, progress=lambda *p: seen.append(p)
    )
    assert len(plan.rows) == 30
    assert seen[-1] == (30, 30)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 10

    with pytest.raises(ImportCancelled):
        dry_run(store, table, mapping, actor=network.ambito, today=TODAY, cancelled=cancelled)


# --- referrals ---------------------------------------------------------------------------------


def referrals_plan(store: Store, actor: Actor, rows: list[list[object]]):
    table = es.table(es.REFERRAL_HEADERS, rows)  # type: ignore[arg-type]
    mapping = es.mapping(ImportKind.REFERRALS, es.REFERRAL_MAPPING)
    return dry_run(store, table, mapping, actor=actor, today=TODAY)


def test_referrals_drafts_and_historic_ones(store: Store, network: Network) -> None:
    plan = referrals_plan(store, network.ambito, es.referral_rows(3))  # type: ignore[arg-type]
    assert [row.verdict for row in plan.rows] == [RowVerdict.CREATE] * 3
    assert [row.errors for row in plan.rows] == [(), (), ()]
    assert plan.rows[2].values["concluded_on"] == date(2024, 9, 30)
    assert plan.rows[2].values["outcome"] == "hired"


def test_a_site_that_may_not_send_is_refused_before_any_row(store: Store, network: Network) -> None:
    province = Actor("p.bianchi", "PROV-VA", SiteKind.PROVINCIA)
    with pytest.raises(ImportFileError, match="Nessun percorso di segnalazione"):
        referrals_plan(store, province, es.referral_rows(1))  # type: ignore[arg-type]


def test_referral_rules_of_the_services_and_the_job_centre(store: Store, network: Network) -> None:
    rows = es.referral_rows(4)
    rows[0][6] = "CMD"  # a CMD referral needs its disability category
    rows[1][5] = None  # no residence and no CPI: no CPI to send to
    rows[2][10] = date(2024, 1, 1)  # concluded before it was sent
    rows[3][9] = None  # concluded but never sent
    rows[3][10] = date(2024, 9, 30)
    plan = referrals_plan(store, network.ambito, rows)  # type: ignore[arg-type]
    assert [row.verdict for row in plan.rows] == [RowVerdict.SKIPPED] * 4
    assert messages(plan, 2) == [("error", None, "Il campo «Categoria» è obbligatorio.")]
    assert messages(plan, 3)[0][2].startswith("CPI: non è indicato")
    assert messages(plan, 4) == [("error", 10, "La data di conclusione precede la data di invio.")]
    assert messages(plan, 5) == [
        ("error", 9, "Una segnalazione conclusa va importata con la data di invio.")
    ]


def test_duplicate_referrals_by_the_offices_reference(store: Store, network: Network) -> None:
    rows = es.referral_rows(2)
    rows[1] = replace_cell(rows[1], 0, rows[0][0])
    plan = referrals_plan(store, network.ambito, rows)  # type: ignore[arg-type]
    assert plan.rows[1].verdict is RowVerdict.SKIPPED
    assert messages(plan, 3) == [
        ("error", None, "Riga duplicata: stessa segnalazione della riga 2.")
    ]


def replace_cell(row: list[object], index: int, value: object) -> list[object]:
    changed = list(row)
    changed[index] = value
    return changed


def test_plan_rows_are_plain_values(store: Store, network: Network) -> None:
    plan = persons_plan(store, network, [person_row(0)])
    # Frozen dataclasses: the wizard and the report may hold them across threads.
    with pytest.raises(AttributeError):
        plan.rows[0].verdict = RowVerdict.UPDATE  # type: ignore[misc]
    assert replace(plan.rows[0], verdict=RowVerdict.UPDATE).verdict is RowVerdict.UPDATE
