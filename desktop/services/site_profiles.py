"""Site profiles: the body behind each site, as its letterheads and privacy notices name it.

The Province keeps every site's profile (reference data, synced to every PC; the server lets
only the Province's site write it): its PC edits them here, every other PC reads them. A save
writes the ``site`` row like any synced change (stamped, dirty), so the next sync pushes it and
every PC pulls it. The rules on each value are ``sync.protocol.site_profile``'s, the same the
server's import applies; a logo is a PNG or JPEG that ``load_logo`` has read, checked and made
small enough, kept as base64.
"""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import dataclass, fields
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select

from desktop.domain.actor import Actor
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import SiteKind
from desktop.domain.site_profile import FIELD_LABELS, SiteProfile
from desktop.services.audit import record_audit, stamp_change
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.services.sites import list_sites, site_profile
from desktop.store.engine import Store
from desktop.store.models import Site
from sync.protocol.record_schema_data import TABLES
from sync.protocol.site_profile import (
    LOGO_MAX_BYTES,
    PROFILE_LIMITS,
    decoded_logo,
    email_problem,
    logo_problem,
    normalise_tax_code,
    phone_problem,
    tax_code_problem,
    website_problem,
)

# The largest logo kept: wide and low, as a letterhead's corner has room for.
LOGO_MAX_WIDTH = 600
LOGO_MAX_HEIGHT = 200
# A file the user picks: anything larger is no logo (and is not read whole into memory).
LOGO_FILE_MAX_BYTES = 20_000_000
# Pixels a picked image may have before it is refused as a decompression bomb: a 40-megapixel
# photo is still a photo, a 30000x30000 PNG of a few kilobytes is an attack.
LOGO_MAX_PIXELS = 40_000_000
_JPEG_QUALITIES = (90, 80, 70, 60)

NOT_PROVINCE = (
    "I profili degli enti sono gestiti dalla Provincia: solo la postazione della Provincia "
    "può modificarli."
)
# Column lengths of the site row, as the record schema gives them.
_LIMITS = {"name": int(TABLES["site"]["name"]["max_length"]), **PROFILE_LIMITS}
_EMAILS = ("pec", "email", "dpo_email", "dpo_pec")
_PHONES = ("phone", "dpo_phone")
# The short names of what a profile lacks, for the list of sites ("Manca: PEC o e-mail, DPO").
MISSING_CONTROLLER = "ente capofila"
MISSING_ADDRESS = "indirizzo"
MISSING_CONTACT = "PEC o e-mail"
MISSING_PHONE = "telefono"
MISSING_DPO = "contatti del DPO"


@dataclass(frozen=True)
class ProfileInput:
    """What the Province may change of a profile; ``logo`` is base64 ("" removes it)."""

    name: str
    controller_name: str = ""
    controller_tax_code: str = ""
    address: str = ""
    pec: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    dpo_name: str = ""
    dpo_email: str = ""
    dpo_pec: str = ""
    dpo_phone: str = ""
    logo: str = ""

    @classmethod
    def of(cls, profile: SiteProfile) -> ProfileInput:
        return cls(**{field.name: getattr(profile, field.name) for field in fields(cls)})


@dataclass(frozen=True)
class ProfileSummary:
    """One site in the list of profiles: named, never shown by its code."""

    code: str
    kind: SiteKind
    name: str
    missing: tuple[str, ...]  # short Italian names; empty when the profile is complete
    has_logo: bool

    @property
    def complete(self) -> bool:
        return not self.missing


def missing_items(profile: SiteProfile) -> tuple[str, ...]:
    """What a letterhead and a privacy notice need and the profile lacks, in short words.

    The privacy notice's rule (``desktop.domain.site_profile.missing_for_privacy_notice``) and
    a telephone number for the letterhead: a profile without any of these is not complete.
    """
    missing: list[str] = []
    if profile.kind is SiteKind.AMBITO and not profile.controller_name.strip():
        missing.append(MISSING_CONTROLLER)
    if not profile.address.strip():
        missing.append(MISSING_ADDRESS)
    if not (profile.pec.strip() or profile.email.strip()):
        missing.append(MISSING_CONTACT)
    if not profile.phone.strip():
        missing.append(MISSING_PHONE)
    if not (profile.dpo_email.strip() or profile.dpo_pec.strip()):
        missing.append(MISSING_DPO)
    return tuple(missing)


