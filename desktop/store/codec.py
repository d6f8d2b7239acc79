"""The storage codec: how values are kept in columns, and rows of synced tables between that
storage form and the wire's JSON values.

Merges, base versions and conflicts all work on the storage form (what the driver returns for
rows written by the ORM), so a value never changes by being compared: timestamps are naive UTC
'YYYY-MM-DD HH:MM:SS.ffffff', times 'HH:MM:SS.ffffff', booleans 0/1, lists JSON text. On the
wire (``WireRecord.data``) timestamps are ISO 8601 with the UTC offset, times 'HH:MM:SS',
booleans true/false and lists JSON lists. Built once from the ORM metadata.

Raw writers (sync, the demo's bulk loads) store values only through the converters here, so a
row they write reads back exactly as one the ORM wrote.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.schema import ColumnDefault

from desktop.store.models import Base
from sync.protocol import BOOKKEEPING_COLUMNS, SYNCED_TABLES

Converter = Callable[[Any], Any]
_NO_OFFSET = timedelta(0)
MISSING: Any = object()


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    JSON = "json"


def column_kind(column: sa.Column[Any]) -> Kind:
    column_type: Any = column.type
    if isinstance(column_type, sa.types.TypeDecorator):
        column_type = column_type.impl_instance
    for sql_type, kind in (
        (sa.Boolean, Kind.BOOLEAN),
        (sa.DateTime, Kind.DATETIME),
        (sa.Date, Kind.DATE),
        (sa.Time, Kind.TIME),
        (sa.JSON, Kind.JSON),
        (sa.Integer, Kind.INTEGER),
        (sa.Float, Kind.FLOAT),
    ):
        if isinstance(column_type, sql_type):
            return kind
    return Kind.TEXT


# -- one value each way --------------------------------------------------------------------------


def sql_timestamp(value: Any) -> Any:
    if value is None:
        return None
    # The usual wire forms, sliced rather than parsed: this runs for every pulled timestamp.
    if isinstance(value, str) and value.endswith("+00:00") and value[10:11] == "T":
        if len(value) == 32:
            return f"{value[:10]} {value[11:26]}"
        if len(value) == 25:
            return f"{value[:10]} {value[11:19]}.000000"
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is not None:
        if moment.utcoffset() != _NO_OFFSET:
            moment = moment.astimezone(UTC)
        moment = moment.replace(tzinfo=None)
    return moment.isoformat(" ", "microseconds")


def wire_timestamp(value: Any) -> Any:
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC).isoformat()


def sql_date(value: Any) -> Any:
    if value is None or (isinstance(value, str) and len(value) == 10):
        return value
    return (value if isinstance(value, date) else date.fromisoformat(str(value))).isoformat()


def sql_time(value: Any) -> Any:
    if value is None:
        return None
    moment = value if isinstance(value, time) else time.fromisoformat(str(value))
    return moment.replace(tzinfo=None).isoformat("microseconds")


def _wire_time(value: Any) -> Any:
    return None if value is None else time.fromisoformat(value).isoformat()


def sql_boolean(value: Any) -> Any:
    return None if value is None else int(bool(value))


def _wire_boolean(value: Any) -> Any:
    return None if value is None else bool(value)


def sql_json(value: Any) -> Any:
    # The empty list, most lists of a first pull, without the encoder (a tenth of its time).
    if type(value) is list and not value:
        return "[]"
    return json.dumps(value)  # as SQLAlchemy's JSON type does: None becomes 'null'


def _wire_json(value: Any) -> Any:
    return None if value is None else json.loads(value)


def sql_enum(value: Any) -> Any:
    return value.value if isinstance(value, StrEnum) else value


def stored_value(value: Any) -> Any:
    """A Python value as the ORM's column types store it, whatever the column: a code (enum
    member) as its value, a list as JSON text; dates and timestamps go through ``sql_date``
    and ``sql_timestamp``."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return sql_json(value)
    return value


# From wire (JSON) values: text needs nothing. From Python values (a person's typed value,
# a default) a code may be an enum member.
_TO_SQL: dict[Kind, Converter] = {
    Kind.DATETIME: sql_timestamp,
    Kind.DATE: sql_date,
    Kind.TIME: sql_time,
    Kind.BOOLEAN: sql_boolean,
    Kind.JSON: sql_json,
}
_PYTHON_TO_SQL: dict[Kind, Converter] = {**_TO_SQL, Kind.TEXT: sql_enum}
_TO_WIRE: dict[Kind, Converter] = {
    Kind.DATETIME: wire_timestamp,
    Kind.TIME: _wire_time,
    Kind.BOOLEAN: _wire_boolean,
    Kind.JSON: _wire_json,
}


