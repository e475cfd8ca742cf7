"""The background helper: work runs off the GUI thread, results come back on it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from kiosk.tasks import InlineRunner, TaskRunner


def test_work_runs_on_a_worker_and_result_returns_on_the_gui_thread(qtbot, qapp):
    runner = TaskRunner()
    seen = {}

    def work():
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        return 42

    def done(value):
        seen["value"] = value
        seen["gui"] = QThread.currentThread() is qapp.thread()

    runner.run(work, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen == {"worker": True, "value": 42, "gui": True}


def test_errors_reach_the_error_callback(qtbot):
    errors = []
    runner = TaskRunner(default_error=errors.append)
    runner.run(lambda: 1 / 0)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_callbacks_of_a_deleted_owner_are_skipped(qtbot):
    runner = TaskRunner()
    owner = QWidget()
    called = []
    gate = threading.Event()
    runner.run(lambda: gate.wait(5), called.append, owner=owner)
    owner.deleteLater()
    qtbot.wait(50)
    gate.set()
    runner.wait_all(5000)
    qtbot.wait(100)
    assert called == [] and runner.busy == 0


def test_inline_runner():
    out = []
    InlineRunner().run(lambda: 5, out.append)
    InlineRunner(default_error=out.append).run(lambda: [][1])
    assert out[0] == 5 and isinstance(out[1], IndexError)
