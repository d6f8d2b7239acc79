"""Many persons at once, for the lists' tests: copies of a person already in the store with
other names, codes and birth dates, written in one raw transaction (5,000 in a fraction of a
second, where the service would take many)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta

from desktop.domain.text import normalise_search_text
from desktop.store.engine import Store


def add_persons(store: Store, names: Sequence[Sequence[str]], *, born: date) -> list[str]:
    """A person for each (surname, name), born a day apart from ``born``; their ids."""
    with store.raw_write() as connection:
        cursor = connection.execute("SELECT * FROM person WHERE deleted = 0 LIMIT 1")
        columns = [description[0] for description in cursor.description]
        template = cursor.fetchone()
        assert template is not None, "copies need one person in the store"
        ids: list[str] = []
        rows = []
        for number, (last_name, first_name) in enumerate(names):
            values = dict(zip(columns, template, strict=True))
            person_id = str(uuid.uuid4())
            ids.append(person_id)
            values.update(
                id=person_id,
                last_name=last_name,
                first_name=first_name,
                search_name=normalise_search_text(f"{last_name} {first_name}"),
                fiscal_code=f"TSTPRS{number:010d}",
                birth_date=(born + timedelta(days=number)).isoformat(),
                restricted=0,
            )
            rows.append(tuple(values[column] for column in columns))
        placeholders = ", ".join("?" for _ in columns)
        connection.executemany(
            f"INSERT INTO person ({', '.join(columns)}) VALUES ({placeholders})",
            rows,
        )
    return ids


def numbered_names(count: int) -> list[tuple[str, str]]:
    """("Cognome00001", "Nome"), …: names whose Italian order is their number's."""
    return [(f"Cognome{number:05d}", "Nome") for number in range(count)]
