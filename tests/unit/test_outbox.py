"""The outbox's store, keys and worker without Qt or a network: each test is a promise that can break."""

from __future__ import annotations

import base64
import json
import os
import random
import sqlite3
import threading
import time

import pytest
from hypothesis import given, settings, strategies as st

from kiosk.api_client.errors import (
    OfflineError, OutcomeUnknown, RequestTimeout, ServerError, Unauthorized, ValidationFailed,
)
from kiosk.api_client.keys import one_off_key
from kiosk.outbox.keys import LEGACY, KeyRing, KeyVault, QueueLocked, Ring, key_id_of_blob, key_id_of_key
from kiosk.outbox.store import OutboxStore, key_ids_in
from kiosk.outbox.worker import OutboxWorker, classify

KEY = bytes(range(32))


@pytest.fixture
def store(tmp_path, clock):
    s = OutboxStore(tmp_path / "outbox.sqlite3", KEY, clock=clock)
    yield s
    s.close()


def add(store, case="draft-1", body=None, kind="permit_submit", money=False, operator="clerk1", item_id=None):
    return store.add(kind=kind, case_key=case, method="post", path="/api/v1/x", body=body or {"n": 1},
                     headers={"X-Citizen-Consent": "c"}, label="درخواست", money=money, operator=operator,
                     item_id=item_id)


def refusal(code="bill_paid"):
    return {"text": "این قبض پرداخت شده است.", "translatable": False, "code": code, "status": 409, "params": {},
            "problems": []}


# --- at rest ------------------------------------------------------------------------------------------
def test_a_request_is_on_disk_sealed_and_names_its_key(store, tmp_path):
    item = add(store, case="service:0499370899", body={"national_code": "0499370899", "name": "زهرا"})
    assert item.id.isdigit() and len(item.id) == 20 and item.reference.count("-") == 4
    raw = (tmp_path / "outbox.sqlite3").read_bytes() + (tmp_path / "outbox.sqlite3-wal").read_bytes()
    assert b"0499370899" not in raw and "زهرا".encode() not in raw  # body and the case key alike
    row = sqlite3.connect(tmp_path / "outbox.sqlite3").execute("SELECT key_id, payload FROM outbox").fetchone()
    assert row[0] == key_id_of_key(KEY) == key_id_of_blob(row[1])
    reopened = OutboxStore(tmp_path / "outbox.sqlite3", KEY)
    assert reopened.get(item.id).body == {"national_code": "0499370899", "name": "زهرا"}


def test_files_are_for_this_user_only(store, tmp_path):
    add(store)
    for name in ("outbox.sqlite3", "outbox.sqlite3-wal"):
        assert (tmp_path / name).stat().st_mode & 0o077 == 0


@pytest.mark.allow_error_log
def test_a_row_under_a_missing_key_is_unreadable_kept_and_holds_nothing_back(tmp_path, clock, caplog):
    first = OutboxStore(tmp_path / "o.sqlite3", KEY, clock=clock)
    lost = add(first, case="A", operator="clerk1")
    first.close()
    other = bytes(32)
    store = OutboxStore(tmp_path / "o.sqlite3", KeyRing.single(other), clock=clock)
    b = add(store, case="A", operator="clerk1")  # same case: the unreadable one must not block it
    assert store.get(lost.id).state == "unreadable"
    assert store.next_due("clerk1").id == b.id
    assert store.counts()["unreadable"] == 1
    assert not store.dismiss(lost.id)  # never thrown away by the kiosk
    logged = [r for r in caplog.records if "unreadable" in r.getMessage()]
    assert len(logged) == 1  # once, not twenty times a second
    store.close()
    back = OutboxStore(tmp_path / "o.sqlite3", KeyRing(Ring({key_id_of_key(KEY): KEY, key_id_of_key(other): other},
                                                              key_id_of_key(other))), clock=clock)
    assert back.get(lost.id).state == "queued"  # the key came back: so does the request


