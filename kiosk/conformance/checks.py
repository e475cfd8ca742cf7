"""Behavioural checks: the rules the kiosk relies on that a schema cannot state.

Each check sets itself up with the kiosk's own API client (sign-in, consent, a draft…), then sends the requests
that matter raw and judges the answers. A broken rule is a :class:`Violation` naming the request that shows it
(a ``curl`` line); a check that cannot be set up on this server (no free test parcel, no supervisor account)
is reported as not run, with the reason — never as passed.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import socket
import ssl
import time
import urllib.parse
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

import requests

from kiosk.conformance.http import Exchange, RecordingSession, curl_line
from kiosk.contract import (
    API_PREFIX, CONSENT_HEADER, IDEMPOTENCY_HEADER, REPLAYED_HEADER, UPLOADS_PATH, ErrorBody, OwnerIn,
    PaymentIn, PermitSubmission, ProjectSpec,
)
from kiosk.contract.tus import MAX_UPLOAD, PATCH_TYPE, TUS_VERSION, encode_metadata
from kiosk.domain.digits import to_ascii_digits
from kiosk.domain.problems import QT_TRANSLATE_NOOP

CONTEXT = "Conformance"
P = API_PREFIX
# A small valid PDF: what a counter scans and sends.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"%" + b"kiosk-conformance " * 40 + b"\n"


@dataclass
class Account:
    username: str
    password: str


@dataclass
class Citizen:
    national_code: str
    mobile: str


@dataclass
class Violation(Exception):
    message: str  # English source string (Conformance context)
    params: dict = field(default_factory=dict)
    exchanges: list[Exchange] = field(default_factory=list)


class NotRun(Exception):
    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message = message
        self.params = params


class Clerk:
    """One signed-in operator: the kiosk's API client for setting things up, a recording session for the
    requests a check judges."""

    def __init__(self, base_url: str, account: Account, label: str):
        from kiosk.api_client import ApiSession, KioskApi

        self.base_url = base_url.rstrip("/")
        self.label = label
        self.http = RecordingSession()
        self.http.headers["User-Agent"] = "IsfahanKioskConformance"
        self.api = KioskApi(ApiSession(self.base_url, get_retries=1, mutating_retries=0,
                                       session_factory=lambda: self.http))
        try:
            self.token = self.api.login(account.username, account.password).token
        except Exception as exc:  # noqa: BLE001 - reported, with what the server said
            raise NotRun(M_SIGN_IN, user=account.username, error=str(exc)) from exc
        self.api.session.token_provider = lambda: self.token
        self.operator = self.api.me()

    def raw(self, method: str, path: str, *, headers: dict | None = None, json_body=None, data: bytes | None = None,
            consent: str | None = None, auth: bool = True, params: dict | None = None) -> requests.Response:
        h = {"Accept": "application/json", **(headers or {})}
        if auth:
            h["Authorization"] = f"Bearer {self.token}"
        if consent:
            h[CONSENT_HEADER] = consent
        url = path if path.startswith("http") else self.base_url + path
        return self.http.request(method, url, headers=h, json=json_body, data=data, params=params, timeout=30)

    def last(self) -> list[Exchange]:
        last = self.http.last()
        return [last] if last else []


CodeSource = Callable[["Clerk", Citizen, str], str]


def training_code(clerk: Clerk, citizen: Citizen, challenge_id: str) -> str:
    """The one-time code from a training server's SMS inbox."""
    messages = clerk.api.training_sms(citizen.mobile)
    for message in messages:
        found = re.search(r"\d{6}", to_ascii_digits(message.text))
        if found:
            return found.group(0)
    raise NotRun(M_NO_SMS)


def typed_code(prompt: Callable[[str], str]) -> CodeSource:
    def ask(clerk: Clerk, citizen: Citizen, challenge_id: str) -> str:
        return prompt(f"{clerk.operator.username}: {citizen.mobile}")

    return ask


@dataclass
class Context:
    base_url: str
    clerk: Clerk
    other: Clerk
    citizen: Citizen
    code_source: CodeSource
    supervisor: Clerk | None = None
    parcels: list[str] = field(default_factory=list)
    _consents: dict[str, str] = field(default_factory=dict)
    _case: tuple | None = None

    def consent(self, clerk: Clerk) -> str:
        """A consent of the citizen obtained by this clerk (one per clerk for the run)."""
        if clerk.label not in self._consents:
            challenge = clerk.api.request_otp(self.citizen.national_code, self.citizen.mobile)
            code = self.code_source(clerk, self.citizen, challenge.challenge_id)
            self._consents[clerk.label] = clerk.api.verify_otp(challenge.challenge_id, code).consent_id
        return self._consents[clerk.label]

    def names(self) -> dict[str, str]:
        names = {self.clerk.token: "KIOSK_TOKEN", self.other.token: "KIOSK_OTHER_TOKEN"}
        if self.supervisor is not None:
            names[self.supervisor.token] = "KIOSK_SUPERVISOR_TOKEN"
        return names


