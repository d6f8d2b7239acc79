"""The notice shown when a typed codice fiscale is already registered, offering that person."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.services.persons import PersonDetail


class DuplicateNotice(QFrame):
    """Hidden until a registered person is found; ``use_button`` takes that person over."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicate")
        self.setStyleSheet(
            "QFrame#duplicate { background: #fff4d6; border: 1px solid #e0b84f; "
            "border-radius: 4px; }"
        )
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.use_button = QPushButton(self.tr("&Use this person"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.use_button)
        self.hide()

    def show_person(self, found: PersonDetail | None) -> None:
        if found is None:
            self.hide()
            return
        born = found.birth_date.strftime("%d/%m/%Y") if found.birth_date else ""
        if found.restricted:
            text = self.tr(
                "This tax code belongs to %1 (born on %2), whose processing is restricted "
                "(GDPR art. 18): the person cannot be referred."
            )
        else:
            text = self.tr(
                "This tax code is already registered for %1, born on %2. Use that person "
                "rather than entering them twice."
            )
        name = f"{found.last_name.upper()} {found.first_name}"
        self.label.setText(text.replace("%1", name).replace("%2", born))
        self.use_button.setVisible(not found.restricted)
        self.show()
