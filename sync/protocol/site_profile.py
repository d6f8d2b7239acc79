"""What a site profile's values may be: one set of rules for the Province's PC and the server.

The Province edits the profiles on its PC (``desktop.services.site_profiles``) or imports them
on the server (``trama-server reference import``, site profiles format), and the server checks
every ``site`` row pushed to it. Each check returns None for a fitting value, or the Italian
reason it does not fit, without the field's name (the caller knows how to name it: a label in
the application, a CSV column on the server). Empty values fit: the profile's fields are
optional one by one; what a document needs of them is ``desktop.domain.site_profile``'s.
"""

from __future__ import annotations

import base64
import binascii
import io
import re

from email_validator import EmailNotValidError, validate_email
from PIL import Image, UnidentifiedImageError
from stdnum import luhn
from stdnum.exceptions import ValidationError as NumberError
from stdnum.it import codicefiscale as personal_code
from stdnum.it import iva

from sync.protocol.record_schema_data import TABLES

# The profile's text columns of a site row and their lengths, from the record schema (one
# source for the PC's form, the server's import and the push check).
PROFILE_TEXT_COLUMNS = (
    "controller_name", "controller_tax_code", "address", "pec", "email", "phone", "website",
    "dpo_name", "dpo_email", "dpo_pec", "dpo_phone",
)  # fmt: skip
PROFILE_LIMITS: dict[str, int] = {
    name: int(TABLES["site"][name]["max_length"]) for name in PROFILE_TEXT_COLUMNS
}
# A letterhead logo, decoded (the PC, the server and the logo column all take this bound).
LOGO_MAX_BYTES = 100_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
# The picture's sides as its header states them: a PC keeps logos within 600 x 200 pixels, and a
# few kilobytes must not unpack into a picture that stalls every PC printing a letterhead.
LOGO_MAX_SIDE = 2000

# Offices type numbers in many shapes ("0332 123456", "+39 0331-12.34.56", "(0331) 123456").
_PHONE_CHARACTERS = re.compile(r"[0-9+\-./() ]+")
PHONE_MIN_DIGITS = 6
PHONE_MAX_DIGITS = 15  # ITU-T E.164
# A codice fiscale of 16 characters, omocodia letters allowed where digits stand.
_PERSON_CODE = re.compile(
    r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]"
)


def email_problem(value: str) -> str | None:
    """An e-mail or PEC address's syntax (a PEC is an e-mail address of a certified provider).

    Syntax only: whether the mailbox exists is for the first message to tell, and the Province's
    PC may be offline when it saves.
    """
    text = value.strip()
    if not text:
        return None
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return "non è un indirizzo valido (es. protocollo@pec.comune.esempio.it)"
    return None


def phone_problem(value: str) -> str | None:
    """Digits with the usual separators and an optional leading "+", 6 to 15 digits."""
    text = value.strip()
    if not text:
        return None
    digits = sum(character.isdigit() for character in text)
    if (
        _PHONE_CHARACTERS.fullmatch(text) is None
        or "+" in text[1:]
        or not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS
    ):
        return (
            f"non è un numero di telefono valido (da {PHONE_MIN_DIGITS} a {PHONE_MAX_DIGITS} "
            "cifre, con spazi, trattini o punti; es. 0332 123456)"
        )
    return None


def partita_iva_check_digit(first_ten: str) -> str:
    """The eleventh digit of a partita IVA (or a public body's numeric codice fiscale)."""
    return luhn.calc_check_digit(first_ten)


def normalise_tax_code(value: str) -> str:
    return "".join(value.split()).upper()


def tax_code_problem(value: str) -> str | None:
    """A public body's codice fiscale: 11 digits (as a partita IVA: office code and check
    digit), or the 16 characters of a person's, check character included (python-stdnum)."""
    code = normalise_tax_code(value)
    if not code:
        return None
    if code.isdigit() and len(code) == 11:
        try:
            iva.validate(code)
        except NumberError:
            return "ha la cifra di controllo errata: ricontrollare il codice"
        return None
    if len(code) == 16 and _PERSON_CODE.fullmatch(code):
        if not personal_code.is_valid(code):
            return "ha il carattere di controllo errato: ricontrollare il codice"
        return None
    return "deve avere 11 cifre (codice fiscale numerico dell'ente) oppure 16 caratteri"


def website_problem(value: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    if any(character.isspace() for character in text) or "." not in text:
        return "non è un indirizzo web valido (es. www.comune.esempio.it)"
    return None


def decoded_logo(text: str) -> bytes:
    """The logo's bytes; ValueError when ``text`` is not base64."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error) as error:
        raise ValueError("not base64") from error


def logo_problem(text: str) -> str | None:
    """A stored logo: base64 of a PNG or JPEG file of at most ``LOGO_MAX_BYTES`` bytes.

    The header and structure are read with Pillow, on the server as on the PC; that the
    pixels decode is checked by the PC that loads a picture (desktop.services.site_profiles).
    """
    if not text:
        return None
    # Base64 is 4 characters for every 3 bytes: refuse an oversized text before decoding it.
    if len(text) > (LOGO_MAX_BYTES + 2) // 3 * 4:
        return f"è troppo grande (al massimo {LOGO_MAX_BYTES // 1000} kB)"
    try:
        content = decoded_logo(text)
    except ValueError:
        return "non è un'immagine codificata correttamente (base64)"
    if not content.startswith((PNG_SIGNATURE, JPEG_SIGNATURE)):
        return "deve essere un'immagine PNG o JPEG"
    size = picture_size(content)
    if size is None:
        return "non è un'immagine PNG o JPEG leggibile"
    if max(size) > LOGO_MAX_SIDE or min(size) < 1:
        return f"ha dimensioni non ammesse (al massimo {LOGO_MAX_SIDE} × {LOGO_MAX_SIDE} pixel)"
    return None


def picture_size(content: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG or JPEG as Pillow reads it; None when Pillow finds no such
    picture, or a damaged one. Only the header and the file's structure are read (``verify``:
    chunk checksums for a PNG), never the pixels: a bomb stays unpacked."""
    try:
        with Image.open(io.BytesIO(content), formats=("PNG", "JPEG")) as picture:
            size = picture.size
            picture.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None
    return size
