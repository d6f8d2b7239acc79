"""`trama export` as an Italian office reads it (issue 16): Italian labels, real dates, sites
by name, a usable sheet (widths, frozen header, filter), sensitive columns only when asked for
(and audited as such), restricted people never; and a file the user names that cannot be
written refused in Italian, leaving nothing behind."""

from __future__ import annotations

import csv
import os
import re
import stat
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import select, update

from desktop.cli import main
from desktop.services.audit import list_audit
from desktop.services.export import EXPORT_KINDS
from desktop.store.migrate import open_store
from desktop.store.models import Person, Referral, Site
from sync.protocol import codes

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:openpyxl")

SENSITIVE_HEADERS = {"Codice fiscale", "Indirizzo", "Telefono", "E-mail", "Data di nascita"}
DATE_HEADERS = {"Data", "Inviata il", "Inizio", "Fine"}
# Words of English a user must not read from `trama` (argparse's own and the old messages).
ENGLISH = (
    "usage:",
    "error:",
    "options:",
    "positional arguments",
    "show this help",
    "not found",
    "unknown",
    "invalid choice",
    "required",
    "default",
    "exported to",
    " the ",
    "Traceback",
)


def _all_codes() -> set[str]:
    """Every code value of the protocol's code lists."""
    found: set[str] = set()
    for value in vars(codes).values():
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum:
            found.update(member.value for member in value)
    return found


ALL_CODES = _all_codes()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("exports") / "data"
    assert main(["seed-demo", "--data-dir", str(folder), "--referrals", "80", "--seed", "3"]) == 0
    # One person restricted (GDPR art. 18): never exported, nor their referrals.
    store = open_store(folder, create=False)
    try:
        with store.write() as session:
            person = session.scalars(
                select(Person).join(Referral, Referral.person_id == Person.id).limit(1)
            ).one()
            session.execute(update(Person).where(Person.id == person.id).values(restricted=True))
    finally:
        store.dispose()
    yield folder


def _restricted(folder: Path) -> tuple[str, list[str]]:
    store = open_store(folder, create=False)
    try:
        with store.read() as session:
            person = session.scalars(select(Person).where(Person.restricted.is_(True))).one()
            numbers = list(
                session.scalars(select(Referral.number).where(Referral.person_id == person.id))
            )
            return person.fiscal_code, numbers
    finally:
        store.dispose()


def _site_codes(folder: Path) -> set[str]:
    store = open_store(folder, create=False)
    try:
        with store.read() as session:
            return set(session.scalars(select(Site.code)))
    finally:
        store.dispose()


def _audit_rows(folder: Path) -> list[Any]:
    store = open_store(folder, create=False)
    try:
        return list(list_audit(store))
    finally:
        store.dispose()


def _export(folder: Path, kind: str, output: Path, *flags: str) -> None:
    assert main(["export", kind, "--data-dir", str(folder), "-o", str(output), *flags]) == 0


def _sheet(path: Path) -> Any:
    return load_workbook(path).active


def _no_codes(values: list[Any], site_codes: set[str]) -> None:
    texts = [value for value in values if isinstance(value, str)]
    assert not ALL_CODES & set(texts), sorted(ALL_CODES & set(texts))
    shown = [text for text in texts if any(code in text for code in site_codes)]
    assert shown == []


@pytest.mark.parametrize("kind", EXPORT_KINDS)
def test_an_excel_export_is_labelled_dated_and_laid_out(
    seeded: Path, tmp_path: Path, kind: str
) -> None:
    output = tmp_path / f"{kind}.xlsx"
    _export(seeded, kind, output)
    sheet = _sheet(output)
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    assert len(rows) > 1
    assert all(isinstance(title, str) and title[:1].isupper() for title in header)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}{len(rows)}"
    for index in range(1, len(header) + 1):
        width = sheet.column_dimensions[get_column_letter(index)].width
        assert width is not None and 8 <= width <= 50
    assert all(cell.font.b for cell in rows[0])
    dated = [i for i, title in enumerate(header) if title in DATE_HEADERS]
    assert dated or kind == "persons", header  # a person's only date is sensitive
    for row in rows[1:]:
        for i in dated:
            if row[i].value is not None:
                assert row[i].is_date and row[i].number_format == "DD/MM/YYYY"
    _no_codes([cell.value for row in rows for cell in row], _site_codes(seeded))
    assert not SENSITIVE_HEADERS & set(header)


