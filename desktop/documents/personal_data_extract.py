"""The estratto dei dati personali (GDPR art. 15), as a PDF, and its JSON twin (art. 20).

A cover paragraph (what the extract is, when and by whom it was issued), the controller's and
the DPO's contacts, purposes, recipients and retention as the privacy notice gives them
(``PrivacyTexts``, the same source as the printed informativa), then the person's data by
section, each referral with its status history, path actions and handling, the privacy
notices handed over, the projects, the documents issued, the access log and the rights left
to exercise. The JSON carries the same content, with codes beside their Italian labels and
ISO dates, for a person who wants to take their data elsewhere.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from desktop.documents.blocks import (
    data_table,
    escape,
    long_text,
    section,
    signature_block,
    spacer,
    subsection,
    title_block,
    together_if_short,
)
from desktop.documents.fields import Field, field_grid
from desktop.documents.formatting import (
    by_whom,
    format_date,
    format_time,
    local_datetime,
    on_date,
    on_long_date,
)
from desktop.documents.inputs import (
    ExtractGroup,
    ExtractTable,
    ExtractValue,
    LabelledCode,
    PersonalDataExtractInput,
)
from desktop.documents.labels import ITALIAN, agreeing, it_label, with_article
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.privacy_notice import COMPLAINT, DATA_AND_SOURCE, PURPOSES, RIGHTS
from desktop.documents.styles import BODY, BODY_SMALL, NOTE_ITALIC, SUBSECTION
from desktop.domain.codes import Sex

TITLE = "Estratto dei dati personali"
LEGAL_REFERENCE = "ai sensi dell'art. 15 del Regolamento (UE) 2016/679 (GDPR)"
JSON_FORMAT = "trama.estratto-dati-personali/1"
# A value this long gets a row of the grid to itself.
WIDE_VALUE = 42


def portability(sex: Sex | None) -> str:
    person = agreeing(sex, "l'interessato", "l'interessata")
    return (
        "Il file in formato JSON che accompagna questo estratto contiene gli stessi dati in un "
        "formato strutturato, di uso comune e leggibile da dispositivo automatico, che "
        f"{person} può trasmettere a un altro titolare (art. 20 del Regolamento)."
    )


def agreeing_text(text: str, sex: Sex | None) -> str:
    """A text of the privacy notice, written for anyone ("l'interessato/a"), made to agree
    with the one person the extract is about."""
    text = text.replace("lo/la ", agreeing(sex, "lo ", "la ", "lo/la "))
    return text.replace(
        "interessato/a", agreeing(sex, "interessato", "interessata", "interessato/a")
    )


def person_sex(data: PersonalDataExtractInput) -> Sex | None:
    """The person's sex as the extract's own data give it, for the words that agree with it."""
    for group in data.person:
        for item in group.fields:
            if isinstance(item.value, Sex):
                return item.value
    return None


# --- values as printed and as exported --------------------------------------------------------


def printed(value: ExtractValue, sex: Sex | None = None) -> str:
    """A value as the PDF shows it: labels for codes (agreeing with the person's ``sex`` where
    they describe the person), gg/mm/aaaa, "sì"; "" for nothing."""
    if value is None or value is False:
        return ""
    if value is True:
        return "sì"
    if isinstance(value, LabelledCode):
        return value.label
    if isinstance(value, StrEnum):
        return it_label(value, sex)
    if isinstance(value, datetime):
        local = local_datetime(value)
        return f"{format_date(local.date())} {format_time(local.time())}"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, tuple):
        return "; ".join(printed(item, sex) for item in value if item)
    return str(value)


def exported(value: ExtractValue) -> Any:
    """A value as the JSON holds it: codes with their labels, ISO dates, lists as lists."""
    if isinstance(value, LabelledCode):
        return {"codice": value.code, "etichetta": value.label}
    if isinstance(value, StrEnum):
        label = it_label(value) if type(value) in ITALIAN else value.value
        return {"codice": value.value, "etichetta": label}
    if isinstance(value, datetime):
        return local_datetime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [exported(item) for item in value]
    if isinstance(value, str):
        return value or None
    return value


# --- the PDF -----------------------------------------------------------------------------------


def _grid(group: ExtractGroup, width: float, sex: Sex | None) -> Flowable | None:
    fields = []
    for item in group.fields:
        text = printed(item.value, sex)
        fields.append(Field(item.label, text, wide=len(text) > WIDE_VALUE))
    return field_grid(fields, width)


def _group(group: ExtractGroup, width: float, sex: Sex | None) -> list[Flowable]:
    grid = _grid(group, width, sex)
    if grid is None:
        return []
    return together_if_short([*subsection(group.title), grid], rows=0)


def _table(table: ExtractTable, width: float, sex: Sex | None) -> list[Flowable]:
    heading = subsection(table.title)
    if not table.rows:
        return [*heading, Paragraph(escape(table.empty), BODY_SMALL)]
    total = sum(column.share for column in table.columns)
    widths = [width * column.share / total for column in table.columns]
    rows = [[printed(value, sex) for value in row] for row in table.rows]
    grid = data_table([column.header for column in table.columns], rows, widths)
    return together_if_short([*heading, grid], rows=len(rows))


def _cover(data: PersonalDataExtractInput) -> list[Flowable]:
    issued_on = on_long_date("di", local_datetime(data.created_at).date())
    name = escape(data.issuer.name)
    # The article outside the bold, as the name is: "che l'<b>Ambito …</b> conserva".
    issuer = escape(with_article(data.issuer.name)).removesuffix(name) + f"<b>{name}</b>"
    person = agreeing(person_sex(data), "dell'interessato", "dell'interessata")
    return [
        Paragraph(
            f"Questo estratto riporta tutti i dati personali che {issuer} conserva "
            "nell'applicazione Trama, presso questa sede, sulla persona indicata sopra, alla "
            f"data <b>{issued_on}</b>: i dati anagrafici e di contatto, le "
            "segnalazioni ai servizi per il lavoro con la loro storia, le informative "
            "consegnate, i progetti, i documenti emessi e l'elenco di chi ha consultato o "
            "modificato i dati. È rilasciato in risposta alla richiesta di accesso "
            f"{person} ai sensi dell'art. 15 del Regolamento (UE) 2016/679.",
            BODY,
        ),
        Paragraph(
            "I dati conservati da altri uffici (il Centro per l'Impiego, altri Ambiti, gli "
            "enti del percorso) nei propri sistemi vanno richiesti ai rispettivi titolari.",
            BODY,
        ),
    ]


def _notice_parts(data: PersonalDataExtractInput) -> list[Flowable]:
    texts = data.texts
    return [
        *section("1. Titolare del trattamento e responsabile della protezione dei dati"),
        *long_text(texts.controller),
        *long_text(texts.dpo),
        *section("2. Finalità, destinatari e conservazione"),
        Paragraph("I dati sono trattati per:", BODY),
        *[
            Paragraph(escape(text), BODY, bulletText=f"{letter})")
            for letter, text in zip("abc", PURPOSES, strict=True)
        ],
        *long_text(texts.recipients),
        *long_text(texts.retention),
        Paragraph(agreeing_text(DATA_AND_SOURCE, person_sex(data)), BODY),
    ]


def extract_story(data: PersonalDataExtractInput, width: float) -> list[Flowable]:
    issued_on = on_date("", local_datetime(data.created_at).date())
    sex = person_sex(data)
    lines = [
        f"<b>{LEGAL_REFERENCE}</b>",
        f"{agreeing(sex, 'Interessato', 'Interessata')}: <b>{escape(data.person_name)}</b>",
        f"Codice fiscale: <b>{escape(data.fiscal_code)}</b>" if data.fiscal_code else "",
        f"Emesso {issued_on} {by_whom(with_article(escape(data.issuer.name)))}",
    ]
    story: list[Flowable] = [
        title_block(TITLE, lines, width, protocol=""),
        *_cover(data),
        *_notice_parts(data),
        *section("3. Dati della persona"),
    ]
    for group in data.person:
        story += _group(group, width, sex)
    # The heading goes with the first referral: never alone at the foot of a page.
    story.append(CondPageBreak(70 * mm))
    story += section("4. Segnalazioni")
    if not data.referrals:
        story.append(Paragraph("Nessuna segnalazione riguarda la persona.", BODY))
    for index, referral in enumerate(data.referrals, start=1):
        if index > 1:
            story.append(spacer(3 * mm))
            # A referral's heading never ends a page alone (the first one's goes with "4.").
            story.append(CondPageBreak(60 * mm))
        story.append(Paragraph(f"4.{index} {escape(referral.title)}", SUBSECTION))
        for group in referral.groups:
            story += _group(group, width, sex)
        for table in referral.tables:
            story += _table(table, width, sex)
    story.append(spacer(2 * mm))
    story.append(
        Paragraph(
            "Delle segnalazioni al Collocamento mirato sono conservate solo la categoria e la "
            "percentuale di invalidità e le date degli atti: nessuna diagnosi.",
            NOTE_ITALIC,
        )
    )
    story += section("5. Informative, progetti e documenti")
    for table in data.tables:
        story += _table(table, width, sex)
    story += section("6. Registro degli accessi")
    story.append(
        Paragraph(
            "Ogni consultazione, stampa, esportazione o modifica dei dati della persona e delle "
            "sue segnalazioni è registrata con l'account del sistema operativo, la postazione "
            "e la sede da cui è stata fatta.",
            BODY,
        )
    )
    accesses = data.accesses
    story += _table(accesses, width, sex)
    rights_of = agreeing(sex, "dell'interessato", "dell'interessata")
    story += section(f"7. Diritti {rights_of}")
    story += [
        Paragraph(agreeing_text(RIGHTS, sex), BODY),
        Paragraph(portability(sex), BODY),
        Paragraph(COMPLAINT, BODY),
        signature_block([("Per il Titolare del trattamento", "")], width / 2),
    ]
    return story


def document_reference(data: PersonalDataExtractInput) -> str:
    return f"{TITLE} · {data.person_name}"


def build_personal_data_extract(data: PersonalDataExtractInput) -> bytes:
    """The PDF. Not refused for a restricted person: answering an access request is what a
    restriction (art. 18) still allows, and the person is the one who receives it."""
    setup = PageSetup(
        issuer=data.issuer,
        title=f"{TITLE} (art. 15 GDPR)",
        reference=document_reference(data),
        subject=f"{TITLE} di {data.person_name}",
        created_at=data.created_at,
        keywords="estratto, accesso, art. 15, GDPR",
    )
    return render_pdf(setup, lambda width: extract_story(data, width))


# --- the JSON ----------------------------------------------------------------------------------


def _group_json(group: ExtractGroup) -> dict[str, Any]:
    return {item.key: exported(item.value) for item in group.fields}


def _table_json(table: ExtractTable) -> list[dict[str, Any]]:
    keys = [column.key for column in table.columns]
    return [
        {key: exported(value) for key, value in zip(keys, row, strict=True)} for row in table.rows
    ]


def extract_json(data: PersonalDataExtractInput) -> dict[str, Any]:
    """The extract as plain JSON values; the keys are Italian, as the PDF's headings."""
    texts = data.texts
    return {
        "formato": JSON_FORMAT,
        "documento": TITLE,
        "riferimento_normativo": "Regolamento (UE) 2016/679, artt. 15 e 20",
        "emesso_il": local_datetime(data.created_at).isoformat(timespec="seconds"),
        "emesso_da": data.issuer.name,
        "titolare_del_trattamento": texts.controller,
        "responsabile_protezione_dati": texts.dpo,
        "finalita": list(PURPOSES),
        "destinatari": texts.recipients,
        "conservazione": texts.retention,
        "versione_informativa": texts.version,
        "persona": {group.key: _group_json(group) for group in data.person},
        "segnalazioni": [
            {
                "numero": referral.number,
                **{group.key: _group_json(group) for group in referral.groups},
                **{table.key: _table_json(table) for table in referral.tables},
            }
            for referral in data.referrals
        ],
        **{table.key: _table_json(table) for table in data.tables},
        data.accesses.key: _table_json(data.accesses),
    }


def build_personal_data_extract_json(data: PersonalDataExtractInput) -> bytes:
    """UTF-8 JSON, indented for a person to read too; accents kept as they are."""
    text = json.dumps(extract_json(data), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def extract_file_stem(person_name: str, day: date) -> str:
    """A file name without extension, the same for the PDF and the JSON: the name and the
    day, never the codice fiscale (file names end up in lists and e-mails)."""
    name = re.sub(r"[^0-9A-Za-z]+", "-", person_name).strip("-").lower() or "persona"
    return f"estratto-dati-personali-{name[:40]}-{day.isoformat()}"
