"""Operations that announce their changes: the hub, following it, and the one path for a
service call (refusals to a message, bugs to the crash handler, a notice after a commit)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import TracebackType

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.services.errors import NotAllowedError
from desktop.ui import operations
from desktop.ui.operations import ChangeHub, Changes, Operation, announce, follow_changes


class Shown:
    """What the operation helper showed: message boxes and crash reports."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.bugs: list[BaseException] = []


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Shown:
    seen = Shown()

    def warning(_parent: object, _title: str, text: str) -> None:
        seen.messages.append(text)

    def excepthook(
        _kind: type[BaseException], error: BaseException, _tb: TracebackType | None
    ) -> None:
        seen.bugs.append(error)

    monkeypatch.setattr(operations.QMessageBox, "warning", warning)
    monkeypatch.setattr(sys, "excepthook", excepthook)
    return seen


@pytest.fixture
def notices() -> Iterator[list[tuple[Changes, object]]]:
    """The notices on the application's hub during one test."""
    received: list[tuple[Changes, object]] = []

    def record(changes: object, initiator: object) -> None:
        assert isinstance(changes, Changes)
        received.append((changes, initiator))

    hub = operations.change_hub()
    hub.changed.connect(record)
    yield received
    hub.changed.disconnect(record)


def test_changes_combine_and_compare() -> None:
    saved = Changes(referrals=True) | Changes(persons=True)
    assert saved == Changes(referrals=True, persons=True)
    assert saved & Changes(persons=True, projects=True) == Changes(persons=True)
    assert not Changes()
    assert not (saved & Changes(meetings=True))
    everything = Changes.everything()
    assert everything.site and everything.reference and everything.directory


def test_one_hub_for_the_application() -> None:
    assert operations.change_hub() is operations.change_hub()


def test_a_commit_is_announced_after_its_success(
    qtbot: QtBot, shown: Shown, notices: list[tuple[Changes, object]]
) -> None:
    announced_before_success: list[int] = []
    initiator = object()
    committed = (
        Operation(
            None,
            lambda: "r-1",
            lambda result: Changes(referrals=True) if result == "r-1" else Changes(),
            initiator=initiator,
        )
        .success(lambda _result: announced_before_success.append(len(notices)))
        .run()
    )
    assert committed
    assert announced_before_success == [0]  # the caller shows its result first
    assert notices == [(Changes(referrals=True), initiator)]
    assert shown.messages == [] and shown.bugs == []


def test_a_refusal_is_shown_and_nothing_is_announced(
    shown: Shown, notices: list[tuple[Changes, object]]
) -> None:
    def refused() -> None:
        raise NotAllowedError("La segnalazione è già stata inviata.")

    assert not Operation(None, refused, Changes(referrals=True)).run()
    assert shown.messages == ["La segnalazione è già stata inviata."]
    assert shown.bugs == [] and notices == []


def test_a_file_problem_is_shown(shown: Shown, notices: list[tuple[Changes, object]]) -> None:
    def full_disk() -> None:
        raise OSError(28, "No space left on device")

    assert not Operation(None, full_disk, Changes(persons=True)).run()
    assert len(shown.messages) == 1 and "No space left on device" in shown.messages[0]
    assert shown.bugs == [] and notices == []


def test_a_refusal_goes_to_the_failure_handler_when_given(shown: Shown) -> None:
    handled: list[Exception] = []

    def refused() -> None:
        raise NotAllowedError("Non consentito.")

    assert not Operation(None, refused, Changes()).failure(handled.append).run()
    assert [str(error) for error in handled] == ["Non consentito."]
    assert shown.messages == []


def test_a_bug_goes_to_the_crash_handler(
    shown: Shown, notices: list[tuple[Changes, object]]
) -> None:
    handled: list[Exception] = []

    def broken() -> None:
        raise KeyError("bug")

    assert not Operation(None, broken, Changes(referrals=True)).failure(handled.append).run()
    assert [type(error) for error in shown.bugs] == [KeyError]
    assert handled == [] and shown.messages == [] and notices == []


def test_an_operation_in_the_background_announces_on_the_gui_thread(
    qtbot: QtBot, shown: Shown, notices: list[tuple[Changes, object]]
) -> None:
    results: list[int] = []
    Operation(None, lambda: 42, Changes(meetings=True)).success(results.append).run_in_background()
    qtbot.waitUntil(lambda: bool(notices), timeout=5000)
    assert results == [42]
    assert notices == [(Changes(meetings=True), None)]


def test_an_operation_in_the_background_reports_a_refusal(
    qtbot: QtBot, shown: Shown, notices: list[tuple[Changes, object]]
) -> None:
    def refused() -> None:
        raise NotAllowedError("Non consentito.")

    Operation(None, refused, Changes(meetings=True)).run_in_background()
    qtbot.waitUntil(lambda: bool(shown.messages), timeout=5000)
    assert shown.messages == ["Non consentito."] and notices == []


def test_followers_on_screen_refresh_at_once_hidden_ones_when_shown(qtbot: QtBot) -> None:
    hub = ChangeHub()
    on_screen, hidden = QWidget(), QWidget()
    qtbot.addWidget(on_screen)
    qtbot.addWidget(hidden)
    on_screen.show()
    qtbot.waitExposed(on_screen)
    reads: list[str] = []
    follow_changes(on_screen, Changes(referrals=True), lambda: reads.append("on screen"), hub=hub)
    follow_changes(hidden, Changes(persons=True), lambda: reads.append("hidden"), hub=hub)

    hub.announce(Changes(referrals=True, persons=True))
    assert reads == ["on screen"]
    hub.announce(Changes(projects=True))  # followed by neither
    assert reads == ["on screen"]
    hidden.show()
    qtbot.waitUntil(lambda: reads == ["on screen", "hidden"], timeout=5000)
    hidden.hide()
    hidden.show()  # not stale any more: not read again
    assert reads == ["on screen", "hidden"]


def test_the_page_that_made_a_change_is_not_told_again(qtbot: QtBot) -> None:
    hub = ChangeHub()
    page, other = QWidget(), QWidget()
    for widget in (page, other):
        qtbot.addWidget(widget)
        widget.show()
    reads: list[QWidget] = []
    follow_changes(page, Changes(persons=True), lambda: reads.append(page), hub=hub)
    follow_changes(other, Changes(persons=True), lambda: reads.append(other), hub=hub)
    hub.announce(Changes(persons=True), initiator=page)
    assert reads == [other]


def test_a_follower_ends_with_its_widget(qtbot: QtBot) -> None:
    hub = ChangeHub()
    reads: list[str] = []
    widget = QWidget()
    widget.show()
    follow_changes(widget, Changes(directory=True), lambda: reads.append("read"), hub=hub)
    with qtbot.waitSignal(widget.destroyed, timeout=5000):
        widget.deleteLater()
    hub.announce(Changes(directory=True))
    assert reads == []


def test_announce_is_for_changes_made_inside_dialogs(
    notices: list[tuple[Changes, object]],
) -> None:
    announce(Changes(directory=True))
    announce(Changes())  # nothing changed: nothing to tell
    assert notices == [(Changes(directory=True), None)]
