"""Building-permit intake on the sandbox: parcels, tariff and quotes, drafts with resume codes, documents,
submission (plan-preparation order + payment slip), counter payments, and the service catalog.

The server never trusts the kiosk: every rule the kiosk shows beside a field is checked here again with
the same domain code.
"""

import datetime as dt
import hashlib
import json
import re
import secrets
import urllib.parse
from decimal import Decimal
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query, Request

from kiosk.contract import (
    API_PREFIX, CONSENT_HEADER, Operator, BankPayment, Bill, ChecklistItem, DeedPlate, DocumentInfo, Draft, DraftSave, FeeQuote,
    Parcel, PaymentIn, PaymentReceipt, PermitApplication, ReceiptCancel, PermitSubmission, ProjectSpec, QuoteLineOut,
    QuoteRequest, ServiceInfo, ServiceRequestIn, ServiceRequestReceipt, TariffBooklet, UploadBinding, ZoneInfo,
    ZoningOut, UPLOADS_PATH,
)
from kiosk.domain.digits import group_thousands
from kiosk.domain.documents import check_document
from kiosk.domain.fees import Booklet, TariffError
from kiosk.domain.forms import due_date, validate_form
from kiosk.domain.identifiers import (
    SERVICE_MUNICIPAL_DUES, check_deed_plate, check_renovation_code, make_bill_id, make_payment_id,
    mask_national_code, parse_bill,
)
from kiosk.domain.jalali import jalali_year
from kiosk.domain.normalize import digits_only, normalize_text, written_length
from kiosk.domain.ownership import check_owners
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.domain.zoning import BuildingRequest, assess
from kiosk.paths import resource
from kiosk.sandbox import tus_rules
from kiosk.sandbox.errors import ApiProblem, problem_detail, validation_failed
from kiosk.sandbox.parcels import Land
from kiosk.sandbox.references import public_number
from kiosk.sandbox.db import iso as _iso, parse_at as _at

COMPANY_CODE = "135"  # illustrative municipality code inside bill IDs

M_PARCEL_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Sandbox", "No parcel has this renovation code or deed plate. Check the numbers on the deed or the last "
               "renovation-fee bill.")
M_PARCEL_QUERY = QT_TRANSLATE_NOOP("Sandbox", "Search by renovation code, or by all three numbers of the deed plate.")
M_PARCEL_BUSY = QT_TRANSLATE_NOOP(
    "Sandbox", "This parcel is already under another permit application (case {case}). Follow that case instead.")
M_NO_TARIFF = QT_TRANSLATE_NOOP(
    "Sandbox", "No tariff booklet is published for this year yet, so fees cannot be computed. Tell the district "
               "office.")
M_DRAFT_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Sandbox", "No unfinished request has this code for this national code, or it has expired.")
M_DRAFT_STALE = QT_TRANSLATE_NOOP(
    "Sandbox", "This request was changed at another counter meanwhile. Reopen it with its resume code.")
M_DRAFT_TOO_BIG = QT_TRANSLATE_NOOP("Sandbox", "The saved request is too large.")
M_ITEM_UNKNOWN = QT_TRANSLATE_NOOP("Sandbox", "This document is not on the checklist of this request.")
M_FILE_TYPE = QT_TRANSLATE_NOOP("Sandbox", "Only PDF, JPEG or PNG files are accepted for this document.")
M_FILE_HASH = QT_TRANSLATE_NOOP("Sandbox", "The file arrived damaged. Send it again.")
M_CHECKLIST = QT_TRANSLATE_NOOP("Sandbox", "Documents still missing: {items}.")
M_UPLOAD_UNKNOWN = QT_TRANSLATE_NOOP("Sandbox", "The uploaded file was not found or has expired. Send it again.")
M_UPLOAD_INCOMPLETE = QT_TRANSLATE_NOOP("Sandbox", "The file has not fully arrived yet. Let the upload finish.")
M_TARIFF_CHANGED = QT_TRANSLATE_NOOP(
    "Sandbox", "The tariff changed (now version {version}); the fees are now {total} rials. Show the citizen "
               "the new quote and submit again.")
M_QUOTE_CHANGED = QT_TRANSLATE_NOOP(
    "Sandbox", "The fees are now {total} rials, not the amount shown. Show the citizen the new quote and "
               "submit again.")
M_BILL_NOT_FOUND = QT_TRANSLATE_NOOP("Sandbox", "No bill has this bill ID.")
M_BILL_INVALID = QT_TRANSLATE_NOOP(
    "Sandbox", "The bill ID or payment ID is not valid. Type them again from the payment slip.")
M_BILL_MISMATCH = QT_TRANSLATE_NOOP("Sandbox", "The payment ID or the amount does not match this bill.")
M_BILL_PAID = QT_TRANSLATE_NOOP("Sandbox", "This bill is already paid (receipt {receipt}). Do not take payment again.")
M_TERMINAL_REF = QT_TRANSLATE_NOOP("Sandbox", "Enter the reference number printed by the card reader.")
M_SERVICE_UNKNOWN = QT_TRANSLATE_NOOP("Sandbox", "This service is not in the catalog.")
M_SERVICE_KIND = QT_TRANSLATE_NOOP("Sandbox", "This service has its own guided steps; it cannot be sent as a form.")
M_CASE_NOT_FOUND = QT_TRANSLATE_NOOP("Sandbox", "No permit case has this number for this citizen.")
M_RECEIPT_NOT_FOUND = QT_TRANSLATE_NOOP("Sandbox", "No receipt has this number. Check it on the citizen's receipt.")
M_UPLOAD_CONCAT = QT_TRANSLATE_NOOP("Sandbox", "Joining uploads is not offered. Send the file as one upload.")
UPLOAD_UID = re.compile(r"[0-9a-f]{32}")
M_RECEIPT_NOT_YOURS = QT_TRANSLATE_NOOP(
    "Sandbox", "Only the clerk who recorded this receipt, or a supervisor of the district, can cancel it.")
