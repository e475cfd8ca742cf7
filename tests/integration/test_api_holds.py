"""The API holds against bad input and against the wrong clerk: every case the hostile run reported, as a
regression test (issue 14). No input makes the server fail; every error is the contract's ErrorBody; no clerk
reads or writes what is another's."""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import time
from pathlib import Path

import pytest
import requests

from kiosk.api_client import ApiSession, KioskApi, ValidationFailed
from kiosk.contract.tus import encode_metadata
from kiosk.contract import API_PREFIX, CONSENT_HEADER, UPLOADS_PATH, ErrorBody, PaymentIn
from tests.integration.test_cases_api import open_case
from tests.integration.test_permit_api import PDF
from tests.integration.test_sandbox_api import NEW, SEEDED, consent_for, fields

P = API_PREFIX


def other_clerk(sandbox, username="clerk3", password="amoozesh-3") -> KioskApi:
    api = KioskApi(ApiSession(sandbox.url, get_retries=0, mutating_retries=0))
    token = api.login(username, password).token
    api.session.token_provider = lambda: token
    api.token = token
    return api


def raw(sandbox, method: str, path: str, token: str | None = None, **kw) -> requests.Response:
    headers = dict(kw.pop("headers", {}))
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return requests.request(method, sandbox.url + path, headers=headers, timeout=10, **kw)


def assert_contract_error(response: requests.Response, status: int | None = None) -> dict:
    assert response.status_code < 500, (response.status_code, response.text[:300])
    if status is not None:
        assert response.status_code == status, (response.status_code, response.text[:300])
    body = ErrorBody.model_validate(response.json())  # the one error shape, with a Persian sentence
    assert any("\u0600" <= ch <= "\u06ff" for ch in body.error.message)
    return response.json()


# --- no input makes the server fail ------------------------------------------------------------------------
@pytest.mark.parametrize("mutate", [
    lambda b: {**b, "birth_date": "0001-01-01"},  # before year 622: jdatetime had no such year
    lambda b: {**b, "district": True},  # a boolean is not a district
    lambda b: {**b, "first_name": "\ud800زهرا"},  # a lone surrogate
    lambda b: {**b, "address": "a" * 10_000},
], ids=["ancient-date", "bool-int", "lone-surrogate", "too-long"])
def test_bad_efile_fields_are_refused_in_the_contracts_shape(signed_in, sandbox, mutate):
    grant = consent_for(signed_in, sandbox, NEW)
    body = mutate(fields().model_dump(mode="json"))
    response = raw(sandbox, "POST", f"{P}/efiles", signed_in.tokens.token, data=json.dumps(body),
                   headers={CONSENT_HEADER: grant.consent_id, "Content-Type": "application/json"})
    assert_contract_error(response, 422)


@pytest.mark.parametrize("project", [
    {"floors": 3, "floor_area": "1e100000", "units": 3, "parking": 2},
    {"floors": 10**30, "floor_area": "150", "units": 3, "parking": 2},
    {"floors": True, "floor_area": "150", "units": 3, "parking": 2},
    {"floors": 3, "floor_area": "NaN", "units": 3, "parking": 2},
    {"floors": 3, "floor_area": "-Infinity", "units": 3, "parking": 2},
], ids=["huge-decimal", "huge-int", "bool", "nan", "minus-infinity"])
def test_numbers_beyond_any_building_are_refused_before_zoning(signed_in, sandbox, project):
    response = raw(sandbox, "POST", f"{P}/quotes", signed_in.tokens.token,
                   json={"renovation_code": "8-15-30", "project": project})
    assert_contract_error(response, 422)


def test_a_negative_zero_area_is_plain_zero(signed_in, sandbox):
    response = raw(sandbox, "POST", f"{P}/quotes", signed_in.tokens.token, json={
        "renovation_code": "8-15-30", "project": {"floors": 2, "floor_area": "-0", "units": 1, "parking": 0}})
    assert response.status_code < 500, response.text[:300]
    assert "\"-0" not in response.text and "-0.0" not in response.text, response.text  # as text or number


