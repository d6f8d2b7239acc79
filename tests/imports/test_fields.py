"""The fields an import fills, the mapping of headers to them, and saved mappings."""

from __future__ import annotations

import json
from dataclasses import fields as dataclass_fields
from pathlib import Path

import pytest

from desktop.documents.labels import it_label
from desktop.services.imports.fields import (
    BIRTHPLACE,
    CHOICE_ENUMS,
    MAPPING_MAX_BYTES,
    field_by_key,
    import_fields,
    load_mapping,
    mapping_gaps,
    normalise_header,
    save_mapping,
    suggest_mapping,
)
from desktop.services.imports.model import (
    ColumnMapping,
    FieldKind,
    ImportFileError,
    ImportKind,
)
from desktop.services.persons import PersonInput
from desktop.services.referrals.records import ReferralInput
from desktop.store.models import Person

# PersonInput's fields no column fills directly: the birthplace comes as one column (a comune
# or a country) that fills both.
PERSON_NOT_IMPORTED = {"birthplace_code", "birthplace_name"}
# ReferralInput's fields an import does not fill: set by Trama (the person, the CPI's id under
# another key) or documents checked on paper (attachments, the L. 68 documents' flags).
REFERRAL_NOT_IMPORTED = {
    "person_id",
    "attachments",
    "doc_assessment_seen",
    "doc_assessment_on",
    "doc_functional_diagnosis_seen",
    "doc_functional_diagnosis_on",
    "doc_final_report_seen",
    "doc_final_report_on",
}


def test_persons_cover_every_field_an_office_keeps() -> None:
    keys = {f.key for f in import_fields(ImportKind.PERSONS)}
    wanted = {f.name for f in dataclass_fields(PersonInput)} - PERSON_NOT_IMPORTED
    assert wanted - keys == set()
    assert BIRTHPLACE in keys


def test_referrals_add_the_referral_and_the_historic_fields() -> None:
    keys = {f.key for f in import_fields(ImportKind.REFERRALS)}
    person_keys = {f.key for f in import_fields(ImportKind.PERSONS)}
    assert person_keys <= keys
    wanted = {f.name for f in dataclass_fields(ReferralInput)} - REFERRAL_NOT_IMPORTED
    assert wanted - keys == set()
    historic = {"source_reference", "received_on", "taken_in_charge_on", "concluded_on"}
    assert historic | {"outcome", "created_on", "sent_on"} <= keys


def test_required_fields() -> None:
    persons = field_by_key(ImportKind.PERSONS)
    required = {key for key, f in persons.items() if f.required}
    # The sex is not required: the codice fiscale gives it.
    assert required == {"fiscal_code", "last_name", "first_name", "birth_date"}
    referrals = field_by_key(ImportKind.REFERRALS)
    assert {key for key, f in referrals.items() if f.required} == required | {"track"}


def test_lengths_come_from_the_columns() -> None:
    persons = field_by_key(ImportKind.PERSONS)
    for key in ("last_name", "residence_address", "phone", "email", "citizenship"):
        assert persons[key].max_length == Person.__table__.c[key].type.length
    referrals = field_by_key(ImportKind.REFERRALS)
    assert referrals["reason"].max_length == 2000
    assert referrals["referring_operator"].max_length == 200


def test_never_a_field_for_a_diagnosis() -> None:
    for kind in ImportKind:
        for f in import_fields(kind):
            words = f"{f.key} {f.label} {' '.join(f.synonyms)}".lower()
            assert "diagnos" not in words, f.key


@pytest.mark.parametrize("kind", list(ImportKind))
def test_synonyms_are_normalised_and_each_names_one_field(kind: ImportKind) -> None:
    seen: dict[str, str] = {}
    for f in import_fields(kind):
        assert f.label and f.synonyms[0] == normalise_header(f.label)
        for synonym in f.synonyms:
            assert synonym == normalise_header(synonym)
            assert seen.setdefault(synonym, f.key) == f.key, synonym


@pytest.mark.parametrize("kind", list(ImportKind))
def test_choices_open_with_the_label_and_no_form_means_two_codes(kind: ImportKind) -> None:
    for f in import_fields(kind):
        if f.kind not in (FieldKind.CHOICE, FieldKind.CHOICES):
            assert not f.choices
            continue
        forms: dict[str, str] = {}
        for code, written in f.choices.items():
            assert code in written
            for form in written:
                assert forms.setdefault(normalise_header(form), code) == code, (f.key, form)
        enum = CHOICE_ENUMS[f.key]
        assert set(f.choices) == {member.value for member in enum}
        for member in enum:
            assert f.choices[member.value][0] == it_label(member)


