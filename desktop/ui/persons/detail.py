"""One person: their data, every referral of theirs, and what can be done about them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.formatting import fill_date
from desktop.domain.codes import Sex
from desktop.domain.eligibility import age_on
from desktop.services.persons import PersonDetail
from desktop.services.referrals.listing import ReferralListRow
from desktop.ui.common.formats import format_date
from desktop.ui.common.forms import make_form
from desktop.ui.common.tables import RESTRICTED_FOREGROUND, RowStyle, make_data_table
from desktop.ui.labels import label, person_label

BANNER_STYLE = (
    "background: #fff4ce; border: 1px solid #e0b400; border-radius: 4px; padding: 8px;"
    " color: #3d2e00;"
)


def _or_dash(text: object) -> str:
    value = "" if text is None else str(text)
    return value if value.strip() else "—"


class PersonDetailView(QScrollArea):
    """Read-only; the buttons' signals ask the page to act."""

    editRequested = Signal()
    mergeRequested = Signal()
    restrictionRequested = Signal()
    extractRequested = Signal()
    openReferralRequested = Signal(str)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self.setWidget(body)

        self.banner = QLabel(body)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.name_label = QLabel(body)
        font = QFont(self.name_label.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(body)
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(self.tr("&Edit…"), body)
        self.merge_button = QPushButton(self.tr("&Merge a duplicate…"), body)
        self.restrict_button = QPushButton(body)
        self.extract_button = QPushButton(self.tr("Personal data e&xtract…"), body)
        self.edit_button.clicked.connect(self.editRequested)
        self.merge_button.clicked.connect(self.mergeRequested)
        self.restrict_button.clicked.connect(self.restrictionRequested)
        self.extract_button.clicked.connect(self.extractRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.restrict_button)
        buttons.addStretch(1)
        buttons.addWidget(self.extract_button)

        self._values: dict[str, QLabel] = {}
        personal = self._group(
            self.tr("Personal data"),
            [
                ("sex", self.tr("Sex")),
                ("birthplace", self.tr("Place of birth")),
                ("citizenship", self.tr("Citizenship")),
                ("permit", self.tr("Residence permit")),
            ],
        )
        contacts = self._group(
            self.tr("Residence and contacts"),
            [
                ("residence", self.tr("Residence")),
                ("domicile", self.tr("Domicile")),
                ("phone", self.tr("Phone")),
                ("email", self.tr("E-mail")),
                ("channel", self.tr("Preferred channel")),
            ],
        )
        work = self._group(
            self.tr("Work and education"),
            [
                ("employment", self.tr("Employment status")),
                ("did", self.tr("DID date")),
                ("education", self.tr("Qualification")),
                ("school", self.tr("Last school attended")),
            ],
        )
        representative = self._group(
            self.tr("Legal representative"),
            [
                ("representative", self.tr("Who")),
                ("representative_contacts", self.tr("Contacts")),
                ("representative_act", self.tr("Act of appointment")),
            ],
        )
        self.referrals_box = QGroupBox(body)
        self.referrals = make_data_table(
            self.referrals_box,
            [
                self.tr("Number"),
                self.tr("Date"),
                self.tr("Track"),
                self.tr("Status"),
                self.tr("CPI"),
            ],
        )
        self.referrals.setAccessibleName(self.tr("Referrals of the person"))
        self.referrals.set_empty_text(self.tr("No referrals for this person."))
        self.referrals.doubleClicked.connect(lambda index: self._open(index.row()))
        self.referrals.activated.connect(lambda index: self._open(index.row()))
        box = QVBoxLayout(self.referrals_box)
        box.addWidget(self.referrals)
        hint = QLabel(
            self.tr("Double-click or press Enter to open a referral."), self.referrals_box
        )
        hint.setStyleSheet("color: palette(placeholder-text);")
        box.addWidget(hint)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.addWidget(personal, 0, 0)
        grid.addWidget(contacts, 0, 1)
        grid.addWidget(work, 1, 0)
        grid.addWidget(representative, 1, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addWidget(self.name_label)
        layout.addWidget(self.subtitle)
        layout.addLayout(buttons)
        layout.addLayout(grid)
        layout.addWidget(self.referrals_box, 1)
        self.person: PersonDetail | None = None

    def _group(self, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        group = QGroupBox(title, self.widget())
        form = make_form(group)
        for key, caption in rows:
            value = QLabel(group)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._values[key] = value
            form.addRow(caption + ":", value)
        return group

    def value_text(self, key: str) -> str:
        return self._values[key].text()

    def show_person(
        self,
        person: PersonDetail,
        referrals: list[ReferralListRow],
        municipality_name: Callable[[str | None], str],
    ) -> None:
        self.person = person
        self.name_label.setText(f"{person.last_name} {person.first_name}")
        age = age_on(person.birth_date, self._today()) if person.birth_date else None
        if person.sex is Sex.FEMALE:
            subtitle = self.tr("Tax code %1 · born on %2 · %3 years old", "a woman")
        elif person.sex is Sex.MALE:
            subtitle = self.tr("Tax code %1 · born on %2 · %3 years old", "a man")
        else:
            subtitle = self.tr("Tax code %1 · born on %2 · %3 years old", "sex not recorded")
        if person.birth_date is not None:
            subtitle = fill_date(subtitle, "%2", person.birth_date)
        self.subtitle.setText(subtitle.replace("%1", person.fiscal_code).replace("%3", str(age)))
        self._show_restriction(person)
        # As the editor shows it: "Angera (A290)", the cadastral code in brackets.
        place = person.birthplace_name or ""
        if person.birthplace_code:
            code = f"({person.birthplace_code})"
            place = f"{place} {code}" if place else code
        permit = ""
        if person.permit_type is not None:
            parts = [label(person.permit_type), person.permit_number]
            if person.permit_expiry:
                parts.append(fill_date(self.tr("expires %1"), "%1", person.permit_expiry))
            if person.permit_renewing:
                parts.append(self.tr("renewal in progress"))
            permit = ", ".join(part for part in parts if part)
        values = {
            "sex": label(person.sex) if person.sex else "",
            "birthplace": place,
            "citizenship": person.citizenship,
            "permit": permit,
            "residence": self._address(
                person.residence_address,
                person.residence_postcode,
                municipality_name(person.residence_municipality_id),
            ),
            "domicile": self._address(
                person.domicile_address,
                person.domicile_postcode,
                municipality_name(person.domicile_municipality_id),
            ),
            "phone": person.phone,
            "email": person.email,
            "channel": label(person.preferred_channel) if person.preferred_channel else "",
            "employment": person_label(person.employment_status, person.sex)
            if person.employment_status
            else "",
            "did": format_date(person.did_date),
            **self._representative(person),
            "education": self._education(person),
            "school": " — ".join(
                part for part in (person.last_school, format_date(person.school_left_date)) if part
            ),
        }
        for key, text in values.items():
            self._values[key].setText(_or_dash(text))
        self._show_referrals(referrals)

    def _representative(self, person: PersonDetail) -> dict[str, str]:
        if person.representative_kind is None:
            return {"representative": "", "representative_contacts": "", "representative_act": ""}
        who = f"{label(person.representative_kind)}: {person.representative_name}"
        if person.representative_tax_code:
            who += f" ({person.representative_tax_code})"
        act = person.representative_act
        if person.representative_act_on is not None:
            act = fill_date(self.tr("%1 of %2"), "%2", person.representative_act_on).replace(
                "%1", act
            )
        contacts = " · ".join(
            part for part in (person.representative_phone, person.representative_email) if part
        )
        return {"representative": who, "representative_contacts": contacts,
                "representative_act": act}  # fmt: skip

    def _show_restriction(self, person: PersonDetail) -> None:
        restricted = person.restricted
        if restricted:
            self.banner.setText(
                self.tr(
                    "<b>Processing restricted (GDPR art. 18).</b> This person's data cannot be "
                    "changed, exported or printed until the restriction is lifted. Reason: %1"
                ).replace("%1", person.restriction_reason.replace("<", "&lt;"))
            )
            self.restrict_button.setText(self.tr("&Lift restriction…"))
        else:
            self.restrict_button.setText(self.tr("&Restrict processing…"))
        self.banner.setVisible(restricted)
        why = self.tr("Processing of this person is restricted") if restricted else ""
        for button in (self.edit_button, self.merge_button):
            button.setEnabled(not restricted)
            button.setToolTip(why)

    @staticmethod
    def _address(address: str, postcode: str, municipality: str) -> str:
        place = " ".join(part for part in (postcode, municipality) if part)
        return ", ".join(part for part in (address, place) if part)

    def _education(self, person: PersonDetail) -> str:
        parts = [person.education_title]
        if person.isced_level is not None:
            parts.append(self.tr("ISCED %1").replace("%1", str(person.isced_level)))
        if person.education_year is not None:
            parts.append(str(person.education_year))
        return ", ".join(part for part in parts if part)

    def _show_referrals(self, referrals: list[ReferralListRow]) -> None:
        self.referrals_box.setTitle(self.tr("Referrals (%n)", "", len(referrals)))
        restricted = RowStyle(
            foreground=RESTRICTED_FOREGROUND,
            tooltip=self.tr("Processing restricted (GDPR art. 18)"),
        )
        self.referrals.fill(
            [
                (
                    referral.number,
                    referral.created_on,
                    label(referral.track),
                    label(referral.status),
                    referral.job_centre_name,
                )
                for referral in referrals
            ],
            keys=[referral.id for referral in referrals],
            styles=[restricted if referral.restricted else None for referral in referrals],
        )

    def _open(self, row: int) -> None:
        key = self.referrals.rows_model.key_at(row)
        if key is not None:
            self.openReferralRequested.emit(str(key))
