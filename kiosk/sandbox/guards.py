"""The sandbox's outer guard: limits checked before any work, and no fault that escapes as anything but the
contract's answer.

- A body larger than its route allows is refused with ``413`` before it is read: at once when its
  ``Content-Length`` says so, or the moment a streamed body passes the limit (an unauthenticated 150 MB
  login body costs the server nothing).
- A path with an overlong segment, or an overlong query string, is refused (``404`` / ``414``) before any
  route runs.
- A fault of any route is answered with the contract's ``500`` ErrorBody, and the kept-alive connection stays
  usable (an exception escaping to the ASGI server would close it, and the client's next request on it
  would be reset).

Limits per route are data (:data:`LIMITS`), documented in the contract (``x-max-body-bytes``).
"""

from __future__ import annotations

import logging
import re

from kiosk.contract import API_PREFIX, UPLOADS_PATH
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.sandbox.errors import HTTP_MESSAGES, INTERNAL, ApiProblem, error_response

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
M_QUERY_TOO_LONG = QT_TRANSLATE_NOOP("Sandbox", "The request's address is too long.")


def body_limit(method: str, path: str) -> int:
    for m, pattern, limit in LIMITS:
        if m == method and pattern.match(path):
            return limit
    return DEFAULT_LIMIT


class _TooLarge(Exception):
    pass


class GuardMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if any(len(segment) > MAX_SEGMENT for segment in path.split("/")):
            await error_response(ApiProblem(404, *HTTP_MESSAGES[404]))(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > MAX_QUERY:
            await error_response(ApiProblem(414, "query_too_long", M_QUERY_TOO_LONG))(scope, receive, send)
            return
        limit = body_limit(scope["method"], path)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await error_response(ApiProblem(413, "body_too_large", M_TOO_LARGE, params={"limit": limit}))(
                scope, receive, send)
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
                                                        params={"limit": limit}))(scope, receive, send)
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
                await error_response(ApiProblem(500, "internal_error", INTERNAL))(scope, receive, send)
