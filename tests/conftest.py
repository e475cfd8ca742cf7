"""Shared fixtures. Qt runs offscreen; keyring is in memory; the sandbox runs on a random port."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # with no display Qt would abort the process
os.environ.setdefault("KIOSK_SYSTEM_DIR", "/nonexistent/isfahan-kiosk")  # never this machine's /etc

import datetime as dt  # noqa: E402
import logging  # noqa: E402
import threading  # noqa: E402

import keyring  # noqa: E402
import pytest  # noqa: E402
import requests  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from kiosk.api_client import ApiSession, KioskApi  # noqa: E402
from kiosk.sandbox.app import SandboxSettings  # noqa: E402
from kiosk.sandbox.clock import ManualClock, SystemClock  # noqa: E402
from kiosk.sandbox.server import SandboxServer  # noqa: E402


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the process ends (tests only)."""

    priority = 10

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError(username)
        del self.store[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring():
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def manual_clock():
    return ManualClock(dt.datetime.now(dt.timezone.utc).replace(microsecond=0))


def _start(tmp_path, clock, settings=None, case_clock=None):
    server = SandboxServer(tmp_path / "sandbox.sqlite3", clock=clock, settings=settings, case_clock=case_clock)
    server.start()
    return server


@pytest.fixture
def sandbox(tmp_path, manual_clock):
    """The training API on a random loopback port, with a clock the test moves."""
    server = _start(tmp_path, manual_clock)
    yield server
    server.close()


@pytest.fixture
def live_sandbox(tmp_path):
    """The training API with the real clock (GUI tests watch real countdowns). Cases live by a training
    clock the test can move (``server.app.state.case_clock.advance``); agencies raise no chance objections."""
    from kiosk.sandbox.clock import TrainingClock

    server = _start(tmp_path, SystemClock(), SandboxSettings(agency_chance=0.99), case_clock=TrainingClock())
    yield server
    server.close()


class Tokens:
    def __init__(self):
        self.token = None

    def get(self):
        return self.token


@pytest.fixture
def api(sandbox):
    tokens = Tokens()
    client = KioskApi(ApiSession(sandbox.url, token_provider=tokens.get, get_retries=0))
    client.tokens = tokens
    return client


@pytest.fixture
def signed_in(api):
    api.tokens.token = api.login("clerk1", "amoozesh-1").token
    return api




@pytest.fixture(autouse=True)
def error_log_fails_the_test(request, caplog):
    """An ERROR log record is a bug report: a test that produces one fails, unless it says it expects it
    (``@pytest.mark.allow_error_log``)."""
    yield
    if request.node.get_closest_marker("allow_error_log"):
        return
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, "error logged: " + "; ".join(r.getMessage() for r in errors)
