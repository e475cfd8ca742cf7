"""HTTP session: base URL, timeouts on every call, User-Agent, bearer token, one requests.Session per
worker thread, retries with backoff for idempotent GETs only."""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from typing import Any, Callable

import requests

from kiosk import __version__
from kiosk.api_client.errors import (
    GARBLED, SERVER, UNAUTHORIZED, ApiError, OfflineError, RequestTimeout, ServerError, Unauthorized,
    ValidationFailed,
)
from kiosk.contract import IDEMPOTENCY_HEADER, ErrorBody

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
        backoff: float = 0.3,
        token_provider: Callable[[], str | None] | None = None,
        session_factory: Callable[[], requests.Session] = requests.Session,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.get_retries = get_retries
        self.backoff = backoff
        self.token_provider = token_provider
        self._session_factory = session_factory
        self._sleep = sleep
        self._local = threading.local()
        self.user_agent = f"IsfahanCounterKiosk/{__version__}"

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
    ) -> Any:
        """Sends one request and returns the decoded JSON (None for 204). Raises an :class:`ApiError`.

        Mutating requests always carry an idempotency key (a fresh one if the caller has none) and are
        never retried here: retrying is the outbox's job, with the same key.
        """
        method = method.upper()
        hdrs = dict(headers or {})
        if auth and self.token_provider is not None and "Authorization" not in hdrs:
            token = self.token_provider()
            if token:
                hdrs["Authorization"] = f"Bearer {token}"
        mutating = method not in ("GET", "HEAD")
        if mutating:
            hdrs[IDEMPOTENCY_HEADER] = idempotency_key or str(uuid.uuid4())
        attempts = 1 if mutating else 1 + self.get_retries
        url = self.base_url + path
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self._session().request(method, url, json=json_body, data=data, params=params,
                                                   headers=hdrs, timeout=self.timeout)
            except requests.Timeout as exc:
                if last:
                    raise RequestTimeout() from exc
            except requests.ConnectionError as exc:
                if last:
                    raise OfflineError() from exc
            else:
                if response.status_code in RETRYABLE_STATUS and not last:
                    self._sleep(self._delay(attempt, response))
                    continue
                return self._decode(response)
            self._sleep(self._delay(attempt, None))
        raise AssertionError("unreachable")  # pragma: no cover

    def _delay(self, attempt: int, response: requests.Response | None) -> float:
        if response is not None and response.headers.get("Retry-After", "").isdigit():
            return min(float(response.headers["Retry-After"]), 5.0)
        return self.backoff * (2**attempt) * (0.5 + random.random())

    @staticmethod
    def _decode(response: requests.Response) -> Any:
        status = response.status_code
        if 200 <= status < 300:
            if status == 204 or not response.content:
                return None
            try:
                return response.json()
            except ValueError as exc:
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
        if body is None:
            if status == 401:
                raise Unauthorized(UNAUTHORIZED, translatable=True, status=401, code="unauthorized")
            if status < 500:
                raise ValidationFailed(GARBLED, translatable=True, status=status, code="garbled")
            raise ServerError(SERVER, translatable=True, status=status, code="server_error",
                              params={"status": status})
        cls = Unauthorized if status == 401 else ValidationFailed
        raise cls.from_body(status, body.error, body.problems, retry_after)