def test_a_version_1_queue_is_migrated_in_place(tmp_path, clock):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    path = tmp_path / "old.sqlite3"
    c = sqlite3.connect(path)
    c.executescript("""CREATE TABLE outbox (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, case_key TEXT NOT NULL,
        kind TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL NOT NULL,
        created_at REAL NOT NULL, payload BLOB NOT NULL, error BLOB);
        CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
        CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);""")
    nonce = os.urandom(12)
    payload = {"method": "POST", "path": "/api/v1/payments", "headers": {}, "body": {"bill_id": "1"}, "label": "p"}
    blob = nonce + AESGCM(KEY).encrypt(nonce, json.dumps(payload).encode(), b"1234567890123456")
    c.execute("INSERT INTO outbox VALUES (?,?,?,?,?,?,?,?,?,?)",
              ("1234567890123456", 1, "bill:1", "payment", "failed", 2, 0.0, 0.0, blob, None))
    c.commit()
    c.close()
    assert key_ids_in(path) == {LEGACY}
    store = OutboxStore(path, KEY, clock=clock)
    item = store.get("1234567890123456")
    assert item.body == {"bill_id": "1"} and item.money and item.state == "refused" and item.unknown
    assert key_id_of_blob(sqlite3.connect(path).execute("SELECT payload FROM outbox").fetchone()[0]) != LEGACY


# --- order, holds, money -------------------------------------------------------------------------------
def test_one_case_is_sent_in_order_other_cases_interleave(store):
    a1, a2 = add(store, "A"), add(store, "A")
    b1 = add(store, "B")
    first = store.next_due("clerk1")
    assert first.id == a1.id and first.state == "sending" and first.attempts == 1
    assert store.next_due("clerk1").id == b1.id  # A's second waits for A's first
    assert store.next_due("clerk1") is None
    store.acknowledge(a1.id)
    assert store.next_due("clerk1").id == a2.id


def test_adding_the_same_key_twice_is_one_request(store):
    key = one_off_key()
    a = add(store, item_id=key)
    b = add(store, item_id=key, body={"other": True})
    assert a.id == b.id == key and b.body == {"n": 1} and len(store.items()) == 1


def test_a_request_is_sent_only_under_the_clerk_who_took_it(store, clock):
    a = add(store, "A", operator="clerk1")
    a2 = add(store, "A", operator="clerk3")
    b = add(store, "B", operator="clerk3")
    assert store.next_due("clerk3").id == b.id  # clerk1's request waits for clerk1; it holds back case A
    assert store.next_due("clerk3") is None
    assert store.next_wakeup("clerk3") is None  # nothing this clerk can send: no busy waiting
    assert store.next_due(None) is None
    assert store.next_due("clerk1").id == a.id
    store.acknowledge(a.id)
    assert store.next_due("clerk3").id == a2.id


def test_a_refused_request_holds_nothing_back_and_may_be_dismissed(store):
    a1, a2 = add(store, "A"), add(store, "A")
    store.next_due("clerk1")
    assert store.refuse(a1.id, refusal("checklist_incomplete")) == "refused"
    assert store.next_due("clerk1").id == a2.id
    assert store.get(a1.id).error["code"] == "checklist_incomplete"
    assert store.dismiss(a1.id)


def test_a_refused_card_payment_goes_to_reconciliation_with_its_record_in_one_transaction(store):
    pay = add(store, "bill:1", kind="payment", money=True, body={"bill_id": "1", "amount": 5000})
    store.next_due("clerk1")
    record = {"kind": "reconciliation", "case_key": f"reconcile:{pay.id}", "method": "POST",
              "path": "/api/v1/reconciliations", "body": {"reference": pay.id}, "item_id": one_off_key(),
              "operator": "clerk1", "money": True, "label": "x"}
    assert store.refuse(pay.id, refusal(), follow_up=record) == "reconcile"
    assert store.get(pay.id).state == "reconcile"
    assert store.get(record["item_id"]).state == "queued"
    for attempt in (pay.id, record["item_id"]):
        assert not store.dismiss(attempt)  # money: never by the kiosk
    close = {**record, "kind": "reconciliation_close", "item_id": one_off_key(),
             "path": f"/api/v1/reconciliations/{pay.id}/close"}
    assert store.close_reconciliation(pay.id, close)
    assert not store.close_reconciliation(pay.id, close)  # once
    store.acknowledge(record["item_id"])
    assert store.get(pay.id) is not None  # the record arrived; still open until the closing is confirmed
    store.acknowledge(close["item_id"])
    assert store.get(pay.id) is None  # settled on the server: now it may go