def test_sensitive_columns_only_when_asked_for_and_audited(seeded: Path, tmp_path: Path) -> None:
    plain, full = tmp_path / "plain.xlsx", tmp_path / "full.xlsx"
    before = {row.id for row in _audit_rows(seeded)}
    _export(seeded, "persons", plain)
    _export(seeded, "persons", full, "--include-sensitive")
    plain_header = [cell.value for cell in next(_sheet(plain).iter_rows())]
    full_rows = list(_sheet(full).iter_rows(values_only=True))
    assert not SENSITIVE_HEADERS & set(plain_header)
    assert set(full_rows[0]) >= SENSITIVE_HEADERS
    fiscal = full_rows[0].index("Codice fiscale")
    assert all(re.fullmatch(r"[A-Z0-9]{16}", row[fiscal]) for row in full_rows[1:])
    _no_codes([value for row in full_rows for value in row], _site_codes(seeded))

    new = sorted(
        (row for row in _audit_rows(seeded) if row.id not in before), key=lambda row: row.action
    )
    assert [(row.action, row.entity) for row in new] == [
        ("export", "person_list"),
        ("export_sensitive", "person_list"),
    ]
    assert new[1].details.startswith(f"kind=persons; format=xlsx; rows={len(full_rows) - 1};")
    assert "fiscal_code" in new[1].details and "fiscal_code" not in new[0].details
    for row in new:  # codes and counts only: no name, no codice fiscale
        assert not any(str(value) in row.details for value in full_rows[1][:4] if value)


def test_referrals_sensitive_export_is_audited_with_its_kind(seeded: Path, tmp_path: Path) -> None:
    before = {row.id for row in _audit_rows(seeded)}
    output = tmp_path / "r.csv"
    _export(seeded, "referrals", output, "--include-sensitive")
    [row] = [row for row in _audit_rows(seeded) if row.id not in before]
    assert row.action == "export_sensitive"
    assert row.details.startswith("kind=referrals; format=csv; rows=")


def test_a_csv_export_reads_in_italian_excel(seeded: Path, tmp_path: Path) -> None:
    output = tmp_path / "referrals.csv"
    _export(seeded, "referrals", output, "--include-sensitive")
    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8, accents intact
    with output.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header = rows[0]
    assert header[:4] == ["Numero", "Data", "Percorso", "Stato"]
    assert set(header) >= SENSITIVE_HEADERS
    for row in rows[1:]:
        assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", row[header.index("Data")])
    sender = header.index("Sede inviante")
    # An Ambito or the demo's Third Sector body, always by name.
    assert all(row[sender].startswith(("Ambito di", "Cooperativa sociale")) for row in rows[1:])
    _no_codes([value for row in rows for value in row], _site_codes(seeded))


def test_restricted_people_are_never_exported(seeded: Path, tmp_path: Path) -> None:
    fiscal_code, numbers = _restricted(seeded)
    assert numbers
    for kind in ("persons", "referrals"):
        output = tmp_path / f"{kind}.csv"
        _export(seeded, kind, output, "--include-sensitive")
        text = output.read_text(encoding="utf-8-sig")
        assert fiscal_code not in text
        assert not any(number in text for number in numbers)


