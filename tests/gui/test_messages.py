"""Errors reach the screen only through kiosk.messages: a sentence for the operator, an apology for a bug."""

from __future__ import annotations

import re

import pytest

from kiosk import messages
from kiosk.api_client import OfflineError, ServerError
from kiosk.api_client.errors import SERVER


def test_messages_sent_before_the_window_exists_are_delivered_later(qtbot, persian_app):
    bus = messages.MessageBus()
    bus.info("پیام نخست")
    qtbot.wait(10)
    got = []
    bus.set_sink(lambda kind, text: got.append((kind, text)))
    assert got == [("info", "پیام نخست")]


def test_describe_translates_client_errors_with_persian_digits(persian_app):
    assert messages.describe(OfflineError()).startswith("اتصال به سرور برقرار نیست")
    text = messages.describe(ServerError(SERVER, translatable=True, params={"status": 503}))
    assert "۵۰۳" in text
    assert messages.describe(ValueError("x")) is None


@pytest.mark.allow_error_log
def test_a_bug_is_logged_with_a_reference_and_shown_as_an_apology(qtbot, window, caplog):
    w = window
    w.services.runner.run(lambda: {}["missing"], None, lambda exc: w.on_problem(exc, None))
    qtbot.waitUntil(lambda: w.banner.isVisible(), timeout=5000)
    ref = re.search(r"[۰-۹A-F]{6}", w.banner.text().split(":")[-1]).group(0)
    assert "متأسفیم" in w.banner.text()
    assert "Traceback" not in w.banner.text()
    logged = [r for r in caplog.records if r.levelname == "ERROR"]
    assert logged and logged[0].exc_info and "reference" in logged[0].getMessage()
    from kiosk.domain.digits import to_ascii_digits

    assert to_ascii_digits(ref) in logged[0].getMessage()
