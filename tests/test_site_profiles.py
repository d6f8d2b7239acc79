"""Site profiles: who may edit them, what values pass, the logo a user picks, the demo's.

Everyone in here is invented; addresses are at example.org.
"""

from __future__ import annotations

import base64
import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from desktop.demo.reference import install_demo_reference
from desktop.domain.actor import Actor
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import SiteKind
from desktop.domain.site_profile import LOGO_MAX_CHARS, missing_for_privacy_notice
from desktop.services.audit import list_audit
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.services.reference import PROVINCE_SITE
from desktop.services.site_profiles import (
    LOGO_MAX_HEIGHT,
    LOGO_MAX_WIDTH,
    ProfileInput,
    get_profile,
    list_profiles,
    load_logo,
    missing_items,
    update_profile,
)
from desktop.store.engine import Store
from desktop.store.models import Site
from sync.protocol import site_profile as protocol_rules
from sync.protocol.site_profile import LOGO_MAX_BYTES
from tests.services_support import build_network

PROVINCE = Actor("r.moretti", PROVINCE_SITE, SiteKind.PROVINCIA)
AMBITO = Actor("a.rossi", "AMB-VA", SiteKind.AMBITO)
CPI = Actor("c.neri", "CPI-VA", SiteKind.CPI)

GOOD = ProfileInput(
    name="Ambito territoriale di Varese",
    controller_name="Comune di Varese, ente capofila dell'Ambito territoriale di Varese",
    controller_tax_code="00413970120",
    address="Via Sacco 5, 21100 Varese (VA)",
    pec="protocollo.varese@pec.example.org",
    email="ufficiodipiano.varese@example.org",
    phone="0332 100011",
    website="https://www.ambitovarese.example.org",
    dpo_name="Studio Tutela Dati Enti Locali S.r.l.",
    dpo_email="rpd.varese@example.org",
    dpo_pec="tuteladati@pec.example.org",
    dpo_phone="02 8840 2201",
)


@pytest.fixture
def sites(store: Store) -> Store:
    build_network(store)
    with store.write() as session:
        session.add(
            Site(
                code=PROVINCE_SITE,
                kind=SiteKind.PROVINCIA,
                name="Provincia di Varese",
                owner_site=PROVINCE_SITE,
                dirty=False,
            )
        )
        for site in session.scalars(select(Site)):
            site.dirty = False
    return store


def _png(width: int, height: int, colour: str = "navy") -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(output, format="PNG")
    return output.getvalue()


def _jpeg(width: int, height: int) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), "darkgreen").save(output, format="JPEG")
    return output.getvalue()


def _noise_png(width: int, height: int) -> bytes:
    """A picture that compresses badly: a PNG of it is far larger than a plain one."""
    image = Image.frombytes("RGB", (width, height), _random_bytes(width * height * 3))
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def _random_bytes(count: int) -> bytes:
    import random  # noqa: PLC0415

    return random.Random(16).randbytes(count)


# -- permission and saving -------------------------------------------------------------------


def test_the_province_saves_a_profile_that_syncs_and_is_audited(sites: Store) -> None:
    saved = update_profile(sites, actor=PROVINCE, code="AMB-VA", data=GOOD)
    assert saved.pec == GOOD.pec and saved.controller_tax_code == "00413970120"
    assert missing_for_privacy_notice(saved) == [] and missing_items(saved) == ()
    with sites.read() as session:
        row = session.scalars(select(Site).where(Site.code == "AMB-VA")).one()
        assert row.dirty and row.updated_by == "r.moretti"
        # The owner stays the Province's: reference data.
        assert row.owner_site != "AMB-VA"
        site_id = row.id
    entries = list_audit(sites, entity_id=site_id)
    assert [(e.action, e.entity) for e in entries] == [(AuditAction.UPDATE, AuditEntity.SITE)]
    assert "pec" in entries[0].details and "@" not in entries[0].details


def test_saving_the_same_values_again_writes_nothing(sites: Store) -> None:
    update_profile(sites, actor=PROVINCE, code="AMB-VA", data=GOOD)
    with sites.write() as session:
        session.scalars(select(Site).where(Site.code == "AMB-VA")).one().dirty = False
    update_profile(sites, actor=PROVINCE, code="AMB-VA", data=GOOD)
    with sites.read() as session:
        row = session.scalars(select(Site).where(Site.code == "AMB-VA")).one()
        assert not row.dirty
        assert len(list_audit(sites, entity_id=row.id)) == 1


