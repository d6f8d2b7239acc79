"""What the referral editor's tests share: a small network, typing a form, answering dialogs.

Dialogs are answered through the editor's ``run_dialog`` hook: the test fills the dialog's
widgets and clicks its OK button, as a person would, without a modal loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QTableView,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.domain.codes import OrganizationKind, Track
from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.services.context import Actor
from desktop.services.directory import OrganizationInput, create_organization
from desktop.store.engine import Store
from desktop.store.models import PathAction, Person, Referent, Referral, ReferralEvent
from desktop.ui.app import install_translations
from desktop.ui.common.fields import DateField
from desktop.ui.referrals.actions_section import PathActionDialog
from desktop.ui.referrals.editor import ReferralEditor, Unsaved
from desktop.ui.referrals.transition_dialog import TransitionDialog
from tests.conftest import copy_data_folder
from tests.services_support import VARESE_CADASTRAL, Network, build_network

TODAY = date(2026, 11, 27)
PROVIDER = "Cooperativa Sociale Il Ponte"


@dataclass(frozen=True)
class Setting:
    store: Store
    network: Network
    neet_referent: str  # the current NEET referent's name at the first CPI
    cmd_referent: str


def copied_setting(template: Setting, folder: Path) -> Iterator[Setting]:
    """A private copy of a template's data file (a copy takes a millisecond, building it
    a good part of a second); for a fixture to yield from."""
    folder.mkdir(parents=True)
    store = copy_data_folder(template.store.path.parent, folder)
    try:
        yield Setting(store, template.network, template.neet_referent, template.cmd_referent)
    finally:
        store.dispose()


def make_setting(store: Store) -> Setting:
    """The test network of ``services_support`` with referents and a provider."""
    network = build_network(store)
    with store.write() as session:
        session.add_all(
            [
                Referent(
                    job_centre_id=network.job_centre_id,
                    track=Track.NEET,
                    full_name="Giorgio Sala",
                    valid_from=date(2020, 1, 1),
                    valid_to=date(2025, 3, 31),
                ),
                Referent(
                    job_centre_id=network.job_centre_id,
                    track=Track.NEET,
                    full_name="Elena Riva",
                    valid_from=date(2025, 4, 1),
                ),
                Referent(
                    job_centre_id=network.job_centre_id, track=Track.CMD, full_name="Paola Macchi"
                ),
            ]
        )
    create_organization(
        store,
        actor=network.cpi,
        data=OrganizationInput(name=PROVIDER, kind=OrganizationKind.SOCIAL_COOP_B),
    )
    return Setting(store, network, neet_referent="Elena Riva", cmd_referent="Paola Macchi")


@contextmanager
def italian_translators(app: QApplication, compiled: Path) -> Iterator[None]:
    """Italian translators and locale for a while, then back to the English sources."""
    locale = QLocale()
    translators = install_translations(app, "it", compiled=compiled)
    try:
        yield
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(locale)


def open_editor(
    qtbot: QtBot, setting: Setting, actor: Actor | None, referral_id: str | None = None
) -> ReferralEditor:
    editor = ReferralEditor(
        setting.store, referral_id=referral_id, actor=actor, today=lambda: TODAY
    )
    # A test that stops halfway leaves changes: closing at teardown must not ask.
    editor.ask_unsaved = lambda: Unsaved.DISCARD
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def counts(store: Store) -> dict[str, int]:
    with store.read() as session:
        return {
            name: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for name, model in (
                ("persons", Person),
                ("referrals", Referral),
                ("events", ReferralEvent),
                ("actions", PathAction),
            )
        }


def fiscal_code(last: str, first: str, sex: str, birth: date) -> str:
    return encode_fiscal_code(
        last_name=last,
        first_name=first,
        sex=sex,
        birth_date=birth,
        birthplace_code=VARESE_CADASTRAL,
    )


def type_date(qtbot: QtBot, field: DateField, value: date) -> None:
    """Digits only, as an operator types a date (QDateEdit moves on by itself)."""
    field.set_value(None)
    field.setFocus()
    qtbot.keyClicks(field, value.strftime("%d%m%Y"))
    assert field.value() == value


def type_comune(qtbot: QtBot, editor: ReferralEditor, name: str) -> None:
    """The comune as if picked from the completion list and confirmed with Enter.

    Typed with setText: keystrokes would open the completion popup, which grabs the keyboard,
    something Qt's offscreen platform can only warn about (the list itself is tested apart).
    """
    field = editor.person.form.residence_municipality
    field.setText(name)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def type_person(
    qtbot: QtBot,
    editor: ReferralEditor,
    *,
    last: str = "Brambilla",
    first: str = "Giulia",
    sex: str = "F",
    birth: date = date(2004, 5, 17),
    code: str | None = None,
) -> str:
    """The person block as typed by an operator; returns the codice fiscale typed."""
    code = code or fiscal_code(last, first, sex, birth)
    person = editor.person.form
    qtbot.keyClicks(person.last_name, last)
    qtbot.keyClicks(person.first_name, first)
    qtbot.keyClicks(person.fiscal_code, code.lower())
    type_comune(qtbot, editor, "Varese")
    qtbot.keyClicks(person.residence_address, "Via Giuseppe Garibaldi 12")
    qtbot.keyClicks(person.residence_postcode, "21100")
    qtbot.keyClicks(person.phone, "0332 123456")
    return code


def type_referral(
    qtbot: QtBot, editor: ReferralEditor, *, privacy: date | None = date(2026, 11, 20)
) -> None:
    section = editor.referral
    qtbot.keyClicks(section.referring_service, "Servizio sociale di base")
    qtbot.keyClicks(
        section.reason, "Giovane fuori da scuola e lavoro da oltre un anno, chiede orientamento."
    )
    if privacy is not None:
        type_date(qtbot, section.privacy_notice_on, privacy)
    qtbot.keyClicks(section.attachment_name, "Curriculum vitae")
    section.add_attachment_button.click()


def answer_dialogs(
    editor: ReferralEditor, fill: Callable[[QDialog], None] | None = None
) -> list[QDialog]:
    """Answer every dialog the editor opens: fill it, then click its OK (or Save) button."""
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        if fill is not None:
            fill(dialog)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok) or buttons.button(
            QDialogButtonBox.StandardButton.Save
        )
        ok.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    editor.run_dialog = run
    return seen


def step(
    qtbot: QtBot,
    editor: ReferralEditor,
    button_text_fragment: str,
    fill: Callable[[TransitionDialog], None] | None = None,
) -> list[QDialog]:
    """Click the visible lifecycle button whose text holds the fragment, answering its dialog."""
    seen = answer_dialogs(editor, fill)  # type: ignore[arg-type]
    buttons = [
        button
        for button in editor.transition_buttons().values()
        if not button.isHidden() and button_text_fragment in button.text().replace("&", "")
    ]
    assert len(buttons) == 1, [b.text() for b in editor.transition_buttons().values()]
    buttons[0].click()
    return seen


def add_action(editor: ReferralEditor, fill: Callable[[PathActionDialog], None]) -> None:
    answer_dialogs(editor, fill)  # type: ignore[arg-type]
    editor.actions.add_button.click()


def unnamed_inputs(root: QWidget) -> list[str]:
    """The inputs under ``root`` that a screen reader could not name (issue 3: accessible names
    on inputs). The line edit inside a combo or a date field is named by its owner."""
    inputs = (
        QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QCheckBox, QListWidget,
        QTableView, QTreeView, QRadioButton,
    )  # fmt: skip
    unnamed = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, inputs):
            continue
        if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue
        if not (widget.accessibleName() or _named_by_text(widget)):
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    return unnamed


def _named_by_text(widget: QWidget) -> bool:
    """Check boxes and radio buttons are read by their own text."""
    return isinstance(widget, (QCheckBox, QRadioButton)) and bool(widget.text().strip())
