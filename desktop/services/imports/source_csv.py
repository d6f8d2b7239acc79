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
import io

from charset_normalizer import from_bytes

from desktop.services.imports.model import ImportFileError
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


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding's name ("utf-8-sig", "utf-16", "utf-8", "cp1252", "latin-1")."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1"]).best()
    if best is None:
        raise ImportFileError(
            "Il file non è un testo leggibile né un foglio Excel: salvalo come .xlsx o come "
            "CSV da Excel e riprova."
        )
    encoding = "latin-1" if best.encoding == "latin_1" else best.encoding
    return str(best), encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            "Il file CSV contiene caratteri non validi: salvalo di nuovo da Excel come "
            "«CSV UTF-8» e riprova."
        ) from error


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


def read_rows(text: str, delimiter: str, ticker: Ticker) -> RawSheet:
    raw = RawSheet()
    # Fields longer than Excel's cell are cut (with a notice); the csv module's own bound
    # (131,072 characters) refuses an absurd one before it is held whole.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    ticker.total = text.count("\n") + 1
    try:
        for record in reader:
            number += 1
            if len(record) > 2 * MAX_COLUMNS:
                raise too_many_columns(len(record))
            cells = [clean_text(field, number, column, raw) for column, field in enumerate(record)]
            while cells and cells[-1] is None:
                cells.pop()
            if cells:
                if len(raw.rows) >= MAX_ROWS:
                    raise too_many_rows()
                raw.rows.append((number, list(cells)))
            ticker.tick(number)
    except csv.Error as error:
        raise ImportFileError(
            f"Il file CSV non si legge dalla riga {number + 1} (una cella di più di "
            f"{csv.field_size_limit():_} caratteri o virgolette non chiuse): correggilo e "
            "riprova.".replace("_", ".")
        ) from error
    return raw
