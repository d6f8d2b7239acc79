"""A hostile PC: a valid device token of its own site, and hand-made requests to the server."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx

from desktop.store.migrate import HEAD_REVISION
from sync.protocol import API_PREFIX, ReceiptStatus, client_headers, gzip_json
from tests.sync.e2e.live import LiveServer

STAMP = "2026-03-14T09:00:00+00:00"


class HostileDevice:
    """Enrolled like any PC; then it sends whatever it likes."""

    def __init__(self, server: LiveServer, site: str) -> None:
        self.site = site
        self.http = httpx.Client(
            base_url=f"{server.url}{API_PREFIX}",
            headers=client_headers("0.1.0", HEAD_REVISION),
            timeout=120,
        )
        answer = self.http.post(
            "/enroll",
            json={"code": server.enrollment_code(site), "device_name": f"PC ostile {site}"},
        )
        assert answer.status_code == 200, answer.text
        self.http.headers["Authorization"] = f"Bearer {answer.json()['token']}"

    def close(self) -> None:
        self.http.close()

    def push(self, *records: dict[str, Any]) -> list[dict[str, Any]]:
        """The receipts, in the order of the records."""
        body = {"batch_id": str(uuid.uuid4()), "records": list(records)}
        answer = self.http.post(
            "/push", content=gzip_json(body), headers={"Content-Encoding": "gzip"}
        )
        assert answer.status_code == 200, answer.text
        receipts: list[dict[str, Any]] = answer.json()["receipts"]
        assert len(receipts) == len(records)
        return receipts

    def push_one(self, record: dict[str, Any]) -> dict[str, Any]:
        return self.push(record)[0]

    def accepted(self, record: dict[str, Any]) -> int:
        """Push a record that must be accepted; its revision."""
        receipt = self.push_one(record)
        assert receipt["status"] == ReceiptStatus.ACCEPTED, receipt
        revision: int = receipt["revision"]
        return revision

    def pulled(self) -> dict[tuple[str, str], dict[str, Any]]:
        """The last version of every record this site's pull serves."""
        found: dict[tuple[str, str], dict[str, Any]] = {}
        after = 0
        while True:
            answer = self.http.get("/pull", params={"after": after, "limit": 2000})
            assert answer.status_code == 200, answer.text
            page = answer.json()
            for record in page["records"]:
                found[(record["table"], record["id"])] = record
            after = page["next_cursor"]
            if not page["has_more"]:
                return found

    def get(self, table: str, record_id: str) -> httpx.Response:
        return self.http.get(f"/records/{table}/{record_id}")


def record(
    table: str, owner: str, data: dict[str, Any], *, record_id: str | None = None,
    base: int | None = None, deleted: bool = False,
) -> dict[str, Any]:  # fmt: skip
    return {
        "table": table,
        "id": record_id or str(uuid.uuid4()),
        "revision": None,
        "base_revision": base,
        "owner_site": owner,
        "deleted": deleted,
        "scope_removed": False,
        "updated_at": datetime.now(UTC).isoformat(),
        "updated_by": "ostile",
        "data": data,
    }


def person_data(**data: Any) -> dict[str, Any]:
    return {
        "fiscal_code": "VRDLCU85M01L682K", "last_name": "Verdi", "first_name": "Luca",
        "search_name": "verdi luca", "sex": "M", "birth_date": "1985-08-01", **data,
    }  # fmt: skip


def referral_data(person_id: str, job_centre_id: str, site: str, **data: Any) -> dict[str, Any]:
    return {
        "number": f"2026/H{uuid.uuid4().int % 100_000:05d}", "track": "neet", "status": "sent",
        "status_changed_at": STAMP, "person_id": person_id, "sending_site": site,
        "job_centre_id": job_centre_id, "created_on": "2026-03-14", **data,
    }  # fmt: skip