def list_profiles(store: Store) -> list[ProfileSummary]:
    """Every site (Ambiti, CPIs, the Province, by name) with what its profile lacks."""
    summaries = []
    for site in list_sites(store):
        profile = site_profile(store, site.code)
        if profile is None:  # removed between the two reads
            continue
        summaries.append(
            ProfileSummary(
                code=site.code,
                kind=site.kind,
                name=site.name,
                missing=missing_items(profile),
                has_logo=bool(profile.logo),
            )
        )
    return summaries


def get_profile(store: Store, code: str) -> SiteProfile:
    profile = site_profile(store, code)
    if profile is None:
        raise NotFoundError("L'ente richiesto non è tra le sedi configurate.")
    return profile


def may_edit_profiles(actor: Actor) -> bool:
    """Only the Province's PC: the server would refuse anyone else's change anyway."""
    return actor.site_kind is SiteKind.PROVINCIA


def update_profile(store: Store, *, actor: Actor, code: str, data: ProfileInput) -> SiteProfile:
    """Check and save a site's profile; raises ``ValidationError`` (one Italian message per
    field) or ``NotAllowedError`` when this PC is not the Province's. Nothing is written when
    the values are those already stored."""
    if not may_edit_profiles(actor):
        raise NotAllowedError(NOT_PROVINCE)
    values = checked_values(data)
    with store.write() as session:
        site = session.scalar(select(Site).where(Site.code == code, Site.deleted.is_(False)))
        if site is None:
            raise NotFoundError("L'ente richiesto non è tra le sedi configurate.")
        changed = [name for name, value in values.items() if getattr(site, name) != value]
        for name in changed:
            setattr(site, name, values[name])
        if stamp_change(site, actor=actor):
            # Which fields, never their values: the audit trail holds no contact details.
            record_audit(
                session,
                actor=actor,
                action=AuditAction.UPDATE,
                entity=AuditEntity.SITE,
                entity_id=site.id,
                details=", ".join(changed),
            )
    return get_profile(store, code)


def checked_values(data: ProfileInput) -> dict[str, str]:
    """The values to store (trimmed, the tax code upper-cased), or ``ValidationError``."""
    values = {
        field.name: " ".join(str(getattr(data, field.name)).split())
        for field in fields(data)
        if field.name != "logo"
    }
    values["controller_tax_code"] = normalise_tax_code(values["controller_tax_code"])
    errors: dict[str, str] = {}
    if not values["name"]:
        errors["name"] = "Indicare la denominazione dell'ente."
    for name, limit in _LIMITS.items():
        if len(values[name]) > limit and name not in errors:
            errors[name] = f"Il campo «{_label(name)}» può contenere al massimo {limit} caratteri."
    problems: list[tuple[str, str | None]] = [
        *((name, email_problem(values[name])) for name in _EMAILS),
        *((name, phone_problem(values[name])) for name in _PHONES),
        ("website", website_problem(values["website"])),
        ("controller_tax_code", tax_code_problem(values["controller_tax_code"])),
    ]
    for name, problem in problems:
        if problem is not None and name not in errors:
            errors[name] = f"Il campo «{_label(name)}» {problem}."
    logo = data.logo.strip()
    if (problem := logo_problem(logo)) is not None or (problem := _image_problem(logo)):
        errors["logo"] = f"Il logo {problem}."
    if errors:
        raise ValidationError(errors)
    values["logo"] = logo
    return values


def _label(name: str) -> str:
    return FIELD_LABELS[name]


def _image_problem(logo: str) -> str | None:
    """A stored logo must decode as the picture it claims to be: the file the user picked was
    checked by ``load_logo``, but anything may call the service."""
    if not logo:
        return None
    try:
        _open_checked(decoded_logo(logo))
    except (_BadImage, ValueError) as error:
        return str(error) if isinstance(error, _BadImage) else "non è un'immagine valida"
    return None