def test_a_version_or_a_day_count_cannot_be_a_boolean(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    draft = signed_in.create_draft({}, grant.consent_id)
    assert_contract_error(raw(sandbox, "PUT", f"{P}/drafts/{draft.draft_id}", signed_in.tokens.token,
                              json={"data": {}, "version": False}, headers={CONSENT_HEADER: grant.consent_id}), 422)
    assert_contract_error(raw(sandbox, "POST", f"{P}/training/clock/advance", signed_in.tokens.token,
                              json={"days": True}), 422)


def test_a_draft_nested_300_levels_is_refused_and_nothing_breaks(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    nested: dict = {}
    cursor = nested
    for _ in range(300):
        cursor["x"] = {}
        cursor = cursor["x"]
    response = raw(sandbox, "POST", f"{P}/drafts", signed_in.tokens.token, json={"data": nested, "version": 0},
                   headers={CONSENT_HEADER: grant.consent_id})
    assert_contract_error(response, 422)
    assert signed_in.create_draft({"step": "parcel"}, grant.consent_id).resume_code  # and drafts still work


@pytest.mark.parametrize("query", ["after=9223372036854775808", "after=-1", "after=1e400"])
def test_an_out_of_range_query_is_refused(signed_in, sandbox, query):
    assert_contract_error(raw(sandbox, "GET", f"{P}/case-events?{query}", signed_in.tokens.token), 422)


def test_body_parse_errors_unknown_addresses_and_tus_errors_are_in_the_one_shape(signed_in, sandbox):
    token = signed_in.tokens.token
    assert_contract_error(raw(sandbox, "POST", f"{P}/quotes", token, data=b"{not json",
                              headers={"Content-Type": "application/json"}))
    assert_contract_error(raw(sandbox, "GET", f"{P}/no/such/thing", token), 404)
    assert_contract_error(raw(sandbox, "PATCH", f"{P}/quotes", token), 405)
    session = requests.Session()  # a prepared request keeps "/." as sent: it used to raise IsADirectoryError
    dot = requests.Request("DELETE", sandbox.url + UPLOADS_PATH + "/x", headers={
        "Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0"}).prepare()
    dot.url = sandbox.url + UPLOADS_PATH + "/."
    assert_contract_error(session.send(dot, timeout=10), 404)
    assert_contract_error(raw(sandbox, "POST", UPLOADS_PATH, token, headers={"Upload-Length": "5"}), 412)
    assert_contract_error(raw(sandbox, "GET", f"{P}/cases/" + "1" * 500, token), 404)


@pytest.mark.parametrize("body", [
    b'{"data": {"floors": NaN}, "version": 1}',
    b'{"data": {"floors": Infinity}, "version": 1}',
    b'{"data": {"floors": 1e400}, "version": 1}',  # beyond a double: became infinity, then null in storage
    b'{"data": {}, "version": 1, "version": 2}',  # the last of two keys won silently
    b'{"data": {}, "version": 1',  # cut short: the error's field was the character position
    b'\xff\xfe{"data": {}}',
], ids=["nan", "infinity", "1e400", "duplicate-key", "truncated", "not-utf8"])
def test_a_body_that_is_not_strict_json_is_refused_and_nothing_is_stored(signed_in, sandbox, body):
    grant = consent_for(signed_in, sandbox, SEEDED)
    draft = signed_in.create_draft({"note": "before"}, grant.consent_id)
    error = assert_contract_error(raw(sandbox, "PUT", f"{P}/drafts/{draft.draft_id}", signed_in.tokens.token,
                                      data=body, headers={CONSENT_HEADER: grant.consent_id,
                                                          "Content-Type": "application/json"}), 422)
    assert error["error"]["code"] == "invalid_json" and error["error"]["field"] is None
    assert signed_in.resume_draft(draft.resume_code, grant.consent_id).data == {"note": "before"}


def test_a_sign_in_with_a_key_twice_is_refused(sandbox):
    body = b'{"username": "nobody", "password": "x", "username": "clerk1", "password": "amoozesh-1"}'
    response = raw(sandbox, "POST", f"{P}/auth/login", data=body, headers={"Content-Type": "application/json"})
    assert assert_contract_error(response, 422)["error"]["code"] == "invalid_json"


def test_an_oversized_body_is_refused_before_it_is_read(sandbox):
    """A 150 MB unauthenticated sign-in: refused on its declared length, the server's memory untouched."""
    s = socket.create_connection(("127.0.0.1", sandbox.port))
    s.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              b"Content-Length: 157286400\r\n\r\n" + b"{" * 10_000)
    s.settimeout(5)
    answer = b""
    while b"}" not in answer:  # the status line and the ErrorBody may come in separate segments
        part = s.recv(65536)
        if not part:
            break
        answer += part
    s.close()
    assert answer.startswith(b"HTTP/1.1 413") and b"body_too_large" in answer
    streamed = requests.post(sandbox.url + f"{P}/auth/login", data=iter([b"x" * 65536] * 4), timeout=10,
                             headers={"Content-Type": "application/json"})  # no length declared: counted
    assert_contract_error(streamed, 413)


def test_a_body_with_two_framings_is_refused(sandbox):
    """Content-Length and chunked together: how requests are smuggled past a proxy (hostile review)."""
    body = b'{"username": "clerk1", "password": "wrong"}'
    s = socket.create_connection(("127.0.0.1", sandbox.port))
    s.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
              + f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n")
    s.settimeout(5)
    answer = b""
    try:
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
    except OSError:
        pass
    s.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else None
    assert status == 400, answer[:300]
    assert b'"error"' in answer


def test_after_a_failure_the_kept_alive_connection_still_works(signed_in, sandbox):
    session = requests.Session()
    headers = {"Authorization": f"Bearer {signed_in.tokens.token}"}
    bad = session.post(sandbox.url + f"{P}/quotes", data=b"\x00\x01", headers={**headers,
                                                                             "Content-Type": "application/json"})
    assert bad.status_code < 500
    assert session.get(sandbox.url + f"{P}/districts", headers=headers, timeout=5).ok


# --- every record has an owner ------------------------------------------------------------------------------
def test_a_receipt_is_read_only_with_the_citizens_consent_or_in_its_district(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    bill = signed_in.case(open_case(signed_in, grant.consent_id), grant.consent_id).current.bill
    paid = signed_in.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id, amount=bill.amount,
                                              terminal_ref="7001"))
    assert signed_in.receipt(paid.receipt_number).receipt_number == paid.receipt_number  # the recording clerk
    stranger = other_clerk(sandbox)  # another district's clerk, no consent
    with pytest.raises(ValidationFailed) as info:
        stranger.receipt(paid.receipt_number)
    assert info.value.status == 404  # for her it does not exist
    cafe = other_clerk(sandbox, "cafe1", "amoozesh-c")
    with pytest.raises(ValidationFailed):
        cafe.receipt(paid.receipt_number)
    own = consent_for(cafe, sandbox, SEEDED)  # with the citizen's own consent, any counter may reprint it
    assert cafe.receipt(paid.receipt_number, own.consent_id).payer == paid.payer


