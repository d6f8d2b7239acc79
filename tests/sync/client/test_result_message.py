"""The sync's one-line summary, as the log and the indicator's tooltip show it: Italian plurals."""

from __future__ import annotations

from sync.client.engine import SyncResult


def _result(**counts: int) -> SyncResult:
    values = {"sent": 0, "accepted": 0, "rejected": 0, "received": 0, "new_conflicts": 0}
    values.update(counts)
    return SyncResult(
        **values,
        pending=0,
        drift_repaired=False,
        drift_left=False,
        elapsed_seconds=0.1,
        stage_seconds={},
    )


def test_one_of_each_is_singular() -> None:
    message = _result(sent=1, received=1, rejected=1, new_conflicts=1).message
    assert message == (
        "Sincronizzazione completata: inviata 1 modifica, ricevuto 1 record, "
        "1 modifica rifiutata dal server, 1 nuovo conflitto da risolvere."
    )


def test_none_or_many_are_plural() -> None:
    assert _result().message == (
        "Sincronizzazione completata: inviate 0 modifiche, ricevuti 0 record."
    )
    message = _result(sent=3, received=250, rejected=2, new_conflicts=4).message
    assert message == (
        "Sincronizzazione completata: inviate 3 modifiche, ricevuti 250 record, "
        "2 modifiche rifiutate dal server, 4 nuovi conflitti da risolvere."
    )
