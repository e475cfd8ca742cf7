"""Notifications for the clerk: what changed on the cases she filed (an agency answered, an objection,
a permit issued). Polls the server off the GUI thread while she is signed in; minds the server by polling
slowly (``case_poll_interval``), backing off while it fails, and asking only for events after the last
one seen. Events carry case numbers and stage news, never a citizen's personal details.

Signals: ``arrived(list[CaseEvent])`` with the new events, oldest first.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.api_client.errors import ApiError

log = logging.getLogger(__name__)


class CaseWatch(QObject):
    arrived = Signal(list)

    def __init__(self, services, interval_s: float = 60.0, parent=None):
        super().__init__(parent)
        self.services = services
        self.interval_ms = int(interval_s * 1000)
        self.last_id: int | None = None  # None: the first poll only sets where "new" begins
        self._failures = 0
        self._polling = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.last_id = None
        self._failures = 0
        self.poll()

    def stop(self) -> None:
        self.timer.stop()
        self.last_id = None

    def poll(self) -> None:
        api = self.services.api
        if api is None or self._polling or not self.services.operator.signed_in:
            return
        self._polling = True
        after = self.last_id or 0
        first = self.last_id is None

        def work():
            events = api.case_events(after)
            while first and len(events) == 50:  # catch up to the present without showing the past
                events = api.case_events(events[-1].id)
            return events

        self.services.runner.run(work, lambda events: self._done(events, first), self._failed, owner=self)

    def _done(self, events: list, first: bool) -> None:
        self._polling = False
        self._failures = 0
        if events:
            self.last_id = events[-1].id
        elif self.last_id is None:
            self.last_id = 0
        if events and not first:
            self.arrived.emit(events)
        if self.services.operator.signed_in:
            self.timer.start(self.interval_ms)

    def _failed(self, exc: BaseException) -> None:
        self._polling = False
        if not isinstance(exc, ApiError):
            log.error("case notifications failed unexpectedly", exc_info=exc)
        self._failures += 1
        if self.services.operator.signed_in:
            self.timer.start(min(self.interval_ms * 2 ** min(self._failures, 4), 15 * 60 * 1000))