# --- messages (English source strings; Persian in translations/fa, context "Conformance") -------------------
M_SIGN_IN = QT_TRANSLATE_NOOP("Conformance", "Could not sign in as {user}: {error}")
M_NO_SMS = QT_TRANSLATE_NOOP("Conformance", "No one-time code arrived for the test citizen.")
M_STATUS = QT_TRANSLATE_NOOP("Conformance", "Expected status {expected}, the server answered {status}.")
M_NOT_ERRORBODY = QT_TRANSLATE_NOOP("Conformance", "The error is not the contract's ErrorBody with a Persian message.")
M_ALLOW = QT_TRANSLATE_NOOP("Conformance", "A 405 answer must name the methods the address offers (Allow), got \"{allow}\".")
M_CLOSED = QT_TRANSLATE_NOOP("Conformance", "The server closed the kept-alive connection after an error.")
M_BODY_READ = QT_TRANSLATE_NOOP(
    "Conformance", "An oversized body was not refused with 413 before it was read (answer: {answer}).")
M_NO_ECHO = QT_TRANSLATE_NOOP("Conformance", "The answer to a keyed request does not carry its Idempotency-Key back.")
M_NOT_REPLAYED = QT_TRANSLATE_NOOP(
    "Conformance", "A repeat with the same key was not answered from the first request (Idempotent-Replayed: true, "
             "the same body).")
M_DONE_TWICE = QT_TRANSLATE_NOOP("Conformance", "A repeat with the same key was carried out a second time.")
M_CODE = QT_TRANSLATE_NOOP("Conformance", "Expected error code {expected}, the server answered {code}.")
M_FOREIGN_DONE = QT_TRANSLATE_NOOP(
    "Conformance", "Another clerk's request with the same key was answered with the first clerk's answer.")
M_POISONED = QT_TRANSLATE_NOOP(
    "Conformance", "After a body that did not arrive whole, the complete request with the same key was refused.")
M_HALF_DONE = QT_TRANSLATE_NOOP("Conformance", "A body that did not arrive whole was carried out (status {status}).")
M_LOST_ANSWER = QT_TRANSLATE_NOOP(
    "Conformance", "A request whose answer was lost was not found again by its key (status {status}).")
M_NO_CONSENT_READ = QT_TRANSLATE_NOOP("Conformance", "A citizen's file was read without a valid consent (status {status}).")
M_FOREIGN_CONSENT = QT_TRANSLATE_NOOP(
    "Conformance", "A consent obtained by one clerk opened the citizen's file for another clerk.")
M_NO_LOCATION = QT_TRANSLATE_NOOP("Conformance", "An upload was created without a Location.")
M_SECOND_UPLOAD = QT_TRANSLATE_NOOP("Conformance", "Repeating a creation with the same key made a second upload.")
M_OFFSET = QT_TRANSLATE_NOOP("Conformance", "The upload's offset is {offset}, expected {expected}.")
M_HASH_ACCEPTED = QT_TRANSLATE_NOOP("Conformance", "An upload whose SHA-256 does not match was bound as a document.")
M_BOUND_WRONG = QT_TRANSLATE_NOOP("Conformance", "The bound document does not carry the file's size and SHA-256.")
M_FOREIGN_UPLOAD = QT_TRANSLATE_NOOP(
    "Conformance", "Another clerk could {action} an upload that is not hers (status {status}).")
M_FOREIGN_RECEIPT = QT_TRANSLATE_NOOP(
    "Conformance", "Another clerk could read a receipt without the citizen's consent (status {status}).")
M_RECEIPT_CANCELLED = QT_TRANSLATE_NOOP(
    "Conformance", "A clerk who did not record a receipt could cancel it (status {status}).")
M_SUPERVISOR = QT_TRANSLATE_NOOP("Conformance", "The district's supervisor could not cancel the receipt (status {status}).")
M_PUBLIC_PERSONAL = QT_TRANSLATE_NOOP(
    "Conformance", "The public tracking view shows what only the citizen's consent may open: {what}.")
M_NUMBER_OPENS = QT_TRANSLATE_NOOP(
    "Conformance", "A bare case number opened the case without consent (status {status}); only the tracking code may.")
