"""A folder restored from a backup, with the real server: the next sync brings back what the
server has, and the rows the backup had not sent are sent or merged, never refused.

The restored copy pulls from cursor zero before it pushes (``sync.client.restored``): a row the
live PC sent after the backup comes back equal to the copy's and is clean again; a row changed
since on the server arrives; a row the backup alone has is sent; what was done after the backup
and never sent is gone, as the user is told.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from desktop.services.directory import ContactInput, create_contact, update_contact
from desktop.store import backups, keys
from desktop.store import restore as restoring
from desktop.store.engine import database_path
from desktop.store.migrate import open_store
from sync.client import db as local
from sync.client.restored import prepare_restored_copy
from tests.sync.e2e.live import Office

Offices = Callable[[str], Office]
SITE = "AMB-ARCISATE"


def _contact(office: Office, last_name: str, **values: str) -> str:
    data = ContactInput(last_name=last_name, first_name="Giulia", role="Educatrice", **values)
    return create_contact(office.store, actor=office.actor, data=data).id


def _edit_contact(office: Office, contact_id: str, **values: str) -> None:
    names = ("last_name", "first_name", "organization_id", "role", "email", "phone")
    row = office.rows(f"SELECT {', '.join(names)} FROM contact WHERE id = ?", contact_id)[0]
    current = dict(zip(names, row, strict=True))
    update_contact(
        office.store,
        actor=office.actor,
        contact_id=contact_id,
        data=ContactInput(**{**current, **values}),
    )


def _back_up_apart(office: Office, tmp_path: Path) -> tuple[Path, keys.StoreKey]:
    key = keys.load_key(office.data_dir)
    assert key is not None
    taken = backups.take_backup(
        database_path(office.data_dir), key, office.data_dir / "backups", reason=backups.MANUAL
    )
    apart = tmp_path / f"apart-{taken.path.name}"
    shutil.copyfile(taken.path, apart)
    return apart, key


def _destroy_and_restore(office: Office, backup: Path, key: keys.StoreKey) -> None:
    office.close()
    shutil.rmtree(office.data_dir)
    restored = restoring.restore_backup(backup, office.data_dir, key, prepare=prepare_restored_copy)
    assert restored.enrolled
    office.store = open_store(office.data_dir, create=False)
    with office.store.raw_read() as connection:
        assert local.get_cursor(connection) == 0
        assert local.get_setting(connection, local.DEVICE_ID)  # still enrolled


def test_a_restored_folder_gets_back_what_the_server_has(office: Offices, tmp_path: Path) -> None:
    pc = office(SITE)
    pc.sync()
    edited_in_backup = _contact(pc, "Ripristinata-Uno")
    changed_on_server_later = _contact(pc, "Ripristinata-Due", phone="0332 100100")
    pc.sync()
    new_in_backup = _contact(pc, "Ripristinata-Tre")
    _edit_contact(pc, edited_in_backup, role="Assistente sociale")
    backup, key = _back_up_apart(pc, tmp_path)  # two rows not yet sent in it

    pc.sync()  # the live PC sends them after the backup...
    _edit_contact(pc, changed_on_server_later, phone="0332 200200")
    pc.sync()  # ...and one more change
    lost = _contact(pc, "Mai-Inviata")  # never sent: lost with the disk
    _destroy_and_restore(pc, backup, key)
    assert pc.value("SELECT count(*) FROM contact WHERE dirty = 1") == 2

    result = pc.sync()

    assert (result.rejected, result.new_conflicts, result.pending) == (0, 0, 0)
    assert pc.rows("SELECT role, dirty FROM contact WHERE id = ?", edited_in_backup) == [
        ("Assistente sociale", 0)
    ]
    assert pc.value("SELECT dirty FROM contact WHERE id = ?", new_in_backup) == 0
    assert pc.value("SELECT phone FROM contact WHERE id = ?", changed_on_server_later) == (
        "0332 200200"
    )
    assert pc.rows("SELECT id FROM contact WHERE id = ?", lost) == []
    assert pc.agrees_with_server()
    assert pc.sync().received == 0  # and it stays put


def test_rows_only_the_backup_has_are_sent_after_a_restore(office: Offices, tmp_path: Path) -> None:
    pc = office(SITE)
    pc.sync()
    kept = _contact(pc, "Ripristinata-Quattro")
    pc.sync()
    _edit_contact(pc, kept, email="giulia.quattro@comune.arcisate.va.it")
    only_in_backup = _contact(pc, "Ripristinata-Cinque")
    backup, key = _back_up_apart(pc, tmp_path)
    _destroy_and_restore(pc, backup, key)  # the live PC never synced again

    result = pc.sync()

    assert (result.rejected, result.new_conflicts, result.pending) == (0, 0, 0)
    assert result.accepted == 2
    other = office(SITE)
    other.sync()
    assert other.value("SELECT email FROM contact WHERE id = ?", kept) == (
        "giulia.quattro@comune.arcisate.va.it"
    )
    assert other.rows("SELECT last_name FROM contact WHERE id = ?", only_in_backup) == [
        ("Ripristinata-Cinque",)
    ]
    assert pc.agrees_with_server()