def test_track_synonyms_offices_write() -> None:
    track = field_by_key(ImportKind.REFERRALS)["track"]
    forms = {normalise_header(form): code for code, w in track.choices.items() for form in w}
    for written, code in [
        ("NEET", "neet"),
        ("Garanzia Giovani", "neet"),
        ("CMD", "cmd"),
        ("Collocamento mirato", "cmd"),
        ("L.68", "cmd"),
        ("Disabili", "cmd"),
    ]:
        assert forms[normalise_header(written)] == code


OFFICE_HEADERS = [
    "N. pratica",
    "COGNOME",
    "Nome",
    "C.F.",
    "Data di nascita (gg/mm/aaaa)",
    "Nato a",
    "M/F",
    "Residenza",
    "Indirizzo",
    "CAP",
    "Cellulare",
    "Mail",
    "Cittadinanza",
    "Titolo di studio",
    "Condizione occupazionale",
    "Data DID",
    "Percorso",
    "Motivo",
    "Centro per l'impiego",
    "Data segnalazione",
    "Data invio",
    "Assistente sociale",
    "Informativa",
    "Categoria",
    "% invalidità",
    "Esito",
    "Data chiusura",
    "Note interne",
    "COGNOME E NOME",
    "Colonna AB",
]


def test_suggestion_on_an_office_workbook() -> None:
    mapping = suggest_mapping(ImportKind.REFERRALS, OFFICE_HEADERS)
    assert mapping.kind is ImportKind.REFERRALS
    assert dict(mapping.by_header) == {
        "N. pratica": "source_reference",
        "COGNOME": "last_name",
        "Nome": "first_name",
        "C.F.": "fiscal_code",
        "Data di nascita (gg/mm/aaaa)": "birth_date",
        "Nato a": BIRTHPLACE,
        "M/F": "sex",
        "Residenza": "residence_municipality_id",
        "Indirizzo": "residence_address",
        "CAP": "residence_postcode",
        "Cellulare": "phone",
        "Mail": "email",
        "Cittadinanza": "citizenship",
        "Titolo di studio": "education_title",
        "Condizione occupazionale": "employment_status",
        "Data DID": "did_date",
        "Percorso": "track",
        "Motivo": "reason",
        "Centro per l'impiego": "job_centre_id",
        "Data segnalazione": "created_on",
        "Data invio": "sent_on",
        "Assistente sociale": "referring_operator",
        "Informativa": "privacy_notice_on",
        "Categoria": "disability_category",
        "% invalidità": "disability_percentage",
        "Esito": "outcome",
        "Data chiusura": "concluded_on",
        # Left out on purpose: an inner note is not the reason; a combined name is not split.
        "Note interne": None,
        "COGNOME E NOME": None,
        "Colonna AB": None,
    }


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Cod. fiscale", "fiscal_code"),
        ("CF", "fiscal_code"),
        ("Codice Fiscale", "fiscal_code"),
        ("codice_fiscale", "fiscal_code"),
        ("Nato il", "birth_date"),
        ("DATA NASCITA:", "birth_date"),
        ("Luogo di nascita", BIRTHPLACE),
        ("Comune di nascita", BIRTHPLACE),
        ("Sesso", "sex"),
        ("Comune di residenza", "residence_municipality_id"),
        ("Via", "residence_address"),
        ("Telefono", "phone"),
        ("Tel.", "phone"),
        ("E-mail", "email"),
        ("Data di nascta", "birth_date"),  # a typo, matched loosely
        ("Codice fiscle", "fiscal_code"),
        ("Cognome utente", "last_name"),
    ],
)
def test_headers_offices_write(header: str, key: str) -> None:
    assert suggest_mapping(ImportKind.PERSONS, [header]).field_of(header) == key


def test_referral_only_headers_stay_out_of_a_persons_import() -> None:
    mapping = suggest_mapping(ImportKind.PERSONS, ["Cognome", "Percorso", "Esito", "Note"])
    assert dict(mapping.by_header) == {
        "Cognome": "last_name",
        "Percorso": None,
        "Esito": None,
        "Note": None,
    }


def test_each_field_takes_one_column_the_exact_one_first() -> None:
    mapping = suggest_mapping(ImportKind.PERSONS, ["Telefono", "Cellulare", "Cognome", "Cognome "])
    assert mapping.field_of("Telefono") == "phone"
    assert mapping.field_of("Cellulare") is None
    assert mapping.field_of("Cognome") == "last_name"
    assert mapping.field_of("Cognome ") is None


def test_gaps_list_unmapped_headers_and_missing_required_fields() -> None:
    headers = ["Cognome", "Nome", "Note interne", "Percorso"]
    gaps = mapping_gaps(suggest_mapping(ImportKind.REFERRALS, headers), headers)
    assert gaps.unmapped == ("Note interne",)
    assert gaps.missing == ("Codice fiscale", "Data di nascita")


