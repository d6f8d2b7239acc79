"""One look across the editors (issue 20): read-only fields from the kit's ``set_read_only``,
readable (WCAG AA) yet not looking editable; dates only in the kit's DateField; one label
alignment in every form.

The kit's pieces are checked on their own, then every editor is walked as it is shown on a
seeded store: referral editors (every tab; most read-only to this site), project and meeting
editors, the directory's dialogs (new, and another site's, read-only) and a social referral.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.services.directory import get_organization, list_organizations
from desktop.services.installation import current_actor
from desktop.store.engine import Store
from desktop.ui.common.banner import Banner
from desktop.ui.common.fields import (
    DateField,
    contrast_ratio,
    is_read_only,
    set_read_only,
    takes_input,
)
from desktop.ui.common.forms import LABEL_ALIGNMENT, make_form
from desktop.ui.directory.dialogs import OrganizationDialog
from desktop.ui.directory.page import DirectoryPage
from desktop.ui.main_window import PAGE_DIRECTORY, PAGE_MEETINGS, PAGE_PROJECTS, MainWindow
from desktop.ui.meetings.page import MeetingsPage
from desktop.ui.projects.page import ProjectsPage
from desktop.ui.referrals.editor import ReferralEditor
from desktop.ui.shell.commands import inner_page
from desktop.ui.social_referrals.dialog import SocialReferralDialog
from tests.ui.demo_store import demo_store_fixtures

TODAY = date(2026, 11, 27)
AA = 4.5
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


# -- the kit --------------------------------------------------------------------------------


def read_only_samples(parent: QWidget) -> list[QWidget]:
    combo = QComboBox(parent)
    combo.addItem("Varese")
    check = QCheckBox("Iscritto", parent)
    text = QTextEdit(parent)
    text.setPlainText("Note")
    line = QLineEdit("Rossi", parent)
    line.setPlaceholderText("Type to search")
    return [line, text, QPlainTextEdit("Note", parent), DateField(parent), combo, check]


def text_role(widget: QWidget) -> QPalette.ColorRole:
    """The role a widget's value is painted in; a read-only one shows through to the window."""
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)):
        return QPalette.ColorRole.Text
    if isinstance(widget, QComboBox):
        return QPalette.ColorRole.ButtonText
    return QPalette.ColorRole.WindowText


def test_a_read_only_field_reads_clearly_and_does_not_look_editable(
    qtbot: QtBot,
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    samples = read_only_samples(host)
    line = samples[0]
    assert isinstance(line, QLineEdit)
    editable_base = line.palette().color(QPalette.ColorRole.Base)
    for widget in samples:
        set_read_only(widget)
        assert is_read_only(widget) and not takes_input(widget), type(widget).__name__
        palette = widget.palette()
        group = QPalette.ColorGroup.Active if widget.isEnabled() else QPalette.ColorGroup.Disabled
        text = palette.color(group, text_role(widget))
        ratio = contrast_ratio(text, palette.color(group, QPalette.ColorRole.Window))
        assert ratio >= AA, (type(widget).__name__, ratio)
        # No white input box: the window's colour shows through.
        assert palette.color(group, QPalette.ColorRole.Base).alpha() == 0
    assert not line.hasFrame() and line.placeholderText() == ""
    assert line.isEnabled()  # its text can still be selected and copied
    date_field = samples[3]
    assert isinstance(date_field, DateField)
    assert not date_field.calendarPopup()
    assert date_field.buttonSymbols() is QAbstractSpinBox.ButtonSymbols.NoButtons
    assert "down-arrow" in samples[4].styleSheet()  # a combo without its arrow

    # And back to an input that looks like one.
    for widget in samples:
        set_read_only(widget, False)
        assert takes_input(widget) and not is_read_only(widget)
    assert line.hasFrame() and line.placeholderText() == "Type to search"
    assert line.palette().color(QPalette.ColorRole.Base) == editable_base
    assert date_field.calendarPopup()
    assert samples[4].styleSheet() == ""


def test_the_contrast_ratio_is_wcag_s() -> None:
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("white"), QColor("white")) == pytest.approx(1.0)


def test_a_date_field_that_is_never_empty(qtbot: QtBot) -> None:
    field = DateField(today=lambda: TODAY, optional=False)
    qtbot.addWidget(field)
    assert field.value() == TODAY and field.displayFormat() == "dd/MM/yyyy"
    assert field.calendarPopup()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Delete)  # no "not set" state to fall into
    assert field.value() == TODAY
    with pytest.raises(ValueError):
        field.set_value(None)


def test_the_banner_names_its_kind_for_a_screen_reader(qtbot: QtBot) -> None:
    banner = Banner(Banner.ERROR)
    qtbot.addWidget(banner)
    assert banner.isHidden()
    banner.show_message("Manca il titolo di studio.", "Returned")
    assert not banner.isHidden() and banner.heading() == "Returned"
    assert banner.accessibleName() == "Error: Returned Manca il titolo di studio."
    banner.show_message("")
    assert banner.isHidden() and banner.text() == ""


