"""Form rows whose messages appear beside their field, keyed like the services' errors.

Services raise ``ValidationError.field_errors`` keyed by field name (``"privacy_notice_on"``);
each input is registered under that key, so a message lands under the widget it is about,
on the tab that holds it. Message labels are created on first use: most fields never show one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget

from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError

Request = TypeVar("Request")
Result = TypeVar("Result")

QWIDGETSIZE_MAX = (1 << 24) - 1
# The one label alignment of every form: labels at the left, level with the first line of
# their field (a field may grow a message under it, or be several lines tall).
LABEL_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
ROW_SPACING = 6  # between the fields of one row
ERROR_COLOUR = "#a4000f"
WARNING_COLOUR = "#7a5200"
OK_COLOUR = "#1e6b2d"


def plain_label(text: str) -> str:
    """A visible label as an accessible name: no mnemonic ampersand, no trailing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(": ")


class FieldSlot(QWidget):
    """A field with room under it for one message (error, warning or confirmation)."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        # A field kept short (a few lines of notes) stays at the top of a taller row.
        short = field.maximumHeight() < QWIDGETSIZE_MAX
        self._layout.addWidget(
            field, 0, Qt.AlignmentFlag.AlignTop if short else Qt.AlignmentFlag(0)
        )
        self._message: QLabel | None = None
        self.kind = ""

    def show_message(self, text: str, kind: str = "error") -> None:
        if not text:
            self.clear()
            return
        if self._message is None:
            self._message = QLabel(self)
            self._message.setWordWrap(True)
            self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._layout.addWidget(self._message)
        colour = {"error": ERROR_COLOUR, "warning": WARNING_COLOUR}.get(kind, OK_COLOUR)
        self._message.setStyleSheet(f"color: {colour};")
        self._message.setText(text)
        self._message.show()
        self.kind = kind
        self.field.setAccessibleDescription(text)

    def clear(self) -> None:
        if self._message is not None:
            self._message.clear()
            self._message.hide()
        self.kind = ""
        self.field.setAccessibleDescription("")

    def message(self) -> str:
        if self._message is None or self._message.isHidden():
            return ""
        return self._message.text()


@dataclass
class FieldRegistry:
    """Every registered field by key, with the page (tab) it lives on."""

    slots: dict[str, FieldSlot] = field(default_factory=dict)
    pages: dict[str, QWidget | None] = field(default_factory=dict)

    def slot(self, key: str, widget: QWidget, page: QWidget | None = None) -> FieldSlot:
        slot = FieldSlot(widget)
        self.slots[key] = slot
        self.pages[key] = page
        return slot

    def alias(self, key: str, existing: str) -> None:
        """Show the messages for ``key`` on the field registered as ``existing``."""
        self.slots[key] = self.slots[existing]
        self.pages[key] = self.pages[existing]

    def show(self, messages: Mapping[str, str], kind: str = "error") -> dict[str, str]:
        """Put each message beside its field; returns those that have no field here."""
        unplaced: dict[str, str] = {}
        for key, text in messages.items():
            slot = self.slots.get(key)
            if slot is None:
                unplaced[key] = text
            else:
                slot.show_message(text, kind)
        return unplaced

    def first(self, keys: list[str]) -> tuple[FieldSlot, QWidget | None] | None:
        """The slot (and page) of the first of ``keys`` that is registered, in form order."""
        for key in self.slots:
            if key in keys:
                return self.slots[key], self.pages[key]
        return None

    def clear(self, kinds: tuple[str, ...] = ("error", "warning", "ok")) -> None:
        for slot in self.slots.values():
            if slot.kind in kinds:
                slot.clear()

    def message(self, key: str) -> str:
        slot = self.slots.get(key)
        return "" if slot is None else slot.message()

    def submit(
        self,
        read: Callable[[], tuple[Request | None, Mapping[str, str]]],
        submit: Callable[[Request], Result],
        show_message: Callable[[str], None],
    ) -> Result | None:
        """Read the form and hand it to the service; on bad input (the form's own or the
        service's) show why, beside the fields or in the banner, and return None so that the
        dialog stays open."""
        self.clear()
        show_message("")
        request, errors = read()
        if request is None:
            self.show(errors)
            return None
        try:
            return submit(request)
        except ValidationError as error:
            unplaced = self.show(error.field_errors)
            show_message(" ".join(unplaced.values()))
        except (NotAllowedError, NotFoundError) as error:
            show_message(str(error))
        return None


def add_row(
    form: QFormLayout,
    registry: FieldRegistry,
    key: str,
    text: str,
    widget: QWidget,
    *,
    page: QWidget | None = None,
) -> FieldSlot:
    """A labelled row for ``widget``, registered as ``key``, named for screen readers."""
    label = field_label(text, widget)
    slot = registry.slot(key, widget, page)
    form.addRow(label, slot)
    return slot


def field_label(text: str, widget: QWidget) -> QLabel:
    """The label of ``widget`` in a kit form: its buddy, level with its first line of text."""
    label = QLabel(text)
    label.setBuddy(widget)
    label.setAlignment(LABEL_ALIGNMENT)
    # Top-aligned (a message may grow under the field), but level with a one-line field's text.
    offset = _label_offset(label, widget)
    if offset:
        label.setContentsMargins(0, offset, 0, 0)
    widget.setAccessibleName(plain_label(text))
    return label


def add_field(form: QFormLayout, text: str, widget: QWidget | QLayout) -> QLabel | None:
    """A labelled row of a kit form with no message slot (``add_row`` has one)."""
    if isinstance(widget, QLayout):
        # A row of several fields: a kit form's spacing is not one number (12 across, 6 down),
        # so a nested row would otherwise inherit none and glue its words to its fields.
        if widget.spacing() < ROW_SPACING:
            widget.setSpacing(ROW_SPACING)
        form.addRow(text, widget)
        return None
    label = field_label(text, widget)
    form.addRow(label, widget)
    return label


_OFFSETS: dict[tuple[type, int], int] = {}


def _label_offset(label: QLabel, widget: QWidget) -> int:
    """How far down a label must start to be level with a one-line field of this kind.

    Worked out once per kind of field and font: a combo's size hint measures all its items.
    """
    key = (type(widget), label.fontMetrics().height())
    offset = _OFFSETS.get(key)
    if offset is None:
        field_height = widget.sizeHint().height()
        label_height = label.sizeHint().height()
        offset = (field_height - label_height) // 2 if field_height < 2 * label_height else 0
        _OFFSETS[key] = max(0, offset)
        offset = _OFFSETS[key]
    return offset


def make_form(parent: QWidget | None = None) -> QFormLayout:
    """The kit's form layout: one label alignment everywhere, fields that grow."""
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(LABEL_ALIGNMENT)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(6)
    return form


def connect_changes(widgets: list[QWidget], target: SignalInstance) -> None:
    """Forward any change of the inputs to ``target``, whatever kind of input each is.

    Signal to signal, inside Qt: see ``signals`` for why Python-side emits are avoided.
    """
    for widget in widgets:
        for name in ("valueChanged", "textChanged", "toggled", "currentIndexChanged"):
            signal = getattr(widget, name, None)
            if isinstance(signal, SignalInstance):
                signal.connect(target)
                break


def align_labels(forms: list[QFormLayout]) -> None:
    """Give the forms of one column the same label width, so their fields line up."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if widget is not None:
                labels.append(widget)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)
