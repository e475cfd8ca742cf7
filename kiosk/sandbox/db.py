"""SQLite storage of the sandbox: one shared connection and one lock, WAL, explicit transactions — and,
for a request that carries an idempotency key, one transaction spanning the whole request on a connection
of its own (:class:`RequestTransaction`), so the route's effect and its stored answer commit together."""

from __future__ import annotations

import contextvars
import datetime as dt
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS districts (number INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS operators (
    username TEXT PRIMARY KEY, password_hash BLOB NOT NULL, salt BLOB NOT NULL, full_name TEXT NOT NULL,
    office TEXT NOT NULL, kind TEXT NOT NULL, district INTEGER,
    failed_logins INTEGER NOT NULL DEFAULT 0, locked_until TEXT);
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES operators(username),
    issued_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS otp_challenges (
    id TEXT PRIMARY KEY, national_code TEXT NOT NULL, mobile TEXT NOT NULL, operator TEXT NOT NULL,
    code_hash TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, last_sent_at TEXT NOT NULL,
    resends INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0, locked_until TEXT,
    verified_at TEXT);
CREATE INDEX IF NOT EXISTS otp_by_code ON otp_challenges(national_code, created_at);
CREATE TABLE IF NOT EXISTS consents (
    id_hash TEXT PRIMARY KEY, national_code TEXT NOT NULL, mobile TEXT NOT NULL, operator TEXT NOT NULL,
    granted_at TEXT NOT NULL, valid_until TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS efiles (
    national_code TEXT PRIMARY KEY, file_number TEXT NOT NULL UNIQUE, mobile TEXT NOT NULL,
    first_name TEXT NOT NULL, last_name TEXT NOT NULL, father_name TEXT NOT NULL, birth_date TEXT NOT NULL,
    address TEXT NOT NULL, postal_code TEXT NOT NULL, district INTEGER NOT NULL, email TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS sms_inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT, mobile TEXT NOT NULL, text TEXT NOT NULL, sent_at TEXT NOT NULL);
DROP TABLE IF EXISTS idempotency;
CREATE TABLE IF NOT EXISTS idempotent_requests (
    key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, principal TEXT NOT NULL, consent TEXT NOT NULL,
    status INTEGER NOT NULL, answer BLOB NOT NULL, created_at TEXT NOT NULL, secret_id TEXT NOT NULL DEFAULT '',
    token_tag TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS idempotent_requests_by_age ON idempotent_requests(created_at);
CREATE TABLE IF NOT EXISTS parcels (
    renovation_code TEXT PRIMARY KEY, section INTEGER NOT NULL, main INTEGER NOT NULL, sub INTEGER NOT NULL,
    district INTEGER NOT NULL, zone TEXT NOT NULL, area_deed REAL NOT NULL, area_survey REAL NOT NULL,
    street_width REAL NOT NULL, price INTEGER NOT NULL, years_unpaid INTEGER NOT NULL, address TEXT NOT NULL,
    heritage TEXT, UNIQUE(section, main, sub));
CREATE TABLE IF NOT EXISTS quotes (
    quote_id TEXT PRIMARY KEY, renovation_code TEXT NOT NULL, project TEXT NOT NULL, tariff_id TEXT NOT NULL,
    tariff_version INTEGER NOT NULL, total INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, resume_code TEXT NOT NULL UNIQUE, national_code TEXT NOT NULL,
    data TEXT NOT NULL, version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    expires_at TEXT NOT NULL, operator TEXT NOT NULL, case_number TEXT);
CREATE TABLE IF NOT EXISTS documents (
    draft_id TEXT NOT NULL REFERENCES drafts(id), item_id TEXT NOT NULL, filename TEXT NOT NULL,
    content_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, path TEXT NOT NULL,
    uploaded_at TEXT NOT NULL, PRIMARY KEY (draft_id, item_id));
CREATE TABLE IF NOT EXISTS applications (
    case_number TEXT PRIMARY KEY, draft_id TEXT NOT NULL UNIQUE REFERENCES drafts(id),
    national_code TEXT NOT NULL, renovation_code TEXT NOT NULL REFERENCES parcels(renovation_code),
    order_number TEXT NOT NULL UNIQUE, order_issued_at TEXT NOT NULL, status TEXT NOT NULL,
    quote TEXT NOT NULL, submission TEXT NOT NULL, operator TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS one_active_application_per_parcel
    ON applications(renovation_code) WHERE status = 'active';
CREATE TABLE IF NOT EXISTS bills (
    bill_id TEXT PRIMARY KEY, payment_id TEXT NOT NULL, case_number TEXT NOT NULL, amount INTEGER NOT NULL,
    title TEXT NOT NULL, items TEXT NOT NULL, issued_at TEXT NOT NULL, paid_at TEXT, receipt_number TEXT UNIQUE,
    channel TEXT, terminal_ref TEXT);
CREATE TABLE IF NOT EXISTS service_requests (
    tracking_number TEXT PRIMARY KEY, service_id TEXT NOT NULL, national_code TEXT NOT NULL,
    form_values TEXT NOT NULL, submitted_at TEXT NOT NULL, due_by TEXT NOT NULL, operator TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS case_facts (
    case_number TEXT PRIMARY KEY REFERENCES applications(case_number), workflow_version INTEGER NOT NULL,
    facts TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active', updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS case_stages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, case_number TEXT NOT NULL REFERENCES applications(case_number),
    stage_id TEXT NOT NULL, phase TEXT NOT NULL, attempt INTEGER NOT NULL, state TEXT NOT NULL, holder TEXT NOT NULL,
    started_at TEXT NOT NULL, deadline TEXT NOT NULL, finished_at TEXT, answer TEXT, answered_by TEXT, reason TEXT,
    action TEXT, detail TEXT NOT NULL DEFAULT '{}');
CREATE INDEX IF NOT EXISTS case_stages_by_case ON case_stages(case_number, id);
CREATE TABLE IF NOT EXISTS case_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, case_number TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
    kind TEXT NOT NULL, stage_id TEXT, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS case_events_by_case ON case_events(case_number, id);
CREATE TRIGGER IF NOT EXISTS case_events_append_only_u BEFORE UPDATE ON case_events
    BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS case_events_append_only_d BEFORE DELETE ON case_events
    BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;
CREATE TABLE IF NOT EXISTS case_documents (
    case_number TEXT NOT NULL REFERENCES applications(case_number), round INTEGER NOT NULL, sheet_id TEXT NOT NULL,
    filename TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
    path TEXT NOT NULL, uploaded_at TEXT NOT NULL, PRIMARY KEY (case_number, round, sheet_id));
CREATE TABLE IF NOT EXISTS issued_documents (
    number TEXT PRIMARY KEY, kind TEXT NOT NULL, case_number TEXT NOT NULL REFERENCES applications(case_number),
    issued_at TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (case_number, kind));
CREATE TABLE IF NOT EXISTS delay_reports (
    report_number TEXT PRIMARY KEY, case_number TEXT NOT NULL REFERENCES applications(case_number),
    stage_row INTEGER, stage_id TEXT, kind TEXT NOT NULL, days_overdue INTEGER, text TEXT NOT NULL,
    filed_at TEXT NOT NULL, operator TEXT NOT NULL, answer TEXT, answered_at TEXT);
CREATE TABLE IF NOT EXISTS receipts (
    receipt_number TEXT PRIMARY KEY, bill_id TEXT NOT NULL REFERENCES bills(bill_id), payment_id TEXT NOT NULL,
    amount INTEGER NOT NULL, case_number TEXT NOT NULL, title TEXT NOT NULL, paid_at TEXT NOT NULL,
    channel TEXT NOT NULL, terminal_ref TEXT, operator TEXT NOT NULL, cancelled_at TEXT, cancel_reason TEXT,
    cancelled_by TEXT);
CREATE INDEX IF NOT EXISTS receipts_by_case ON receipts(case_number);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    subject TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '');
CREATE TRIGGER IF NOT EXISTS audit_append_only_u BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_append_only_d BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
"""


_request: contextvars.ContextVar["RequestTransaction | None"] = contextvars.ContextVar(
    "sandbox_request_transaction", default=None)


class Database:
    """All access goes through :meth:`tx`; the training server's load is a handful of counters, so one
    serialised connection is simpler and safer than a pool. Inside a :class:`RequestTransaction` (bound to
    the request's context, which follows the route into its worker threads), :meth:`tx` is a savepoint of
    that transaction instead."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        self._conn = self.connect()
        self._lock = threading.RLock()
        self._depth = 0
        with self._lock:
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a committed transaction survives a killed process (the case the sandbox
            # promises); only an OS crash may lose the last ones.
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.executescript(SCHEMA)
            columns = {r[1] for r in self._conn.execute("PRAGMA table_info(idempotent_requests)")}
            for column in ("secret_id", "token_tag"):  # records from before they named their secret and token
                if column not in columns:
                    self._conn.execute(f"ALTER TABLE idempotent_requests ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")

    def connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    @property
    def can_span_requests(self) -> bool:
        """An in-memory database is private to its one connection (only the contract generator uses it)."""
        return self.path != ":memory:"

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        request = _request.get()
        if request is not None and request.db is self:
            with request.savepoint() as c:
                yield c
            return
        with self._lock:
            # Re-entrant: a helper that opens its own transaction inside another gets a savepoint.
            depth = self._depth
            self._depth += 1
            self._conn.execute(f"SAVEPOINT d{depth}" if depth else "BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if depth:
                    self._conn.execute(f"ROLLBACK TO d{depth}")
                    self._conn.execute(f"RELEASE d{depth}")
                else:
                    self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute(f"RELEASE d{depth}" if depth else "COMMIT")
            finally:
                self._depth -= 1

    @staticmethod
    def next_number(c: sqlite3.Connection, name: str) -> int:
        """A gap-free sequence (case numbers, receipts), inside the caller's transaction."""
        c.execute("INSERT INTO counters(name, value) VALUES (?, 1) "
                  "ON CONFLICT(name) DO UPDATE SET value = value + 1", (name,))
        return c.execute("SELECT value FROM counters WHERE name=?", (name,)).fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class RequestTransaction:
    """One write transaction for a whole request, on a connection of its own.

    Opened by the idempotency middleware before the route runs; every ``db.tx()`` of the route (and of its
    dependencies) becomes a savepoint in it, so a refusal raised inside one still undoes just that block.
    The middleware then commits the route's effect together with the stored answer, or rolls both back
    (a 5xx, a crash, a killed server: nothing happened, and a retry may do it).
    """

    def __init__(self, db: Database):
        if not db.can_span_requests:
            raise ValueError("an in-memory database cannot span a request")
        self.db = db
        self.conn = db.connect()
        self._lock = threading.RLock()
        self._depth = 0
        self.closed = False
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.conn.close()
            raise

    @contextmanager
    def savepoint(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            name = f"sp{self._depth}"
            self._depth += 1
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1

    @contextmanager
    def bound(self) -> Iterator["RequestTransaction"]:
        """While inside, ``db.tx()`` in this context (and threads started from it) uses this transaction."""
        token = _request.set(self)
        try:
            yield self
        finally:
            _request.reset(token)

    def commit(self) -> None:
        with self._lock:
            try:
                self.conn.execute("COMMIT")
            finally:
                self._close()

    def rollback(self) -> None:
        with self._lock:
            if self.closed:
                return
            try:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
            finally:
                self._close()

    def _close(self) -> None:
        self.closed = True
        self.conn.close()


def iso(moment: dt.datetime) -> str:
    """How the sandbox stores a moment (ISO 8601 with its offset)."""
    return moment.isoformat()


def parse_at(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None
