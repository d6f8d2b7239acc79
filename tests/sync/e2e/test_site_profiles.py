"""Site profiles travel like reference data: the Province's PC writes, every PC receives.

With the real server: a profile edited on the Province's PC is pushed, accepted and pulled by
an Ambito's PC; an Ambito's crafted push of a site row and a logo that is no picture are
refused in the receipt, record by record, and change nothing.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import replace

from PIL import Image

from desktop.services.site_profiles import ProfileInput, get_profile, update_profile
from sync.protocol import ReceiptStatus
from tests.sync.e2e.hostile import HostileDevice, record
from tests.sync.e2e.live import LiveServer, Office

EDITED = "AMB-LUINO"


def _logo() -> str:
    output = io.BytesIO()
    Image.new("RGB", (240, 80), "navy").save(output, format="PNG")
    return base64.b64encode(output.getvalue()).decode("ascii")


def _site_row(device: HostileDevice, code: str) -> dict[str, object]:
    return next(
        row
        for (table, _id), row in device.pulled().items()
        if table == "site" and row["data"]["code"] == code
    )


def test_a_profile_edited_by_the_province_reaches_an_ambito(
    office: Callable[[str], Office],
) -> None:
    ambito = office("AMB-AZZATE")
    ambito.sync()
    before = get_profile(ambito.store, EDITED)
    assert before.controller_name  # the demo's profile came with the reference data

    province = office("PROVINCIA-VA")
    province.sync()
    logo = _logo()
    edited = replace(
        ProfileInput.of(get_profile(province.store, EDITED)),
        pec="protocollo.luino.nuova@pec.example.org",
        dpo_name="Riservatezza e Servizi Società cooperativa",
        logo=logo,
    )
    update_profile(province.store, actor=province.actor, code=EDITED, data=edited)
    sent = province.sync()
    assert (sent.accepted, sent.rejected, sent.pending) == (1, 0, 0)
    assert province.value("SELECT dirty FROM site WHERE code = ?", EDITED) == 0

    received = ambito.sync()
    assert received.received >= 1
    after = get_profile(ambito.store, EDITED)
    assert after.pec == "protocollo.luino.nuova@pec.example.org"
    assert after.dpo_name == "Riservatezza e Servizi Società cooperativa"
    assert after.logo == logo
    assert after.controller_name == before.controller_name
    assert ambito.agrees_with_server()


def test_an_ambitos_push_of_a_site_row_is_refused(server: LiveServer) -> None:
    hostile = HostileDevice(server, "AMB-ARCISATE")
    try:
        stored = _site_row(hostile, "AMB-ARCISATE")
        data = {**stored["data"], "controller_name": "Ente scelto dall'Ambito"}  # type: ignore[dict-item]
        receipt = hostile.push_one(
            record(
                "site",
                str(stored["owner_site"]),
                data,
                record_id=str(stored["id"]),
                base=int(str(stored["revision"])),
            )
        )
        assert receipt["status"] == ReceiptStatus.REJECTED
        assert "gestiti dalla Provincia" in receipt["message"]
        again = _site_row(hostile, "AMB-ARCISATE")
        assert again["data"]["controller_name"] != "Ente scelto dall'Ambito"  # type: ignore[index]
    finally:
        hostile.close()


def test_a_site_row_whose_logo_is_no_picture_is_refused(server: LiveServer) -> None:
    province = HostileDevice(server, "PROVINCIA-VA")
    try:
        stored = _site_row(province, "AMB-CITTIGLIO")
        base = int(str(stored["revision"]))
        owner = str(stored["owner_site"])
        data: dict[str, object] = dict(stored["data"])  # type: ignore[call-overload]
        bad_logos = {
            "not base64": "questo non è base64!",
            "a GIF": base64.b64encode(b"GIF89a" + b"\x00" * 40).decode(),
            "too large": base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 120_000).decode()[
                :136_000
            ],
        }
        for name, logo in bad_logos.items():
            receipt = province.push_one(
                record(
                    "site", owner, {**data, "logo": logo}, record_id=str(stored["id"]), base=base
                )
            )
            assert receipt["status"] == ReceiptStatus.REJECTED, name
            assert receipt["message"].startswith("Il logo della sede"), (name, receipt)
        # The server answered each record and still serves the row as it was.
        assert _site_row(province, "AMB-CITTIGLIO")["revision"] == stored["revision"]
        # A sound logo from the Province is accepted.
        good = province.push_one(
            record("site", owner, {**data, "logo": _logo()}, record_id=str(stored["id"]), base=base)
        )
        assert good["status"] == ReceiptStatus.ACCEPTED, good
    finally:
        province.close()
