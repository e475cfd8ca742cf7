"""The outbox's store and worker without Qt or a network."""

from __future__ import annotations

import random
import sqlite3

import pytest
from cryptography.exceptions import InvalidTag

from kiosk.api_client.errors import OfflineError, ServerError, Unauthorized, ValidationFailed
from kiosk.outbox.store import OutboxStore, new_key
from kiosk.outbox.worker import OutboxWorker, classify

KEY = bytes(range(32))


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    s = OutboxStore(tmp_path / "outbox.sqlite3", KEY, clock=clock)
    yield s
    s.close()


def add(store, case="draft-1", body=None, kind="permit_submit"):
    return store.add(kind=kind, case_key=case, method="post", path="/api/v1/x", body=body or {"n": 1},
                     headers={"X-Citizen-Consent": "c"}, label="درخواست")


def test_a_request_is_on_disk_and_encrypted(store, tmp_path):
    item = add(store, body={"national_code": "0499370899", "name": "زهرا"})
    assert item.id.isdigit() and len(item.id) == 16 and item.reference.count("-") == 3
    raw = (tmp_path / "outbox.sqlite3").read_bytes() + (tmp_path / "outbox.sqlite3-wal").read_bytes()
    assert b"0499370899" not in raw and "زهرا".encode() not in raw
    reopened = OutboxStore(tmp_path / "outbox.sqlite3", KEY)
    assert reopened.get(item.id).body == {"national_code": "0499370899", "name": "زهرا"}
    wrong = OutboxStore(tmp_path / "outbox.sqlite3", bytes(32))
    with pytest.raises(InvalidTag):
        wrong.get(item.id)


def test_one_case_is_sent_in_order_other_cases_interleave(store):
    a1, a2 = add(store, "A"), add(store, "A")
    b1 = add(store, "B")
    first = store.next_due()
    assert first.id == a1.id and first.state == "sending" and first.attempts == 1
    second = store.next_due()
    assert second.id == b1.id  # A's second waits for A's first
    assert store.next_due() is None
    store.acknowledge(a1.id)
    assert store.next_due().id == a2.id


def test_a_refused_request_holds_back_its_case_until_the_clerk_acts(store):
    a1, a2 = add(store, "A"), add(store, "A")
    store.next_due()
    store.fail(a1.id, {"text": "رد شد", "code": "x"})
    assert store.next_due() is None and store.counts()["failed"] == 1
    assert store.get(a1.id).error["text"] == "رد شد"
    store.retry_now(a1.id)
    assert store.next_due().id == a1.id
    store.fail(a1.id, {"text": "رد شد"})
    assert store.discard(a1.id)
    assert store.next_due().id == a2.id


def test_retry_waits_its_delay(store, clock):
    a = add(store)
    store.next_due()
    store.retry_later(a.id, 30, {"text": "offline"})
    assert store.next_due() is None
    assert store.next_wakeup() == clock.now + 30
    clock.now += 31
    assert store.next_due().attempts == 2


def test_rows_left_sending_by_a_killed_process_are_queued_again(store):
    a = add(store)
    store.next_due()
    assert store.counts()["sending"] == 1
    assert store.reset_sending() == 1
    assert store.next_due().id == a.id


def test_keys_are_unique_digits():
    keys = {new_key() for _ in range(2000)}
    assert len(keys) == 2000 and all(k.isdigit() and len(k) == 16 for k in keys)


@pytest.mark.parametrize("exc,verdict", [
    (OfflineError(), "retry"),
    (ServerError("x", translatable=False, status=503), "retry"),
    (ValidationFailed("x", translatable=False, status=429), "retry"),
    (ValidationFailed("x", translatable=False, status=409, code="request_in_progress"), "retry"),
    (ValidationFailed("x", translatable=False, status=409, code="tariff_changed"), "fail"),
    (ValidationFailed("x", translatable=False, status=422), "fail"),
    (Unauthorized("x", translatable=False, status=401), "wait"),
    (KeyError("bug"), "fail"),
])
def test_what_is_retried(exc, verdict):
    assert classify(exc) == verdict


def test_backoff_is_capped_exponential_with_jitter(store):
    worker = OutboxWorker(store, send=lambda item: None, base_delay=1, max_delay=60, rng=random.Random(1))
    delays = [worker.delay(n) for n in range(1, 12)]
    assert all(0.5 * min(60, 2 ** (n - 1)) <= d <= min(60, 2 ** (n - 1)) for n, d in zip(range(1, 12), delays))
    assert max(delays) <= 60
    assert worker.delay(1, retry_after=20) >= 20


def test_worker_sends_retries_and_reports(store, clock):
    outcomes = [OfflineError(), {"case": "1405"}]
    events = []

    def send(item):
        out = outcomes.pop(0)
        if isinstance(out, Exception):
            raise out
        return out

    worker = OutboxWorker(store, send, lambda kind, item, detail: events.append((kind, detail)),
                          rng=random.Random(0))
    item = add(store)
    assert worker.drain_once()
    assert events[0][0] == "retry" and store.counts()["queued"] == 1
    clock.now += 5
    assert worker.drain_once()
    assert ("sent", {"case": "1405"}) in events and store.get(item.id) is None


def test_worker_marks_refusals_failed_with_the_servers_words(store):
    refusal = ValidationFailed("مدارک ناقص است.", translatable=False, status=422, code="checklist_incomplete")

    def send(item):
        raise refusal

    events = []
    worker = OutboxWorker(store, send, lambda kind, item, detail: events.append((kind, detail)))
    item = add(store)
    worker.drain_once()
    assert events[0][0] == "failed" and events[0][1]["text"] == "مدارک ناقص است."
    assert store.get(item.id).state == "failed"


def test_worker_waits_for_a_signed_in_operator(store, clock):
    calls = []

    def send(item):
        calls.append(item.id)
        raise Unauthorized("x", translatable=False, status=401)

    worker = OutboxWorker(store, send)
    add(store)
    worker.drain_once()
    clock.now += 3600
    assert not worker.drain_once() and len(calls) == 1  # paused, not hammering the server
    worker.wake()
    assert worker.drain_once() and len(calls) == 2


def test_the_database_is_in_wal_mode(store, tmp_path):
    add(store)
    mode = sqlite3.connect(tmp_path / "outbox.sqlite3").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