# -- the logo ------------------------------------------------------------------------------


def load_logo(path: Path) -> str:
    """A PNG or JPEG the user picked, checked and made fit: base64, ready for ``ProfileInput``.

    Refused with an Italian ``ValidationError`` (key ``logo``): another format, a damaged or
    truncated file, a decompression bomb, a file too large to be a logo. Whatever is kept is
    drawn again (so no metadata of the file, such as a photo's location, comes along), scaled
    down to at most 600x200 pixels, as PNG or, when a PNG would be too large, as JPEG.
    """
    try:
        size = path.stat().st_size
        if size > LOGO_FILE_MAX_BYTES:
            raise _logo_error(
                f"Il file è troppo grande per un logo (al massimo "
                f"{LOGO_FILE_MAX_BYTES // 1_000_000} MB)."
            )
        content = path.read_bytes()
    except OSError as error:
        raise _logo_error(
            f"Impossibile leggere il file scelto: {error.strerror or error}."
        ) from error
    try:
        image = _open_checked(content)
        encoded = _fitting(image)
    except _BadImage as error:
        raise _logo_error(f"Il file scelto {error}.") from error
    except (OSError, ValueError) as error:  # drawing it again failed: damaged after all
        raise _logo_error(
            "Il file scelto è danneggiato o incompleto: non si riesce a leggere l'immagine."
        ) from error
    if encoded is None:
        raise _logo_error(
            f"L'immagine resta più grande di {LOGO_MAX_BYTES // 1000} kB anche ridotta: "
            "scegliere un logo più semplice."
        )
    return base64.b64encode(encoded).decode("ascii")


def logo_bytes(logo: str) -> bytes:
    """A stored logo's picture (for a preview); empty when there is none or it is unreadable."""
    try:
        return decoded_logo(logo) if logo else b""
    except ValueError:
        return b""


def _logo_error(message: str) -> ValidationError:
    return ValidationError({"logo": message})


class _BadImage(Exception):
    """Why a picture is refused, in Italian, to follow "Il file scelto" or "Il logo"."""


def _open_checked(content: bytes) -> Image.Image:
    """The picture in ``content``, fully decoded; ``_BadImage`` when it is not a sound PNG or
    JPEG of a sensible size."""
    damaged = "è danneggiato o incompleto: non si riesce a leggere l'immagine"
    too_large = "è un'immagine troppo grande (troppi pixel) per un logo"
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: a bomb is refused either way.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as probe:
                if probe.format not in ("PNG", "JPEG"):
                    raise _BadImage("non è un'immagine PNG o JPEG")
                width, height = probe.size
                if width * height > LOGO_MAX_PIXELS:
                    raise _BadImage(too_large)
                probe.verify()
            # verify() leaves the image unusable and misses some damage: decode it all again.
            image = Image.open(io.BytesIO(content))
            image.load()
    except UnidentifiedImageError as error:
        raise _BadImage("non è un'immagine PNG o JPEG") from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _BadImage(too_large) from error
    except (OSError, SyntaxError, EOFError, ValueError) as error:
        # Pillow reports truncated or corrupt data as any of these.
        raise _BadImage(damaged) from error
    return image


def _fitting(image: Image.Image) -> bytes | None:
    """The picture drawn again within the size limits, as PNG, else JPEG; None if too big."""
    picture = ImageOps.exif_transpose(image)
    if picture.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        picture = picture.convert("RGBA")
    picture.thumbnail((LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    picture.save(output, format="PNG", optimize=True)
    if output.tell() <= LOGO_MAX_BYTES:
        return output.getvalue()
    # A photographic logo: JPEG on white (JPEG has no transparency).
    flat = Image.new("RGB", picture.size, "white")
    rgba = picture.convert("RGBA")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    for quality in _JPEG_QUALITIES:
        output = io.BytesIO()
        flat.save(output, format="JPEG", quality=quality, optimize=True)
        if output.tell() <= LOGO_MAX_BYTES:
            return output.getvalue()
    return None
