"""The outbox: every mutating request that must reach the server, committed to disk before the screen
says "done", sent in order per case, deleted only once the server has acknowledged it.

SQLite in WAL mode with ``synchronous=FULL`` in the platform's data folder. Everything that could
identify a citizen (the request body, its headers, the label shown in the sync panel, the server's
answer) is sealed by the :class:`~kiosk.outbox.keys.KeyRing` (AES-GCM, each blob naming its key); the case
key that orders requests is stored as a keyed hash. Only the state machine's columns are plain.

States of a row:

``queued``     waiting to be sent (``unknown`` = 1 once an attempt may have reached the server: from then
               on only the same key is ever sent, and the row is never deleted without an answer)
``sending``    being sent by the one worker (a restart puts it back to ``queued``)
``refused``    the server refused it with a contract error; final; it holds nothing back and stays
               until the clerk (or the screen that showed the reason) dismisses it
``reconcile``  «نیازمند تطبیق»: a refused request that records money already taken. Never deleted by the
               kiosk; a reconciliation record is queued for the server in the same transaction; only a
               supervisor's action closes it (:meth:`OutboxStore.close_reconciliation`)
``unreadable`` «ناخوانا»: its key is missing or the blob is damaged; kept (readable again if the key
               is restored), shown, never sent, never holding anything back

Rows are deleted in exactly three ways, each a separate method: acknowledged by the server
(:meth:`acknowledge`), dismissed when refused or never attempted and not money (:meth:`dismiss`), or
settled when the server confirmed a supervisor's closing of a reconciliation. Nothing else deletes.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from kiosk import platform
from kiosk.api_client.keys import one_off_key, reference
from kiosk.outbox.keys import KeyRing, QueueLocked, Unreadable, key_id_of_blob

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
SCHEMA = ["""
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,            -- also the request's Idempotency-Key and the citizen's tracking reference
    seq INTEGER NOT NULL,           -- order of creation
    case_tag TEXT NOT NULL,         -- keyed hash of the case: requests of one case are sent strictly in order
    kind TEXT NOT NULL,
    money INTEGER NOT NULL DEFAULT 0,   -- records money already taken: never deleted without the server
    operator TEXT,                  -- the clerk who took the request: it is sent under her authority only
    state TEXT NOT NULL,
    prior_state TEXT,               -- what an unreadable row was before (restored with its key)
    attempts INTEGER NOT NULL DEFAULT 0,
    unknown INTEGER NOT NULL DEFAULT 0, -- an attempt may have reached the server
    next_attempt_at REAL NOT NULL,
    created_at REAL NOT NULL,
    first_attempt_at REAL,          -- the server's time of the first attempt that may have reached it (the key's age)
    picked_at REAL,                 -- the server's time when it was last taken for sending (NULL: not known then)
    settles TEXT,                   -- a supervisor's closing of the reconciliation row with this id
    key_id TEXT NOT NULL,           -- the key that sealed payload and error (also named in each blob)
    payload BLOB NOT NULL,          -- sealed JSON: method, path, headers, body, label
    error BLOB,                     -- sealed JSON: the last error (Persian text, code, status)
    note BLOB                       -- sealed JSON: what reconciliation added (server's number, slip printed)
)""",
          "CREATE INDEX IF NOT EXISTS outbox_due ON outbox(state, next_attempt_at)",
          "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"]
ACTIVE = ("queued", "sending")
# A row the worker may send for the clerk signed in now: queued, hers (or from before rows named their
# clerk), and nothing older of its case still waiting or being sent.
ELIGIBLE = ("o.state='queued' AND (o.operator IS NULL OR o.operator = ?) AND NOT EXISTS ("
            "SELECT 1 FROM outbox p WHERE p.case_tag = o.case_tag AND p.seq < o.seq AND p.state IN ('queued', 'sending'))")
DEFAULT_MAX_AGE = 13 * 86400.0  # the server remembers keys 14 days: never retry blindly after that
CLOCK_JUMP = 3600.0  # no backoff is longer: a row due later than this was scheduled by a clock since set back


@dataclass(frozen=True)
class OutboxItem:
    id: str
    seq: int
    case_tag: str
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
    money: bool = False
    operator: str | None = None
    unknown: bool = False
    note: dict | None = None
    settles: str | None = None

    @property
    def reference(self) -> str:
        """The tracking reference printed for the citizen: the key's digits in groups of four."""
        return reference(self.id)

    @property
    def readable(self) -> bool:
        return self.state != "unreadable"