def test_nothing_deletes_money_but_the_server_or_a_settled_reconciliation(tmp_path, clock):
    """Any sequence of the kiosk's own actions leaves every money row in place until the server has it."""

    @given(st.lists(st.sampled_from(["dismiss", "refuse", "retry", "reset", "due", "later", "bring"]), max_size=25))
    @settings(max_examples=60, deadline=None)
    def run(actions):
        path = tmp_path / f"p{os.urandom(4).hex()}.sqlite3"
        store = OutboxStore(path, KEY, clock=clock)
        money = add(store, "bill:9", kind="payment", money=True)
        other = add(store, "x", operator="clerk1")
        for action in actions:
            for item in (money, other):
                if action == "dismiss":
                    store.dismiss(item.id)
                elif action == "refuse":
                    store.refuse(item.id, refusal())
                elif action == "retry":
                    store.retry_now(item.id)
                elif action == "later":
                    store.retry_later(item.id, 1, {"code": "offline"}, unknown=True)
            if action == "reset":
                store.reset_sending()
            elif action == "due":
                store.next_due("clerk1")
            elif action == "bring":
                store.bring_forward()
        assert store.get(money.id) is not None
        store.close()

    run()


def test_a_request_that_may_be_on_a_server_that_forgot_its_key_is_set_aside_not_sent_blindly(store, clock):
    from kiosk.api_client.actions import reconciliation_record

    pay = add(store, "bill:1", kind="payment", money=True, body={"bill_id": "7748317800142", "payment_id": "1770160",
                                                               "amount": 1770000, "terminal_ref": "5"})
    other = add(store, "x")
    never = add(store, "y")
    server = clock.now
    for item in (pay, other):  # both went out once, and their answers were lost
        picked = store.next_due("clerk1", server_now=server)
        assert picked.id == item.id
        store.retry_later(picked.id, 100, {"code": "outcome_unknown"}, unknown=True)
    server += 14 * 86400  # in the server's time (a PC clock set back does not change this)
    clock.now -= 2 * 86400
    item = store.next_due("clerk1", server_now=server, follow_up=reconciliation_record)
    assert item.id == never.id  # never left: sent whatever its age, the server has never seen its key
    assert store.get(pay.id).state == "reconcile" and store.get(other.id).state == "refused"
    assert store.get(pay.id).error["code"] == "too_old"
    assert [i.kind for i in store.items() if i.kind == "reconciliation"] == ["reconciliation"]  # its record


@pytest.mark.allow_error_log
def test_the_age_of_a_key_counts_from_a_send_that_may_have_reached_the_server_not_from_queueing(store, clock):
    from kiosk.api_client.actions import reconciliation_record

    pay = add(store, "bill:1", kind="payment", money=True)
    server = clock.now
    for _ in range(3):  # offline for two weeks: every attempt failed before leaving
        item = store.next_due("clerk1", server_now=server)
        store.retry_later(item.id, 0, {"code": "offline"}, unknown=False, server_now=server)
        server += 7 * 86400
        clock.now += 7 * 86400
    item = store.next_due("clerk1", server_now=server)  # the link is back: this attempt's answer is cut
    store.retry_later(item.id, 0, {"code": "outcome_unknown"}, unknown=True, server_now=server)
    server += 60
    clock.now += 60
    again = store.next_due("clerk1", server_now=server, follow_up=reconciliation_record)
    assert again is not None and again.id == pay.id  # a minute old for the server, not three weeks


@pytest.mark.allow_error_log
def test_a_damaged_id_cell_is_set_aside_and_the_queue_goes_on(tmp_path, clock):
    store = OutboxStore(tmp_path / "o.sqlite3", KEY, clock=clock)
    bad, good = add(store, "A"), add(store, "B")
    store.close()
    conn = sqlite3.connect(tmp_path / "o.sqlite3")
    conn.execute("UPDATE outbox SET id=CAST(X'FF3132' AS TEXT) WHERE id=?", (bad.id,))
    conn.commit()
    conn.close()
    store = OutboxStore(tmp_path / "o.sqlite3", KEY, clock=clock)
    assert store.next_due("clerk1").id == good.id  # returns, and with the good row
    assert store.counts()["unreadable"] == 1


