"""The audit trail leaves the PC: real offices, the real engine, a real server process.

A chain arrives and is read back by its site and the Province's only; a row removed on the PC
makes the server refuse the chain while the records still sync, and the office is told in
Italian; crafted pushes of another site's chain are refused; ``trama-server audit verify``
names a row edited in the server's database; a restored folder begins a chain the server takes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.services.audit import Access, record_accesses
from desktop.services.directory import ContactInput, create_contact
from desktop.store import backups, keys
from desktop.store import restore as restoring
from desktop.store.engine import database_path
from desktop.store.migrate import open_store
from desktop.store.settings import AUDIT_CHAIN
from sync.client.audit import AUDIT_REFUSED
from sync.client.engine import open_transport
from sync.client.errors import RequestRefusedError
from sync.client.restored import prepare_restored_copy
from sync.client.status import sync_status
from sync.protocol import AuditPage, AuditPushRequest, AuditPushResponse, gzip_json
from tests.conftest import connect_data_file
from tests.sync.e2e.live import ROOT, LiveServer, Office

Offices = Callable[[str], Office]
PROVINCE = "PROVINCIA-VA"


def _open_referrals(office: Office, count: int) -> list[str]:
    ids = [str(uuid.uuid4()) for _ in range(count)]
    record_accesses(
        office.store,
        actor=office.actor,
        accesses=[
            Access(AuditAction.OPEN_REFERRAL, AuditEntity.REFERRAL, record_id) for record_id in ids
        ],
    )
    return ids


def _local_chain(office: Office) -> list[tuple[int, str]]:
    chain = office.value("SELECT value FROM local_setting WHERE key = ?", AUDIT_CHAIN)
    return office.rows("SELECT seq, hash FROM audit_entry WHERE chain_id = ? ORDER BY seq", chain)


def _server_chain(server: LiveServer, chain_id: str) -> list[tuple[int, str]]:
    return [
        (int(seq), str(digest))
        for seq, digest in server.query(
            "SELECT seq, hash FROM audit_row WHERE chain_id = :chain ORDER BY seq", chain=chain_id
        )
    ]


def _read(office: Office, site: str | None = None) -> AuditPage:
    with open_transport(office.store) as transport:
        return transport.get("/audit/rows", AuditPage, {"site": site} if site else None)


def test_a_chain_arrives_and_only_its_site_and_the_province_read_it(
    office: Offices, server: LiveServer
) -> None:
    somma = office("AMB-SOMMA")
    _open_referrals(somma, 3)
    result = somma.sync()
    assert result.audit_sent == 3
    assert result.audit_problems == ()
    assert result.audit_unsent == 0
    chain = somma.value("SELECT value FROM local_setting WHERE key = ?", AUDIT_CHAIN)
    assert _server_chain(server, chain) == _local_chain(somma)
    # Nothing new: nothing sent again.
    assert somma.sync().audit_sent == 0
    _open_referrals(somma, 2)
    assert somma.sync().audit_sent == 2
    assert _server_chain(server, chain) == _local_chain(somma)

    own = [row for row in _read(somma).rows if row.chain_id == chain]
    assert [row.seq for row in own] == [1, 2, 3, 4, 5]
    province = office(PROVINCE)
    assert [r.seq for r in _read(province, "AMB-SOMMA").rows if r.chain_id == chain] == [
        1, 2, 3, 4, 5
    ]  # fmt: skip
    varese = office("AMB-VARESE")
    with pytest.raises(RequestRefusedError) as refused:
        _read(varese, "AMB-SOMMA")
    assert refused.value.status == 403
    assert "Provincia" in str(refused.value)
    assert all(row.site == "AMB-VARESE" for row in _read(varese).rows)
    # Never served as records.
    assert not server.query("SELECT id FROM record WHERE table_name LIKE 'audit%'")


def test_a_row_removed_before_sending_is_refused_and_the_records_still_sync(
    office: Offices, server: LiveServer
) -> None:
    pc = office("AMB-LUINO")
    _open_referrals(pc, 2)
    assert pc.sync().audit_sent == 2
    _open_referrals(pc, 3)  # rows 3, 4, 5
    contact = create_contact(
        pc.store,
        actor=pc.actor,
        data=ContactInput(last_name="Registrata", first_name="Marta", role="Educatrice"),
    ).id
    data_file = connect_data_file(database_path(pc.data_dir))
    try:
        data_file.execute("DROP TRIGGER audit_entry_no_delete")
        data_file.execute("DELETE FROM audit_entry WHERE seq = 4 AND site = 'AMB-LUINO'")
    finally:
        data_file.close()

    result = pc.sync()
    assert result.accepted >= 1  # the contact went
    assert server.query("SELECT id FROM record WHERE id = :id", id=contact)
    assert result.audit_sent == 0
    assert result.audit_unsent == 3  # rows 3, 5 and 6 (the contact's creation)
    assert any("Manca la riga n. 4" in problem for problem in result.audit_problems)
    assert "Il registro degli accessi non è stato inviato (3 righe in attesa)" in result.message
    status = sync_status(pc.store)
    assert status.audit_unsent == 3
    assert status.audit_problem.startswith(AUDIT_REFUSED)
    assert "Manca la riga n. 4" in status.audit_problem
    chain = pc.value("SELECT value FROM local_setting WHERE key = ?", AUDIT_CHAIN)
    assert [seq for seq, _ in _server_chain(server, chain)] == [1, 2]
    # Refused again at the next sync, which still completes.
    again = pc.sync()
    assert again.audit_problems and again.audit_unsent == 3


def test_crafted_pushes_of_another_sites_chain_are_refused(
    office: Offices, server: LiveServer
) -> None:
    owner = office("AMB-AZZATE")
    _open_referrals(owner, 2)
    owner.sync()
    theirs = [row for row in _read(owner).rows if row.site == "AMB-AZZATE"][-2:]
    intruder = office("AMB-SESTO")
    crafted = [
        AuditPushRequest(rows=list(theirs)),  # their rows, as they are
        AuditPushRequest(  # their chain, under the intruder's code
            rows=[row.model_copy(update={"site": "AMB-SESTO"}) for row in theirs]
        ),
    ]
    with open_transport(intruder.store) as transport:
        for body in crafted:
            with pytest.raises(RequestRefusedError) as refused:
                transport.post("/audit", gzip_json(body), AuditPushResponse, idempotent=True)
            assert refused.value.status in (403, 409)
            assert "Registro degli accessi non accettato" in str(refused.value)
    held = server.query(
        "SELECT DISTINCT site_code FROM audit_row WHERE chain_id = :chain",
        chain=theirs[0].chain_id,
    )
    assert [site for (site,) in held] == ["AMB-AZZATE"]


def test_audit_verify_names_a_row_edited_on_the_server(office: Offices, server: LiveServer) -> None:
    pc = office("AMB-CITTIGLIO")
    _open_referrals(pc, 3)
    pc.sync()
    chain = pc.value("SELECT value FROM local_setting WHERE key = ?", AUDIT_CHAIN)

    def verify() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sync.server.cli", "audit", "verify", "--db", server.db_url,
             "--site", "AMB-CITTIGLIO"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip

    intact = verify()
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "integro" in intact.stdout
    engine = create_engine(server.db_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE audit_row SET entity_id = :other WHERE chain_id = :chain AND seq = 2"),
                {"other": str(uuid.uuid4()), "chain": chain},
            )
    finally:
        engine.dispose()
    broken = verify()
    assert broken.returncode == 1
    assert f"catena {chain}: La riga n. 2" in broken.stdout
    assert "è stata modificata dopo la scrittura" in broken.stdout
    assert "Traceback" not in broken.stdout + broken.stderr


def test_a_restored_folder_begins_a_chain_the_server_accepts(
    office: Offices, server: LiveServer, tmp_path: Path
) -> None:
    pc = office("AMB-CASTELLANZA")
    _open_referrals(pc, 2)
    pc.sync()
    key = keys.load_key(pc.data_dir)
    assert key is not None
    taken = backups.take_backup(
        database_path(pc.data_dir), key, pc.data_dir / "backups", reason=backups.MANUAL
    )
    backup = tmp_path / f"apart-{taken.path.name}"
    shutil.copyfile(taken.path, backup)
    _open_referrals(pc, 2)  # rows 3 and 4 of the old chain, sent, then lost with the store
    pc.sync()
    old_chain = pc.value("SELECT value FROM local_setting WHERE key = ?", AUDIT_CHAIN)
    assert [seq for seq, _ in _server_chain(server, old_chain)] == [1, 2, 3, 4]

    pc.close()
    shutil.rmtree(pc.data_dir)
    restoring.restore_backup(backup, pc.data_dir, key, prepare=prepare_restored_copy)
    pc.store = open_store(pc.data_dir, create=False)
    new_chain = pc.value("SELECT value FROM local_setting WHERE key = ?", AUDIT_CHAIN)
    assert new_chain != old_chain
    first = pc.rows(
        "SELECT seq, action, entity, site FROM audit_entry WHERE chain_id = ?", new_chain
    )
    assert first == [(1, AuditAction.RESTORE.value, AuditEntity.STORE.value, "AMB-CASTELLANZA")]
    _open_referrals(pc, 1)

    result = pc.sync()
    assert result.audit_problems == ()
    assert result.audit_unsent == 0
    assert _server_chain(server, new_chain) == _local_chain(pc)
    assert [seq for seq, _ in _server_chain(server, new_chain)] == [1, 2]
    # The old chain kept on the server as it was: the restored copy did not fork it.
    assert [seq for seq, _ in _server_chain(server, old_chain)] == [1, 2, 3, 4]
