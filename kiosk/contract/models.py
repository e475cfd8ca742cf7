"""Request and response bodies of API v1 (see docs/api/openapi.json, generated from the sandbox)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, field_validator, model_validator

API_PREFIX = "/api/v1"
UPLOADS_PATH = f"{API_PREFIX}/uploads"  # the tus endpoint (creation, PATCH, HEAD)
IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"  # "true" on an answer replayed from the first request with that key
CONSENT_HEADER = "X-Citizen-Consent"

__all__ = [
    "API_PREFIX", "UPLOADS_PATH", "IDEMPOTENCY_HEADER", "REPLAYED_HEADER", "CONSENT_HEADER", "Wire", "WireIn", "ErrorDetail", "ErrorBody", "Health",
    "LoginRequest", "Operator", "LoginResponse", "District", "OtpRequest", "OtpChallenge", "OtpVerify",
    "EFileFields", "EFileUpdate", "EFile", "ConsentGrant", "SmsMessage",
    "Use", "DeedPlate", "ZoneInfo", "Parcel", "ProjectSpec", "QuoteRequest", "QuoteLineOut", "ZoningOut",
    "FeeQuote", "TariffBooklet", "OwnerIn", "AttorneyIn", "DraftSave", "Draft", "DocumentInfo", "UploadBinding", "ChecklistItem",
    "PermitSubmission", "Bill", "PermitApplication", "PaymentIn", "PaymentReceipt", "BankPayment", "Choice",
    "ServiceField", "ChecklistSpec", "ServiceInfo", "ServiceRequestIn", "ServiceRequestReceipt",
    "StageState", "TimetableStage", "DrawingSheet", "Timetable", "CaseStage", "CaseDocument", "IssuedDocument",
    "DelayReport", "CaseEvent", "CaseAction", "CaseView", "CaseSummary", "DrawingsSubmission", "StageResponse",
    "DelayReportIn", "ClockAdvance", "ClockState", "ReceiptCancel", "ReconciliationIn", "Reconciliation",
    "ReconciliationClose", "DocumentState", "DocumentReplace",
]


class Wire(BaseModel):
    """Base of every wire model: unknown fields from a newer server are ignored, not fatal."""

    model_config = ConfigDict(extra="ignore", frozen=True)


def _clean_text(value: Any, depth: int = 0) -> Any:
    """Walks a request's values: no lone surrogate (it cannot be stored or shown) and no NUL in any text."""
    if isinstance(value, str):
        if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
            raise ValueError("text holds a character that is not allowed")
    elif isinstance(value, dict):
        for k, v in value.items():
            _clean_text(k, depth + 1)
            _clean_text(v, depth + 1)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _clean_text(v, depth + 1)
    return value


class WireIn(Wire):
    """Base of every request body: text is checked for characters nothing can store (lone surrogates, NUL)
    before any field rule; integers are strict (``true`` is not ``1``); every field has bounds."""

    @model_validator(mode="before")
    @classmethod
    def _no_unstorable_text(cls, data: Any) -> Any:
        return _clean_text(data)


# Bounded, strict numbers of the requests (a bool is never an int, a huge number never reaches a rule).
Int32 = Annotated[int, Strict(), Field(ge=0, le=2**31 - 1)]
Money = Annotated[int, Strict(), Field(ge=0, le=10**15, description="Rials")]
Floors = Annotated[int, Strict(), Field(ge=0, le=200)]
Count = Annotated[int, Strict(), Field(ge=0, le=10_000)]
# "-0" passes ge=0 and would be echoed and stored as -0: zero is plain zero.
Area = Annotated[Decimal, Field(ge=0, le=10**7, max_digits=12, decimal_places=3, description="m²"),
                 AfterValidator(lambda d: abs(d) if d.is_zero() else d)]
PlateNumber = Annotated[int, Strict(), Field(ge=0, le=10**7)]
DistrictNo = Annotated[int, Strict(), Field(ge=0, le=99)]  # 1–15: the domain says so in Persian
PastDate = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2100, 12, 31))]
Moment = Annotated[dt.datetime, Field(ge=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc),
                                     le=dt.datetime(2100, 12, 31, tzinfo=dt.timezone.utc))]
MAX_DRAFT_DEPTH = 24


