"""The glossary: Italian forms the app must never show, each with the form to use instead.

Checked over the texts a user reads, where they are written (Italian strings in the Python
sources, the JSON resources, the Italian translations, the user's documentation), and over the
PDFs themselves, built from demo-like data and read back: a form that only appears once a
date, a name or a person's sex is filled in (a woman "Disoccupato", a meeting "del 11/05/2026")
shows only there. A failure names the file and line, or the document, and the right form.

Register: the Italian UI speaks in the impersonal infinitive wherever it addresses the user in
a sentence (instructions, hints, questions, messages, dialog titles that ask for something:
"Scegliere una persona nell'elenco.", "Eliminare la bozza?"); commands (buttons, menu items,
checkboxes, search fields) keep the short verb Italian software and Qt's own buttons use
("Salva", "Annulla", "Scegli…"), which is what almost every command of the app already says.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop.documents.access_register import build_access_register
from desktop.documents.agenda import build_agenda
from desktop.documents.attendance_sheet import build_attendance_sheet
from desktop.documents.audit_report import build_audit_report
from desktop.documents.formatting import fill_date, on_datetime
from desktop.documents.inputs import (
    AccessRegisterInput,
    AuditLineData,
    AuditReportInput,
    ExtractColumn,
    ExtractField,
    ExtractGroup,
    ExtractReferral,
    ExtractTable,
    PersonalDataExtractInput,
)
from desktop.documents.labels import agreeing, fill_name, it_label, with_article
from desktop.documents.minutes import build_minutes
from desktop.documents.personal_data_extract import build_personal_data_extract
from desktop.documents.privacy_notice import build_privacy_notice
from desktop.documents.project_sheet import build_project_sheet
from desktop.documents.referral_form import build_referral_form
from desktop.domain.codes import DisabilityCategory, EmploymentStatus, MinutesStatus, Sex, Track
from tests import documents_support as fake

ROOT = Path(__file__).resolve().parent.parent
_MONTHS = (
    "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre"
)


@dataclass(frozen=True)
class Wrong:
    pattern: str  # a regular expression of the wrong form
    right: str  # what to write instead
    flags: int = 0

    def finds(self, text: str) -> Iterator[re.Match[str]]:
        return re.finditer(self.pattern, text, self.flags)


# Wrong whoever the text is about.
GLOSSARY: tuple[Wrong, ...] = (
    Wrong(r"\bcoprogett", "co-progettazione, co-progettare", re.IGNORECASE),
    Wrong(r"\bTerzo Settore\b", "Terzo settore (enti del Terzo settore, ETS)"),
    Wrong(r"\bterzo settore\b", "Terzo settore"),
    Wrong(r"\bdati sensibili\b", "categorie particolari di dati (art. 9 GDPR)", re.IGNORECASE),
    Wrong(r"\bCodice Fiscale\b", "codice fiscale"),
    Wrong(r"\bCollocamento Mirato\b", "Collocamento mirato"),
    Wrong(r"\bGaranzia giovani\b", "Garanzia Giovani"),
    # A date the article joins: "dell'11/05/2026", "nell'8 maggio 2026".
    Wrong(r"\b(?:del|nel|al|dal) (?:0?8|11)/\d", "dell'11/…, dell'8/… (formatting.on_date)"),
    Wrong(rf"\b(?:del|nel|al|dal) (?:8|11) (?:{_MONTHS})\b", "dell'11 maggio (on_long_date)"),
    Wrong(r"\b(?:il|Il) (?:0?8|11)/\d", "l'11/… (formatting.on_date)"),
    Wrong(r"\bseduta del 11\b", "nella seduta dell'11…"),
    # A place takes its article: "presso la Sala consiliare".
    Wrong(r"\bpresso (?:Sala|Sede|Palazzo|Aula|Ufficio|Biblioteca)\b", "presso la Sala …"),
    # Nouns and their adjective.
    Wrong(r"Diagnosi funzionale\W+(?:non )?visionato\b", "Diagnosi funzionale: visionata"),
    Wrong(r"Relazione conclusiva\W+(?:non )?visionato\b", "Relazione conclusiva: visionata"),
    Wrong(r"\bScheda\b[^·\n]{0,90}?·\s*emesso\b", "Scheda … emessa (or documento emesso)"),
    Wrong(r"\bScheda\b[^.\n]{0,40}\bemesso il\b", "Scheda … emessa il"),
    Wrong(r"\bsegnalazione\b[^.\n]{0,20}\b(?:inviato|ricevuto|emesso)\b", "segnalazione inviata"),
)

# Wrong in running text as written (on paper a label "Codice fiscale" follows another value).
IN_SOURCES: tuple[Wrong, ...] = (
    Wrong(r"(?<=[a-zà-ù,] )Codice fiscale\b", "codice fiscale, in minuscolo nel testo"),
)

# Wrong in a document about a woman, a man, or a person whose sex is known.
FOR_A_WOMAN: tuple[Wrong, ...] = (
    Wrong(r"\b(?:Dis|In)?[Oo]ccupato\b", "Disoccupata, Inoccupata, Occupata"),
    Wrong(r"\bInattivo\b", "Inattiva"),
    Wrong(r"\bStudente\b", "Studentessa"),
    Wrong(r"\bInvalido\b", "Invalida civile, Invalida del lavoro…"),
    Wrong(r"\bSordo\b", "Sorda"),
    Wrong(r"\b[Nn]ato il\b", "nata il"),
    Wrong(r"\b[Ii]nteressato\b", "l'interessata"),
)
FOR_A_MAN: tuple[Wrong, ...] = (
    Wrong(r"\b(?:Dis|In)?[Oo]ccupata\b", "Disoccupato, Inoccupato, Occupato"),
    Wrong(r"\bStudentessa\b", "Studente"),
    Wrong(r"\bInvalida\b", "Invalido civile…"),
    Wrong(r"\b[Nn]ata il\b", "nato il"),
    # "la persona interessata" agrees with "persona", whoever the person is.
    Wrong(r"(?<!persona )\b[Ii]nteressata\b", "l'interessato"),
)
# Where the sex is known the neutral form is a slip too.
WHEN_SEX_KNOWN: tuple[Wrong, ...] = (
    Wrong(r"\b\w+o/a\b", "the form that agrees with the person's sex"),
    Wrong(r"\bStudente/studentessa\b", "Studente or Studentessa"),
)
# The register, in the Italian translations only: sentences in the impersonal infinitive.
REGISTER: tuple[Wrong, ...] = (
    Wrong(
        r"(?:^|[.!?] )(?:Scegli|Seleziona|Verifica|Inserisci|Indica|Scrivi|Premi|Controlla|"
        r"Apri|Chiudi|Salva|Aggiungi|Elimina|Riprova|Usa|Esamina|Compila|Correggi|Attendi|"
        r"Chiedi|Contatta|Ricorda|Torna)\b[^<]*[.?]$",
        "the impersonal infinitive in sentences (Scegliere…, Selezionare…, Verificare…)",
    ),
    Wrong(r"^Scegli (?:un|una|uno|i|gli|le|il|la|lo)\b", "Scegliere … (a request to the user)"),
    Wrong(r"\b(?:Suo|Sua|Suoi|Sue|tuo|tua|tuoi|tue|puoi|vuoi|devi)\b", "the impersonal: no tu/Lei"),
)


def _hits(text: str, glossary: tuple[Wrong, ...]) -> list[str]:
    found = []
    for wrong in glossary:
        for match in wrong.finds(text):
            start, end = max(0, match.start() - 30), match.end() + 30
            context = text[start:end].replace("\n", " ")
            found.append(f"«{match.group(0)}» (in «…{context}…») → {wrong.right}")
    return found


# --- (a) the texts as written --------------------------------------------------------------


def _python_strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every string constant of a module with its line, f-strings' fixed parts included."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def _sources() -> Iterator[Path]:
    yield from sorted((ROOT / "desktop").rglob("*.py"))
    yield from sorted((ROOT / "sync").rglob("*.py"))  # the server's messages are Italian too
    yield ROOT / "installer" / "build.py"


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _line_of(text: str, fragment: str) -> int:
    index = text.find(fragment[:60])
    return text.count("\n", 0, index) + 1 if index >= 0 else 0


def _translations(path: Path) -> Iterator[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    for match in re.finditer(r"<translation[^>]*>(.*?)</translation>", text, re.DOTALL):
        value = (
            match.group(1)
            .replace("&apos;", "'")
            .replace("&quot;", '"')
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;&amp;", "\x00")
            .replace("&amp;", "")  # the mnemonic's marker
            .replace("\x00", "&")
        )
        yield text.count("\n", 0, match.start()) + 1, value


def source_problems() -> list[str]:
    problems: list[str] = []
    for path in _sources():
        for line, value in _python_strings(path):
            problems += [
                f"{path.relative_to(ROOT)}:{line}: {hit}"
                for hit in _hits(value, GLOSSARY + IN_SOURCES)
            ]
    for path in sorted(
        [*(ROOT / "resources").rglob("*.json"), ROOT / "sync/server/demo_reference.json"]
    ):
        text = path.read_text(encoding="utf-8")
        for value in _json_strings(json.loads(text)):
            problems += [
                f"{path.relative_to(ROOT)}:{_line_of(text, value)}: {hit}"
                for hit in _hits(value, GLOSSARY)
            ]
    for path in sorted((ROOT / "resources" / "translations").glob("*_it.ts")):
        for line, value in _translations(path):
            problems += [
                f"{path.relative_to(ROOT)}:{line}: {hit}"
                for hit in _hits(value, GLOSSARY + IN_SOURCES + REGISTER)
            ]
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    documents += sorted((ROOT / "resources").rglob("*.md"))
    for path in documents:
        for line, value in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            problems += [
                f"{path.relative_to(ROOT)}:{line}: {hit}" for hit in _hits(value, GLOSSARY)
            ]
    return problems


def test_no_wrong_form_in_the_texts_as_written() -> None:
    problems = source_problems()
    assert not problems, "Wrong Italian forms:\n" + "\n".join(problems)


def test_the_glossary_finds_what_it_is_meant_to_find() -> None:
    """Each known slip is caught, and its right form is not."""
    slips = (
        "Tavolo di coprogettazione", "enti del Terzo Settore", "Includi dati sensibili",
        "nella seduta del 11/05/2026", "Verbale del 08/05/2026", "convocata il 11/05/2026",
        "presso Sala consiliare", "Diagnosi funzionale visionato il 02/03/2026",
        "Scheda di segnalazione n. 2026/000123 · emesso il 27/11/2026",
        "fino al 8 maggio 2026",
    )  # fmt: skip
    for slip in slips:
        assert _hits(slip, GLOSSARY), slip
    rights = (
        "Tavolo di co-progettazione", "enti del Terzo settore", "categorie particolari di dati",
        "nella seduta dell'11/05/2026", "Verbale dell'08/05/2026", "nella seduta del 12/05/2026",
        "presso la Sala consiliare", "Diagnosi funzionale visionata il 02/03/2026",
        "Scheda di segnalazione n. 2026/000123 · documento emesso il 27/11/2026",
        "dal 18/11/2026 al 20/11/2026", "Verbale di accertamento: visionato il 10/11/2026",
    )  # fmt: skip
    for right in rights:
        assert not _hits(right, GLOSSARY), right
    assert _hits("Condizione occupazionale Disoccupato", FOR_A_WOMAN)
    assert _hits("Invalido civile (oltre 45%)", FOR_A_WOMAN)
    assert not _hits("Disoccupata · Invalida civile (oltre 45%)", FOR_A_WOMAN)
    assert _hits("Disoccupato/a", WHEN_SEX_KNOWN)
    assert _hits("Scegli un contatto dalla rubrica", REGISTER)
    assert _hits("Seleziona una riga per leggere la regola.", REGISTER)
    assert not _hits("Scegli…", REGISTER)
    assert not _hits("Scegliere una persona nell'elenco.", REGISTER)


# --- (b) the documents as printed ------------------------------------------------------------

WOMAN = replace(
    fake.PERSON,
    fiscal_code="FRRGLI98M51L682X",
    last_name="Ferrari",
    first_name="Giulia",
    sex=Sex.FEMALE,
    employment_status=EmploymentStatus.UNEMPLOYED,
)
MAN = replace(fake.PERSON, employment_status=EmploymentStatus.NEVER_EMPLOYED)
# Days that take an elided article: written on the 11th, sent on the 8th.
NEET_ON_THE_11TH = replace(
    fake.NEET, created_on=date(2026, 5, 11), sent_on=date(2026, 6, 8), privacy_notice_on=None
)
CMD_WOMAN = replace(
    fake.CMD,
    created_on=date(2026, 5, 8),
    sent_on=None,
    doc_functional_diagnosis_seen=True,
    doc_functional_diagnosis_on=date(2026, 5, 11),
    doc_final_report_seen=False,
    disability_category=DisabilityCategory.CIVIL_INVALID,
)
MEETING_ON_THE_11TH = replace(
    fake.meeting(status=MinutesStatus.APPROVED),
    held_on=date(2026, 5, 11),
    convocation_on=date(2026, 5, 8),
    protocol_number="2026/15001",
    protocol_on=date(2026, 5, 11),
    next_meeting_on=date(2026, 6, 8),
    approved_in_meeting_on=date(2026, 6, 8),
    place="Sala consiliare, Via dei Bersaglieri 1, Varese",
)
PROJECT_ON_THE_11TH = replace(
    fake.PROJECT,
    start_decision="Determina n. 45",
    start_decision_on=date(2026, 1, 11),
    notice_on=date(2026, 2, 8),
    approval_decision="Determina n. 97",
    approval_decision_on=date(2026, 4, 11),
)
CREATED = datetime(2026, 6, 11, 8, 0, tzinfo=UTC)


def _extract(sex: Sex) -> PersonalDataExtractInput:
    person = ExtractGroup(
        "dati_anagrafici",
        "Dati anagrafici",
        (
            ExtractField("cognome", "Cognome", "Ferrari"),
            ExtractField("sesso", "Sesso", sex),
            ExtractField(
                "condizione_occupazionale", "Condizione occupazionale", EmploymentStatus.EMPLOYED
            ),
        ),
    )
    referral = ExtractReferral(
        number="2026/000124",
        title="Segnalazione n. 2026/000124 – Collocamento mirato",
        groups=(
            ExtractGroup(
                "collocamento_mirato",
                "Collocamento mirato",
                (
                    ExtractField(
                        "categoria_invalidita", "Categoria", DisabilityCategory.WORK_INVALID
                    ),
                ),
            ),
        ),
        tables=(),
    )
    accesses = ExtractTable(
        "accessi",
        "Registro degli accessi",
        (ExtractColumn("quando", "Data e ora"), ExtractColumn("chi", "Operatore")),
        ((datetime(2026, 5, 11, 9, 0, tzinfo=UTC), "a.rossi"),),
    )
    return PersonalDataExtractInput(
        issuer=fake.ISSUER,
        texts=fake.TEXTS,
        created_at=CREATED,
        person_name="Giulia Ferrari",
        fiscal_code=WOMAN.fiscal_code,
        person=(person,),
        referrals=(referral,),
        tables=(),
        accesses=accesses,
    )


def _audit_lines() -> tuple[AuditLineData, ...]:
    return (
        AuditLineData(
            at=datetime(2026, 5, 11, 9, 0, tzinfo=UTC),
            operator="a.rossi",
            workstation="PC-01",
            action="open_person",
            entity="person",
            entity_id="p-1",
        ),
    )


# (document, builder, the person's sex where the document is about one person)
DOCUMENTS: tuple[tuple[str, Callable[[], bytes], Sex | None], ...] = (
    (
        "scheda di segnalazione NEET di una donna",
        lambda: build_referral_form(fake.referral_form(NEET_ON_THE_11TH, WOMAN)),
        Sex.FEMALE,
    ),
    (
        "scheda di segnalazione CMD di una donna",
        lambda: build_referral_form(fake.referral_form(CMD_WOMAN, WOMAN)),
        Sex.FEMALE,
    ),
    (
        "scheda di segnalazione NEET di un uomo",
        lambda: build_referral_form(fake.referral_form(NEET_ON_THE_11TH, MAN)),
        Sex.MALE,
    ),
    (
        "scheda di segnalazione CMD di un uomo",
        lambda: build_referral_form(fake.referral_form(CMD_WOMAN, MAN)),
        Sex.MALE,
    ),
    (
        "scheda progetto",
        lambda: build_project_sheet(replace(fake.project_sheet(), project=PROJECT_ON_THE_11TH)),
        None,
    ),
    (
        "estratto dei dati personali di una donna",
        lambda: build_personal_data_extract(_extract(Sex.FEMALE)),
        Sex.FEMALE,
    ),
    (
        "estratto dei dati personali di un uomo",
        lambda: build_personal_data_extract(_extract(Sex.MALE)),
        Sex.MALE,
    ),
    (
        "registro degli accessi",
        lambda: build_access_register(
            AccessRegisterInput(
                issuer=fake.ISSUER,
                person_id="p-1",
                person_name="Ferrari Giulia",
                fiscal_code=WOMAN.fiscal_code,
                lines=_audit_lines(),
                created_at=CREATED,
                issued_by="Anna Müller-Peña",
                since=date(2026, 5, 11),
                until=date(2026, 6, 8),
            )
        ),
        None,
    ),
    (
        "registro delle operazioni",
        lambda: build_audit_report(
            AuditReportInput(
                issuer=fake.ISSUER,
                lines=_audit_lines(),
                filters=(("Dal", "11/05/2026"),),
                created_at=CREATED,
                exported_by="Anna Müller-Peña",
            )
        ),
        None,
    ),
    ("verbale", lambda: build_minutes(fake.meeting_document(MEETING_ON_THE_11TH)), None),
    (
        "foglio presenze",
        lambda: build_attendance_sheet(fake.meeting_document(MEETING_ON_THE_11TH)),
        None,
    ),
    ("convocazione", lambda: build_agenda(fake.meeting_document(MEETING_ON_THE_11TH)), None),
    ("informativa privacy", lambda: build_privacy_notice(fake.privacy_notice()), None),
)


def document_problems(name: str, build: Callable[[], bytes], sex: Sex | None) -> list[str]:
    text = fake.text_of(build())
    glossary = GLOSSARY
    if sex is Sex.FEMALE:
        glossary += FOR_A_WOMAN + WHEN_SEX_KNOWN
    elif sex is Sex.MALE:
        glossary += FOR_A_MAN + WHEN_SEX_KNOWN
    return [f"{name}: {hit}" for hit in _hits(text, glossary)]


@pytest.mark.parametrize(
    ("name", "build", "sex"), DOCUMENTS, ids=[name for name, _build, _sex in DOCUMENTS]
)
def test_no_wrong_form_in_the_printed_documents(
    name: str, build: Callable[[], bytes], sex: Sex | None
) -> None:
    problems = document_problems(name, build, sex)
    assert not problems, "Wrong Italian forms:\n" + "\n".join(problems)


def test_the_forms_of_a_woman_and_a_man_agree_with_them() -> None:
    woman = fake.text_of(build_referral_form(fake.referral_form(CMD_WOMAN, WOMAN)))
    for right in ("Disoccupata", "Invalida civile (oltre 45%)", "all'interessata"):
        assert right in woman
    assert "Diagnosi funzionale visionata l'11/05/2026" in woman
    assert "Relazione conclusiva non visionata" in woman
    assert "Segnalazione n. 2026/000124 dell'08/05/2026" in woman
    man = fake.text_of(build_referral_form(fake.referral_form(NEET_ON_THE_11TH, MAN)))
    assert "Inoccupato" in man
    # Counted to the day it was sent (08/06/2026), not to the day of printing.
    assert "dal 01/06/2025, 12 mesi all'08/06/2026" in man
    assert "Segnalazione n. 2026/000123 dell'11/05/2026 · inviata l'08/06/2026" in man


# --- the helpers the documents and screens use --------------------------------------------


def test_labels_of_the_person_agree_with_the_person_and_are_neutral_when_unknown() -> None:
    unemployed, deaf = EmploymentStatus.UNEMPLOYED, DisabilityCategory.DEAF
    assert it_label(unemployed, Sex.FEMALE) == "Disoccupata"
    assert it_label(unemployed, Sex.MALE) == "Disoccupato"
    assert it_label(unemployed) == "Disoccupato/a"
    assert it_label(EmploymentStatus.STUDENT, Sex.FEMALE) == "Studentessa"
    assert it_label(deaf, Sex.FEMALE) == "Sorda"
    assert it_label(DisabilityCategory.BLIND, Sex.FEMALE) == "Non vedente"
    assert it_label(DisabilityCategory.CIVIL_INVALID, Sex.FEMALE) == "Invalida civile (oltre 45%)"
    # Codes that do not describe the person ignore the sex.
    assert it_label(Track.NEET, Sex.FEMALE) == "NEET"
    assert agreeing(Sex.FEMALE, "nato", "nata") == "nata"
    assert agreeing(None, "nato", "nata") == "nato/a"
    assert (with_article("Ambito territoriale di Saronno"), with_article("Provincia di Varese"),
            with_article("Comune di Luino"), with_article("Studio Rossi")) == (
        "l'Ambito territoriale di Saronno", "la Provincia di Varese", "il Comune di Luino",
        "Studio Rossi",
    )  # fmt: skip


def test_names_of_bodies_join_the_preposition_before_them() -> None:
    assert fill_name("da %1", "%1", "Ambito territoriale di Saronno") == (
        "dall'Ambito territoriale di Saronno"
    )
    assert fill_name("a %1", "%1", "Centro per l'Impiego di Varese") == (
        "al Centro per l'Impiego di Varese"
    )
    assert fill_name("Da %1", "%1", "Provincia di Varese") == "Dalla Provincia di Varese"
    assert fill_name("to %1", "%1", "Provincia di Varese") == "to Provincia di Varese"
    assert fill_name("a %1", "%1", "Studio Rossi") == "a Studio Rossi"


def test_dates_join_the_article_of_the_sentence_they_are_put_in() -> None:
    eleventh, eighth, twelfth = date(2026, 5, 11), date(2026, 6, 8), date(2026, 5, 12)
    assert fill_date("Aggiornato il %1 alle %2", "%1", eleventh, "11/05") == (
        "Aggiornato l'11/05 alle %2"
    )
    assert fill_date("il backup del %1", "%1", eighth) == "il backup dell'08/06/2026"
    assert fill_date("seduta del %3", "%3", twelfth) == "seduta del 12/05/2026"
    assert fill_date("nata il %2 · %3 anni", "%2", eleventh) == "nata l'11/05/2026 · %3 anni"
    assert fill_date("born on %1", "%1", eleventh) == "born on 11/05/2026"
    assert fill_date("scade il %1", "%1", None) == "scade il "
    assert on_datetime("", datetime(2026, 5, 11, 8, 30, tzinfo=UTC)) == "l'11/05/2026 alle 10:30"
