"""What the clerk sees of signed updates: the status bar says, in Persian, that a checked release starts at
the next start, that a tampered one was refused, or that an updated version failed its start and the
previous one runs; the check runs off the GUI thread (the conftest forbids HTTP there)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from kiosk import updates
from tests.update_repo import Repository


@pytest.fixture
def repo(tmp_path):
    r = Repository(tmp_path)
    yield r
    r.close()


def _client(repo, tmp_path):
    return updates.UpdateClient(repo.url, "stable", repo.root, tmp_path / "updates", "1.0.0")


def test_a_checked_release_is_announced_for_the_next_start(qtbot, window, repo, tmp_path):
    repo.release("1.1.0")
    window.services.updates = _client(repo, tmp_path)
    window.watch_updates(tmp_path / "updates")
    window.check_updates()
    qtbot.waitUntil(lambda: window.update_label.isVisible(), timeout=15000)
    assert "۱.۱.۰" in window.update_label.text() and "شروع دوبارهٔ" in window.update_label.toolTip()
    assert window.update_label.property("problem") is False


@pytest.mark.allow_error_log
def test_a_tampered_release_is_refused_in_the_status_bar(qtbot, window, repo, tmp_path):
    path = repo.release("1.1.0")
    folder, _, name = path.rpartition("/")
    archive = next((repo.public / "targets" / folder).glob(f"*.{name}"))
    archive.write_bytes(archive.read_bytes()[:-10] + b"0123456789")
    window.services.updates = _client(repo, tmp_path)
    window.watch_updates(tmp_path / "updates")
    window.check_updates()
    qtbot.waitUntil(lambda: window.update_label.isVisible(), timeout=15000)
    assert window.update_label.text() == "به‌روزرسانی پذیرفته نشد" and window.update_label.property("problem") is True
    assert "امضا" in window.update_label.toolTip()
    window.update_label.click()  # the whole sentence, in a box
    box = window.findChild(QMessageBox, "updateMessage")
    qtbot.waitUntil(box.isVisible)
    assert box.text() == window.update_label.toolTip()
    box.accept()
    assert updates.State(tmp_path / "updates").staged is None


@pytest.mark.allow_error_log
def test_a_failed_start_of_an_updated_version_is_said_once(qtbot, window, repo, tmp_path):
    repo.release("1.1.0")
    folder = tmp_path / "updates"
    assert _client(repo, tmp_path).run() == "1.1.0"
    updates.choose(folder, "1.0.0")  # tried …
    updates.choose(folder, "1.0.0")  # … never confirmed: this (the previous) version runs
    window.watch_updates(folder)
    qtbot.waitUntil(lambda: window.update_label.isVisible(), timeout=5000)
    assert "۱.۱.۰" in window.update_label.text() and "نسخهٔ قبلی" in window.update_label.toolTip()
    assert updates.take_report(folder) is None


def test_the_check_interval_is_the_administrators_and_within_a_minute_and_a_week(qtbot, window, repo, tmp_path):
    from kiosk.config import Config

    window.services.updates = _client(repo, tmp_path)
    window.services.config = Config(system={"update_check_interval": 30 * 86400.0})  # a month: beyond a timer
    window.watch_updates(tmp_path / "updates")
    assert window.update_timer.interval() == 7 * 86400 * 1000
    window.services.config = Config(user={"update_check_interval": 0.0})  # the clerk's file: not hers to set
    window.watch_updates(tmp_path / "updates")
    assert window.update_timer.interval() == 3600 * 1000


def test_a_check_goes_on_when_the_visit_ends(qtbot, window, repo, tmp_path):
    repo.release("1.1.0")
    window.services.updates = _client(repo, tmp_path)
    window.watch_updates(tmp_path / "updates")
    window.check_updates()
    window.next_citizen()  # the visit ends while the check runs
    qtbot.waitUntil(lambda: window.update_label.isVisible(), timeout=15000)
    assert not window._update_running