def json_depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((json_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((json_depth(v) for v in value), default=0)
    return 0


class ErrorDetail(Wire):
    code: str = Field(description="Stable machine code, e.g. otp_invalid")
    message: str = Field(description="A Persian sentence for the operator, saying what to do")
    field: str | None = Field(None, description="The request field the error belongs to, if any")
    retry_after_seconds: int | None = Field(None, description="When waiting helps (lock-outs, limits)")


class ErrorBody(Wire):
    """Every 4xx/5xx response of the API has this body.

    ``error`` is the first (or only) problem; ``problems`` lists every field problem of a form at once.
    """

    error: ErrorDetail
    problems: list[ErrorDetail] = Field(default_factory=list)


class Health(Wire):
    status: Literal["ok"] = "ok"
    training: bool
    api_version: str
    server_time: dt.datetime
    idempotency_retention_days: int = Field(
        14, description="How long the server remembers an Idempotency-Key and its answer; a client must not "
                        "retry a key older than this")
    queued_write_grace_hours: int = Field(
        24, description="How long after a consent expires a request queued during the visit is still accepted")


class LoginRequest(WireIn):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class Operator(Wire):
    username: str
    full_name: str
    office: str
    kind: Literal["clerk", "cafe", "supervisor"] = Field(
        description="A supervisor may also cancel receipts other clerks of the district recorded")
    district: int | None = Field(None, ge=1, le=15)


class LoginResponse(Wire):
    token: str
    expires_at: dt.datetime
    operator: Operator


class District(Wire):
    number: int = Field(ge=1, le=15)
    name: str


class OtpRequest(WireIn):
    """Ask the citizen's consent: a one-time code is sent to the mobile registered for the national code."""

    national_code: str = Field(min_length=1, max_length=32)
    mobile: str = Field(min_length=1, max_length=32)


class OtpChallenge(Wire):
    challenge_id: str
    masked_mobile: str
    expires_at: dt.datetime
    resend_available_at: dt.datetime
    resends_left: int
    attempts_left: int
    code_length: int = 6


class OtpVerify(WireIn):
    code: str = Field(min_length=1, max_length=32)


class EFileFields(WireIn):
    """What the operator may write to a citizen's electronic file."""

    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    father_name: str = Field(max_length=100)
    birth_date: PastDate
    address: str = Field(max_length=500)
    postal_code: str = Field(max_length=32)
    district: DistrictNo
    email: str | None = Field(None, max_length=200)


class EFileUpdate(EFileFields):
    version: Int32 = Field(description="The version the operator edited; a stale one is refused (409)")


class EFile(EFileFields):
    """The citizen's electronic file (پرونده الکترونیک)."""

    file_number: str
    national_code: str
    mobile: str
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = Field(description="Incremented on each update; send it back to avoid lost updates")


class ConsentGrant(Wire):
    """A verified consent: the key that opens this citizen's data for this visit."""

    consent_id: str
    national_code: str
    mobile: str
    valid_until: dt.datetime
    efile: EFile | None = Field(None, description="The file, if the citizen already has one")


class SmsMessage(Wire):
    """A message of the training SMS inbox (training servers only)."""

    id: int
    mobile: str
    text: str
    sent_at: dt.datetime


# --- building-permit intake -------------------------------------------------------------------------


Use = Literal["residential", "commercial", "mixed"]


class DeedPlate(Wire):
    """پلاک ثبتی: three numbers, never one string (RTL display could swap their order)."""

    section: int = Field(ge=1, le=10**7)
    main: int = Field(ge=1, le=10**7)
    sub: int = Field(ge=0, le=10**7)


class ZoneInfo(Wire):
    code: str
    title: str
    band: str = Field(description="The lot-size band of the detailed plan that applies, e.g. '200 < lot ≤ 300'")
    density_pct: Decimal
    occupancy_pct: Decimal
    max_floors: int
    min_street_width: Decimal
    narrow_street_max_floors: int
    parking_per_unit: Decimal


class Parcel(Wire):
    renovation_code: str
    deed: DeedPlate
    district: int
    address: str
    area_deed: Decimal
    area_survey: Decimal
    lot_area: Decimal = Field(description="The area zoning counts: the smaller of deed and survey")
    street_width: Decimal
    zone: ZoneInfo
    heritage_site: str | None = None
    heritage_max_floors: int | None = None
    regional_price: int = Field(description="Regional price per m² (rial)")
    renovation_years_unpaid: int
    under_application: bool
    illustrative: bool = Field(True, description="True for the training sandbox's invented data")


class ProjectSpec(WireIn):
    floors: Floors
    floor_area: Area = Field(description="Area of one floor, m²")
    units: Count
    parking: Count
    use: Use = "residential"


class QuoteRequest(WireIn):
    renovation_code: str = Field(max_length=40)
    project: ProjectSpec


class QuoteLineOut(Wire):
    article_id: str
    title: str
    formula_words: str
    inputs: dict[str, str]
    band: str | None = None
    amount: int
    stage: Literal["order", "permit", "fine"]


class ZoningOut(Wire):
    allowed_total: Decimal
    max_footprint: Decimal
    max_floors: int
    requested_total: Decimal
    parking_required: int
    parking_shortfall: int
    fit_floors: int
    fit_floor_area: Decimal
    complies: bool
    problems: list[ErrorDetail] = Field(default_factory=list)


class FeeQuote(Wire):
    quote_id: str
    tariff_id: str
    tariff_version: int
    year: int
    lines: list[QuoteLineOut]
    total: int
    due_now: int
    due_at_permit: int
    zoning: ZoningOut
    issued_at: dt.datetime


class TariffBooklet(Wire):
    """The booklet as data (see kiosk.domain.fees): the kiosk caches it to estimate offline."""

    model_config = ConfigDict(extra="allow", frozen=True)
    id: str
    year: int
    version: int
    title: str
    note: str = ""
    round_to: int = 1
    inputs: list[dict]
    tables: list[dict]
    articles: list[dict]


class OwnerIn(WireIn):
    national_code: str = Field(max_length=32)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    share: str = Field(max_length=16, description="Percent, e.g. '50' or '33.33'")


class AttorneyIn(WireIn):
    national_code: str = Field(max_length=32)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    poa_number: str = Field(max_length=64)
    poa_date: PastDate


class DraftSave(WireIn):
    data: dict = Field(description="The wizard's state, owned by the kiosk (≤ 64 KiB as JSON, nested at most "
                                   f"{MAX_DRAFT_DEPTH} levels)")
    version: Int32 = Field(0, description="The version being replaced; 0 when creating")

    @field_validator("data")
    @classmethod
    def _shallow_enough(cls, data: dict) -> dict:
        if json_depth(data) > MAX_DRAFT_DEPTH:
            raise ValueError("the saved request is nested too deeply")
        return data


class Draft(Wire):
    draft_id: str
    kind: str
    resume_code: str = Field(description="Short code the citizen takes home; with the national code and a "
                                         "new one-time code it reopens the draft")
    national_code: str
    version: int
    data: dict
    created_at: dt.datetime
    updated_at: dt.datetime
    expires_at: dt.datetime
    case_number: str | None = Field(None, description="Set once the draft was submitted")


class DocumentInfo(Wire):
    item_id: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: dt.datetime


class UploadBinding(WireIn):
    """Binds a completed tus upload to a checklist item; the server checks its size and hash first."""

    upload_url: str = Field(max_length=500)
    sha256: str = Field(min_length=64, max_length=64, pattern="^[0-9a-fA-F]{64}$")
    size: Annotated[int, Strict(), Field(ge=0, le=25 * 1024 * 1024)]
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=100)


class ChecklistItem(Wire):
    id: str
    title: str
    help: str = ""
    mandatory: bool
    accepted_types: list[str]
    max_bytes: int
    document: DocumentInfo | None = None


class PermitSubmission(WireIn):
    renovation_code: str = Field(max_length=40)
    owners: list[OwnerIn] = Field(max_length=50)
    attorney: AttorneyIn | None = None
    project: ProjectSpec
    accepted_tariff_version: Int32 = Field(description="The tariff version of the quote the citizen saw")
    accepted_total: Money = Field(description="The total the citizen saw; a different one is refused (409)")


class Bill(Wire):
    bill_id: str
    payment_id: str
    amount: int
    title: str
    items: list[QuoteLineOut]
    issued_at: dt.datetime
    paid: bool = False
    paid_at: dt.datetime | None = None
    receipt_number: str | None = None
    channel: str | None = None
    seal: str | None = Field(None, description="Signed payload for the payment slip's QR (contract/seal.py)")


class PermitApplication(Wire):
    case_number: str
    tracking_code: str | None = Field(None, description="The case's public tracking code (its number and eight "
                                                        "digits): the public tracking view opens only with it")
    order_number: str = Field(description="Number of the plan-preparation order (دستور تهیه نقشه)")
    order_issued_at: dt.datetime
    renovation_code: str
    national_code: str
    quote: FeeQuote
    bill: Bill


class PaymentIn(WireIn):
    bill_id: str = Field(max_length=32)
    payment_id: str = Field(max_length=32)
    amount: Money
    terminal_ref: str = Field(max_length=64, description="The POS terminal's reference number")


class PaymentReceipt(Wire):
    receipt_number: str
    bill_id: str
    payment_id: str
    amount: int
    paid_at: dt.datetime
    channel: Literal["counter_pos", "bank"]
    terminal_ref: str | None = None
    title: str | None = Field(None, description="What was paid")
    case_number: str | None = None
    tracking_code: str | None = Field(None, description="The case's public tracking code, printed (and sealed) as "
                                                        "on the case's other papers")
    payer: str | None = Field(None, description="In whose name (the case's applicant)")
    seal: str | None = None
    cancelled_at: dt.datetime | None = None
    cancel_reason: str | None = None


class ReceiptCancel(WireIn):
    reason: str = Field(max_length=300)


class BankPayment(WireIn):
    bill_id: str = Field(max_length=32)
    payment_id: str = Field(max_length=32)


class ReconciliationIn(WireIn):
    """A counter's record of money taken (on the card reader) that the server refused to book: a supervisor
    must settle it (refund the card, or book it by hand). Sent by the kiosk's outbox; keyed by the refused
    request's own idempotency key, so a counter never opens two records for one charge."""

    reference: str = Field(min_length=8, max_length=128, description="Idempotency-Key of the refused request")
    kind: Literal["payment"] = "payment"
    bill_id: str = Field(max_length=32)
    payment_id: str = Field(max_length=32)
    amount: Money
    terminal_ref: str = Field(max_length=64)
    reason_code: str = Field(max_length=64, description="The server's refusal code (e.g. bill_paid)")
    reason_text: str = Field(max_length=500, description="The server's refusal, in Persian")
    taken_at: Moment = Field(description="When the counter recorded the charge")


class Reconciliation(Wire):
    number: str
    reference: str
    state: Literal["open", "closed"]
    kind: str
    bill_id: str
    payment_id: str
    amount: int
    terminal_ref: str
    reason_code: str
    reason_text: str
    taken_at: dt.datetime
    opened_at: dt.datetime
    operator: str
    closed_at: dt.datetime | None = None
    close_note: str | None = None
    closed_by: str | None = None


class ReconciliationClose(WireIn):
    note: str = Field(min_length=3, max_length=500, description="What the supervisor did (refund, booking)")


# --- service catalog -------------------------------------------------------------------------------

class Choice(Wire):
    value: str
    label: str


class ServiceField(Wire):
    name: str
    label: str
    type: Literal["text", "textarea", "number", "national_code", "mobile", "postal_code", "date", "choice",
                  "renovation_code", "bill_id"]
    required: bool = True
    help: str = ""
    min: int | None = None
    max: int | None = None
    max_length: int | None = None
    choices: list[Choice] = Field(default_factory=list)


class ChecklistSpec(Wire):
    id: str
    title: str
    help: str = ""
    mandatory: bool = True
    accepted_types: list[str] = Field(default_factory=lambda: ["application/pdf", "image/jpeg", "image/png"])
    max_bytes: int = 10 * 1024 * 1024
    when: str | None = Field(None, description="A condition on the request, e.g. 'attorney'")


class ServiceInfo(Wire):
    id: str
    title: str
    description: str
    category: str
    kind: Literal["form", "permit"]
    average_days: int
    cost_basis: str
    fee_rial: int | None = None
    checklist: list[ChecklistSpec] = Field(default_factory=list)
    form: list[ServiceField] = Field(default_factory=list)


class ServiceRequestIn(WireIn):
    values: dict[Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=2000)]] = Field(
        max_length=60)


