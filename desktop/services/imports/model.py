"""What the parts of an import pass to each other: plain, immutable values, no Qt, no ORM.

A file is read into a ``SourceTable`` (its header and rows as the user sees them), a
``ColumnMapping`` says which column fills which of Trama's fields, the dry run turns every row
into a ``RowPlan`` (a verdict and the issues of its cells), and the whole is an ``ImportPlan``
that the report writes out and the commit applies. Rows and columns are numbered as the user
sees them in Excel (row 1 is the sheet's first row; column 0 is the table's first column, whose
letter is in ``SourceTable.column_letters``), so that every message points at the cell to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from desktop.domain.audit_actions import AuditEntity
from desktop.domain.errors import ServiceError


class ImportKind(StrEnum):
    PERSONS = "persons"
    REFERRALS = "referrals"

    @property
    def audit_entity(self) -> AuditEntity:
        """What an import's audit rows (the commit, the report's save) are about: a list."""
        return AuditEntity.PERSON_LIST if self is ImportKind.PERSONS else AuditEntity.REFERRAL_LIST


class SourceFormat(StrEnum):
    XLSX = "xlsx"  # also .xlsm (macros are never run nor kept)
    XLS = "xls"
    CSV = "csv"


# A cell as the reader hands it over: text stays text (stripped of surrounding blanks), a number
# cell a number, a date cell a date or datetime; an empty cell is None. Formulas are never
# evaluated: a workbook's cell gives its cached value, a CSV's "=..." is text.
CellValue = str | int | float | Decimal | date | datetime | bool | None

# (done, total) rows; called at most a few times a second. ``total`` may be 0 when unknown.
Progress = Callable[[int, int], None]
# True when the user asked to stop; checked between rows.
Cancelled = Callable[[], bool]


class ImportFileError(ServiceError):
    """A file that cannot be imported at all (unreadable, damaged, too large, dangerous).

    Its message is one Italian sentence for the user; nothing was read into the store.
    """


class ImportCancelled(ServiceError):
    """The user stopped a dry run or a commit; nothing was written."""


@dataclass(frozen=True)
class SheetInfo:
    name: str
    hidden: bool = False
    # Rows with any content, when the reader knows it cheaply; None otherwise.
    rows: int | None = None


@dataclass(frozen=True)
class SourceInfo:
    """The file as opened: what it is, and its fingerprint (the key of idempotence)."""

    name: str  # the file's name, without its folder
    sha256: str  # of the file's bytes, hex
    size: int  # bytes
    format: SourceFormat
    sheets: tuple[SheetInfo, ...]  # one, named after the file, for a CSV
    encoding: str | None = None  # a CSV's, as detected ("utf-8", "utf-8-sig", "cp1252")
    delimiter: str | None = None  # a CSV's: ";", "," or "\t"


@dataclass(frozen=True)
class SourceNotice:
    """Something about the sheet the user should know: not an error of a row.

    Hidden rows and columns, merged cells filled from their first cell, formulas read as their
    last computed value, title rows skipped above the header, truncated long texts.
    """

    message: str  # Italian, one sentence
    row: int | None = None  # the sheet's row number, when it is about one row
    column: int | None = None  # the table's column index, when it is about one column


@dataclass(frozen=True)
class SourceRow:
    number: int  # the row's number in the sheet (1-based, as Excel shows it)
    cells: tuple[CellValue, ...]  # one per header, in the header's order (padded with None)
    hidden: bool = False


@dataclass(frozen=True)
class SourceTable:
    """One sheet's table: the header row found (below any title rows) and the rows under it.

    Blank rows and columns at the end are dropped; blank rows in between are kept out of
    ``rows`` (they are no one's data) but do not stop the reading.
    """

    source: SourceInfo
    sheet: str
    header_row: int  # the header's row number in the sheet (1-based)
    headers: tuple[str, ...]  # as written, stripped; a blank header becomes "Colonna X"
    column_letters: tuple[str, ...]  # "A", "B", ... of each header's column in the sheet
    rows: tuple[SourceRow, ...]
    hidden_columns: tuple[int, ...] = ()  # indexes into ``headers``
    notices: tuple[SourceNotice, ...] = ()


class FieldKind(StrEnum):
    TEXT = "text"
    DATE = "date"
    INTEGER = "integer"
    DECIMAL = "decimal"  # Italian decimal comma accepted
    BOOLEAN = "boolean"  # sì/no in their Italian forms
    CHOICE = "choice"  # one code of a list, matched on its Italian label or the code
    CHOICES = "choices"  # several codes of a list, separated by ; or ,
    FISCAL_CODE = "fiscal_code"
    MUNICIPALITY = "municipality"  # a comune, matched to the ISTAT list
    JOB_CENTRE = "job_centre"  # a CPI, by name or code
    EMAIL = "email"
    PHONE = "phone"


@dataclass(frozen=True)
class ImportField:
    """One of Trama's fields an import can fill from a column."""

    key: str  # the service input's field name (PersonInput / ReferralInput / import extras)
    label: str  # Italian, as the mapping screen and the report show it
    kind: FieldKind
    # Headers that mean this field, compared after normalisation (lower case, no accents,
    # no punctuation, single spaces): "cognome", "data di nascita", "cf", ...
    synonyms: tuple[str, ...] = ()
    required: bool = False
    # For CHOICE/CHOICES: code -> accepted Italian forms (the first is the label shown).
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    max_length: int | None = None


@dataclass(frozen=True)
class ColumnMapping:
    """Which column fills which field: by header text, so that a saved mapping fits next
    year's workbook even if its columns moved. ``None`` marks a column left out on purpose."""

    kind: ImportKind
    by_header: Mapping[str, str | None]

    def field_of(self, header: str) -> str | None:
        return self.by_header.get(header)


class RowVerdict(StrEnum):
    CREATE = "create"  # "da creare" / "creata"
    UPDATE = "update"  # "da aggiornare" / "aggiornata"
    UNCHANGED = "unchanged"  # "invariata"
    SKIPPED = "skipped"  # "scartata": errors, a duplicate within the file, a decision refused


class Severity(StrEnum):
    ERROR = "error"  # the row is skipped until the cell is fixed
    WARNING = "warning"  # the row is imported; the user should look


@dataclass(frozen=True)
class CellIssue:
    severity: Severity
    # Italian, names the field and the reason: "Data di nascita: 31/02/1990 non esiste."
    message: str
    column: int | None = None  # the table's column index; None for the row as a whole
    field: str | None = None  # the ImportField key, when it is about one field


@dataclass(frozen=True)
class NearMatch:
    """A person in the store with another codice fiscale but the same birth date and a name
    close enough to be the same person mistyped: the user decides."""

    person_id: str
    display: str  # "ROSSI Maria, nata il 03/04/2001, RSSMRA01D43L682X"
    score: float  # 0-100, RapidFuzz's


class NearMatchDecision(StrEnum):
    NEW_PERSON = "new_person"  # a different person: import the row as a new one
    SKIP = "skip"  # leave the row out of this import


@dataclass(frozen=True)
class RowPlan:
    number: int  # the sheet's row number
    verdict: RowVerdict
    issues: tuple[CellIssue, ...] = ()
    # The parsed values by field key, as the commit will write them (dates as date, codes as
    # the enum's value, comuni as municipality ids, ...).
    values: Mapping[str, object] = field(default_factory=dict)
    # Keys of the fields an UPDATE changes (for the report: "Aggiorna: Telefono, E-mail").
    changes: tuple[str, ...] = ()
    # The record an UPDATE or UNCHANGED row is about (person or referral id).
    record_id: str | None = None
    near_match: NearMatch | None = None  # set: SKIPPED until the user decides NEW_PERSON
    source_key: str = ""  # SHA-256 of the natural key (ImportedRow.source_key)
    row_digest: str = ""  # SHA-256 of ``values`` (ImportedRow.row_digest)

    @property
    def errors(self) -> tuple[CellIssue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[CellIssue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)


@dataclass(frozen=True)
class ImportPlan:
    """The dry run's result: nothing of it is written until ``commit_import`` is called."""

    kind: ImportKind
    table: SourceTable
    mapping: ColumnMapping
    rows: tuple[RowPlan, ...]
    unmapped: tuple[str, ...] = ()  # headers no field takes
    missing: tuple[str, ...] = ()  # labels of required fields no column fills
    planned_on: date | None = None

    def count(self, verdict: RowVerdict) -> int:
        return sum(1 for row in self.rows if row.verdict is verdict)


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    updated: int
    unchanged: int
    skipped: int
    audit_id: str | None = None
