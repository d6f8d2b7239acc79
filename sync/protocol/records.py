"""What a synced record's ``data`` may hold: one schema per table, for the server and the client.

The server checks every pushed record with ``check_data`` before storing it (strictly: no field
it does not know); the client checks every pulled record before applying it (leniently: a field
from a newer server is ignored), and sets aside one that fails instead of stopping the sync.
The schema itself is data (``record_schema_data``), written from the desktop's models.

Text must be valid Unicode (no lone surrogates: JSON can carry them, UTF-8 cannot) with no NUL
or other control character but tab and line breaks; dates are ``YYYY-MM-DD``, times
``HH:MM[:SS[.ffffff]]``, timestamps ISO 8601 with an offset; integers fit in 64 bits.

Whether a reference points at a record that exists and that the writer may point at is the
server's question (``sync.server.references``): the schema only says which table it names.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import Any

from sync.protocol.record_schema_data import TABLES

_INT64 = 2**63
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")
# C0 controls but tab, newline and carriage return; DEL and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SHOWN = 60


class InvalidData(ValueError):
    """A record's data does not fit its table's schema; the message is Italian."""


@dataclass(frozen=True, slots=True)
class FieldRule:
    name: str
    kind: str
    nullable: bool
    required: bool
    max_length: int | None = None
    codes: frozenset[str] | None = None
    references: str | None = None
    site: bool = False
    item_codes: frozenset[str] | None = None
    item_max_length: int | None = None
    max_items: int | None = None


@cache
def rules(table: str) -> dict[str, FieldRule]:
    """The fields of ``table``'s data by name; KeyError for a table that does not sync."""
    fields = TABLES[table]
    result = {}
    for name, spec in fields.items():
        items = spec.get("items", {})
        result[name] = FieldRule(
            name=name,
            kind=spec["kind"],
            nullable=spec["nullable"],
            required=spec["required"],
            max_length=spec.get("max_length"),
            codes=frozenset(spec["codes"]) if "codes" in spec else None,
            references=spec.get("references"),
            site=spec.get("site", False),
            item_codes=frozenset(items["codes"]) if "codes" in items else None,
            item_max_length=items.get("max_length"),
            max_items=spec.get("max_items"),
        )
    return result


@cache
def references(table: str) -> tuple[FieldRule, ...]:
    """The fields of ``table`` that hold another record's id."""
    return tuple(rule for rule in rules(table).values() if rule.references)


def check_data(table: str, data: Any, *, allow_unknown: bool = False) -> None:
    """Raise ``InvalidData`` unless ``data`` fits ``table``'s schema (deleted rows included:
    a tombstone keeps its last data, and travels to every site that saw it)."""
    if table not in TABLES:
        raise InvalidData(f"La tabella {shown(table)} non si sincronizza.")
    if not isinstance(data, dict):
        raise InvalidData("I dati del record non sono un oggetto.")
    table_rules = rules(table)
    if not allow_unknown:
        unknown = [name for name in data if name not in table_rules]
        if unknown:
            raise InvalidData(f"Campo sconosciuto: {shown(str(unknown[0]))}.")
    for rule in table_rules.values():
        if rule.name not in data:
            if rule.required:
                raise InvalidData(f"Manca il campo {rule.name}.")
            continue
        value = data[rule.name]
        if value is None:
            if not rule.nullable:
                raise InvalidData(f"Il campo {rule.name} non può essere vuoto.")
            continue
        problem = _problem(rule, value)
        if problem is not None:
            raise InvalidData(f"Campo {rule.name}: {problem}.")


def text_problem(value: str) -> str | None:
    """Why a text cannot be stored and sent on (lone surrogates, control characters)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "testo non valido (carattere Unicode isolato)"
    if _CONTROL.search(value):
        return "testo con caratteri di controllo"
    return None


def shown(value: str) -> str:
    """A value quoted in a message: short, and printable whatever it holds."""
    cut = value[:_SHOWN] + ("…" if len(value) > _SHOWN else "")
    return repr(cut.encode("utf-8", "backslashreplace").decode("utf-8"))


def _problem(rule: FieldRule, value: Any) -> str | None:
    kind = rule.kind
    if kind == "text":
        return _text(value, rule.max_length, rule.codes)
    if kind == "boolean":
        return None if isinstance(value, bool) else "atteso vero o falso"
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return "atteso un numero intero"
        return None if -_INT64 <= value < _INT64 else "numero fuori intervallo"
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "atteso un numero"
        return None if math.isfinite(value) else "numero non finito"
    if kind == "date":
        return _parsed(value, _DATE, date.fromisoformat, "data non valida (AAAA-MM-GG)")
    if kind == "time":
        return _parsed(value, _TIME, time.fromisoformat, "ora non valida (HH:MM)")
    if kind == "datetime":
        return _timestamp(value)
    if kind == "list":
        return _list(rule, value)
    return f"tipo di campo sconosciuto ({kind})"


def _text(value: Any, max_length: int | None, codes: frozenset[str] | None) -> str | None:
    if not isinstance(value, str):
        return "atteso un testo"
    if max_length is not None and len(value) > max_length:
        return f"testo più lungo di {max_length} caratteri"
    problem = text_problem(value)
    if problem is not None:
        return problem
    if codes is not None and value not in codes:
        return f"valore non previsto {shown(value)}"
    return None


def _parsed(value: Any, pattern: re.Pattern[str], parse: Any, message: str) -> str | None:
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        return message
    try:
        parse(value)
    except ValueError:
        return message
    return None


def _timestamp(value: Any) -> str | None:
    message = "data e ora non valide (ISO 8601 con fuso)"
    if not isinstance(value, str) or len(value) > 40 or not value.isascii():
        return message
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return message
    return None if moment.tzinfo is not None else message


def _list(rule: FieldRule, value: Any) -> str | None:
    if not isinstance(value, list):
        return "attesa una lista"
    if rule.max_items is not None and len(value) > rule.max_items:
        return f"più di {rule.max_items} elementi"
    for item in value:
        problem = _text(item, rule.item_max_length, rule.item_codes)
        if problem is not None:
            return problem
    return None