class ServiceRequestReceipt(Wire):
    tracking_number: str
    service_id: str
    title: str
    submitted_at: dt.datetime
    due_by: dt.date


# --- case tracking (issue 6) ---------------------------------------------------------------------------

StageState = Literal["active", "done", "objection", "skipped", "upcoming"]
CaseAction = Literal["pay", "upload_drawings", "respond", "report_delay"]


class TimetableStage(Wire):
    """One line of the published timetable: what the stage is, who holds it, its time limit in days."""

    stage_id: str
    title: str
    holder: str
    holder_title: str
    days: int
    condition: str | None = Field(None, description="When the stage applies, if not always")


class DrawingSheet(Wire):
    id: str
    title: str
    mandatory: bool


class Timetable(Wire):
    service_id: str
    version: int
    stages: list[TimetableStage]
    drawing_sheets: list[DrawingSheet]
    whistleblowing_line: str
    whistleblowing_title: str


class CaseStage(Wire):
    """A stage as the case lived it (or, ``upcoming``, as the timetable says it will come)."""

    row_id: int | None = None
    stage_id: str
    title: str
    phase: Literal["stage", "response"] = "stage"
    attempt: int = 1
    state: StageState
    holder: str
    holder_title: str
    days_limit: int
    started_at: dt.datetime | None = None
    deadline: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    answered_by: str | None = Field(None, description="The agency that answered")
    answer: str | None = None
    reason: str | None = Field(None, description="Why the stage was objected to")
    action: str | None = Field(None, description="What the citizen must do about the objection")
    condition: str | None = None
    bill: Bill | None = None