def test_numbers_printed_for_the_public_do_not_tell_the_next_one(signed_in, sandbox):
    """Receipts and service-request tracking numbers are printed for the citizen: two made one after the other
    share only their year prefix (they used to be a counter, so one receipt named its neighbours)."""
    grant = consent_for(signed_in, sandbox, SEEDED)
    bill = signed_in.case(open_case(signed_in, grant.consent_id), grant.consent_id).current.bill
    receipts = []
    for ref in ("7101", "7102"):  # paid, cancelled (the card was reversed), paid again: two receipts
        receipts.append(signed_in.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id,
                                                           amount=bill.amount, terminal_ref=ref)).receipt_number)
        if ref == "7101":
            signed_in.cancel_receipt(receipts[0], "برگشت مبلغ به کارت شهروند")
    tracking = [signed_in.request_service("complaint", {"subject": "roads", "description": f"چاله در خیابان {n}"},
                                          grant.consent_id).tracking_number for n in ("یک", "دو")]
    for a, b in (receipts, tracking):
        assert a.isdigit() and len(a) == len(b) >= 14
        assert abs(int(a[-10:]) - int(b[-10:])) > 1000, (a, b)  # 1 in 10^7 to fail by chance


def test_only_the_recording_clerk_or_a_supervisor_cancels_a_receipt(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    bill = signed_in.case(open_case(signed_in, grant.consent_id), grant.consent_id).current.bill
    paid = signed_in.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id, amount=bill.amount,
                                              terminal_ref="7002"))
    for intruder in (other_clerk(sandbox), other_clerk(sandbox, "cafe1", "amoozesh-c")):
        with pytest.raises(ValidationFailed) as info:
            intruder.cancel_receipt(paid.receipt_number, "برگشت مبلغ به کارت")
        assert info.value.status in (403, 404)
    assert signed_in.bill(bill.bill_id).paid  # nothing was re-opened
    for empty in ("اب\u200cطل", "؟؟؟؟؟؟؟؟", "a . b . c"):  # four letters and a ZWNJ, or punctuation: no reason
        with pytest.raises(ValidationFailed) as info:
            signed_in.cancel_receipt(paid.receipt_number, empty)
        assert info.value.code == "cancel_reason"
    supervisor = other_clerk(sandbox, "super1", "amoozesh-s")
    cancelled = supervisor.cancel_receipt(paid.receipt_number, "برگشت مبلغ به کارت به درخواست شهروند")
    assert cancelled.cancelled_at
    with sandbox.db.tx() as c:
        row = c.execute("SELECT actor, detail FROM audit WHERE action='receipt_cancelled'").fetchone()
    assert row["actor"] == "super1" and "clerk1" in row["detail"]  # audited as the supervisor's act


