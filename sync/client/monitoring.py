"""The Province's PC fetches the monitoring tables from the server (``GET /monitoring``).

Only the Province's site may ask (the server answers 403 to any other); the answer is already
protected (``sync.server.disclosure``), and the PC never asks again per filter: its page selects
rows and columns of this one answer (``desktop.services.monitoring.province``), so no two
answers can be subtracted. Errors are the client's ``SyncError``s, in Italian: ``OfflineError``
when the server cannot be reached, ``RequestRefusedError`` with the server's own sentence for a
refused request (another site, a wrong period), ``NotEnrolledError`` before registration.
"""

from __future__ import annotations

import threading
from datetime import date

from desktop.store.engine import Store
from sync.client.engine import open_transport
from sync.client.transport import RetryPolicy, Transport
from sync.protocol.monitoring_wire import MonitoringResponse

MONITORING_PATH = "/monitoring"
# A page waits for its figures: a couple of quick retries, not the sync's patient schedule.
MONITORING_RETRY = RetryPolicy(attempts=2, base_delay=0.5, max_delay=2.0)


def fetch_monitoring(transport: Transport, start: date, end: date) -> MonitoringResponse:
    """The protected tables for the whole quarters from ``start`` to ``end``."""
    return transport.get(
        MONITORING_PATH,
        MonitoringResponse,
        params={"start": start.isoformat(), "end": end.isoformat()},
    )


def fetch_monitoring_for(
    store: Store, start: date, end: date, *, cancel: threading.Event | None = None
) -> MonitoringResponse:
    """The same, with the data folder's enrolled server and device key."""
    with open_transport(store, cancel=cancel, retry=MONITORING_RETRY) as transport:
        return fetch_monitoring(transport, start, end)
