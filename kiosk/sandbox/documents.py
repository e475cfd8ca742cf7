"""The register of sealed documents: what the municipality says of a document now.

A printed document's seal proves who issued it and what it said; only the register knows whether it still
stands. ``GET /documents/state?seal=…`` answers that for any holder of the paper (the seal is the question:
a number alone, which can be counted, opens nothing, and the answer names no person): a receipt cancelled
when its card payment was reversed, a permit or completion certificate replaced by a duplicate or a
corrected one, a payment slip already paid. The training server also plays the municipality's back office
that replaces a document (``POST /training/documents/{number}/replace``).
"""


import json
from typing import Annotated

from fastapi import APIRouter, Query

from kiosk.contract import API_PREFIX, DocumentReplace, DocumentState, IssuedDocument
from kiosk.contract.seal import MAX_SEAL
from kiosk.domain.normalize import normalize_text, written_length
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.sandbox.cases import district_of_number, issued_number
from kiosk.sandbox.db import iso, parse_at
from kiosk.sandbox.errors import ApiProblem
from kiosk.sandbox.strict_json import StrictJsonRoute

SCHEMA = """
CREATE TABLE IF NOT EXISTS replaced_documents (
    number TEXT PRIMARY KEY, kind TEXT NOT NULL, case_number TEXT NOT NULL, replaced_by TEXT NOT NULL,
    replaced_at TEXT NOT NULL, reason TEXT NOT NULL, issued_at TEXT NOT NULL, data TEXT NOT NULL);
"""

M_UNKNOWN = QT_TRANSLATE_NOOP("Sandbox", "The municipality has no record of a document with this seal.")
M_NOT_REPLACEABLE = QT_TRANSLATE_NOOP("Sandbox", "Only an issued permit or completion certificate in force can be "
                                                 "replaced.")
M_REPLACE_REASON = QT_TRANSLATE_NOOP("Sandbox", "Write why the document is replaced (at least five characters).")


def router(ctx, app) -> APIRouter:
    db, clock, audit, OperatorDep, sealer = ctx.db, ctx.case_clock, ctx.audit, ctx.OperatorDep, ctx.sealer
    with db.tx() as c:
        for statement in SCHEMA.strip().split(";"):
            if statement.strip():
                c.execute(statement)
    r = APIRouter(prefix=f"{API_PREFIX}", route_class=StrictJsonRoute)

    def state_of(c, fields: dict) -> DocumentState | None:
        kind, number, case = fields["k"], fields["n"], fields["c"]
        # Seals name the case by its tracking code (older ones by the bare number): the register is by number.
        case = case.rpartition("-")[0] or case
        now = clock.now()
        base = {"kind": kind, "number": number, "as_of": now}
        if kind == "receipt":
            row = c.execute("SELECT * FROM receipts WHERE receipt_number=? AND case_number=?", (number, case)).fetchone()
            if row is None:
                return None
            if row["cancelled_at"]:
                return DocumentState(**base, state="cancelled", changed_at=parse_at(row["cancelled_at"]),
                                     reason=row["cancel_reason"])
            return DocumentState(**base, state="valid")
        if kind == "slip":
            row = c.execute("SELECT * FROM bills WHERE bill_id=? AND case_number=?", (number, case)).fetchone()
            if row is None:
                return None
            if row["paid_at"]:
                return DocumentState(**base, state="paid", changed_at=parse_at(row["paid_at"]),
                                     superseded_by=row["receipt_number"])
            return DocumentState(**base, state="valid")
        if kind == "plan_order":
            row = c.execute("SELECT 1 FROM applications WHERE order_number=? AND case_number=?",
                            (number, case)).fetchone()
        elif kind == "delay_report":
            row = c.execute("SELECT 1 FROM delay_reports WHERE report_number=? AND case_number=?",
                            (number, case)).fetchone()
        else:  # permit, certificate
            gone = c.execute("SELECT * FROM replaced_documents WHERE number=? AND kind=? AND case_number=?",
                             (number, kind, case)).fetchone()
            if gone is not None:
                return DocumentState(**base, state="replaced", changed_at=parse_at(gone["replaced_at"]),
                                     reason=gone["reason"], superseded_by=gone["replaced_by"])
            row = c.execute("SELECT 1 FROM issued_documents WHERE number=? AND kind=? AND case_number=?",
                            (number, kind, case)).fetchone()
        return DocumentState(**base, state="valid") if row is not None else None

    @r.get("/documents/state", response_model=DocumentState, tags=["documents"])
    def document_state(seal: Annotated[str, Query(max_length=MAX_SEAL + 8,
                                                  description="The text of the document's QR code")]) -> DocumentState:
        """Whether a sealed document still stands: valid, paid (a slip), cancelled (a receipt) or replaced
        (a permit or certificate), with when, why and by what. No sign-in: whoever holds the paper holds its
        seal, and a seal this server did not make is not on record (404)."""
        fields = sealer.read(seal) if sealer is not None else None
        if fields is not None:
            with db.tx() as c:
                state = state_of(c, fields)
            if state is not None:
                return state
        raise ApiProblem(404, "document_unknown", M_UNKNOWN, field="seal")

    @r.post("/training/documents/{number}/replace", response_model=IssuedDocument, status_code=201,
            tags=["training"])
    def replace_document(number: str, body: DocumentReplace, operator: OperatorDep) -> IssuedDocument:
        """The municipality's back office issues a new permit or certificate in place of one (a duplicate for
        a lost paper, a corrected one): the old number reads "replaced" from now on. Training server only."""
        from kiosk.sandbox.app import M_TRAINING_ONLY

        if not ctx.settings.training:
            raise ApiProblem(404, "training_only", M_TRAINING_ONLY)
        reason = normalize_text(body.reason)
        if written_length(reason) < 5:
            raise ApiProblem(422, "replace_reason", M_REPLACE_REASON, field="reason")
        now = clock.now()
        with db.tx() as c:
            row = c.execute("SELECT * FROM issued_documents WHERE number=?", (number,)).fetchone()
            if row is None or row["kind"] not in ("permit", "certificate"):
                raise ApiProblem(409, "document_not_replaceable", M_NOT_REPLACEABLE)
            new = issued_number(c, row["kind"], now, district_of_number(row["kind"], number))
            c.execute("INSERT INTO replaced_documents(number, kind, case_number, replaced_by, replaced_at, reason,"
                      " issued_at, data) VALUES (?,?,?,?,?,?,?,?)",
                      (number, row["kind"], row["case_number"], new, iso(now), reason, row["issued_at"], row["data"]))
            data = {**json.loads(row["data"]), "replaces": number}
            c.execute("UPDATE issued_documents SET number=?, issued_at=?, data=? WHERE number=?",
                      (new, iso(now), json.dumps(data, ensure_ascii=False), number))
            audit(c, operator.username, "document_replaced", number, f"{new}: {reason}")
            app.state.case_engine.event(c, row["case_number"], now, operator.username, "document_replaced", None,
                                        f"سند {number} با سند {new} جایگزین شد: {reason}")
        return IssuedDocument(kind=row["kind"], number=new, issued_at=now, data={k: str(v) for k, v in data.items()})

    return r
