"""Idempotency keys for every mutating request (POST/PUT/PATCH/DELETE): the reference implementation of
what `docs/api/openapi.json` promises a kiosk (see "Idempotency" in its description).

- A request with an ``Idempotency-Key`` runs in one database transaction with its stored answer
  (:class:`~kiosk.sandbox.db.RequestTransaction`): the answer is committed together with the route's
  effect, before the first byte of the answer is sent. A server killed before the commit did nothing; a
  server killed after it answers the retry from the record (``Idempotent-Replayed: true``). There is no
  "pending" row that could go stale and let the work run twice.
- A body that did not arrive whole (the client died or was cut off mid-way) never reaches the route and is
  never recorded: the key stays free for the honest retry. A body shorter than its ``Content-Length`` is
  answered ``400 body_incomplete``.
- A replay is answered only to the operator who made the first request (the one the bearer token belongs
  to, so a clerk who signed in again still gets her answer) and with the same citizen consent header;
  anyone else is refused (``403 idempotency_key_foreign``). The same key with another request is refused
  (``422 idempotency_key_reused``) — "the same request" is the method, path, query, body and the headers
  that carry meaning (:data:`MEANINGFUL_HEADERS`: type, tus lengths/offset/metadata, file name and hash); a repeat that arrives while the first is still running is told to retry
  (``409 request_in_progress``).
- Stored are final answers: 2xx and 4xx other than 401/408/429 (those do not decide the request: the
  same key may be retried and is run again). A 5xx rolls the whole request back and stores nothing.
- Stored answers are encrypted (AES-GCM) with a key derived from the server's secret and the request
  itself, and request fingerprints are keyed hashes: the database alone reveals neither a login token nor
  a consent id, nor lets a six-digit code be guessed from a fingerprint.
- Records are kept for :data:`RETENTION` (14 days) and then forgotten; a kiosk must not retry a key
  older than that (the health answer says how long).
- Every answer to a request with a key — fresh, replayed, or the middleware's own — carries the key back
  in ``Idempotency-Key``: that is how a kiosk tells the server's answer (even a refusal) from a proxy's.
- A record the server can no longer verify (its secret was lost or replaced) is never answered as a
  refusal: ``503 idempotency_record_unverifiable`` (not final; the kiosk keeps the request).
- A replay to a token that is no longer valid (signed out, expired, unknown) is ``401``: not final, the
  clerk signs in again and gets her answer — unless it is the very token of the first request (a sign-out
  that revoked its own token gets its answer again).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import re
import secrets
import threading
from pathlib import Path

import anyio

from kiosk.contract import CONSENT_HEADER, IDEMPOTENCY_HEADER, REPLAYED_HEADER
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.sandbox.db import Database, RequestTransaction, iso, parse_at
from kiosk.sandbox.errors import INTERNAL, ApiProblem, error_response

log = logging.getLogger(__name__)

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
KEEP_OUT = {b"content-length", b"date", b"server", b"transfer-encoding", b"connection"}
RETENTION = dt.timedelta(days=14)
NOT_STORED = {401, 408, 425, 429}  # answers that do not decide the request: a retry with the key runs it again
KEY_FORMAT = re.compile(r"[\x21-\x7e]{8,128}")
PURGE_EVERY = dt.timedelta(minutes=1)

KEY_REUSED = QT_TRANSLATE_NOOP("Sandbox", "This request's tracking key was already used for another request.")
KEY_FOREIGN = QT_TRANSLATE_NOOP(
    "Sandbox", "This request's tracking key belongs to a request of another operator or another citizen's "
               "consent. It was not carried out.")
KEY_INVALID = QT_TRANSLATE_NOOP(
    "Sandbox", "The request's tracking key is not valid (8 to 128 visible ASCII characters). Update the kiosk.")
IN_PROGRESS = QT_TRANSLATE_NOOP("Sandbox", "The same request is still being processed. Try again in a moment.")
UNVERIFIABLE = QT_TRANSLATE_NOOP(
    "Sandbox", "The server cannot check this request against its record right now. It is kept; try again later.")
SIGN_IN_AGAIN = QT_TRANSLATE_NOOP("Sandbox", "Your session has ended. Sign in again.")
BODY_INCOMPLETE = QT_TRANSLATE_NOOP(
    "Sandbox", "The request arrived incomplete and was not carried out. Send it again.")


def load_secret(db: Database) -> tuple[bytes, bool]:
    """(the server's secret for fingerprints and stored answers, whether it was just created). A 0600 file
    beside the database, written whole (fsynced, with its folder) before first use. An in-memory database
    gets one for this process."""
    if not db.can_span_requests:
        return secrets.token_bytes(32), True
    path = Path(db.path + ".secret")
    try:
        data = path.read_bytes()
        if len(data) == 32 and data.strip(b"\0"):
            return data, False
        log.warning("idempotency secret %s is damaged; stored answers cannot be replayed", path)
    except FileNotFoundError:
        pass
    data = secrets.token_bytes(32)
    from kiosk.platform import write_private_file

    write_private_file(path, data)  # temporary file, fsync, rename, fsync of the folder where the OS has one
    return data, True


def secret_id(secret: bytes) -> str:
    """Names the secret a record was made under (a record made under another one cannot be verified)."""
    return hmac.new(secret, b"secret-id", hashlib.sha256).hexdigest()[:16]



#: Headers that change what a request asks for: the same key with another value is another request (422), not
#: a retry. Transport headers (Content-Length, Accept-Encoding, User-Agent, …) are left out on purpose.
MEANINGFUL_HEADERS = (b"content-type", b"upload-length", b"upload-offset", b"upload-metadata", b"x-filename",
                      b"x-content-sha256")


def _material(scope, headers: dict, body: bytes) -> bytes:
    """What a request asks for, unambiguously: each part length-prefixed, so no two requests share it."""
    parts = [scope["method"].encode(), scope["path"].encode("utf-8", "surrogateescape"),
             scope.get("query_string", b"")]
    for name in MEANINGFUL_HEADERS:
        value = headers.get(name)
        parts.append(b"-" if value is None else b"+" + (value.split(b";")[0].strip().lower()
                                                       if name == b"content-type" else value.strip()))
    parts.append(body)
    return b"".join(len(part).to_bytes(8, "big") + part for part in parts)

class IdempotencyMiddleware:
    """Pure ASGI middleware (it must see the raw body, hold the transaction and buffer the answer).

    ``principal_of(conn, authorization_header) -> str | None`` names the operator a request acts for: "" for
    no token, None for a token that is not (or no longer) valid.
    """

    def __init__(self, app, db: Database, clock, principal_of, secret: bytes | None = None,
                 retention: dt.timedelta = RETENTION):
        self.app = app
        self.db = db
        self.clock = clock
        self.principal_of = principal_of
        fresh = False
        if secret is None:
            secret, fresh = load_secret(db)
        self.secret = secret
        self.secret_id = secret_id(self.secret)
        if not fresh and db.can_span_requests:
            # Records from before records named their secret were made under this one (it was on disk).
            with db.tx() as c:
                c.execute("UPDATE idempotent_requests SET secret_id=? WHERE secret_id=''", (self.secret_id,))
        self.retention = retention
        self._header = IDEMPOTENCY_HEADER.lower().encode()
        self._consent_header = CONSENT_HEADER.lower().encode()
        self._inflight: set[str] = set()
        self._inflight_lock = threading.Lock()
        self._last_purge: dt.datetime | None = None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in MUTATING or not self.db.can_span_requests:
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        raw_key = headers.get(self._header)
        if raw_key is None:
            await self.app(scope, receive, send)
            return
        send = echoing(send, raw_key)
        key = raw_key.decode("latin-1")
        if not KEY_FORMAT.fullmatch(key):
            await error_response(ApiProblem(400, "idempotency_key_invalid", KEY_INVALID))(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:
            log.info("request with key %s…: client gone before its body arrived whole; not carried out", key[:4])
            return  # nobody to answer, nothing recorded: the key stays free
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) != len(body):
            await error_response(ApiProblem(400, "body_incomplete", BODY_INCOMPLETE))(scope, _gone, send)
            return
        with self._inflight_lock:
            busy = key in self._inflight
            if not busy:
                self._inflight.add(key)
        if busy:
            await error_response(ApiProblem(409, "request_in_progress", IN_PROGRESS, retry_after=1))(
                scope, _gone, send)
            return
        try:
            await self._handle(scope, send, key, body, headers)
        finally:
            with self._inflight_lock:
                self._inflight.discard(key)

    async def _handle(self, scope, send, key: str, body: bytes, headers: dict) -> None:
        """The request under its key, in its own transaction (see the module's docstring)."""
        material = _material(scope, headers, body)
        fingerprint = hmac.new(self.secret, b"fingerprint\0" + material, hashlib.sha256).hexdigest()
        consent = headers.get(self._consent_header, b"")
        consent_tag = hmac.new(self.secret, b"consent\0" + consent, hashlib.sha256).hexdigest() if consent else ""
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        token_tag = hmac.new(self.secret, b"token\0" + authorization.encode("latin-1"),
                             hashlib.sha256).hexdigest() if authorization else ""
        answer_key = hmac.new(self.secret, b"answer\0" + key.encode() + b"\0" + material, hashlib.sha256).digest()

        tx = await anyio.to_thread.run_sync(RequestTransaction, self.db)
        try:
            principal, verdict = await anyio.to_thread.run_sync(
                self._lookup, tx, key, fingerprint, authorization, consent_tag, answer_key, token_tag)
            if verdict is not None:
                await anyio.to_thread.run_sync(tx.rollback)
                if isinstance(verdict, ApiProblem):
                    await error_response(verdict)(scope, _gone, send)
                else:
                    status, stored_headers, stored_body = verdict
                    await _send(send, status, [
                        *[(k.encode("latin-1"), v.encode("latin-1")) for k, v in stored_headers],
                        (b"content-length", str(len(stored_body)).encode()),
                        (REPLAYED_HEADER.lower().encode(), b"true")], stored_body)
                return
            captured = {"status": 500, "headers": [], "body": []}
            sent_body = False

            async def replay_receive():
                nonlocal sent_body
                if not sent_body:
                    sent_body = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await _gone()

            async def capture_send(message):
                if message["type"] == "http.response.start":
                    captured["status"] = message["status"]
                    captured["headers"] = list(message.get("headers", []))
                elif message["type"] == "http.response.body":
                    captured["body"].append(message.get("body", b""))

            try:
                with tx.bound():
                    await self.app(scope, replay_receive, capture_send)
            except Exception:
                # A fault of the route: nothing of it stays, and the answer is the contract's 500 with the key
                # (the connection stays open, unlike an error that escapes to the server).
                log.error("request with key %s… failed; rolled back", key[:4], exc_info=True)
                captured = {"status": 500, "headers": [], "body": []}
                failure = error_response(ApiProblem(500, "internal_error", INTERNAL))
                await failure({"type": "http"}, _gone, capture_send)
            status = captured["status"]
            answer = b"".join(captured["body"])
            if principal is None:
                principal = ""  # the route itself answered 401 (its own check), which is never stored
            if status >= 500:
                await anyio.to_thread.run_sync(tx.rollback)
            else:
                if status not in NOT_STORED and not 300 <= status < 400:  # a redirect decides nothing
                    kept = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in captured["headers"]
                            if k.lower() not in KEEP_OUT]
                    await anyio.to_thread.run_sync(self._store, tx, key, fingerprint, principal, consent_tag,
                                                   status, kept, answer, answer_key, token_tag)
                await anyio.to_thread.run_sync(tx.commit)
        except BaseException:
            await anyio.to_thread.run_sync(tx.rollback)
            raise
        # Only now, with the effect and its answer on disk together, does the first byte leave.
        await _send(send, status, captured["headers"], answer)

    # --- in the request's transaction (worker threads) -------------------------------------------------
    def _lookup(self, tx: RequestTransaction, key, fingerprint, authorization, consent_tag, answer_key, token_tag):
        c = tx.conn
        now = self.clock.now()
        self._purge(c, now)
        principal = self.principal_of(c, authorization)
        row = c.execute("SELECT * FROM idempotent_requests WHERE key=?", (key,)).fetchone()
        if row is not None and parse_at(row["created_at"]) + self.retention <= now:
            c.execute("DELETE FROM idempotent_requests WHERE key=?", (key,))
            row = None
        if row is None:
            return principal, None
        if row["secret_id"] != self.secret_id:
            log.error("idempotency record of key %s… was made under another secret: not verifiable", key[:4])
            return principal, ApiProblem(503, "idempotency_record_unverifiable", UNVERIFIABLE, retry_after=60)
        same_token = bool(token_tag) and hmac.compare_digest(row["token_tag"], token_tag)
        if not principal and row["principal"] and not same_token:
            # No token, or one no longer valid: the clerk signs in again and then gets her answer (not final).
            # Only another clerk's valid token is refused below.
            return principal, ApiProblem(401, "token_expired", SIGN_IN_AGAIN)
        same_operator = same_token or hmac.compare_digest(row["principal"], principal or "")
        if not (same_operator and hmac.compare_digest(row["consent"], consent_tag)):
            log.warning("idempotency key %s… replayed by another operator or consent: refused", key[:4])
            return principal, ApiProblem(403, "idempotency_key_foreign", KEY_FOREIGN)
        if not hmac.compare_digest(row["fingerprint"], fingerprint):
            return principal, ApiProblem(422, "idempotency_key_reused", KEY_REUSED)
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        blob = row["answer"]
        try:
            stored = json.loads(AESGCM(answer_key).decrypt(blob[:12], blob[12:], key.encode()))
        except (InvalidTag, ValueError):
            log.error("stored answer of key %s… cannot be decrypted (server secret changed?)", key[:4])
            return principal, ApiProblem(409, "request_in_progress", IN_PROGRESS, retry_after=60)
        return principal, (row["status"], [tuple(h) for h in stored["headers"]], base64.b64decode(stored["body"]))

    def _store(self, tx: RequestTransaction, key, fingerprint, principal, consent_tag, status, headers, body,
               answer_key, token_tag) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        plain = json.dumps({"headers": headers, "body": base64.b64encode(body).decode()}).encode()
        nonce = secrets.token_bytes(12)
        sealed = nonce + AESGCM(answer_key).encrypt(nonce, plain, key.encode())
        tx.conn.execute(
            "INSERT OR REPLACE INTO idempotent_requests(key, fingerprint, principal, consent, status, answer,"
            " created_at, secret_id, token_tag) VALUES (?,?,?,?,?,?,?,?,?)",
            (key, fingerprint, principal, consent_tag, status, sealed, iso(self.clock.now()), self.secret_id,
             token_tag))

    def _purge(self, c, now: dt.datetime) -> None:
        if self._last_purge is not None and now - self._last_purge < PURGE_EVERY and now >= self._last_purge:
            return
        self._last_purge = now
        c.execute("DELETE FROM idempotent_requests WHERE created_at < ?", (iso(now - self.retention),))


async def _read_body(receive) -> bytes | None:
    """The whole body, or None if the client went away before sending all of it."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _gone():
    return {"type": "http.disconnect"}


def echoing(send, raw_key: bytes):
    """Every answer to a keyed request carries its key back: the kiosk's proof the answer is the server's."""
    echo = IDEMPOTENCY_HEADER.lower().encode()

    async def wrapped(message):
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != echo]
            message = {**message, "headers": [*headers, (echo, raw_key)]}
        await send(message)

    return wrapped


async def _send(send, status: int, headers: list, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
