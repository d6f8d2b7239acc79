"""`trama print`: every kind of document to a PDF file, recorded as issued; clear refusals."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.documents import list_issued_documents
from desktop.services.persons import set_restriction
from desktop.store.engine import Store
from tests.documents_records import Records, make_records
from tests.documents_support import reader, text_of


@pytest.fixture
def records(store: Store) -> Records:
    return make_records(store)


def _print(store: Store, *args: str) -> int:
    return main(["print", *args, "--data-dir", str(store.path.parent)])


def test_print_a_referral_by_its_number(
    store: Store, records: Records, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "scheda.pdf"
    assert _print(store, "referral", records.referral_number, "-o", str(output)) == 0
    pdf = output.read_bytes()
    assert "Łukasiewicz" in text_of(pdf)
    digest = hashlib.sha256(pdf).hexdigest()
    assert digest in capsys.readouterr().out
    [issued] = list_issued_documents(store, record_id=records.referral_id)
    assert (issued.sha256, issued.document_type) == (digest, "referral_form")


@pytest.mark.parametrize(
    ("kind", "record", "expected"),
    [
        ("informativa", "referral_number", "Nicolò Łukasiewicz"),
        ("informativa", "person_id", "Nicolò Łukasiewicz"),
        ("minutes", "meeting_id", "Bozza di verbale in attesa di approvazione"),
        ("attendance", "meeting_id", "Foglio presenze"),
        ("agenda", "meeting_id", "Convocazione e ordine del giorno"),
        ("project", "project_id", "Scheda progetto"),
    ],
)
def test_print_each_kind(
    store: Store, records: Records, tmp_path: Path, kind: str, record: str, expected: str
) -> None:
    output = tmp_path / f"{kind}.pdf"
    assert _print(store, kind, getattr(records, record), "-o", str(output)) == 0
    assert expected in text_of(output.read_bytes())
    assert reader(output.read_bytes()).metadata.author == "Ambito di Varese"  # type: ignore[union-attr]


def test_printing_a_restricted_referral_is_refused_without_a_traceback(
    store: Store, records: Records, tmp_path: Path
) -> None:
    output = tmp_path / "vietato.pdf"
    store.dispose()
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "print", "referral", records.restricted_number,
         "--data-dir", str(store.path.parent), "-o", str(output)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "limitato (art. 18 GDPR)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()
    assert list_issued_documents(store) == []


def test_printing_for_a_restricted_person_is_refused(
    store: Store, records: Records, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_restriction(
        store, actor=records.actor, person_id=records.person_id, restricted=True,
        reason="Opposizione art. 21 in esame",
    )  # fmt: skip
    for kind, record in (("referral", records.referral_number),
                         ("informativa", records.person_id)):  # fmt: skip
        output = tmp_path / f"{kind}.pdf"
        assert _print(store, kind, record, "-o", str(output)) == 1
        assert "limitato (art. 18 GDPR)" in capsys.readouterr().err
        assert not output.exists()
    assert list_issued_documents(store) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["referral", "2099/000001", "-o", "{tmp}/x.pdf"], "Nessuna segnalazione con numero"),
        (["referral", "{number}", "-o", "{tmp}/x.txt"], "Formato di stampa sconosciuto (.txt)"),
        (["referral", "{number}", "-o", "{tmp}/none/x.pdf"], "non esiste"),
        (["minutes", "non-esiste", "-o", "{tmp}/x.pdf"], "Riunione non trovata"),
    ],
)
def test_user_mistakes_get_one_clear_line(
    store: Store,
    records: Records,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    filled = [arg.format(tmp=tmp_path, number=records.referral_number) for arg in args]
    assert _print(store, *filled) == 1
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
