"""Is the server reachable? A cheap health probe off the GUI thread, with backoff while offline.

Signals: ``changed(bool online)`` whenever the answer changes, ``checked(object Health|None)`` after each probe.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.api_client.errors import ApiError

log = logging.getLogger(__name__)


class NetStatus(QObject):
    changed = Signal(bool)
    checked = Signal(object)

    def __init__(self, services, interval_s: float = 15.0, min_retry_s: float = 1.0, parent=None):
        super().__init__(parent)
        self.services = services
        self.interval_ms = int(interval_s * 1000)
        self.min_retry_ms = int(min_retry_s * 1000)
        self.online: bool | None = None
        self._failures = 0
        self._probing = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.probe)

    def start(self) -> None:
        self.probe()

    def stop(self) -> None:
        self.timer.stop()

    def probe(self) -> None:
        api = self.services.api
        if api is None or self._probing:
            return
        self._probing = True
        self.services.runner.run(api.health, self._ok, self._failed, owner=self)

    def _ok(self, health) -> None:
        self._probing = False
        self._failures = 0
        self._set(True)
        self.checked.emit(health)
        self.timer.start(self.interval_ms)

    def _failed(self, exc: BaseException) -> None:
        self._probing = False
        if not isinstance(exc, ApiError):
            log.error("health probe failed unexpectedly", exc_info=exc)
        self._failures += 1
        self._set(False)
        self.checked.emit(None)
        delay = min(self.interval_ms, self.min_retry_ms * 2 ** min(self._failures - 1, 6))
        self.timer.start(delay)

    def report_offline(self) -> None:
        """A request failed for want of a connection: say so now, and probe soon."""
        self._set(False)
        if not self._probing:
            self.timer.start(self.min_retry_ms)

    def _set(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.changed.emit(online)
