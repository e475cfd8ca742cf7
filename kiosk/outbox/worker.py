"""The one worker that drains the outbox: in order per case, under the authority of the clerk who took each
request, with capped exponential backoff and jitter.

What an error means (the rule the README's "Offline and unreliable links" states):

- only an error body of the contract with a 4xx status is a refusal (``refuse``): the row becomes
  ``refused`` — or, if it records money already taken, ``reconcile``, with a reconciliation record for the
  server queued in the same transaction;
- everything else is retried with the same key (``retry``): no connection, a connection that broke after
  the request may have left, a timeout, a 5xx, a proxy's page, ``429`` and ``request_in_progress``; the row
  is marked as possibly on the server (``unknown``) unless it provably never left;
- ``401`` pauses the worker until a clerk signs in (``wait``); a bug in the kiosk is logged once and retried
  at the longest delay.

Plain Python (a thread), so it runs the same in the kiosk, in tests and in the crash harness. It reports
through ``on_event(kind, item, detail)`` with kind ``sent`` (detail: the server's answer), ``retry`` (detail:
the error), ``refused`` or ``reconcile`` (detail: the error) or ``changed``.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from typing import Any, Callable

from kiosk.api_client.errors import ApiError, OfflineError, OutcomeUnknown, RequestTimeout, ServerError, \
    Unauthorized, ValidationFailed, is_refusal
from kiosk.api_client.actions import check_answer
from kiosk.outbox.store import OutboxItem, OutboxStore

log = logging.getLogger(__name__)

Send = Callable[[OutboxItem], Any]
Event = Callable[[str, OutboxItem | None, Any], None]
FollowUp = Callable[[OutboxItem, dict], "dict | None"]
MAX_RETRY_AFTER = 1800.0

class HeldForClerk(Exception):
    """The token at hand is not the one of the clerk who took the request (a sign-in is changing hands):
    nothing was sent; the row waits for its clerk."""


def classify(exc: BaseException) -> tuple[str, bool]:
    """(verdict, may_be_on_server). Verdicts: ``retry`` (the same request may still succeed), ``wait``
    (needs a signed-in clerk) or ``refuse`` (the server refused it with its reason)."""
    if isinstance(exc, (Unauthorized, HeldForClerk)):
        return "wait", False
    if isinstance(exc, (OutcomeUnknown, RequestTimeout)):
        return "retry", True
    if isinstance(exc, OfflineError):
        return "retry", False  # no connection was made: it never left
    if isinstance(exc, ServerError):
        return "retry", True
    if isinstance(exc, ValidationFailed):
        return ("refuse", False) if is_refusal(exc) else ("retry", False)
    return "retry", True  # a bug of ours: keep the row, try again later, tell the log


def error_detail(exc: BaseException) -> dict:
    if isinstance(exc, ApiError):
        return {"text": exc.text, "translatable": exc.translatable, "code": exc.code, "status": exc.status,
                "params": exc.params, "problems": [p.model_dump() for p in exc.problems]}
    from kiosk.api_client.errors import KIOSK_FAULT

    return {"text": KIOSK_FAULT, "translatable": True, "code": "bug", "status": None, "params": {}, "problems": []}


class OutboxWorker:
    def __init__(self, store: OutboxStore, send: Send, on_event: Event | None = None, *, base_delay: float = 1.0,
                 max_delay: float = 60.0, idle_poll: float = 30.0, rng: random.Random | None = None,
                 operator: Callable[[], str | None] = lambda: None, follow_up: FollowUp | None = None,
                 server_now: Callable[[], float] | None = None):
        self.store = store
        self.send = send
        self.on_event = on_event or (lambda kind, item, detail: None)
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.idle_poll = idle_poll
        self.rng = rng or random.Random()
        self.operator = operator
        self.follow_up = follow_up
        # The server's clock (from its answers; None until one told it): the age of a request is measured
        # against the server's memory of keys in the server's time, which a PC clock set back cannot fool.
        self.server_now = server_now or time.time
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._logged: set[str] = set()
        self.paused_for_sign_in = False
        self.polls = 0  # times the loop looked for work (tests check it sleeps while it cannot send)

    def delay(self, attempts: int, retry_after: int | None = None) -> float:
        """Capped exponential backoff with full jitter; a server's Retry-After is a floor, itself capped at
        half an hour (a longer one would read as a clock set back, and a counter must not wait hours)."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** max(attempts - 1, 0))
        value = self.rng.uniform(ceiling / 2, ceiling)
        return max(value, min(float(retry_after or 0), MAX_RETRY_AFTER))

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

    def connection_back(self) -> None:
        """Everything waiting on a backoff is due now."""
        self.store.bring_forward()
        self.wake()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _log_once(self, tag: str, message: str, *args, exc: BaseException | None = None) -> None:
        if tag in self._logged:
            return
        self._logged.add(tag)
        log.error(message, *args, exc_info=exc)

    def drain_once(self) -> bool:
        """Sends the next due request, if any. Returns True if there was one."""
        self.polls += 1
        if self.paused_for_sign_in:
            return False
        operator = self.operator()
        if operator is None:
            return False
        item = self.store.next_due(operator, server_now=self.server_now(), follow_up=self.follow_up)
        if item is None:
            return False
        try:
            result = check_answer(item.kind, self.send(item))
        except Exception as exc:  # every failure is sorted below; none may kill the worker
            verdict, unknown = classify(exc)
            detail = error_detail(exc)
            if verdict == "refuse":
                follow = self.follow_up(item, detail) if (item.money and self.follow_up) else None
                state = self.store.refuse(item.id, detail, follow)
                log.info("outbox: %s %s… refused by the server (%s): %s", item.kind, item.id[:4], detail["code"],
                         state)
                self.on_event(state, item, detail)
            else:
                if isinstance(exc, HeldForClerk):
                    delay = 0.0
                elif not isinstance(exc, ApiError):
                    self._log_once(f"bug:{item.id}", "outbox: unexpected error sending %s; kept and retried later",
                                   item.kind, exc=exc)
                    delay = self.max_delay
                else:
                    delay = self.delay(item.attempts, getattr(exc, "retry_after", None))
                self.store.retry_later(item.id, delay, detail, unknown, server_now=self.server_now())
                if verdict == "wait":
                    self.paused_for_sign_in = True
                self.on_event("retry", item, detail)
        else:
            self.store.acknowledge(item.id)
            if item.kind == "reconciliation" and isinstance(result, dict) and isinstance(item.body, dict):
                self.store.annotate(item.body.get("reference", ""), number=result.get("number"))
            self.on_event("sent", item, result)
        self.on_event("changed", None, None)
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                worked = self.drain_once()
            except Exception as exc:  # the store itself failed (disk full…): log once, wait, try again
                self._log_once(f"store:{type(exc).__name__}", "outbox worker error", exc=exc)
                worked = False
                self._wake.wait(self.max_delay)
                self._wake.clear()
                continue
            if worked:
                continue
            operator = self.operator()
            if self.paused_for_sign_in or operator is None:
                timeout = self.idle_poll  # nobody can send now: sleep until a sign-in wakes us
            else:
                wake_at = self.store.next_wakeup(operator)
                now = self.store.now()
                timeout = self.idle_poll if wake_at is None else max(0.05, min(self.idle_poll, wake_at - now))
            self._wake.wait(timeout)
            self._wake.clear()
