"""The HTTP session against a fake transport: timeouts, retries, error mapping."""

from __future__ import annotations

import json

import pytest
import requests

from kiosk.api_client import (
    ApiSession, KioskApi, OfflineError, RequestTimeout, ServerError, Unauthorized, ValidationFailed,
)
from kiosk.contract import IDEMPOTENCY_HEADER


class FakeResponse:
    def __init__(self, status, body=None, headers=None):
        self.status_code = status
        self.content = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        self.headers = headers or {}

    def json(self):
        return json.loads(self.content)


class FakeSession:
    def __init__(self, script):
        self.script = list(script)
        self.calls = []
        self.headers = {}

    def request(self, method, url, **kw):
        self.calls.append((method, url, kw))
        item = self.script.pop(0)
        if isinstance(item, Exception):
            raise item
        return item


def make(script, **kw):
    fake = FakeSession(script)
    session = ApiSession("http://server/", session_factory=lambda: fake, sleep=lambda s: None,
                         token_provider=lambda: "T", **kw)
    return session, fake


def error(code, message="پیام", field=None, status=422):
    return FakeResponse(status, {"error": {"code": code, "message": message, "field": field}, "problems": []})


def test_every_call_has_a_timeout_user_agent_and_token():
    session, fake = make([FakeResponse(200, {"ok": 1})])
    assert session.request("GET", "/x") == {"ok": 1}
    method, url, kw = fake.calls[0]
    assert url == "http://server/x" and kw["timeout"] == (3.05, 20.0)
    assert kw["headers"]["Authorization"] == "Bearer T"
    assert fake.headers["User-Agent"].startswith("IsfahanCounterKiosk/")


def test_get_is_retried_on_connection_errors_and_503():
    session, fake = make([requests.ConnectionError(), FakeResponse(503), FakeResponse(200, {"ok": 1})])
    assert session.request("GET", "/x") == {"ok": 1}
    assert len(fake.calls) == 3


def test_get_gives_up_as_offline():
    session, fake = make([requests.ConnectionError()] * 3)
    with pytest.raises(OfflineError):
        session.request("GET", "/x")
    assert len(fake.calls) == 3


def test_post_is_never_retried_and_always_carries_an_idempotency_key():
    session, fake = make([requests.Timeout()])
    with pytest.raises(RequestTimeout):
        session.request("POST", "/x", json_body={})
    assert len(fake.calls) == 1
    assert fake.calls[0][2]["headers"][IDEMPOTENCY_HEADER]
    session, fake = make([FakeResponse(201, {"a": 1})])
    session.request("POST", "/x", idempotency_key="k-1")
    assert fake.calls[0][2]["headers"][IDEMPOTENCY_HEADER] == "k-1"


def test_error_bodies_become_typed_errors_with_the_servers_persian():
    session, _ = make([error("otp_invalid", "کد نادرست است.", "code")])
    with pytest.raises(ValidationFailed) as info:
        session.request("POST", "/x")
    assert info.value.text == "کد نادرست است." and info.value.field == "code" and not info.value.translatable
    session, _ = make([error("token_expired", status=401)])
    with pytest.raises(Unauthorized):
        session.request("GET", "/x")
    session, _ = make([FakeResponse(500, b"<html>oops</html>")] * 3)
    with pytest.raises(ServerError) as info:
        session.request("GET", "/x")
    assert info.value.params == {"status": 500} and info.value.translatable
    session, _ = make([FakeResponse(401, b"")])
    with pytest.raises(Unauthorized):
        session.request("GET", "/x")


def test_retry_after_is_honoured_and_capped():
    slept = []
    fake = FakeSession([FakeResponse(429, headers={"Retry-After": "30"}), FakeResponse(200, {"ok": 1})])
    session = ApiSession("http://s", session_factory=lambda: fake, sleep=slept.append)
    session.request("GET", "/x")
    assert slept == [5.0]


def test_a_garbled_success_is_a_server_error():
    session, _ = make([FakeResponse(200, {"unexpected": True})])
    with pytest.raises(ServerError):
        KioskApi(session).health()