def test_a_long_retry_after_is_capped_not_read_as_a_clock_set_back(store):
    worker = OutboxWorker(store, send=lambda item: None, base_delay=1, max_delay=60, rng=random.Random(1))
    assert worker.delay(1, retry_after=7200) == 1800
    from kiosk.outbox.store import CLOCK_JUMP

    assert worker.delay(1, retry_after=10**9) < CLOCK_JUMP


@pytest.mark.allow_error_log
def test_a_cell_damaged_into_text_makes_one_row_unreadable_not_the_queue_fail(tmp_path, clock):
    store = OutboxStore(tmp_path / "o.sqlite3", KEY, clock=clock)
    bad, good = add(store, "A"), add(store, "B")
    store.close()
    conn = sqlite3.connect(tmp_path / "o.sqlite3")
    conn.execute("UPDATE outbox SET payload=CAST(X'FF00FE41' AS TEXT) WHERE id=?", (bad.id,))
    conn.commit()
    conn.close()
    store = OutboxStore(tmp_path / "o.sqlite3", KEY, clock=clock)  # opens: no exception
    assert store.get(bad.id).state == "unreadable" and len(store.items()) == 2
    assert store.next_due("clerk1").id == good.id


def test_an_answer_that_is_not_the_contracts_is_not_an_acknowledgement(store):
    events = []
    worker = worker_for(store, lambda item: {} if item.kind == "payment" else None, events)
    pay = add(store, "bill:1", kind="payment", money=True)
    worker.drain_once()
    assert store.get(pay.id) is not None and store.get(pay.id).unknown  # kept, asked again with the same key
    assert events[0][0] == "retry"


def test_a_row_is_not_sent_with_another_clerks_token(store):
    from kiosk.outbox.worker import HeldForClerk

    def send(item):
        raise HeldForClerk()

    worker = worker_for(store, send)
    item = add(store)
    worker.drain_once()
    row = store.get(item.id)
    assert row.state == "queued" and not row.unknown and worker.paused_for_sign_in


def test_retry_waits_its_delay_and_a_returning_link_brings_it_forward(store, clock):
    a = add(store)
    store.next_due("clerk1")
    store.retry_later(a.id, 30, {"text": "offline"}, unknown=False)
    assert store.next_due("clerk1") is None
    assert store.next_wakeup("clerk1") == clock.now + 30
    store.bring_forward()
    assert store.next_due("clerk1").attempts == 2


def test_rows_left_sending_by_a_killed_process_are_queued_again_as_maybe_on_the_server(store, clock):
    a = add(store)
    store.next_due("clerk1", server_now=clock.now)
    assert store.counts()["sending"] == 1
    assert store.reset_sending() == 1
    assert store.next_due("clerk1") is None  # may be on the server: not judged (nor sent) before its time is known
    item = store.next_due("clerk1", server_now=clock.now + 60)
    assert item.id == a.id and item.unknown
    store.reset_sending()
    assert not store.dismiss(a.id)  # it may be on the server: only its answer removes it


def test_the_database_is_in_wal_mode_fully_synced(store, tmp_path):
    add(store)
    conn = sqlite3.connect(tmp_path / "outbox.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


# --- the worker ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("exc,verdict,unknown", [
    (OfflineError(), "retry", False),
    (OutcomeUnknown(), "retry", True),
    (RequestTimeout(), "retry", True),
    (ServerError("x", translatable=False, status=503), "retry", True),
    (ValidationFailed("x", translatable=False, status=429), "retry", False),
    (ValidationFailed("x", translatable=False, status=409, code="request_in_progress"), "retry", False),
    (ValidationFailed("x", translatable=False, status=409, code="tariff_changed"), "refuse", False),
    (ValidationFailed("x", translatable=False, status=422), "refuse", False),
    (Unauthorized("x", translatable=False, status=401), "wait", False),
    (KeyError("bug"), "retry", True),
])
def test_what_is_retried(exc, verdict, unknown):
    assert classify(exc) == (verdict, unknown)


