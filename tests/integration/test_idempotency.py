"""The server's idempotency rules, each as a test that breaks if the rule does (see the contract's
"Idempotency" section): a half-sent body never poisons its key, a replay is answered only to its operator
and consent, secrets are not stored in clear, 401/429 are not final, a 5xx undoes everything, a concurrent
repeat is told to wait, and keys are forgotten after the retention period."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from kiosk.api_client import ApiSession, KioskApi, ValidationFailed
from kiosk.api_client.keys import one_off_key
from kiosk.contract import API_PREFIX, CONSENT_HEADER
from tests.integration.test_sandbox_api import NEW, SEEDED, consent_for

SERVICE = f"{API_PREFIX}/services/complaint/requests"


def requests_on_server(sandbox) -> list[str]:
    with sandbox.db.tx() as c:
        return [json.loads(r[0])["description"] for r in c.execute("SELECT form_values FROM service_requests")]


def complaint(text: str) -> dict:
    return {"values": {"subject": "roads", "description": text}}


def raw_post(port: int, path: str, headers: dict, body: bytes, declared: int | None = None,
             read_answer: bool = False) -> bytes:
    s = socket.create_connection(("127.0.0.1", port))
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    s.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{head}"
              f"Content-Length: {declared if declared is not None else len(body)}\r\n\r\n".encode() + body)
    answer = b""
    if read_answer:
        s.settimeout(5)
        try:
            answer = s.recv(65536)
        except OSError:
            pass
    s.close()
    return answer


def test_a_body_cut_mid_way_leaves_the_key_free_for_the_honest_retry(signed_in, sandbox):
    """The report's repro: Content-Length 66 with 25 bytes, the client dies; the full request then succeeds."""
    grant = consent_for(signed_in, sandbox, SEEDED)
    key = one_off_key()
    body = json.dumps(complaint("cut")).encode()
    headers = {"Authorization": f"Bearer {signed_in.tokens.token}", "Idempotency-Key": key,
               CONSENT_HEADER: grant.consent_id}
    raw_post(sandbox.port, SERVICE, headers, body[:25], declared=len(body))
    time.sleep(0.2)
    with sandbox.db.tx() as c:
        assert c.execute("SELECT 1 FROM idempotent_requests WHERE key=?", (key,)).fetchone() is None
    receipt = signed_in.request_service("complaint", complaint("cut")["values"], grant.consent_id, idempotency_key=key)
    assert receipt.tracking_number and requests_on_server(sandbox) == ["cut"]


