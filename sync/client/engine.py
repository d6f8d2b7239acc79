"""One sync, as named stages (DESIGN.md §3): version gate → push → pull → drift check → log.

Blocking: run it off the GUI thread. Progress goes to a callback; setting ``cancel`` stops the
sync at the next step (between requests, batches and pages, or during a wait), and whatever
was committed stays committed: the next sync goes on from there. One sync at a time per data
folder: the caller serialises them.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from desktop import __version__
from desktop.store.engine import Store
from desktop.store.migrate import HEAD_REVISION
from desktop.store.raw import Connection, DatabaseError, relaxed_durability
from desktop.store.settings import SITE_CODE
from sync.client import bulk, credentials, set_aside
from sync.client import db as local
from sync.client.apply import Applier
from sync.client.audit import AUDIT_REFUSED, push_audit
from sync.client.derived import referrals_touched, refresh_referral_status
from sync.client.digest import DriftChecker
from sync.client.errors import (
    NotEnrolledError,
    ProtocolViolationError,
    SyncError,
    VersionRefusedError,
)
from sync.client.progress import (
    ProgressCallback,
    Stage,
    SyncProgress,
    check_cancel,
    ignore_progress,
)
from sync.client.push import Pusher, pending_count
from sync.client.transport import Transport
from sync.client.wire import Page, parse_page
from sync.protocol import (
    MAX_BATCH_RECORDS,
    MAX_PULL_LIMIT,
    PROTOCOL_VERSION,
    MetaResponse,
)

log = logging.getLogger(__name__)

LOG_ROWS_KEPT = 2000


@dataclass
class PullStats:
    merged: int = 0
    seen: set[tuple[str, str]] | None = None


@dataclass(frozen=True)
class SyncResult:
    sent: int
    accepted: int
    rejected: int
    received: int  # records that changed something here
    new_conflicts: int
    pending: int  # changes still to send (conflicts and rejections included)
    drift_repaired: bool
    drift_left: bool  # the scopes still differ after a full re-pull (see the log)
    elapsed_seconds: float
    stage_seconds: dict[str, float]  # time spent in each stage ("meta", "push", ...)
    # Records from the server still set aside here after this sync (sync.client.set_aside).
    set_aside: int = 0
    # The audit trail (sync.client.audit): rows the server acknowledged now, rows still to
    # send, and why a chain was not sent (Italian), which never stops the records' sync.
    audit_sent: int = 0
    audit_unsent: int = 0
    audit_problems: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        parts = [
            _count(self.sent, "inviata 1 modifica", "inviate {} modifiche"),
            _count(self.received, "ricevuto 1 record", "ricevuti {} record"),
        ]
        if self.rejected:
            parts.append(
                _count(self.rejected, "1 modifica rifiutata", "{} modifiche rifiutate")
                + " dal server"
            )
        if self.new_conflicts:
            parts.append(
                _count(
                    self.new_conflicts,
                    "1 nuovo conflitto da risolvere",
                    "{} nuovi conflitti da risolvere",
                )
            )
        if self.drift_repaired:
            parts.append("archivio riallineato con il server")
        if self.set_aside:
            parts.append(
                _count(
                    self.set_aside,
                    "1 record ricevuto messo da parte perché non applicabile",
                    "{} record ricevuti messi da parte perché non applicabili",
                )
                + " (vedere il registro di sincronizzazione)"
            )
        if self.drift_left:
            parts.append("restano differenze con il server")
        text = "Sincronizzazione completata: " + ", ".join(parts) + "."
        if self.audit_problems:
            rows = _count(self.audit_unsent, "1 riga", "{} righe")
            text += (
                f" Il registro degli accessi non è stato inviato ({rows} in attesa): "
                + " ".join(self.audit_problems)
            )
        return text


def _count(number: int, one: str, many: str) -> str:
    """Italian agreement: "1 modifica", "0 modifiche", "3 modifiche"."""
    return one if number == 1 else many.format(number)


def open_transport(
    store: Store, *, cancel: threading.Event | None = None, **options: object
) -> Transport:
    """A transport to the enrolled server with this folder's token from the keyring."""
    with local.reading(store) as connection:
        url = local.get_setting(connection, local.SERVER_URL)
        ca_bundle = local.get_setting(connection, local.CA_BUNDLE)
    if not url:
        raise NotEnrolledError(
            "Questa cartella dati non è registrata presso il server provinciale: eseguire prima "
            "la registrazione (trama enroll) con il codice ricevuto dalla Provincia."
        )
    credentials.check_server_for(store.path.parent, url)
    token = credentials.load_token(store.path.parent)
    if not token:
        raise NotEnrolledError(
            "La chiave di accesso al server non è nel portachiavi di sistema (forse è stato "
            "cambiato utente o portachiavi): ripetere la registrazione con un nuovo codice."
        )
    return Transport(
        url,
        app_version=__version__,
        schema=HEAD_REVISION,
        token=token,
        ca_bundle=Path(ca_bundle) if ca_bundle else None,
        cancel=cancel,
        **options,  # type: ignore[arg-type]
    )


