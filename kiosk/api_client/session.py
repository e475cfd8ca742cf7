"""HTTP session: base URL, timeouts on every call, User-Agent, bearer token, one requests.Session per
worker thread, retries with backoff for GETs, and the rule for what a failed mutating request means.

An answer to a mutating request is the server's only if it carries the request's idempotency key back
(the contract's echo rule): a gateway's page, a captive portal's 200, an empty 204 from a proxy, a redirect
or an error body that merely looks like the contract's are not. Only the server's own error body with a 4xx
status is a refusal. A mutating request that failed in any other way after it may have left the kiosk — the
link broke while sending or reading, the answer timed out, an answer that is not the server's, an empty or
unreadable body — is :class:`OutcomeUnknown`: it may have been carried out, and only a retry with the same
idempotency key is safe. Redirects are never followed for mutating requests (a POST would become a GET).
A request that provably never left (no connection could be made, on every attempt) is a plain
:class:`OfflineError`.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from typing import Any, Callable

import requests
import urllib3.exceptions

from kiosk import __version__
from kiosk.api_client.errors import (
    GARBLED, SERVER, UNAUTHORIZED, ApiError, OfflineError, OutcomeUnknown, RequestTimeout, ServerError,
    Unauthorized, ValidationFailed, is_refusal,
)
from kiosk.api_client.keys import one_off_key
from kiosk.contract import IDEMPOTENCY_HEADER, REPLAYED_HEADER, ErrorBody

log = logging.getLogger(__name__)

RETRYABLE_STATUS = {429, 502, 503, 504}


class ApiSession:
    """Knows how to reach one server. Thread-safe: each thread gets its own ``requests.Session``."""

    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout: float = 3.05,
        read_timeout: float = 20.0,
        get_retries: int = 2,
        mutating_retries: int = 1,
        backoff: float = 0.3,
        token_provider: Callable[[], str | None] | None = None,
        session_factory: Callable[[], requests.Session] = requests.Session,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.get_retries = get_retries
        self.mutating_retries = mutating_retries
        self.backoff = backoff
        self.last_replayed = False  # the last answer on any thread came from the server's idempotency record
        # The server's time, learnt from its own answers, kept on a monotonic clock (a PC clock changed since
        # does not move it): (server epoch seconds, time.monotonic() then). None until the first answer.
        self._anchor: tuple[float, float] | None = None
        self.token_provider = token_provider
        # Called (on whichever thread made the request) after each answer of the server's own: the kiosk's
        # connection status hears that the server is back from any request, not only from its next probe.
        self.on_answer: Callable[[], None] | None = None
        self._session_factory = session_factory
        self._sleep = sleep
        self._local = threading.local()
        self.user_agent = f"IsfahanCounterKiosk/{__version__}"

    def _answered(self) -> None:
        hook = self.on_answer
        if hook is not None:
            try:
                hook()
            except Exception:  # a listener's fault must not turn the server's answer into an error
                log.exception("on_answer hook failed")

    def _session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        if s is None:
            s = self._session_factory()
            s.headers["User-Agent"] = self.user_agent
            s.headers["Accept"] = "application/json"
            self._local.session = s
        return s

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: bytes | None = None,
        params: dict | None = None,
        headers: dict | None = None,
        idempotency_key: str | None = None,
        auth: bool = True,
        timeout: tuple[float, float] | None = None,
        retries: int | None = None,
    ) -> Any:
        """Sends one request and returns the decoded JSON (None for 204). Raises an :class:`ApiError`.

        Mutating requests always carry an idempotency key (``kiosk.api_client.keys``; a one-off key if the
        caller has none). They are sent again here only when the connection broke before any answer (a
        stale kept-alive connection, a reset) and only with that same key; anything longer is the
        caller's retry (the outbox's, or the clerk's «تلاش دوباره») with the same key.
        """
        method = method.upper()
        hdrs = dict(headers or {})
        if auth and self.token_provider is not None and "Authorization" not in hdrs:
            token = self.token_provider()
            if token:
                hdrs["Authorization"] = f"Bearer {token}"
        mutating = method not in ("GET", "HEAD")
        if mutating:
            hdrs[IDEMPOTENCY_HEADER] = idempotency_key or one_off_key()
        attempts = 1 + (retries if retries is not None else self.mutating_retries if mutating else self.get_retries)
        url = self.base_url + path
        maybe_sent = False  # once an attempt may have reached the server, no later failure says otherwise
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self._session().request(method, url, json=json_body, data=data, params=params,
                                                   headers=hdrs, timeout=timeout or self.timeout,
                                                   allow_redirects=not mutating)
            except requests.RequestException as exc:
                error = transport_error(exc, mutating)
                maybe_sent = maybe_sent or isinstance(error, OutcomeUnknown)
                # A mutating request is repeated only after a broken connection, never after a timeout
                # (the server may still be working on it: that is the caller's slower retry).
                if last or (mutating and isinstance(exc, requests.Timeout)):
                    raise (OutcomeUnknown() if maybe_sent else error) from exc
            else:
                if response.status_code in RETRYABLE_STATUS and not last and not mutating:
                    self._sleep(self._delay(attempt, response))
                    continue
                if mutating and response.headers.get(IDEMPOTENCY_HEADER) != hdrs[IDEMPOTENCY_HEADER]:
                    # Not the server's answer (a proxy's, a gateway's, a redirect): the request may or may not
                    # have reached the server.
                    raise OutcomeUnknown(status=response.status_code)
                if mutating:
                    self._note_clock(response)  # only the server's own answers tell its time
                self.last_replayed = response.headers.get(REPLAYED_HEADER, "").lower() == "true"
                try:
                    decoded = self._decode(response, mutating)
                    self._answered()
                    return decoded
                except ApiError as exc:
                    if is_refusal(exc):
                        self._answered()  # a refusal in the contract's words is the server's own answer too
                    if maybe_sent and not is_refusal(exc):
                        # An earlier attempt may be on the server (e.g. still running: 409 in progress): the
                        # outcome is unknown, whatever this attempt was told.
                        raise OutcomeUnknown(status=exc.status, retry_after=exc.retry_after) from exc
                    raise
            self._sleep(self._delay(attempt, None))
        raise AssertionError("unreachable")  # pragma: no cover

    def _note_clock(self, response: requests.Response) -> None:
        """The server's clock, from the Date header of an answer known to be the server's."""
        from email.utils import parsedate_to_datetime

        date = response.headers.get("Date")
        if not date:
            return
        try:
            self.note_server_time(parsedate_to_datetime(date).timestamp())
        except (TypeError, ValueError, OverflowError):
            pass

    def note_server_time(self, server_epoch: float) -> None:
        """The outbox measures the age of a request in the server's time, which a counter PC's clock set back
        or forward cannot fool. Fed by the server's own answers (Date of an echoed answer, /health's time)."""
        self._anchor = (server_epoch, time.monotonic())

    def server_now(self) -> float | None:
        """The server's time now, or None until an answer of the server's has told it in this process."""
        anchor = self._anchor
        if anchor is None:
            return None
        return anchor[0] + (time.monotonic() - anchor[1])

    def _delay(self, attempt: int, response: requests.Response | None) -> float:
        if response is not None and response.headers.get("Retry-After", "").isdigit():
            return min(float(response.headers["Retry-After"]), 5.0)
        return self.backoff * (2**attempt) * (0.5 + random.random())

    @staticmethod
    def _decode(response: requests.Response, mutating: bool = False) -> Any:
        status = response.status_code
        if 200 <= status < 300:
            if status == 204 or not response.content:
                return None
            try:
                return response.json()
            except ValueError as exc:
                if mutating:  # done, but the answer is unreadable: a replay with the key brings it again
                    raise OutcomeUnknown(status=status) from exc
                raise ServerError(GARBLED, translatable=True, status=status, code="garbled") from exc
        body = None
        try:
            body = ErrorBody.model_validate(response.json())
        except (ValueError, TypeError):  # not JSON, or JSON that is not our contract (pydantic's error)
            body = None
        retry_after = int(response.headers["Retry-After"]) if response.headers.get("Retry-After", "").isdigit() \
            else None
        if status >= 500 and body is not None:
            raise ServerError.from_body(status, body.error, body.problems, retry_after)  # the server's words
        if body is None and mutating:
            # A proxy's page, an empty 502, a 413 from a gateway: not the server's refusal. Whether the work
            # was done is unknown; only the same key may try again.
            raise OutcomeUnknown(status=status, retry_after=retry_after)
        if body is None:
            if status == 401:
                raise Unauthorized(UNAUTHORIZED, translatable=True, status=401, code="unauthorized")
            if status < 500:
                raise ValidationFailed(GARBLED, translatable=True, status=status, code="garbled")
            raise ServerError(SERVER, translatable=True, status=status, code="server_error",
                              params={"status": status})
        cls = Unauthorized if status == 401 else ValidationFailed
        raise cls.from_body(status, body.error, body.problems, retry_after)


def transport_error(exc: requests.RequestException, mutating: bool) -> OfflineError:
    """What a failure below HTTP means: never sent (offline), or — for a mutating request — maybe done."""
    if isinstance(exc, requests.ConnectTimeout) or _never_connected(exc):
        return RequestTimeout() if isinstance(exc, requests.Timeout) else OfflineError()
    if mutating:
        return OutcomeUnknown()
    if isinstance(exc, requests.Timeout):
        return RequestTimeout()
    return OfflineError()


def _never_connected(exc: BaseException) -> bool:
    """No TCP connection was made, so no byte of the request left (refused, no route, no name)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError)):
            return True
        if isinstance(exc, urllib3.exceptions.MaxRetryError) and exc.reason is not None:
            exc = exc.reason
            continue
        nested = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = nested or exc.__cause__ or exc.__context__
    return False