M_CANCEL_REASON = QT_TRANSLATE_NOOP("Sandbox", "Write why the receipt is cancelled (at least five characters).")
M_CANCEL_BANK = QT_TRANSLATE_NOOP(
    "Sandbox", "A payment made at a bank cannot be cancelled at the counter; the bank reverses it.")
M_CANCEL_MOVED = QT_TRANSLATE_NOOP(
    "Sandbox", "The case has moved past this payment, so its receipt cannot be cancelled here. Refer the citizen to "
               "the district office.")

MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
RESUME_DIGITS = 8




def _money(amount: int) -> str:
    return group_thousands(amount)


def load_booklet(path: Path | None = None) -> Booklet:
    booklet = Booklet.load(path or resource("tariffs", "isfahan-1405-training.json"))
    if booklet.round_to % 1000:
        raise TariffError("payment IDs carry whole thousands of rials: round_to must be a multiple of 1000")
    return booklet


def register(app: FastAPI, ctx) -> None:  # noqa: C901 - one place that lists the routes
    db, clock, settings, case_clock, sealer = ctx.db, ctx.clock, ctx.settings, ctx.case_clock, ctx.sealer
    OperatorDep, ConsentDep, ConsentWriteDep, audit = ctx.OperatorDep, ctx.ConsentDep, ctx.ConsentWriteDep, ctx.audit
    land = Land.load()
    catalog = {s["id"]: ServiceInfo(**s) for s in
               json.loads(resource("sandbox", "services.json").read_text(encoding="utf-8"))["services"]}
    app.state.tariff = load_booklet()
    files_dir = Path(db.path + ".files") if db.path != ":memory:" else None
    if files_dir is None:
        import tempfile

        files_dir = Path(tempfile.mkdtemp(prefix="sandbox-files-"))
    files_dir.mkdir(parents=True, exist_ok=True)

    # --- helpers ---------------------------------------------------------------------------------------
    def parcel_row(c, code: str):
        return c.execute("SELECT * FROM parcels WHERE renovation_code=?", (code,)).fetchone()

    def active_case(c, code: str) -> str | None:
        row = c.execute("SELECT case_number FROM applications WHERE renovation_code=? AND status='active'",
                        (code,)).fetchone()
        return row[0] if row else None

    def parcel_of(c, row) -> Parcel:
        rules, zone, band = land.rules(dict(row))
        return Parcel(
            renovation_code=row["renovation_code"], deed=DeedPlate(section=row["section"], main=row["main"],
                                                                   sub=row["sub"]),
            district=row["district"], address=row["address"], area_deed=Decimal(str(row["area_deed"])),
            area_survey=Decimal(str(row["area_survey"])), lot_area=rules.lot_area,
            street_width=Decimal(str(row["street_width"])),
            zone=ZoneInfo(code=zone.code, title=zone.title, band=band.band.describe("lot"),
                          density_pct=band.density, occupancy_pct=band.occupancy, max_floors=band.floors,
                          min_street_width=band.min_street, narrow_street_max_floors=rules.narrow_street_max_floors,
                          parking_per_unit=rules.parking_per_unit),
            heritage_site=row["heritage"], heritage_max_floors=rules.heritage_max_floors,
            regional_price=row["price"], renovation_years_unpaid=row["years_unpaid"],
            under_application=active_case(c, row["renovation_code"]) is not None)

    def find_parcel(c, code_text: str):
        code, problem = check_renovation_code(code_text)
        if problem:
            raise validation_failed([problem])
        row = parcel_row(c, code)
        if row is None:
            raise ApiProblem(404, "parcel_not_found", M_PARCEL_NOT_FOUND, field="renovation_code")
        return row

    def price(c, parcel_row_, project: ProjectSpec):
        booklet: Booklet = app.state.tariff
        if booklet.year != jalali_year(clock.now().date()) and not settings.training:
            raise ApiProblem(503, "tariff_missing", M_NO_TARIFF)
        rules, _zone, _band = land.rules(dict(parcel_row_))
        request = BuildingRequest(project.floors, project.floor_area, project.units, project.parking, project.use)
        assessment = assess(rules, request)
        commercial = {"residential": Decimal(0), "commercial": request.total_area,
                      "mixed": min(request.floor_area, request.total_area)}[project.use]
        try:
            quote = booklet.quote({
                "P": parcel_row_["price"], "S": max(request.total_area, Decimal(0)), "S_land": rules.lot_area,
                "S_commercial": commercial, "units": max(project.units, 0), "parking": max(project.parking, 0),
                "parking_shortfall": assessment.parking_shortfall, "years_unpaid": parcel_row_["years_unpaid"],
            })
        except TariffError as exc:
            raise ApiProblem(503, "tariff_missing", M_NO_TARIFF) from exc
        zoning = ZoningOut(
            allowed_total=assessment.allowed_total, max_footprint=assessment.max_footprint,
            max_floors=assessment.max_floors, requested_total=assessment.requested_total,
            parking_required=assessment.parking_required, parking_shortfall=assessment.parking_shortfall,
            fit_floors=assessment.fit_floors, fit_floor_area=assessment.fit_floor_area,
            complies=assessment.complies, problems=[problem_detail(p) for p in assessment.problems])
        quote_id = secrets.token_hex(8)
        body = FeeQuote(quote_id=quote_id, tariff_id=quote.tariff_id, tariff_version=quote.tariff_version,
                        year=quote.year, lines=[QuoteLineOut(**line.__dict__) for line in quote.lines],
                        total=quote.total, due_now=quote.due_at("order"), due_at_permit=quote.due_at("permit"),
                        zoning=zoning, issued_at=clock.now())
        c.execute("INSERT INTO quotes(quote_id, renovation_code, project, tariff_id, tariff_version, total, body,"
                  " created_at) VALUES (?,?,?,?,?,?,?,?)",
                  (quote_id, parcel_row_["renovation_code"], project.model_dump_json(), quote.tariff_id,
                   quote.tariff_version, quote.total, body.model_dump_json(), _iso(clock.now())))
        return body, assessment

    def load_draft(c, draft_id: str, consent: dict):
        row = c.execute("SELECT * FROM drafts WHERE id=?", (draft_id,)).fetchone()
        if row is None or row["national_code"] != consent["national_code"] or _at(row["expires_at"]) <= clock.now():
            raise ApiProblem(404, "draft_not_found", M_DRAFT_NOT_FOUND)
        return row

    def draft_of(row) -> Draft:
        return Draft(draft_id=row["id"], kind=row["kind"], resume_code=row["resume_code"],
                     national_code=row["national_code"], version=row["version"], data=json.loads(row["data"]),
                     created_at=_at(row["created_at"]), updated_at=_at(row["updated_at"]),
                     expires_at=_at(row["expires_at"]), case_number=row["case_number"])

    def check_size(data: dict) -> str:
        text = json.dumps(data, ensure_ascii=False)
        if len(text.encode()) > settings.max_draft_bytes:
            raise ApiProblem(413, "draft_too_big", M_DRAFT_TOO_BIG)
        return text

    def checklist(c, draft_row) -> list[ChecklistItem]:
        data = json.loads(draft_row["data"])
        service = catalog["building_permit"]
        docs = {r["item_id"]: r for r in c.execute("SELECT * FROM documents WHERE draft_id=?", (draft_row["id"],))}
        items = []
        for spec in service.checklist:
            if spec.when == "attorney" and not data.get("attorney"):
                continue
            doc = docs.get(spec.id)
            items.append(ChecklistItem(
                id=spec.id, title=spec.title, help=spec.help, mandatory=spec.mandatory,
                accepted_types=spec.accepted_types, max_bytes=spec.max_bytes,
                document=DocumentInfo(item_id=spec.id, filename=doc["filename"], content_type=doc["content_type"],
                                      size=doc["size"], sha256=doc["sha256"], uploaded_at=_at(doc["uploaded_at"]))
                if doc else None))
        return items

    def public_case(case_number: str) -> str:
        """The case as every paper and its seal name it: the tracking code the citizen quotes."""
        from kiosk.sandbox.references import tracking_code

        return tracking_code(ctx.tracking_secret, case_number)

    def bill_of(row) -> Bill:
        seal = sealer.seal("slip", row["bill_id"], case=public_case(row["case_number"]), date=_at(row["issued_at"]),
                           figures={"payment_id": row["payment_id"], "amount": row["amount"]}) if sealer else None
        return Bill(bill_id=row["bill_id"], payment_id=row["payment_id"], amount=row["amount"], title=row["title"],
                    items=[QuoteLineOut(**i) for i in json.loads(row["items"])], issued_at=_at(row["issued_at"]),
                    paid=row["paid_at"] is not None, paid_at=_at(row["paid_at"]),
                    receipt_number=row["receipt_number"], channel=row["channel"], seal=seal)

    def payer_of(c, case_number: str) -> str:
        app_row = c.execute("SELECT submission FROM applications WHERE case_number=?", (case_number,)).fetchone()
        owners = json.loads(app_row[0]).get("owners") or [] if app_row else []
        return "، ".join(f"{o['first_name']} {o['last_name']}" for o in owners)

    def receipt_of(c, row) -> PaymentReceipt:
        """A receipt from the register (paid, or cancelled with its reason), sealed."""
        paid_at = _at(row["paid_at"])
        seal = sealer.seal("receipt", row["receipt_number"], case=public_case(row["case_number"]), date=paid_at,
                           holder=payer_of(c, row["case_number"]),
                           figures={"amount": row["amount"], "bill_id": row["bill_id"],
                                    "payment_id": row["payment_id"], "channel": row["channel"]}) if sealer else None
        return PaymentReceipt(receipt_number=row["receipt_number"], bill_id=row["bill_id"],
                              payment_id=row["payment_id"], amount=row["amount"], paid_at=paid_at,
                              channel=row["channel"], terminal_ref=row["terminal_ref"], title=row["title"],
                              case_number=row["case_number"], tracking_code=public_case(row["case_number"]),
                              payer=payer_of(c, row["case_number"]), seal=seal,
                              cancelled_at=_at(row["cancelled_at"]), cancel_reason=row["cancel_reason"])

    def application_of(c, row) -> PermitApplication:
        bill = c.execute("SELECT * FROM bills WHERE case_number=? ORDER BY issued_at LIMIT 1",
                         (row["case_number"],)).fetchone()
        from kiosk.sandbox.references import tracking_code

        return PermitApplication(case_number=row["case_number"],
                                 tracking_code=tracking_code(ctx.tracking_secret, row["case_number"]),
                                 order_number=row["order_number"],
                                 order_issued_at=_at(row["order_issued_at"]), renovation_code=row["renovation_code"],
                                 national_code=row["national_code"], quote=FeeQuote.model_validate_json(row["quote"]),
                                 bill=bill_of(bill))

    # --- parcels, tariff, quotes -----------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/parcels", response_model=Parcel, tags=["permit"])
    def get_parcel(
        operator: OperatorDep,
        renovation_code: Annotated[str | None, Query(max_length=40)] = None,
        section: Annotated[str | None, Query(max_length=8)] = None,
        main: Annotated[str | None, Query(max_length=8)] = None,
        sub: Annotated[str | None, Query(max_length=8)] = None,
    ) -> Parcel:
        with db.tx() as c:
            if renovation_code:
                return parcel_of(c, find_parcel(c, renovation_code))
            if section is None and main is None and sub is None:
                raise ApiProblem(422, "parcel_query", M_PARCEL_QUERY, field="renovation_code")
            plate, problems = check_deed_plate(section or "", main or "", sub or "")
            if problems:
                raise validation_failed(problems)
            row = c.execute("SELECT * FROM parcels WHERE section=? AND main=? AND sub=?", plate).fetchone()
            if row is None:
                raise ApiProblem(404, "parcel_not_found", M_PARCEL_NOT_FOUND, field="deed_main")
            return parcel_of(c, row)

    @app.get(f"{API_PREFIX}/tariffs/current", response_model=TariffBooklet, tags=["permit"])
    def current_tariff(operator: OperatorDep) -> TariffBooklet:
        booklet: Booklet = app.state.tariff
        path = getattr(app.state, "tariff_path", None) or resource("tariffs", "isfahan-1405-training.json")
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        data["version"] = booklet.version
        return TariffBooklet(**data)

    @app.post(f"{API_PREFIX}/quotes", response_model=FeeQuote, status_code=201, tags=["permit"])
    def make_quote(body: QuoteRequest, operator: OperatorDep) -> FeeQuote:
        with db.tx() as c:
            quote, _assessment = price(c, find_parcel(c, body.renovation_code), body.project)
        return quote

    # --- drafts -------------------------------------------------------------------------------------
    @app.post(f"{API_PREFIX}/drafts", response_model=Draft, status_code=201, tags=["drafts"])
    def create_draft(body: DraftSave, consent: ConsentDep, operator: OperatorDep) -> Draft:
        text = check_size(body.data)
        now = clock.now()
        with db.tx() as c:
            while True:
                code = "".join(secrets.choice("0123456789") for _ in range(RESUME_DIGITS))
                if not c.execute("SELECT 1 FROM drafts WHERE resume_code=?", (code,)).fetchone():
                    break
            draft_id = secrets.token_urlsafe(12)
            c.execute("INSERT INTO drafts(id, kind, resume_code, national_code, data, version, created_at, updated_at,"
                      " expires_at, operator) VALUES (?,?,?,?,?,?,?,?,?,?)",
                      (draft_id, "building_permit", code, consent["national_code"], text, 1, _iso(now), _iso(now),
                       _iso(now + settings.draft_ttl), operator.username))
            audit(c, operator.username, "draft_created", mask_national_code(consent["national_code"]))
            return draft_of(c.execute("SELECT * FROM drafts WHERE id=?", (draft_id,)).fetchone())

    @app.put(f"{API_PREFIX}/drafts/{{draft_id}}", response_model=Draft, tags=["drafts"])
    def save_draft(draft_id: str, body: DraftSave, consent: ConsentDep, operator: OperatorDep) -> Draft:
        text = check_size(body.data)
        now = clock.now()
        with db.tx() as c:
            row = load_draft(c, draft_id, consent)
            if row["version"] != body.version:
                raise ApiProblem(409, "draft_stale", M_DRAFT_STALE)
            c.execute("UPDATE drafts SET data=?, version=version+1, updated_at=?, expires_at=? WHERE id=?",
                      (text, _iso(now), _iso(now + settings.draft_ttl), draft_id))
            return draft_of(c.execute("SELECT * FROM drafts WHERE id=?", (draft_id,)).fetchone())

    @app.get(f"{API_PREFIX}/drafts/by-code/{{resume_code}}", response_model=Draft, tags=["drafts"])
    def resume_draft(resume_code: str, consent: ConsentDep) -> Draft:
        with db.tx() as c:
            row = c.execute("SELECT * FROM drafts WHERE resume_code=?", (digits_only(resume_code),)).fetchone()
            if row is None:
                raise ApiProblem(404, "draft_not_found", M_DRAFT_NOT_FOUND, field="resume_code")
            return draft_of(load_draft(c, row["id"], consent))

    @app.get(f"{API_PREFIX}/drafts/{{draft_id}}/checklist", response_model=list[ChecklistItem], tags=["drafts"])
    def get_checklist(draft_id: str, consent: ConsentDep) -> list[ChecklistItem]:
        with db.tx() as c:
            return checklist(c, load_draft(c, draft_id, consent))

    @app.put(f"{API_PREFIX}/drafts/{{draft_id}}/documents/{{item_id}}", response_model=DocumentInfo,
             tags=["drafts"], openapi_extra={"requestBody": {"content": {
                 t: {"schema": {"type": "string", "format": "binary"}} for t in MAGIC}}})
    async def upload_document(
        draft_id: str, item_id: str, request: Request, consent: ConsentDep, operator: OperatorDep,
        content_type: Annotated[str, Header()] = "application/octet-stream",
        x_filename: Annotated[str, Header(description="URL-encoded UTF-8 file name")] = "document",
        x_content_sha256: Annotated[str, Header(description="Hex SHA-256 of the body")] = "",
    ) -> DocumentInfo:
        body = await request.body()
        import anyio

        return await anyio.to_thread.run_sync(
            store_document, draft_id, item_id, body, content_type.split(";")[0].strip().lower(),
            urllib.parse.unquote(x_filename)[:200], x_content_sha256.lower(), consent, operator)

    def store_document(draft_id, item_id, body, content_type, filename, sha, consent, operator) -> DocumentInfo:
        now = clock.now()
        with db.tx() as c:
            row = load_draft(c, draft_id, consent)
            item = next((i for i in checklist(c, row) if i.id == item_id), None)
            if item is None:
                raise ApiProblem(404, "checklist_item_unknown", M_ITEM_UNKNOWN)
            mime, problem = check_document(body, item.accepted_types, item.max_bytes)
            if problem is not None:
                raise validation_failed([problem.at(item_id)])
            if mime != content_type:
                raise ApiProblem(415, "file_type", M_FILE_TYPE, field=item_id)
            digest = hashlib.sha256(body).hexdigest()
            if sha and sha != digest:
                raise ApiProblem(422, "file_hash", M_FILE_HASH, field=item_id)
            path = files_dir / f"{draft_id}-{item_id}-{digest[:16]}"
            path.write_bytes(body)
            c.execute("INSERT INTO documents(draft_id, item_id, filename, content_type, size, sha256, path, uploaded_at)"
                      " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(draft_id, item_id) DO UPDATE SET filename=excluded.filename,"
                      " content_type=excluded.content_type, size=excluded.size, sha256=excluded.sha256,"
                      " path=excluded.path, uploaded_at=excluded.uploaded_at",
                      (draft_id, item_id, filename, content_type, len(body), digest, str(path), _iso(now)))
            audit(c, operator.username, "document_uploaded", f"{draft_id}/{item_id}")
        return DocumentInfo(item_id=item_id, filename=filename, content_type=content_type, size=len(body),
                            sha256=digest, uploaded_at=now)

    # --- resumable uploads (tus) ------------------------------------------------------------------------
    from tuspyserver import create_tus_router

    uploads_dir = files_dir / "uploads"
    uploads_dir.mkdir(parents=True, exist_ok=True)
    with db.tx() as c:  # who created each upload: only that clerk may look at it, add to it, delete or bind it
        c.execute("CREATE TABLE IF NOT EXISTS upload_owners (uid TEXT PRIMARY KEY, operator TEXT NOT NULL,"
                  " created_at TEXT NOT NULL)")

    def owns_upload(uid: str, operator: Operator) -> bool:
        if not UPLOAD_UID.fullmatch(uid):
            return False
        with db.tx() as c:
            row = c.execute("SELECT operator FROM upload_owners WHERE uid=?", (uid,)).fetchone()
        return row is not None and row["operator"] == operator.username

    def upload_owner_check(request: Request, operator: OperatorDep) -> None:
        """Every tus request: the upload is the caller's own (anyone else's is "not found"); concatenation,
        which would read other uploads, is not offered."""
        if request.headers.get("upload-concat"):
            raise ApiProblem(400, "upload_concat", M_UPLOAD_CONCAT)
        uid = request.path_params.get("uuid")
        if uid is not None and not owns_upload(uid, operator):
            raise ApiProblem(404, "upload_unknown", M_UPLOAD_UNKNOWN)
        tus_rules.check_request(request.method, request.headers, uid, uploads_dir)

    def new_upload_uid(request: Request, operator: OperatorDep):
        """tuspyserver asks for the new upload's id: it is chosen here and its creator recorded (inside the
        creation's own transaction when the request has a key). tuspyserver asks on every route; only a
        creation makes an upload."""

        def choose(_metadata: dict) -> dict:
            if request.method != "POST":
                return {}
            uid = secrets.token_hex(16)
            with db.tx() as c:
                c.execute("INSERT INTO upload_owners(uid, operator, created_at) VALUES (?,?,?)",
                          (uid, operator.username, _iso(clock.now())))
            return {"uid": uid}

        return choose

    # Mounted with the operator check as a router dependency: tuspyserver writes a PATCH body before its own
    # auth hook runs, so an unauthenticated PATCH would otherwise append bytes (seen in a probe).
    app.include_router(create_tus_router(prefix=UPLOADS_PATH, files_dir=str(uploads_dir), max_size=tus_rules.MAX_UPLOAD,
                                         days_to_keep=2, tags=["uploads"], file_dep=new_upload_uid),
                       dependencies=[Depends(ctx.current_operator), Depends(upload_owner_check)])

    def completed_upload(body: UploadBinding, field: str, operator: Operator) -> bytes:
        """The bytes of a completed tus upload of this clerk — only if their size and SHA-256 match what the
        kiosk computed (a PATCH past the end can leave a corrupt file behind)."""
        uid = body.upload_url.rstrip("/").rsplit("/", 1)[-1]
        if not owns_upload(uid, operator):
            raise ApiProblem(404, "upload_unknown", M_UPLOAD_UNKNOWN, field=field)
        path = uploads_dir / uid
        if not path.exists():
            raise ApiProblem(404, "upload_unknown", M_UPLOAD_UNKNOWN, field=field)
        content = path.read_bytes()
        if len(content) < body.size:
            raise ApiProblem(409, "upload_incomplete", M_UPLOAD_INCOMPLETE, field=field)
        if len(content) != body.size or hashlib.sha256(content).hexdigest() != body.sha256.lower():
            raise ApiProblem(422, "file_hash", M_FILE_HASH, field=field)
        return content

    @app.post(f"{API_PREFIX}/drafts/{{draft_id}}/documents/{{item_id}}/from-upload", response_model=DocumentInfo,
              tags=["drafts"])
    def bind_upload(draft_id: str, item_id: str, body: UploadBinding, consent: ConsentWriteDep,
                    operator: OperatorDep) -> DocumentInfo:
        """A completed tus upload becomes the checklist item's document."""
        content = completed_upload(body, item_id, operator)
        return store_document(draft_id, item_id, content, body.content_type, body.filename[:200],
                              body.sha256.lower(), consent, operator)

    # --- submission ---------------------------------------------------------------------------------
    @app.post(f"{API_PREFIX}/drafts/{{draft_id}}/submit", response_model=PermitApplication, status_code=201,
              tags=["permit"])
    def submit(draft_id: str, body: PermitSubmission, consent: ConsentWriteDep,
               operator: OperatorDep) -> PermitApplication:
        now = case_clock.now()
        with db.tx() as c:
            row = load_draft(c, draft_id, consent)
            if row["case_number"]:  # submitted before: the same case, never a second fee
                app_row = c.execute("SELECT * FROM applications WHERE case_number=?", (row["case_number"],)).fetchone()
                return application_of(c, app_row)
            parcel = find_parcel(c, body.renovation_code)
            busy = active_case(c, parcel["renovation_code"])
            if busy:
                raise ApiProblem(409, "parcel_under_application", M_PARCEL_BUSY, field="renovation_code",
                                 params={"case": busy})
            attorney = None if body.attorney is None else body.attorney.model_dump()
            (_owners, _agent), problems = check_owners([o.model_dump() for o in body.owners], attorney,
                                                       consent["national_code"], now.date())
            if problems:
                raise validation_failed(problems)
            quote, assessment = price(c, parcel, body.project)
            if assessment.problems:
                raise validation_failed(assessment.problems)
            missing = [i.title for i in checklist(c, row) if i.mandatory and i.document is None]
            if missing:
                raise ApiProblem(422, "checklist_incomplete", M_CHECKLIST, field="documents",
                                 params={"items": "، ".join(missing)})
            if quote.tariff_version != body.accepted_tariff_version:
                raise ApiProblem(409, "tariff_changed", M_TARIFF_CHANGED,
                                 params={"version": quote.tariff_version, "total": _money(quote.total)})
            if quote.total != body.accepted_total:
                raise ApiProblem(409, "quote_changed", M_QUOTE_CHANGED, params={"total": _money(quote.total)})
            serial = db.next_number(c, "permit_case")
            jyear = jalali_year(now.date())
            district = parcel["district"]
            case_number = f"{jyear}{district:02d}{serial:05d}"
            order_number = f"{jyear}-{serial:06d}"
            c.execute("INSERT INTO applications(case_number, draft_id, national_code, renovation_code, order_number,"
                      " order_issued_at, status, quote, submission, operator) VALUES (?,?,?,?,?,?,?,?,?,?)",
                      (case_number, draft_id, consent["national_code"], parcel["renovation_code"], order_number,
                       _iso(now), "active", quote.model_dump_json(), body.model_dump_json(), operator.username))
            bill_id = make_bill_id(f"{district:02d}{serial:05d}", COMPANY_CODE, SERVICE_MUNICIPAL_DUES)
            due = [line for line in quote.lines if line.stage == "order"]
            amount = sum(line.amount for line in due)
            payment_id = make_payment_id(bill_id, amount, jyear % 10, 1)
            c.execute("INSERT INTO bills(bill_id, payment_id, case_number, amount, title, items, issued_at)"
                      " VALUES (?,?,?,?,?,?,?)",
                      (bill_id, payment_id, case_number, amount, "عوارض و کارمزد مرحلهٔ دستور تهیهٔ نقشه",
                       json.dumps([line.model_dump() for line in due], ensure_ascii=False), _iso(now)))
            c.execute("UPDATE drafts SET case_number=? WHERE id=?", (case_number, draft_id))
            audit(c, operator.username, "plan_order_issued", case_number, order_number)
            app_row = c.execute("SELECT * FROM applications WHERE case_number=?", (case_number,)).fetchone()
            app.state.open_case(c, app_row)  # the case's timeline starts with the order's fees
            return application_of(c, c.execute("SELECT * FROM applications WHERE case_number=?",
                                               (case_number,)).fetchone())

    @app.get(f"{API_PREFIX}/applications/{{case_number}}", response_model=PermitApplication, tags=["permit"])
    def get_application(case_number: str, consent: ConsentDep) -> PermitApplication:
        with db.tx() as c:
            row = c.execute("SELECT * FROM applications WHERE case_number=? AND national_code=?",
                            (digits_only(case_number), consent["national_code"])).fetchone()
            if row is None:
                raise ApiProblem(404, "case_not_found", M_CASE_NOT_FOUND)
            return application_of(c, row)

    # --- payments -----------------------------------------------------------------------------------
    def pay(bill_id: str, payment_id: str, amount: int | None, channel: str, terminal_ref: str | None,
            actor: str) -> PaymentReceipt:
        check = parse_bill(bill_id, payment_id)
        if not check.valid or check.service_type != SERVICE_MUNICIPAL_DUES:
            raise ApiProblem(422, "bill_invalid", M_BILL_INVALID, field="payment_id")
        now = case_clock.now()
        with db.tx() as c:
            row = c.execute("SELECT * FROM bills WHERE bill_id=?", (check.bill_id,)).fetchone()
            if row is None:
                raise ApiProblem(404, "bill_not_found", M_BILL_NOT_FOUND, field="bill_id")
            if row["payment_id"] != check.payment_id or (amount is not None and amount != row["amount"]):
                raise ApiProblem(422, "bill_mismatch", M_BILL_MISMATCH, field="amount")
            if row["paid_at"]:
                raise ApiProblem(409, "bill_paid", M_BILL_PAID, params={"receipt": row["receipt_number"]})
            receipt = public_number(c, "receipts", "receipt_number", str(jalali_year(now.date())))
            c.execute("UPDATE bills SET paid_at=?, receipt_number=?, channel=?, terminal_ref=? WHERE bill_id=?",
                      (_iso(now), receipt, channel, terminal_ref, check.bill_id))
            c.execute("INSERT INTO receipts(receipt_number, bill_id, payment_id, amount, case_number, title, paid_at,"
                      " channel, terminal_ref, operator) VALUES (?,?,?,?,?,?,?,?,?,?)",
                      (receipt, check.bill_id, row["payment_id"], row["amount"], row["case_number"], row["title"],
                       _iso(now), channel, terminal_ref, actor))
            audit(c, actor, "bill_paid", check.bill_id, f"{channel} {receipt}")
            return receipt_of(c, c.execute("SELECT * FROM receipts WHERE receipt_number=?", (receipt,)).fetchone())

    @app.post(f"{API_PREFIX}/payments", response_model=PaymentReceipt, status_code=201, tags=["payments"])
    def counter_payment(body: PaymentIn, operator: OperatorDep) -> PaymentReceipt:
        ref = normalize_text(body.terminal_ref)
        if not ref:
            raise ApiProblem(422, "terminal_ref", M_TERMINAL_REF, field="terminal_ref")
        return pay(body.bill_id, body.payment_id, body.amount, "counter_pos", ref, operator.username)

    @app.get(f"{API_PREFIX}/bills/{{bill_id}}", response_model=Bill, tags=["payments"])
    def get_bill(bill_id: str, operator: OperatorDep) -> Bill:
        with db.tx() as c:
            row = c.execute("SELECT * FROM bills WHERE bill_id=?", (digits_only(bill_id),)).fetchone()
        if row is None:
            raise ApiProblem(404, "bill_not_found", M_BILL_NOT_FOUND, field="bill_id")
        return bill_of(row)

    @app.post(f"{API_PREFIX}/training/bank/pay", response_model=PaymentReceipt, status_code=201, tags=["training"])
    def bank_payment(body: BankPayment, operator: OperatorDep) -> PaymentReceipt:
        """The simulated bank: a citizen paid the slip at a bank or online."""
        if not settings.training:
            from kiosk.sandbox.app import M_TRAINING_ONLY

            raise ApiProblem(404, "training_only", M_TRAINING_ONLY)
        return pay(body.bill_id, body.payment_id, None, "bank", None, "bank")

    # --- the register of receipts ------------------------------------------------------------------
    def recording_district(c, row) -> int | None:
        rec = c.execute("SELECT district FROM operators WHERE username=?", (row["operator"],)).fetchone()
        return rec["district"] if rec else None

    def may_read_receipt(c, row, operator: Operator, consent_id: str | None) -> bool:
        """With the citizen's consent, or as a clerk of the recording clerk's district (or that clerk)."""
        if row["operator"] == operator.username:
            return True
        district = recording_district(c, row)
        if district is not None and operator.district == district:
            return True
        if consent_id:
            try:
                consent = ctx.load_consent(consent_id, dt.timedelta(0), operator)
            except ApiProblem:
                return False
            case = c.execute("SELECT national_code FROM applications WHERE case_number=?",
                             (row["case_number"],)).fetchone()
            return case is not None and case["national_code"] == consent["national_code"]
        return False

    @app.get(f"{API_PREFIX}/receipts/{{receipt_number}}", response_model=PaymentReceipt, tags=["payments"])
    def get_receipt(receipt_number: str, operator: OperatorDep,
                    consent: Annotated[str | None, Header(alias=CONSENT_HEADER)] = None) -> PaymentReceipt:
        """A receipt by its number (to reprint it), cancelled ones included: with the citizen's consent, or
        for the clerks of the district whose clerk recorded it. For anyone else it does not exist."""
        with db.tx() as c:
            row = c.execute("SELECT * FROM receipts WHERE receipt_number=?", (digits_only(receipt_number),)).fetchone()
            if row is None or not may_read_receipt(c, row, operator, consent):
                raise ApiProblem(404, "receipt_not_found", M_RECEIPT_NOT_FOUND, field="receipt_number")
            return receipt_of(c, row)

    @app.get(f"{API_PREFIX}/receipts", response_model=list[PaymentReceipt], tags=["payments"])
    def citizen_receipts(consent: ConsentDep) -> list[PaymentReceipt]:
        """The register of the citizen's receipts (newest first), with cancelled ones and their reason."""
        with db.tx() as c:
            rows = c.execute("SELECT r.* FROM receipts r JOIN applications a USING(case_number)"
                             " WHERE a.national_code=? ORDER BY r.paid_at DESC, r.rowid DESC", (consent["national_code"],)).fetchall()
            return [receipt_of(c, r) for r in rows]

    @app.post(f"{API_PREFIX}/receipts/{{receipt_number}}/cancel", response_model=PaymentReceipt, tags=["payments"])
    def cancel_receipt(receipt_number: str, body: ReceiptCancel, operator: OperatorDep) -> PaymentReceipt:
        """Cancels a counter receipt recorded by mistake (the card payment was reversed): the bill is open
        again. Refused once the case has moved past that payment."""
        reason = normalize_text(body.reason)
        if written_length(reason) < 5:
            raise ApiProblem(422, "cancel_reason", M_CANCEL_REASON, field="reason")
        now = case_clock.now()
        with db.tx() as c:
            row = c.execute("SELECT * FROM receipts WHERE receipt_number=?", (digits_only(receipt_number),)).fetchone()
            if row is None:
                raise ApiProblem(404, "receipt_not_found", M_RECEIPT_NOT_FOUND, field="receipt_number")
            district = recording_district(c, row)
            supervisor = operator.kind == "supervisor" and (operator.district is None or operator.district == district)
            if row["operator"] != operator.username and not supervisor:
                if not may_read_receipt(c, row, operator, None):  # for anyone else it does not exist
                    raise ApiProblem(404, "receipt_not_found", M_RECEIPT_NOT_FOUND, field="receipt_number")
                raise ApiProblem(403, "receipt_not_yours", M_RECEIPT_NOT_YOURS)
            if row["cancelled_at"]:
                return receipt_of(c, row)
            if row["channel"] != "counter_pos":
                raise ApiProblem(409, "receipt_bank", M_CANCEL_BANK)
            paid_stage = c.execute("SELECT * FROM case_stages WHERE case_number=? AND detail LIKE ? ORDER BY id DESC"
                                   " LIMIT 1", (row["case_number"], f'%"{row["bill_id"]}"%')).fetchone()
            if paid_stage is not None:
                after = c.execute("SELECT * FROM case_stages WHERE case_number=? AND id>?",
                                  (row["case_number"], paid_stage["id"])).fetchall()
                if any(r["state"] != "active" or r["finished_at"] for r in after):
                    raise ApiProblem(409, "receipt_case_moved", M_CANCEL_MOVED)
                # The payment is undone: its stage is open again; a stage it had started is closed as such.
                for r in after:
                    c.execute("UPDATE case_stages SET state='skipped', finished_at=?, answer=? WHERE id=?",
                              (_iso(now), "پرداخت لغو شد", r["id"]))
                c.execute("UPDATE case_stages SET state='active', finished_at=NULL, answer=NULL WHERE id=?",
                          (paid_stage["id"],))
            c.execute("UPDATE receipts SET cancelled_at=?, cancel_reason=?, cancelled_by=? WHERE receipt_number=?",
                      (_iso(now), reason, operator.username, row["receipt_number"]))
            c.execute("UPDATE bills SET paid_at=NULL, receipt_number=NULL, channel=NULL, terminal_ref=NULL"
                      " WHERE bill_id=?", (row["bill_id"],))
            audit(c, operator.username, "receipt_cancelled", row["receipt_number"],
                  reason if row["operator"] == operator.username else f"supervisor for {row['operator']}: {reason}")
            app.state.case_engine.event(c, row["case_number"], now, operator.username, "receipt_cancelled",
                                        paid_stage["stage_id"] if paid_stage is not None else None,
                                        f"رسید {row['receipt_number']} لغو شد: {reason}")
            return receipt_of(c, c.execute("SELECT * FROM receipts WHERE receipt_number=?",
                                           (row["receipt_number"],)).fetchone())

    # --- service catalog ----------------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/services", response_model=list[ServiceInfo], tags=["catalog"])
    def services(operator: OperatorDep) -> list[ServiceInfo]:
        return list(catalog.values())

    @app.post(f"{API_PREFIX}/services/{{service_id}}/requests", response_model=ServiceRequestReceipt,
              status_code=201, tags=["catalog"])
    def request_service(service_id: str, body: ServiceRequestIn, consent: ConsentWriteDep,
                        operator: OperatorDep) -> ServiceRequestReceipt:
        service = catalog.get(service_id)
        if service is None:
            raise ApiProblem(404, "service_unknown", M_SERVICE_UNKNOWN)
        if service.kind != "form":
            raise ApiProblem(422, "service_kind", M_SERVICE_KIND)
        clean, problems = validate_form(service.form, body.values)
        if problems:
            raise validation_failed(problems)
        now = clock.now()
        with db.tx() as c:
            if "renovation_code" in clean:
                find_parcel(c, clean["renovation_code"])
            jyear = jalali_year(now.date())
            tracking = public_number(c, "service_requests", "tracking_number", f"{jyear}9")
            due = due_date(now.date(), service.average_days)
            c.execute("INSERT INTO service_requests(tracking_number, service_id, national_code, form_values,"
                      " submitted_at, due_by, operator) VALUES (?,?,?,?,?,?,?)",
                      (tracking, service_id, consent["national_code"], json.dumps(clean, ensure_ascii=False),
                       _iso(now), due.isoformat(), operator.username))
            audit(c, operator.username, "service_requested", tracking, service_id)
        return ServiceRequestReceipt(tracking_number=tracking, service_id=service_id, title=service.title,
                                     submitted_at=now, due_by=due)

    from types import SimpleNamespace

    ctx.permit = SimpleNamespace(price=price, parcel_row=parcel_row, land=land, bill_of=bill_of, receipt_of=receipt_of,
                                 completed_upload=completed_upload, files_dir=files_dir, COMPANY_CODE=COMPANY_CODE)