M_NO_TRACKING = QT_TRANSLATE_NOOP("Conformance", "The case carries no public tracking code.")
M_NO_PARCEL = QT_TRANSLATE_NOOP(
    "Conformance", "No free test parcel to file a permit on (give one with --parcel); tried: {tried}.")
M_NO_SUPERVISOR = QT_TRANSLATE_NOOP("Conformance", "No supervisor account given (--supervisor).")
M_SETUP = QT_TRANSLATE_NOOP("Conformance", "The check could not be set up: {error}")
M_WROTE = QT_TRANSLATE_NOOP("Conformance", "A refused part of an upload was written anyway (offset {offset}).")
M_SAME_OPERATOR = QT_TRANSLATE_NOOP(
    "Conformance", "The second account is the same operator as the first; give a clerk of another district (--other).")


# --- judging ------------------------------------------------------------------------------------------------
def _persian(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def expect_status(response: requests.Response, expected: int | tuple[int, ...], clerk: Clerk) -> None:
    allowed = (expected,) if isinstance(expected, int) else expected
    if response.status_code not in allowed:
        raise Violation(M_STATUS, {"expected": " / ".join(map(str, allowed)), "status": response.status_code},
                        clerk.last())


def expect_error(response: requests.Response, expected: int | tuple[int, ...], clerk: Clerk,
                 code: str | None = None) -> ErrorBody:
    expect_status(response, expected, clerk)
    try:
        body = ErrorBody.model_validate(response.json())
    except ValueError as exc:
        raise Violation(M_NOT_ERRORBODY, {}, clerk.last()) from exc
    if not _persian(body.error.message):
        raise Violation(M_NOT_ERRORBODY, {}, clerk.last())
    if code is not None and body.error.code != code:
        raise Violation(M_CODE, {"expected": code, "code": body.error.code}, clerk.last())
    return body


def new_key() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(20))


def _draft_request(clerk: Clerk, consent: str, key: str, note: str) -> requests.Response:
    return clerk.raw("POST", f"{P}/drafts", consent=consent, headers={IDEMPOTENCY_HEADER: key},
                     json_body={"data": {"conformance": note}})


def _raw_exchange(base_url: str, request: bytes, *, shut_write: bool = False, read: bool = True,
                  timeout: float = 15) -> bytes:
    """Sends bytes on a fresh connection (TLS for https) and returns what came back until the server closed
    or stopped sending."""
    parts = urllib.parse.urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    sock = socket.create_connection((parts.hostname, port), timeout=timeout)
    if parts.scheme == "https":
        sock = ssl.create_default_context().wrap_socket(sock, server_hostname=parts.hostname)
    try:
        sock.sendall(request)
        if shut_write and parts.scheme != "https":
            sock.shutdown(socket.SHUT_WR)
        answer = b""
        if read:
            while True:
                try:
                    chunk = sock.recv(65536)
                except (socket.timeout, ConnectionError):
                    break
                if not chunk:
                    break
                answer += chunk
                head, _, body = answer.partition(b"\r\n\r\n")
                length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                if length and len(body) >= int(length.group(1)):
                    break
        return answer
    finally:
        sock.close()