def test_replays_are_for_the_first_operator_only(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    key = one_off_key()
    first = signed_in.request_service("complaint", complaint("a")["values"], grant.consent_id, idempotency_key=key)
    other = KioskApi(ApiSession(sandbox.url, get_retries=0))
    other_token = other.login("clerk3", "amoozesh-3").token
    other.session.token_provider = lambda: other_token
    with pytest.raises(ValidationFailed) as info:
        other.request_service("complaint", complaint("a")["values"], grant.consent_id, idempotency_key=key)
    assert info.value.status == 403 and info.value.code == "idempotency_key_foreign"
    # The same clerk signed in again (a new token) still gets her answer: the binding is to her, not her token.
    again = KioskApi(ApiSession(sandbox.url, get_retries=0))
    token = again.login("clerk1", "amoozesh-1").token
    again.session.token_provider = lambda: token
    assert again.request_service("complaint", complaint("a")["values"], grant.consent_id,
                                 idempotency_key=key) == first
    assert again.session.last_replayed and requests_on_server(sandbox) == ["a"]


def test_a_replay_with_another_consent_is_refused(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    key = one_off_key()
    signed_in.request_service("complaint", complaint("b")["values"], grant.consent_id, idempotency_key=key)
    other = consent_for(signed_in, sandbox, SEEDED)
    with pytest.raises(ValidationFailed) as info:
        signed_in.request_service("complaint", complaint("b")["values"], other.consent_id, idempotency_key=key)
    assert info.value.code == "idempotency_key_foreign" and requests_on_server(sandbox) == ["b"]


def test_the_same_key_with_another_request_is_refused(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    key = one_off_key()
    signed_in.request_service("complaint", complaint("c")["values"], grant.consent_id, idempotency_key=key)
    with pytest.raises(ValidationFailed) as info:
        signed_in.request_service("complaint", complaint("d")["values"], grant.consent_id, idempotency_key=key)
    assert info.value.code == "idempotency_key_reused" and requests_on_server(sandbox) == ["c"]


@pytest.mark.parametrize("change", [
    {"X-Content-SHA256": "0" * 64},  # another file's hash
    {"X-Filename": "other.pdf"},
    {"Content-Type": "image/jpeg"},
], ids=["hash", "filename", "type"])
def test_the_same_key_with_another_meaningful_header_is_another_request(signed_in, sandbox, change):
    """Same key, same body, but a header that changes what is asked: refused, not answered from the record
    (a hostile review found such a request replayed as if it were the first)."""
    import hashlib

    import requests

    from tests.integration.test_permit_api import PDF

    grant = consent_for(signed_in, sandbox, SEEDED)
    draft = signed_in.create_draft({}, grant.consent_id)
    item = signed_in.checklist(draft.draft_id, grant.consent_id)[0].id
    url = f"{sandbox.url}{API_PREFIX}/drafts/{draft.draft_id}/documents/{item}"
    headers = {"Authorization": f"Bearer {signed_in.tokens.token}", CONSENT_HEADER: grant.consent_id,
               "Content-Type": "application/pdf", "X-Filename": "deed.pdf",
               "X-Content-SHA256": hashlib.sha256(PDF).hexdigest(), "Idempotency-Key": one_off_key()}
    first = requests.put(url, data=PDF, headers=headers, timeout=10)
    assert first.status_code in (200, 201), first.text
    again = requests.put(url, data=PDF, headers={**headers, "Content-Type": "application/pdf; charset=binary"},
                         timeout=10)
    assert again.headers.get("Idempotent-Replayed") == "true"  # a parameter of the type changes nothing
    other = requests.put(url, data=PDF, headers={**headers, **change}, timeout=10)
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused", other.text


def test_a_tus_creation_with_the_same_key_and_another_length_is_refused(signed_in, sandbox):
    import requests

    from kiosk.contract import UPLOADS_PATH
    from kiosk.contract.tus import encode_metadata

    meta = encode_metadata({"filename": "d.pdf", "filetype": "application/pdf", "sha256": "a" * 64})
    headers = {"Authorization": f"Bearer {signed_in.tokens.token}", "Tus-Resumable": "1.0.0",
               "Upload-Length": "100", "Upload-Metadata": meta, "Idempotency-Key": one_off_key()}
    first = requests.post(sandbox.url + UPLOADS_PATH, headers=headers, timeout=10)
    assert first.status_code == 201, first.text
    again = requests.post(sandbox.url + UPLOADS_PATH, headers=headers, timeout=10)
    assert again.headers["Location"] == first.headers["Location"]
    other = requests.post(sandbox.url + UPLOADS_PATH, headers={**headers, "Upload-Length": "200"}, timeout=10)
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused", other.text


def test_login_tokens_and_consent_ids_are_not_stored_in_clear(api, sandbox):
    key = one_off_key()
    answer = api.session.request("POST", f"{API_PREFIX}/auth/login", auth=False, idempotency_key=key,
                                 json_body={"username": "clerk1", "password": "amoozesh-1"})
    api.tokens.token = answer["token"]
    grant = consent_for(api, sandbox, SEEDED)
    from pathlib import Path

    raw = b"".join(Path(sandbox.db.path + suffix).read_bytes() for suffix in ("", "-wal")
                   if Path(sandbox.db.path + suffix).exists())
    assert answer["token"].encode() not in raw
    assert grant.consent_id.encode() not in raw
    assert b"amoozesh-1" not in raw
    replay = api.session.request("POST", f"{API_PREFIX}/auth/login", auth=False, idempotency_key=key,
                                 json_body={"username": "clerk1", "password": "amoozesh-1"})
    assert replay["token"] == answer["token"] and api.session.last_replayed


def test_a_401_is_not_final_the_same_key_works_after_sign_in(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    key = one_off_key()
    stale = KioskApi(ApiSession(sandbox.url, get_retries=0, token_provider=lambda: "expired-or-forged"))
    from kiosk.api_client import Unauthorized

    with pytest.raises(Unauthorized):
        stale.request_service("complaint", complaint("e")["values"], grant.consent_id, idempotency_key=key)
    signed_in.request_service("complaint", complaint("e")["values"], grant.consent_id, idempotency_key=key)
    assert not signed_in.session.last_replayed and requests_on_server(sandbox) == ["e"]


def test_a_429_is_not_final_but_its_lock_stands(api, sandbox, manual_clock):
    from kiosk.api_client import Unauthorized

    for _ in range(5):
        with pytest.raises(Unauthorized):
            api.login("clerk1", "wrong")
    key = one_off_key()
    body = {"username": "clerk1", "password": "amoozesh-1"}
    with pytest.raises(ValidationFailed) as info:
        api.session.request("POST", f"{API_PREFIX}/auth/login", auth=False, idempotency_key=key, json_body=body)
    assert info.value.status == 429
    manual_clock.advance(6 * 60)
    answer = api.session.request("POST", f"{API_PREFIX}/auth/login", auth=False, idempotency_key=key, json_body=body)
    assert answer["token"] and not api.session.last_replayed


def add_route_done(sandbox) -> None:
    """A route added by a test joins the served contract (the server answers only what its contract names)."""
    sandbox.app.openapi_schema = None
    sandbox.app.state.operations.refresh()


@pytest.mark.allow_error_log
def test_a_5xx_undoes_the_whole_request_and_stores_nothing(signed_in, sandbox):
    """A route that writes and then fails: nothing of it stays, and the same key may run again."""
    db = sandbox.db
    runs = []

    def boom():
        with db.tx() as c:
            c.execute("INSERT INTO audit(at, actor, action, subject) VALUES ('x', 'test', 'half-done', 'x')")
        runs.append(1)
        raise RuntimeError("the route failed after writing")

    sandbox.app.router.add_api_route(f"{API_PREFIX}/test/boom", boom, methods=["POST"])
    add_route_done(sandbox)
    key = one_off_key()
    from kiosk.api_client import ServerError

    for _ in range(2):
        with pytest.raises(ServerError):
            signed_in.session.request("POST", f"{API_PREFIX}/test/boom", idempotency_key=key)
    with db.tx() as c:
        assert c.execute("SELECT COUNT(*) FROM audit WHERE action='half-done'").fetchone()[0] == 0
        assert c.execute("SELECT 1 FROM idempotent_requests WHERE key=?", (key,)).fetchone() is None
    assert len(runs) == 2


def test_a_repeat_while_the_first_runs_is_told_to_wait_and_it_is_done_once(signed_in, sandbox):
    db = sandbox.db
    started = threading.Event()

    def slow():
        started.set()
        time.sleep(0.8)
        with db.tx() as c:
            c.execute("INSERT INTO audit(at, actor, action, subject) VALUES ('x', 'test', 'slow-done', 'x')")
        return {"ok": True}

    sandbox.app.router.add_api_route(f"{API_PREFIX}/test/slow", slow, methods=["POST"])
    add_route_done(sandbox)
    key = one_off_key()
    results = []
    first = threading.Thread(target=lambda: results.append(
        signed_in.session.request("POST", f"{API_PREFIX}/test/slow", idempotency_key=key)))
    first.start()
    started.wait(5)
    with pytest.raises(ValidationFailed) as info:
        signed_in.session.request("POST", f"{API_PREFIX}/test/slow", idempotency_key=key)
    assert info.value.status == 409 and info.value.code == "request_in_progress" and info.value.retry_after
    first.join()
    assert signed_in.session.request("POST", f"{API_PREFIX}/test/slow", idempotency_key=key) == {"ok": True}
    with db.tx() as c:
        assert c.execute("SELECT COUNT(*) FROM audit WHERE action='slow-done'").fetchone()[0] == 1


def test_keys_are_remembered_for_the_retention_period_then_forgotten(signed_in, sandbox, manual_clock):
    grant = consent_for(signed_in, sandbox, SEEDED)
    assert signed_in.health().idempotency_retention_days == 14
    key = one_off_key()
    signed_in.request_service("complaint", complaint("f")["values"], grant.consent_id, idempotency_key=key)
    manual_clock.advance(13 * 86400)
    signed_in.login("clerk3", "amoozesh-3")  # any keyed request (the clerk's own token has expired by now)
    with sandbox.db.tx() as c:
        assert c.execute("SELECT 1 FROM idempotent_requests WHERE key=?", (key,)).fetchone() is not None
    manual_clock.advance(2 * 86400)
    signed_in.login("clerk3", "amoozesh-3")
    with sandbox.db.tx() as c:
        assert c.execute("SELECT 1 FROM idempotent_requests WHERE key=?", (key,)).fetchone() is None


def test_a_malformed_key_is_refused_before_anything_runs(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    with pytest.raises(ValidationFailed) as info:
        signed_in.request_service("complaint", complaint("g")["values"], grant.consent_id, idempotency_key="short")
    assert info.value.status == 400 and info.value.code == "idempotency_key_invalid"
    assert requests_on_server(sandbox) == []


def test_a_body_shorter_than_declared_is_body_incomplete(signed_in, sandbox):
    """Sent through h11 a short body never completes; the middleware's own check is tested on a raw ASGI call."""
    import asyncio

    from kiosk.sandbox.idempotency import IdempotencyMiddleware

    called = []

    async def app(scope, receive, send):
        called.append(scope)

    middleware = IdempotencyMiddleware(app, sandbox.db, sandbox.app.state.clock, lambda c, a: "")
    sent = []

    async def receive():
        return {"type": "http.request", "body": b'{"a": 1', "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": SERVICE, "query_string": b"",
             "headers": [(b"idempotency-key", b"12345678901234567890"), (b"content-length", b"66")]}
    asyncio.run(middleware(scope, receive, send))
    assert not called and sent[0]["status"] == 400 and b"body_incomplete" in sent[1]["body"]


def test_nested_new_citizen_flow_still_replays(signed_in, sandbox):
    """Replays carry their headers (a created file's answer) and their status."""
    key = one_off_key()
    first = signed_in.request_otp(*NEW, idempotency_key=key)
    again = signed_in.request_otp(*NEW, idempotency_key=key)
    assert again == first and signed_in.session.last_replayed


def test_every_answer_to_a_keyed_request_carries_the_key_back(signed_in, sandbox):
    """The echo is how the kiosk tells the server's answer (refusals included) from a proxy's."""
    import requests

    grant = consent_for(signed_in, sandbox, SEEDED)
    key = one_off_key()
    headers = {"Authorization": f"Bearer {signed_in.tokens.token}", "Idempotency-Key": key,
               CONSENT_HEADER: grant.consent_id}
    url = sandbox.url + SERVICE
    fresh = requests.post(url, json=complaint("h"), headers=headers, timeout=5)
    replay = requests.post(url, json=complaint("h"), headers=headers, timeout=5)
    reused = requests.post(url, json=complaint("other"), headers=headers, timeout=5)
    refused = requests.post(sandbox.url + f"{API_PREFIX}/services/none/requests", json=complaint("x"),
                            headers={**headers, "Idempotency-Key": one_off_key()}, timeout=5)
    for answer in (fresh, replay, reused, refused):
        assert answer.headers.get("Idempotency-Key") == answer.request.headers["Idempotency-Key"], answer.status_code
    assert (fresh.status_code, replay.status_code, reused.status_code) == (201, 201, 422)


@pytest.mark.allow_error_log
def test_a_record_the_server_cannot_verify_is_never_answered_as_a_refusal(tmp_path, manual_clock):
    """The server's secret was lost (a damaged disk): old records cannot be checked, so the answer is a
    503 that keeps the kiosk's request, never a 403/422 that would make it refused (or a refund)."""
    from pathlib import Path

    from kiosk.sandbox.server import SandboxServer

    server = SandboxServer(tmp_path / "s.sqlite3", clock=manual_clock)
    server.start()
    api = KioskApi(ApiSession(server.url, get_retries=0))
    token = api.login("clerk1", "amoozesh-1").token
    api.session.token_provider = lambda: token
    grant = consent_for(api, server, SEEDED)
    key = one_off_key()
    api.request_service("complaint", complaint("i")["values"], grant.consent_id, idempotency_key=key)
    server.close()
    secret = Path(str(tmp_path / "s.sqlite3") + ".secret")
    secret.write_bytes(b"\0" * 5)  # damaged
    server = SandboxServer(tmp_path / "s.sqlite3", clock=manual_clock)
    server.start()
    try:
        api = KioskApi(ApiSession(server.url, get_retries=0, token_provider=lambda: token))
        from kiosk.api_client import ServerError

        with pytest.raises(ServerError) as info:
            api.request_service("complaint", complaint("i")["values"], grant.consent_id, idempotency_key=key)
        assert info.value.status == 503 and info.value.code == "idempotency_record_unverifiable"
        with server.db.tx() as c:
            assert c.execute("SELECT COUNT(*) FROM service_requests").fetchone()[0] == 1
    finally:
        server.close()


def test_a_replay_to_a_signed_out_token_asks_for_a_sign_in_then_answers(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    key = one_off_key()
    first = signed_in.request_service("complaint", complaint("j")["values"], grant.consent_id, idempotency_key=key)
    other = KioskApi(ApiSession(sandbox.url, get_retries=0))
    signed_out = other.login("clerk1", "amoozesh-1").token
    other.logout(signed_out)  # the same clerk's token, but signed out
    from kiosk.api_client import Unauthorized

    stale = KioskApi(ApiSession(sandbox.url, get_retries=0, token_provider=lambda: signed_out))
    with pytest.raises(Unauthorized):  # not final: nothing is refused, the clerk signs in again
        stale.request_service("complaint", complaint("j")["values"], grant.consent_id, idempotency_key=key)
    fresh = KioskApi(ApiSession(sandbox.url, get_retries=0))
    token = fresh.login("clerk1", "amoozesh-1").token
    fresh.session.token_provider = lambda: token
    assert fresh.request_service("complaint", complaint("j")["values"], grant.consent_id,
                                 idempotency_key=key) == first
    signed_in.logout()  # the first request's own token, signed out: still its own answer (a sign-out's replay)
    assert signed_in.request_service("complaint", complaint("j")["values"], grant.consent_id,
                                     idempotency_key=key) == first


def test_a_replay_without_a_token_is_401_not_a_refusal(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    key = one_off_key()
    first = signed_in.request_service("complaint", complaint("k")["values"], grant.consent_id, idempotency_key=key)
    from kiosk.api_client import Unauthorized

    anonymous = KioskApi(ApiSession(sandbox.url, get_retries=0))
    with pytest.raises(Unauthorized):
        anonymous.request_service("complaint", complaint("k")["values"], grant.consent_id, idempotency_key=key)
    assert signed_in.request_service("complaint", complaint("k")["values"], grant.consent_id,
                                     idempotency_key=key) == first


def test_a_redirect_decides_nothing_and_is_not_stored(signed_in, sandbox):
    from fastapi.responses import RedirectResponse

    sandbox.app.router.add_api_route(f"{API_PREFIX}/test/moved", lambda: RedirectResponse("/elsewhere", 307),
                                     methods=["POST"])
    add_route_done(sandbox)
    key = one_off_key()
    from kiosk.api_client import OutcomeUnknown

    with pytest.raises(OutcomeUnknown):  # not followed, not the server's decision
        signed_in.session.request("POST", f"{API_PREFIX}/test/moved", idempotency_key=key)
    with sandbox.db.tx() as c:
        assert c.execute("SELECT 1 FROM idempotent_requests WHERE key=?", (key,)).fetchone() is None


def test_records_from_before_they_named_their_secret_still_replay(signed_in, sandbox, tmp_path, manual_clock):
    from kiosk.sandbox.server import SandboxServer

    grant = consent_for(signed_in, sandbox, SEEDED)
    key = one_off_key()
    first = signed_in.request_service("complaint", complaint("l")["values"], grant.consent_id, idempotency_key=key)
    with sandbox.db.tx() as c:
        c.execute("UPDATE idempotent_requests SET secret_id=''")  # as an upgraded database has them
    port, path = sandbox.port, sandbox.db.path
    sandbox.close()
    again = SandboxServer(path, port=port, clock=manual_clock)
    again.start()
    try:
        assert signed_in.request_service("complaint", complaint("l")["values"], grant.consent_id,
                                         idempotency_key=key) == first
    finally:
        again.close()
