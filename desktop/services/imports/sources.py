"""Opening a spreadsheet safely and reading one sheet into a ``SourceTable`` (helper A).

The format is told by the file's bytes, not its name: a zip holding a workbook is an .xlsx or
.xlsm (source_xlsx), an OLE2 compound file holding a "Workbook" stream an .xls (source_xls),
text a CSV (source_csv). Everything else, and anything beyond the bounds a real office file
keeps (size, rows, columns, a zip that would decompress past a bound), is refused with an
``ImportFileError`` saying what to do, before a reader spends memory on it. The table itself
(header row, merged cells, blank rows, notices) is built alike for every format
(source_table).
"""

from __future__ import annotations

import hashlib
import logging
import zipfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]

from desktop.services.imports import fields, source_csv, source_xls, source_xlsx
from desktop.services.imports.model import (
    Cancelled,
    ImportCancelled,
    ImportFileError,
    ImportKind,
    Progress,
    SheetInfo,
    SourceFormat,
    SourceInfo,
    SourceTable,
)
from desktop.services.imports.source_table import (
    MAX_FILE_BYTES,
    RawSheet,
    Ticker,
    build_table,
)

log = logging.getLogger(__name__)

# A workbook's parts, decompressed, may not exceed this in all (a real one of 20,000 rows is
# some tens of MB), nor a large part compress better than this ratio (zeros do ~1,000:1).
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200
_RATIO_FROM_BYTES = 10 * 1024 * 1024
_MAX_MEMBERS = 10_000

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS_XLSX = "Aprirlo in Excel, salvarlo come .xlsx e riprovare."


def inspect_source(path: Path) -> SourceInfo:
    """The file's format, fingerprint and sheets; raises ImportFileError in Italian."""
    path = Path(path)
    with _readable(path):
        size, digest, head = _fingerprint(path)
        file_format, sheets, encoding, delimiter = _probe(path, head)
    return SourceInfo(
        name=path.name,
        sha256=digest,
        size=size,
        format=file_format,
        sheets=sheets,
        encoding=encoding,
        delimiter=delimiter,
    )


def read_table(
    path: Path,
    sheet: str | None = None,
    *,
    source: SourceInfo | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    header_hints: Collection[str] | None = None,
) -> SourceTable:
    """One sheet (the first visible one when ``sheet`` is None) as a table under its header.

    ``header_hints``: headers that name Trama's fields, normalised (``fields.normalise_header``):
    the header row is the one of the first rows that holds most of them. None: the synonyms of
    every field an import fills (persons' and referrals'); () for the row's shape alone.
    """
    path = Path(path)
    info = source if source is not None else inspect_source(path)
    name = _sheet_name(info, sheet)
    ticker = Ticker(progress, cancelled, 0)
    with _readable(path):
        if source is not None:
            _check_unchanged(path, source)
        raw = _read_raw(path, info, name, ticker)
    ticker.finish(ticker.total or len(raw.rows))
    hints = default_header_hints() if header_hints is None else header_hints
    return build_table(raw, source=info, sheet=name, header_hints=hints)


@cache
def default_header_hints() -> frozenset[str]:
    """The normalised synonyms of all of Trama's import fields (a referral's file names its
    person's fields too): what a header row holds and a title or a data row does not."""
    return frozenset(
        synonym
        for field in fields.import_fields(ImportKind.REFERRALS)
        for synonym in field.synonyms
    )


def _check_unchanged(path: Path, source: SourceInfo) -> None:
    """The file read is the one inspected: its SHA-256 is the import's key of idempotence, so
    a file saved again in between must be opened again (hashing 50 MB takes a tenth of a
    second)."""
    size, digest, _ = _fingerprint(path)
    if (size, digest) != (source.size, source.sha256):
        raise ImportFileError(
            f"Il file «{path.name}» è cambiato dopo che è stato aperto: aprirlo di nuovo."
        )


