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

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic_core import SchemaValidator, ValidationError, core_schema

from sync.protocol.record_schema_data import TABLES

_INT64 = 2**63
_FORMATS: dict[str, tuple[str, core_schema.CoreSchema]] = {
    "date": (r"^\d{4}-\d{2}-\d{2}$", core_schema.date_schema()),
    "time": (r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$", core_schema.time_schema()),
    "datetime": (
        r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$",
        core_schema.datetime_schema(tz_constraint="aware"),
    ),
}
_EXPECTED = {
    "text": "atteso un testo",
    "list": "attesa una lista di testi",
    "boolean": "atteso vero o falso",
    "integer": "atteso un numero intero (64 bit)",
    "float": "atteso un numero finito",
    "date": "data non valida (AAAA-MM-GG)",
    "time": "ora non valida (HH:MM)",
    "datetime": "data e ora non valide (ISO 8601 con fuso)",
}
# C0 controls but tab, newline and carriage return; DEL and the C1 controls; and surrogates,
# which in a str can only be lone ones (JSON's "\\ud800" escape), and UTF-8 cannot hold.
_UNFIT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# The same rule for pydantic-core (its strings never hold surrogates: it refuses them first).
_FIT_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
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
    try:
        _validator(table, allow_unknown).validate_python(data)
    except ValidationError as error:
        raise InvalidData(_describe(table, data, error)) from None


@cache
def _validator(table: str, allow_unknown: bool) -> SchemaValidator:
    # pydantic-core, compiled once per table: the client checks every record of a first pull,
    # and this is several times faster than the same checks written in Python.
    fields = {name: _field_schema(rule) for name, rule in rules(table).items()}
    schema = core_schema.typed_dict_schema(
        fields, extra_behavior="ignore" if allow_unknown else "forbid"
    )
    return SchemaValidator(schema)


def _text_schema(max_length: int | None, codes: frozenset[str] | None) -> core_schema.CoreSchema:
    if codes is not None:
        return core_schema.literal_schema(sorted(codes))
    return core_schema.str_schema(max_length=max_length, pattern=_FIT_TEXT, strict=True)


def _field_schema(rule: FieldRule) -> core_schema.TypedDictField:
    schema: core_schema.CoreSchema
    if rule.kind == "text":
        schema = _text_schema(rule.max_length, rule.codes)
    elif rule.kind == "list":
        items = _text_schema(rule.item_max_length, rule.item_codes)
        schema = core_schema.list_schema(items, max_length=rule.max_items, strict=True)
    elif rule.kind == "boolean":
        schema = core_schema.bool_schema(strict=True)
    elif rule.kind == "integer":
        schema = core_schema.int_schema(strict=True, ge=-_INT64, lt=_INT64)
    elif rule.kind == "float":
        schema = core_schema.float_schema(allow_inf_nan=False, strict=True)
    elif rule.kind in _FORMATS:
        pattern, parsed = _FORMATS[rule.kind]
        # The exact text form first: pydantic's lax parsing would take a number for a date.
        text = core_schema.str_schema(pattern=pattern, strict=True)
        schema = core_schema.chain_schema([text, parsed])
    else:
        raise ValueError(f"unknown field kind {rule.kind!r} in the record schema")
    if rule.nullable:
        schema = core_schema.nullable_schema(schema)
    return core_schema.typed_dict_field(schema, required=rule.required)


def _describe(table: str, data: dict[str, Any], error: ValidationError) -> str:
    """The first problem, in Italian."""
    first = error.errors(include_url=False)[0]
    name = str(first["loc"][0]) if first["loc"] else ""
    kind = first["type"]
    if kind == "missing":
        return f"Manca il campo {name}."
    if kind == "extra_forbidden":
        return f"Campo sconosciuto: {shown(name)}."
    rule = rules(table).get(name)
    value = data.get(name)
    if rule is None:
        return "Dati del record non validi."
    if value is None:
        return f"Il campo {name} non può essere vuoto."
    return f"Campo {name}: {_expected(rule, value)}."


def _expected(rule: FieldRule, value: Any) -> str:
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if isinstance(text, str) and (problem := text_problem(text)) is not None:
            return problem
    too_many = rule.max_items is not None and isinstance(value, list)
    if too_many and len(value) > (rule.max_items or 0):
        return f"più di {rule.max_items} elementi"
    codes = rule.item_codes if rule.kind == "list" else rule.codes
    if codes is not None:
        wrong = next((t for t in texts if t not in codes), value)
        return f"valore non previsto {shown(str(wrong))}"
    limit = rule.item_max_length if rule.kind == "list" else rule.max_length
    if limit is not None and any(isinstance(t, str) and len(t) > limit for t in texts):
        return f"testo più lungo di {limit} caratteri"
    return _EXPECTED.get(rule.kind, "valore non valido")


def text_problem(value: str) -> str | None:
    """Why a text cannot be stored and sent on (lone surrogates, control characters)."""
    found = _UNFIT.search(value)
    if found is None:
        return None
    if "\ud800" <= found.group() <= "\udfff":
        return "testo non valido (carattere Unicode isolato)"
    return "testo con caratteri di controllo"


def shown(value: str) -> str:
    """A value quoted in a message: short, and printable whatever it holds."""
    cut = value[:_SHOWN] + ("…" if len(value) > _SHOWN else "")
    return repr(cut.encode("utf-8", "backslashreplace").decode("utf-8"))
