"""The recovery key's sheet: one A4 page for the office safe or IT, printed when a data folder
is created (or its plain store encrypted) and whenever the user asks again.

It carries the key in big type, one group of four characters per cell so that a column is
never misread, the folder and PC it belongs to, and in plain Italian what it is for and how to
use it (``trama recover`` or the dialog at start). It is not an issued document: it names no
person and is neither recorded nor written into the data folder (the UI prints it or saves it
where the user chooses).
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from desktop.documents.blocks import (
    escape,
    section,
    spacer,
    table_style,
    title_block,
)
from desktop.documents.fonts import SANS_BOLD
from desktop.documents.formatting import format_datetime
from desktop.documents.inputs import Issuer, RecoverySheetInput
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.styles import ACCENT, BODY, BODY_LEFT, BODY_SMALL, CELL, CELL_BOLD, INK, TINT

TITLE = "Chiave di recupero dell'archivio di Trama"
GROUPS_PER_ROW = 7
KEY_STYLE = ParagraphStyle(
    "recovery-key", fontName=SANS_BOLD, fontSize=17, leading=22, textColor=INK,
    alignment=TA_CENTER,
)  # fmt: skip
STEP = ParagraphStyle("recovery-step", parent=BODY_LEFT, leftIndent=8 * mm)
KEEP_WARNING = ParagraphStyle(
    "recovery-warning", parent=BODY, fontName=SANS_BOLD, fontSize=10, leading=13,
    textColor=ACCENT, alignment=TA_CENTER, spaceBefore=3,
)  # fmt: skip

PURPOSE = (
    "I dati di Trama su questo computer sono cifrati. La chiave che li apre è custodita nel "
    "portachiavi dell'utente di Windows (Gestione credenziali) e Trama la usa da sola, senza "
    "chiederla. Può però andare perduta: un nuovo profilo di Windows, un computer reinstallato "
    "o riparato, la cartella dei dati spostata o copiata su un altro computer. In quei casi "
    "Trama chiede la chiave di recupero: senza di essa i dati non si possono più aprire, "
    "da nessuno."
)
KEEPING = (
    "Chi ha questo foglio e una copia della cartella dei dati può leggere tutti i dati delle "
    "persone seguite: va custodito come le chiavi dell'ufficio, in cassaforte o presso "
    "l'assistenza informatica dell'ente. Non tenerlo accanto al computer, non fotografarlo, "
    "non salvarlo sul computer né inviarlo per posta elettronica."
)
TYPING = (
    "Maiuscole e minuscole, spazi e trattini non contano; se un carattere è sbagliato, Trama "
    "lo dice prima di provare la chiave. Le cifre 0, 1 e 8 non compaiono mai: sono le lettere "
    "O, I e B."
)


def _key_table(text: str, width: float) -> Table:
    groups = text.split("-")
    rows = [
        groups[start : start + GROUPS_PER_ROW] for start in range(0, len(groups), GROUPS_PER_ROW)
    ]
    rows[-1] += [""] * (GROUPS_PER_ROW - len(rows[-1]))
    cells = [[Paragraph(escape(group), KEY_STYLE) for group in row] for row in rows]
    return Table(
        cells,
        colWidths=[width / GROUPS_PER_ROW] * GROUPS_PER_ROW,
        style=table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                # Four of the widest letters (WWWW) still fit a cell on one line.
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        ),
    )


def _details(data: RecoverySheetInput, width: float) -> Table:
    rows = [
        ("Cartella dei dati", data.data_dir),
        ("Computer", data.computer),
        ("Utente", data.user),
        ("Ufficio", data.office),
        ("Foglio stampato il", format_datetime(data.created_at)),
        ("Impronta della chiave", f"{data.fingerprint} (riconosce il foglio; non apre nulla)"),
    ]
    label_width = 42 * mm
    return Table(
        [
            [Paragraph(escape(label), CELL), Paragraph(escape(value), CELL_BOLD)]
            for label, value in rows
            if value
        ],
        colWidths=[label_width, width - label_width],
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, TINT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ]
        ),
        hAlign="LEFT",
    )


def recovery_sheet_story(data: RecoverySheetInput, width: float) -> list[Flowable]:
    command = escape(f'trama recover --data-dir "{data.data_dir}"')
    steps = [
        "All'avvio, quando Trama dice che la chiave dell'archivio non è disponibile, scrivere "
        "la chiave di recupero nella finestra che compare e confermare.",
        "Oppure, dall'assistenza informatica, in un terminale:"
        f'<br/><font name="{SANS_BOLD}" size="9.5">{command}</font><br/>'
        "e scrivere la chiave quando è richiesta (negli script: --recovery-key-file FILE).",
        "Trama verifica che la chiave apra l'archivio e solo allora la rimette nel portachiavi "
        "dell'utente: da quel momento si apre come sempre. Una chiave sbagliata non modifica "
        "nulla.",
    ]
    return [
        title_block(
            TITLE,
            ["<b>Da conservare in cassaforte o presso l'assistenza informatica</b>"],
            width,
        ),
        KeepTogether(
            [
                _key_table(data.recovery_text, width),
                Paragraph("Mai sullo stesso computer dei dati.", KEEP_WARNING),
            ]
        ),
        spacer(4 * mm),
        _details(data, width),
        *section("A cosa serve"),
        Paragraph(PURPOSE, BODY),
        *section("Come si usa"),
        *[
            Paragraph(step, STEP, bulletText=f"{number}.")
            for number, step in enumerate(steps, start=1)
        ],
        Paragraph(TYPING, BODY_SMALL),
        *section("Come custodirla"),
        Paragraph(KEEPING, BODY),
    ]


def build_recovery_sheet(data: RecoverySheetInput) -> bytes:
    setup = PageSetup(
        issuer=Issuer(name=data.office or "Trama"),
        title=TITLE,
        reference=f"Chiave di recupero · impronta {data.fingerprint}",
        subject="Chiave di recupero dell'archivio cifrato di una cartella dati di Trama",
        created_at=data.created_at,
        keywords="chiave di recupero, cifratura",
    )
    return render_pdf(setup, lambda width: recovery_sheet_story(data, width))