def _sheet_name(info: SourceInfo, sheet: str | None) -> str:
    if sheet is None:
        visible = [s for s in info.sheets if not s.hidden]
        return (visible or list(info.sheets))[0].name
    if sheet not in {s.name for s in info.sheets}:
        raise ImportFileError(f"Il file «{info.name}» non ha un foglio «{sheet}».")
    return sheet


def _read_raw(path: Path, info: SourceInfo, sheet: str, ticker: Ticker) -> RawSheet:
    if info.format is SourceFormat.XLSX:
        _check_zip(path)
        with path.open("rb") as stream:
            book = source_xlsx.open_book(stream, ticker=ticker)
            try:
                return source_xlsx.read_sheet(book, sheet, ticker, max_bytes=MAX_UNZIPPED_BYTES)
            finally:
                book.close()
    if info.format is SourceFormat.XLS:
        book = source_xls.open_book(path.read_bytes())
        try:
            return source_xls.read_sheet(book, sheet, ticker)
        finally:
            book.release_resources()
    data = path.read_bytes()
    encoding = info.encoding or source_csv.detect_encoding(data)
    delimiter = info.delimiter or source_csv.sniff_delimiter(source_csv.sample(data, encoding))
    ticker.total = data.count(b"\n") + 1
    del data  # parsed from the file, streaming: the bytes need not stay
    return source_csv.read_rows(path, encoding, delimiter, ticker)


def _fingerprint(path: Path) -> tuple[int, str, bytes]:
    size = _check_size(path)
    digest = hashlib.sha256()
    head = b""
    with path.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            if not head:
                head = chunk[:4096]
            digest.update(chunk)
    return size, digest.hexdigest(), head


def _check_size(path: Path) -> int:
    if not path.is_file():
        raise ImportFileError(f"Il file «{path.name}» non esiste o non è un file.")
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(f"Il file «{path.name}» è vuoto: scegliere il file con i dati.")
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"Il file «{path.name}» supera i {MAX_FILE_BYTES // (1024 * 1024)} MB che Trama "
            "importa: dividerlo in più file e importarli uno alla volta."
        )
    return size


def _probe(
    path: Path, head: bytes
) -> tuple[SourceFormat, tuple[SheetInfo, ...], str | None, str | None]:
    if head.startswith(_ZIP):
        _check_zip(path)
        with path.open("rb") as stream:
            book = source_xlsx.open_book(stream, cells=False)
            book.close()
        return SourceFormat.XLSX, _some_sheets(path, book.sheets), None, None
    if head.startswith(_OLE2):
        data = path.read_bytes()
        streams = source_xls.ole_streams(data)
        if {"EncryptedPackage", "EncryptionInfo"} & streams:
            raise source_xls.PROTECTED
        if not {"Workbook", "Book"} & streams:
            raise ImportFileError(
                f"Il file «{path.name}» non è un foglio Excel (forse un documento Word o di "
                f"un altro programma). {_SAVE_AS_XLSX}"
            )
        book = source_xls.open_book(data)
        try:
            return SourceFormat.XLS, _some_sheets(path, source_xls.xls_sheets(book)), None, None
        finally:
            book.release_resources()
    if head.startswith(b"%PDF"):
        raise ImportFileError(
            f"Il file «{path.name}» è un PDF, non un foglio di calcolo: chiedi a chi l'ha "
            "mandato il file Excel originale."
        )
    return _probe_text(path)


def _probe_text(path: Path) -> tuple[SourceFormat, tuple[SheetInfo, ...], str | None, str | None]:
    data = path.read_bytes()
    encoding = source_csv.detect_encoding(data)
    text = source_csv.sample(data, encoding)
    start = text[:512].lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<html", "<!doctype", "<?xml", "<table")):
        raise ImportFileError(
            f"Il file «{path.name}» è una pagina web o un XML con il nome di un foglio Excel. "
            f"{_SAVE_AS_XLSX}"
        )
    if "\x00" in text[:4096] or not source_csv.looks_like_text(text[:4096]):
        raise ImportFileError(
            f"Il file «{path.name}» non è un foglio di calcolo che Trama sappia leggere "
            f"(.xlsx, .xlsm, .xls, .csv). {_SAVE_AS_XLSX}"
        )
    delimiter = source_csv.sniff_delimiter(text)
    return SourceFormat.CSV, (SheetInfo(path.stem),), encoding, delimiter


