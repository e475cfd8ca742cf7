"""GUI fixtures: a Persian QApplication, the real main window against the real sandbox over HTTP, and a
guard that fails any test in which the GUI thread sends an HTTP request."""

from __future__ import annotations

import pytest
import requests
from PySide6.QtCore import QCoreApplication, QThread

from kiosk.app import configure
from kiosk.config import Config
from kiosk.secrets import TokenStore
from kiosk.services import Services
from kiosk.tasks import TaskRunner
from kiosk.ui.keys import type_text  # noqa: F401 - re-exported for the tests

_http_on_gui_thread: list[str] = []
_original_send = requests.Session.send


def _guarded_send(self, request, **kwargs):
    app = QCoreApplication.instance()
    if app is not None and QThread.currentThread() is app.thread():
        _http_on_gui_thread.append(f"{request.method} {request.url}")
    return _original_send(self, request, **kwargs)


@pytest.fixture(autouse=True)
def no_http_on_gui_thread(monkeypatch):
    _http_on_gui_thread.clear()
    monkeypatch.setattr(requests.Session, "send", _guarded_send)
    yield
    assert not _http_on_gui_thread, f"HTTP on the GUI thread: {_http_on_gui_thread}"


@pytest.fixture(scope="session")
def persian_app(qapp):
    configure(qapp)
    return qapp


@pytest.fixture
def services(persian_app, tmp_path):
    from kiosk.outbox.service import OutboxService
    from kiosk.outbox.store import OutboxStore

    errors: list[BaseException] = []
    runner = TaskRunner(default_error=errors.append)
    # Print previews open after payments only where a test asks for it (print_after).
    svc = Services(config=Config(overrides={"health_interval": 0.5, "print_after": False}), tokens=TokenStore(),
                   runner=runner,
                   training=True)
    svc.outbox = OutboxService(lambda: svc.api, runner, base_delay=0.2, max_delay=1.0, idle_poll=0.5,
                               operator=svc.operator_name, token_owner=svc.tokens.current)
    svc.outbox.attach(OutboxStore(tmp_path / "outbox.sqlite3", bytes(range(32))))
    from kiosk.uploads import Uploads, UploadSpool

    svc.uploads = Uploads(UploadSpool(tmp_path / "spool", bytes(range(32))), lambda: svc.api, operator=svc.operator_name)
    svc.unhandled = errors
    yield svc
    svc.outbox.stop()
    runner.wait_all(10000)
    svc.outbox.store.close()
    svc.uploads.spool.close()


@pytest.fixture
def window(qtbot, services, live_sandbox):
    from kiosk.ui.main_window import MainWindow

    w = MainWindow(services)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.server_ready, timeout=10000):
        w.backend_started(live_sandbox.url)
    qtbot.waitUntil(lambda: len(w._lazy) >= 3, timeout=5000)  # the citizen screens, built after the first paint
    # As on a desktop, the window is the active one (window shortcuts such as Ctrl+N, F1, Esc need that; the
    # offscreen platform drops activation when widgets are created inside a shown window).
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    yield w
    w.net.stop()
    services.runner.wait_all(10000)
    assert not services.unhandled, services.unhandled


@pytest.fixture(autouse=True)
def pin_tries_in_the_tests_folder(monkeypatch, tmp_path):
    """Wrong-PIN counts are kept on disk across restarts: each test keeps its own, from none."""
    from kiosk.ui import counter

    monkeypatch.setattr(counter, "tries_file", lambda kind: tmp_path / f"{kind}-tries.json")
    monkeypatch.setattr(counter, "_EXIT_GUARD", None)
    monkeypatch.setattr(counter, "_SUPERVISOR_GUARD", None)
