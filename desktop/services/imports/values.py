"""A cell as one of Trama's values: dates, numbers, yes/no, codici fiscali, comuni (helper B).

Every message names the field by its Italian label and quotes the cell as it was written, so
that the user finds it in the workbook. The reference data (the store's comuni and CPIs, the
national archive of comuni and countries) is loaded once per import; look-ups of names repeat
a lot in an office's file ("Gallarate" a thousand times), so their results are remembered for
the import's duration.

The values handed on, by field kind: TEXT, PHONE, EMAIL, FISCAL_CODE a ``str``; DATE a
``date``; INTEGER an ``int``; DECIMAL a ``Decimal``; BOOLEAN a ``bool``; CHOICE the code (the
enum's value, a ``str``); CHOICES a tuple of codes; JOB_CENTRE the CPI's id; MUNICIPALITY the
store comune's id, except the birthplace (``fields.BIRTHPLACE``), which is a pair (cadastral
code, name) of any Italian comune or foreign country (``expand_values`` spreads it out).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import zip_longest
from typing import ClassVar

from dateutil import parser as date_parser
from email_validator import EmailNotValidError, validate_email
from openpyxl.utils.datetime import from_excel
from rapidfuzz import fuzz, process
from sqlalchemy import select

from desktop.domain.fiscal_code import check_fiscal_code, prepare_birthplaces
from desktop.services.imports.comuni import (
    MAX_SUGGESTIONS,
    MERGED_INTO,
    NATIONAL_ACCEPT_SCORE,
    Place,
    PlaceIndex,
    PlaceMatch,
    foreign_countries,
    italian_case,
    italian_places,
    match_close,
    match_place,
    strip_place,
)
from desktop.services.imports.fields import (
    BIRTHPLACE,
    FUTURE_DATES,
    NUMBER_RANGES,
    OBSOLETE_CHOICES,
    POSTCODES,
    normalise_header,
)
from desktop.services.imports.model import CellValue, FieldKind, ImportField, Severity
from desktop.store.engine import Store
from desktop.store.models import JobCentre, Municipality

EARLIEST_YEAR = 1900
PROVINCE = "VA"
PROVINCE_NAME = "Varese"
# A loose spelling of a choice or a CPI is taken at this RapidFuzz score (WRatio) and above.
CHOICE_SCORE = 86.0
CHOICE_MARGIN = 4.0
PHONE_MIN_DIGITS = 6
# Excel's serial numbers of 01/01/1900 and 31/12/9999.
EXCEL_SERIALS = (1, 2_958_465)
# Remembered look-ups per import, at most: a file of unique names must not grow without end.
CACHE_LIMIT = 50_000
QUOTE_LIMIT = 60
# The longest cell read for a field that is not free text (a list of choices is the longest).
LONGEST_VALUE = 400

TRUE_FORMS = ("sì", "si", "s", "x", "vero", "1", "true", "yes", "y", "✓", "✔", "ok")
FALSE_FORMS = ("no", "n", "falso", "0", "false", "non")
_BOOLEANS = {normalise_header(f) or f: True for f in TRUE_FORMS} | {
    normalise_header(f) or f: False for f in FALSE_FORMS
}


@dataclass(frozen=True)
class Parsed:
    """A cell read for a field: ``value`` None for an empty cell or an error."""

    value: object = None
    error: str | None = None  # Italian, names the field: the row is skipped
    warning: str | None = None  # Italian, names the field: the row goes in
    suggestions: tuple[str, ...] = ()  # e.g. the comuni a loosely written name may mean


_EMPTY = Parsed()


# dateutil ships no type hints: its class is Any to mypy.
class _ItalianDates(date_parser.parserinfo):  # type: ignore[misc]
    """dateutil's parser in Italian: month names and their abbreviations, day first."""

    MONTHS: ClassVar = [
        ("gen", "gennaio"), ("feb", "febbraio"), ("mar", "marzo"), ("apr", "aprile"),
        ("mag", "maggio"), ("giu", "giugno"), ("lug", "luglio"), ("ago", "agosto"),
        ("set", "sett", "settembre"), ("ott", "ottobre"), ("nov", "novembre"),
        ("dic", "dicembre"),
    ]  # fmt: skip
    WEEKDAYS: ClassVar = [
        ("lun", "lunedi"), ("mar", "martedi"), ("mer", "mercoledi"), ("gio", "giovedi"),
        ("ven", "venerdi"), ("sab", "sabato"), ("dom", "domenica"),
    ]  # fmt: skip
    JUMP: ClassVar = [" ", ".", ",", ";", "-", "/", "'", "del", "di", "il", "de"]
    HMS: ClassVar = [("h", "ore"), ("m", "minuti"), ("s", "secondi")]
    AMPM: ClassVar[list[tuple[str, str]]] = []

    def __init__(self) -> None:
        super().__init__(dayfirst=True, yearfirst=False)


