"""Building many documents in worker processes, in order, with cancel (no Qt).

ReportLab is pure Python for the most part: building a form on a thread of the application's
process keeps the GIL from the GUI thread for long stretches (240 ms gaps measured while 500
forms were built on a thread). Worker processes have interpreters of their own, so the
application's process only receives finished bytes.

The processes are started with the "spawn" method on every platform: no fork of a process
that runs Qt threads, and the same behaviour on Windows, macOS and Linux. A frozen
(PyInstaller) build must call ``multiprocessing.freeze_support()`` first thing in its entry
point, or each worker would start the whole application again.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from desktop.documents import DocumentType
from desktop.services.context import Actor
from desktop.services.documents import IssuedPdf, render_document
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.services.referrals.records import get_referral
from desktop.store.engine import Store, StoreAddress

MAX_WORKERS = 4
DOCUMENTS_PER_WORKER = 25  # below this many documents per process a further one costs more
AHEAD_PER_WORKER = 4  # documents queued per worker: enough to keep it busy, little to cancel
CANCEL_POLL_SECONDS = 0.05
WORKER_NICENESS = 5  # POSIX; below normal priority on Windows


@dataclass(frozen=True)
class BatchItem:
    document_type: DocumentType
    record_id: str


@dataclass(frozen=True)
class BuiltDocument:
    """One item of a batch: the document, or why it was refused (an Italian sentence)."""

    item: BatchItem
    document: IssuedPdf | None
    refusal: str = ""
    built_by: int = 0  # the process id of the worker that built it


# --- in the worker process -----------------------------------------------------------------


@dataclass
class _Worker:
    """What a worker process keeps between documents: one store for all of them."""

    store: Store | None = None
    actor: Actor | None = None


_worker = _Worker()


def _lower_priority() -> None:
    """Let the application's process have the CPU first: the operator is waiting on the
    window, not on the stack of paper."""
    if sys.platform == "win32":
        import ctypes  # noqa: PLC0415 - Windows only

        below_normal = 0x4000  # BELOW_NORMAL_PRIORITY_CLASS
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
    else:
        os.nice(WORKER_NICENESS)


def _start_worker(database: StoreAddress, actor: Actor) -> None:
    _lower_priority()
    _worker.store = database.open()
    _worker.actor = actor


def _refusal(store: Store, item: BatchItem, error: Exception) -> str:
    if item.document_type in (DocumentType.REFERRAL_FORM, DocumentType.PRIVACY_NOTICE):
        try:
            number = get_referral(store, item.record_id).number
        except (NotFoundError, NotAllowedError):
            number = ""
        if number:
            return f"{number}: {error}"
    return str(error)


def build_one(store: Store, actor: Actor, item: BatchItem) -> BuiltDocument:
    """Build one document; a restricted or missing record becomes a refusal."""
    try:
        document = render_document(
            store, actor=actor, document_type=item.document_type, record_id=item.record_id
        )
    except (NotAllowedError, NotFoundError) as error:
        return BuiltDocument(item, None, _refusal(store, item, error), os.getpid())
    return BuiltDocument(item, document, "", os.getpid())


def _build_in_worker(item: BatchItem) -> BuiltDocument:
    if _worker.store is None or _worker.actor is None:
        raise RuntimeError("worker process not initialised")
    return build_one(_worker.store, _worker.actor, item)


# --- in the application's process ----------------------------------------------------------


def worker_count(documents: int) -> int:
    """One process per 25 documents, leaving a core to the application, at most four."""
    spare_cores = max(1, (os.cpu_count() or 2) - 1)
    return max(1, min(MAX_WORKERS, spare_cores, -(-documents // DOCUMENTS_PER_WORKER)))


Builder = Callable[..., Iterator[BuiltDocument]]


def build_in_this_process(
    database: StoreAddress,
    actor: Actor,
    items: Sequence[BatchItem],
    *,
    cancelled: Callable[[], bool] = lambda: False,
    workers: int | None = None,
) -> Iterator[BuiltDocument]:
    """The same, on the calling thread: the benchmark's "before" (ReportLab then competes for
    the GIL with the GUI thread), and a fallback for callers with no GUI to keep alive."""
    del workers
    store = database.open()
    try:
        for item in items:
            if cancelled():
                return
            yield build_one(store, actor, item)
    finally:
        store.dispose()


def build_in_processes(
    database: StoreAddress,
    actor: Actor,
    items: Sequence[BatchItem],
    *,
    cancelled: Callable[[], bool] = lambda: False,
    workers: int | None = None,
) -> Iterator[BuiltDocument]:
    """Build the items in worker processes and yield them in the order given.

    Stops (and stops the workers) as soon as ``cancelled()`` turns true or the caller closes
    the iterator; a worker that crashes raises ``BrokenProcessPool`` here.
    """
    if not items:
        return
    workers = workers or worker_count(len(items))
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        # The key crosses to the workers through the pool's pipe, never through a file.
        initargs=(database, actor),
    )
    pending: deque[Future[BuiltDocument]] = deque()
    queue = iter(items)
    try:
        for item in queue:
            pending.append(pool.submit(_build_in_worker, item))
            if len(pending) >= workers * AHEAD_PER_WORKER:
                break
        while pending:
            future = pending.popleft()
            while True:
                if cancelled():
                    return
                try:
                    built = future.result(timeout=CANCEL_POLL_SECONDS)
                    break
                except FutureTimeout:
                    continue
            following = next(queue, None)
            if following is not None:
                pending.append(pool.submit(_build_in_worker, following))
            yield built
    finally:
        # Queued documents are dropped; a worker finishes the one it is building, then exits.
        pool.shutdown(wait=False, cancel_futures=True)
