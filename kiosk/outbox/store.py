"""The outbox: every mutating request that must reach the server, committed to disk before the screen
says "done", sent in order per citizen case, deleted once the server has acknowledged it.

SQLite in WAL mode in the platform's data folder. Everything that could identify a citizen (the request
body, its headers, the label shown in the sync panel, the server's answer) is encrypted with AES-GCM
under a key from the OS keyring; only the state machine's columns are plain.

States: ``queued`` → ``sending`` → (deleted) | ``queued`` again with a later ``next_attempt_at`` |
``failed`` (the server refused it: it waits for the clerk to retry or discard it, and holds back the rest
of its case so nothing is sent out of order).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,            -- also the request's Idempotency-Key
    seq INTEGER NOT NULL,           -- order of creation
    case_key TEXT NOT NULL,         -- requests of one case are sent strictly in order
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    created_at REAL NOT NULL,
    payload BLOB NOT NULL,          -- encrypted JSON: method, path, headers, body, label
    error BLOB                      -- encrypted JSON: the last error (Persian text, code, status)
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox(state, next_attempt_at);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class OutboxItem:
    id: str
    seq: int
    case_key: str
    kind: str
    state: str
    attempts: int
    next_attempt_at: float
    created_at: float
    method: str
    path: str
    headers: dict
    body: object
    label: str
    error: dict | None

    @property
    def reference(self) -> str:
        """The tracking reference printed for the citizen: the key's digits in groups of four."""
        return "-".join(self.id[i:i + 4] for i in range(0, len(self.id), 4))


def new_key() -> str:
    """16 random digits: an idempotency key a citizen can also read aloud as a tracking reference."""
    return "".join(secrets.choice("0123456789") for _ in range(16))


class OutboxStore:
    def __init__(self, path: Path | str, key: bytes, clock=time.time):
        if len(key) != 32:
            raise ValueError("the outbox key is 256 bits")
        self.path = str(path)
        self._aead = AESGCM(key)
        self._clock = clock
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
        self._conn.row_factory = sqlite3.Row
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a row the screen called "queued" survives a power cut, not only a killed process.
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.executescript(SCHEMA)

    # --- encryption ---------------------------------------------------------------------------------
    def _seal(self, item_id: str, data: dict) -> bytes:
        nonce = secrets.token_bytes(12)
        return nonce + self._aead.encrypt(nonce, json.dumps(data, ensure_ascii=False).encode(), item_id.encode())

    def _open(self, item_id: str, blob: bytes | None) -> dict | None:
        if blob is None:
            return None
        return json.loads(self._aead.decrypt(blob[:12], blob[12:], item_id.encode()))

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    def _item(self, row) -> OutboxItem:
        payload = self._open(row["id"], row["payload"])
        return OutboxItem(row["id"], row["seq"], row["case_key"], row["kind"], row["state"], row["attempts"],
                          row["next_attempt_at"], row["created_at"], payload["method"], payload["path"],
                          payload.get("headers") or {}, payload.get("body"), payload.get("label", ""),
                          self._open(row["id"], row["error"]))

    # --- writing --------------------------------------------------------------------------------------
    def add(self, *, kind: str, case_key: str, method: str, path: str, body=None, headers: dict | None = None,
            label: str = "", item_id: str | None = None) -> OutboxItem:
        """Commits the request; when this returns, it will be sent even if the process dies now."""
        item_id = item_id or new_key()
        now = self._clock()
        payload = {"method": method.upper(), "path": path, "headers": headers or {}, "body": body, "label": label}
        with self._tx() as c:
            c.execute("INSERT INTO counters(name, value) VALUES ('seq', 1) "
                      "ON CONFLICT(name) DO UPDATE SET value = value + 1")
            seq = c.execute("SELECT value FROM counters WHERE name='seq'").fetchone()[0]
            c.execute("INSERT INTO outbox(id, seq, case_key, kind, state, next_attempt_at, created_at, payload)"
                      " VALUES (?,?,?,?,?,?,?,?)",
                      (item_id, seq, case_key, kind, "queued", now, now, self._seal(item_id, payload)))
            return self._item(c.execute("SELECT * FROM outbox WHERE id=?", (item_id,)).fetchone())

    def reset_sending(self) -> int:
        """At start-up: a row left in "sending" by a killed process is queued again (the server's
        idempotency key makes the repeat harmless)."""
        with self._tx() as c:
            return c.execute("UPDATE outbox SET state='queued' WHERE state='sending'").rowcount

    def next_due(self) -> OutboxItem | None:
        """The oldest due request whose case has nothing older waiting, sending or failed."""
        now = self._clock()
        with self._tx() as c:
            row = c.execute(
                "SELECT * FROM outbox o WHERE state='queued' AND next_attempt_at <= ? AND NOT EXISTS ("
                " SELECT 1 FROM outbox p WHERE p.case_key = o.case_key AND p.seq < o.seq)"
                " ORDER BY seq LIMIT 1", (now,)).fetchone()
            if row is None:
                return None
            c.execute("UPDATE outbox SET state='sending', attempts=attempts+1 WHERE id=?", (row["id"],))
            return self._item(c.execute("SELECT * FROM outbox WHERE id=?", (row["id"],)).fetchone())

    def next_wakeup(self) -> float | None:
        with self._lock:
            row = self._conn.execute("SELECT MIN(next_attempt_at) FROM outbox WHERE state='queued'").fetchone()
        return row[0]

    def acknowledge(self, item_id: str) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM outbox WHERE id=?", (item_id,))

    def retry_later(self, item_id: str, delay: float, error: dict) -> None:
        with self._tx() as c:
            c.execute("UPDATE outbox SET state='queued', next_attempt_at=?, error=? WHERE id=?",
                      (self._clock() + delay, self._seal(item_id, error), item_id))

    def fail(self, item_id: str, error: dict) -> None:
        with self._tx() as c:
            c.execute("UPDATE outbox SET state='failed', error=? WHERE id=?", (self._seal(item_id, error), item_id))

    def retry_now(self, item_id: str) -> None:
        """The clerk's "try again" on a failed or waiting request."""
        with self._tx() as c:
            c.execute("UPDATE outbox SET state='queued', next_attempt_at=?, attempts=0 WHERE id=? AND state!='sending'",
                      (self._clock(), item_id))

    def discard(self, item_id: str) -> bool:
        """The clerk's confirmed "discard": only a request that is not being sent right now."""
        with self._tx() as c:
            return c.execute("DELETE FROM outbox WHERE id=? AND state!='sending'", (item_id,)).rowcount == 1

    # --- reading --------------------------------------------------------------------------------------
    def items(self) -> list[OutboxItem]:
        with self._lock:
            rows = self._conn.execute("SELECT * FROM outbox ORDER BY seq").fetchall()
        return [self._item(r) for r in rows]

    def get(self, item_id: str) -> OutboxItem | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM outbox WHERE id=?", (item_id,)).fetchone()
        return self._item(row) if row else None

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall()
        out = {"queued": 0, "sending": 0, "failed": 0}
        out.update({r[0]: r[1] for r in rows})
        return out

    def close(self) -> None:
        with self._lock:
            self._conn.close()