def test_an_upload_is_its_creators_alone(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    draft = signed_in.create_draft({}, grant.consent_id)
    tus = {"Tus-Resumable": "1.0.0"}
    meta = encode_metadata({"filename": "d.pdf", "filetype": "application/pdf",
                            "sha256": hashlib.sha256(PDF).hexdigest()})
    created = raw(sandbox, "POST", UPLOADS_PATH, signed_in.tokens.token,
                  headers={**tus, "Upload-Length": str(len(PDF)), "Upload-Metadata": meta})
    assert created.status_code == 201
    url = created.headers["Location"]
    path = "/" + url.split("/", 3)[3] if url.startswith("http") else url
    other = other_clerk(sandbox)
    for method, extra in (("HEAD", {}), ("PATCH", {"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}),
                          ("DELETE", {})):
        response = raw(sandbox, method, path, other.token, headers={**tus, **extra},
                       data=b"corrupt" if method == "PATCH" else None)
        assert response.status_code == 404, (method, response.status_code)
    assert raw(sandbox, "HEAD", path, signed_in.tokens.token, headers=tus).headers["Upload-Offset"] == "0"
    raw(sandbox, "PATCH", path, signed_in.tokens.token, data=PDF,
        headers={**tus, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}).raise_for_status()
    binding = {"upload_url": url, "sha256": hashlib.sha256(PDF).hexdigest(), "size": len(PDF), "filename": "d.pdf",
               "content_type": "application/pdf"}
    other_grant = consent_for(other, sandbox, SEEDED)
    stolen = raw(sandbox, "POST", f"{P}/drafts/{draft.draft_id}/documents/deed/from-upload", other.token,
                 json=binding, headers={CONSENT_HEADER: other_grant.consent_id})
    assert stolen.status_code == 404
    concat = raw(sandbox, "POST", UPLOADS_PATH, other.token,
                 headers={**tus, "Upload-Concat": f"final;{path}"})  # reading another's bytes by joining them
    assert_contract_error(concat, 400)


def _created_upload(sandbox, token: str, content: bytes) -> str:
    meta = encode_metadata({"filename": "d.pdf", "filetype": "application/pdf",
                            "sha256": hashlib.sha256(content).hexdigest()})
    created = raw(sandbox, "POST", UPLOADS_PATH, token,
                  headers={"Tus-Resumable": "1.0.0", "Upload-Length": str(len(content)), "Upload-Metadata": meta})
    assert created.status_code == 201, created.text
    url = created.headers["Location"]
    return "/" + url.split("/", 3)[3] if url.startswith("http") else url


def _offset(sandbox, token: str, path: str) -> int:
    return int(raw(sandbox, "HEAD", path, token, headers={"Tus-Resumable": "1.0.0"}).headers["Upload-Offset"])


@pytest.mark.parametrize("headers, status", [
    ({}, 400),  # no length
    ({"Upload-Length": "-1"}, 400),
    ({"Upload-Length": "1e3"}, 400),
    ({"Upload-Length": str(30 * 1024 * 1024)}, 413),
    ({"Upload-Length": "10", "Upload-Defer-Length": "1"}, 400),
    ({"Upload-Length": "10", "Upload-Metadata": "garbage!!"}, 400),
    ({"Upload-Length": "10", "Upload-Metadata": encode_metadata({"filename": "a.pdf", "filetype": "x/y"})}, 400),
    ({"Upload-Length": "10", "Upload-Metadata": encode_metadata({"filename": "a", "filetype": "x/y",
                                                                "sha256": "not-hex"})}, 400),
    ({"Upload-Length": "10", "Tus-Resumable": "0.2.2"}, 412),
])
def test_a_creation_that_breaks_the_contract_is_refused(signed_in, sandbox, headers, status):
    base = {"Tus-Resumable": "1.0.0", "Upload-Metadata": encode_metadata(
        {"filename": "a.pdf", "filetype": "application/pdf", "sha256": "a" * 64})}
    response = raw(sandbox, "POST", UPLOADS_PATH, signed_in.tokens.token, headers={**base, **headers})
    assert_contract_error(response, status)


def test_a_refused_patch_writes_nothing(signed_in, sandbox):
    """tuspyserver wrote a PATCH body before it looked at its Content-Type, and wrote the chunks before the one
    that ran past the declared length: refused before a byte is written now."""
    token = signed_in.tokens.token
    path = _created_upload(sandbox, token, PDF)
    tus = {"Tus-Resumable": "1.0.0", "Upload-Offset": "0"}
    assert_contract_error(raw(sandbox, "PATCH", path, token, data=PDF[:100],
                              headers={**tus, "Content-Type": "text/plain"}), 415)
    assert _offset(sandbox, token, path) == 0
    assert_contract_error(raw(sandbox, "PATCH", path, token, data=PDF + b"more",
                              headers={**tus, "Content-Type": "application/offset+octet-stream"}), 413)
    assert _offset(sandbox, token, path) == 0
    conflict = raw(sandbox, "PATCH", path, token, data=PDF[:10],
                   headers={**tus, "Upload-Offset": "7", "Content-Type": "application/offset+octet-stream"})
    assert_contract_error(conflict, 409)
    assert conflict.headers["Upload-Offset"] == "0"  # where to go on from
    raw(sandbox, "PATCH", path, token, data=PDF[:10], headers={
        **tus, "Content-Type": "application/offset+octet-stream"}).raise_for_status()
    raw(sandbox, "PATCH", path, token, data=PDF[10:], headers={
        **tus, "Upload-Offset": "10", "Content-Type": "application/offset+octet-stream"}).raise_for_status()
    assert _offset(sandbox, token, path) == len(PDF)
    uid = path.rsplit("/", 1)[1]
    assert (Path(sandbox.db.path + ".files") / "uploads" / uid).read_bytes() == PDF


@pytest.mark.parametrize("content_type, body, status", [
    ("text/plain", PDF[:10], 415),
    ("application/json", b'{"a": 1}', 415),
    ("application/offset+octet-stream", PDF + b"more", 413),  # more than the declared length
])
def test_a_creation_with_bytes_is_held_to_a_parts_rules(signed_in, sandbox, content_type, body, status):
    """tuspyserver wrote a creation's body whole, whatever its type and length (a hostile review: 201 with
    Upload-Offset 3000 for an 11-byte upload, which no PATCH could ever finish)."""
    token = signed_in.tokens.token
    meta = encode_metadata({"filename": "d.pdf", "filetype": "application/pdf",
                            "sha256": hashlib.sha256(PDF).hexdigest()})
    tus = {"Tus-Resumable": "1.0.0", "Upload-Length": str(len(PDF)), "Upload-Metadata": meta}
    with sandbox.db.tx() as c:
        before = c.execute("SELECT COUNT(*) FROM upload_owners").fetchone()[0]
    assert_contract_error(raw(sandbox, "POST", UPLOADS_PATH, token, data=body,
                              headers={**tus, "Content-Type": content_type}), status)
    with sandbox.db.tx() as c:
        assert c.execute("SELECT COUNT(*) FROM upload_owners").fetchone()[0] == before
    first = raw(sandbox, "POST", UPLOADS_PATH, token, data=PDF[:10],  # within its rules: the first bytes kept
                headers={**tus, "Content-Type": "application/offset+octet-stream"})
    assert first.status_code == 201, first.text
    url = first.headers["Location"]
    assert _offset(sandbox, token, "/" + url.split("/", 3)[3] if url.startswith("http") else url) == 10


def test_looking_at_an_upload_records_no_new_one(signed_in, sandbox):
    token = signed_in.tokens.token
    path = _created_upload(sandbox, token, PDF)
    with sandbox.db.tx() as c:
        before = c.execute("SELECT COUNT(*) FROM upload_owners").fetchone()[0]
    for _ in range(3):
        _offset(sandbox, token, path)
    with sandbox.db.tx() as c:
        assert c.execute("SELECT COUNT(*) FROM upload_owners").fetchone()[0] == before


@pytest.mark.parametrize("path, allowed", [
    (f"{P}/efiles/0499370899", "GET, PUT"),
    (UPLOADS_PATH + "/0123", "DELETE, HEAD, PATCH"),
])
def test_a_wrong_method_names_every_method_the_contract_offers_there(signed_in, sandbox, path, allowed):
    response = raw(sandbox, "OPTIONS", path, signed_in.tokens.token)
    assert_contract_error(response, 405)
    assert response.headers["Allow"] == allowed


def test_a_consent_is_the_obtaining_clerks_alone(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox, SEEDED)
    other = other_clerk(sandbox)
    with pytest.raises(ValidationFailed) as info:
        other.get_efile(SEEDED[0], grant.consent_id)
    assert info.value.status == 403 and info.value.code == "consent_required"
    assert signed_in.get_efile(SEEDED[0], grant.consent_id).national_code == SEEDED[0]


def test_the_public_tracking_view_carries_nothing_the_citizen_wrote(signed_in, tmp_path):
    """The citizen answered an objection with a phone number in it: the public view does not show it."""
    import datetime as dt

    from kiosk.sandbox.app import SandboxSettings
    from kiosk.sandbox.clock import ManualClock, SystemClock
    from kiosk.sandbox.server import SandboxServer
    from tests.integration.test_cases_api import DAY, pay_current

    case_clock = ManualClock(dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.timezone.utc))
    server = SandboxServer(tmp_path / "s.sqlite3", clock=SystemClock(), case_clock=case_clock,
                           settings=SandboxSettings(agency_chance=0.0))
    server.start()
    try:
        api = KioskApi(ApiSession(server.url, get_retries=0))
        token = api.login("clerk1", "amoozesh-1").token
        api.session.token_provider = lambda: token
        grant = consent_for(api, server, SEEDED)
        case = open_case(api, grant.consent_id)
        pay_current(api, case, grant.consent_id)
        case_clock.advance(2 * DAY)
        api.respond_to_objection(case, "نقشه تحویل شد؛ با ۰۹۱۳۱۲۳۴۵۶۷ تماس بگیرید", grant.consent_id)
        code = api.case(case, grant.consent_id).tracking_code
        public = api.case(code)
        text = json.dumps(public.model_dump(mode="json"), ensure_ascii=False)
        assert "۰۹۱۳" not in text and "09131234567" not in text and "تحویل شد" not in text
        assert not public.personal and public.applicant is None and public.address is None
    finally:
        server.close()


def test_nothing_in_an_error_is_english_or_a_traceback(signed_in, sandbox):
    """Error bodies are for the clerk: Persian, never a Python exception's text."""
    response = raw(sandbox, "POST", f"{P}/quotes", signed_in.tokens.token, data=b"[1,",
                   headers={"Content-Type": "application/json"})
    body = assert_contract_error(response)
    assert "Traceback" not in response.text and "detail" not in body
    time.sleep(0)