_PARSER_INFO = _ItalianDates()
# dd/mm/yyyy and its cousins (d.m.yy, dd-mm-yyyy), then yyyy-mm-dd; a time part is ignored.
_DAY_FIRST = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})")
_YEAR_FIRST = re.compile(r"(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})")
_TIME_PART = re.compile(r"(?:[ T]+(?:ore\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*)$")
_COMPACT = re.compile(r"\d{8}")  # 20210403
_SERIAL = re.compile(r"\d{5}(?:[.,]0+)?")  # an Excel serial that reached a CSV as text
_SPACES = re.compile(r"\s+")
_PHONE = re.compile(r"[0-9 +/\-.()]+")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
# Not "/": labels have it ("Salute mentale (CPS / NPIA)").
_LIST_SEPARATORS = re.compile(r"[;,\n|]+")
_FORMULA_START = ("=", "+", "-", "@")
# A dot-atom local part of everyday characters and a domain of plain labels; the library
# checks the domain (and everything that does not fit here).
_PLAIN_ADDRESS = re.compile(
    r"([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)"
    r"@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})"
)
_ADDRESS_MAX = 254
_LOCAL_MAX = 64
# "3 aprile 2021", "3 apr. 21": the month's name looked up in the Italian parserinfo.
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([a-z]+)\s+(\d{4}|\d{2})")


def shown(raw: CellValue) -> str:
    """The cell as the user wrote it, for a message: dates as gg/mm/aaaa, long texts cut."""
    if isinstance(raw, date):
        text = f"{raw:%d/%m/%Y}"
    elif isinstance(raw, bool):
        text = "VERO" if raw else "FALSO"
    elif isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    elif isinstance(raw, float | Decimal):
        text = str(raw).replace(".", ",")
    else:
        text = str(raw).strip()
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + "…"


def _lower_first(message: str) -> str:
    return message[:1].lower() + message[1:]