class CaseDocument(Wire):
    sheet_id: str
    title: str
    round: int
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: dt.datetime


class IssuedDocument(Wire):
    """A document the municipality issued on the case; ``data`` holds its printed fields."""

    kind: Literal["plan_order", "permit", "certificate"]
    number: str
    issued_at: dt.datetime
    data: dict[str, str]
    seal: str | None = Field(None, description="Signed payload printed as the document's QR")


class DocumentState(Wire):
    """What the municipality's register says now of a document it sealed, asked with the document's own
    seal (``GET /documents/state?seal=…``): a receipt may have been cancelled, a permit replaced by a
    duplicate or a corrected one, a payment slip paid. The answer names no person."""

    kind: Literal["plan_order", "permit", "certificate", "receipt", "slip", "delay_report"]
    number: str
    state: Literal["valid", "paid", "cancelled", "replaced"] = Field(
        description="valid: in force; paid: a slip whose bill is paid (pay it no more); cancelled: withdrawn "
                    "(a receipt whose card payment was reversed); replaced: a newer document stands in its place")
    changed_at: dt.datetime | None = Field(None, description="When it was paid, cancelled or replaced")
    reason: str | None = Field(None, description="Why it was cancelled or replaced")
    superseded_by: str | None = Field(
        None, description="The receipt that paid a slip; the number of the document that replaced this one")
    as_of: dt.datetime


