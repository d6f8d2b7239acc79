"""``trama self-test``: does this installation work? For IT, after installing a packaged build.

Headless and self-contained: a round trip through the OS keyring, naming the backend used
(first: the store's key lives there); a temporary data folder (never the user's, never the
install folder) whose store is created encrypted by SQLCipher with its key in that keyring, as
every office PC's is, the schema built by the migrations; a few demo referrals; every
printable document built and its text read back; the data file and its WAL checked to be
encrypted at rest (no SQLite header, unreadable without the key, no seeded codice fiscale in
their bytes) and the store opened again with its key; a fiscal code decoded against
python-codicefiscale's archive (in a frozen build that archive sits in an unusual place). Each
step raises ``SelfTestError`` with the reason; the command exits non-zero with it. Nothing is
left behind: the folder and the keyring entries are removed.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select

from desktop.store.engine import Store

log = logging.getLogger(__name__)

T = TypeVar("T")

DEMO_REFERRALS = 5
KEYRING_SERVICE = "Trama self-test"
# A person born in Varese (L682): the archive must know the comune.
BIRTHPLACE_CODE = "L682"
BIRTHPLACE_NAME = "VARESE"
PAGE_FOOTER = "pagina 1 di"


# Each step's name as IT reads it (the step's own name is what a script or a test matches).
STEP_NAMES = {
    "keyring": "portachiavi",
    "schema": "schema dell'archivio",
    "demo data": "dati dimostrativi",
    "documents": "documenti",
    "encryption": "cifratura",
    "reopening": "riapertura",
    "fiscal code": "codice fiscale",
    "spreadsheets": "fogli di calcolo",
}


class SelfTestError(Exception):
    """A step that failed; the message is the reason, for the person running the test."""

    def __init__(self, step: str, reason: str) -> None:
        super().__init__(f"{STEP_NAMES.get(step, step)}: {reason}")
        self.step = step
        self.reason = reason


@dataclass
class SelfTestReport:
    """What passed, step by step, and the keyring backend that was used."""

    steps: list[tuple[str, str]] = field(default_factory=list)
    keyring_backend: str = ""
    elapsed_seconds: float = 0.0

    def summary(self) -> str:
        done = ", ".join(detail for _, detail in self.steps)
        seconds = f"{self.elapsed_seconds:.1f}".replace(".", ",")
        return f"verifica dell'installazione riuscita in {seconds} s: {done}"


def run_self_test(*, temp_root: Path | None = None) -> SelfTestReport:
    """Run every step in a new temporary folder (under ``temp_root`` if given)."""
    started = time.perf_counter()
    report = SelfTestReport()
    # The keyring first: the store's key lives there, so nothing else works without it.
    report.keyring_backend = _step(report, "keyring", _keyring_round_trip)
    with tempfile.TemporaryDirectory(prefix="trama-self-test-", dir=temp_root) as folder:
        data_dir = Path(folder) / "data"
        try:
            store = _step(report, "schema", lambda: _open_store(data_dir))
            try:
                _step(report, "demo data", lambda: _seed(store))
                _step(report, "documents", lambda: _documents(store))
                _step(report, "encryption", lambda: _encrypted_at_rest(store))
            finally:
                store.dispose()
            _step(report, "reopening", lambda: _reopens_with_its_key(data_dir))
        finally:
            _forget_key(data_dir)
    _step(report, "fiscal code", _fiscal_code)
    _step(report, "spreadsheets", lambda: _spreadsheets(temp_root))
    _step(report, "user guide", _user_guide)
    report.elapsed_seconds = time.perf_counter() - started
    return report


def _user_guide() -> tuple[None, str]:
    """The guide Aiuto and F1 open is in the bundle (the spec's guide()), with its pictures."""
    from desktop.resources import guide_dir  # noqa: PLC0415

    folder = guide_dir()
    pages = sorted(folder.glob("*.md"))
    pictures = sorted((folder / "immagini").glob("*.png"))
    if not (folder / "index.md").is_file() or not (folder / "novita.md").is_file():
        raise FileNotFoundError(f"la guida non è in {folder}")
    if not pictures:
        raise FileNotFoundError(f"le immagini della guida non sono in {folder / 'immagini'}")
    return None, f"{len(pages)} pagine, {len(pictures)} immagini"


def _step(report: SelfTestReport, name: str, action: Callable[[], tuple[T, str]]) -> T:
    try:
        result, detail = action()
    except SelfTestError:
        raise
    except Exception as error:
        log.info("self-test step %s failed", name, exc_info=True)
        raise SelfTestError(name, f"{type(error).__name__}: {error}") from error
    report.steps.append((name, detail))
    return result


def _open_store(data_dir: Path) -> tuple[Store, str]:
    from desktop.store.migrate import HEAD_REVISION, current_revision, open_store  # noqa: PLC0415

    store = open_store(data_dir)
    revision = current_revision(store.path, store.key)
    if revision != HEAD_REVISION:
        store.dispose()
        raise SelfTestError(
            "schema", f"revisione {revision} dopo l'aggiornamento, invece di {HEAD_REVISION}"
        )
    return store, f"schema {revision}"


def _encrypted_at_rest(store: Store) -> tuple[None, str]:
    """The data file and its WAL, while the store is open: no SQLite header, no page readable
    without the key, and none of the seeded persons' codici fiscali in any byte."""
    from desktop.store import raw  # noqa: PLC0415
    from desktop.store.errors import StoreError  # noqa: PLC0415
    from desktop.store.models import Person  # noqa: PLC0415

    if store.key is None:
        raise SelfTestError("encryption", "l'archivio è stato aperto senza chiave")
    with store.read() as session:
        codes = [code.encode("ascii") for code in session.scalars(select(Person.fiscal_code))]
    if not codes:
        raise SelfTestError("encryption", "i dati dimostrativi non hanno persone da cercare")
    files = [store.path, store.path.with_name(store.path.name + "-wal")]
    for path in files:
        if not path.is_file():
            raise SelfTestError("encryption", f"manca il file {path.name}")
        content = path.read_bytes()
        if content.startswith(raw.SQLITE_HEADER):
            raise SelfTestError("encryption", f"il file {path.name} è SQLite in chiaro")
        if any(code in content for code in codes):
            raise SelfTestError("encryption", f"un codice fiscale si legge nel file {path.name}")
    try:
        connection = raw.connect(store.path, None, pragmas=False)  # SQLite without a key
    except StoreError:
        pass
    else:
        connection.close()
        raise SelfTestError("encryption", "il file dei dati si apre senza la sua chiave")
    return None, (
        f"file dei dati e WAL cifrati ({len(codes)} codici fiscali assenti dai loro byte)"
    )


def _reopens_with_its_key(data_dir: Path) -> tuple[None, str]:
    """Closed and opened again as the application does: the key comes from the keyring."""
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.store.models import Referral  # noqa: PLC0415

    store = open_store(data_dir, create=False)
    try:
        with store.read() as session:
            count = session.scalar(select(func.count()).select_from(Referral))
    finally:
        store.dispose()
    if count != DEMO_REFERRALS:
        raise SelfTestError("reopening", f"{count} segnalazioni rilette con la chiave")
    return None, "riaperto con la chiave del portachiavi"


def _forget_key(data_dir: Path) -> None:
    """The temporary store's keyring entry goes with its folder."""
    from desktop.store import keys  # noqa: PLC0415

    try:
        keys.forget_key(data_dir)
    except keys.KeyringUnavailableError:
        log.info("self-test: the keyring entry of the temporary store could not be removed")


def _seed(store: Store) -> tuple[None, str]:
    from desktop.demo.reference import install_demo_reference  # noqa: PLC0415
    from desktop.demo.seed import seed_demo  # noqa: PLC0415
    from desktop.store.models import Referral  # noqa: PLC0415

    install_demo_reference(store)
    seed_demo(store, referrals=DEMO_REFERRALS, seed=1)
    with store.read() as session:
        count = session.scalar(select(func.count()).select_from(Referral))
    if count != DEMO_REFERRALS:
        raise SelfTestError("demo data", f"{count} segnalazioni salvate invece di {DEMO_REFERRALS}")
    return None, f"{count} segnalazioni"


def _documents(store: Store) -> tuple[None, str]:
    """Build each document type for a seeded record and find its number in the text."""
    from desktop.documents import DocumentType  # noqa: PLC0415
    from desktop.services.documents import render_document  # noqa: PLC0415
    from desktop.services.installation import current_actor  # noqa: PLC0415
    from desktop.store.models import Meeting, Project, Referral  # noqa: PLC0415

    with store.read() as session:
        referral = session.execute(
            select(Referral.id, Referral.number)
            .where(Referral.restricted.is_(False))
            .order_by(Referral.number)
        ).first()
        meeting = session.execute(select(Meeting.id, Meeting.number).order_by(Meeting.id)).first()
        project = session.execute(select(Project.id, Project.title).order_by(Project.id)).first()
    if referral is None or meeting is None or project is None:
        raise SelfTestError(
            "documents", "i dati dimostrativi non hanno segnalazioni, riunioni o progetti"
        )
    wanted = {
        DocumentType.REFERRAL_FORM: (referral.id, referral.number),
        DocumentType.PRIVACY_NOTICE: (referral.id, referral.number),
        DocumentType.MINUTES: (meeting.id, meeting.number),
        DocumentType.ATTENDANCE_SHEET: (meeting.id, ""),
        DocumentType.AGENDA: (meeting.id, ""),
        DocumentType.PROJECT_SHEET: (project.id, ""),
    }
    actor = current_actor(store)
    pages = 0
    for document_type, (record_id, marker) in wanted.items():
        document = render_document(
            store, actor=actor, document_type=document_type, record_id=record_id
        )
        text, count = read_pdf_text(document.pdf)
        pages += count
        missing = [part for part in (PAGE_FOOTER, marker) if part and part not in text]
        if missing:
            raise SelfTestError(
                "documents",
                f"{document_type.value}: {' e '.join(repr(part) for part in missing)} "
                f"assente dal testo riletto ({len(text)} caratteri)",
            )
    return None, f"{len(wanted)} documenti ({pages} pagine) creati e riletti"


def read_pdf_text(pdf: bytes) -> tuple[str, int]:
    """The text of every page, through the fonts' Unicode maps as a PDF viewer reads it, and
    the number of pages. pypdf is part of the packaged build for this (installer/trama.spec)."""
    try:
        from pypdf import PdfReader  # noqa: PLC0415
    except ImportError as error:
        raise SelfTestError(
            "documents", "pypdf non è installato: il testo dei documenti non si può rileggere"
        ) from error
    if not pdf.startswith(b"%PDF-"):
        raise SelfTestError("documents", "il file creato non è un PDF")
    reader = PdfReader(BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages), len(reader.pages)


def _fiscal_code() -> tuple[None, str]:
    from desktop.domain.fiscal_code import check_fiscal_code, encode_fiscal_code  # noqa: PLC0415

    code = encode_fiscal_code(
        last_name="Bianchi",
        first_name="Giulia",
        sex="F",
        birth_date=date(2004, 3, 18),
        birthplace_code=BIRTHPLACE_CODE,
    )
    check = check_fiscal_code(code, today=date(2026, 1, 1))
    if not check.ok or (check.birthplace_name or "").upper() != BIRTHPLACE_NAME:
        raise SelfTestError(
            "fiscal code",
            f"il luogo di nascita {BIRTHPLACE_CODE} è stato letto come "
            f"{check.birthplace_name!r}: l'archivio dei comuni di python-codicefiscale manca "
            "o non si legge",
        )
    return None, "codice fiscale decodificato"


def keyring_backend_name() -> str:
    """The class of the keyring backend in use, as keyring names it (module.Class)."""
    import keyring  # noqa: PLC0415

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _keyring_round_trip() -> tuple[str, str]:
    """Store, read back and delete a random secret, as enrollment does with the device token."""
    import keyring.errors  # noqa: PLC0415

    from sync.client import credentials  # noqa: PLC0415
    from sync.client.errors import KeyringUnavailableError  # noqa: PLC0415

    name = keyring_backend_name()
    try:
        credentials.check_keyring()
    except KeyringUnavailableError as error:
        raise SelfTestError(
            "keyring", f"nessun portachiavi utilizzabile ({name}). {error}"
        ) from error
    backend = keyring.get_keyring()
    username = f"self-test-{secrets.token_hex(4)}"
    secret = secrets.token_urlsafe(24)
    try:
        backend.set_password(KEYRING_SERVICE, username, secret)
        try:
            read_back = backend.get_password(KEYRING_SERVICE, username)
        finally:
            backend.delete_password(KEYRING_SERVICE, username)
    except keyring.errors.KeyringError as error:
        raise SelfTestError("keyring", f"{name}: {type(error).__name__}: {error}") from error
    if read_back != secret:
        raise SelfTestError("keyring", f"{name} ha restituito un segreto diverso")
    return name, f"portachiavi {name}"


def _spreadsheets(temp_root: Path | None) -> tuple[None, str]:
    """The imports' readers are in the bundle and safe: openpyxl parses through defusedxml (a
    frozen build that lost it would read entity attacks unguarded), a workbook written here is
    read back with its date, and a Windows-1252 CSV comes out with its accents."""
    import openpyxl  # noqa: PLC0415
    import openpyxl.xml  # noqa: PLC0415
    import xlrd  # type: ignore[import-untyped]  # noqa: PLC0415

    from desktop.services.imports.sources import read_table  # noqa: PLC0415

    if not openpyxl.xml.DEFUSEDXML:
        raise SelfTestError("spreadsheets", "openpyxl non legge l'XML attraverso defusedxml")
    born = date(2001, 4, 3)
    with tempfile.TemporaryDirectory(prefix="trama-self-test-", dir=temp_root) as folder:
        workbook_path = Path(folder) / "prova.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["Cognome", "Data di nascita"])
        sheet.append(["ROSSI", born])
        book.save(workbook_path)
        csv_path = Path(folder) / "prova.csv"
        csv_path.write_bytes("Cognome;Comune\nCANTÙ;Cantù\n".encode("cp1252"))
        workbook_rows = read_table(workbook_path).rows
        csv_table = read_table(csv_path)
    if workbook_rows[0].cells != ("ROSSI", born):
        raise SelfTestError("spreadsheets", f"riletto {workbook_rows[0].cells!r} da un .xlsx")
    if csv_table.rows[0].cells != ("CANTÙ", "Cantù"):
        raise SelfTestError("spreadsheets", f"riletto {csv_table.rows[0].cells!r} da un CSV")
    return None, (
        f"xlsx e CSV riletti (defusedxml, xlrd {xlrd.__VERSION__}, "
        f"codifica {csv_table.source.encoding})"
    )