class ValueReader:
    """Reads cells for fields against the store's reference data, loaded once per import."""

    def __init__(
        self,
        *,
        today: date,
        comuni: PlaceIndex,
        job_centres: Mapping[str, tuple[str, str]],
    ) -> None:
        self.today = today
        self._comuni = comuni
        # id -> (code, name)
        self._job_centres = dict(job_centres)
        self._centre_forms: dict[str, str] = {}
        for centre_id, (code, name) in self._job_centres.items():
            for form in (code, name, _centre_core(name)):
                if normalise_header(form):
                    self._centre_forms.setdefault(normalise_header(form), centre_id)
        self._centre_names = list(self._centre_forms)
        self._choice_forms: dict[str, dict[str, str]] = {}
        self._domains: dict[str, str] = {}
        self._cache: dict[tuple[str, str], Parsed] = {}
        self._readers: dict[FieldKind, Callable[[ImportField, CellValue], Parsed]] = {
            FieldKind.TEXT: self._text,
            FieldKind.DATE: self._date,
            FieldKind.INTEGER: self._integer,
            FieldKind.DECIMAL: self._decimal,
            FieldKind.BOOLEAN: self._boolean,
            FieldKind.CHOICE: self._choice,
            FieldKind.CHOICES: self._choices,
            FieldKind.FISCAL_CODE: self._fiscal_code,
            FieldKind.MUNICIPALITY: self._municipality,
            FieldKind.JOB_CENTRE: self._job_centre,
            FieldKind.EMAIL: self._email,
            FieldKind.PHONE: self._phone,
        }

    def read(self, field: ImportField, raw: CellValue) -> Parsed:
        """The cell ``raw`` as ``field``'s value; an empty cell is Parsed() (value None) or,
        for a required field, an error saying the value is missing."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if field.required:
                return Parsed(error=f"{field.label}: manca il valore, che è obbligatorio.")
            return _EMPTY
        if isinstance(raw, str) and field.kind is not FieldKind.TEXT and len(raw) > LONGEST_VALUE:
            # No name, date or code is this long; matching it loosely would cost seconds.
            return Parsed(
                error=f"{field.label}: «{shown(raw)}» è troppo lungo ({len(raw)} caratteri) "
                "per essere un valore di questo campo."
            )
        if isinstance(raw, float) and not math.isfinite(raw):
            return Parsed(error=f"{field.label}: «{shown(raw)}» non è un valore valido.")
        if isinstance(raw, str) and field.kind in _REMEMBERED:
            key = (field.key, raw)
            cached = self._cache.get(key)
            if cached is None:
                if len(self._cache) >= CACHE_LIMIT:
                    self._cache.clear()
                cached = self._cache[key] = self._readers[field.kind](field, raw)
            return cached
        return self._readers[field.kind](field, raw)

    # Texts ---------------------------------------------------------------------------------

    def _text(self, field: ImportField, raw: CellValue) -> Parsed:
        if isinstance(raw, bool):
            text = "Sì" if raw else "No"
        elif isinstance(raw, date | datetime | float | Decimal | int):
            text = shown(raw) if not isinstance(raw, int) else str(raw)
        else:
            text = str(raw).strip()
        if field.key in POSTCODES:
            return self._postcode(field, raw, text)
        if field.max_length is not None and len(text) > field.max_length:
            return Parsed(
                error=f"{field.label}: il testo «{shown(text)}» è lungo {len(text)} caratteri, "
                f"al massimo {field.max_length}."
            )
        if text.startswith(_FORMULA_START) and isinstance(raw, str):
            return Parsed(
                value=text,
                warning=f"{field.label}: «{shown(text)}» comincia con «{text[0]}»: importato "
                "come testo, non come formula.",
            )
        return Parsed(value=text)

    def _postcode(self, field: ImportField, raw: CellValue, text: str) -> Parsed:
        # A number cell drops a postcode's leading zero (00184 -> 184).
        if isinstance(raw, int | float) and not isinstance(raw, bool) and float(raw).is_integer():
            text = f"{int(raw):05d}"
        if len(text) != 5 or not text.isdigit():
            return Parsed(error=f"{field.label}: «{shown(raw)}» non è un CAP (5 cifre).")
        return Parsed(value=text)

    def _email(self, field: ImportField, raw: CellValue) -> Parsed:
        text = str(raw).strip()
        address = self._common_address(text)
        if address is None:
            try:
                address = validate_email(text, check_deliverability=False).normalized
            except EmailNotValidError:
                return Parsed(
                    error=f"{field.label}: «{shown(raw)}» non è un indirizzo e-mail valido."
                )
        if field.max_length is not None and len(address) > field.max_length:
            return Parsed(
                error=f"{field.label}: «{shown(raw)}» è lungo {len(address)} caratteri, "
                f"al massimo {field.max_length}."
            )
        return Parsed(value=address)

    def _common_address(self, text: str) -> str | None:
        """An everyday address (name.surname@provider.it) without email-validator's full
        parse, which costs ~0.1 ms: its domain, repeated across a file, is validated by the
        library once; anything less plain goes to the library whole."""
        if len(text) > _ADDRESS_MAX:
            return None
        found = _PLAIN_ADDRESS.fullmatch(text)
        if found is None:
            return None
        local, domain = found.groups()
        if len(local) > _LOCAL_MAX:
            return None
        normalised = self._domains.get(domain)
        if normalised is None:
            try:
                normalised = validate_email(f"x@{domain}", check_deliverability=False).ascii_domain
            except EmailNotValidError:
                normalised = ""
            self._domains[domain] = normalised
        return f"{local}@{normalised}" if normalised else None

    def _phone(self, field: ImportField, raw: CellValue) -> Parsed:
        if isinstance(raw, bool | date):
            return Parsed(error=self._phone_error(field, raw))
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        else:
            text = _SPACES.sub(" ", str(raw).strip())
        digits = sum(char.isdigit() for char in text)
        if not _PHONE.fullmatch(text) or digits < PHONE_MIN_DIGITS:
            return Parsed(error=self._phone_error(field, raw))
        if field.max_length is not None and len(text) > field.max_length:
            return Parsed(
                error=f"{field.label}: «{shown(raw)}» è lungo {len(text)} caratteri, "
                f"al massimo {field.max_length}."
            )
        return Parsed(value=text)

    @staticmethod
    def _phone_error(field: ImportField, raw: CellValue) -> str:
        return (
            f"{field.label}: «{shown(raw)}» non è un numero di telefono: sono ammessi cifre, "
            f"spazi, +, /, - e almeno {PHONE_MIN_DIGITS} cifre."
        )

    def _fiscal_code(self, field: ImportField, raw: CellValue) -> Parsed:
        if not isinstance(raw, str):
            return Parsed(error=f"{field.label}: «{shown(raw)}» non è un codice fiscale.")
        code = "".join(raw.replace(".", " ").replace("-", " ").split()).upper()
        check = check_fiscal_code(code, today=self.today)
        if check.errors:
            return Parsed(error=f"{field.label} «{shown(raw)}»: " + _sentences(check.errors))
        warning = None
        # The person's own code is checked against the whole row (check_identity, the dry
        # run), which reports an unknown birthplace too: said once, there.
        if check.warnings and field.key != "fiscal_code":
            warning = f"{field.label} «{shown(raw)}»: " + _sentences(check.warnings)
        return Parsed(value=check.code, warning=warning)

    # Dates ---------------------------------------------------------------------------------

    def _date(self, field: ImportField, raw: CellValue) -> Parsed:
        if isinstance(raw, bool):
            return Parsed(error=_not_a_date(field, raw))
        if isinstance(raw, datetime):
            return self._date_in_range(field, raw, raw.date())
        if isinstance(raw, date):
            return self._date_in_range(field, raw, raw)
        if isinstance(raw, int | float | Decimal):
            return self._serial(field, raw, float(raw))
        text = str(raw).strip()
        stripped = _TIME_PART.sub("", text)
        found = _DAY_FIRST.fullmatch(stripped)
        if found is not None:
            day, _, month, year = found.groups()
            return self._from_parts(
                field, raw, (int(year), int(month), int(day)), short=len(year) == 2
            )
        found = _YEAR_FIRST.fullmatch(stripped)
        if found is not None:
            year, _, month, day = found.groups()
            return self._from_parts(field, raw, (int(year), int(month), int(day)), short=False)
        if _COMPACT.fullmatch(stripped):
            year, month, day = int(stripped[:4]), int(stripped[4:6]), int(stripped[6:])
            return self._from_parts(field, raw, (year, month, day), short=False)
        if _SERIAL.fullmatch(stripped):
            # A number in a text cell may be anything (a postcode in the wrong column): read
            # as Excel's serial, but said.
            parsed = self._serial(field, raw, float(stripped.replace(",", ".")))
            if isinstance(parsed.value, date):
                return Parsed(
                    value=parsed.value,
                    warning=f"{field.label}: «{shown(raw)}» letto come numero di serie di "
                    f"Excel: {parsed.value:%d/%m/%Y}.",
                )
            return parsed
        return self._spelled_date(field, raw, stripped)

    def _spelled_date(self, field: ImportField, raw: CellValue, text: str) -> Parsed:
        """ "3 aprile 2021", "3 apr. 2021", "sabato 3 aprile 2021" through dateutil."""
        normal = normalise_header(text)
        if not normal or not any(char.isdigit() for char in normal):
            return Parsed(error=_not_a_date(field, raw))
        found = _DAY_MONTH_YEAR.fullmatch(normal)
        month = _PARSER_INFO.month(found.group(2)) if found is not None else None
        if found is not None and month is not None:
            day, _, year = found.groups()
            return self._from_parts(
                field, raw, (int(year), int(month), int(day)), short=len(year) == 2
            )
        # Two different defaults: a part the text lacks shows up as a difference.
        try:
            first = date_parser.parse(normal, _PARSER_INFO, default=datetime(2000, 1, 1))
            second = date_parser.parse(normal, _PARSER_INFO, default=datetime(2001, 2, 2))
        except date_parser.ParserError as error:
            if "out of range" in str(error) or "must be in" in str(error):
                return Parsed(error=_impossible(field, raw))
            return Parsed(error=_not_a_date(field, raw))
        except (ValueError, OverflowError):
            return Parsed(error=_not_a_date(field, raw))
        if first != second:
            return Parsed(
                error=f"{field.label}: «{shown(raw)}» è una data incompleta: servono giorno, "
                "mese e anno."
            )
        two_digits = not re.search(r"\d{4}", normal)
        year = first.year % 100 if two_digits else first.year
        return self._from_parts(field, raw, (year, first.month, first.day), short=two_digits)

    def _serial(self, field: ImportField, raw: CellValue, serial: float) -> Parsed:
        low, high = EXCEL_SERIALS
        if not low <= serial <= high:
            return Parsed(error=_not_a_date(field, raw))
        value = from_excel(serial)
        if not isinstance(value, datetime):
            return Parsed(error=_not_a_date(field, raw))
        return self._date_in_range(field, raw, value.date())

    def _from_parts(
        self, field: ImportField, raw: CellValue, parts: tuple[int, int, int], *, short: bool
    ) -> Parsed:
        year, month, day = parts
        if short:
            year = self._century(field, year)
        try:
            value = date(year, month, day)
        except ValueError:
            return Parsed(error=_impossible(field, raw))
        return self._date_in_range(field, raw, value)

    def _century(self, field: ImportField, year: int) -> int:
        """A two-digit year: the latest century not after today (a birth, a sending), or
        within the next 50 years for a date that may lie ahead (an expiry)."""
        ahead = 50 if field.key in FUTURE_DATES else 0
        full = self.today.year - self.today.year % 100 + year
        return full - 100 if full > self.today.year + ahead else full

    def _date_in_range(self, field: ImportField, raw: CellValue, value: date) -> Parsed:
        if value.year < EARLIEST_YEAR:
            return Parsed(
                error=f"{field.label}: «{shown(raw)}» è anteriore al {EARLIEST_YEAR}: "
                "controllare la data."
            )
        if value > self.today and field.key not in FUTURE_DATES:
            return Parsed(
                error=f"{field.label}: «{shown(raw)}» è una data futura (oggi è il "
                f"{self.today:%d/%m/%Y})."
            )
        return Parsed(value=value)

    # Numbers -------------------------------------------------------------------------------

    def _number(self, field: ImportField, raw: CellValue) -> Decimal | None:
        if isinstance(raw, bool | date):
            return None
        if isinstance(raw, int | Decimal):
            return Decimal(raw)
        if isinstance(raw, float):
            return Decimal(repr(raw))
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "").removesuffix("%")
        if _THOUSANDS.fullmatch(text.split(",")[0].lstrip("+-")) and "." in text:
            text = text.replace(".", "")  # 1.234 or 1.234,5: Italian thousands
        if not _NUMBER.fullmatch(text):
            return None
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation:
            return None

    def _integer(self, field: ImportField, raw: CellValue) -> Parsed:
        number = self._number(field, raw)
        if number is None:
            return Parsed(error=f"{field.label}: «{shown(raw)}» non è un numero.")
        if number != number.to_integral_value():
            return Parsed(error=f"{field.label}: «{shown(raw)}» non è un numero intero.")
        return self._in_range(field, raw, int(number))

    def _decimal(self, field: ImportField, raw: CellValue) -> Parsed:
        number = self._number(field, raw)
        if number is None:
            return Parsed(error=f"{field.label}: «{shown(raw)}» non è un numero.")
        return self._in_range(field, raw, number)

    def _in_range(self, field: ImportField, raw: CellValue, number: int | Decimal) -> Parsed:
        bounds = NUMBER_RANGES.get(field.key)
        if bounds is not None:
            low, high = bounds[0], bounds[1] if bounds[1] is not None else self.today.year
            if not low <= number <= high:
                return Parsed(
                    error=f"{field.label}: «{shown(raw)}» è fuori dall'intervallo ammesso "
                    f"(da {low} a {high})."
                )
        return Parsed(value=number)

    # Yes/no and lists ----------------------------------------------------------------------

    def _boolean(self, field: ImportField, raw: CellValue) -> Parsed:
        if isinstance(raw, bool):
            return Parsed(value=raw)
        if isinstance(raw, int | float) and raw in (0, 1):
            return Parsed(value=bool(raw))
        text = str(raw).strip().lower()
        value = _BOOLEANS.get(normalise_header(text) or text)
        if value is None:
            return Parsed(
                error=f"{field.label}: «{shown(raw)}» non è un valore ammesso: scrivere "
                f"{', '.join(TRUE_FORMS[:6])} per sì oppure {', '.join(FALSE_FORMS[:4])} per no."
            )
        return Parsed(value=value)

    def _forms(self, field: ImportField) -> dict[str, str]:
        forms = self._choice_forms.get(field.key)
        if forms is None:
            forms = {}
            for code, written in field.choices.items():
                for form in (*written, code):
                    forms.setdefault(normalise_header(form) or form.strip().lower(), code)
            self._choice_forms[field.key] = forms
        return forms

    def _choice(self, field: ImportField, raw: CellValue) -> Parsed:
        text = shown(raw) if not isinstance(raw, str) else raw.strip()
        forms = self._forms(field)
        code = forms.get(normalise_header(text) or text.lower())
        obsolete = OBSOLETE_CHOICES.get(field.key, {})
        if code is not None and code in obsolete:
            current, why = obsolete[code]
            return Parsed(
                value=current,
                warning=f"{field.label}: «{shown(raw)}» importato come "
                f"{field.choices[current][0]}: {why}.",
            )
        if code is not None:
            return Parsed(value=code)
        labels = [written[0] for c, written in field.choices.items() if c not in obsolete]
        query = normalise_header(text)
        found = process.extract(
            query, list(forms), scorer=fuzz.WRatio, score_cutoff=CHOICE_SCORE, limit=5
        )
        if found and len(query) >= 3:
            code = forms[found[0][0]]
            # Another code scoring about as well: a guess, not a reading.
            rival = max((score for form, score, _ in found if forms[form] != code), default=0.0)
            if found[0][1] - rival >= CHOICE_MARGIN:
                return Parsed(
                    value=code,
                    warning=f"{field.label}: «{shown(raw)}» interpretato come "
                    f"{field.choices[code][0]}.",
                )
        return Parsed(
            error=f"{field.label}: «{shown(raw)}» non è tra i valori ammessi: {', '.join(labels)}."
        )

    def _choices(self, field: ImportField, raw: CellValue) -> Parsed:
        whole = self._forms(field).get(normalise_header(str(raw)))
        if whole is not None:
            return Parsed(value=(whole,))
        parts = [part.strip() for part in _LIST_SEPARATORS.split(str(raw)) if part.strip()]
        codes: list[str] = []
        warnings: list[str] = []
        for part in parts:
            one = self._choice(field, part)
            if one.error is not None:
                return Parsed(error=one.error)
            if one.warning is not None:
                warnings.append(one.warning)
            if one.value not in codes:
                codes.append(str(one.value))
        return Parsed(value=tuple(codes), warning=" ".join(warnings) or None)

    # Places and offices --------------------------------------------------------------------

    def _municipality(self, field: ImportField, raw: CellValue) -> Parsed:
        if not isinstance(raw, str):
            return Parsed(error=f"{field.label}: «{shown(raw)}» non è il nome di un comune.")
        if field.key == BIRTHPLACE:
            return self._birthplace(field, raw)
        return self._residence(field, raw)

    def _residence(self, field: ImportField, raw: str) -> Parsed:
        found = match_place(self._comuni, raw)
        if found.place is not None and found.place.active:
            return Parsed(value=found.place.id)
        merged = self._merged(raw)
        if merged is not None:
            place, since = merged
            return Parsed(
                value=place.id,
                warning=f"{field.label}: «{shown(raw)}» dal {since:%d/%m/%Y} fa parte del "
                f"comune di {place.name}: importato come {place.name}.",
            )
        if found.place is not None:
            return Parsed(error=self._outside(field, raw, found))
        elsewhere = match_place(italian_places(), raw)
        if elsewhere.place is not None or elsewhere.ambiguous:
            return Parsed(error=self._outside(field, raw, elsewhere))
        close = match_close(self._comuni, raw)
        if close.place is not None:
            return Parsed(
                value=close.place.id,
                warning=f"{field.label}: «{shown(raw)}» interpretato come {close.place.name}.",
            )
        return _unknown(field, raw, close.suggestions, "comune sconosciuto")

    def _merged(self, raw: str) -> tuple[Place, date] | None:
        stripped, _ = strip_place(raw)
        for old, (new, since) in MERGED_INTO.items():
            if normalise_header(old) == normalise_header(stripped):
                places = self._comuni.exact(new)
                if places:
                    return places[0], since
        return None

    def _outside(self, field: ImportField, raw: str, found: PlaceMatch) -> str:
        places = (found.place,) if found.place is not None else found.ambiguous
        in_province = [p for p in places if p is not None and p.province == PROVINCE]
        if in_province and not in_province[0].active:
            ceased = in_province[0].ceased_on
            when = f" dal {ceased:%d/%m/%Y}" if ceased is not None else ""
            return f"{field.label}: «{shown(raw)}» non è più un comune{when}."
        named = " o ".join(p.shown for p in places if p is not None)
        return (
            f"{field.label}: «{shown(raw)}» è {named}, fuori dalla provincia di {PROVINCE_NAME}: "
            "sono ammessi solo i comuni della provincia."
        )

    def _birthplace(self, field: ImportField, raw: str) -> Parsed:
        for index in (italian_places(), foreign_countries()):
            found = match_place(index, raw)
            if found.place is not None:
                return Parsed(value=(found.place.code, found.place.name))
            if found.ambiguous:
                example = found.ambiguous[0].shown
                return Parsed(
                    error=f"{field.label}: «{shown(raw)}» è il nome di più comuni "
                    f"({', '.join(found.suggestions)}): indicare la provincia, ad esempio "
                    f"«{example}».",
                    suggestions=found.suggestions,
                )
        lists: list[tuple[str, ...]] = []
        for index in (foreign_countries(), italian_places()):
            close = match_close(index, raw, accept=NATIONAL_ACCEPT_SCORE)
            if close.place is not None:
                return Parsed(
                    value=(close.place.code, close.place.name),
                    warning=f"{field.label}: «{shown(raw)}» interpretato come {close.place.shown}.",
                )
            lists.append(close.suggestions)
        # Taken in turns, a comune first (most people were born in Italy): each list is
        # ordered by its own score, and the best of each is likelier than the third of one.
        countries, comuni = lists
        turns = [name for pair in zip_longest(comuni, countries) for name in pair if name]
        unique = tuple(dict.fromkeys(turns))[:MAX_SUGGESTIONS]
        return _unknown(field, raw, unique, "comune o Stato sconosciuto")

    def _job_centre(self, field: ImportField, raw: CellValue) -> Parsed:
        text = str(raw).strip()
        for form in (normalise_header(text), normalise_header(_centre_core(text))):
            centre_id = self._centre_forms.get(form)
            if centre_id is not None:
                return Parsed(value=centre_id)
        names = [name for _, name in sorted(self._job_centres.values(), key=lambda c: c[1])]
        found = process.extractOne(
            normalise_header(_centre_core(text)), self._centre_names, scorer=fuzz.WRatio,
            score_cutoff=CHOICE_SCORE,
        )  # fmt: skip
        if found is not None:
            centre_id = self._centre_forms[found[0]]
            return Parsed(
                value=centre_id,
                warning=f"{field.label}: «{shown(raw)}» interpretato come "
                f"{self._job_centres[centre_id][1]}.",
            )
        listed = ", ".join(names) if names else "nessun CPI è configurato"
        return Parsed(
            error=f"{field.label}: «{shown(raw)}» non è tra i Centri per l'impiego: {listed}.",
            suggestions=tuple(names[:3]),
        )


_REMEMBERED = frozenset(
    {
        FieldKind.CHOICE,
        FieldKind.CHOICES,
        FieldKind.MUNICIPALITY,
        FieldKind.JOB_CENTRE,
        FieldKind.BOOLEAN,
    }
)
_CENTRE_PREFIX = re.compile(
    r"^\s*(?:c\.?\s*p\.?\s*i\.?|centro\s+(?:per\s+)?l['’\s]*impiego|centro\s+impiego)"
    r"(?:\s+(?:di|del|della|dei|de)\b)?\s*",
    re.IGNORECASE,
)


def _centre_core(name: str) -> str:
    """ "CPI di Gallarate", "Centro per l'impiego Varese" -> "Gallarate", "Varese"."""
    return _CENTRE_PREFIX.sub("", name).strip() or name


def _not_a_date(field: ImportField, raw: CellValue) -> str:
    return (
        f"{field.label}: «{shown(raw)}» non è una data leggibile (scrivere ad esempio 03/04/2021)."
    )


def _impossible(field: ImportField, raw: CellValue) -> str:
    return f"{field.label}: «{shown(raw)}» non è una data esistente."


def _unknown(field: ImportField, raw: str, suggestions: tuple[str, ...], what: str) -> Parsed:
    maybe = f" Forse: {', '.join(suggestions)}." if suggestions else ""
    return Parsed(error=f"{field.label}: {what}: «{shown(raw)}».{maybe}", suggestions=suggestions)


def prepare_archives() -> None:
    """Index the national archive of comuni and countries, and the birthplaces the codice
    fiscale is checked against, before the first row rather than at the first row needing
    them: a dry run's progress would stand still there for a second or so."""
    italian_places()
    foreign_countries()
    prepare_birthplaces()


