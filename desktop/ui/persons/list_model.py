"""The persons found by a search, all of them, sortable by each column.

A search shows at once its first ``FIRST_BLOCK`` persons, read on the GUI thread; when there
are more, every match is read on a worker thread (``list_person_rows``, one raw read) with the
names' Italian collation ranks made there too, and replaces them when ready (``loaded``). The
view paints only the rows on screen, and a row's texts are made when painted: 50,000 persons
cost a plain tuple each and a rank per sorted column, never a widget per cell. Few objects
matter: each new container is one more for Python's garbage collector, whose full passes
stop every thread (at 50,000 rows as objects, passes of 300-500 ms were seen).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop.services.persons import (
    PersonListRow,
    PersonRow,
    list_person_rows,
    search_persons,
)
from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask
from desktop.ui.common.tables import (
    KEY_ROLE,
    RESTRICTED_FOREGROUND,
    Cell,
    RowsModel,
    RowStyle,
    column_ranks,
    italian_collator,
)

COL_NAME = 0
COL_FISCAL_CODE = 1
COL_BIRTH_DATE = 2
COLUMN_COUNT = 3

# Read at once on the GUI thread; beyond this many, the rest come from a worker.
FIRST_BLOCK = 200
PERSON_ID_ROLE = KEY_ROLE


def person_name(person: PersonListRow) -> str:
    return f"{person[_LAST]} {person[_FIRST]}"


# The fields of a PersonListRow.
_ID, _CODE, _LAST, _FIRST, _BORN, _RESTRICTED = range(6)


class _Loaded:
    """What the worker hands back: the rows and the name column's ranks (made there, with
    the worker's own collator)."""

    __slots__ = ("name_ranks", "persons")

    def __init__(self, persons: list[PersonListRow]) -> None:
        self.persons = persons
        self.name_ranks = column_ranks(
            [person_name(person) for person in persons], italian_collator()
        )


class PersonListModel(RowsModel):
    # The worker's read is over: every person of the search is in the list.
    loaded = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(
            (self.tr("Surname and name"), self.tr("Tax code"), self.tr("Born on")), parent=parent
        )
        self._store = store
        self._persons: list[PersonListRow] = []
        self._restricted = RowStyle(
            foreground=RESTRICTED_FOREGROUND,
            italic=True,
            tooltip=self.tr("Processing restricted (GDPR art. 18)"),
        )
        self._job: BackgroundTask | None = None
        # Its own pool, so that closing the page waits for its read alone.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    @property
    def loading(self) -> bool:
        """True while the rest of a long search is being read."""
        return self._job is not None

    def search(self, text: str, *, include_restricted: bool) -> None:
        self._cancel()
        first = search_persons(
            self._store, text, limit=FIRST_BLOCK + 1, include_restricted=include_restricted
        )
        self._show(
            [
                (p.id, p.fiscal_code, p.last_name, p.first_name, p.birth_date, p.restricted)
                for p in first[:FIRST_BLOCK]
            ]
        )
        if len(first) > FIRST_BLOCK:
            self._read_all(text, include_restricted)

    def _read_all(self, text: str, include_restricted: bool) -> None:
        store = self._store

        def job(cancelled: Callable[[], bool], _progress: Callable[[int, int], None]) -> object:
            rows = list_person_rows(
                store, text, include_restricted=include_restricted, cancelled=cancelled
            )
            return None if rows is None else _Loaded(rows)

        self._job = BackgroundTask(job, pool=self._pool, parent=self)
        self._job.finished.connect(self._on_loaded)
        self._job.failed.connect(self._on_failed)
        self._job.start()

    def _on_loaded(self, result: object) -> None:
        self._job = None
        if isinstance(result, _Loaded):
            self._show(result.persons, {COL_NAME: result.name_ranks})
        self.loaded.emit()

    def _on_failed(self, error: object) -> None:
        # The first block stays on screen; an unreadable store is reported by the next write.
        self._job = None
        self.loaded.emit()

    def _cancel(self) -> None:
        if self._job is not None:
            self._job.discard()
            self._job = None

    def close(self) -> None:
        """Stop the worker's read and wait for it (before the store is closed)."""
        self._cancel()
        self._pool.waitForDone()

    def _show(
        self, persons: list[PersonListRow], ranks: dict[int, list[int]] | None = None
    ) -> None:
        # The rows are the persons' plain tuples: their cells are read when painted (``cell``).
        self._persons = persons
        self.set_rows(
            persons,
            keys=[person[_ID] for person in persons],
            styles=[self._restricted if person[_RESTRICTED] else None for person in persons],
            ranks=ranks,
        )

    def cell(self, source: int, column: int) -> Cell:
        person = self._persons[source]
        if column == COL_NAME:
            return person_name(person)
        if column == COL_FISCAL_CODE:
            return person[_CODE]
        return person[_BORN]

    def person_at(self, row: int) -> PersonRow | None:
        source = self.source_row(row)
        return None if source < 0 else PersonRow(*self._persons[source])
