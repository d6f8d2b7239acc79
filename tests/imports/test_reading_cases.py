"""Every case of "Reading real workbooks" (issue 19) end to end: a workbook built here, read by
``sources.read_table``, mapped by ``fields.suggest_mapping``, judged by ``plan.dry_run``; each
row's verdict and each cell's issue asserted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.services.imports import fields, sources
from desktop.services.imports.commit import commit_import
from desktop.services.imports.model import ImportKind, ImportPlan, RowVerdict
from desktop.services.imports.plan import HIDDEN_ROW, dry_run
from desktop.services.imports.values import load_value_reader
from desktop.store.engine import Store
from tests.imports import engine_support as es
from tests.imports.workbooks import Sheet, write_csv, write_workbook, write_xls
from tests.services_support import Network, build_network

TODAY = date(2026, 11, 27)
HEADER = [
    "Cognome",
    "Nome",
    "Sesso",
    "Data di nascita",
    "Luogo di nascita",
    "Codice fiscale",
    "Comune di residenza",
    "Permesso in rinnovo",
    "Note interne",
]


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


def code(last: str, first: str, sex: str, born: date, place: str = "L682") -> str:
    return encode_fiscal_code(
        last_name=last, first_name=first, sex=sex, birth_date=born, birthplace_code=place
    )


def plan_file(store: Store, network: Network, path: Path, kind: ImportKind) -> ImportPlan:
    table = sources.read_table(path)
    mapping = fields.suggest_mapping(kind, table.headers)
    return dry_run(store, table, mapping, actor=network.ambito, today=TODAY)


def issues(plan: ImportPlan) -> dict[int, list[tuple[str, str | None, str]]]:
    letters = plan.table.column_letters
    return {
        row.number: [
            (
                issue.severity.value,
                letters[issue.column] if issue.column is not None else None,
                issue.message,
            )
            for issue in row.issues
        ]
        for row in plan.rows
    }


def person_rows(cadrezzate: str) -> list[list[object]]:
    """The workbook's rows under its header, one case each (the sheet's row number beside)."""
    born = date(2001, 4, 3)
    may = date(2001, 5, 3)
    colombo = code("Colombo", "Luca", "M", may)
    return [
        # 4: a real date cell, the plain forms
        ["Brambilla", "Giulia", "F", may, "Varese", code("Brambilla", "Giulia", "F", may),
         "Varese", "sì", "ok"],
        # 5: the date as an Excel serial; the codice fiscale in lower case with spaces; a comune
        # abbreviated as offices write it
        ["Colombo", "Luca", "M", 37014, "Varese", f" {colombo[:6].lower()} {colombo[6:].lower()}",
         "Busto A.", "no", None],
        # 6-8: dates as text in the common Italian forms; a comune with its province
        ["Ferrari", "Sara", "F", "3/4/01", "Varese", code("Ferrari", "Sara", "F", born),
         "Gallarate (VA)", "x", None],
        ["Bianchi", "Marco", "M", "03-04-2001", "Varese", code("Bianchi", "Marco", "M", born),
         "Varese", "No", None],
        ["Galli", "Elena", "F", "3 aprile 2001", "Cadrezzate",
         code("Galli", "Elena", "F", born, cadrezzate), "Maccagno", None, None],
        # 9: a hidden row
        ["Fontana", "Davide", "M", born, "Varese", code("Fontana", "Davide", "M", born),
         "Busto Arsisio", None, "nascosta"],
        # 10: an impossible date
        ["Marelli", "Chiara", "F", "31/02/2001", "Varese", code("Marelli", "Chiara", "F", born),
         "Varese", None, None],
        # 11: a codice fiscale of another birth date
        ["Rossi", "Andrea", "M", date(2001, 4, 4), "Varese", code("Rossi", "Andrea", "M", born),
         "Varese", None, None],
        # 12: a yes/no that is neither
        ["Conti", "Martina", "F", born, "Varese", code("Conti", "Martina", "F", born), "Varese",
         "forse", None],
        # 13: a comune outside the province
        ["Greco", "Simone", "M", born, "Varese", code("Greco", "Simone", "M", born), "Milano",
         None, None],
        # 14-15: the comune written once in a merged range G14:G15
        ["Ricci", "Giulia", "F", born, "Varese", code("Ricci", "Giulia", "F", born), "Varese",
         None, None],
        ["Ricci", "Marco", "M", born, "Varese", code("Ricci", "Marco", "M", born), None, None,
         None],
    ]  # fmt: skip


def test_an_offices_persons_workbook(store: Store, network: Network, tmp_path: Path) -> None:
    reader = load_value_reader(store, today=TODAY)
    birthplace = next(f for f in fields.import_fields(ImportKind.PERSONS) if f.key == "birthplace")
    cadrezzate = reader.read(birthplace, "Cadrezzate").value
    assert isinstance(cadrezzate, tuple)  # a ceased comune: a birthplace of its time
    path = write_workbook(
        tmp_path / "anagrafe.xlsx",
        Sheet(
            rows=[["Anagrafe utenti - Ambito di Varese"], [], HEADER, *person_rows(cadrezzate[0])],
            merged=["A1:I1", "G14:G15"],
            hidden_rows=[9],
            hidden_columns=["I"],
            formatted_down_to=3000,  # blank formatted rows below: ignored
        ),
    )
    plan = plan_file(store, network, path, ImportKind.PERSONS)
    table = plan.table
    assert table.header_row == 3
    assert tuple(table.headers) == tuple(HEADER)
    assert [row.number for row in plan.rows] == list(range(4, 16))
    assert table.hidden_columns == (8,)
    assert plan.unmapped == ("Note interne",)
    assert plan.missing == ()
    notices = [notice.message for notice in table.notices]
    assert notices[0] == "Righe 1-2 saltate: titolo sopra l'intestazione."
    assert any("Riga 9 nascosta" in text for text in notices)
    assert any("Colonna I («Note interne») nascosta" in text for text in notices)
    assert any(text.startswith("Celle unite G14:G15") for text in notices)

    verdicts = {row.number: row.verdict for row in plan.rows}
    assert [n for n, v in verdicts.items() if v is RowVerdict.SKIPPED] == [10, 11, 12, 13]
    assert all(v is RowVerdict.CREATE for n, v in verdicts.items() if n not in (10, 11, 12, 13))
    found = issues(plan)
    for number in (4, 5, 6, 7, 14, 15):
        assert found[number] == [], number
    assert found[8] == [
        (
            "warning",
            "G",
            "Comune di residenza: «Maccagno» dal 04/02/2014 fa parte del comune di Maccagno "
            "con Pino e Veddasca: importato come Maccagno con Pino e Veddasca.",
        )
    ]
    assert found[9] == [
        ("warning", None, HIDDEN_ROW),
        ("warning", "G", "Comune di residenza: «Busto Arsisio» interpretato come Busto Arsizio."),
    ]
    assert found[10] == [("error", "D", "Data di nascita: «31/02/2001» non è una data esistente.")]
    assert found[11] == [
        (
            "error",
            "F",
            "Codice fiscale: Il codice fiscale indica la data di nascita 03/04/2001, ma è "
            "stata inserita 04/04/2001.",
        )
    ]
    assert found[12][0][:2] == ("error", "H")
    assert found[12][0][2].startswith("Permesso in rinnovo: «forse» non è un valore ammesso")
    assert found[13] == [
        (
            "error",
            "G",
            "Comune di residenza: «Milano» è Milano (MI), fuori dalla provincia di Varese: sono "
            "ammessi solo i comuni della provincia.",
        )
    ]
    values = {row.number: row.values for row in plan.rows}
    assert values[5]["birth_date"] == date(2001, 5, 3)  # Excel's serial 37014
    assert values[5]["fiscal_code"] == code("Colombo", "Luca", "M", date(2001, 5, 3))
    assert [values[n]["birth_date"] for n in (6, 7, 8)] == [date(2001, 4, 3)] * 3
    assert (values[4]["permit_renewing"], values[5]["permit_renewing"]) == (True, False)
    assert (values[6]["permit_renewing"], values[7]["permit_renewing"]) == (True, False)
    assert values[6]["residence_municipality_id"] == network.gallarate_id
    assert values[14]["residence_municipality_id"] == network.varese_id
    assert values[15]["residence_municipality_id"] == network.varese_id
    assert values[8]["birthplace"] == cadrezzate

    # Imported, then the same file again: nothing changes.
    outcome = commit_import(store, plan, actor=network.ambito)
    assert (outcome.created, outcome.skipped) == (8, 4)
    before = es.dump(store)
    again = plan_file(store, network, path, ImportKind.PERSONS)
    assert [row.verdict for row in again.rows if row.number not in (10, 11, 12, 13)] == [
        RowVerdict.UNCHANGED
    ] * 8
    assert commit_import(store, again, actor=network.ambito).created == 0
    assert es.dump(store) == before


def test_a_cmd_csv_from_an_old_excel(store: Store, network: Network, tmp_path: Path) -> None:
    """Windows-1252 with ";", numbers with a decimal comma or a percent sign, yes/no in words,
    the track written as offices write it."""
    born = date(1985, 11, 20)
    header = [
        "N. pratica", "Cognome", "Nome", "Data di nascita", "Codice fiscale", "Residenza",
        "Tipo", "Categoria", "Percentuale di invalidità", "Data segnalazione", "Note",
    ]  # fmt: skip
    rows = [
        ["CM-1", "Sala", "Niccolò", born, code("Sala", "Niccolò", "M", born), "Varese", "L. 68",
         "invalido civile", "67,0", "03/04/2024", "Già seguito dal servizio."],
        ["CM-2", "Rè", "Lucia", born, code("Rè", "Lucia", "F", born), "Varese", "Disabili",
         "invalida civile", "74%", "3 aprile 2024", None],
        ["CM-3", "Villa", "Paolo", born, code("Villa", "Paolo", "M", born), "Varese", "CMD",
         "invalido civile", "67,5", "03/04/2024", None],
    ]  # fmt: skip
    path = write_csv(tmp_path / "cmd.csv", [header, *rows], encoding="cp1252")
    plan = plan_file(store, network, path, ImportKind.REFERRALS)
    assert plan.table.source.encoding == "cp1252"
    assert plan.table.headers[8] == "Percentuale di invalidità"
    assert plan.table.rows[0].cells[2] == "Niccolò"
    assert [row.verdict for row in plan.rows] == [
        RowVerdict.CREATE,
        RowVerdict.CREATE,
        RowVerdict.SKIPPED,
    ]
    assert plan.rows[0].values["disability_percentage"] == 67
    assert plan.rows[1].values["disability_percentage"] == 74
    assert plan.rows[0].values["track"] == plan.rows[1].values["track"] == "cmd"
    assert plan.rows[1].values["created_on"] == date(2024, 4, 3)
    assert issues(plan)[4] == [
        ("error", "I", "Percentuale di invalidità: «67,5» non è un numero intero.")
    ]
    outcome = commit_import(store, plan, actor=network.ambito)
    assert (outcome.created, outcome.skipped) == (2, 1)


def test_an_old_xls(store: Store, network: Network, tmp_path: Path) -> None:
    born = date(2001, 4, 3)
    path = write_xls(
        tmp_path / "vecchio.xls",
        Sheet(
            rows=[
                ["Cognome", "Nome", "Data di nascita", "C.F."],
                ["Brambilla", "Giulia", born, code("Brambilla", "Giulia", "F", born)],
                ["Colombo", "Luca", "03/04/2001", code("Colombo", "Luca", "M", born)],
            ],
            hidden_rows=[3],
        ),
    )
    plan = plan_file(store, network, path, ImportKind.PERSONS)
    assert [row.verdict for row in plan.rows] == [RowVerdict.CREATE, RowVerdict.CREATE]
    assert issues(plan) == {2: [], 3: [("warning", None, HIDDEN_ROW)]}