def load_value_reader(store: Store, *, today: date) -> ValueReader:
    """A reader over the store's comuni and CPIs as they are now (one read)."""
    with store.read() as session:
        municipalities = session.execute(
            select(
                Municipality.id,
                Municipality.name,
                Municipality.cadastral_code,
                Municipality.province,
                Municipality.valid_to,
            ).where(Municipality.deleted.is_(False))
        ).all()
        centres = session.execute(
            select(JobCentre.id, JobCentre.code, JobCentre.name).where(
                JobCentre.deleted.is_(False),
                (JobCentre.valid_to.is_(None)) | (JobCentre.valid_to >= today),
            )
        ).all()
    comuni = PlaceIndex(
        Place(
            name=name,
            code=code,
            province=province,
            active=valid_to is None or valid_to >= today,
            ceased_on=valid_to,
            id=municipality_id,
        )
        for municipality_id, name, code, province, valid_to in municipalities
    )
    return ValueReader(
        today=today,
        comuni=comuni,
        job_centres={centre_id: (code, name) for centre_id, code, name in centres},
    )


# Rows ----------------------------------------------------------------------------------------


def expand_values(values: Mapping[str, object]) -> dict[str, object]:
    """A row's parsed values with the birthplace pair spread into PersonInput's fields
    (birthplace_code, birthplace_name)."""
    expanded = {key: value for key, value in values.items() if key != BIRTHPLACE}
    birthplace = values.get(BIRTHPLACE)
    if isinstance(birthplace, tuple) and len(birthplace) == 2:
        expanded["birthplace_code"], expanded["birthplace_name"] = birthplace
    return expanded


