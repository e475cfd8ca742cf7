"""Is the server reachable? Told by events where there are any, asked cheaply where there are none.

- The operating system's word on the link (``QNetworkInformation``: NetworkManager or GLib on Linux, the
  Network List Manager on Windows): the cable or Wi-Fi coming back triggers a probe at once, its going
  away says offline at once.
- Any answer of the server's own to any request of the kiosk (``hear()``, from any thread): the server is
  back, whatever the last probe said.
- A tiny health request, one attempt with short timeouts: every ``interval_s`` while online, every
  ``offline_probe_s`` (± 20 %) while offline — the only way to notice a server that comes back while the
  PC's own link never went down. A probe asked for while one is in flight runs again as soon as it ends.

Signals: ``changed(bool online)`` whenever the answer changes, ``checked(object Health|None)`` after each probe.
The outbox and the uploads listen to ``changed(True)`` and go at once (see ``MainWindow``).
"""

from __future__ import annotations

import logging
import random

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.api_client.errors import ApiError

log = logging.getLogger(__name__)


class NetStatus(QObject):
    changed = Signal(bool)
    checked = Signal(object)
    _heard = Signal()  # emitted on any thread; Qt queues it to this object's (the GUI) thread

    def __init__(self, services, interval_s: float = 15.0, offline_probe_s: float = 1.0, parent=None,
                 rng: random.Random | None = None):
        super().__init__(parent)
        self.services = services
        self.interval_ms = int(interval_s * 1000)
        self.offline_probe_ms = int(offline_probe_s * 1000)
        self.online: bool | None = None
        self.probes = 0  # probes started (tests count them)
        self._probing = False
        self._again = False
        self._rng = rng or random.Random()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.probe)
        self._heard.connect(self._on_heard)
        self.link = None  # QNetworkInformation, when the OS can tell

    def start(self, patient: bool = False) -> None:
        """``patient``: the first check waits as long as any request would (a training server that is still
        starting, on a port that already listens), not the probe's few seconds."""
        self._patient = patient
        self._watch_link()
        self.probe()

    def stop(self) -> None:
        self.timer.stop()

    def _watch_link(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:  # a build without Qt's network module: the probe alone watches the link
            return
        try:
            if QNetworkInformation.instance() is None and not QNetworkInformation.loadBackendByFeatures(
                    QNetworkInformation.Feature.Reachability):
                log.info("the operating system cannot tell the link's state: the probe alone watches it")
                return
        except RuntimeError:  # no backend plugin shipped (a trimmed bundle)
            return
        self.link = QNetworkInformation.instance()
        if self.link is not None:
            log.info("the link is watched through the operating system (%s)", self.link.backendName())
            self.link.reachabilityChanged.connect(self._link_changed)

    def _link_changed(self, reachability) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Disconnected:
            self.report_offline()
        elif reachability != QNetworkInformation.Reachability.Unknown:
            self.probe()  # the link is back: is the server? Now, not at the next probe

    def probe(self) -> None:
        api = self.services.api
        if api is None:
            return
        if self._probing:
            self._again = True  # asked for while one is in flight (which may be the one the link broke)
            return
        self._probing = True
        self._again = False
        self.timer.stop()
        self.probes += 1
        quick = not getattr(self, "_patient", False)
        self._patient = False
        self.services.runner.run(lambda: api.health(quick=quick), self._ok, self._failed, owner=self)

    def hear(self) -> None:
        """The server has just answered a request (any thread)."""
        self._heard.emit()

    def _on_heard(self) -> None:
        if self.online is not True and not self._probing:  # (a probe's own answer is heard too)
            self.probe()

    def _ok(self, health) -> None:
        self._probing = False
        self._set(True)
        self.checked.emit(health)
        self.timer.start(self.interval_ms)

    def _failed(self, exc: BaseException) -> None:
        self._probing = False
        if not isinstance(exc, ApiError):
            log.error("health probe failed unexpectedly", exc_info=exc)
        self._set(False)
        self.checked.emit(None)
        if self._again:
            self.probe()
            return
        self.timer.start(self.next_offline_delay())

    def next_offline_delay(self) -> int:
        return min(self.interval_ms, int(self.offline_probe_ms * self._rng.uniform(0.8, 1.2)))

    def report_offline(self) -> None:
        """A request failed for want of a connection: say so now, and probe soon."""
        self._set(False)
        if not self._probing and (not self.timer.isActive() or self.timer.remainingTime() > self.offline_probe_ms):
            self.timer.start(self.next_offline_delay())  # (a probe already due soon is not put off)

    def _set(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.changed.emit(online)