@pytest.mark.parametrize("actor", [AMBITO, CPI])
def test_only_the_provinces_pc_may_edit(sites: Store, actor: Actor) -> None:
    with pytest.raises(NotAllowedError, match="gestiti dalla Provincia"):
        update_profile(sites, actor=actor, code=actor.site_code, data=GOOD)
    assert get_profile(sites, "AMB-VA").pec == ""


def test_an_unknown_site_is_not_found(sites: Store) -> None:
    with pytest.raises(NotFoundError, match="non è tra le sedi"):
        update_profile(sites, actor=PROVINCE, code="AMB-XX", data=GOOD)
    with pytest.raises(NotFoundError):
        get_profile(sites, "AMB-XX")


def test_the_list_names_every_site_and_what_it_lacks(sites: Store) -> None:
    update_profile(sites, actor=PROVINCE, code="AMB-VA", data=GOOD)
    update_profile(
        sites,
        actor=PROVINCE,
        code="CPI-VA",
        data=ProfileInput(name="CPI di Varese", controller_name="Provincia di Varese",
                          email="cpi@example.org"),
    )  # fmt: skip
    listed = {summary.code: summary for summary in list_profiles(sites)}
    assert set(listed) == {"AMB-GA", "AMB-VA", "CPI-GA", "CPI-VA", PROVINCE_SITE}
    assert listed["AMB-VA"].complete
    assert listed["CPI-VA"].missing == ("indirizzo", "telefono", "contatti del DPO")
    assert listed["AMB-GA"].missing == (
        "ente capofila", "indirizzo", "PEC o e-mail", "telefono", "contatti del DPO",
    )  # fmt: skip
    # A CPI's controller is the Province: the CPI itself need not name one.
    assert "ente capofila" not in listed[PROVINCE_SITE].missing
    assert all(summary.name for summary in listed.values())


# -- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("pec", "protocollo.varese@pec", "«PEC» non è un indirizzo valido"),
        ("email", "ufficio piano@example.org", "«e-mail» non è un indirizzo valido"),
        ("dpo_email", "rpd.example.org", "non è un indirizzo valido"),
        ("dpo_pec", "rpd@@pec.example.org", "non è un indirizzo valido"),
        ("phone", "0332-ABC-123", "«telefono» non è un numero di telefono valido"),
        ("phone", "12345", "da 6 a 15 cifre"),
        ("dpo_phone", "0332 12+3456", "non è un numero di telefono valido"),
        ("controller_tax_code", "00413970121", "cifra di controllo errata"),
        ("controller_tax_code", "1234567", "deve avere 11 cifre"),
        ("controller_tax_code", "RSSMRA80A01L682X", "carattere di controllo errato"),
        ("website", "www esempio it", "non è un indirizzo web valido"),
        ("name", "  ", "Indicare la denominazione"),
        ("address", "Via Sacco " * 40, "al massimo 300 caratteri"),
        ("controller_name", "C" * 301, "al massimo 300 caratteri"),
        ("logo", "not base64!", "Il logo non è un'immagine codificata"),
        ("logo", base64.b64encode(b"GIF89a....").decode(), "Il logo deve essere un'immagine PNG"),
    ],
)
def test_bad_values_are_refused_with_an_italian_message(
    sites: Store, field: str, value: str, words: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        update_profile(sites, actor=PROVINCE, code="AMB-VA", data=replace(GOOD, **{field: value}))
    assert set(refused.value.field_errors) == {field}
    assert words in refused.value.field_errors[field]
    assert get_profile(sites, "AMB-VA").pec == ""  # nothing was saved


def test_every_bad_field_is_reported_at_once(sites: Store) -> None:
    bad = replace(GOOD, pec="x", email="y", phone="z", dpo_email="w")
    with pytest.raises(ValidationError) as refused:
        update_profile(sites, actor=PROVINCE, code="AMB-VA", data=bad)
    assert set(refused.value.field_errors) == {"pec", "email", "phone", "dpo_email"}


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        ("controller_tax_code", " 004 139 701 20 ", "00413970120"),
        ("controller_tax_code", "rssmra80a01l682n", "RSSMRA80A01L682N"),
        ("pec", "  protocollo@pec.example.org ", "protocollo@pec.example.org"),
        ("phone", "+39 0332 12.34.56", "+39 0332 12.34.56"),
        ("phone", "(0331) 123456", "(0331) 123456"),
        ("email", "", ""),
        ("website", "www.ambitovarese.example.org", "www.ambitovarese.example.org"),
    ],
)
def test_good_values_are_kept_tidy(sites: Store, field: str, value: str, stored: str) -> None:
    saved = update_profile(
        sites, actor=PROVINCE, code="AMB-VA", data=replace(GOOD, **{field: value})
    )
    assert getattr(saved, field) == stored


