"""The social referral page on both sides: the CPI writes and sends, the Ambito answers."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QListWidgetItem, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.codes import ReferralStatus, SiteKind, SocialReferralStatus
from desktop.domain.lifecycle import Transition
from desktop.services.installation import SITE_CODE, SITE_KIND, set_settings
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import create_referral
from desktop.store.engine import Store
from desktop.store.models import Ambito, Municipality, Site, SocialReferral, SocialReferralReply
from desktop.ui.social_referrals import name_navigation_item
from desktop.ui.social_referrals.dialog import SocialReferralDialog
from desktop.ui.social_referrals.page import SocialReferralsPage
from tests.services_support import Network, make_person, neet_input
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401
from tests.ui.referral_support import make_setting, open_editor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SHOTS = os.environ.get("TRAMA_SCREENSHOTS")
TODAY = date(2026, 11, 27)
S = SocialReferralStatus
REASON = "Nucleo familiare in difficoltà abitativa, chiede sostegno ai servizi sociali."


def _shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        if (layout := widget.layout()) is not None:
            layout.activate()
        widget.grab().save(str(Path(SHOTS) / name))


def _ambiti(store: Store, network: Network) -> None:
    with store.write() as session:
        varese = Ambito(code="AMB-VA", name="Ambito di Varese")
        session.add_all([varese, Ambito(code="AMB-GA", name="Ambito di Gallarate")])
        session.flush()
        session.scalars(select(Site).where(Site.code == "AMB-VA")).one().ambito_id = varese.id
        session.get_one(Municipality, network.varese_id).ambito_id = varese.id


def _as(store: Store, code: str, kind: SiteKind) -> None:
    set_settings(store, {SITE_CODE: code, SITE_KIND: kind.value})


def _page(qtbot: QtBot, store: Store) -> SocialReferralsPage:
    page = SocialReferralsPage(store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    return page


def _dialog(qtbot: QtBot, dialog: SocialReferralDialog) -> SocialReferralDialog:
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_the_cpi_writes_and_sends_the_ambito_answers(
    qtbot: QtBot,
    store: Store,
    italian: None,  # noqa: F811
) -> None:
    setting = make_setting(store)
    network = setting.network
    _ambiti(store, network)
    person = make_person(store, network)
    make_person(store, network, last_name="Colombo", first_name="Marco")

    _as(store, "CPI-VA", SiteKind.CPI)
    item = QListWidgetItem("")
    name_navigation_item(item, store)
    assert item.text() == "Ai servizi sociali" and not item.isHidden()
    page = _page(qtbot, store)
    assert page.title.text() == "Segnalazioni ai servizi sociali"
    assert page.new_button.isVisible() and page.new_button.isEnabled()
    dialog = _dialog(qtbot, page.open_dialog(None))
    assert dialog.windowTitle() == "Nuova segnalazione ai servizi sociali"
    assert not dialog.withdraw_button.isVisible() and not dialog.accept_button.isVisible()
    # Bad input: nothing saved, the messages beside the fields.
    dialog.save_button.click()
    assert "persona" in dialog.registry.slots["person_id"].message().lower()
    with store.read() as session:
        assert session.scalars(select(SocialReferral)).all() == []
    dialog.person.setCurrentIndex(dialog.person.findData(person.id))
    dialog.operator.setText("Carla Neri")
    dialog.needs.setText("casa, sostegno al reddito")
    dialog.reason.setPlainText(REASON)
    _shot(dialog, "social-referral-new.png")
    dialog.send_button.click()
    assert dialog.detail is not None and dialog.detail.status is S.SENT
    assert dialog.title.text() == "Segnalazione ai servizi sociali SS-2026/000001 — inviata"
    assert dialog.detail.ambito_name == "Ambito di Varese"
    assert dialog.detail.needs == ("casa", "sostegno al reddito")
    assert not dialog.save_button.isVisible() and dialog.withdraw_button.isVisible()
    dialog.close()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 1).text() == "Brambilla Giulia"
    assert page.table.item(0, 2).text() == "Ambito di Varese"
    _shot(page, "social-referrals-cpi.png")

    # The Ambito's PC (the same store, as the sync would bring it).
    _as(store, "AMB-VA", SiteKind.AMBITO)
    name_navigation_item(item, store)
    assert item.text() == "Dai CPI"
    ambito_page = _page(qtbot, store)
    assert not ambito_page.new_button.isVisible()
    assert ambito_page.table.item(0, 2).text() == "CPI Varese"
    ambito_page.table.selectRow(0)
    ambito_page.open_button.click()
    answer = _dialog(qtbot, ambito_page.dialogs[0])
    assert not answer.person.isEnabled() and answer.reason.isReadOnly()
    assert answer.person.count() == 1  # only this referral's person
    assert answer.accept_button.isVisible() and answer.decline_button.isVisible()
    assert not answer.close_button.isVisible() and not answer.send_button.isVisible()
    # Declining needs a reason: nothing written without it.
    answer.decline_button.click()
    assert "motivo" in answer.registry.slots["note"].message().lower()
    answer.note.setPlainText("Presa in carico dal servizio sociale di base.")
    answer.accept_button.click()
    assert answer.detail is not None and answer.detail.status is S.ACCEPTED
    assert answer.close_button.isVisible() and not answer.accept_button.isVisible()
    assert answer.answers.item(0, 1).text() == "Presa in carico"
    _shot(answer, "social-referral-ambito.png")
    with store.read() as session:
        reply = session.scalars(select(SocialReferralReply)).one()
        assert reply.owner_site == "AMB-VA"
        assert session.scalars(select(SocialReferral)).one().status is S.SENT
    qtbot.waitUntil(lambda: ambito_page.table.item(0, 3).text() == "Presa in carico")
    # Another Ambito sees nothing.
    _as(store, "AMB-GA", SiteKind.AMBITO)
    assert _page(qtbot, store).table.rowCount() == 0


def test_the_list_sorts_by_date(
    qtbot: QtBot,
    store: Store,
    italian: None,  # noqa: F811
) -> None:
    from desktop.services.context import Actor  # noqa: PLC0415
    from desktop.services.social_referrals import (  # noqa: PLC0415
        SocialReferralInput,
        create_social_referral,
        send_social_referral,
    )

    setting = make_setting(store)
    _ambiti(store, setting.network)
    person = make_person(store, setting.network)
    cpi = Actor("c.neri", "CPI-VA", SiteKind.CPI)
    for sent_on in (date(2026, 10, 2), date(2026, 9, 30), date(2026, 10, 15)):
        draft = create_social_referral(
            store, actor=cpi, data=SocialReferralInput(person_id=person.id, reason=REASON)
        )
        send_social_referral(store, actor=cpi, social_referral_id=draft.id, on=sent_on)
    _as(store, "CPI-VA", SiteKind.CPI)
    page = _page(qtbot, store)
    page.table.sortItems(5)
    shown = [page.table.item(row, 5).text() for row in range(3)]
    assert shown == ["30/09/2026", "02/10/2026", "15/10/2026"]
    assert page.count.text() == "3 segnalazioni"


def test_a_cpi_refers_the_person_of_a_referral_it_handles(
    qtbot: QtBot,
    store: Store,
    italian: None,  # noqa: F811
) -> None:
    setting = make_setting(store)
    network = setting.network
    _ambiti(store, network)
    person = make_person(store, network)
    referral = create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)
    for actor, transition in ((network.ambito, Transition.SEND), (network.cpi, Transition.RECEIVE)):
        transition_referral(
            store, actor=actor, referral_id=referral.id, transition=transition, on=TODAY
        )
    _as(store, "CPI-VA", SiteKind.CPI)
    editor = open_editor(qtbot, setting, network.cpi, referral.id)
    assert editor.detail is not None and editor.detail.status is ReferralStatus.RECEIVED
    assert editor.social_button.isVisible()
    assert editor.social_button.text() == "Segnala ai servizi sociali…"
    dialog = editor.social_button.open_dialog()
    assert dialog is not None
    _dialog(qtbot, dialog)
    assert dialog.person.currentData() == person.id
    assert dialog.ambito.currentText() == "Ambito di Varese"
    dialog.reason.setPlainText(REASON)
    dialog.save_button.click()
    with store.read() as session:
        saved = session.scalars(select(SocialReferral)).one()
        assert saved.referral_id == referral.id and saved.status is S.DRAFT
    # The sender's editor never offers it.
    _as(store, "AMB-VA", SiteKind.AMBITO)
    sender = open_editor(qtbot, setting, network.ambito, referral.id)
    assert not sender.social_button.isVisible()


@pytest.mark.parametrize(
    ("code", "kind", "text"),
    [
        ("CPI-VA", SiteKind.CPI, "Ai servizi sociali"),
        ("AMB-VA", SiteKind.AMBITO, "Dai CPI"),
        ("PROV-VA", SiteKind.PROVINCIA, None),
    ],
)
def test_the_side_bar_names_the_page_for_each_side(
    qtbot: QtBot,
    store: Store,
    tmp_path: Path,
    italian: None,  # noqa: F811
    code: str,
    kind: SiteKind,
    text: str | None,
) -> None:
    from desktop.ui.main_window import PAGE_SOCIAL_REFERRALS, MainWindow  # noqa: PLC0415

    _as(store, code, kind)
    window = MainWindow(store, tmp_path, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    item = window.navigation.item(PAGE_SOCIAL_REFERRALS)
    # Named after the first paint, when the site is read.
    qtbot.waitUntil(lambda: item.isHidden() if text is None else item.text() == text)
    if text is None:
        return
    assert item.text() == text and not item.isHidden()
    # The whole name fits the side bar.
    metrics = window.navigation.fontMetrics()
    assert metrics.horizontalAdvance(text) < window.navigation.viewport().width() - 20
    window.navigation.setCurrentRow(PAGE_SOCIAL_REFERRALS)
    page = window.pages.currentWidget().page()  # type: ignore[attr-defined]
    assert isinstance(page, SocialReferralsPage)
    qtbot.waitUntil(page.table.isVisible)
    _shot(window, f"main-window-{kind.value}.png")
