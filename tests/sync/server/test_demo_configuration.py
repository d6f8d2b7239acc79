"""``trama-server init-demo``: operators with realistic roles and the proposed retention periods,
the same rows a demo PC installs, and nothing of the PC that wrote them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from desktop.domain.identity import os_account
from sync.protocol import retention_rule_id
from sync.protocol.codes import OperatorRole
from sync.protocol.retention import DEFAULT_RULES
from sync.server import admin
from sync.server.db import Record, ServerDB, ServerSite
from sync.server.demo import demo_rows, init_demo


@pytest.fixture
def db(sqlite_url: str) -> Iterator[ServerDB]:
    server = admin.open_db(sqlite_url)
    yield server
    server.dispose()


def _data(db: ServerDB, table: str) -> list[dict[str, object]]:
    with db.read() as session:
        return [
            {"id": r.id, **r.data}
            for r in session.scalars(select(Record).where(Record.table_name == table))
        ]


def test_init_demo_installs_roles_and_retention_rules(db: ServerDB) -> None:
    init_demo(db)
    rules = _data(db, "retention_rule")
    assert len(rules) == len(DEFAULT_RULES)
    for default in DEFAULT_RULES:
        rule = next(
            r for r in rules if r["id"] == retention_rule_id(
                default.record_kind, default.track, default.closing
            )
        )  # fmt: skip
        assert rule["months"] == default.months
        assert rule["needs_decision"] is default.needs_decision
        assert rule["basis"] == default.basis

    operators = _data(db, "operator")
    with db.read() as session:
        sites = {site.code for site in session.scalars(select(ServerSite))}
    officers = {o["site_code"] for o in operators if o["role"] == OperatorRole.PRIVACY_OFFICER}
    assert officers == sites  # one at least in every demo site
    referents = {str(r["full_name"]) for r in _data(db, "referent")}
    for operator in operators:
        if operator["full_name"] in referents:
            assert operator["role"] == OperatorRole.REFERENT
    assert {o["role"] for o in operators} == {role.value for role in OperatorRole}
    # Only invented people: the account that wrote the file is a demo PC's, not the server's.
    assert os_account() not in {o["username"] for o in operators}
    assert not any("questo PC" in str(o["full_name"]) for o in operators)


def test_the_shipped_rows_name_every_role_by_its_code() -> None:
    for operator in demo_rows()["operator"]:
        OperatorRole(operator["role"])