# --- the command line in Italian ---------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str]:
    try:
        code = main(args)
    except SystemExit as exited:
        code = exited.code if isinstance(exited.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _italian(text: str) -> None:
    found = [word for word in ENGLISH if word in text]
    assert found == [], text


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["export"],
        ["print"],
        ["seed-demo"],
        ["enroll"],
        ["sync"],
        ["recover"],
        ["backup"],
        ["restore"],
        ["check"],
        ["audit"],
        ["audit", "verify"],
        ["retention"],
        ["self-test"],
    ],
)
def test_every_help_reads_in_italian(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, text = _run(capsys, [*command, "--help"])
    assert code == 0
    assert text.startswith("uso: trama")
    _italian(text)


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["migrate"],
        ["serve"],
        ["site"],
        ["site", "add"],
        ["enroll-code"],
        ["init-demo"],
        ["device", "revoke"],
        ["record", "quarantine"],
        ["audit", "verify"],
        ["reference", "import"],
    ],
)
def test_the_server_command_reads_in_italian_too(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # IT staff read 'trama-server'; its help and argparse's own words are Italian as well.
    from sync.server.cli import main as server_main  # noqa: PLC0415

    try:
        code = server_main([*command, "--help"])
    except SystemExit as exited:
        code = exited.code if isinstance(exited.code, int) else 1
    text = capsys.readouterr().out
    assert code == 0
    assert text.startswith("uso: trama-server")
    _italian(text.replace("--default", ""))
    try:
        server_main(["site", "add", "--kind", "comune"])
    except SystemExit as exited:
        assert exited.code == 2
    said = capsys.readouterr().err
    assert "errore: argomento --kind: scelta non valida: 'comune'" in said


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["export"], "mancano gli argomenti obbligatori: TIPO, --data-dir, -o/--output"),
        (["export", "widgets", "--data-dir", "x", "-o", "y.csv"], "scelta non valida: 'widgets'"),
        (["frobnicate"], "scelta non valida: 'frobnicate'"),
        (["seed-demo", "--data-dir", "x", "--referrals", "many"], "non è un numero intero"),
        (["sync", "--data-dir"], "argomento --data-dir: manca il valore"),
        (["sync", "--data-dir", "x", "--loud"], "argomenti non riconosciuti: --loud"),
        (["audit"], "mancano gli argomenti obbligatori: AZIONE"),
    ],
)
def test_a_wrong_invocation_is_said_in_italian(
    capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    code, text = _run(capsys, args)
    assert code == 2
    assert said in text
    assert "uso: trama" in text and "errore: " in text
    _italian(text)


def test_a_missing_data_folder_is_said_in_italian(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for command in (["export", "persons", "-o", str(tmp_path / "p.csv")], ["sync"], ["check"]):
        code, text = _run(capsys, [*command, "--data-dir", str(tmp_path / "none")])
        assert code == 1
        assert "non esiste" in text
        _italian(text)


def _refused(capsys: pytest.CaptureFixture[str], folder: Path, output: Path, said: str) -> None:
    before = sorted(output.parent.iterdir()) if output.parent.is_dir() else []
    code, text = _run(capsys, ["export", "persons", "--data-dir", str(folder), "-o", str(output)])
    assert code == 1
    assert said in text
    _italian(text)
    after = sorted(output.parent.iterdir()) if output.parent.is_dir() else []
    assert after == before  # no file, no half file


def test_an_output_in_a_missing_folder_is_refused(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    _refused(capsys, seeded, tmp_path / "none" / "p.xlsx", "non esiste")


def test_an_output_that_is_a_folder_is_refused(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "elenco.xlsx"
    folder.mkdir()
    _refused(capsys, seeded, folder, "è una cartella")
    assert folder.is_dir() and not any(folder.iterdir())


def test_a_read_only_output_is_refused_and_kept(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    output = tmp_path / "p.csv"
    output.write_text("vecchio", encoding="utf-8")
    output.chmod(stat.S_IRUSR)
    try:
        _refused(capsys, seeded, output, "sola lettura")
        assert output.read_text(encoding="utf-8") == "vecchio"
    finally:
        output.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_an_unknown_format_is_refused(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    _refused(capsys, seeded, tmp_path / "p.ods", "Formato di esportazione sconosciuto (.ods)")


def test_a_failure_while_writing_leaves_no_file(
    capsys: pytest.CaptureFixture[str],
    seeded: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The disk fills up halfway: the message is Italian and neither file nor half file stays.
    import errno  # noqa: PLC0415

    from desktop.services import spreadsheet  # noqa: PLC0415

    def full(path: Path, *_args: Any) -> Any:
        path.write_bytes(b"PK\x03\x04")  # the first bytes written, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(spreadsheet, "_write_xlsx", full)
    output = tmp_path / "p.xlsx"
    _refused(capsys, seeded, output, "spazio")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="an administrator writes anywhere"
)
def test_an_output_in_a_read_only_folder_is_refused(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "chiusa"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        _refused(capsys, seeded, folder / "p.csv", "Non è possibile scrivere")
    finally:
        folder.chmod(stat.S_IRWXU)
