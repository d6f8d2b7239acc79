"""Reading a CSV (or a .txt saved by Excel as text): its encoding, its delimiter, its rows.

The encoding: a byte order mark says it (Excel's "CSV UTF-8" writes one; its "Unicode text" is
UTF-16 with tabs); else the bytes are tried as strict UTF-8; else charset-normalizer chooses
between Windows-1252 and Latin-1, the two an Italian office's older PCs save in. The delimiter:
csv.Sniffer on a sample, among ";", "," and tab; when it cannot tell, the one written most in
a single line of the first ones (the header's line has the most). The csv module parses,
quoted fields with line breaks included. Every cell stays text: "=HYPERLINK(...)" is the text
the user typed, never a formula, and the dry run reads dates and numbers from text.
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

from charset_normalizer import from_bytes

from desktop.services.imports.model import CellValue, ImportFileError
from desktop.services.imports.source_table import (
    MAX_COLUMNS,
    MAX_ROWS,
    RawSheet,
    Ticker,
    clean_text,
    too_many_columns,
    too_many_rows,
)

DELIMITERS = (";", ",", "\t")
_SAMPLE_CHARS = 64 * 1024
_SAMPLE_LINES = 30
_DECODE_CHUNK = 1024 * 1024


def detect_encoding(data: bytes) -> str:
    """The encoding's name ("utf-8-sig", "utf-16", "utf-8", "cp1252", "latin-1"), checked
    over all the bytes without holding the decoded text (the file is parsed streaming)."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if _decodes(data, "utf-8"):
        return "utf-8"
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1"]).best()
    if best is None and looks_like_text(data[:_SAMPLE_CHARS].decode("latin-1")):
        # charset-normalizer gives up on a short text with a stray byte: Latin-1 reads any.
        return "latin-1"
    if best is None:
        raise ImportFileError(
            "Il file non è un testo leggibile né un foglio Excel: salvarlo come .xlsx o come "
            "CSV da Excel e riprovare."
        )
    # Windows-1252 leaves five bytes undefined, which Latin-1 reads: the same letters else.
    return "cp1252" if best.encoding == "cp1252" and _decodes(data, "cp1252") else "latin-1"


def looks_like_text(sample: str) -> bool:
    """Few control characters (tabs and line ends aside): text, not a binary file."""
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n")
    return controls <= len(sample) // 100


def sample(data: bytes, encoding: str) -> str:
    """The file's beginning as text, for the delimiter and the checks on what the file is."""
    return codecs.getincrementaldecoder(encoding)(errors="replace").decode(data[:_SAMPLE_CHARS])


def _decodes(data: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for start in range(0, len(data), _DECODE_CHUNK):
            decoder.decode(view[start : start + _DECODE_CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _strict(data: bytes, encoding: str) -> str:
    if not _decodes(data, encoding):
        raise _invalid_characters()
    return encoding


def _invalid_characters() -> ImportFileError:
    return ImportFileError(
        "Il file CSV contiene caratteri non validi: salvarlo di nuovo da Excel come "
        "«CSV UTF-8» e riprovare."
    )


def sniff_delimiter(text: str) -> str:
    sample = text[:_SAMPLE_CHARS]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        delimiter = ""
    if delimiter in DELIMITERS:
        return delimiter
    lines = [line for line in sample.splitlines()[:_SAMPLE_LINES] if line.strip()]
    counts = {d: max((line.count(d) for line in lines), default=0) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: the first, ";" (Italian Excel's)
    return best if counts[best] else ";"


def read_rows(path: Path, encoding: str, delimiter: str, ticker: Ticker) -> RawSheet:
    """The file's records, parsed as they are read (the text is never held whole)."""
    raw = RawSheet()
    number = 0
    try:
        with path.open(encoding=encoding, newline="") as stream:
            # Fields longer than Excel's cell are cut (with a notice); the csv module's own
            # bound (131,072 characters) refuses an absurd one before it is held whole.
            for record in csv.reader(stream, delimiter=delimiter):
                number += 1
                _add_record(raw, number, record)
                ticker.tick(number)
    except UnicodeDecodeError as error:
        raise _invalid_characters() from error
    except csv.Error as error:
        raise ImportFileError(
            f"Il file CSV non si legge dalla riga {number + 1} (una cella di più di "
            f"{csv.field_size_limit():_} caratteri o virgolette non chiuse): correggerlo e "
            "riprovare.".replace("_", ".")
        ) from error
    return raw


def _add_record(raw: RawSheet, number: int, record: list[str]) -> None:
    if len(record) > 2 * MAX_COLUMNS:
        raise too_many_columns(len(record))
    cells: list[CellValue] = [
        clean_text(field, number, column, raw) for column, field in enumerate(record)
    ]
    while cells and cells[-1] is None:
        cells.pop()
    if cells:
        if len(raw.rows) >= MAX_ROWS:
            raise too_many_rows()
        raw.rows.append((number, cells))
