"""Idempotency keys for every mutating request (POST/PUT/PATCH/DELETE).

A repeat of a request with the same ``Idempotency-Key`` gets the first answer again (marked with
``Idempotent-Replayed: true``) instead of doing the work twice. The same key with a different request is
refused; a repeat that arrives while the first is still running is told to retry. Answers of 5xx are not
kept: the work did not happen, so a retry must be allowed to do it.

Known limit: the answer is stored after the route's own transaction commits, so a server killed between
the two would redo the work on retry. The kiosk's outbox does not depend on the sandbox for that case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import anyio

from kiosk.contract import IDEMPOTENCY_HEADER
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.sandbox.db import Database
from kiosk.sandbox.errors import ApiProblem, error_response

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
KEEP_OUT = {b"content-length", b"date", b"server", b"transfer-encoding"}
STALE_PENDING = dt.timedelta(seconds=60)

KEY_REUSED = QT_TRANSLATE_NOOP("Sandbox", "This request's tracking key was already used for another request.")
IN_PROGRESS = QT_TRANSLATE_NOOP("Sandbox", "The same request is still being processed. Try again in a moment.")


class IdempotencyMiddleware:
    def __init__(self, app, db: Database, clock):
        self.app = app
        self.db = db
        self.clock = clock
        self._header = IDEMPOTENCY_HEADER.lower().encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in MUTATING:
            await self.app(scope, receive, send)
            return
        key = next((v.decode("latin-1") for k, v in scope["headers"] if k == self._header), None)
        if not key:
            await self.app(scope, receive, send)
            return

        chunks = []
        more = True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        fingerprint = hashlib.sha256(
            b"\0".join([scope["method"].encode(), scope["path"].encode(), scope.get("query_string", b""), body])
        ).hexdigest()

        verdict = await anyio.to_thread.run_sync(self._claim, key, fingerprint)
        if isinstance(verdict, ApiProblem):
            await error_response(verdict)(scope, receive, send)
            return
        if verdict is not None:
            status, headers, stored = verdict
            await send({"type": "http.response.start", "status": status, "headers": [
                *[(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers],
                (b"content-length", str(len(stored)).encode()), (b"idempotent-replayed", b"true")]})
            await send({"type": "http.response.body", "body": stored})
            return

        replayed = False

        async def replay_receive():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        captured = {"status": 500, "headers": [], "body": []}

        async def capture_send(message):
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                # Headers are part of the answer (a tus creation's Location, above all); not the length.
                captured["headers"] = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in
                                       message.get("headers", []) if k.lower() not in KEEP_OUT]
            elif message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_receive, capture_send)
        except BaseException:
            await anyio.to_thread.run_sync(self._release, key)
            raise
        if captured["status"] >= 500:
            await anyio.to_thread.run_sync(self._release, key)
        else:
            await anyio.to_thread.run_sync(
                self._finish, key, captured["status"], captured["headers"], b"".join(captured["body"])
            )

    def _claim(self, key: str, fingerprint: str):
        now = self.clock.now()
        with self.db.tx() as c:
            row = c.execute("SELECT * FROM idempotency WHERE key=?", (key,)).fetchone()
            if row is not None:
                if row["fingerprint"] != fingerprint:
                    return ApiProblem(422, "idempotency_key_reused", KEY_REUSED)
                if row["state"] == "done":
                    return row["status"], _stored_headers(row["content_type"]), row["body"]
                if now - dt.datetime.fromisoformat(row["created_at"]) < STALE_PENDING:
                    return ApiProblem(409, "request_in_progress", IN_PROGRESS, retry_after=1)
                c.execute("DELETE FROM idempotency WHERE key=?", (key,))
            c.execute(
                "INSERT INTO idempotency(key, fingerprint, state, created_at) VALUES (?,?,?,?)",
                (key, fingerprint, "pending", now.isoformat()),
            )
        return None

    def _finish(self, key: str, status: int, headers: list, body: bytes) -> None:
        # The column named content_type holds all kept headers as JSON (it held only the type at first).
        with self.db.tx() as c:
            c.execute(
                "UPDATE idempotency SET state='done', status=?, content_type=?, body=? WHERE key=?",
                (status, json.dumps(headers), body, key),
            )

    def _release(self, key: str) -> None:
        with self.db.tx() as c:
            c.execute("DELETE FROM idempotency WHERE key=? AND state='pending'", (key,))


def _stored_headers(text: str) -> list:
    """Rows written before headers were kept hold just the content type."""
    try:
        headers = json.loads(text)
    except (TypeError, ValueError):
        return [("content-type", text or "application/json")]
    return headers if isinstance(headers, list) else [("content-type", str(headers))]