def test_backoff_is_capped_exponential_with_jitter(store):
    worker = OutboxWorker(store, send=lambda item: None, base_delay=1, max_delay=60, rng=random.Random(1))
    delays = [worker.delay(n) for n in range(1, 12)]
    assert all(0.5 * min(60, 2 ** (n - 1)) <= d <= min(60, 2 ** (n - 1)) for n, d in zip(range(1, 12), delays))
    assert max(delays) <= 60
    assert worker.delay(1, retry_after=20) >= 20


def worker_for(store, send, events=None, operator="clerk1", **kw):
    return OutboxWorker(store, send, (lambda kind, item, detail: events.append((kind, detail))) if events is not None
                        else None, rng=random.Random(0), operator=lambda: operator, **kw)


def test_worker_sends_retries_and_reports(store, clock):
    outcomes = [OutcomeUnknown(), {"case": "1405"}]  # a kind without a contract answer model (any answer)
    events = []

    def send(item):
        out = outcomes.pop(0)
        if isinstance(out, Exception):
            raise out
        return out

    worker = worker_for(store, send, events)
    item = add(store, kind="other")
    assert worker.drain_once()
    assert events[0][0] == "retry" and store.get(item.id).unknown
    clock.now += 5
    assert worker.drain_once()
    assert ("sent", {"case": "1405"}) in events and store.get(item.id) is None


def test_a_refused_card_payment_is_never_discarded_and_its_record_is_queued(store):
    from kiosk.api_client.actions import reconciliation_record

    refusal_exc = ValidationFailed("قبض پرداخت شده است.", translatable=False, status=409, code="bill_paid")

    def send(item):
        if item.kind == "payment":
            raise refusal_exc
        return {**item.body, "number": "140580000001", "state": "open", "opened_at": "2026-12-01T10:00:00+00:00",
                "operator": "clerk1"}  # the server's Reconciliation

    events = []
    worker = worker_for(store, send, events, follow_up=reconciliation_record)
    pay = add(store, "bill:1", kind="payment", money=True,
              body={"bill_id": "7748317800142", "payment_id": "1770160", "amount": 17000, "terminal_ref": "88"})
    worker.drain_once()
    assert events[0][0] == "reconcile" and store.get(pay.id).state == "reconcile"
    worker.drain_once()  # the record for the server
    assert store.get(pay.id).note == {"number": "140580000001"}
    assert [i.kind for i in store.items()] == ["payment"]


def test_worker_refusals_keep_the_servers_words(store):
    exc = ValidationFailed("مدارک ناقص است.", translatable=False, status=422, code="checklist_incomplete")

    def send(item):
        raise exc

    events = []
    worker = worker_for(store, send, events)
    item = add(store)
    worker.drain_once()
    assert events[0][0] == "refused" and events[0][1]["text"] == "مدارک ناقص است."
    assert store.get(item.id).state == "refused"


@pytest.mark.allow_error_log
def test_a_bug_in_the_kiosk_is_logged_once_and_the_row_kept(store, clock, caplog):
    def send(item):
        raise KeyError("bug")

    worker = worker_for(store, send)
    item = add(store)
    with caplog.at_level("ERROR"):
        for _ in range(3):
            worker.drain_once()
            clock.now += 120
    assert store.get(item.id).state == "queued"
    assert len([r for r in caplog.records if r.levelname == "ERROR"]) == 1


def test_worker_waits_for_a_signed_in_operator(store, clock):
    calls = []

    def send(item):
        calls.append(item.id)
        raise Unauthorized("x", translatable=False, status=401)

    worker = worker_for(store, send)
    add(store)
    worker.drain_once()
    clock.now += 3600
    assert not worker.drain_once() and len(calls) == 1  # paused, not hammering the server
    worker.wake()
    assert worker.drain_once() and len(calls) == 2


def test_a_paused_or_signed_out_worker_sleeps(tmp_path):
    store = OutboxStore(tmp_path / "o.sqlite3", KEY)
    add(store)
    for operator in (None, "clerk3"):  # nobody signed in; another clerk than the one who took it
        worker = OutboxWorker(store, lambda item: None, operator=lambda: operator, idle_poll=30)
        worker.start()
        time.sleep(1.0)
        polls = worker.polls
        worker.stop()
        assert polls <= 2, f"the worker polled {polls} times in a second with nothing it may send"
    store.close()


