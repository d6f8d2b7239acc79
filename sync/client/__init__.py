"""The client half of batch sync (DESIGN.md §3): no Qt, driven by the app or by ``trama sync``.

The app uses ``sync.client.api``. A sync is ``engine.SyncEngine``'s named stages: version gate
(``/meta``) → push (``push.py``: dirty rows in batches persisted before sending) → pull
(``apply.py``: pages applied with their cursor, three-way merge in ``merge.py``) → drift check
(``digest.py``) → a line in ``sync_log``. After the records' push, the audit trail's rows go
on their own route (``audit.py``), whose refusal never stops the records' sync. HTTP is
``transport.py``, the token ``credentials.py``.

Decisions worth knowing:

- The outbox is the ``dirty`` column the services set in the same transaction as a change; the
  base of a merge is copied by a trigger (migration 0003) when a synced row first changes here.
- ``referral.status`` is derived on each PC from the events it has (``derived.py``): a CPI's
  transitions reach the sending Ambito as events; a CPI never sends the Ambito's row.
- A restricted person or referral (GDPR art. 18) never synced before stays on this PC; one
  already shared travels with its restriction, so the other office stops processing it too.
- Referral numbers are drawn on each PC and are not unique once synced (migration 0003).
- A scope removal deletes the local row unless it has unsent changes, which are kept.
- Plain ``http://`` only to this machine; TLS is always verified otherwise.
"""
