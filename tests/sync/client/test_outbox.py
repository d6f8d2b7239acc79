"""The outbox: local changes are marked by the services, and a synced row's base is kept."""

from __future__ import annotations

import json
import re

import pytest

from desktop.domain.codes import SiteKind
from desktop.services.context import Actor
from desktop.services.directory import ContactInput, update_contact
from desktop.store.codec import codecs
from desktop.store.engine import Store
from desktop.store.migrate import HEAD_REVISION
from sync.client.engine import check_meta
from sync.client.errors import VersionRefusedError
from sync.client.status import RecordState, record_state
from sync.protocol import MetaResponse
from tests.conftest import connect_data_file

ACTOR = Actor("m.bianchi", "AMB-SOMMA", SiteKind.AMBITO)


def test_every_synced_table_keeps_the_base_of_all_its_columns(store: Store) -> None:
    with store.raw_read() as connection:
        triggers = dict(
            connection.execute(
                "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'sync_base_%'"
            ).fetchall()
        )
    assert set(triggers) == set(codecs())
    for table, codec in codecs().items():
        # A migration that adds a column must make this trigger again with it. The trigger names
        # them in the table's order (a column added later comes last), the codec in the model's:
        # every reader names the columns, so only the set matters.
        captured = re.findall(r"'(\w+)', old\.\"\w+\"", triggers[table])
        assert sorted(captured) == sorted(codec.columns), table
        assert len(captured) == len(set(captured)), table


def test_a_service_change_to_a_synced_row_marks_it_and_keeps_its_base(store: Store) -> None:
    connection = connect_data_file(store.path)
    connection.execute(
        "INSERT INTO contact (id, created_at, updated_at, updated_by, owner_site, server_revision, "
        "dirty, deleted, last_name, first_name, role, email, phone) VALUES ('c1', "
        "'2026-11-01 09:00:00.000000', '2026-11-01 09:00:00.000000', 'x', 'AMB-SOMMA', 12, 0, 0, "
        "'Ferri', 'Giulia', 'Educatrice', 'g@example.org', '0332 100100')"
    )
    connection.close()
    assert record_state(store, "contact", "c1") is RecordState.SYNCED

    update_contact(
        store,
        actor=ACTOR,
        contact_id="c1",
        data=ContactInput(last_name="Ferri", first_name="Giulia", phone="0332 200200"),
    )

    assert record_state(store, "contact", "c1") is RecordState.DIRTY
    with store.raw_read() as reader:
        revision, data = reader.execute(
            "SELECT revision, data FROM sync_base WHERE record_id = 'c1'"
        ).fetchone()
    assert revision == 12
    assert json.loads(data)["phone"] == "0332 100100"
    assert json.loads(data)["role"] == "Educatrice"


def _meta(**values: object) -> MetaResponse:
    fields: dict[str, object] = {
        "protocol_version": 1,
        "server_version": "1.0",
        "min_protocol": 1,
        "max_protocol": 1,
        "accepted_schemas": [HEAD_REVISION],
        "message": "Aggiornare Trama.",
    }
    fields.update(values)
    return MetaResponse.model_validate(fields)


def test_the_version_gate_refuses_loudly_in_italian() -> None:
    check_meta(_meta())
    check_meta(_meta(accepted_schemas=[]))
    with pytest.raises(VersionRefusedError, match="protocollo di sincronizzazione diverso"):
        check_meta(_meta(min_protocol=2, max_protocol=3))
    with pytest.raises(VersionRefusedError, match="più recente di quella del server"):
        check_meta(_meta(accepted_schemas=["0001_initial"]))