# --- the key vault -------------------------------------------------------------------------------------
def test_keys_found_in_the_file_are_used_even_when_a_keyring_appears(tmp_path, memory_keyring, monkeypatch):
    import kiosk.secrets

    monkeypatch.setattr(kiosk.secrets, "keyring_is_secure", lambda backend=None: False)
    vault = KeyVault(tmp_path / "outbox-keys.json")
    first = vault.open(set())
    assert (tmp_path / "outbox-keys.json").stat().st_mode & 0o077 == 0
    monkeypatch.setattr(kiosk.secrets, "keyring_is_secure", lambda backend=None: True)
    again = KeyVault(tmp_path / "outbox-keys.json").open({first.current})
    assert again.current == first.current  # not a new key beside the old file


@pytest.mark.allow_error_log
def test_no_new_key_while_data_exists_under_a_missing_one(tmp_path, memory_keyring, caplog):
    vault = KeyVault(tmp_path / "outbox-keys.json")
    ring = vault.open(set())
    lost = ring.current
    memory_keyring.store.clear()  # a Windows profile reset took the keyring entry
    locked = KeyVault(tmp_path / "outbox-keys.json").open({lost})
    assert locked.locked and locked.current is None
    with pytest.raises(QueueLocked):
        locked.seal(b"x", b"aad")
    KeyVault(tmp_path / "outbox-keys.json").start_new_key(locked)  # a supervisor's decision
    assert not locked.locked and locked.current != lost


@pytest.mark.allow_error_log
def test_a_zeroed_key_file_is_not_overwritten_while_data_needs_it(tmp_path, monkeypatch, caplog):
    import kiosk.secrets

    monkeypatch.setattr(kiosk.secrets, "keyring_is_secure", lambda backend=None: False)
    path = tmp_path / "outbox-keys.json"
    ring = KeyVault(path).open(set())
    size = path.stat().st_size
    path.write_bytes(b"\0" * size)  # what a power cut can leave of a file that was never fsynced
    reopened = KeyVault(path).open({ring.current})
    assert reopened.locked and path.read_bytes() == b"\0" * size


def test_the_key_file_is_fsynced_and_renamed_into_place(tmp_path, monkeypatch):
    import kiosk.platform
    import kiosk.secrets

    monkeypatch.setattr(kiosk.secrets, "keyring_is_secure", lambda backend=None: False)
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append(("fsync", os.fstat(fd).st_mode)), real_fsync(fd)))
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append(("replace", str(b))), real_replace(a, b)))
    KeyVault(tmp_path / "outbox-keys.json").open(set())
    import stat

    kinds = [(k, stat.S_ISDIR(v) if k == "fsync" else v) for k, v in calls]
    assert kinds == [("fsync", False), ("replace", str(tmp_path / "outbox-keys.json")), ("fsync", True)]


def test_rotation_reseals_everything_and_drops_the_old_key(tmp_path, memory_keyring):
    from kiosk.outbox.storage import open_storage, rotate

    storage = open_storage(tmp_path / "data", tmp_path / "config")
    old = storage.keys.current
    a = add(storage.store, body={"secret": "۰۴۹۹۳۷۰۸۹۹"})
    job = storage.spool.add("d1", "deed", b"%PDF-1.4 x", "d.pdf", "application/pdf", "c")
    new, rows, files = rotate(storage)
    assert new != old and rows == 1 and files == 1
    assert storage.keys.key_ids() == {new}
    ids = {r[0] for r in sqlite3.connect(tmp_path / "data" / "outbox.sqlite3").execute("SELECT key_id FROM outbox")}
    assert ids == {new}
    storage.close()
    again = open_storage(tmp_path / "data", tmp_path / "config")
    assert again.store.get(a.id).body == {"secret": "۰۴۹۹۳۷۰۸۹۹"}
    assert again.spool.content(again.spool.get(job.key)) == b"%PDF-1.4 x"
    again.close()


