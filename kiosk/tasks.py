"""The one way work leaves the GUI thread (after Picard's ``run_task`` and Electrum's ``TaskThread``).

``runner.run(fn, on_done, on_error)`` runs ``fn()`` on a worker thread of a pool and calls ``on_done(result)``
or ``on_error(exc)`` back on the GUI thread. Tests that need no threads use :class:`InlineRunner`.

Work started for a citizen belongs to that citizen's visit: the runner notes the visit's generation when a
task starts and drops its result (logged, never applied) when the visit has ended meanwhile — an OTP check
or a file bind still on its way at «شهروند بعدی» must not land in the next citizen's screens. Work of the
counter itself (the queue count, the printer, signing in and out) passes ``across_visits=True``.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives in the GUI thread; a worker emits ``finished`` and Qt queues the call to the GUI thread.

    Signals: ``finished(int task_id, object result, object error)``.
    """

    finished = Signal(int, object, object)


class _Job(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.task_id = task_id
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            self._report(None, exc)
        else:
            self._report(result, None)

    def _report(self, result: Any, error: BaseException | None) -> None:
        if not shiboken6.isValid(self.relay):
            # The runner was destroyed while this ran (the window closed): nobody is left to tell.
            log.info("background task %d finished after its runner was closed", self.task_id)
            return
        try:
            self.relay.finished.emit(self.task_id, result, error)
        except RuntimeError:  # destroyed between the check and the emit
            log.info("background task %d finished after its runner was closed", self.task_id)


class TaskRunner(QObject):
    """Runs callables on a thread pool. ``owner``: if that widget is gone when the result arrives, the
    callbacks are skipped (the citizen may have left the screen)."""

    def __init__(self, pool: QThreadPool | None = None, default_error: Failed | None = None, parent=None):
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.default_error = default_error
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Done | None, Failed | None, QObject | None, int | None,
                                       Callable[[], None] | None]] = {}
        self._generation: Callable[[], int] = lambda: 0
        self.dropped = 0  # results thrown away because their visit had ended (for tests and the log)

    def bind_visit(self, generation: Callable[[], int]) -> None:
        """``generation()`` is the current visit's number; it changes when a visit ends."""
        self._generation = generation

    def visit_token(self) -> int:
        """The current visit, for work that must outlive it but report back only within it."""
        return self._generation()

    def same_visit(self, token: int) -> bool:
        return token == self._generation()

    def run(self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None,
            owner: QObject | None = None, across_visits: bool = False,
            on_dropped: Callable[[], None] | None = None) -> int:
        """``on_dropped`` is called instead of both callbacks when the result is thrown away because the
        visit it was started for has ended (to settle a busy state; it must not show anything)."""
        task_id = next(self._ids)
        generation = None if across_visits else self._generation()
        self._pending[task_id] = (on_done, on_error, owner, generation, on_dropped)
        self.pool.start(_Job(task_id, fn, self._relay))
        return task_id

    @property
    def busy(self) -> int:
        return len(self._pending)

    def wait_all(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)

    @Slot(int, object, object)
    def _finished(self, task_id: int, result: Any, error: BaseException | None) -> None:
        on_done, on_error, owner, generation, on_dropped = self._pending.pop(task_id, (None,) * 5)
        if owner is not None and not shiboken6.isValid(owner):
            return
        if generation is not None and generation != self._generation():
            self.dropped += 1
            log.info("background task %d finished after its visit ended: its %s dropped", task_id,
                     "result" if error is None else "error (%s)" % type(error).__name__)
            if on_dropped is not None:
                on_dropped()
            return
        if error is None:
            if on_done is not None:
                on_done(result)
            return
        handler = on_error or self.default_error
        if handler is None:
            log.error("background task failed", exc_info=error)
        else:
            handler(error)


_logged: set[tuple[str, str, str]] = set()


def log_failure(what: str) -> Failed:
    """The error handler of background work nobody waits for (a count, a refresh): never silent, logged once
    per kind of failure. A failure of the kiosk itself (not the server's or the network's) is an ERROR with
    its traceback, which fails any test that meets it."""

    def handle(exc: BaseException) -> None:
        from kiosk.api_client.errors import ApiError

        tag = (what, type(exc).__name__, str(getattr(exc, "code", "")))
        if tag in _logged:
            return
        _logged.add(tag)
        if isinstance(exc, ApiError):
            log.warning("%s failed: %s (%s)", what, exc.code, type(exc).__name__)
        else:
            log.error("%s failed", what, exc_info=exc)

    return handle


class InlineRunner:
    """Same interface, no threads: for unit tests of code that uses a runner."""

    def __init__(self, default_error: Failed | None = None):
        self.default_error = default_error
        self.busy = 0

    def bind_visit(self, generation) -> None:
        pass  # inline work finishes before a visit can end

    def visit_token(self) -> int:
        return 0

    def same_visit(self, token: int) -> bool:
        return True

    def run(self, fn, on_done=None, on_error=None, owner=None, across_visits=False, on_dropped=None) -> int:
        try:
            result = fn()
        except Exception as exc:
            handler = on_error or self.default_error
            if handler is None:
                raise
            handler(exc)
        else:
            if on_done is not None:
                on_done(result)
        return 0

    def wait_all(self, msecs: int = 0) -> bool:
        return True
