"""The row of lifecycle buttons: one per transition, shown only when it is allowed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop.domain.lifecycle import Transition
from desktop.ui.common.signals import emit

T = Transition


class LifecycleBar(QWidget):
    """Emits ``requested(transition)``; the editor asks what the step needs and applies it."""

    requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        texts = {
            T.SEND: self.tr("&Send…"),
            T.WITHDRAW: self.tr("&Withdraw…"),
            T.RECEIVE: self.tr("Mark as &received…"),
            T.TAKE_IN_CHARGE: self.tr("&Take in charge…"),
            T.START_PATH: self.tr("Start the &path…"),
            T.CONCLUDE: self.tr("C&onclude…"),
            T.RETURN: self.tr("Ret&urn to sender…"),
            T.REJECT: self.tr("&Not relevant…"),
        }
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[Transition, QPushButton] = {}
        for transition, text in texts.items():
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, t=transition: emit(self.requested, t))
            button.hide()
            layout.addWidget(button)
            self.buttons[transition] = button

    def show_allowed(self, allowed: tuple[Transition, ...]) -> None:
        for transition, button in self.buttons.items():
            button.setVisible(transition in allowed)

    def visible_transitions(self) -> list[Transition]:
        return [t for t, button in self.buttons.items() if not button.isHidden()]
