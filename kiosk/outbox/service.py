"""The outbox as the screens see it: queue an action (committed off the GUI thread), hear when it is sent,
refused or waiting for reconciliation. The worker thread reports through Qt signals, which arrive on the
GUI thread. Nothing here deletes money: see the rules in :mod:`kiosk.outbox.store`."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Signal

from kiosk.tasks import log_failure

if TYPE_CHECKING:  # cryptography is imported with the store, after the first paint
    from kiosk.api_client.actions import Action
    from kiosk.outbox.storage import Storage
    from kiosk.outbox.store import OutboxItem, OutboxStore
    from kiosk.outbox.worker import OutboxWorker

log = logging.getLogger(__name__)


class OutboxService(QObject):
    """Signals: ``changed()`` (counts or items changed), ``sent(str id, str kind, object answer)``,
    ``refused(str id, str kind, object detail)`` (the server said no; nothing was done),
    ``needs_reconciliation(str id, str kind, object detail)`` (money was taken and the server refused to book
    it: kept for a supervisor), ``retrying(str id, str kind, object detail)``."""

    changed = Signal()
    sent = Signal(str, str, object)
    refused = Signal(str, str, object)
    needs_reconciliation = Signal(str, str, object)
    retrying = Signal(str, str, object)

    def __init__(self, api_provider: Callable[[], object], runner, parent=None,
                 operator: Callable[[], str | None] = lambda: None,
                 token_owner: Callable[[], tuple[str | None, str | None]] | None = None, **worker_options):
        super().__init__(parent)
        self._token_owner = token_owner
        self.store: "OutboxStore | None" = None
        self.storage: "Storage | None" = None
        self.worker: "OutboxWorker | None" = None
        self.runner = runner
        self._api_provider = api_provider
        self._operator = operator
        self._worker_options = worker_options
        # What was sent during this run, for the sync panel: in memory only (acknowledged rows leave the disk).
        self.recent_sent: list[tuple[float, "OutboxItem"]] = []

    @property
    def locked(self) -> bool:
        """Waiting data is under a key this counter no longer has: new requests cannot be queued."""
        return self.storage is not None and self.storage.locked

    def attach(self, store_or_storage) -> None:
        """Opens for business: the store is opened after the first paint (it touches the keyring)."""
        from kiosk.api_client.actions import reconciliation_record
        from kiosk.outbox.storage import Storage
        from kiosk.outbox.worker import OutboxWorker

        if isinstance(store_or_storage, Storage):
            self.storage = store_or_storage
            self.store = store_or_storage.store
        else:
            self.store = store_or_storage
        self.worker = OutboxWorker(self.store, self._send, self._event, operator=self._operator,
                                   follow_up=reconciliation_record, server_now=self._server_now,
                                   **self._worker_options)
        self.worker.start()
        self.changed.emit()

    def _send(self, item: "OutboxItem"):
        api = self._api_provider()
        if api is None:
            from kiosk.api_client.errors import OfflineError

            raise OfflineError()
        if self._token_owner is None:  # no clerks to tell apart (benchmarks, simple tools)
            return api.session.request(item.method, item.path, json_body=item.body, headers=item.headers,
                                       idempotency_key=item.id)
        token, owner = self._token_owner()
        if item.operator and owner != item.operator:
            from kiosk.outbox.worker import HeldForClerk

            # No token, or another clerk's (the sign-in is changing hands): not under her name. The pair was
            # read together, and the token is sent explicitly, so it cannot change between check and send.
            raise HeldForClerk()
        headers = dict(item.headers)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return api.session.request(item.method, item.path, json_body=item.body, headers=headers,
                                   idempotency_key=item.id)

    def _server_now(self) -> float | None:
        api = self._api_provider()
        return api.session.server_now() if api is not None else None

    def server_facts(self, health) -> None:
        """What the server's health says the outbox must respect: how long it remembers keys (with half a
        day's margin, and at least an hour)."""
        days = getattr(health, "idempotency_retention_days", None)
        if self.store is not None and days:
            self.store.max_age = max(3600.0, days * 86400.0 - 43200.0)

    def _event(self, kind: str, item: "OutboxItem | None", detail) -> None:
        # Called on the worker thread: Qt queues each emission to the GUI thread.
        if kind == "sent":
            import time

            self.recent_sent = ([(time.time(), item)] + self.recent_sent)[:50]
            self.sent.emit(item.id, item.kind, detail)
        elif kind == "refused":
            self.refused.emit(item.id, item.kind, detail)
        elif kind == "reconcile":
            self.needs_reconciliation.emit(item.id, item.kind, detail)
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

    def connection_back(self) -> None:
        """The server answers again: what waited on a backoff goes now (off the GUI thread)."""
        if self.worker is not None:
            self.runner.run(self.worker.connection_back, None, log_failure("outbox: bringing retries forward"),
                            across_visits=True)

    def queue(self, action: "Action", key: str, label: str, on_queued: Callable[["OutboxItem"], None],
              on_error: Callable[[BaseException], None] | None = None, owner: QObject | None = None) -> None:
        """Commits ``action`` under ``key`` (from the screen's intent) off the GUI thread; ``on_queued(item)``
        runs once it is safe on disk. The same key queued twice is one request. The request is the counter's
        from then on (it is sent whatever happens to the screen); the screen hears of it only while the visit
        it was queued in lasts."""
        operator = self._operator()
        fields = action.outbox_fields(key, label, operator)
        visit = self.runner.visit_token()

        def done(item: "OutboxItem") -> None:
            self.changed.emit()
            self.worker.wake()
            if self.runner.same_visit(visit):
                on_queued(item)
            else:
                log.info("request %s queued after its visit ended: sent, not shown", item.id)

        def failed(exc: BaseException) -> None:
            if not self.runner.same_visit(visit):
                log.warning("queueing a request failed after its visit ended: %s", type(exc).__name__)
            elif on_error is not None:
                on_error(exc)
            else:
                raise exc

        def add() -> "OutboxItem":
            from kiosk.outbox.keys import QueueLocked

            if self.store is None:
                raise OutboxNotReady()
            try:
                return self.store.add(**fields)
            except QueueLocked as exc:
                raise OutboxLocked() from exc

        self.runner.run(add, done, failed if on_error is not None else None, owner=owner, across_visits=True)

    def dismiss_async(self, item_id: str) -> None:
        """Removes a refused request whose reason the screen has shown (the store refuses money and any
        request that may be on the server)."""
        self.runner.run(lambda: self.store.dismiss(item_id), lambda _ok: self.changed.emit(),
                        log_failure("outbox: dismissing a refused request"), across_visits=True)

    def close_reconciliation(self, item: "OutboxItem", note: str, label: str,
                             on_done: Callable[[bool], None]) -> None:
        """The supervisor's closing (the caller checked the PIN): queued for the server; the row goes when
        the server confirms."""
        from kiosk.api_client.actions import reconciliation_close

        request = reconciliation_close(item, note, label)

        def work() -> bool:
            return self.store.close_reconciliation(item.id, request)

        def done(ok: bool) -> None:
            self.changed.emit()
            self.wake()
            on_done(ok)

        self.runner.run(work, done, log_failure("outbox: closing a reconciliation"), across_visits=True)

    def counts(self) -> dict[str, int]:
        if self.store is None:
            return {"queued": 0, "sending": 0, "refused": 0, "reconcile": 0, "unreadable": 0}
        return self.store.counts()


from kiosk.api_client.errors import ApiError  # noqa: E402 - the two errors below are shown like the server's
from kiosk.domain.problems import QT_TRANSLATE_NOOP  # noqa: E402

NOT_READY = QT_TRANSLATE_NOOP("ApiClient", "The counter's queue is still opening. Try again in a moment.")
LOCKED = QT_TRANSLATE_NOOP(
    "ApiClient", "The counter's queue is locked: requests waiting on this PC were sealed with a key that is missing. "
                 "A supervisor can set them aside in «waiting to be sent»; until then nothing new can be queued.")


class OutboxNotReady(ApiError):
    """The first instant after start-up: the store is still being opened."""

    def __init__(self):
        super().__init__(NOT_READY, translatable=True, code="outbox_not_ready")


class OutboxLocked(ApiError):
    """Nothing can be queued until a supervisor sets unreadable data aside (or the key is restored)."""

    def __init__(self):
        super().__init__(LOCKED, translatable=True, code="outbox_locked")
