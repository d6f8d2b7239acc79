"""Strumenti → Percorsi di segnalazione…, and what the routes offer in the referral editor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.codes import RouteTrack, SiteKind, Track
from desktop.services.context import Actor
from desktop.services.installation import SITE_CODE, SITE_KIND, set_settings
from desktop.store.engine import Store
from desktop.store.models import AuditEntry, ReferralRoute, Site
from desktop.ui.referrals.launcher import EditorLauncher
from desktop.ui.routes import install_routes_menu
from desktop.ui.routes.dialog import RoutesDialog
from sync.protocol.routes import POSSIBLE_ROUTES, Route
from tests.services_support import build_network
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401
from tests.ui.referral_support import TODAY, make_setting, open_editor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SHOTS = os.environ.get("TRAMA_SCREENSHOTS")
ETS_CMD = Route(SiteKind.ETS, SiteKind.CPI, RouteTrack.CMD)
ETS = Actor("e.fontana", "ETS-PONTE", SiteKind.ETS)


def _sites(store: Store) -> None:
    with store.write() as session:
        session.add_all(
            [
                Site(code="PROV-VA", kind=SiteKind.PROVINCIA, name="Provincia di Varese"),
                Site(code="ETS-PONTE", kind=SiteKind.ETS, name="Cooperativa Il Ponte"),
            ]
        )


def _open(qtbot: QtBot, store: Store) -> RoutesDialog:
    dialog = RoutesDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _shot(dialog: RoutesDialog | QMainWindow, name: str) -> None:
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / name))


def test_the_province_sets_the_routes(
    qtbot: QtBot,
    store: Store,
    italian: None,  # noqa: F811
) -> None:
    build_network(store)
    _sites(store)
    set_settings(store, {SITE_CODE: "PROV-VA", SITE_KIND: SiteKind.PROVINCIA.value})
    dialog = _open(qtbot, store)
    assert dialog.editable and dialog.windowTitle() == "Percorsi di segnalazione"
    texts = [box.text() for box in dialog.boxes.values()]
    assert "Ambito territoriale → CPI: NEET" in texts
    assert "CPI → Ambito territoriale: segnalazione ai servizi sociali" in texts
    assert not any(text == "ambito" or "_" in text for text in texts)  # no code shown
    # The defaults, ticked, until the Province saves: the two CPI → CPI routes are off.
    assert [r for r, box in dialog.boxes.items() if not box.isChecked()] == [
        route
        for route in POSSIBLE_ROUTES
        if route.sender_kind is SiteKind.CPI and route.recipient_kind is SiteKind.CPI
    ]
    assert dialog.defaults_note.isVisible()
    _shot(dialog, "routes-province.png")
    dialog.boxes[ETS_CMD].setChecked(False)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with store.read() as session:
        rows = session.scalars(select(ReferralRoute)).all()
        assert len(rows) == len(POSSIBLE_ROUTES)
        closed = {(r.sender_kind, r.recipient_kind, r.track) for r in rows if not r.enabled}
        assert (SiteKind.ETS, SiteKind.CPI, RouteTrack.CMD) in closed
        assert all(row.dirty and row.owner_site == "PROV-VA" for row in rows)
        assert session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "referral_route")
        ).all()
    assert not dialog.defaults_note.isVisible()
    assert "salvati" in dialog.banner.text()


def test_other_pcs_read_the_routes(
    qtbot: QtBot,
    store: Store,
    italian: None,  # noqa: F811
) -> None:
    build_network(store)
    _sites(store)
    set_settings(store, {SITE_CODE: "AMB-VA", SITE_KIND: SiteKind.AMBITO.value})
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = QMenu(window)
    entry = install_routes_menu(window, store, menu)
    assert entry.action.text() == "&Percorsi di segnalazione…"
    dialog = entry.open_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert not dialog.editable
    assert not any(box.isEnabled() for box in dialog.boxes.values())
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    assert "Provincia" in dialog.note.text()
    _shot(dialog, "routes-read-only.png")
    # Nothing is written, even by calling save.
    assert not dialog.save()
    with store.read() as session:
        assert session.scalars(select(ReferralRoute)).all() == []


def test_an_ets_editor_offers_the_tracks_of_its_routes(
    qtbot: QtBot,
    store: Store,
    italian: None,  # noqa: F811
) -> None:
    setting = make_setting(store)
    _sites(store)
    set_settings(store, {SITE_CODE: "ETS-PONTE", SITE_KIND: SiteKind.ETS.value})
    editor = open_editor(qtbot, setting, ETS)
    offered = [editor.referral.track.itemData(i) for i in range(editor.referral.track.count())]
    assert offered == [Track.NEET.value, Track.CMD.value]
    assert editor.rights.edit_data
    editor.close()
    # The Province closes ETS → CPI NEET: a new referral offers CMD only, and starts on it.
    with store.write() as session:
        for route in POSSIBLE_ROUTES:
            session.add(
                ReferralRoute(
                    sender_kind=route.sender_kind,
                    recipient_kind=route.recipient_kind,
                    track=route.track,
                    enabled=route == ETS_CMD,
                )
            )
    editor = open_editor(qtbot, setting, ETS)
    # The track's own tab is shown before the "Referral" tab is even built.
    assert editor.track() is Track.CMD
    assert editor.tabs.isTabVisible(editor.tabs.indexOf(editor.tabs.cmd_page))
    assert not editor.tabs.isTabVisible(editor.tabs.indexOf(editor.tabs.neet_page))
    offered = [editor.referral.track.itemData(i) for i in range(editor.referral.track.count())]
    assert offered == [Track.CMD.value]
    assert editor.track() is Track.CMD
    _shot(editor, "routes-ets-editor.png")


def test_no_route_no_new_referral(
    qtbot: QtBot,
    store: Store,
    italian: None,  # noqa: F811
) -> None:
    build_network(store)
    set_settings(store, {SITE_CODE: "CPI-VA", SITE_KIND: SiteKind.CPI.value})
    window = QMainWindow()
    qtbot.addWidget(window)
    launcher = EditorLauncher(store, today=lambda: TODAY, parent_window=window)
    action = launcher.new_referral_action(window)
    launcher.update_new_entries()
    assert not action.isEnabled()
    assert "Provincia" in action.toolTip()
    launcher.request_new_referral()
    assert launcher.editors == []
    # The Province opens CPI → CPI NEET: after the sync the entry is enabled.
    with store.write() as session:
        session.add(
            ReferralRoute(
                sender_kind=SiteKind.CPI, recipient_kind=SiteKind.CPI, track=RouteTrack.NEET
            )
        )
    launcher.forget_reference_data()
    assert action.isEnabled()