def _http_request(base_url: str, method: str, path: str, headers: dict[str, str], body: bytes,
                  declared_length: int | None = None) -> bytes:
    parts = urllib.parse.urlsplit(base_url)
    lines = [f"{method} {parts.path.rstrip('/')}{path} HTTP/1.1", f"Host: {parts.netloc}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {declared_length if declared_length is not None else len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body


def _status_of(answer: bytes) -> int | None:
    found = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return int(found.group(1)) if found else None


# --- the checks ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Check:
    id: str
    title: str  # English source string
    run: Callable[[Context], None]


CHECKS: list[Check] = []


def check(check_id: str, title: str):
    def register(fn: Callable[[Context], None]):
        CHECKS.append(Check(check_id, title, fn))
        return fn

    return register


@check("errors.shape", QT_TRANSLATE_NOOP("Conformance", "Every error is the contract's ErrorBody, in Persian"))
def errors_shape(ctx: Context) -> None:
    a = ctx.clerk
    expect_error(a.raw("GET", f"{P}/no-such-address/{secrets.token_hex(4)}"), 404, a)
    expect_error(a.raw("POST", f"{P}/quotes", data=b"{not json", headers={"Content-Type": "application/json"}),
                 (400, 422), a)
    expect_error(a.raw("GET", f"{P}/cases/" + "9" * 300), (404, 414), a)
    response = a.raw("PATCH", f"{P}/quotes")
    expect_error(response, 405, a)
    allow = {m.strip().upper() for m in response.headers.get("Allow", "").split(",") if m.strip()}
    if "POST" not in allow or "PATCH" in allow:
        raise Violation(M_ALLOW, {"allow": response.headers.get("Allow", "")}, a.last())
    expect_error(a.raw("GET", f"{P}/auth/me", auth=False), 401, a)


@check("errors.keepalive", QT_TRANSLATE_NOOP("Conformance", "An error leaves the kept-alive connection open"))
def errors_keepalive(ctx: Context) -> None:
    a = ctx.clerk
    for bad in (a.raw("POST", f"{P}/quotes", data=b"\x00\x01", headers={"Content-Type": "application/json"}),
                a.raw("GET", f"{P}/no-such-address")):
        if bad.status_code >= 500 or "close" in bad.headers.get("Connection", "").lower():
            raise Violation(M_CLOSED, {}, a.last())
    expect_status(a.raw("GET", f"{P}/auth/me"), 200, a)


@check("limits.body", QT_TRANSLATE_NOOP("Conformance", "An oversized body is refused before it is read"))
def limits_body(ctx: Context) -> None:
    request = _http_request(ctx.base_url, "POST", f"{P}/auth/login", {"Content-Type": "application/json"},
                            b"{" * 8192, declared_length=150 * 1024 * 1024)
    started = time.monotonic()
    answer = _raw_exchange(ctx.base_url, request, timeout=10)
    exchange = Exchange("POST", ctx.base_url + f"{P}/auth/login", {"Content-Type": "application/json",
                                                                    "Content-Length": str(150 * 1024 * 1024)},
                        b"{" * 64, _status_of(answer), answer[:400])
    head, _, body = answer.partition(b"\r\n\r\n")
    if _status_of(answer) != 413 or time.monotonic() - started > 9:
        raise Violation(M_BODY_READ, {"answer": head[:80].decode("latin-1") or "—"}, [exchange])
    try:
        ErrorBody.model_validate_json(body)
    except ValueError as exc:
        raise Violation(M_NOT_ERRORBODY, {}, [exchange]) from exc


@check("idempotency.replay", QT_TRANSLATE_NOOP("Conformance", "A repeat with the same key is answered, not done again"))
def idempotency_replay(ctx: Context) -> None:
    a = ctx.clerk
    consent = ctx.consent(a)
    key = new_key()
    first = _draft_request(a, consent, key, "replay")
    expect_status(first, 201, a)
    if first.headers.get(IDEMPOTENCY_HEADER) != key:
        raise Violation(M_NO_ECHO, {}, a.last())
    again = _draft_request(a, consent, key, "replay")
    if again.headers.get(IDEMPOTENCY_HEADER) != key:
        raise Violation(M_NO_ECHO, {}, a.last())
    if again.status_code != 201 or again.headers.get(REPLAYED_HEADER) != "true" or again.json() != first.json():
        raise Violation(M_NOT_REPLAYED, {}, a.last())
    reused = _draft_request(a, consent, key, "another request")
    expect_error(reused, 422, a, "idempotency_key_reused")
    if reused.headers.get(IDEMPOTENCY_HEADER) != key:
        raise Violation(M_NO_ECHO, {}, a.last())


@check("idempotency.operator", QT_TRANSLATE_NOOP("Conformance", "A key is answered only to the operator who sent it"))
def idempotency_operator(ctx: Context) -> None:
    a, b = ctx.clerk, ctx.other
    key = new_key()
    first = _draft_request(a, ctx.consent(a), key, "operator binding")
    expect_status(first, 201, a)
    foreign = _draft_request(b, ctx.consent(b), key, "operator binding")
    if foreign.status_code < 300 or foreign.headers.get(REPLAYED_HEADER) == "true":
        raise Violation(M_FOREIGN_DONE, {}, b.last())
    expect_error(foreign, 403, b, "idempotency_key_foreign")


@check("idempotency.half_body", QT_TRANSLATE_NOOP(
    "Conformance", "A body that did not arrive whole is never carried out and leaves its key free"))
def idempotency_half_body(ctx: Context) -> None:
    a = ctx.clerk
    consent = ctx.consent(a)
    key = new_key()
    body = json.dumps({"data": {"conformance": "half body " + "x" * 200}}).encode()
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {a.token}", CONSENT_HEADER: consent,
               IDEMPOTENCY_HEADER: key}
    answer = _raw_exchange(ctx.base_url, _http_request(ctx.base_url, "POST", f"{P}/drafts", headers,
                                                       body[:len(body) // 2], declared_length=len(body)),
                           shut_write=True, timeout=10)
    exchange = Exchange("POST", ctx.base_url + f"{P}/drafts", {**headers, "Content-Length": str(len(body))},
                        body[:len(body) // 2], _status_of(answer), answer[:400])
    status = _status_of(answer)
    if status is not None and status < 300:
        raise Violation(M_HALF_DONE, {"status": status}, [exchange])
    whole = a.raw("POST", f"{P}/drafts", consent=consent, data=body,
                  headers={IDEMPOTENCY_HEADER: key, "Content-Type": "application/json"})
    if whole.headers.get(REPLAYED_HEADER) == "true":  # the key had an answer: the half body was carried out
        raise Violation(M_HALF_DONE, {"status": status or "—"}, [exchange] + a.last())
    if whole.status_code != 201:
        raise Violation(M_POISONED, {}, [exchange] + a.last())


@check("idempotency.lost_answer", QT_TRANSLATE_NOOP(
    "Conformance", "A request whose answer was lost is found again by its key"))
def idempotency_lost_answer(ctx: Context) -> None:
    a = ctx.clerk
    consent = ctx.consent(a)
    key = new_key()
    body = json.dumps({"data": {"conformance": "lost answer"}}).encode()
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {a.token}", CONSENT_HEADER: consent,
               IDEMPOTENCY_HEADER: key}
    _raw_exchange(ctx.base_url, _http_request(ctx.base_url, "POST", f"{P}/drafts", headers, body), read=False)
    deadline = time.monotonic() + 10
    while True:  # the first may still be running: 409 request_in_progress, then the answer
        again = a.raw("POST", f"{P}/drafts", consent=consent, data=body,
                      headers={IDEMPOTENCY_HEADER: key, "Content-Type": "application/json"})
        if again.status_code != 409 or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    if again.status_code == 201 and again.headers.get(REPLAYED_HEADER) == "true":
        return
    if again.status_code == 201:  # carried out now: allowed only if the first never arrived; ask once more
        third = a.raw("POST", f"{P}/drafts", consent=consent, data=body,
                      headers={IDEMPOTENCY_HEADER: key, "Content-Type": "application/json"})
        if third.headers.get(REPLAYED_HEADER) == "true" and third.json() == again.json():
            return
        raise Violation(M_DONE_TWICE, {}, a.last())
    raise Violation(M_LOST_ANSWER, {"status": again.status_code}, a.last())


@check("consent.required", QT_TRANSLATE_NOOP("Conformance", "A citizen's file opens only with a valid consent"))
def consent_required(ctx: Context) -> None:
    a = ctx.clerk
    path = f"{P}/efiles/{ctx.citizen.national_code}"
    for consent in (None, "not-a-consent-" + secrets.token_hex(8)):
        response = a.raw("GET", path, consent=consent)
        if response.status_code < 400:
            raise Violation(M_NO_CONSENT_READ, {"status": response.status_code}, a.last())
        expect_error(response, (400, 401, 403, 404, 422, 428), a)


@check("consent.bound", QT_TRANSLATE_NOOP("Conformance", "A consent works only for the clerk who obtained it"))
def consent_bound(ctx: Context) -> None:
    a, b = ctx.clerk, ctx.other
    consent = ctx.consent(a)
    expect_status(a.raw("GET", f"{P}/efiles/{ctx.citizen.national_code}", consent=consent), (200, 404), a)
    stolen = b.raw("GET", f"{P}/efiles/{ctx.citizen.national_code}", consent=consent)
    if stolen.status_code < 400:
        raise Violation(M_FOREIGN_CONSENT, {}, b.last())
    expect_error(stolen, (401, 403, 404), b)


def _creation_headers(content: bytes, key: str | None = None) -> dict[str, str]:
    headers = {"Tus-Resumable": TUS_VERSION, "Upload-Length": str(len(content)),
               "Upload-Metadata": encode_metadata({"filename": "conformance.pdf", "filetype": "application/pdf",
                                                   "sha256": hashlib.sha256(content).hexdigest()})}
    if key:
        headers[IDEMPOTENCY_HEADER] = key
    return headers


def _create_upload(clerk: Clerk, content: bytes, key: str | None = None) -> tuple[requests.Response, str]:
    response = clerk.raw("POST", UPLOADS_PATH, headers=_creation_headers(content, key))
    expect_status(response, 201, clerk)
    location = response.headers.get("Location")
    if not location:
        raise Violation(M_NO_LOCATION, {}, clerk.last())
    return response, urllib.parse.urljoin(clerk.base_url + UPLOADS_PATH, location)


def _offset(clerk: Clerk, url: str) -> int:
    head = clerk.raw("HEAD", url, headers={"Tus-Resumable": TUS_VERSION})
    expect_status(head, 200, clerk)
    try:
        return int(head.headers.get("Upload-Offset", ""))
    except ValueError as exc:
        raise Violation(M_OFFSET, {"offset": head.headers.get("Upload-Offset", "—"), "expected": "…"},
                        clerk.last()) from exc


def _patch(clerk: Clerk, url: str, offset: int, chunk: bytes, content_type: str = PATCH_TYPE) -> requests.Response:
    return clerk.raw("PATCH", url, data=chunk, headers={"Tus-Resumable": TUS_VERSION, "Upload-Offset": str(offset),
                                                       "Content-Type": content_type})


def _expect_offset(clerk: Clerk, url: str, expected: int, message: str = M_OFFSET) -> None:
    offset = _offset(clerk, url)
    if offset != expected:
        raise Violation(message, {"offset": offset, "expected": expected}, clerk.last())


@check("tus.resume", QT_TRANSLATE_NOOP("Conformance", "An upload resumes from the server's offset"))
def tus_resume(ctx: Context) -> None:
    a = ctx.clerk
    key = new_key()
    first, url = _create_upload(a, PDF, key)
    again, url_again = _create_upload(a, PDF, key)
    if url_again != url or again.headers.get(REPLAYED_HEADER) != "true":
        raise Violation(M_SECOND_UPLOAD, {}, a.last())
    longer = a.raw("POST", UPLOADS_PATH, headers={**_creation_headers(PDF, key), "Upload-Length": str(len(PDF) + 1)})
    expect_error(longer, 422, a, "idempotency_key_reused")  # another length is another request, not a repeat
    _expect_offset(a, url, 0)
    half = len(PDF) // 2
    expect_status(_patch(a, url, 0, PDF[:half]), 204, a)
    _expect_offset(a, url, half)
    expect_error(_patch(a, url, 0, PDF[:half]), 409, a)  # the same part again: not where the upload stands
    _expect_offset(a, url, half)
    expect_status(_patch(a, url, half, PDF[half:]), 204, a)
    _expect_offset(a, url, len(PDF))


@check("tus.refusals", QT_TRANSLATE_NOOP("Conformance", "A refused upload request writes nothing"))
def tus_refusals(ctx: Context) -> None:
    a = ctx.clerk
    _, url = _create_upload(a, PDF)
    expect_error(_patch(a, url, 0, PDF[:20], content_type="text/plain"), 415, a)
    _expect_offset(a, url, 0, M_WROTE)
    expect_error(_patch(a, url, 0, PDF + b"past the end"), (400, 413), a)
    _expect_offset(a, url, 0, M_WROTE)
    expect_error(a.raw("POST", UPLOADS_PATH, headers={"Tus-Resumable": TUS_VERSION, "Upload-Length": "10"}), 400, a)
    # a creation that carries its first bytes is held to a part's rules: its type, and no more than its length
    expect_error(a.raw("POST", UPLOADS_PATH, data=PDF[:20],
                       headers={**_creation_headers(PDF), "Content-Type": "text/plain"}), 415, a)
    expect_error(a.raw("POST", UPLOADS_PATH, data=PDF + b"past the end",
                       headers={**_creation_headers(PDF), "Content-Type": PATCH_TYPE}), 413, a)
    expect_error(a.raw("POST", UPLOADS_PATH, headers={
        "Tus-Resumable": TUS_VERSION, "Upload-Length": str(MAX_UPLOAD + 1),
        "Upload-Metadata": encode_metadata({"filename": "a.pdf", "filetype": "application/pdf",
                                            "sha256": "0" * 64})}), 413, a)
    expect_status(a.raw("HEAD", url), 412, a)  # no Tus-Resumable (a HEAD answer has no body to judge)


@check("tus.hash", QT_TRANSLATE_NOOP("Conformance", "An upload becomes a document only if its SHA-256 matches"))
def tus_hash(ctx: Context) -> None:
    a = ctx.clerk
    consent = ctx.consent(a)
    draft = a.api.create_draft({"conformance": "hash"}, consent)
    item = next((i.id for i in a.api.checklist(draft.draft_id, consent) if i.mandatory), None)
    if item is None:
        raise NotRun(M_SETUP, error="checklist")
    _, url = _create_upload(a, PDF)
    expect_status(_patch(a, url, 0, PDF), 204, a)
    binding = {"upload_url": url, "sha256": hashlib.sha256(PDF + b"other").hexdigest(), "size": len(PDF),
               "filename": "conformance.pdf", "content_type": "application/pdf"}
    path = f"{P}/drafts/{draft.draft_id}/documents/{item}/from-upload"
    wrong = a.raw("POST", path, consent=consent, json_body=binding, headers={IDEMPOTENCY_HEADER: new_key()})
    if wrong.status_code < 300:
        raise Violation(M_HASH_ACCEPTED, {}, a.last())
    expect_error(wrong, 422, a, "file_hash")
    right = a.raw("POST", path, consent=consent, json_body={**binding, "sha256": hashlib.sha256(PDF).hexdigest()},
                  headers={IDEMPOTENCY_HEADER: new_key()})
    expect_status(right, 200, a)
    document = right.json()
    if document.get("sha256") != hashlib.sha256(PDF).hexdigest() or document.get("size") != len(PDF):
        raise Violation(M_BOUND_WRONG, {}, a.last())


@check("ownership.uploads", QT_TRANSLATE_NOOP("Conformance", "An upload is its creator's alone"))
def ownership_uploads(ctx: Context) -> None:
    a, b = ctx.clerk, ctx.other
    if a.operator.username == b.operator.username:
        raise NotRun(M_SAME_OPERATOR)
    _, url = _create_upload(a, PDF)
    expect_status(_patch(a, url, 0, PDF[:10]), 204, a)
    tries = (("HEAD", lambda: b.raw("HEAD", url, headers={"Tus-Resumable": TUS_VERSION})),
             ("PATCH", lambda: _patch(b, url, 10, b"corrupted!")),
             ("DELETE", lambda: b.raw("DELETE", url, headers={"Tus-Resumable": TUS_VERSION,
                                                             IDEMPOTENCY_HEADER: new_key()})))
    for action, attempt in tries:
        response = attempt()
        if response.status_code < 400:
            raise Violation(M_FOREIGN_UPLOAD, {"action": action, "status": response.status_code}, b.last())
        expect_status(response, (403, 404), b)
    _expect_offset(a, url, 10)
    expect_status(_patch(a, url, 10, PDF[10:]), 204, a)
    consent = ctx.consent(b)
    draft = b.api.create_draft({"conformance": "stolen upload"}, consent)
    item = next((i.id for i in b.api.checklist(draft.draft_id, consent) if i.mandatory), "deed")
    stolen = b.raw("POST", f"{P}/drafts/{draft.draft_id}/documents/{item}/from-upload", consent=consent,
                   headers={IDEMPOTENCY_HEADER: new_key()},
                   json_body={"upload_url": url, "sha256": hashlib.sha256(PDF).hexdigest(), "size": len(PDF),
                              "filename": "conformance.pdf", "content_type": "application/pdf"})
    if stolen.status_code < 400:
        raise Violation(M_FOREIGN_UPLOAD, {"action": "bind", "status": stolen.status_code}, b.last())
    expect_error(stolen, (403, 404), b)


def _paid_case(ctx: Context):
    """A permit case of the test citizen on a free test parcel, its order bill paid at A's counter."""
    if ctx._case is not None:
        return ctx._case
    from kiosk.api_client import ApiError

    a = ctx.clerk
    consent = ctx.consent(a)
    efile = a.api.get_efile(ctx.citizen.national_code, consent)
    owner = OwnerIn(national_code=ctx.citizen.national_code, first_name=efile.first_name,
                    last_name=efile.last_name, share="100")
    tried = []
    for code in ctx.parcels:
        tried.append(code)
        try:
            parcel = a.api.parcel_by_code(code)
        except ApiError:
            continue
        if parcel.under_application:
            continue
        project = ProjectSpec(floors=1, floor_area=Decimal(max(min(int(parcel.lot_area) // 2, 120), 40)), units=1,
                              parking=1, use="residential")
        try:
            quote = a.api.quote(parcel.renovation_code, project)
            draft = a.api.create_draft({"conformance": "permit"}, consent)
            for item in a.api.checklist(draft.draft_id, consent):
                if item.mandatory:
                    a.api.upload_document(draft.draft_id, item.id, PDF, "application/pdf", "سند.pdf", consent)
            filed = a.api.submit_permit(draft.draft_id, PermitSubmission(
                renovation_code=parcel.renovation_code, owners=[owner], project=project,
                accepted_tariff_version=quote.tariff_version, accepted_total=quote.total), consent)
        except ApiError:
            continue
        view = a.api.case(filed.case_number, consent)
        bill = view.current.bill if view.current is not None else None
        if bill is None:
            raise NotRun(M_SETUP, error="no bill on the new case")
        receipt = a.api.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id,
                                                 amount=bill.amount, terminal_ref="CONF" + secrets.token_hex(3)))
        ctx._case = (filed.case_number, view.tracking_code, receipt, bill)
        return ctx._case
    raise NotRun(M_NO_PARCEL, tried=", ".join(tried) or "—")


@check("ownership.receipts", QT_TRANSLATE_NOOP(
    "Conformance", "A receipt is read only with the citizen's consent or in its district, cancelled only by its clerk "
             "or a supervisor"))
def ownership_receipts(ctx: Context) -> None:
    a, b = ctx.clerk, ctx.other
    if a.operator.username == b.operator.username:
        raise NotRun(M_SAME_OPERATOR)
    _, _, receipt, bill = _paid_case(ctx)
    path = f"{P}/receipts/{receipt.receipt_number}"
    expect_status(a.raw("GET", path), 200, a)
    if b.operator.district != a.operator.district:
        stranger = b.raw("GET", path)
        if stranger.status_code < 400:
            raise Violation(M_FOREIGN_RECEIPT, {"status": stranger.status_code}, b.last())
        expect_error(stranger, (403, 404), b)
    expect_status(b.raw("GET", path, consent=ctx.consent(b)), 200, b)  # with the citizen's own consent
    cancel = b.raw("POST", path + "/cancel", headers={IDEMPOTENCY_HEADER: new_key()},
                   json_body={"reason": "آزمون انطباق: لغو به دست متصدی دیگر"})
    if cancel.status_code < 400:
        raise Violation(M_RECEIPT_CANCELLED, {"status": cancel.status_code}, b.last())
    expect_error(cancel, (403, 404), b)
    if ctx.supervisor is None:
        raise NotRun(M_NO_SUPERVISOR)
    s = ctx.supervisor
    done = s.raw("POST", path + "/cancel", headers={IDEMPOTENCY_HEADER: new_key()},
                 json_body={"reason": "آزمون انطباق: لغو به دست سرپرست منطقه"})
    if done.status_code != 200:
        raise Violation(M_SUPERVISOR, {"status": done.status_code}, s.last())


@check("ownership.tracking", QT_TRANSLATE_NOOP(
    "Conformance", "The public tracking view opens by the tracking code only and shows nothing personal"))
def ownership_tracking(ctx: Context) -> None:
    b = ctx.other
    case_number, tracking, receipt, bill = _paid_case(ctx)
    if not tracking:
        raise Violation(M_NO_TRACKING, {}, ctx.clerk.last())
    bare = b.raw("GET", f"{P}/cases/{case_number}")
    if bare.status_code < 400 and tracking != case_number:
        raise Violation(M_NUMBER_OPENS, {"status": bare.status_code}, b.last())
    public = b.raw("GET", f"{P}/cases/{urllib.parse.quote(tracking)}")
    expect_status(public, 200, b)
    view = public.json()
    text = public.text
    shown = [what for what, present in (
        ("personal", view.get("personal") is True),
        ("bill", bill.bill_id in text or bill.payment_id in text),
        ("national code", ctx.citizen.national_code in text),
        ("mobile", ctx.citizen.mobile[-8:] in text),
        ("receipt", receipt.receipt_number in text),
    ) if present]
    if shown:
        raise Violation(M_PUBLIC_PERSONAL, {"what": ", ".join(shown)}, b.last())


@dataclass
class Outcome:
    id: str
    title: str
    status: str  # "passed", "failed", "not run"
    message: str = ""
    params: dict = field(default_factory=dict)
    curl: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_checks(ctx: Context, only: set[str] | None = None) -> list[Outcome]:
    from kiosk.api_client import ApiError

    outcomes = []
    for item in CHECKS:
        if only and item.id not in only:
            continue
        started = time.monotonic()
        try:
            item.run(ctx)
            outcome = Outcome(item.id, item.title, "passed")
        except Violation as v:
            outcome = Outcome(item.id, item.title, "failed", v.message, v.params,
                              [curl_line(e.method, e.url, e.headers, e.body, ctx.names()) for e in v.exchanges])
        except NotRun as n:
            outcome = Outcome(item.id, item.title, "not run", n.message, n.params)
        except (ApiError, requests.RequestException, ValueError, KeyError) as exc:
            last = [e for c in (ctx.clerk, ctx.other) for e in c.last()][-1:]
            outcome = Outcome(item.id, item.title, "failed", M_SETUP, {"error": str(exc)[:300]},
                              [curl_line(e.method, e.url, e.headers, e.body, ctx.names()) for e in last])
        outcome.seconds = time.monotonic() - started
        outcomes.append(outcome)
    return outcomes
