"""The referral routes: one check box per possible route, in words.

On the Province's PC the boxes are editable and "Save" writes every route (through
``Operation``, announcing a change of reference data, so that the editors and the "New
referral" entries read them again); on any other PC the same boxes are read-only, with a note
that the Province sets them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import RouteTrack, SiteKind
from desktop.services.errors import ServiceError
from desktop.services.installation import current_actor
from desktop.services.routes import (
    RouteConfiguration,
    may_edit_routes,
    route_configuration,
    save_routes,
)
from desktop.store.engine import Store
from desktop.ui.common.messages import MessageBanner
from desktop.ui.common.window_state import fit_window
from desktop.ui.operations import Changes, Operation, follow_changes, show_refusal
from sync.protocol.routes import POSSIBLE_ROUTES, Route


class RoutesDialog(QDialog):
    """Strumenti → Percorsi di segnalazione…: deleted when closed."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Referral routes"))
        self.store = store
        self.editable = may_edit_routes(current_actor(store))

        self.note = MessageBanner(self)
        if self.editable:
            self.note.show_info(
                self.tr(
                    "Tick the routes the network uses: each office is offered only the "
                    "referrals its routes allow, and the server refuses the others. Changes "
                    "reach every workstation at the next synchronisation."
                )
            )
        else:
            self.note.show_info(
                self.tr(
                    "The Province sets the referral routes and sends them to every "
                    "workstation: here they can only be read. To change them, ask the Province."
                )
            )
        self.defaults_note = QLabel(self)
        self.defaults_note.setWordWrap(True)
        self.banner = MessageBanner(self)

        self.boxes: dict[Route, QCheckBox] = {}
        to_cpi = QGroupBox(self.tr("Referrals to a job centre (CPI)"), self)
        to_ambito = QGroupBox(self.tr("Referrals to an Ambito's social services"), self)
        layouts = {SiteKind.CPI: QVBoxLayout(to_cpi), SiteKind.AMBITO: QVBoxLayout(to_ambito)}
        for route in POSSIBLE_ROUTES:
            box = QCheckBox(self.route_text(route), self)
            box.setEnabled(self.editable)
            self.boxes[route] = box
            layouts[route.recipient_kind].addWidget(box)

        buttons = QDialogButtonBox.StandardButton.Close
        if self.editable:
            buttons |= QDialogButtonBox.StandardButton.Save
        self.buttons = QDialogButtonBox(buttons, self)
        self.buttons.rejected.connect(self.close)
        self.buttons.accepted.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addWidget(to_cpi)
        layout.addWidget(to_ambito)
        layout.addWidget(self.defaults_note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        fit_window(self, 560, self.sizeHint().height())
        self.reload()
        follow_changes(self, Changes(reference=True), self.reload)

    def route_text(self, route: Route) -> str:
        """«Ambito territoriale → CPI: NEET»."""
        kinds = {
            SiteKind.AMBITO: self.tr("Ambito territoriale"),
            SiteKind.ETS: self.tr("Third sector body (ETS)"),
            SiteKind.CPI: self.tr("CPI"),
            SiteKind.PROVINCIA: self.tr("Province"),
        }
        tracks = {
            RouteTrack.NEET: self.tr("NEET"),
            RouteTrack.CMD: self.tr("targeted placement (CMD)"),
            RouteTrack.SOCIAL: self.tr("social services referral"),
        }
        return (
            self.tr("%1 → %2: %3")
            .replace("%1", kinds[route.sender_kind])
            .replace("%2", kinds[route.recipient_kind])
            .replace("%3", tracks[route.track])
        )

    def reload(self) -> None:
        self.show_configuration(route_configuration(self.store))

    def show_configuration(self, configuration: RouteConfiguration) -> None:
        for setting in configuration.settings:
            self.boxes[setting.route].setChecked(setting.enabled)
        self.defaults_note.setText(
            ""
            if configuration.configured
            else self.tr(
                "The Province has not saved any route yet: the network's usual routes apply."
            )
        )
        self.defaults_note.setVisible(not configuration.configured)

    def enabled_routes(self) -> frozenset[Route]:
        return frozenset(route for route, box in self.boxes.items() if box.isChecked())

    def save(self) -> bool:
        if not self.editable:
            return False
        actor, enabled = current_actor(self.store), self.enabled_routes()
        self.banner.clear_message()
        return (
            Operation(
                self,
                lambda: save_routes(self.store, actor=actor, enabled=enabled),
                Changes(reference=True),
                initiator=self,
            )
            .success(self._saved)
            .failure(self._refused)
            .run()
        )

    def _saved(self, configuration: RouteConfiguration) -> None:
        self.show_configuration(configuration)
        self.banner.show_info(self.tr("The referral routes have been saved."))

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ServiceError):
            self.banner.show_error(str(error))
        else:
            show_refusal(self, error)