def _default(column: sa.Column[Any], kind: Kind) -> Any:
    default = column.default
    if not isinstance(default, ColumnDefault):
        return None
    value = default.arg(None) if default.is_callable else default.arg
    converter = _PYTHON_TO_SQL.get(kind)
    return converter(value) if converter is not None else value


@dataclass(frozen=True)
class TableCodec:
    """How one synced table's domain columns convert; ``columns`` is their stored order."""

    name: str
    columns: tuple[str, ...]
    kinds: tuple[Kind, ...]
    defaults: tuple[Any, ...]
    nullable: tuple[bool, ...]
    unique_keys: tuple[tuple[str, ...], ...]
    # (table, column) pairs whose foreign key points at this table's id
    referenced_by: tuple[tuple[str, str], ...]
    # Made once here: a first pull converts hundreds of thousands of rows, and a cached
    # function keyed by this codec would hash all of the above for each one.
    _get: Callable[[Mapping[str, Any]], tuple[Any, ...]] = field(
        init=False, repr=False, compare=False
    )
    _convert: tuple[tuple[int, Converter], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_get", _getter(self.columns))
        convert = tuple(
            (index, _TO_SQL[kind]) for index, kind in enumerate(self.kinds) if kind in _TO_SQL
        )
        object.__setattr__(self, "_convert", convert)

    def to_sql(self, data: Mapping[str, Any], fallback: Sequence[Any] | None = None) -> list[Any]:
        """Storage values of wire ``data`` in column order; a missing one comes from
        ``fallback`` (the row as it is here) or, for a new row, the column's default."""
        try:
            values = list(self._get(data))
        except KeyError:
            return self._to_sql_partial(data, fallback)
        for index, converter in self._convert:
            value = values[index]
            if value is not None:
                values[index] = converter(value)
        return values

    def _to_sql_partial(self, data: Mapping[str, Any], fallback: Sequence[Any] | None) -> list[Any]:
        values: list[Any] = []
        for index, name in enumerate(self.columns):
            value = data.get(name, MISSING)
            if value is MISSING:
                values.append(self.defaults[index] if fallback is None else fallback[index])
                continue
            converter = _TO_SQL.get(self.kinds[index])
            values.append(value if converter is None else converter(value))
        return values

    def to_wire(self, values: Sequence[Any]) -> dict[str, Any]:
        """The wire ``data`` of storage values in column order."""
        data: dict[str, Any] = {}
        for index, name in enumerate(self.columns):
            converter = _TO_WIRE.get(self.kinds[index])
            value = values[index]
            data[name] = value if converter is None else converter(value)
        return data

    def wire_value(self, column: str, value: Any) -> Any:
        converter = _TO_WIRE.get(self.kinds[self.columns.index(column)])
        return value if converter is None else converter(value)

    def sql_value(self, column: str, value: Any) -> Any:
        """A Python or wire value as stored (enum members, dates, ... accepted)."""
        converter = _PYTHON_TO_SQL.get(self.kinds[self.columns.index(column)])
        return value if converter is None else converter(value)

    def select_list(self, alias: str = "") -> str:
        prefix = f"{alias}." if alias else ""
        return ", ".join(f'{prefix}"{name}"' for name in self.columns)


def _getter(columns: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """All domain values of a wire ``data`` dict in column order, in one C call."""
    if len(columns) == 1:
        name = columns[0]
        return lambda data: (data[name],)
    getter: Callable[[Mapping[str, Any]], tuple[Any, ...]] = itemgetter(*columns)
    return getter


@cache
def codecs() -> dict[str, TableCodec]:
    """Every synced table's codec, in ``SYNCED_TABLES`` order (parents first)."""
    referenced: dict[str, list[tuple[str, str]]] = {}
    for table in Base.metadata.sorted_tables:
        for foreign_key in table.foreign_keys:
            target = foreign_key.column.table.name
            referenced.setdefault(target, []).append((table.name, foreign_key.parent.name))
    result: dict[str, TableCodec] = {}
    for name in SYNCED_TABLES:
        table = Base.metadata.tables[name]
        columns = [c for c in table.columns if c.name not in BOOKKEEPING_COLUMNS]
        kinds = tuple(column_kind(c) for c in columns)
        uniques: list[tuple[str, ...]] = [
            tuple(c.name for c in constraint.columns)
            for constraint in table.constraints
            if isinstance(constraint, sa.UniqueConstraint)
        ]
        uniques += [tuple(c.name for c in index.columns) for index in table.indexes if index.unique]
        result[name] = TableCodec(
            name=name,
            columns=tuple(c.name for c in columns),
            kinds=kinds,
            defaults=tuple(_default(c, k) for c, k in zip(columns, kinds, strict=True)),
            nullable=tuple(bool(c.nullable) for c in columns),
            unique_keys=tuple(uniques),
            referenced_by=tuple(sorted(referenced.get(name, []))),
        )
    return result


def codec(table: str) -> TableCodec:
    return codecs()[table]