def test_a_mapping_round_trips_through_its_file(tmp_path: Path) -> None:
    mapping = suggest_mapping(ImportKind.REFERRALS, OFFICE_HEADERS)
    path = tmp_path / "associazione.json"
    save_mapping(path, mapping)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["versione"] == 1
    assert document["tipo"] == "segnalazioni"
    assert document["colonne"]["COGNOME"] == "last_name"
    assert document["colonne"]["Note interne"] is None
    assert "Centro per l'impiego" in path.read_text(encoding="utf-8")  # not \u-escaped
    assert load_mapping(path) == mapping
    persons = ColumnMapping(ImportKind.PERSONS, {"Cognome": "last_name"})
    save_mapping(path, persons)
    assert load_mapping(path) == persons


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "JSON non valido"),
        ("[1, 2]", "non è un'associazione di colonne salvata da Trama"),
        ('{"versione": 2, "tipo": "persone", "colonne": {}}', "della versione 2"),
        ('{"versione": true, "tipo": "persone", "colonne": {}}', "della versione True"),
        ('{"versione": 1, "tipo": "utenti", "colonne": {}}', "ha un tipo sconosciuto"),
        ('{"versione": 1, "tipo": "persone", "colonne": []}', "non elenca le colonne"),
        (
            '{"versione": 1, "tipo": "persone", "colonne": {"Cognome": "password"}}',
            "assegna la colonna «Cognome» a un campo sconosciuto («password»)",
        ),
        (
            '{"versione": 1, "tipo": "persone", "colonne": {"Cognome": 3}}',
            "a un campo sconosciuto («3»)",
        ),
        (
            # A referral's field in a persons' mapping.
            '{"versione": 1, "tipo": "persone", "colonne": {"Percorso": "track"}}',
            "a un campo sconosciuto («track»)",
        ),
        (
            '{"versione": 1, "tipo": "persone", "colonne": {"A": "phone", "B": "phone"}}',
            "assegna il campo «Telefono» a più colonne",
        ),
        ("[" * 100_000 + "]" * 100_000, "JSON non valido"),
    ],
)
def test_a_file_that_is_not_a_mapping_is_refused(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "mappa.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFileError) as raised:
        load_mapping(path)
    assert message in str(raised.value)
    assert "«mappa.json»" in str(raised.value)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "enorme.json"
    with path.open("wb") as handle:
        handle.truncate(MAPPING_MAX_BYTES + 1)
    with pytest.raises(ImportFileError, match="troppo grande"):
        load_mapping(path)


def test_a_missing_or_binary_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="non si può leggere"):
        load_mapping(tmp_path / "assente.json")
    path = tmp_path / "binario.json"
    path.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(ImportFileError, match="JSON non valido"):
        load_mapping(path)


def test_trama_own_export_maps_back() -> None:
    from desktop.services.referrals.export import COLUMNS  # noqa: PLC0415

    headers = [column.header for column in COLUMNS]
    mapping = suggest_mapping(ImportKind.REFERRALS, headers)
    # What a referral's export says that no import fills: computed, or Trama's own.
    assert mapping_gaps(mapping, headers).unmapped == (
        "Stato",
        "Giorni nello stato",
        "Età",
        "Sede inviante",
    )
    assert mapping.field_of("Inviata il") == "sent_on"
    assert mapping.field_of("Categoria di invalidità") == "disability_category"


def test_a_mapping_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    mapping = ColumnMapping(ImportKind.PERSONS, {"Cognome": "last_name"})
    with pytest.raises(ImportFileError) as raised:
        save_mapping(tmp_path / "cartella-assente" / "mappa.json", mapping)
    assert str(raised.value).startswith(
        "L'associazione di colonne non si può salvare in «mappa.json» ("
    )


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Comune res.", "residence_municipality_id"),
        ("Cond. occupazionale", "employment_status"),
        ("Data segn.", "created_on"),
        ("Data concl.", "concluded_on"),
        ("Data pres. in carico", "taken_in_charge_on"),
        ("Ass. sociale", "referring_operator"),
        ("N. prat.", "source_reference"),
        ("Scadenza perm.", "permit_expiry"),
        ("Telefono fisso", "phone"),
        ("Via e n. civico", "residence_address"),
        # An abbreviation of two fields (Percorso, Percentuale) is not guessed.
        ("Perc.", None),
        ("Prov. nascita", None),
        ("Nominativo", None),
    ],
)
def test_abbreviated_headers(header: str, key: str | None) -> None:
    assert suggest_mapping(ImportKind.REFERRALS, [header]).field_of(header) == key