def check_meta(meta: MetaResponse) -> None:
    """The version gate: refuse loudly, in Italian, anything this client cannot speak."""
    if not meta.min_protocol <= PROTOCOL_VERSION <= meta.max_protocol:
        raise VersionRefusedError(
            f"Il server provinciale (versione {meta.server_version}) usa un protocollo di "
            f"sincronizzazione diverso ({meta.min_protocol}-{meta.max_protocol}) da quello di "
            f"questa versione di Trama ({PROTOCOL_VERSION}): la sincronizzazione non è stata "
            f"eseguita. {meta.message}".strip()
        )
    if meta.accepted_schemas and HEAD_REVISION not in meta.accepted_schemas:
        raise VersionRefusedError(
            "Questa versione di Trama è più recente di quella del server provinciale (archivio "
            f"{HEAD_REVISION}): la sincronizzazione riprenderà quando il server sarà aggiornato. "
            f"{meta.message}".strip()
        )


class SyncEngine:
    def __init__(
        self,
        store: Store,
        *,
        transport: Transport | None = None,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        pull_limit: int = MAX_PULL_LIMIT,
        batch_records: int = MAX_BATCH_RECORDS,
    ) -> None:
        self.store = store
        self.cancel = cancel or (transport.cancel if transport else threading.Event())
        self._transport = transport
        self.progress = progress or ignore_progress
        self.pull_limit = pull_limit
        self.batch_records = batch_records
        self._stage = Stage.META
        self._timings: dict[str, float] = {}
        self._stage_started = time.monotonic()
        self._received = 0
        self._applied = 0  # received and new here (not our own changes coming back)
        self._conflicts = 0

    def run(self) -> SyncResult:
        started = time.monotonic()
        transport = self._transport or open_transport(self.store, cancel=self.cancel)
        connection = local.connect(self.store, foreign_keys=False)
        try:
            return self._run(connection, transport, started)
        except SyncError as error:
            self._log_failure(connection, error, started)
            raise
        finally:
            connection.close()
            if self._transport is None:
                transport.close()

    def _run(self, connection: Connection, transport: Transport, started: float) -> SyncResult:
        self._stage, self._stage_started = Stage.META, time.monotonic()
        site = local.get_setting(connection, SITE_CODE) or ""
        self._report(Stage.META, 0, None, "Verifica della versione del server")
        check_meta(transport.get("/meta", MetaResponse))

        from_scratch = local.get_cursor(connection) == 0
        if from_scratch:
            # A first sync pulls before it pushes: rows made offline then point at the server's
            # reference rows (re-keyed on arrival, sync.client.apply) when they are sent, and
            # the server refuses a reference to a record it does not have.
            self._enter(Stage.PULL)
            self._pull(connection, transport)
        self._enter(Stage.PUSH)
        pusher = Pusher(
            connection,
            transport,
            local_site=site,
            cancel=self.cancel,
            progress=self.progress,
            batch_records=self.batch_records,
        )
        pushed = pusher.run()
        # The audit trail after the records, as a stage of its own: its refusal is reported,
        # never a reason to stop the records' sync.
        audit = push_audit(
            connection, transport, site=site, cancel=self.cancel, progress=self.progress
        )
        if audit.problems:
            with local.atomic(connection):
                local.add_log(
                    connection,
                    direction="push",
                    outcome="refused",
                    message=AUDIT_REFUSED + " ".join(audit.problems),
                    rejected=audit.unsent,
                )

        self._enter(Stage.PULL)
        if self._pull(connection, transport).merged:
            self._enter(Stage.PUSH)  # a merged row may have something left to send
            pushed = pusher.run()  # the same stats, added to
        set_aside_now = self._retry_set_aside(connection)

        self._enter(Stage.CHECK)
        checker = DriftChecker(
            connection,
            transport,
            pull_more=lambda: self._pull(connection, transport),
            pull_all=lambda: self._pull_all(connection, transport),
        )
        # A first pull is the whole scope, as a repair would fetch it: nothing to check yet.
        drift = checker.run(
            force=pushed.sent > 0 or self._received > 0,
            skip=from_scratch,
            report=self._report,
        )

        self._enter(Stage.DONE)
        pending = pending_count(connection)
        result = SyncResult(
            sent=pushed.sent,
            accepted=pushed.accepted,
            rejected=pushed.rejected,
            received=self._applied,
            new_conflicts=pushed.conflicts + self._conflicts,
            pending=pending,
            drift_repaired=drift.repaired,
            drift_left=drift.left,
            elapsed_seconds=time.monotonic() - started,
            stage_seconds=dict(self._timings),
            set_aside=set_aside_now,
            audit_sent=audit.sent,
            audit_unsent=audit.unsent,
            audit_problems=tuple(audit.problems),
        )
        with local.atomic(connection):
            local.add_log(
                connection,
                direction="sync",
                outcome="drift" if drift.left else "ok",
                message=result.message,
                records=result.sent + result.received,
                conflicts=result.new_conflicts,
                rejected=result.rejected,
                elapsed_ms=int(result.elapsed_seconds * 1000),
            )
            local.set_setting(connection, local.LAST_SUCCESS, local.now_text())
            _prune_log(connection)
        self._report(Stage.DONE, result.sent + result.received, None, result.message)
        return result

    def _pull(
        self,
        connection: Connection,
        transport: Transport,
        *,
        after: int | None = None,
        track_seen: bool = False,
    ) -> PullStats:
        """Pages from ``after`` (default: the saved cursor), each applied atomically with the
        cursor, so a crash re-applies at most one page, harmlessly."""
        cursor = local.get_cursor(connection) if after is None else after
        stats = PullStats(seen=set() if track_seen else None)
        starting_bulk = after is None and bulk.can_start(connection)
        in_bulk = starting_bulk or bulk.in_bulk(connection)
        # Everything a pull writes can be fetched again, and a page goes with its cursor: a
        # power cut may lose the last pages (WAL stays consistent), never mix them up.
        with relaxed_durability(connection):
            try:
                self._pull_pages(
                    connection, transport, cursor, stats, track_seen=track_seen,
                    start_bulk=starting_bulk, in_bulk=in_bulk,
                )  # fmt: skip
            except BaseException:
                if in_bulk:
                    self._finish_bulk_after_failure(connection)
                raise
        if in_bulk:
            self._report(Stage.PULL, self._received, None, "Indicizzazione dei dati ricevuti")
            bulk.finish(connection)
        return stats

    def _pull_pages(
        self,
        connection: Connection,
        transport: Transport,
        cursor: int,
        stats: PullStats,
        *,
        track_seen: bool,
        start_bulk: bool,
        in_bulk: bool,
    ) -> None:
        # The next page is fetched while this one is written: the server and the disk work
        # at the same time. Only that thread uses the transport meanwhile.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="trama-pull") as prefetch:
            coming = prefetch.submit(self._fetch, transport, cursor)
            while True:
                # Parsed here, not in the fetching thread: both are Python work under one GIL.
                page = parse_page(coming.result())
                if page.next_cursor < cursor or (page.has_more and page.next_cursor == cursor):
                    raise ProtocolViolationError(
                        "Il server ha inviato una pagina di dati incoerente: riprovare più tardi."
                    )
                check_cancel(self.cancel)
                if page.has_more:
                    coming = prefetch.submit(self._fetch, transport, page.next_cursor)
                self._apply_page(
                    connection, page, stats, track_seen=track_seen,
                    start_bulk=start_bulk, in_bulk=in_bulk,
                )  # fmt: skip
                start_bulk = False
                cursor = page.next_cursor
                if not page.has_more:
                    return

    def _finish_bulk_after_failure(self, connection: Connection) -> None:
        """The folder is left whole when a first pull stops: the next pull goes row by row."""
        try:
            bulk.finish(connection)
        except DatabaseError:
            # The setting stays, so the next sync finishes it; the pull's own error is the news.
            log.exception("could not restore the indexes after a failed first pull")

    def _fetch(self, transport: Transport, cursor: int) -> bytes:
        check_cancel(self.cancel)
        return transport.get_bytes("/pull", {"after": cursor, "limit": self.pull_limit})

    def _apply_page(
        self,
        connection: Connection,
        page: Page,
        stats: PullStats,
        *,
        track_seen: bool,
        start_bulk: bool = False,
        in_bulk: bool = False,
    ) -> None:
        """One page and the cursor after it, in one transaction."""
        with local.atomic(connection):
            if start_bulk:
                bulk.start(connection)
            applier = Applier(connection, track_seen=track_seen, bulk=in_bulk)
            applier.apply(page.records)
            # In bulk the search index and the statuses are made once at the end.
            touched = () if in_bulk else referrals_touched(page.records)
            if touched:
                refresh_referral_status(connection, touched)
            # A re-pull from 0 never moves the saved cursor back.
            local.set_cursor(connection, max(local.get_cursor(connection), page.next_cursor))
            if page.records:
                local.delete_setting(connection, local.LOCAL_DIGEST)
        stats.merged += applier.stats.merged
        self._conflicts += applier.stats.conflicts
        self._received += len(page.records)
        self._applied += len(page.records) - applier.stats.unchanged
        if stats.seen is not None and applier.stats.seen is not None:
            stats.seen |= applier.stats.seen
        self._report(
            Stage.PULL, self._received, None, f"Ricezione dei dati: {self._received} record"
        )

    def _retry_set_aside(self, connection: Connection) -> int:
        """Records set aside by this or an earlier sync, tried again now that the pull may
        have brought what they lacked; returns how many are still set aside."""
        waiting = set_aside.waiting(connection)
        if not waiting:
            return 0
        with local.atomic(connection):
            Applier(connection).apply(waiting)
            touched = referrals_touched(waiting)
            if touched:
                refresh_referral_status(connection, touched)
            left = set_aside.count(connection)
            local.delete_setting(connection, local.LOCAL_DIGEST)
        self._applied += len(waiting) - left
        return left

    def _pull_all(self, connection: Connection, transport: Transport) -> set[tuple[str, str]]:
        return self._pull(connection, transport, after=0, track_seen=True).seen or set()

    def _enter(self, stage: Stage) -> None:
        now = time.monotonic()
        previous = self._stage.value
        self._timings[previous] = self._timings.get(previous, 0.0) + now - self._stage_started
        self._stage, self._stage_started = stage, now

    def _report(self, stage: Stage, done: int, total: int | None, message: str) -> None:
        self.progress(SyncProgress(stage, done, total, message))

    def _log_failure(self, connection: Connection, error: SyncError, started: float) -> None:
        direction = {Stage.PUSH: "push", Stage.PULL: "pull", Stage.CHECK: "check"}.get(
            self._stage, "sync"
        )
        try:
            with local.atomic(connection):
                local.add_log(
                    connection,
                    direction=direction,
                    outcome=error.outcome,
                    message=str(error),
                    records=self._received,
                    elapsed_ms=int((time.monotonic() - started) * 1000),
                )
        except DatabaseError:
            log.exception("could not write the sync log")


def _prune_log(connection: Connection) -> None:
    connection.execute(
        "DELETE FROM sync_log WHERE id <= (SELECT max(id) FROM sync_log) - ?", (LOG_ROWS_KEPT,)
    )