class DocumentReplace(WireIn):
    reason: str = Field(max_length=300, description="Why the municipality issues a new document in its place")


class DelayReport(Wire):
    report_number: str
    stage_id: str | None
    stage_title: str | None
    kind: Literal["delay", "grievance"]
    days_overdue: int | None
    text: str
    filed_at: dt.datetime
    answer: str | None = None
    answered_at: dt.datetime | None = None
    seal: str | None = None


class CaseEvent(Wire):
    id: int
    case_number: str
    tracking_code: str | None = None
    at: dt.datetime
    actor: str
    kind: str
    stage_id: str | None = None
    text: str


class CaseView(Wire):
    """A permit case. Without the citizen's consent (``personal`` false) it is the public tracking view:
    stages, dates and agency answers, but no names, bills, documents, reports or history."""

    case_number: str
    tracking_code: str | None = Field(None, description="The public tracking code printed for the citizen")
    order_number: str
    status: Literal["active", "completed"]
    as_of: dt.datetime = Field(description="The server's case clock: days left and overdue count from here")
    renovation_code: str
    district: int
    personal: bool
    applicant: str | None = None
    address: str | None = None
    next_step: str = Field(description="What the citizen must do next, in plain Persian")
    current: CaseStage | None = None
    stages: list[CaseStage]
    designer: str | None = None
    supervisor: str | None = None
    documents: list[CaseDocument] = Field(default_factory=list)
    issued: list[IssuedDocument] = Field(default_factory=list)
    reports: list[DelayReport] = Field(default_factory=list)
    history: list[CaseEvent] = Field(default_factory=list)
    actions: list[CaseAction] = Field(default_factory=list)


class CaseSummary(Wire):
    case_number: str
    renovation_code: str
    status: Literal["active", "completed"]
    current_title: str | None
    current_holder_title: str | None
    deadline: dt.datetime | None
    as_of: dt.datetime


class DrawingsSubmission(WireIn):
    """What the drawings declare; checked by rule against the approved request."""

    floors: Annotated[int, Strict(), Field(ge=0, le=100)]
    total_area: Decimal = Field(ge=0, le=1_000_000, max_digits=12, decimal_places=3,
                                description="Total built floor area, m²")
    units: Annotated[int, Strict(), Field(ge=0, le=1000)]
    height: Decimal = Field(ge=0, le=500, max_digits=7, decimal_places=3, description="Building height, m")


class StageResponse(WireIn):
    text: str = Field(max_length=500)


class DelayReportIn(WireIn):
    kind: Literal["delay", "grievance"] = "delay"
    stage_id: str | None = Field(None, max_length=64)
    text: str = Field("", max_length=1000)


class ClockAdvance(WireIn):
    days: Annotated[float, Strict(), Field(gt=0, le=800)]


class ClockState(Wire):
    now: dt.datetime
    speed: float