def check_identity(
    values: Mapping[str, object], *, today: date | None = None
) -> list[tuple[str, Severity, str]]:
    """The codice fiscale against the row's surname, name, sex, birth date and birthplace.

    Mismatches are warnings, as in the person's form (DOMAIN.md §6); the codice fiscale's own
    errors were reported by ``ValueReader.read`` already and are not repeated here.
    """
    code = values.get("fiscal_code")
    if not isinstance(code, str) or not code:
        return []
    sex = values.get("sex")
    birth_date = values.get("birth_date")
    check = check_fiscal_code(
        code,
        last_name=_text_or_none(values.get("last_name")),
        first_name=_text_or_none(values.get("first_name")),
        sex=sex if isinstance(sex, str) and sex in ("M", "F") else None,
        birth_date=birth_date if isinstance(birth_date, date) else None,
        today=today,
    )
    if check.errors:
        return []
    label = "Codice fiscale"
    issues = [
        ("fiscal_code", Severity.WARNING, f"{label}: {_lower_first(message)}")
        for message in check.warnings
    ]
    birthplace = values.get(BIRTHPLACE)
    if (
        isinstance(birthplace, tuple)
        and len(birthplace) == 2
        and check.birthplace_code
        and birthplace[0] != check.birthplace_code
    ):
        coded = check.birthplace_name or check.birthplace_code
        issues.append(
            (
                BIRTHPLACE,
                Severity.WARNING,
                f"{label}: il codice fiscale indica come luogo di nascita {coded}, ma è stato "
                f"scritto {birthplace[1]}.",
            )
        )
    return issues


def fill_from_fiscal_code(
    values: Mapping[str, object], *, today: date | None = None
) -> dict[str, object]:
    """What the codice fiscale tells that the row left empty: sex, birth date, birthplace
    (e.g. a file without a "Sesso" column). Only for a code that passes its checks."""
    code = values.get("fiscal_code")
    if not isinstance(code, str) or not code:
        return {}
    birth_date = values.get("birth_date")
    check = check_fiscal_code(
        code, birth_date=birth_date if isinstance(birth_date, date) else None, today=today
    )
    if check.errors:
        return {}
    filled: dict[str, object] = {}
    if values.get("sex") is None and check.sex is not None:
        filled["sex"] = check.sex
    if values.get("birth_date") is None and check.birth_date is not None:
        filled["birth_date"] = check.birth_date
    if values.get(BIRTHPLACE) is None and check.birthplace_code and check.birthplace_name:
        filled[BIRTHPLACE] = (check.birthplace_code, italian_case(check.birthplace_name))
    return filled


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _sentences(messages: Sequence[str]) -> str:
    """The check's sentences after a "Campo «valore»:" lead: the first one lower-cased to
    follow the colon, the others left as the sentences they are."""
    first, *others = messages
    return " ".join([_lower_first(first), *others])
