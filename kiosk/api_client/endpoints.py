"""One typed function per endpoint of API v1 (docs/api/openapi.json)."""

from __future__ import annotations

import hashlib
import urllib.parse
from typing import TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from kiosk.api_client.errors import GARBLED, ServerError
from kiosk.api_client.session import ApiSession
from kiosk.contract import (
    API_PREFIX, CONSENT_HEADER, BankPayment, Bill, ChecklistItem, ConsentGrant, District, DocumentInfo, Draft,
    DraftSave, EFile, EFileFields, EFileUpdate, FeeQuote, Health, LoginRequest, LoginResponse, Operator,
    OtpChallenge, OtpRequest, OtpVerify, Parcel, PaymentIn, PaymentReceipt, PermitApplication, PermitSubmission,
    ProjectSpec, QuoteRequest, ServiceInfo, ServiceRequestIn, ServiceRequestReceipt, SmsMessage, TariffBooklet,
    CaseEvent, CaseSummary, CaseView, ClockAdvance, ClockState, DelayReport, DelayReportIn, DrawingsSubmission,
    StageResponse, Timetable, ReceiptCancel, DocumentReplace, DocumentState, IssuedDocument,
)

T = TypeVar("T")


def _parse(model: type[T] | object, data) -> T:
    try:
        if isinstance(model, type) and issubclass(model, BaseModel):
            return model.model_validate(data)  # type: ignore[return-value]
        return TypeAdapter(model).validate_python(data)
    except ValidationError as exc:
        raise ServerError(GARBLED, translatable=True, code="garbled") from exc


def _body(model: BaseModel) -> dict:
    return model.model_dump(mode="json")


