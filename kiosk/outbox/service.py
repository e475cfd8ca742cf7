"""The outbox as the screens see it: queue a request (committed off the GUI thread), hear when it is sent
or refused. The worker thread reports through Qt signals, which arrive on the GUI thread."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # cryptography is imported with the store, after the first paint
    from kiosk.outbox.store import OutboxItem, OutboxStore
    from kiosk.outbox.worker import OutboxWorker

log = logging.getLogger(__name__)


class OutboxService(QObject):
    """Signals: ``changed()`` (counts or items changed), ``sent(str id, str kind, object answer)``,
    ``failed(str id, str kind, object detail)``, ``retrying(str id, str kind, object detail)``."""

    changed = Signal()
    sent = Signal(str, str, object)
    failed = Signal(str, str, object)
    retrying = Signal(str, str, object)

    def __init__(self, api_provider: Callable[[], object], runner, parent=None, **worker_options):
        super().__init__(parent)
        self.store: "OutboxStore | None" = None
        self.worker: "OutboxWorker | None" = None
        self.runner = runner
        self._api_provider = api_provider
        self._worker_options = worker_options
        # What was sent during this run, for the sync panel: in memory only (acknowledged rows leave the disk).
        self.recent_sent: list[tuple[float, "OutboxItem"]] = []

    def attach(self, store: "OutboxStore") -> None:
        """Opens for business: the store is opened after the first paint (it touches the keyring)."""
        from kiosk.outbox.worker import OutboxWorker

        self.store = store
        self.worker = OutboxWorker(store, self._send, self._event, **self._worker_options)
        self.worker.start()
        self.changed.emit()

    def _send(self, item: "OutboxItem"):
        api = self._api_provider()
        if api is None:
            from kiosk.api_client.errors import OfflineError

            raise OfflineError()
        return api.session.request(item.method, item.path, json_body=item.body, headers=item.headers,
                                   idempotency_key=item.id)

    def _event(self, kind: str, item: "OutboxItem | None", detail) -> None:
        # Called on the worker thread: Qt queues each emission to the GUI thread.
        if kind == "sent":
            import time

            self.recent_sent = ([(time.time(), item)] + self.recent_sent)[:50]
            self.sent.emit(item.id, item.kind, detail)
        elif kind == "failed":
            self.failed.emit(item.id, item.kind, detail)
        elif kind == "retry":
            self.retrying.emit(item.id, item.kind, detail)
        elif kind == "changed":
            self.changed.emit()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()

    def wake(self) -> None:
        if self.worker is not None:
            self.worker.wake()

    def queue(self, on_queued: Callable[["OutboxItem"], None], on_error: Callable[[BaseException], None] | None = None,
              owner: QObject | None = None, **request) -> None:
        """Commits the request to disk off the GUI thread; ``on_queued(item)`` runs once it is safe."""

        def done(item: "OutboxItem") -> None:
            self.changed.emit()
            self.worker.wake()
            on_queued(item)

        def add() -> "OutboxItem":
            if self.store is None:
                raise OutboxNotReady()
            return self.store.add(**request)

        self.runner.run(add, done, on_error, owner=owner)

    def discard_async(self, item_id: str) -> None:
        """Drops a refused request the screen has already explained (so it cannot block its case)."""
        self.runner.run(lambda: self.store.discard(item_id), lambda _ok: self.changed.emit(), lambda exc: None)

    def counts(self) -> dict[str, int]:
        return self.store.counts() if self.store is not None else {"queued": 0, "sending": 0, "failed": 0}


class OutboxNotReady(Exception):
    """The first instant after start-up: the store is still being opened."""
