"""Fuzzing the push with every kind of broken ``data``, field by field and table by table.

Each table gets one valid record, made from the shared record schema, and then one record per
way of breaking each of its fields: a wrong type, an empty required value, a missing field,
NUL, a lone surrogate, a 1 MB string, an unknown code, a dangling reference, an unknown field.
Every one must be rejected or stored valid, and every office's next sync must succeed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sync.protocol import ReceiptStatus
from sync.protocol.record_schema_data import TABLES
from sync.protocol.records import InvalidData, check_data
from tests.sync.e2e.hostile import HostileDevice, record
from tests.sync.e2e.live import LiveServer, Office

AMBITO = "AMB-CITTIGLIO"
# What an Ambito writes, parents first; a CPI writes the handling of what it receives.
AMBITO_TABLES = (
    "organization", "contact", "person", "referral", "referral_event",
    "privacy_acknowledgement", "project", "project_partner", "project_funding",
    "project_activity", "project_indicator", "project_beneficiary", "meeting",
    "meeting_participant", "agenda_item", "action_item",
)  # fmt: skip
CPI_TABLES = ("referral_handling", "path_action")
HUGE = "x" * 1_000_000
_SAMPLE: dict[str, Any] = {
    "boolean": False,
    "integer": 1,
    "float": 1.5,
    "date": "2026-03-14",
    "time": "09:30:00",
    "datetime": "2026-03-14T09:30:00+00:00",
    "list": [],
}
_WRONG_TYPE: dict[str, Any] = {
    "text": 12345,
    "boolean": "sì",
    "integer": "12",
    "float": "1.5",
    "date": 20260314,
    "time": "9",
    "datetime": "2026-03-14",
    "list": "a",
}
_CHOSEN = {("referral", "status"): "sent", ("referral", "track"): "neet"}


def valid_data(table: str, refs: dict[str, str], site: str) -> dict[str, Any]:
    """A record of ``table`` that fits the schema, pointing at ``refs`` (table → id)."""
    data: dict[str, Any] = {}
    for name, spec in TABLES[table].items():
        if "references" in spec:
            if spec["references"] in refs:
                data[name] = refs[spec["references"]]
            elif spec["required"]:
                raise AssertionError(f"no {spec['references']} to point {table}.{name} at")
        elif spec.get("site"):
            data[name] = site
        elif "codes" in spec:
            data[name] = _CHOSEN.get((table, name), spec["codes"][0])
        elif spec["kind"] == "text":
            data[name] = "Prova"[: spec["max_length"]]
        else:
            data[name] = _SAMPLE[spec["kind"]]
    return data


def broken_variants(table: str, valid: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(what was broken, data) for every way of breaking each field."""
    yield "campo sconosciuto", {**valid, "campo_inventato": "x"}
    for name, spec in TABLES[table].items():
        kind = spec["kind"]
        yield f"{name}: tipo sbagliato", {**valid, name: _WRONG_TYPE[kind]}
        if not spec["nullable"]:
            yield f"{name}: vuoto", {**valid, name: None}
        if spec["required"]:
            yield f"{name}: mancante", {key: v for key, v in valid.items() if key != name}
        if kind == "text":
            yield f"{name}: NUL", {**valid, name: "a\x00b"}
            yield f"{name}: surrogato", {**valid, name: "a\ud800b"}
            if "codes" in spec:
                yield f"{name}: codice ignoto", {**valid, name: "codice_ignoto"}
        if kind == "list":
            yield f"{name}: surrogato", {**valid, name: ["\udfff"]}
            yield f"{name}: troppi", {**valid, name: ["x"] * 1000}
        if "references" in spec:
            yield f"{name}: riferimento pendente", {**valid, name: str(uuid.uuid4())}


def huge_variants(table: str, valid: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, spec in TABLES[table].items():
        if spec["kind"] == "text" and "codes" not in spec and "references" not in spec:
            yield f"{name}: 1 MB", {**valid, name: HUGE}


@pytest.fixture
def devices(server: LiveServer) -> Iterator[dict[str, HostileDevice]]:
    made = {"ambito": HostileDevice(server, AMBITO)}
    yield made
    for device in made.values():
        device.close()


def _public_ids(device: HostileDevice) -> dict[str, str]:
    refs: dict[str, str] = {}
    for (table, record_id), value in sorted(device.pulled().items()):
        if table in ("ambito", "municipality", "job_centre", "referent") and not value["deleted"]:
            refs.setdefault(table, record_id)
    return refs


def _push_all(
    device: HostileDevice, table: str, variants: list[tuple[str, dict[str, Any]]], size: int
) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    results = []
    for start in range(0, len(variants), size):
        chunk = variants[start : start + size]
        records = [record(table, device.site, data) for _what, data in chunk]
        for (what, _data), sent, receipt in zip(chunk, records, device.push(*records), strict=True):
            results.append((what, sent, receipt))
    return results


def test_every_broken_record_is_rejected_or_stored_valid(
    server: LiveServer, devices: dict[str, HostileDevice], office: Callable[[str], Office]
) -> None:
    ambito = devices["ambito"]
    refs = _public_ids(ambito)
    centres = {
        code: record_id
        for record_id, code in server.query(
            "SELECT r.id, s.code FROM server_site s JOIN record r ON r.natural_key = "
            "s.job_centre_code AND r.table_name = 'job_centre' WHERE s.kind = 'cpi'"
        )
    }
    cpi_site = sorted(centres)[0]
    refs["job_centre"] = centres[cpi_site]
    cpi = devices["cpi"] = HostileDevice(server, cpi_site)

    outcomes: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    for table in (*AMBITO_TABLES, *CPI_TABLES):
        device = cpi if table in CPI_TABLES else ambito
        valid = valid_data(table, refs, device.site)
        base = record(table, device.site, valid)
        device.accepted(base)  # the parent the next tables point at
        refs[table] = base["id"]
        outcomes += _push_all(device, table, list(broken_variants(table, valid)), 200)
        outcomes += _push_all(device, table, list(huge_variants(table, valid)), 8)

    rejected = 0
    for what, sent, receipt in outcomes:
        if receipt["status"] == ReceiptStatus.REJECTED:
            assert receipt["message"], what
            rejected += 1
            continue
        assert receipt["status"] == ReceiptStatus.ACCEPTED, (what, receipt)
        stored = ambito.get(sent["table"], sent["id"])
        stored = stored if stored.status_code == 200 else cpi.get(sent["table"], sent["id"])
        try:
            check_data(sent["table"], stored.json()["data"])
        except InvalidData as error:  # pragma: no cover - the failure message says what
            pytest.fail(f"{what} was stored invalid: {error}")
    assert rejected == len(outcomes) > 800

    # The same site's other PC and the CPI pull everything that was accepted, and converge.
    for honest in (office(AMBITO), office(cpi_site)):
        result = honest.sync()
        assert result.set_aside == 0
        assert not result.drift_left
        assert honest.agrees_with_server()
    assert ambito.get("referral", refs["referral"]).status_code == 200


def test_a_record_whose_data_is_not_an_object_refuses_the_batch(
    devices: dict[str, HostileDevice],
) -> None:
    ambito = devices["ambito"]
    body = {"batch_id": str(uuid.uuid4()), "records": [record("person", AMBITO, {})]}
    body["records"][0]["data"] = ["not", "an", "object"]
    answer = ambito.http.post("/push", json=body)
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("Richiesta non valida")