class KioskApi:
    """Every call blocks: call it from a worker (``kiosk.tasks``), never from the GUI thread."""

    def __init__(self, session: ApiSession):
        self.session = session

    @property
    def base_url(self) -> str:
        return self.session.base_url

    # service
    def health(self, quick: bool = False) -> Health:
        """``quick``: one attempt with short timeouts, for the connection probe (its own cadence is its retry:
        a link that drops packets must not hold the next probe back for the full connect timeout, thrice)."""
        options = {"timeout": (1.0, 3.0), "retries": 0} if quick else {}
        health = _parse(Health, self.session.request("GET", f"{API_PREFIX}/health", auth=False, **options))
        self.session.note_server_time(health.server_time.timestamp())  # the outbox's clock for ages
        return health

    # operators
    def login(self, username: str, password: str) -> LoginResponse:
        data = self.session.request("POST", f"{API_PREFIX}/auth/login", auth=False,
                                    json_body=_body(LoginRequest(username=username, password=password)))
        return _parse(LoginResponse, data)

    def logout(self, token: str | None = None) -> None:
        """Ends the session of ``token`` (default: the current one)."""
        headers = {"Authorization": f"Bearer {token}"} if token else None
        self.session.request("POST", f"{API_PREFIX}/auth/logout", headers=headers)

    def me(self) -> Operator:
        return _parse(Operator, self.session.request("GET", f"{API_PREFIX}/auth/me"))

    # reference data
    def districts(self) -> list[District]:
        return _parse(list[District], self.session.request("GET", f"{API_PREFIX}/districts"))

    # citizen consent
    def request_otp(self, national_code: str, mobile: str, *, idempotency_key: str | None = None) -> OtpChallenge:
        data = self.session.request("POST", f"{API_PREFIX}/otp", idempotency_key=idempotency_key,
                                    json_body=_body(OtpRequest(national_code=national_code, mobile=mobile)))
        return _parse(OtpChallenge, data)

    def resend_otp(self, challenge_id: str, *, idempotency_key: str | None = None) -> OtpChallenge:
        data = self.session.request("POST", f"{API_PREFIX}/otp/{challenge_id}/resend",
                                    idempotency_key=idempotency_key)
        return _parse(OtpChallenge, data)

    def verify_otp(self, challenge_id: str, code: str, *, idempotency_key: str | None = None) -> ConsentGrant:
        data = self.session.request("POST", f"{API_PREFIX}/otp/{challenge_id}/verify",
                                    idempotency_key=idempotency_key, json_body=_body(OtpVerify(code=code)))
        return _parse(ConsentGrant, data)

    # electronic file
    def get_efile(self, national_code: str, consent_id: str) -> EFile:
        data = self.session.request("GET", f"{API_PREFIX}/efiles/{national_code}",
                                    headers={CONSENT_HEADER: consent_id})
        return _parse(EFile, data)

    def create_efile(self, fields: EFileFields, consent_id: str, *, idempotency_key: str | None = None) -> EFile:
        data = self.session.request("POST", f"{API_PREFIX}/efiles", json_body=_body(fields),
                                    headers={CONSENT_HEADER: consent_id}, idempotency_key=idempotency_key)
        return _parse(EFile, data)

    def update_efile(self, national_code: str, update: EFileUpdate, consent_id: str, *,
                     idempotency_key: str | None = None) -> EFile:
        data = self.session.request("PUT", f"{API_PREFIX}/efiles/{national_code}", json_body=_body(update),
                                    headers={CONSENT_HEADER: consent_id}, idempotency_key=idempotency_key)
        return _parse(EFile, data)

    # training only
    def training_sms(self, mobile: str | None = None, after_id: int = 0) -> list[SmsMessage]:
        params: dict = {"after_id": after_id}
        if mobile:
            params["mobile"] = mobile
        return _parse(list[SmsMessage], self.session.request("GET", f"{API_PREFIX}/training/sms", params=params))

    # building permit
    def parcel_by_code(self, renovation_code: str) -> Parcel:
        return _parse(Parcel, self.session.request("GET", f"{API_PREFIX}/parcels",
                                                   params={"renovation_code": renovation_code}))

    def parcel_by_deed(self, section: str, main: str, sub: str) -> Parcel:
        return _parse(Parcel, self.session.request("GET", f"{API_PREFIX}/parcels",
                                                   params={"section": section, "main": main, "sub": sub}))

    def current_tariff(self) -> TariffBooklet:
        return _parse(TariffBooklet, self.session.request("GET", f"{API_PREFIX}/tariffs/current"))

    def quote(self, renovation_code: str, project: ProjectSpec) -> FeeQuote:
        body = _body(QuoteRequest(renovation_code=renovation_code, project=project))
        return _parse(FeeQuote, self.session.request("POST", f"{API_PREFIX}/quotes", json_body=body))

    def create_draft(self, data: dict, consent_id: str, *, idempotency_key: str | None = None) -> Draft:
        return _parse(Draft, self.session.request(
            "POST", f"{API_PREFIX}/drafts", json_body=_body(DraftSave(data=data, version=0)),
            headers={CONSENT_HEADER: consent_id}, idempotency_key=idempotency_key))

    def save_draft(self, draft_id: str, data: dict, version: int, consent_id: str, *,
                   idempotency_key: str | None = None) -> Draft:
        return _parse(Draft, self.session.request(
            "PUT", f"{API_PREFIX}/drafts/{draft_id}", json_body=_body(DraftSave(data=data, version=version)),
            headers={CONSENT_HEADER: consent_id}, idempotency_key=idempotency_key))

    def resume_draft(self, resume_code: str, consent_id: str) -> Draft:
        return _parse(Draft, self.session.request("GET", f"{API_PREFIX}/drafts/by-code/{resume_code}",
                                                  headers={CONSENT_HEADER: consent_id}))

    def checklist(self, draft_id: str, consent_id: str) -> list[ChecklistItem]:
        return _parse(list[ChecklistItem], self.session.request(
            "GET", f"{API_PREFIX}/drafts/{draft_id}/checklist", headers={CONSENT_HEADER: consent_id}))

    def upload_document(self, draft_id: str, item_id: str, content: bytes, content_type: str, filename: str,
                        consent_id: str, *, idempotency_key: str | None = None) -> DocumentInfo:
        headers = {CONSENT_HEADER: consent_id, "Content-Type": content_type,
                   "X-Filename": urllib.parse.quote(filename), "X-Content-SHA256": hashlib.sha256(content).hexdigest()}
        return _parse(DocumentInfo, self.session.request(
            "PUT", f"{API_PREFIX}/drafts/{draft_id}/documents/{item_id}", data=content, headers=headers,
            idempotency_key=idempotency_key))

    def submit_permit(self, draft_id: str, submission: PermitSubmission, consent_id: str, *,
                      idempotency_key: str | None = None) -> PermitApplication:
        return _parse(PermitApplication, self.session.request(
            "POST", f"{API_PREFIX}/drafts/{draft_id}/submit", json_body=_body(submission),
            headers={CONSENT_HEADER: consent_id}, idempotency_key=idempotency_key))

    def application(self, case_number: str, consent_id: str) -> PermitApplication:
        return _parse(PermitApplication, self.session.request(
            "GET", f"{API_PREFIX}/applications/{case_number}", headers={CONSENT_HEADER: consent_id}))

    # payments
    def pay_at_counter(self, payment: PaymentIn, *, idempotency_key: str | None = None) -> PaymentReceipt:
        return _parse(PaymentReceipt, self.session.request("POST", f"{API_PREFIX}/payments", json_body=_body(payment),
                                                           idempotency_key=idempotency_key))

    def bill(self, bill_id: str) -> Bill:
        return _parse(Bill, self.session.request("GET", f"{API_PREFIX}/bills/{bill_id}"))

    def training_bank_pay(self, bill_id: str, payment_id: str) -> PaymentReceipt:
        return _parse(PaymentReceipt, self.session.request(
            "POST", f"{API_PREFIX}/training/bank/pay", json_body=_body(BankPayment(bill_id=bill_id,
                                                                                  payment_id=payment_id))))

    # the register of receipts
    def receipt(self, receipt_number: str, consent_id: str | None = None) -> PaymentReceipt:
        """A receipt of the register: with the citizen's consent, or one a clerk of this district recorded."""
        headers = {CONSENT_HEADER: consent_id} if consent_id else None
        return _parse(PaymentReceipt, self.session.request("GET", f"{API_PREFIX}/receipts/{receipt_number}",
                                                           headers=headers))

    def receipts(self, consent_id: str) -> list[PaymentReceipt]:
        return _parse(list[PaymentReceipt], self.session.request("GET", f"{API_PREFIX}/receipts",
                                                                 headers={CONSENT_HEADER: consent_id}))

    def cancel_receipt(self, receipt_number: str, reason: str, *, idempotency_key: str | None = None) -> PaymentReceipt:
        return _parse(PaymentReceipt, self.session.request(
            "POST", f"{API_PREFIX}/receipts/{receipt_number}/cancel", json_body=_body(ReceiptCancel(reason=reason)),
            idempotency_key=idempotency_key))

    # the register of sealed documents
    def document_state(self, seal: str) -> DocumentState:
        """What the municipality says of a sealed document now (cancelled, replaced, paid). No sign-in: the
        seal is the question; the clerk's token is not sent."""
        return _parse(DocumentState, self.session.request("GET", f"{API_PREFIX}/documents/state", auth=False,
                                                          params={"seal": seal.strip()}))

    def training_replace_document(self, number: str, reason: str) -> IssuedDocument:
        return _parse(IssuedDocument, self.session.request(
            "POST", f"{API_PREFIX}/training/documents/{urllib.parse.quote(number, safe='')}/replace",
            json_body=_body(DocumentReplace(reason=reason))))

    # service catalog
    def services(self) -> list[ServiceInfo]:
        return _parse(list[ServiceInfo], self.session.request("GET", f"{API_PREFIX}/services"))

    def request_service(self, service_id: str, values: dict[str, str], consent_id: str, *,
                        idempotency_key: str | None = None) -> ServiceRequestReceipt:
        return _parse(ServiceRequestReceipt, self.session.request(
            "POST", f"{API_PREFIX}/services/{service_id}/requests",
            json_body=_body(ServiceRequestIn(values=values)), headers={CONSENT_HEADER: consent_id},
            idempotency_key=idempotency_key))

    # case tracking
    def timetable(self, service_id: str = "building_permit") -> Timetable:
        return _parse(Timetable, self.session.request("GET", f"{API_PREFIX}/workflow/{service_id}"))

    def case(self, case_number: str, consent_id: str | None = None) -> CaseView:
        """The full case with its owner's consent; the public tracking view without."""
        headers = {CONSENT_HEADER: consent_id} if consent_id else None
        return _parse(CaseView, self.session.request(
            "GET", f"{API_PREFIX}/cases/{urllib.parse.quote(case_number, safe='')}", headers=headers))

    def cases_of(self, consent_id: str, *, national_code: str | None = None,
                 file_number: str | None = None) -> list[CaseSummary]:
        params = {k: v for k, v in (("national_code", national_code), ("file_number", file_number)) if v}
        return _parse(list[CaseSummary], self.session.request(
            "GET", f"{API_PREFIX}/cases", params=params, headers={CONSENT_HEADER: consent_id}))

    def submit_drawings(self, case_number: str, declared: DrawingsSubmission, consent_id: str, *,
                        idempotency_key: str | None = None) -> CaseView:
        return _parse(CaseView, self.session.request(
            "POST", f"{API_PREFIX}/cases/{case_number}/drawings", json_body=_body(declared),
            headers={CONSENT_HEADER: consent_id}, idempotency_key=idempotency_key))

    def respond_to_objection(self, case_number: str, text: str, consent_id: str, *,
                             idempotency_key: str | None = None) -> CaseView:
        return _parse(CaseView, self.session.request(
            "POST", f"{API_PREFIX}/cases/{case_number}/response", json_body=_body(StageResponse(text=text)),
            headers={CONSENT_HEADER: consent_id}, idempotency_key=idempotency_key))

    def file_report(self, case_number: str, report: DelayReportIn, consent_id: str, *,
                    idempotency_key: str | None = None) -> DelayReport:
        return _parse(DelayReport, self.session.request(
            "POST", f"{API_PREFIX}/cases/{case_number}/reports", json_body=_body(report),
            headers={CONSENT_HEADER: consent_id}, idempotency_key=idempotency_key))

    def case_events(self, after: int = 0) -> list[CaseEvent]:
        return _parse(list[CaseEvent], self.session.request("GET", f"{API_PREFIX}/case-events",
                                                            params={"after": after}))

    def training_clock(self) -> ClockState:
        return _parse(ClockState, self.session.request("GET", f"{API_PREFIX}/training/clock"))

    def training_advance_clock(self, days: float) -> ClockState:
        return _parse(ClockState, self.session.request(
            "POST", f"{API_PREFIX}/training/clock/advance", json_body=_body(ClockAdvance(days=days))))
