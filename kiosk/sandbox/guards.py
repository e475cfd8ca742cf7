"""The sandbox's outer guard: limits checked before any work, and no fault that escapes as anything but the
contract's answer.

- A body larger than its route allows is refused with ``413`` before it is read: at once when its
  ``Content-Length`` says so, or the moment a streamed body passes the limit (an unauthenticated 150 MB
  login body costs the server nothing).
- A path with an overlong segment, or an overlong query string, is refused (``404`` / ``414``) before any
  route runs.
- Under the API prefix the server answers only what the contract names: an address it does not name is
  ``404``, a method it does not name there ``405`` with ``Allow`` listing the ones it does — before the
  idempotency layer, so a key sent with a wrong method or to an undocumented alias (a library's
  trailing-slash route) is neither recorded nor judged.
- A fault of any route is answered with the contract's ``500`` ErrorBody, and the kept-alive connection stays
  usable (an exception escaping to the ASGI server would close it, and the client's next request on it
  would be reset).

Limits per route are data (:data:`LIMITS`), documented in the contract (``x-max-body-bytes``).
"""

from __future__ import annotations

import logging
import re

from kiosk.contract import API_PREFIX, IDEMPOTENCY_HEADER, UPLOADS_PATH
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.sandbox.errors import HTTP_MESSAGES, INTERNAL, ApiProblem, allow_header, error_response
from kiosk.sandbox.idempotency import echoing

log = logging.getLogger(__name__)

KIB = 1024
MIB = 1024 * KIB
DEFAULT_LIMIT = 64 * KIB
# (method, path pattern, largest body in bytes): the first that matches applies.
LIMITS: list[tuple[str, re.Pattern, int]] = [
    ("POST", re.compile(rf"^{API_PREFIX}/(auth/.*|otp(/.*)?)$"), 4 * KIB),
    ("PUT", re.compile(rf"^{API_PREFIX}/drafts/[^/]+$"), 160 * KIB),
    ("POST", re.compile(rf"^{API_PREFIX}/drafts$"), 160 * KIB),
    ("PUT", re.compile(rf"^{API_PREFIX}/drafts/[^/]+/documents/[^/]+$"), 25 * MIB),
    ("PATCH", re.compile(rf"^{UPLOADS_PATH}/[^/]+$"), 25 * MIB),
]
MAX_SEGMENT = 128
MAX_QUERY = 4 * KIB

M_TOO_LARGE = QT_TRANSLATE_NOOP("Sandbox", "The request is too large (at most {limit} bytes here).")
M_TWO_FRAMINGS = QT_TRANSLATE_NOOP("Sandbox", "The request gives both Content-Length and Transfer-Encoding; send "
                                              "one of them. Update the kiosk or tell support.")
M_QUERY_TOO_LONG = QT_TRANSLATE_NOOP("Sandbox", "The request's address is too long.")


def body_limit(method: str, path: str) -> int:
    for m, pattern, limit in LIMITS:
        if m == method and pattern.match(path):
            return limit
    return DEFAULT_LIMIT


class _TooLarge(Exception):
    pass


HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


class Operations:
    """The contract's operations: which methods an address offers (``table_provider`` gives
    ``{path template: methods}``, as :func:`kiosk.sandbox.openapi.served_operations` does)."""

    def __init__(self, table_provider):
        self._provider = table_provider
        self._patterns: list[tuple[re.Pattern, frozenset[str]]] | None = None

    def refresh(self) -> None:
        self._patterns = None

    def methods_at(self, path: str) -> frozenset[str] | None:
        """The methods the contract offers at ``path``, or None when it names no such address."""
        if self._patterns is None:
            patterns = []
            for template, methods in self._provider().items():
                regex = re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(template))
                patterns.append((re.compile(regex), frozenset(m.upper() for m in methods)))
            self._patterns = patterns
        found = [methods for pattern, methods in self._patterns if pattern.fullmatch(path)]
        return frozenset().union(*found) if found else None


class GuardMiddleware:
    def __init__(self, app, operations: Operations | None = None):
        self.app = app
        self.operations = operations

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        key = dict(scope["headers"]).get(IDEMPOTENCY_HEADER.lower().encode())
        answer = echoing(send, key) if key is not None else send  # the guard's own answers are the server's too
        path = scope.get("path", "")
        if any(len(segment) > MAX_SEGMENT for segment in path.split("/")):
            await error_response(ApiProblem(404, *HTTP_MESSAGES[404]))(scope, receive, answer)
            return
        if len(scope.get("query_string", b"")) > MAX_QUERY:
            await error_response(ApiProblem(414, "query_too_long", M_QUERY_TOO_LONG))(scope, receive, answer)
            return
        if self.operations is not None and path.startswith(API_PREFIX + "/"):
            methods = self.operations.methods_at(path)
            if methods is None:
                await error_response(ApiProblem(404, *HTTP_MESSAGES[404]))(scope, receive, answer)
                return
            if scope["method"] not in methods:
                await error_response(ApiProblem(405, *HTTP_MESSAGES[405], headers={
                    "Allow": allow_header(methods)}))(scope, receive, answer)
                return
        limit = body_limit(scope["method"], path)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and any(k == b"transfer-encoding" for k, _ in scope["headers"]):
            # Two framings of one body (RFC 9112 §6.3): the way requests are smuggled past a proxy. Refused.
            await error_response(ApiProblem(400, "bad_request", M_TWO_FRAMINGS))(scope, receive, answer)
            return
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await error_response(ApiProblem(413, "body_too_large", M_TOO_LARGE, params={"limit": limit}))(
                scope, receive, answer)
            return
        seen = 0
        started = False
        refused = False  # the 413 is already sent: whatever the app answers after it is dropped

        async def limited_receive():
            nonlocal seen, refused, started
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    if not started and not refused:
                        refused = True
                        started = True
                        await error_response(ApiProblem(413, "body_too_large", M_TOO_LARGE,
                                                        params={"limit": limit}))(scope, receive, answer)
                    raise _TooLarge()  # the app may catch this (FastAPI turns body faults into 400): dropped
            return message

        async def watched_send(message):
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except _TooLarge:
            pass
        except Exception:
            log.error("%s %s failed", scope["method"], path, exc_info=True)
            if not started:
                await error_response(ApiProblem(500, "internal_error", INTERNAL))(scope, receive, answer)
