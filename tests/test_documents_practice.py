"""Issue 17 on paper: the CMD form prints the two acts apart and the placement indications as
Italian labels; the legal representative is printed and signs; a minor is flagged; the NEET
health codes print on the form (the CPI needs them) with their art. 9 note; the privacy notice
names the representative and says health data are processed for NEET referrals too."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.documents.privacy_notice import build_privacy_notice
from desktop.documents.referral_form import build_referral_form
from desktop.domain.codes import DisabilityCategory, LegalRepresentativeKind
from tests import documents_support as fake

CMD = replace(
    fake.CMD,
    disability_category=DisabilityCategory.SERVICE_INVALID,
    disability_percentage=None,
    invalidity_revision_on=date(2027, 2, 12),
    compatible_tasks=("administrative", "data_entry"),
    placement_supports=("company_tutor", "no_night_work"),
    placement_notes="Preferibile orario diurno, raggiungibile con i mezzi pubblici.",
    doc_functional_diagnosis_seen=True,
    doc_functional_diagnosis_on=date(2024, 3, 1),
)
GUARDED = replace(
    fake.PERSON,
    representative_kind=LegalRepresentativeKind.SUPPORT_ADMINISTRATOR,
    representative_name="Carla Bianchi",
    representative_tax_code="BNCCRL70A41L682X",
    representative_phone="0332 765432",
    representative_email="carla.bianchi@example.org",
    representative_act="Decreto del Tribunale di Varese n. 123/2025",
    representative_act_on=date(2025, 4, 2),
)
MINOR = replace(
    fake.PERSON,
    birth_date=date(2009, 8, 4),
    representative_kind=LegalRepresentativeKind.PARENT,
    representative_name="Paola Łukasiewicz",
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_cmd_form_prints_the_two_acts_apart_and_labelled_indications() -> None:
    text = _flat(fake.text_of(build_referral_form(fake.referral_form(CMD, GUARDED))))
    invalidity = text.index("Invalidità civile")
    assessment = text.index("Accertamento L. 68/1999 (collocamento mirato)")
    indications = text.index("Indicazioni per il collocamento")
    assert invalidity < assessment < indications
    civil = text[invalidity:assessment]
    assert "Invalido per servizio" in civil or "Invalido/a per servizio" in civil
    assert "Verbale di invalidità civile del 12/02/2024" in civil
    assert "Revisione prevista il 12/02/2027" in civil
    l68 = text[assessment:indications]
    assert "Verbale di accertamento L. 68/1999 visionato il 10/11/2026" in l68
    assert "Diagnosi funzionale visionata il 01/03/2024" in l68
    assert "Iscrizione negli elenchi L. 68/1999 01/04/2024" in l68
    # The old duplicate labels are gone.
    assert "Data del verbale di accertamento" not in text
    placement = text[indications:]
    for label in ("Lavoro d'ufficio e amministrativo", "Inserimento dati", "Tutor aziendale",
                  "Niente lavoro notturno", "Preferibile orario diurno"):  # fmt: skip
        assert label in placement, label
    for code in ("administrative", "data_entry", "company_tutor", "no_night_work"):
        assert code not in text


def test_the_representative_is_printed_and_signs_the_form() -> None:
    text = _flat(fake.text_of(build_referral_form(fake.referral_form(CMD, GUARDED))))
    part = text[text.index("Rappresentante legale") :]
    assert "Amministratore di sostegno" in part
    assert "BNCCRL70A41L682X" in part
    assert "Decreto del Tribunale di Varese n. 123/2025 del 02/04/2025" in part
    assert "Firma dell'amministratore di sostegno" in text
    assert "Carla Bianchi, per Nicolò Łukasiewicz" in text
    assert "Minorenne" not in text  # an adult under a measure is no minor
    plain = _flat(fake.text_of(build_referral_form(fake.referral_form(CMD))))
    assert "Rappresentante legale" not in plain and "Firma del" not in plain


def test_a_minor_is_flagged_on_the_form_and_the_parent_signs() -> None:
    text = _flat(fake.text_of(build_referral_form(fake.referral_form(fake.NEET, MINOR))))
    assert "Minorenne: diritto-dovere all'istruzione e alla formazione fino a 18 anni" in text
    assert "Firma del genitore" in text
    assert "Paola Łukasiewicz, per Nicolò Łukasiewicz" in text


def test_health_codes_print_on_the_form_with_their_note() -> None:
    referral = replace(fake.NEET, needs=("orientation", "health"), other_services=("addiction",))
    text = _flat(fake.text_of(build_referral_form(fake.referral_form(referral))))
    assert "Salute" in text and "Dipendenze (SerD)" in text
    assert "riguardano la salute (categorie particolari di dati" in text
    calm = replace(fake.NEET, needs=("orientation",), other_services=("school",))
    assert "riguardano la salute" not in _flat(
        fake.text_of(build_referral_form(fake.referral_form(calm)))
    )


def test_the_privacy_notice_names_the_representative_who_signs() -> None:
    data = replace(
        fake.privacy_notice(),
        representative_kind=LegalRepresentativeKind.PARENT,
        representative_name="Paola Łukasiewicz",
    )
    text = _flat(fake.text_of(build_privacy_notice(data)))
    assert "Firma del genitore" in text
    assert "Paola Łukasiewicz, per Nicolò Łukasiewicz" in text
    assert "Firma il rappresentante legale indicato" in text
    assert fake.page_count(build_privacy_notice(data)) == fake.page_count(
        build_privacy_notice(fake.privacy_notice())
    )
    plain = _flat(fake.text_of(build_privacy_notice(fake.privacy_notice())))
    assert "Per i minori di 18 anni firma chi esercita la responsabilità genitoriale" in plain
    assert "Firma del genitore" not in plain


def test_the_neet_notice_lists_health_data_among_the_categories_of_data() -> None:
    text = _flat(fake.text_of(build_privacy_notice(fake.privacy_notice())))
    assert "informazioni relative alla salute, che sono categorie particolari di dati" in text
    assert "rappresentante legale quando c'è" in text