def test_the_kit_form_has_the_one_alignment(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    form = make_form(host)
    assert form.labelAlignment() == LABEL_ALIGNMENT
    assert form.fieldGrowthPolicy() is QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow


# -- every editor ---------------------------------------------------------------------------


def inside_a_control(widget: QWidget) -> bool:
    """The line edit of a combo or a date field: it follows its owner."""
    parent = widget.parentWidget()
    return isinstance(parent, (QComboBox, QAbstractSpinBox))


def look_problems(top: QWidget) -> tuple[list[str], int]:
    """What departs from the kit's look in ``top``, and how many read-only fields it shows."""
    problems: list[str] = []
    read_only = 0
    for widget in top.findChildren(QWidget):
        name = f"{type(widget).__name__} {widget.accessibleName() or widget.objectName()!r}"
        if isinstance(widget, QTextBrowser) or inside_a_control(widget):
            continue
        inputs = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)
        if isinstance(widget, inputs) and widget.isReadOnly():
            read_only += 1
            if not is_read_only(widget):
                problems.append(f"{name}: read-only without the kit's look")
        if isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
            continue  # a time: TimeField's own edit
        if isinstance(widget, QDateEdit) and not isinstance(widget, DateField):
            problems.append(f"{name}: a date outside the kit's DateField")
    for form in top.findChildren(QFormLayout):
        if form.labelAlignment() != LABEL_ALIGNMENT:
            parent = form.parentWidget()
            problems.append(f"form in {type(parent).__name__}: labels aligned otherwise")
    return problems, read_only


def every_tab(top: QWidget) -> None:
    for tabs in top.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()


seeded_database, store = demo_store_fixtures(referrals=30, seed=5, today=TODAY)


def test_every_editor_has_the_one_look(qtbot: QtBot, store: Store) -> None:
    problems: dict[str, list[str]] = {}
    read_only: dict[str, int] = {}

    def walk(top: QWidget, name: str) -> None:
        every_tab(top)
        found, count = look_problems(top)
        read_only[name] = count
        if found:
            problems[name] = found

    window = MainWindow(store, store.path.parent, today=lambda: TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.listPainted, timeout=5000):
        window.show()

    # Referrals this site only reads (sent, or another site's) and one it may edit.
    model = window.referral_model
    for row in range(min(model.rowCount(), 12)):
        entry = model.row_at(row)
        assert entry is not None
        editor = ReferralEditor(store, referral_id=entry.id, today=lambda: TODAY)
        qtbot.addWidget(editor)
        editor.show()
        walk(editor, f"referral {entry.id}")
        editor.close()

    # Projects and meetings: this site's, another site's, approved minutes.
    window.navigation.setCurrentRow(PAGE_PROJECTS)
    projects = inner_page(window.pages.widget(PAGE_PROJECTS))
    assert isinstance(projects, ProjectsPage)
    qtbot.waitUntil(lambda: projects.list_view.table.model().rowCount() > 0)
    for row in range(min(projects.list_view.table.model().rowCount(), 4)):
        projects.show_list()
        projects.list_view.table.selectRow(row)
        projects.open_selected()
        walk(projects.editor, f"project editor {row}")

    window.navigation.setCurrentRow(PAGE_MEETINGS)
    meetings = inner_page(window.pages.widget(PAGE_MEETINGS))
    assert isinstance(meetings, MeetingsPage)
    qtbot.waitUntil(lambda: meetings.list_view.table.model().rowCount() > 0)
    for row in range(min(meetings.list_view.table.model().rowCount(), 4)):
        meetings.show_lists()
        meetings.list_view.table.selectRow(row)
        meetings.open_selected()
        walk(meetings.editor, f"meeting editor {row}")

    window.navigation.setCurrentRow(PAGE_DIRECTORY)
    directory = inner_page(window.pages.widget(PAGE_DIRECTORY))
    assert isinstance(directory, DirectoryPage)
    before = set(QApplication.topLevelWidgets())
    directory.organizations.new_organization()
    for widget in set(QApplication.topLevelWidgets()) - before:
        if isinstance(widget, QDialog) and widget.isVisible():
            walk(widget, f"directory {type(widget).__name__}")
            widget.reject()

    # An organisation another site entered, and a social referral.
    organization_id = list_organizations(store)[0].id
    other_site = dataclasses.replace(current_actor(store), site_code="ALTRO")
    dialog = OrganizationDialog(
        store, other_site, get_organization(store, organization_id), lambda _saved: None, window
    )
    dialog.show()
    walk(dialog, "another site's organisation")
    assert read_only["another site's organisation"] >= 5
    dialog.reject()
    social = SocialReferralDialog(store, None, today=lambda: TODAY, parent=window)
    social.show()
    walk(social, "social referral")
    social.close()

    assert problems == {}
    assert {"project editor 3", "meeting editor 3"} <= read_only.keys()
    # Not vacuous: read-only fields were found, in the referral editor and elsewhere.
    assert sum(count for name, count in read_only.items() if name.startswith("referral")) > 20
