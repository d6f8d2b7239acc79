"""Site profiles for tests that print: every body with a controller, contacts and a DPO
(invented, on example.org), so that a privacy notice may be issued in its name."""

from __future__ import annotations

import base64
import io
import re

from PIL import Image, ImageDraw
from sqlalchemy import select

from desktop.domain.codes import SiteKind
from desktop.store.engine import Store
from desktop.store.models import Site


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def profile_of(code: str, kind: SiteKind, name: str) -> dict[str, str]:
    """A complete profile for the site: what a letterhead and a privacy notice print."""
    slug = _slug(code)
    controller = {
        SiteKind.AMBITO: f"Comune capofila di {name.rsplit(' di ', maxsplit=1)[-1]}",
        SiteKind.CPI: "Provincia di Varese",
    }.get(kind, name)
    return {
        "controller_name": controller,
        "controller_tax_code": "80001230123",
        "address": f"Piazza della Libertà {len(slug)}, 21100 Varese",
        "pec": f"protocollo.{slug}@pec.example.org",
        "email": f"segreteria.{slug}@example.org",
        "phone": f"0332 {len(slug):02d}1234",
        "website": f"www.{slug}.example.org",
        "dpo_name": "Studio Ærø Protezione Dati S.r.l.",
        "dpo_email": f"rpd.{slug}@example.org",
        "dpo_pec": f"rpd.{slug}@pec.example.org",
        "dpo_phone": "02 5550123",
    }


def complete_profiles(store: Store) -> None:
    """Give every site without a controller a complete profile (the sites keep their names)."""
    with store.write() as session:
        for site in session.scalars(select(Site).where(Site.deleted.is_(False))):
            if site.controller_name or site.address:
                continue
            for column, value in profile_of(site.code, SiteKind(site.kind), site.name).items():
                setattr(site, column, value)


def logo_png(width: int = 240, height: int = 300) -> str:
    """A small coat of arms, base64 as the reference data carry it."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, width - 8, height - 8), outline="#1F3A5F", width=10)
    draw.ellipse(
        (width // 4, height // 4, 3 * width // 4, height // 2 + width // 4), fill="#B22222"
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")