# -- the logo ------------------------------------------------------------------------------


def test_a_png_logo_is_kept_and_can_be_removed(sites: Store, tmp_path: Path) -> None:
    path = tmp_path / "stemma.png"
    path.write_bytes(_png(300, 120))
    logo = load_logo(path)
    picture = Image.open(io.BytesIO(base64.b64decode(logo)))
    assert (picture.format, picture.size) == ("PNG", (300, 120))
    saved = update_profile(sites, actor=PROVINCE, code="AMB-VA", data=replace(GOOD, logo=logo))
    assert saved.logo == logo
    removed = update_profile(sites, actor=PROVINCE, code="AMB-VA", data=replace(GOOD, logo=""))
    assert removed.logo == ""


def test_a_jpeg_logo_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "stemma.jpg"
    path.write_bytes(_jpeg(400, 150))
    picture = Image.open(io.BytesIO(base64.b64decode(load_logo(path))))
    assert picture.size == (400, 150)


def test_a_large_logo_is_scaled_down_to_fit(tmp_path: Path) -> None:
    path = tmp_path / "grande.png"
    path.write_bytes(_noise_png(2400, 800))
    assert path.stat().st_size > LOGO_MAX_BYTES
    content = base64.b64decode(load_logo(path))
    picture = Image.open(io.BytesIO(content))
    assert picture.width <= LOGO_MAX_WIDTH and picture.height <= LOGO_MAX_HEIGHT
    assert picture.size == (600, 200)  # the proportions kept
    assert len(content) <= LOGO_MAX_BYTES


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"Questo non e' un logo, e' un file di testo.\n", "non è un'immagine PNG o JPEG"),
        (b"", "non è un'immagine PNG o JPEG"),
    ],
)
def test_a_text_file_named_png_is_refused(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(content)
    with pytest.raises(ValidationError) as refused:
        load_logo(path)
    assert words in refused.value.field_errors["logo"]


def test_a_truncated_image_is_refused(tmp_path: Path) -> None:
    whole = _noise_png(200, 100)
    path = tmp_path / "troncato.png"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ValidationError) as refused:
        load_logo(path)
    assert "danneggiato o incompleto" in refused.value.field_errors["logo"]


def test_a_truncated_jpeg_is_refused(tmp_path: Path) -> None:
    whole = _jpeg(400, 300)
    path = tmp_path / "troncato.jpg"
    path.write_bytes(whole[: len(whole) - 200])
    with pytest.raises(ValidationError, match="danneggiato o incompleto"):
        load_logo(path)


def test_other_image_formats_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "logo.gif"
    Image.new("RGB", (50, 50), "red").save(path, format="GIF")
    with pytest.raises(ValidationError, match="non è un'immagine PNG o JPEG"):
        load_logo(path)


def test_a_decompression_bomb_is_refused(tmp_path: Path) -> None:
    # A few kilobytes on disk, 30000x30000 pixels once decoded.
    path = tmp_path / "bomba.png"
    Image.new("1", (30_000, 30_000)).save(path, format="PNG")
    assert path.stat().st_size < 1_000_000
    with pytest.raises(ValidationError, match="troppi pixel"):
        load_logo(path)


def test_a_missing_file_is_named_in_italian(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="Impossibile leggere il file scelto"):
        load_logo(tmp_path / "assente.png")


def test_a_logo_whose_picture_is_damaged_is_refused_by_the_service(sites: Store) -> None:
    # The envelope is right (PNG signature, base64), the picture inside is cut short.
    broken = base64.b64encode(_png(100, 40)[:60]).decode()
    with pytest.raises(ValidationError) as refused:
        update_profile(sites, actor=PROVINCE, code="AMB-VA", data=replace(GOOD, logo=broken))
    assert "non è un'immagine PNG o JPEG leggibile" in refused.value.field_errors["logo"]


def test_the_logo_column_holds_the_largest_logo_in_base64() -> None:
    assert LOGO_MAX_CHARS >= (protocol_rules.LOGO_MAX_BYTES + 2) // 3 * 4


