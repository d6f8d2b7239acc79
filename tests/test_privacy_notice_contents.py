"""The informativa tells the truth: every element of GDPR art. 13(1)-(2), filled from the
controller's profile, per track; refused, before anything is laid out, when the profile lacks
what the law requires (in the app's services, in a batch, on the command line)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from desktop.cli import main
from desktop.documents import DocumentType
from desktop.documents.privacy_notice import period, retention_text
from desktop.domain.codes import RetentionRecordKind, Track
from desktop.services.documents import render_document
from desktop.services.documents.batch import BatchItem, build_one
from desktop.services.errors import NotAllowedError
from desktop.store.engine import Store
from desktop.store.models import IssuedDocument, Referral, RetentionRule, Site
from sync.protocol.retention import RetentionDefault
from tests.documents_records import Records, make_records
from tests.documents_support import reader, text_of

NOW = datetime(2026, 11, 27, 10, 15, tzinfo=UTC)


@pytest.fixture
def records(store: Store) -> Records:
    return make_records(store)


def _profile(store: Store, code: str = "AMB-VA") -> Site:
    with store.read() as session:
        site = session.scalars(select(Site).where(Site.code == code)).one()
        session.expunge(site)
        return site


def _set_profile(store: Store, code: str = "AMB-VA", **values: str) -> None:
    with store.write() as session:
        session.execute(update(Site).where(Site.code == code).values(**values))


def _notice(store: Store, records: Records, record_id: str) -> str:
    pdf = render_document(
        store,
        actor=records.actor,
        document_type=DocumentType.PRIVACY_NOTICE,
        record_id=record_id,
        now=NOW,
    ).pdf
    return " ".join(text_of(pdf).split())


def _section(text: str, number: int) -> str:
    """The text of section ``number`` (up to the next one, or the presa visione)."""
    start = re.search(rf"{number}\. [A-ZÀ-Ú]", text)
    assert start is not None, f"no section {number}"
    following = re.search(rf"{number + 1}\. [A-ZÀ-Ú]|PRESA VISIONE", text[start.end() :])
    return text[start.start() : start.end() + (following.start() if following else len(text))]


def _set_track(store: Store, referral_id: str, track: Track) -> None:
    with store.write() as session:
        session.execute(update(Referral).where(Referral.id == referral_id).values(track=track))


def test_every_element_of_article_13_is_printed_from_the_profile(
    store: Store, records: Records
) -> None:
    site = _profile(store)
    text = _notice(store, records, records.referral_id)
    # (1)(a) the controller: the legal entity (the Ambito's ente capofila) with its contacts.
    controller = _section(text, 1)
    for value in (site.controller_name, site.controller_tax_code, site.address, site.pec,
                  site.email, site.phone):  # fmt: skip
        assert value and value in controller, value
    assert f"Ente capofila di: {site.name}" in controller
    assert controller.index(site.controller_name) < controller.index(site.name)
    # (1)(b) the DPO's contacts.
    dpo = _section(text, 2)
    for value in (site.dpo_name, site.dpo_email, site.dpo_pec, site.dpo_phone):
        assert value and value in dpo, value
    # (1)(c) purposes and legal basis, never consent.
    basis = _section(text, 3)
    for words in ("I dati sono trattati per", "art. 6, par. 1, lett. e", "art. 9, par. 2, lett. b",
                  "art. 9, par. 2, lett. g", "2-sexies", "art. 2-ter",
                  "non si basa sul consenso"):  # fmt: skip
        assert words in basis, words
    # (2)(e) whether providing the data is required, and (art. 14) their source.
    data = _section(text, 4)
    assert "Il conferimento dei dati è necessario" in data
    assert "art. 14 del Regolamento" in data
    # (1)(e)-(f) recipients as they are, and no transfer outside the EU.
    recipients = _section(text, 5)
    for words in ("Centro per l'Impiego competente", "personale della Provincia di Varese",
                  "titolare autonomo", "server provinciale", "art. 28 del Regolamento",
                  "sistemi informativi regionali e nazionali del lavoro",
                  "a cura del Centro per l'Impiego", "Terzo settore",
                  "al di fuori dell'Unione europea"):  # fmt: skip
        assert words in recipients, words
    # (2)(a) the retention periods, in words, then anonymisation.
    retention = _section(text, 7)
    assert "percorso concluso: cinque anni dalla data dell'esito" in retention
    assert "due anni dalla chiusura" in retention
    assert "resi anonimi" in retention
    # (2)(b) the rights, (2)(d) the complaint to the Garante.
    rights = _section(text, 8)
    for article in ("(art. 15)", "(art. 16)", "(art. 17)", "(art. 18)", "(art. 21)", "art. 77"):
        assert article in rights, article
    assert "Garante per la protezione dei dati personali" in rights
    assert "PRESA VISIONE" in text
    # What the old text said and was not true.
    for untrue in ("solo in forma aggregata e anonima", "nell'intestazione",
                   "in persona del legale rappresentante", "Amministrazione trasparente",
                   "interessato/a", "sottoscritto/a"):  # fmt: skip
        assert untrue not in text, untrue


def test_the_neet_notice_speaks_of_health_data_and_the_cmd_notice_of_disability(
    store: Store, records: Records
) -> None:
    neet = _notice(store, records, records.referral_id)
    assert "NEET" in _section(neet, 3)
    for words in ("«Salute»", "SerD", "CPS", "NPIA"):
        assert words in _section(neet, 4), words
    assert "relative alla salute" in _section(neet, 3)  # and their art. 9 basis
    assert "percentuale di invalidità" not in neet
    assert "dieci anni" not in _section(neet, 7)  # the CMD rule for hires is not the NEET's
    _set_track(store, records.referral_id, Track.CMD)
    cmd = _notice(store, records, records.referral_id)
    assert "Collocamento mirato" in _section(cmd, 3)
    assert "percentuale di invalidità" in _section(cmd, 4)
    assert "mai le diagnosi" in _section(cmd, 4)
    assert "dati relativi alla disabilità" in _section(cmd, 3)
    assert "SerD" not in cmd
    assert "assunzione: dieci anni dalla data dell'assunzione" in _section(cmd, 7)


def test_a_notice_without_a_referral_names_both_tracks(store: Store, records: Records) -> None:
    for record_id in ("", records.person_id):
        text = _notice(store, records, record_id)
        assert "NEET" in _section(text, 3) and "Collocamento mirato" in _section(text, 3)
        assert "SerD" in text and "percentuale di invalidità" in text
        # A period that holds for one track only says so.
        assert "assunzione nel Collocamento mirato: dieci anni" in _section(text, 7)


def test_the_periods_are_those_of_the_rules_this_pc_holds(store: Store, records: Records) -> None:
    with store.write() as session:
        session.add_all(
            [
                RetentionRule(
                    record_kind=RetentionRecordKind.REFERRAL,
                    track=None,
                    closing="concluded",
                    months=84,
                    basis="Scelta del titolare.",
                ),
                RetentionRule(
                    record_kind=RetentionRecordKind.PERSON, track=None, closing="", months=18
                ),
            ]
        )
    retention = _section(_notice(store, records, records.referral_id), 7)
    assert "percorso concluso: sette anni dalla data dell'esito" in retention
    assert "18 mesi" in retention
    assert "cinque anni" not in retention  # the proposal is replaced, not added to
    assert "due anni" not in retention  # no rule held for the other closings


def test_a_cpi_prints_a_received_referrals_notice_in_the_senders_name(
    store: Store, records: Records
) -> None:
    pdf = render_document(
        store,
        actor=records.network.cpi,
        document_type=DocumentType.PRIVACY_NOTICE,
        record_id=records.referral_id,
        now=NOW,
    ).pdf
    site = _profile(store)
    assert reader(pdf).metadata.author == site.name  # type: ignore[union-attr]
    assert site.controller_name in _section(" ".join(text_of(pdf).split()), 1)


def _issued(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(IssuedDocument)) or 0)


@pytest.mark.parametrize(
    ("cleared", "named"),
    [
        (
            {"dpo_email": "", "dpo_pec": ""},
            "e-mail o PEC del Responsabile della protezione dei dati",
        ),
        ({"controller_name": ""}, "titolare del trattamento (ente capofila)"),
        ({"pec": "", "email": ""}, "PEC o e-mail del titolare"),
    ],
)
def test_printing_is_refused_when_the_profile_lacks_what_the_law_requires(
    store: Store, records: Records, cleared: dict[str, str], named: str
) -> None:
    _set_profile(store, **cleared)
    for record_id in (records.referral_id, records.person_id, ""):
        with pytest.raises(NotAllowedError) as refused:
            render_document(
                store,
                actor=records.actor,
                document_type=DocumentType.PRIVACY_NOTICE,
                record_id=record_id,
            )
        message = str(refused.value)
        assert message.startswith("Impossibile stampare l'informativa: nel profilo di «Ambito ")
        assert named in message
        assert message.endswith("I dati degli enti sono curati dalla Provincia.")
        assert "AMB-VA" not in message
    assert _issued(store) == 0


def test_a_refused_notice_in_a_batch_is_a_refusal_naming_the_referral(
    store: Store, records: Records
) -> None:
    _set_profile(store, dpo_email="", dpo_pec="")
    built = build_one(
        store, records.actor, BatchItem(DocumentType.PRIVACY_NOTICE, records.referral_id)
    )
    assert built.document is None
    assert built.refusal.startswith(f"{records.referral_number}: Impossibile stampare")
    # The other documents of the referral are not the notice: still printed.
    form = build_one(
        store, records.actor, BatchItem(DocumentType.REFERRAL_FORM, records.referral_id)
    )
    assert form.document is not None


def test_trama_print_informativa_refuses_in_italian_without_a_traceback(
    store: Store, records: Records, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_profile(store, dpo_email="", dpo_pec="")
    output = tmp_path / "informativa.pdf"
    status = main(
        ["print", "informativa", records.referral_number, "-o", str(output),
         "--data-dir", str(store.path.parent)]
    )  # fmt: skip
    said = capsys.readouterr()
    assert status != 0
    assert not output.exists()
    assert "Impossibile stampare l'informativa" in said.err
    assert "Responsabile della protezione dei dati" in said.err
    assert "Traceback" not in said.err + said.out
    assert _issued(store) == 0


def _rule(kind: str, track: Track | None, closing: str, months: int) -> RetentionDefault:
    return RetentionDefault(RetentionRecordKind(kind), track, closing, months, True, "")


def test_the_retention_text_names_each_rule_in_words_and_never_a_code() -> None:
    rules = (
        _rule("referral", None, "concluded", 36),
        _rule("referral", Track.NEET, "concluded", 48),
        _rule("referral", None, "dropped_out", 6),
        _rule("referral", None, "withdrawn", 24),
        _rule("referral", None, "returned", 12),
        _rule("referral", None, "some_future_closing", 7),
        _rule("person", None, "", 0),
    )
    both = retention_text(rules, {"retention.note": "Poi anonimi."}, None)
    assert "percorso concluso nel percorso NEET: quattro anni dalla data dell'esito" in both
    assert "percorso concluso nel Collocamento mirato: tre anni dalla data dell'esito" in both
    assert "percorso concluso con l'esito «Rinuncia o abbandono»: sei mesi" in both
    assert "segnalazione annullata: due anni dalla chiusura" in both
    assert "segnalazione restituita e non ripresentata: un anno dalla chiusura" in both
    assert "conservare: resi anonimi subito." in both
    assert "some_future_closing" not in both and "dropped_out" not in both
    assert both.endswith("Poi anonimi.")
    cmd = retention_text(rules, {"retention.note": ""}, Track.CMD)
    assert "percorso concluso: tre anni" in cmd and "NEET" not in cmd
    assert [period(months) for months in (1, 12, 18, 60, 132)] == [
        "un mese", "un anno", "18 mesi", "cinque anni", "11 anni",
    ]  # fmt: skip


@pytest.mark.parametrize("track", [Track.NEET, Track.CMD])
def test_the_notice_is_one_sheet_printed_on_both_sides(
    store: Store, records: Records, track: Track
) -> None:
    # An ordinary profile: the acknowledgement ends the second page, never alone on a third.
    _set_track(store, records.referral_id, track)
    pdf = render_document(
        store,
        actor=records.actor,
        document_type=DocumentType.PRIVACY_NOTICE,
        record_id=records.referral_id,
        now=NOW,
    ).pdf
    pages = reader(pdf).pages
    assert len(pages) == 2
    assert "PRESA VISIONE" in pages[1].extract_text()