def test_one_kiosk_per_data_folder(tmp_path):
    import subprocess
    import sys

    from kiosk.platform import AlreadyRunning, InstanceLock

    lock = InstanceLock(tmp_path).acquire()
    with pytest.raises(AlreadyRunning):
        InstanceLock(tmp_path).acquire()
    code = ("import sys; from pathlib import Path; from kiosk.platform import InstanceLock, AlreadyRunning\n"
            "try:\n InstanceLock(Path(sys.argv[1])).acquire()\nexcept AlreadyRunning:\n sys.exit(3)\n")
    assert subprocess.run([sys.executable, "-c", code, str(tmp_path)]).returncode == 3
    lock.release()
    assert subprocess.run([sys.executable, "-c", code, str(tmp_path)]).returncode == 0
    # A killed holder leaves no stale lock behind.
    holder = subprocess.Popen([sys.executable, "-c", code + "import time; time.sleep(60)", str(tmp_path)])
    time.sleep(1.0)
    holder.kill()
    holder.wait()
    assert subprocess.run([sys.executable, "-c", code, str(tmp_path)]).returncode == 0


def test_ring_json_round_trip_and_damage_is_refused():
    key = os.urandom(32)
    ring = Ring({key_id_of_key(key): key}, key_id_of_key(key), os.urandom(32))
    assert Ring.from_json(ring.to_json()) == ring
    data = json.loads(ring.to_json())
    data["keys"][key_id_of_key(key)] = base64.b64encode(os.urandom(32)).decode()
    with pytest.raises(ValueError):
        Ring.from_json(json.dumps(data))


def test_store_is_safe_from_two_threads(store):
    errors = []

    def queue_many(tag):
        try:
            for i in range(30):
                add(store, case=f"{tag}{i % 3}")
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=queue_many, args=(t,)) for t in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(store.items()) == 60


def test_where_an_entry_is_small_the_keyring_holds_only_a_wrapping_key(tmp_path, memory_keyring):
    """Windows Credential Manager keeps at most 2,560 bytes (1,280 characters) per entry: the ring of 60
    rotations is sealed in the file and the keyring holds 44 characters."""
    from kiosk.outbox.keys import WRAP_ACCOUNT

    path = tmp_path / "outbox-keys.json"
    vault = KeyVault(path, wrap=True)
    ring = vault.open(set())
    blob = ring.seal(b"a queued request", b"aad")
    for _ in range(60):
        vault.rotate(ring)
    assert [account for _service, account in memory_keyring.store] == [WRAP_ACCOUNT]
    assert max(len(v) for v in memory_keyring.store.values()) <= 1280
    assert not path.exists() and vault.sealed_path.exists()
    assert vault.sealed_path.stat().st_mode & 0o077 == 0 and b"keys" not in vault.sealed_path.read_bytes()
    again = KeyVault(path, wrap=True).open(ring.key_ids())
    assert again.key_ids() == ring.key_ids() and len(again.key_ids()) == 61 and again.current == ring.current
    assert again.open(blob, b"aad") == b"a queued request"


@pytest.mark.allow_error_log
def test_a_damaged_sealed_ring_locks_the_queue_rather_than_making_a_new_key(tmp_path, memory_keyring):
    path = tmp_path / "outbox-keys.json"
    vault = KeyVault(path, wrap=True)
    ring = vault.open(set())
    sealed = bytearray(vault.sealed_path.read_bytes())
    sealed[-1] ^= 1
    vault.sealed_path.write_bytes(bytes(sealed))
    locked = KeyVault(path, wrap=True).open({ring.current})
    assert locked.locked and bytes(sealed) == vault.sealed_path.read_bytes()


def test_where_entries_are_large_the_ring_itself_is_in_the_keyring(tmp_path, memory_keyring):
    from kiosk.outbox.keys import ACCOUNT

    vault = KeyVault(tmp_path / "outbox-keys.json", wrap=False)
    ring = vault.open(set())
    assert [account for _service, account in memory_keyring.store] == [ACCOUNT]
    assert not vault.sealed_path.exists()
    assert KeyVault(tmp_path / "outbox-keys.json", wrap=False).open({ring.current}).current == ring.current
