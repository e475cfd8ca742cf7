"""The one way work leaves the GUI thread (after Picard's ``run_task`` and Electrum's ``TaskThread``).

``runner.run(fn, on_done, on_error)`` runs ``fn()`` on a worker thread of a pool and calls ``on_done(result)``
or ``on_error(exc)`` back on the GUI thread. Tests that need no threads use :class:`InlineRunner`.
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
        self._pending: dict[int, tuple[Done | None, Failed | None, QObject | None]] = {}

    def run(self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None,
            owner: QObject | None = None) -> int:
        task_id = next(self._ids)
        self._pending[task_id] = (on_done, on_error, owner)
        self.pool.start(_Job(task_id, fn, self._relay))
        return task_id

    @property
    def busy(self) -> int:
        return len(self._pending)

    def wait_all(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)

    @Slot(int, object, object)
    def _finished(self, task_id: int, result: Any, error: BaseException | None) -> None:
        on_done, on_error, owner = self._pending.pop(task_id, (None, None, None))
        if owner is not None and not shiboken6.isValid(owner):
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

    def run(self, fn, on_done=None, on_error=None, owner=None) -> int:
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
