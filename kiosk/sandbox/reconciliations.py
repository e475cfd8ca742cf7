"""Reconciliation records: money a counter took on its card reader that the server refused to book.

The kiosk never drops such a record. When the server refuses a card payment (the bill was paid at a bank
meanwhile, the amount no longer matches), the kiosk's outbox sends a record here under the refused
request's own key; a supervisor settles it (refunds the card or books the payment by hand) and the kiosk
sends the closing. Records are append-only in spirit: closing sets the closing fields once, and both steps
are in the audit trail.
"""


import json
import sqlite3

from fastapi import APIRouter

from kiosk.sandbox.strict_json import StrictJsonRoute

from kiosk.contract import API_PREFIX, Operator, Reconciliation, ReconciliationClose, ReconciliationIn
from kiosk.domain.jalali import jalali_year
from kiosk.domain.normalize import normalize_text
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.sandbox.db import Database, iso, parse_at
from kiosk.sandbox.errors import ApiProblem

SCHEMA = """
CREATE TABLE IF NOT EXISTS reconciliations (
    number TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, operator TEXT NOT NULL, state TEXT NOT NULL,
    body TEXT NOT NULL, opened_at TEXT NOT NULL, closed_at TEXT, close_note TEXT, closed_by TEXT);
"""

M_NOT_FOUND = QT_TRANSLATE_NOOP("Sandbox", "No reconciliation record has this reference.")
M_OTHER_COUNTER = QT_TRANSLATE_NOOP(
    "Sandbox", "This reconciliation record belongs to another counter's operator.")
M_DIFFERENT = QT_TRANSLATE_NOOP(
    "Sandbox", "A reconciliation record with this reference already exists with other details.")


def record_of(row) -> Reconciliation:
    body = json.loads(row["body"])
    return Reconciliation(number=row["number"], reference=row["reference"], state=row["state"],
                          opened_at=parse_at(row["opened_at"]), operator=row["operator"],
                          closed_at=parse_at(row["closed_at"]), close_note=row["close_note"],
                          closed_by=row["closed_by"], **body)


def open_record(c: sqlite3.Connection, body: ReconciliationIn, operator: Operator, now, audit) -> Reconciliation:
    """Opens the record once per reference; the same record again is answered with the first."""
    row = c.execute("SELECT * FROM reconciliations WHERE reference=?", (body.reference,)).fetchone()
    details = body.model_dump(mode="json", exclude={"reference"})
    if row is not None:
        if row["operator"] != operator.username:
            raise ApiProblem(403, "reconciliation_foreign", M_OTHER_COUNTER)
        if json.loads(row["body"]) != details:
            raise ApiProblem(409, "reconciliation_differs", M_DIFFERENT)
        return record_of(row)
    number = f"{jalali_year(now.date())}8{Database.next_number(c, 'reconciliation'):07d}"
    c.execute("INSERT INTO reconciliations(number, reference, operator, state, body, opened_at)"
              " VALUES (?,?,?,?,?,?)", (number, body.reference, operator.username, "open",
                                        json.dumps(details, ensure_ascii=False), iso(now)))
    audit(c, operator.username, "reconciliation_opened", number, f"{body.reason_code} {body.amount}")
    return record_of(c.execute("SELECT * FROM reconciliations WHERE number=?", (number,)).fetchone())


def close_record(c: sqlite3.Connection, reference: str, body: ReconciliationClose, operator: Operator, now,
                 audit) -> Reconciliation:
    row = c.execute("SELECT * FROM reconciliations WHERE reference=?", (reference,)).fetchone()
    if row is None:
        raise ApiProblem(404, "reconciliation_not_found", M_NOT_FOUND)
    if row["operator"] != operator.username:
        raise ApiProblem(403, "reconciliation_foreign", M_OTHER_COUNTER)
    if row["state"] == "closed":
        return record_of(row)
    note = normalize_text(body.note)
    c.execute("UPDATE reconciliations SET state='closed', closed_at=?, close_note=?, closed_by=? WHERE number=?",
              (iso(now), note, f"supervisor at {operator.username}'s counter", row["number"]))
    audit(c, operator.username, "reconciliation_closed", row["number"], note)
    return record_of(c.execute("SELECT * FROM reconciliations WHERE number=?", (row["number"],)).fetchone())


def router(ctx) -> APIRouter:
    db, clock, audit, OperatorDep = ctx.db, ctx.clock, ctx.audit, ctx.OperatorDep
    with db.tx() as c:
        for statement in SCHEMA.strip().split(";"):
            if statement.strip():
                c.execute(statement)
    r = APIRouter(prefix=f"{API_PREFIX}/reconciliations", tags=["payments"], route_class=StrictJsonRoute)

    @r.post("", response_model=Reconciliation, status_code=201)
    def open_reconciliation(body: ReconciliationIn, operator: OperatorDep) -> Reconciliation:
        """Money taken at the counter that the server refused to book: kept until a supervisor settles it."""
        with db.tx() as c:
            return open_record(c, body, operator, clock.now(), audit)

    @r.get("/{reference}", response_model=Reconciliation)
    def get_reconciliation(reference: str, operator: OperatorDep) -> Reconciliation:
        with db.tx() as c:
            row = c.execute("SELECT * FROM reconciliations WHERE reference=?", (reference,)).fetchone()
        if row is None:
            raise ApiProblem(404, "reconciliation_not_found", M_NOT_FOUND)
        if row["operator"] != operator.username:
            raise ApiProblem(403, "reconciliation_foreign", M_OTHER_COUNTER)
        return record_of(row)

    @r.post("/{reference}/close", response_model=Reconciliation)
    def close_reconciliation(reference: str, body: ReconciliationClose, operator: OperatorDep) -> Reconciliation:
        """The supervisor settled it at the counter (refund or manual booking), with what was done."""
        with db.tx() as c:
            return close_record(c, reference, body, operator, clock.now(), audit)

    return r