# -- the demo ------------------------------------------------------------------------------


def test_every_demo_site_has_a_complete_profile(store: Store) -> None:
    install_demo_reference(store, this_account=False)
    profiles = list_profiles(store)
    assert len(profiles) == 21  # 12 Ambiti, 7 CPIs, the Province, a Third Sector body
    assert [p.name for p in profiles if not p.complete] == []
    saronno = get_profile(store, "AMB-SARONNO")
    assert saronno.controller_name == "Comune di Saronno"  # the letterhead says "Ente capofila:"
    assert saronno.address.endswith("Saronno (VA)")
    assert saronno.pec.endswith("@pec.example.org") and saronno.email.endswith("@example.org")
    assert saronno.dpo_email.startswith("rpd.")
    for code in ("CPI-VARESE", PROVINCE_SITE):
        assert get_profile(store, code).controller_name == "Provincia di Varese"
    # Each value passes the rules the Province's PC applies when it saves.
    for summary in profiles:
        profile = get_profile(store, summary.code)
        update_profile(store, actor=PROVINCE, code=summary.code, data=ProfileInput.of(profile))


def test_an_older_demo_folder_gets_the_profiles_and_an_edited_one_is_kept(store: Store) -> None:
    install_demo_reference(store, this_account=False)
    with store.write() as session:
        for site in session.scalars(select(Site)):
            site.controller_name = ""
            site.pec = ""
        edited = session.scalars(select(Site).where(Site.code == "AMB-SOMMA")).one()
        edited.controller_name = "Ente modificato dalla Provincia"
    install_demo_reference(store, this_account=False)
    assert get_profile(store, "AMB-LUINO").pec.endswith("@pec.example.org")
    assert get_profile(store, "AMB-SOMMA").controller_name == "Ente modificato dalla Provincia"


# -- the logo's envelope, as the server checks it ------------------------------------------


def _encoded(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")


@pytest.mark.parametrize(("make", "size"), [(_png, (300, 120)), (_jpeg, (640, 200))])
def test_the_header_states_the_pictures_size(make: object, size: tuple[int, int]) -> None:
    content = make(*size)  # type: ignore[operator]
    assert protocol_rules.picture_size(content) == size
    assert protocol_rules.logo_problem(_encoded(content)) is None


def test_a_header_stating_a_huge_picture_is_refused() -> None:
    # A PNG whose IHDR claims 30000 x 30000 pixels (a few bytes that would unpack into
    # gigabytes): its header no longer matches its checksum, so it is not read at all.
    png = bytearray(_png(10, 10))
    png[16:24] = (30_000).to_bytes(4, "big") * 2
    assert "non è un'immagine PNG o JPEG leggibile" in str(
        protocol_rules.logo_problem(_encoded(bytes(png)))
    )
    # The same in a JPEG's frame header, which has no checksum: Pillow takes it for the bomb it
    # would be and reads nothing.
    jpeg = bytearray(_jpeg(10, 10))
    frame = next(i for i in range(2, len(jpeg) - 1) if jpeg[i] == 0xFF and jpeg[i + 1] == 0xC0)
    jpeg[frame + 5 : frame + 9] = (60_000).to_bytes(2, "big") * 2
    assert "non è un'immagine PNG o JPEG leggibile" in str(
        protocol_rules.logo_problem(_encoded(bytes(jpeg)))
    )
    # A JPEG header stating a size Pillow would read, but a letterhead must not carry.
    jpeg[frame + 5 : frame + 9] = (3_000).to_bytes(2, "big") * 2
    assert "dimensioni non ammesse" in str(protocol_rules.logo_problem(_encoded(bytes(jpeg))))
    # A real, small file of a picture too wide for a letterhead.
    wide = _png(protocol_rules.LOGO_MAX_SIDE + 1, 4)
    assert "dimensioni non ammesse" in str(protocol_rules.logo_problem(_encoded(wide)))


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 4,  # no IHDR
        b"\xff\xd8\xff\xe0\x00\x10JFIF",  # ends before its frame header
        b"\xff\xd8\xff\xe0\x00\x00",  # a segment of impossible length
    ],
)
def test_a_header_stating_nothing_is_refused(content: bytes) -> None:
    assert protocol_rules.logo_problem(_encoded(content)) == (
        "non è un'immagine PNG o JPEG leggibile"
    )
