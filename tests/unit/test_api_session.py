"""The HTTP session against a fake transport: timeouts, retries, error mapping."""

from __future__ import annotations

import json

import pytest
import requests

from kiosk.api_client import (
    ApiSession, KioskApi, OfflineError, OutcomeUnknown, RequestTimeout, ServerError, Unauthorized, ValidationFailed,
)
from kiosk.contract import IDEMPOTENCY_HEADER


class FakeResponse:
    """``echo``: the answer carries the request's idempotency key back, as the server's answers do."""

    def __init__(self, status, body=None, headers=None, echo=True):
        self.status_code = status
        self.content = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        self.headers = dict(headers or {})
        self.echo = echo

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
        key = kw["headers"].get(IDEMPOTENCY_HEADER)
        if key and item.echo:
            item.headers = {**item.headers, IDEMPOTENCY_HEADER: key}
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


def test_a_post_always_carries_a_key_and_a_timeout_is_an_unknown_outcome_not_repeated_here():
    session, fake = make([requests.ReadTimeout()])
    with pytest.raises(OutcomeUnknown):
        session.request("POST", "/x", json_body={})
    assert len(fake.calls) == 1  # the server may still be working on it: the caller retries later
    assert len(fake.calls[0][2]["headers"][IDEMPOTENCY_HEADER]) == 20
    session, fake = make([FakeResponse(201, {"a": 1})])
    session.request("POST", "/x", idempotency_key="k-1")
    assert fake.calls[0][2]["headers"][IDEMPOTENCY_HEADER] == "k-1"


def refused() -> requests.ConnectionError:
    """What requests raises when nothing listens: the request never left."""
    import urllib3.exceptions

    inner = urllib3.exceptions.NewConnectionError(None, "Connection refused")
    return requests.ConnectionError(urllib3.exceptions.MaxRetryError(None, "/x", inner))


def test_a_post_that_never_left_is_offline_one_that_may_have_left_is_unknown():
    session, fake = make([refused(), refused()])
    with pytest.raises(OfflineError) as info:
        session.request("POST", "/x")
    assert type(info.value) is OfflineError
    import urllib3.exceptions

    reset = requests.ConnectionError(urllib3.exceptions.ProtocolError("Connection aborted.",
                                                                      ConnectionResetError(104, "reset")))
    for failure in (reset, requests.exceptions.ChunkedEncodingError("cut"), requests.exceptions.ContentDecodingError()):
        session, fake = make([failure, failure])
        with pytest.raises(OutcomeUnknown):
            session.request("POST", "/x", idempotency_key="k-2")
        # repeated once after a broken connection, with the same key
        assert [c[2]["headers"][IDEMPOTENCY_HEADER] for c in fake.calls] == ["k-2", "k-2"]


def test_a_broken_connection_is_repeated_once_with_the_same_key_and_gets_the_answer():
    import urllib3.exceptions

    reset = requests.ConnectionError(urllib3.exceptions.ProtocolError("Connection aborted."))
    session, fake = make([reset, FakeResponse(201, {"a": 1}, headers={"Idempotent-Replayed": "true"})])
    assert session.request("POST", "/x", idempotency_key="k-3") == {"a": 1}
    assert session.last_replayed


@pytest.mark.parametrize("status,body", [(403, b"<html>Forbidden by proxy</html>"), (408, b""),
                                         (413, b"<html>Request Entity Too Large</html>"), (502, b"Bad gateway"),
                                         (503, b""), (504, b"<html>gateway timeout</html>"), (401, b"<html></html>"),
                                         (200, b"<html>captive portal</html>"), (422, b'{"detail": "x"}')])
def test_an_answer_outside_the_contract_to_a_post_is_an_unknown_outcome_never_a_refusal(status, body):
    session, fake = make([FakeResponse(status, body)])
    with pytest.raises(OutcomeUnknown) as info:
        session.request("POST", "/x", idempotency_key="k-4")
    assert info.value.status == status and len(fake.calls) == 1


CONTRACT_LOOKALIKE = {"error": {"code": "Forbidden", "message": "blocked by the gateway"}, "problems": []}