class OutboxStore:
    def __init__(self, path: Path | str, keys: KeyRing | bytes, clock=time.time, max_age: float = DEFAULT_MAX_AGE):
        self.keys = keys if isinstance(keys, KeyRing) else KeyRing.single(keys)
        self.path = str(path)
        self._clock = clock
        self.max_age = max_age
        self._lock = threading.RLock()
        self._depth = 0
        self._reported: set[str] = set()  # rows whose unreadability was logged (once each)
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
        self._conn.row_factory = sqlite3.Row
        # A damaged cell read back as text that is not UTF-8 must make one row unreadable, not every query fail.
        self._conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a row the screen called "queued" survives a power cut, not only a killed process.
            self._conn.execute("PRAGMA synchronous=FULL")
            self._migrate()
        for suffix in ("", "-wal", "-shm"):
            platform.restrict_file(Path(self.path + suffix))
        self.recheck_unreadable()

    # --- schema -------------------------------------------------------------------------------------
    def _migrate(self) -> None:
        c = self._conn
        version = c.execute("PRAGMA user_version").fetchone()[0]
        columns = {r[1] for r in c.execute("PRAGMA table_info(outbox)")}
        if version >= SCHEMA_VERSION or not columns:
            c.execute("BEGIN IMMEDIATE")
            for statement in SCHEMA:
                c.execute(statement)
            for column in ("first_attempt_at", "picked_at"):
                if columns and column not in columns:
                    c.execute(f"ALTER TABLE outbox ADD COLUMN {column} REAL")
            c.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            c.execute("COMMIT")
            return
        # Version 1 (one key, no key ids, case keys in clear): re-seal every row under the current ring.
        log.info("outbox: upgrading the queue's format")
        c.execute("BEGIN IMMEDIATE")
        try:
            rows = c.execute("SELECT * FROM outbox").fetchall()
            c.execute("DROP INDEX IF EXISTS outbox_due")
            c.execute("ALTER TABLE outbox RENAME TO outbox_v1")
            for statement in SCHEMA:
                c.execute(statement)
            for r in rows:
                state = {"failed": "refused"}.get(r["state"], r["state"])
                try:
                    payload = self.keys.open(r["payload"], r["id"].encode())
                    error = self.keys.open(r["error"], r["id"].encode()) if r["error"] else None
                    sealed = (self.keys.seal(payload, r["id"].encode()),
                              self.keys.seal(error, r["id"].encode()) if error else None)
                    key_id, prior = self.keys.current, None
                except (Unreadable, QueueLocked):
                    sealed, key_id, prior, state = (r["payload"], r["error"]), key_id_of_blob(r["payload"]), state, \
                        "unreadable"
                money = 1 if r["kind"] == "payment" else 0
                c.execute("INSERT INTO outbox(id, seq, case_tag, kind, money, state, prior_state, attempts, unknown,"
                          " next_attempt_at, created_at, key_id, payload, error) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          (r["id"], r["seq"], self.keys.tag(r["case_key"]), r["kind"], money, state, prior,
                           r["attempts"], 1 if r["attempts"] else 0, r["next_attempt_at"], r["created_at"], key_id,
                           sealed[0], sealed[1]))
            c.execute("DROP TABLE outbox_v1")
            c.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    # --- sealing ------------------------------------------------------------------------------------
    def _seal(self, item_id: str, data: dict) -> bytes:
        return self.keys.seal(json.dumps(data, ensure_ascii=False).encode(), item_id.encode())

    def _open(self, item_id: str, blob: bytes | None) -> dict | None:
        if blob is None:
            return None
        return json.loads(self.keys.open(blob, item_id.encode()))

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """A transaction; nested inside another (one method building on another) it is a savepoint."""
        with self._lock:
            nested = self._depth > 0
            self._conn.execute(f"SAVEPOINT s{self._depth}" if nested else "BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self._conn
            except BaseException:
                self._depth -= 1
                if nested:
                    self._conn.execute(f"ROLLBACK TO s{self._depth}")
                    self._conn.execute(f"RELEASE s{self._depth}")
                else:
                    self._conn.execute("ROLLBACK")
                raise
            else:
                self._depth -= 1
                self._conn.execute(f"RELEASE s{self._depth}" if nested else "COMMIT")

    def _item(self, row) -> OutboxItem:
        common = dict(id=row["id"], seq=row["seq"], case_tag=row["case_tag"], kind=row["kind"],
                      attempts=row["attempts"], next_attempt_at=row["next_attempt_at"], created_at=row["created_at"],
                      money=bool(row["money"]), operator=row["operator"], unknown=bool(row["unknown"]),
                      settles=row["settles"])
        if row["state"] == "unreadable":
            return OutboxItem(state="unreadable", method="", path="", headers={}, body=None, label="", error=None,
                              **common)
        payload = self._open(row["id"], row["payload"])
        return OutboxItem(state=row["state"], method=payload["method"], path=payload["path"],
                          headers=payload.get("headers") or {}, body=payload.get("body"),
                          label=payload.get("label", ""), error=self._open(row["id"], row["error"]),
                          note=self._open(row["id"], row["note"]), **common)

    def _mark_unreadable(self, c, row, exc: Unreadable) -> None:
        # By rowid: a damaged id cell no longer names its row.
        c.execute("UPDATE outbox SET prior_state=state, state='unreadable' WHERE rowid=? AND state!='unreadable'",
                  (row["rid"],))
        if row["id"] not in self._reported:
            self._reported.add(row["id"])
            log.error("outbox: request %s… is unreadable (%s) and is kept aside", row["id"][:4], exc.reason)

    def recheck_unreadable(self) -> int:
        """Rows that cannot be opened become ``unreadable``; unreadable rows whose key is back return to
        what they were. Returns how many are unreadable now."""
        with self._tx() as c:
            for row in c.execute("SELECT rowid AS rid, * FROM outbox").fetchall():
                try:
                    self._open(row["id"], row["payload"])
                    self._open(row["id"], row["error"])
                    self._open(row["id"], row["note"])
                except (Unreadable, ValueError) as exc:
                    if not isinstance(exc, Unreadable):
                        exc = Unreadable(key_id_of_blob(row["payload"]) if isinstance(row["payload"], bytes)
                                         else "?", "damaged")
                    self._mark_unreadable(c, row, exc)
                else:
                    if row["state"] == "unreadable":
                        c.execute("UPDATE outbox SET state=COALESCE(prior_state, 'queued'), prior_state=NULL"
                                  " WHERE rowid=?", (row["rid"],))
                        log.info("outbox: request %s… is readable again", row["id"][:4])
            return c.execute("SELECT COUNT(*) FROM outbox WHERE state='unreadable'").fetchone()[0]

    # --- writing --------------------------------------------------------------------------------------
    def add(self, *, kind: str, case_key: str, method: str, path: str, body=None, headers: dict | None = None,
            label: str = "", item_id: str | None = None, operator: str | None = None, money: bool = False,
            settles: str | None = None) -> OutboxItem:
        """Commits the request; when this returns, it will be sent even if the process dies now.

        Adding a key that is already queued returns that row unchanged (a second click, a retried queueing:
        one request). Raises :class:`QueueLocked` while data under a missing key waits for a supervisor.
        """
        item_id = item_id or one_off_key()
        now = self._clock()
        payload = {"method": method.upper(), "path": path, "headers": headers or {}, "body": body, "label": label}
        with self._tx() as c:
            existing = c.execute("SELECT * FROM outbox WHERE id=?", (item_id,)).fetchone()
            if existing is not None:
                return self._item(existing)
            sealed = self._seal(item_id, payload)
            c.execute("INSERT INTO counters(name, value) VALUES ('seq', 1) "
                      "ON CONFLICT(name) DO UPDATE SET value = value + 1")
            seq = c.execute("SELECT value FROM counters WHERE name='seq'").fetchone()[0]
            c.execute("INSERT INTO outbox(id, seq, case_tag, kind, money, operator, state, next_attempt_at, created_at,"
                      " settles, key_id, payload) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                      (item_id, seq, self.keys.tag(case_key), kind, int(money), operator, "queued", now, now,
                       settles, self.keys.current, sealed))
            return self._item(c.execute("SELECT * FROM outbox WHERE id=?", (item_id,)).fetchone())

    def reset_sending(self) -> int:
        """At start-up: a row left in "sending" by a killed process is queued again — and marked as maybe
        on the server: the attempt may have arrived (the key makes the repeat harmless). Its key's age counts
        from that attempt."""
        with self._tx() as c:
            return c.execute("UPDATE outbox SET state='queued', unknown=1,"
                             " first_attempt_at=COALESCE(first_attempt_at, picked_at, ?) WHERE state='sending'",
                             (self._clock(),)).rowcount

    def next_due(self, operator: str | None = None, server_now: float | None = None,
                 follow_up=None) -> OutboxItem | None:
        """The oldest due request of ``operator`` (the clerk signed in now) whose case has nothing older
        waiting or being sent. Rows of other clerks wait for them (and hold back their own cases).

        A row that may be on the server (``unknown``) and was first sent longer ago than the server remembers
        keys (``max_age``, counted in the server's time ``server_now``) is not sent blindly: it is set aside
        for a person (money as «نیازمند تطبیق», with ``follow_up(item, error)``'s record queued). A row that
        never left is sent whatever its age: the server has never seen its key."""
        now = self._clock()
        skipped: list[int] = []
        # Without the server's time, a row that may be on the server cannot be judged: it waits (a never-sent
        # row may go; its answer will tell the time).
        judge = "" if server_now is not None else " AND NOT (o.unknown=1 AND o.first_attempt_at IS NOT NULL)"
        with self._tx() as c:
            while True:
                # A row due further ahead than any backoff lasts means the PC's clock was set back: it is due.
                not_skipped = f" AND o.rowid NOT IN ({','.join('?' * len(skipped))})" if skipped else ""
                row = c.execute(f"SELECT rowid AS rid, * FROM outbox o WHERE {ELIGIBLE}{judge}{not_skipped}"
                                " AND (next_attempt_at <= ? OR next_attempt_at > ?) ORDER BY seq LIMIT 1",
                                (operator or "", *skipped, now, now + CLOCK_JUMP)).fetchone()
                if row is None:
                    return None
                skipped.append(row["rid"])  # each row is looked at once per call, whatever happens to it
                try:
                    item = self._item(row)
                except (Unreadable, ValueError) as exc:  # ValueError: a sealed JSON that does not parse
                    self._mark_unreadable(c, row, exc if isinstance(exc, Unreadable) else Unreadable("?", "damaged"))
                    continue
                first = row["first_attempt_at"]
                if item.unknown and first is not None and server_now is not None and server_now - first > self.max_age:
                    self._too_old(c, row["rid"], item, follow_up)
                    continue
                c.execute("UPDATE outbox SET state='sending', attempts=attempts+1, picked_at=? WHERE rowid=?",
                          (server_now, row["rid"]))
                return self._item(c.execute("SELECT * FROM outbox WHERE rowid=?", (row["rid"],)).fetchone())

    def _too_old(self, c, rowid: int, item: OutboxItem, follow_up=None) -> None:
        from kiosk.api_client.errors import TOO_OLD

        error = {"text": TOO_OLD, "translatable": True, "code": "too_old", "status": None, "params": {},
                 "problems": []}
        state = "reconcile" if item.money else "refused"
        c.execute("UPDATE outbox SET state=?, error=? WHERE rowid=?", (state, self._seal(item.id, error), rowid))
        record = follow_up(item, error) if (state == "reconcile" and follow_up is not None) else None
        if record is not None:
            self.add(**record)
        log.warning("outbox: request %s… may be on the server and is older than the server's memory of keys; "
                    "set aside as %s", item.id[:4], state)

    def next_wakeup(self, operator: str | None = None) -> float | None:
        """When :meth:`next_due` will next have something for ``operator`` (None: only a new row, a
        sign-in or an answer can change that)."""
        with self._lock:
            row = self._conn.execute(f"SELECT MIN(next_attempt_at) FROM outbox o WHERE {ELIGIBLE}",
                                     (operator or "",)).fetchone()
        if row[0] is not None and row[0] > self._clock() + CLOCK_JUMP:
            return self._clock()  # scheduled by a clock since set back: due now
        return row[0]

    def now(self) -> float:
        return self._clock()

    def acknowledge(self, item_id: str, answer=None) -> None:
        """The server confirmed it: the row leaves the disk (and a reconciliation it settles, with it)."""
        with self._tx() as c:
            row = c.execute("SELECT settles FROM outbox WHERE id=?", (item_id,)).fetchone()
            if row is not None and row["settles"]:
                c.execute("DELETE FROM outbox WHERE id=? AND state='reconcile'", (row["settles"],))
            c.execute("DELETE FROM outbox WHERE id=?", (item_id,))

    def retry_later(self, item_id: str, delay: float, error: dict, unknown: bool = True,
                    server_now: float | None = None) -> None:
        """Queued again after ``delay``. ``unknown``: this attempt may have reached the server; the key's age
        then counts from the attempt (the server's time when it was picked, else ``server_now``, else ours)."""
        with self._tx() as c:
            c.execute("UPDATE outbox SET state='queued', next_attempt_at=?, error=?, unknown=MAX(unknown, ?),"
                      " first_attempt_at=CASE WHEN ? THEN COALESCE(first_attempt_at, picked_at, ?)"
                      " ELSE first_attempt_at END WHERE id=?",
                      (self._clock() + delay, self._seal(item_id, error), int(unknown), int(unknown),
                       server_now if server_now is not None else self._clock(), item_id))

    def refuse(self, item_id: str, error: dict, follow_up: dict | None = None) -> str:
        """The server refused it. Money goes to ``reconcile`` and ``follow_up`` (the reconciliation record
        for the server, as keyword arguments of :meth:`add`) is queued in the same transaction; anything
        else becomes ``refused``. Returns the new state."""
        with self._tx() as c:
            row = c.execute("SELECT money FROM outbox WHERE id=?", (item_id,)).fetchone()
            if row is None:
                return "gone"
            state = "reconcile" if row["money"] else "refused"
            c.execute("UPDATE outbox SET state=?, error=? WHERE id=?", (state, self._seal(item_id, error), item_id))
            if state == "reconcile" and follow_up is not None:
                self.add(**follow_up)  # re-entrant: the same lock, inside this transaction
        return state

    def annotate(self, item_id: str, **note) -> None:
        """Adds to a row's sealed note (the server's reconciliation number, that its slip was printed)."""
        with self._tx() as c:
            row = c.execute("SELECT note FROM outbox WHERE id=?", (item_id,)).fetchone()
            if row is None:
                return
            merged = {**(self._open(item_id, row["note"]) or {}), **note}
            c.execute("UPDATE outbox SET note=? WHERE id=?", (self._seal(item_id, merged), item_id))

    def close_reconciliation(self, item_id: str, close_request: dict) -> bool:
        """A supervisor closed it (PIN checked by the caller): the closing is queued for the server and the
        row is deleted when the server confirms. False if the row is not awaiting reconciliation."""
        with self._tx() as c:
            row = c.execute("SELECT state, note FROM outbox WHERE id=?", (item_id,)).fetchone()
            if row is None or row["state"] != "reconcile" or (self._open(item_id, row["note"]) or {}).get("closing"):
                return False
            self.add(**close_request, settles=item_id)
            self.annotate(item_id, closing=True)
        return True

    def retry_now(self, item_id: str) -> None:
        """The clerk's "try again" on a waiting request."""
        with self._tx() as c:
            c.execute("UPDATE outbox SET next_attempt_at=? WHERE id=? AND state='queued'", (self._clock(), item_id))

    def bring_forward(self) -> int:
        """The connection is back: everything waiting on a backoff is due now."""
        with self._tx() as c:
            return c.execute("UPDATE outbox SET next_attempt_at=? WHERE state='queued' AND next_attempt_at>?",
                             (self._clock(), self._clock())).rowcount

    def dismiss(self, item_id: str) -> bool:
        """Removes a row nobody needs any more: a refused request whose reason was shown, or one never sent.
        Never money, never a row that may be on the server without an answer, never one being sent."""
        with self._tx() as c:
            return c.execute(
                "DELETE FROM outbox WHERE id=? AND money=0 AND settles IS NULL AND ("
                " state='refused' OR (state='queued' AND unknown=0 AND attempts=0))", (item_id,)).rowcount == 1

    def rekey(self) -> int:
        """Re-seals every readable row under the current key (after a rotation). Returns how many."""
        done = 0
        with self._tx() as c:
            for row in c.execute("SELECT * FROM outbox WHERE state!='unreadable'").fetchall():
                blobs = [row[name] for name in ("payload", "error", "note")]
                opened = [self.keys.open(b, row["id"].encode()) if b is not None else None for b in blobs]
                sealed = [self.keys.seal(o, row["id"].encode()) if o is not None else None for o in opened]
                c.execute("UPDATE outbox SET payload=?, error=?, note=?, key_id=? WHERE id=?",
                          (*sealed, self.keys.current, row["id"]))
                done += 1
        return done

    # --- reading --------------------------------------------------------------------------------------
    def items(self) -> list[OutboxItem]:
        with self._lock:
            rows = self._conn.execute("SELECT * FROM outbox ORDER BY seq").fetchall()
        out = []
        for r in rows:
            try:
                out.append(self._item(r))
            except (Unreadable, ValueError):
                out.append(self._item({**dict(r), "state": "unreadable"}))
        return out

    def get(self, item_id: str) -> OutboxItem | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM outbox WHERE id=?", (item_id,)).fetchone()
        if row is None:
            return None
        try:
            return self._item(row)
        except (Unreadable, ValueError):
            return self._item({**dict(row), "state": "unreadable"})

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall()
        out = {"queued": 0, "sending": 0, "refused": 0, "reconcile": 0, "unreadable": 0}
        out.update({r[0]: r[1] for r in rows})
        return out

    def key_ids_in_use(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._conn.execute("SELECT DISTINCT key_id FROM outbox")}

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def key_ids_in(path: Path, table: str = "outbox") -> set[str]:
    """The keys the rows of ``table`` in the SQLite file ``path`` were sealed with, read before any key is
    chosen (rows from before key ids: the one unnamed legacy key). Serves the outbox and the upload spool."""
    from kiosk.outbox.keys import LEGACY

    if not path.exists():
        return set()
    conn = sqlite3.connect(str(path))
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")  # a damaged cell must not stop the start
    try:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        if not columns:
            return set()
        if "key_id" not in columns:
            return {LEGACY} if conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() else set()
        return {r[0] or LEGACY for r in conn.execute(f"SELECT DISTINCT key_id FROM {table}")}
    finally:
        conn.close()
