"""The one way messages reach the operator's screen (after qutebrowser's ``utils/message.py``).

Three kinds of failure (after Electrum): one the operator can act on (a Persian sentence), a cancellation
(ignored) and a bug (logged with its traceback, shown as a short apology with a reference number).
Messages sent before the window exists are kept and delivered when it registers.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from kiosk.api_client.errors import ApiError
from kiosk.domain.digits import to_persian_digits
from kiosk.domain.problems import QT_TRANSLATE_NOOP, Problem, ProblemError

log = logging.getLogger(__name__)

APOLOGY = QT_TRANSLATE_NOOP("Messages", "Sorry, something went wrong in the kiosk. Your data is kept. "
                                        "Reference: {ref}")

Sink = Callable[[str, str], None]  # (kind, text); kind is "error", "info" or "bug"


class Cancelled(Exception):
    """The operator or the kiosk gave up on a task on purpose: nothing to show."""


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def describe(exc: BaseException) -> str | None:
    """The Persian sentence for an error the operator can act on; None for a bug."""
    if isinstance(exc, ApiError):
        if not exc.translatable:
            return exc.text
        template = translate("ApiClient", exc.text)
        return template.format(**{k: to_persian_digits(str(v)) for k, v in exc.params.items()})
    if isinstance(exc, ProblemError):
        return exc.problem.render(translate)
    return None


def render(problem: Problem) -> str:
    return problem.render(translate)


class MessageBus(QObject):
    """Signals: ``posted(str kind, str text)`` (internal, queued to the GUI thread)."""

    posted = Signal(str, str)

    def __init__(self):
        super().__init__()
        self._sink: Sink | None = None
        self._buffer: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self.posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def set_sink(self, sink: Sink | None) -> None:
        with self._lock:
            self._sink = sink
            pending, self._buffer = self._buffer, []
        if sink is not None:
            for kind, text in pending:
                sink(kind, text)

    def error(self, text: str) -> None:
        self.posted.emit("error", text)

    def info(self, text: str) -> None:
        self.posted.emit("info", text)

    def failure(self, exc: BaseException) -> None:
        """Show any exception the right way: a sentence, nothing, or an apology for a bug."""
        if isinstance(exc, Cancelled):
            return
        text = describe(exc)
        if text is not None:
            self.error(text)
        else:
            self.bug(exc)

    def bug(self, exc: BaseException) -> str:
        import secrets

        ref = secrets.token_hex(3).upper()
        log.error("unexpected error, reference %s", ref, exc_info=(type(exc), exc, exc.__traceback__))
        text = translate("Messages", APOLOGY).format(ref=to_persian_digits(ref))
        self.posted.emit("bug", text)
        return ref

    @Slot(str, str)
    def _deliver(self, kind: str, text: str) -> None:
        with self._lock:
            sink = self._sink
            if sink is None:
                self._buffer.append((kind, text))
                return
        sink(kind, text)


_bus: MessageBus | None = None


def bus() -> MessageBus:
    global _bus
    if _bus is None:
        _bus = MessageBus()
    return _bus

