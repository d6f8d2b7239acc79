"""The audit trail's hash chain: append-only, and every edit or removal found and named."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.actor import Actor
from desktop.domain.codes import SiteKind
from desktop.services.audit import Access, record_access, record_accesses, verify_audit
from desktop.store.engine import Store, database_path
from desktop.store.models import AuditEntry
from sync.protocol.audit import GENESIS, row_hash
from tests.conftest import connect_data_file

ACTOR = Actor("a.rossi", "AMB-VA", SiteKind.AMBITO, workstation="PC-AMB-01")


def _fill(store: Store, count: int) -> None:
    record_accesses(
        store,
        actor=ACTOR,
        accesses=[Access("open", "referral", f"id-{index:03d}") for index in range(count)],
    )


def _rows(store: Store) -> list[dict[str, object]]:
    names = AuditEntry.__table__.columns.keys()
    with store.read() as session:
        return [
            {name: getattr(entry, name) for name in names}
            for entry in session.query(AuditEntry).order_by(AuditEntry.seq)
        ]


def test_rows_form_one_chain_each_carrying_the_previous_hash(store: Store) -> None:
    _fill(store, 3)
    record_access(store, actor=ACTOR, action="print", entity="referral", entity_id="id-001")
    rows = _rows(store)
    assert [row["seq"] for row in rows] == [1, 2, 3, 4]
    assert len({row["chain_id"] for row in rows}) == 1
    assert rows[0]["prev_hash"] == GENESIS
    for before, after in itertools.pairwise(rows):
        assert after["prev_hash"] == before["hash"]
    assert (rows[-1]["workstation"], rows[-1]["operator"]) == ("PC-AMB-01", "a.rossi")
    assert rows[-1]["hash"] == row_hash(rows[-1])
    check = verify_audit(store)
    assert (check.intact, check.rows, check.chains) == (True, 4, 1)


def test_the_store_refuses_to_edit_or_delete_an_audit_row(store: Store) -> None:
    _fill(store, 2)
    connection = connect_data_file(database_path(store.path.parent))
    try:
        for statement in (
            "UPDATE audit_entry SET details = 'x' WHERE seq = 1",
            "DELETE FROM audit_entry WHERE seq = 2",
        ):
            with pytest.raises(Exception, match="append-only"):
                connection.execute(statement)
    finally:
        connection.close()
    assert verify_audit(store).intact


def test_concurrent_writers_never_fork_the_chain(store: Store) -> None:
    def write() -> None:
        for index in range(25):
            record_access(store, actor=ACTOR, action="open", entity="person", entity_id=str(index))

    workers = [threading.Thread(target=write) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    check = verify_audit(store)
    assert (check.intact, check.rows) == (True, 75)


def test_personal_data_in_details_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="personal data"):
        record_access(
            store,
            actor=ACTOR,
            action="search",
            entity="referral",
            entity_id="",
            details="RSSMRA85T10A562S",
        )
    assert _rows(store) == []


def test_tampering_with_plain_sql_is_named_by_audit_verify(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(store, 6)
    data_dir = store.path.parent
    store.dispose()
    assert main(["audit", "verify", "--data-dir", str(data_dir)]) == 0
    assert "integro: 6 righe in 1 catena" in capsys.readouterr().out

    # An attacker with the key (a decrypted copy) removes the triggers, then edits one row
    # and deletes another.
    connection = connect_data_file(database_path(data_dir))
    try:
        connection.execute("DROP TRIGGER audit_entry_no_update")
        connection.execute("DROP TRIGGER audit_entry_no_delete")
        connection.execute("UPDATE audit_entry SET entity_id = 'id-999' WHERE seq = 2")
        connection.execute("DELETE FROM audit_entry WHERE seq = 5")
        connection.commit()
    finally:
        connection.close()

    assert main(["audit", "verify", "--data-dir", str(data_dir)]) == 1
    said = capsys.readouterr().err
    assert "alterato: 2 problemi su 5 righe" in said
    assert "La riga n. 2" in said and "modificata" in said
    assert "Manca la riga n. 5" in said


def test_audit_verify_on_a_missing_folder_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "verify", "--data-dir", str(tmp_path / "nowhere")]) == 1
    assert "Traceback" not in capsys.readouterr().err
