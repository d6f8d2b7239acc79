"""The audit trail's client side without a server: a restore begins a new chain recording it,
a conflict's resolution is chained like any audit row, and what is still to send is counted."""

from __future__ import annotations

import threading
from pathlib import Path

from desktop.domain.actor import Actor
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import SiteKind
from desktop.services.audit import Access, record_accesses, verify_audit
from desktop.store import backups, keys
from desktop.store import restore as restoring
from desktop.store.engine import Store, database_path
from desktop.store.migrate import open_store
from desktop.store.settings import AUDIT_CHAIN, SITE_CODE, audit_pushed_key
from sync.client import db as local
from sync.client.audit import append_audit_row, push_audit, start_new_chain, unsent_rows
from sync.client.restored import prepare_restored_copy

ACTOR = Actor("COMUNE\\m.bianchi", "AMB-SOMMA", SiteKind.AMBITO, workstation="PC-SERVIZI-01")


def _opened(store: Store, count: int) -> None:
    record_accesses(
        store,
        actor=ACTOR,
        accesses=[
            Access(AuditAction.OPEN_PERSON, AuditEntity.PERSON, f"p{n}") for n in range(count)
        ],
    )


def test_a_restore_begins_a_new_chain_whose_first_row_records_it(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    with local.transaction(store) as connection:
        local.set_setting(connection, SITE_CODE, "AMB-SOMMA")
    _opened(store, 3)
    with store.raw_read() as connection:
        old_chain = local.get_setting(connection, AUDIT_CHAIN)
    key = keys.load_key(data_dir)
    assert key is not None
    backup = backups.take_backup(
        database_path(data_dir), key, tmp_path / "copie", reason=backups.MANUAL
    ).path
    store.dispose()

    restoring.restore_backup(backup, data_dir, key, prepare=prepare_restored_copy)

    restored = open_store(data_dir, create=False)
    try:
        with restored.raw_read() as connection:
            new_chain = local.get_setting(connection, AUDIT_CHAIN)
            rows = connection.execute(
                "SELECT chain_id, seq, action, entity, site, prev_hash FROM audit_entry "
                "ORDER BY chain_id = ?, seq",
                (new_chain,),
            ).fetchall()
        assert new_chain and new_chain != old_chain
        assert [(chain, seq) for chain, seq, *_ in rows] == [
            (old_chain, 1), (old_chain, 2), (old_chain, 3), (new_chain, 1)
        ]  # fmt: skip
        assert rows[-1][2:] == ("restore", "store", "AMB-SOMMA", "0" * 64)
        _opened(restored, 1)  # continues the new chain
        check = verify_audit(restored)
        assert check.intact, check.problems
        assert (check.rows, check.chains) == (5, 2)
        with restored.raw_read() as connection:
            # Nothing acknowledged yet: both chains wait, the old one's rows included.
            assert unsent_rows(connection, "AMB-SOMMA") == 5
    finally:
        restored.dispose()


def test_rows_appended_from_a_raw_unit_of_work_join_the_chain(store: Store) -> None:
    _opened(store, 2)
    with local.transaction(store) as connection:
        append_audit_row(
            connection, operator=ACTOR.operator, workstation="PC-SERVIZI-01", site="AMB-SOMMA",
            action="resolve_conflict", entity="person", entity_id="p1", details="phone: local",
        )  # fmt: skip
        chain = local.get_setting(connection, AUDIT_CHAIN)
        assert chain is not None
        local.set_setting(connection, audit_pushed_key(chain), "2")
    check = verify_audit(store)
    assert check.intact and check.rows == 3
    with store.raw_read() as connection:
        assert unsent_rows(connection, "AMB-SOMMA") == 1
        assert unsent_rows(connection, "AMB-VARESE") == 0  # another site's rows are not sent
    with local.transaction(store) as connection:
        started = start_new_chain(connection)
    _opened(store, 1)
    with store.raw_read() as connection:
        assert connection.execute(
            "SELECT seq FROM audit_entry WHERE chain_id = ?", (started,)
        ).fetchall() == [(1,)]


class _NoServer:
    def post(self, *_args: object, **_kwargs: object) -> object:
        raise AssertionError("nothing readable to send")


def test_a_row_that_cannot_be_read_is_reported_not_a_crash(store: Store) -> None:
    _opened(store, 1)
    with local.transaction(store) as connection:
        chain = local.get_setting(connection, AUDIT_CHAIN)
        local.set_setting(connection, audit_pushed_key(str(chain)), "1")
        # Written by hand into the file: a time that is no time.
        connection.execute(
            "INSERT INTO audit_entry (id, at, operator, workstation, site, action, entity, "
            "entity_id, details, chain_id, seq, prev_hash, hash) VALUES ('x', 'ieri', 'a', '', "
            "'AMB-SOMMA', 'open_person', 'person', 'p', '', ?, 2, ?, ?)",
            (chain, "0" * 64, "0" * 64),
        )
    connection = local.connect(store)
    try:
        result = push_audit(
            connection, _NoServer(), site="AMB-SOMMA",  # type: ignore[arg-type]
            cancel=threading.Event(), progress=lambda _step: None,
        )  # fmt: skip
    finally:
        connection.close()
    assert result.sent == 0 and result.unsent == 1
    assert result.problems == [
        f"una riga della catena {chain} dopo la n. 1 non è leggibile (il file dei dati è stato "
        "modificato a mano)."
    ]