@pytest.mark.parametrize("answer", [
    FakeResponse(200, None, echo=False), FakeResponse(201, None, echo=False), FakeResponse(204, None, echo=False),
    FakeResponse(200, {}, echo=False), FakeResponse(200, [], echo=False),
    FakeResponse(403, CONTRACT_LOOKALIKE, echo=False), FakeResponse(413, CONTRACT_LOOKALIKE, echo=False),
    FakeResponse(422, CONTRACT_LOOKALIKE, echo=False), FakeResponse(303, b"", {"Location": "/elsewhere"}, echo=False),
], ids=["200-empty", "201-empty", "204", "200-{}", "200-[]", "403-lookalike", "413-lookalike", "422-lookalike",
        "303"])
def test_an_answer_without_the_key_echoed_is_not_the_servers(answer):
    """A gateway's empty 2xx, a captive portal's JSON, a proxy's error body shaped like the contract's, a
    redirect: none is the server's answer, so none may delete a queued request or count as a refusal."""
    session, fake = make([answer])
    with pytest.raises(OutcomeUnknown):
        session.request("POST", "/x", idempotency_key="k-5")
    assert fake.calls[0][2]["allow_redirects"] is False  # a POST is never turned into a GET by a redirect


def test_the_servers_own_refusal_and_success_are_recognised_by_the_echoed_key():
    session, _ = make([FakeResponse(204, None)])
    assert session.request("POST", "/x", idempotency_key="k-6") is None
    session, _ = make([error("bill_paid", status=409)])
    with pytest.raises(ValidationFailed):
        session.request("POST", "/x", idempotency_key="k-7")


def test_once_an_attempt_may_have_left_a_later_refused_connection_does_not_say_never_sent():
    import urllib3.exceptions

    reset = requests.ConnectionError(urllib3.exceptions.ProtocolError("Connection aborted."))
    session, _ = make([reset, refused()])
    with pytest.raises(OutcomeUnknown):
        session.request("POST", "/x", idempotency_key="k-8")


@pytest.mark.parametrize("status,code,final", [
    (422, "otp_invalid", True), (409, "bill_paid", True), (403, "idempotency_key_foreign", True),
    (408, "timeout", False), (429, "otp_rate_limited", False), (409, "request_in_progress", False),
    (400, "body_incomplete", False), (425, "early", False),
])
def test_which_refusals_are_final(status, code, final):
    from kiosk.api_client.errors import is_refusal

    assert is_refusal(ValidationFailed("x", translatable=False, status=status, code=code)) is final


def test_the_servers_clock_is_learnt_only_from_the_servers_own_answers_and_kept_monotonic(monkeypatch):
    import email.utils
    import time

    ahead = email.utils.formatdate(time.time() + 3 * 86400, usegmt=True)  # the PC's clock is 3 days behind
    portal = email.utils.formatdate(time.time() + 30 * 86400, usegmt=True)
    session, _ = make([FakeResponse(200, {"ok": 1}, headers={"Date": portal}),  # a GET: anyone's answer
                       FakeResponse(200, {}, headers={"Date": portal}, echo=False),  # a portal's answer to a POST
                       FakeResponse(201, {"a": 1}, headers={"Date": ahead})])  # the server's own
    assert session.server_now() is None
    session.request("GET", "/x")
    with pytest.raises(OutcomeUnknown):
        session.request("POST", "/x", idempotency_key="k-9")
    assert session.server_now() is None
    session.request("POST", "/x", idempotency_key="k-10")
    assert abs(session.server_now() - (time.time() + 3 * 86400)) < 5
    monkeypatch.setattr(time, "time", lambda: 0.0)  # the PC's clock is set back: the server's time is not
    assert session.server_now() > 1_700_000_000


def test_an_attempt_that_may_have_left_stays_unknown_whatever_the_retry_is_told():
    import urllib3.exceptions

    reset = requests.ConnectionError(urllib3.exceptions.ProtocolError("Connection aborted."))
    for second in (error("request_in_progress", status=409), error("otp_rate_limited", status=429),
                   error("token_expired", status=401)):
        session, _ = make([reset, second])
        with pytest.raises(OutcomeUnknown):
            session.request("POST", "/x", idempotency_key="k-11")
    session, _ = make([reset, error("bill_paid", status=409)])  # the server's decision for that key: final
    with pytest.raises(ValidationFailed):
        session.request("POST", "/x", idempotency_key="k-12")


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