def _some_sheets(path: Path, sheets: tuple[SheetInfo, ...]) -> tuple[SheetInfo, ...]:
    if not sheets:
        raise ImportFileError(f"Il file «{path.name}» non ha fogli con dati. {_SAVE_AS_XLSX}")
    return sheets


def _check_zip(path: Path) -> None:
    """A zip that is a workbook, within bounds, judged on its directory before any part is
    decompressed: the declared sizes here, the real ones enforced while reading."""
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if any(info.flag_bits & 0x1 for info in infos):
            raise source_xls.PROTECTED
        content_types = (
            archive.open("[Content_Types].xml").read(1024 * 1024)
            if "[Content_Types].xml" in names
            and archive.getinfo("[Content_Types].xml").file_size < 1024 * 1024
            else b""
        )
    if len(infos) > _MAX_MEMBERS or sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
        raise _bomb(path)
    for info in infos:
        if info.filename.endswith("sharedStrings.xml") and (
            info.file_size > source_xlsx.MAX_SHARED_STRINGS_BYTES
        ):
            raise source_xlsx.too_many_texts()
        if info.file_size > _RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _bomb(path)
    if "mimetype" in names and "[Content_Types].xml" not in names:
        raise ImportFileError(
            f"Il file «{path.name}» è un foglio OpenDocument (.ods, LibreOffice): salvarlo come "
            ".xlsx da LibreOffice o da Excel e riprovare."
        )
    if b"sheet.binary" in content_types:
        raise ImportFileError(
            f"Il file «{path.name}» è una cartella di lavoro binaria (.xlsb). "
            "Salva il file come .xlsx da Excel e riprovare."
        )
    if b"spreadsheetml" not in content_types and b"ms-excel" not in content_types:
        raise ImportFileError(
            f"Il file «{path.name}» è un archivio zip ma non una cartella di lavoro Excel. "
            f"{_SAVE_AS_XLSX}"
        )


def _bomb(path: Path) -> ImportFileError:
    return ImportFileError(
        f"Il file «{path.name}» si espanderebbe oltre {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB "
        "una volta aperto e non viene letto: non è un foglio di un ufficio. Salva il file come "
        ".xlsx da Excel e riprovare."
    )


@contextmanager
def _readable(path: Path) -> Iterator[None]:
    """Whatever a reader raises on a hostile or damaged file becomes one Italian sentence;
    the details go to the log for IT, never to the user."""
    try:
        yield
    except (ImportFileError, ImportCancelled, MemoryError):
        raise
    except DefusedXmlException as error:
        log.warning("import: %s refused: %r", path.name, error)
        raise ImportFileError(
            f"Il file «{path.name}» contiene costrutti XML pericolosi (entità o riferimenti "
            f"esterni) e non viene letto. {_SAVE_AS_XLSX}"
        ) from error
    except PermissionError as error:
        raise ImportFileError(
            f"Il file «{path.name}» non si può aprire: forse è aperto in Excel. "
            "Chiuderlo e riprovare."
        ) from error
    except OSError as error:
        if isinstance(error, FileNotFoundError):
            raise ImportFileError(f"Il file «{path.name}» non esiste più.") from error
        log.warning("import: %s unreadable", path.name, exc_info=True)
        raise _damaged(path) from error
    except Exception as error:
        log.warning("import: %s unreadable", path.name, exc_info=True)
        raise _damaged(path) from error


def _damaged(path: Path) -> ImportFileError:
    return ImportFileError(
        f"Il file «{path.name}» è danneggiato o non è un foglio Excel valido. {_SAVE_AS_XLSX}"
    )
