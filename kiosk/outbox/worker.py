"""The one worker that drains the outbox: in order per case, with capped exponential backoff and jitter.

Plain Python (a thread), so it runs the same in the kiosk, in tests and in the crash harness. It reports
through ``on_event(kind, item, detail)`` with kind ``sent`` (detail: the server's answer), ``retry``
(detail: the error), ``failed`` (detail: the error) or ``changed``.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from typing import Any, Callable

from kiosk.api_client.errors import ApiError, OfflineError, ServerError, Unauthorized, ValidationFailed
from kiosk.outbox.store import OutboxItem, OutboxStore

log = logging.getLogger(__name__)

Send = Callable[[OutboxItem], Any]
Event = Callable[[str, OutboxItem | None, Any], None]

RETRY_CODES = {"request_in_progress"}  # the server is still doing the first copy: ask again shortly


def classify(exc: BaseException) -> str:
    """``retry`` (the request may still succeed unchanged), ``wait`` (needs a signed-in operator) or
    ``fail`` (the server refused it: a person must look)."""
    if isinstance(exc, Unauthorized):
        return "wait"
    if isinstance(exc, (OfflineError, ServerError)):
        return "retry"
    if isinstance(exc, ValidationFailed):
        if exc.status == 429 or exc.code in RETRY_CODES:
            return "retry"
        return "fail"
    return "fail"


def error_detail(exc: BaseException) -> dict:
    if isinstance(exc, ApiError):
        return {"text": exc.text, "translatable": exc.translatable, "code": exc.code, "status": exc.status,
                "params": exc.params, "problems": [p.model_dump() for p in exc.problems]}
    return {"text": repr(exc), "translatable": False, "code": "bug", "status": None, "params": {}, "problems": []}


class OutboxWorker:
    def __init__(self, store: OutboxStore, send: Send, on_event: Event | None = None, *, base_delay: float = 1.0,
                 max_delay: float = 60.0, idle_poll: float = 30.0, rng: random.Random | None = None):
        self.store = store
        self.send = send
        self.on_event = on_event or (lambda kind, item, detail: None)
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.idle_poll = idle_poll
        self.rng = rng or random.Random()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.paused_for_sign_in = False

    def delay(self, attempts: int, retry_after: int | None = None) -> float:
        """Capped exponential backoff with full jitter; a server's Retry-After is a floor."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** max(attempts - 1, 0))
        value = self.rng.uniform(ceiling / 2, ceiling)
        return max(value, float(retry_after or 0))

    def start(self) -> None:
        reset = self.store.reset_sending()
        if reset:
            log.info("outbox: %d request(s) left in flight by the last run are queued again", reset)
        self._thread = threading.Thread(target=self._run, name="outbox", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """New item, connection back, operator signed in: look now instead of at the next timer."""
        self.paused_for_sign_in = False
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def drain_once(self) -> bool:
        """Sends the next due request, if any. Returns True if there was one."""
        if self.paused_for_sign_in:
            return False
        item = self.store.next_due()
        if item is None:
            return False
        try:
            result = self.send(item)
        except Exception as exc:  # every failure is sorted below; none may kill the worker
            verdict = classify(exc)
            detail = error_detail(exc)
            if verdict == "fail":
                if not isinstance(exc, ApiError):
                    log.error("outbox: unexpected error sending %s", item.kind, exc_info=exc)
                self.store.fail(item.id, detail)
                self.on_event("failed", item, detail)
            else:
                retry_after = getattr(exc, "retry_after", None)
                self.store.retry_later(item.id, self.delay(item.attempts, retry_after), detail)
                if verdict == "wait":
                    self.paused_for_sign_in = True
                self.on_event("retry", item, detail)
        else:
            self.store.acknowledge(item.id)
            self.on_event("sent", item, result)
        self.on_event("changed", None, None)
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                worked = self.drain_once()
            except Exception:  # the store itself failed (disk full…): log, wait, try again
                log.error("outbox worker error", exc_info=True)
                worked = False
            if worked:
                continue
            wake_at = self.store.next_wakeup()
            timeout = self.idle_poll if wake_at is None else max(0.05, min(self.idle_poll, wake_at - time.time()))
            self._wake.wait(timeout)
            self._wake.clear()
