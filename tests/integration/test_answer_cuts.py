"""For every mutating operation of the contract: the answer is cut off after the server committed the
request (a fault proxy drops the connection at the first byte of the answer), the kiosk sees an unknown
outcome, sends the same request again with the same key, and the server answers it from its record —
nothing is done twice. A new mutating operation without a scenario here fails the coverage test.

Each scenario sets up what its operation needs on a fresh sandbox and returns the request (method, path,
body, headers, raw data). The server's whole state (every table, its files, the training clock) is
compared: it changed with the first attempt (the cut came after the commit) and not again with the retry.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable

import pytest
import requests

from kiosk.api_client import ApiSession, KioskApi, OutcomeUnknown
from kiosk.api_client.keys import one_off_key
from kiosk.contract.tus import encode_metadata
from kiosk.contract import (
    API_PREFIX, CONSENT_HEADER, UPLOADS_PATH, BankPayment, DelayReportIn, DocumentReplace, DraftSave, EFileUpdate,
    OtpVerify, PaymentIn, QuoteRequest, ReceiptCancel, ReconciliationClose, ReconciliationIn, ServiceRequestIn,
    StageResponse, UploadBinding,
)
from kiosk.domain.digits import to_ascii_digits
from kiosk.sandbox.app import SandboxSettings
from kiosk.sandbox.clock import ManualClock
from kiosk.sandbox.server import SandboxServer
from tests.faultproxy import FaultProxy
from tests.integration.test_cases_api import DAY, declared, open_case, pay_current
from tests.integration.test_permit_api import PDF, PROJECT, submission, upload_all
from tests.integration.test_sandbox_api import NEW, SEEDED, fields

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Request:
    method: str
    path: str
    body: object = None
    headers: dict = field(default_factory=dict)
    data: bytes | None = None
    auth: bool = True


@dataclass
class Env:
    server: SandboxServer
    api: KioskApi  # signed in as clerk1, straight to the server
    clock: ManualClock
    case_clock: ManualClock

    def consent(self, who=SEEDED) -> str:
        challenge = self.api.request_otp(*who)
        return self.api.verify_otp(challenge.challenge_id, self.last_code(who[1])).consent_id

    def last_code(self, mobile: str) -> str:
        with self.server.db.tx() as c:
            text = c.execute("SELECT text FROM sms_inbox WHERE mobile=? ORDER BY id DESC LIMIT 1",
                             (mobile,)).fetchone()[0]
        return re.search(r"\d{6}", to_ascii_digits(text)).group(0)

    def tus_upload(self, content: bytes, filename: str = "d.pdf", send: bool = True) -> str:
        meta = encode_metadata({"filename": filename, "filetype": "application/pdf",
                                "sha256": hashlib.sha256(content).hexdigest()})
        auth = {"Authorization": f"Bearer {self.api.session.token_provider()}", "Tus-Resumable": "1.0.0"}
        r = requests.post(self.server.url + UPLOADS_PATH, timeout=5, headers={
            **auth, "Upload-Length": str(len(content)), "Upload-Metadata": meta})
        location = requests.compat.urljoin(self.server.url + UPLOADS_PATH, r.headers["Location"])
        if send:
            requests.patch(location, data=content, timeout=5, headers={
                **auth, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}).raise_for_status()
        return location

    def case_at_drawings(self, consent: str) -> str:
        case = open_case(self.api, consent)
        pay_current(self.api, case, consent)
        self.case_clock.advance(5 * DAY)
        assert self.api.case(case, consent).current.stage_id == "drawings"
        return case


SCENARIOS: dict[tuple[str, str], tuple[Callable[[Env], Request], float]] = {}


def scenario(method: str, *paths: str, chance: float = 0.99):
    def register(fn):
        for path in paths:
            SCENARIOS[(method, path)] = (fn, chance)
        return fn
    return register


P = API_PREFIX


@scenario("POST", f"{P}/auth/login")
def login(env):
    return Request("POST", f"{P}/auth/login", {"username": "clerk3", "password": "amoozesh-3"}, auth=False)


@scenario("POST", f"{P}/auth/logout")
def logout(env):
    token = KioskApi(ApiSession(env.server.url)).login("clerk8", "amoozesh-8").token
    return Request("POST", f"{P}/auth/logout", headers={"Authorization": f"Bearer {token}"})


@scenario("POST", f"{P}/otp")
def otp(env):
    return Request("POST", f"{P}/otp", {"national_code": NEW[0], "mobile": NEW[1]})


@scenario("POST", f"{P}/otp/{{challenge_id}}/resend")
def otp_resend(env):
    challenge = env.api.request_otp(*NEW)
    env.clock.advance(61)
    return Request("POST", f"{P}/otp/{challenge.challenge_id}/resend")


@scenario("POST", f"{P}/otp/{{challenge_id}}/verify")
def otp_verify(env):
    challenge = env.api.request_otp(*NEW)
    return Request("POST", f"{P}/otp/{challenge.challenge_id}/verify",
                   OtpVerify(code=env.last_code(NEW[1])).model_dump(mode="json"))


@scenario("POST", f"{P}/efiles")
def efile_create(env):
    consent = env.consent(NEW)
    return Request("POST", f"{P}/efiles", fields().model_dump(mode="json"), {CONSENT_HEADER: consent})


@scenario("PUT", f"{P}/efiles/{{national_code}}")
def efile_update(env):
    consent = env.consent()
    efile = env.api.get_efile(SEEDED[0], consent)
    update = EFileUpdate(**{**efile.model_dump(include=set(fields().model_dump())), "address": "اصفهان، خیابان نو، پلاک ۳"},
                         version=efile.version)
    return Request("PUT", f"{P}/efiles/{SEEDED[0]}", update.model_dump(mode="json"), {CONSENT_HEADER: consent})


@scenario("POST", f"{P}/quotes")
def quote(env):
    return Request("POST", f"{P}/quotes", QuoteRequest(renovation_code="8-15-30", project=PROJECT).model_dump(mode="json"))


@scenario("POST", f"{P}/drafts")
def draft_create(env):
    return Request("POST", f"{P}/drafts", DraftSave(data={"step": "parcel"}).model_dump(mode="json"),
                   {CONSENT_HEADER: env.consent()})


@scenario("PUT", f"{P}/drafts/{{draft_id}}")
def draft_save(env):
    consent = env.consent()
    draft = env.api.create_draft({}, consent)
    return Request("PUT", f"{P}/drafts/{draft.draft_id}", DraftSave(data={"step": "owners"}, version=draft.version)
                   .model_dump(mode="json"), {CONSENT_HEADER: consent})


@scenario("PUT", f"{P}/drafts/{{draft_id}}/documents/{{item_id}}")
def document_put(env):
    consent = env.consent()
    draft = env.api.create_draft({}, consent)
    return Request("PUT", f"{P}/drafts/{draft.draft_id}/documents/deed", headers={
        CONSENT_HEADER: consent, "Content-Type": "application/pdf", "X-Filename": "deed.pdf",
        "X-Content-SHA256": hashlib.sha256(PDF).hexdigest()}, data=PDF)


@scenario("POST", f"{P}/drafts/{{draft_id}}/documents/{{item_id}}/from-upload")
def document_bind(env):
    consent = env.consent()
    draft = env.api.create_draft({}, consent)
    url = env.tus_upload(PDF)
    binding = UploadBinding(upload_url=url, sha256=hashlib.sha256(PDF).hexdigest(), size=len(PDF), filename="d.pdf",
                            content_type="application/pdf")
    return Request("POST", f"{P}/drafts/{draft.draft_id}/documents/deed/from-upload", binding.model_dump(mode="json"),
                   {CONSENT_HEADER: consent})


@scenario("POST", f"{P}/drafts/{{draft_id}}/submit")
def permit_submit(env):
    consent = env.consent()
    draft = env.api.create_draft({}, consent)
    upload_all(env.api, draft.draft_id, consent)
    return Request("POST", f"{P}/drafts/{draft.draft_id}/submit", submission(env.api).model_dump(mode="json"),
                   {CONSENT_HEADER: consent})


@scenario("POST", f"{P}/payments")
def payment(env):
    consent = env.consent()
    bill = env.api.case(open_case(env.api, consent), consent).current.bill
    return Request("POST", f"{P}/payments", PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id,
                                                     amount=bill.amount, terminal_ref="4411").model_dump(mode="json"))


@scenario("POST", f"{P}/training/bank/pay")
def bank_pay(env):
    consent = env.consent()
    bill = env.api.case(open_case(env.api, consent), consent).current.bill
    return Request("POST", f"{P}/training/bank/pay", BankPayment(bill_id=bill.bill_id, payment_id=bill.payment_id)
                   .model_dump(mode="json"))


@scenario("POST", f"{P}/receipts/{{receipt_number}}/cancel")
def receipt_cancel(env):
    consent = env.consent()
    bill = env.api.case(open_case(env.api, consent), consent).current.bill
    paid = env.api.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id, amount=bill.amount,
                                            terminal_ref="4412"))
    return Request("POST", f"{P}/receipts/{paid.receipt_number}/cancel",
                   ReceiptCancel(reason="مبلغ از کارت برگشت داده شد").model_dump(mode="json"))


@scenario("POST", f"{P}/services/{{service_id}}/requests")
def service_request(env):
    return Request("POST", f"{P}/services/complaint/requests",
                   ServiceRequestIn(values={"subject": "roads", "description": "چاله در خیابان"}).model_dump(mode="json"),
                   {CONSENT_HEADER: env.consent()})


@scenario("POST", f"{P}/cases/{{case_number}}/documents/{{sheet_id}}/from-upload")
def case_document_bind(env):
    consent = env.consent()
    case = env.case_at_drawings(consent)
    content = PDF + b"architecture"
    url = env.tus_upload(content)
    binding = UploadBinding(upload_url=url, sha256=hashlib.sha256(content).hexdigest(), size=len(content),
                            filename="a.pdf", content_type="application/pdf")
    return Request("POST", f"{P}/cases/{case}/documents/architecture/from-upload", binding.model_dump(mode="json"),
                   {CONSENT_HEADER: consent})


def bind_sheets(env, case: str, consent: str) -> None:
    for sheet in ("architecture", "structure", "installations"):
        content = PDF + sheet.encode()
        url = env.tus_upload(content)
        env.api.session.request("POST", f"{P}/cases/{case}/documents/{sheet}/from-upload", headers={
            CONSENT_HEADER: consent}, json_body=UploadBinding(
                upload_url=url, sha256=hashlib.sha256(content).hexdigest(), size=len(content), filename=f"{sheet}.pdf",
                content_type="application/pdf").model_dump(mode="json"))


@scenario("POST", f"{P}/cases/{{case_number}}/drawings")
def drawings(env):
    consent = env.consent()
    case = env.case_at_drawings(consent)
    bind_sheets(env, case, consent)
    return Request("POST", f"{P}/cases/{case}/drawings", declared(area=440).model_dump(mode="json"),
                   {CONSENT_HEADER: consent})


@scenario("POST", f"{P}/training/documents/{{number}}/replace")
def document_replace(env):
    consent = env.consent()
    case = env.case_at_drawings(consent)
    bind_sheets(env, case, consent)
    env.api.submit_drawings(case, declared(area=440), consent)
    env.case_clock.advance(4 * DAY)
    pay_current(env.api, case, consent)
    env.case_clock.advance(2 * DAY)
    permit = next(d for d in env.api.case(case, consent).issued if d.kind == "permit")
    return Request("POST", f"{P}/training/documents/{permit.number}/replace",
                   DocumentReplace(reason="نسخه کاغذی گم شده است").model_dump(mode="json"))


@scenario("POST", f"{P}/cases/{{case_number}}/response", chance=0.0)
def case_response(env):
    consent = env.consent()
    case = open_case(env.api, consent)
    pay_current(env.api, case, consent)
    env.case_clock.advance(2 * DAY)  # with every chance objection on, the inspector objects
    assert "respond" in env.api.case(case, consent).actions
    return Request("POST", f"{P}/cases/{case}/response", StageResponse(text="نقشه تحویل شد").model_dump(mode="json"),
                   {CONSENT_HEADER: consent})


@scenario("POST", f"{P}/cases/{{case_number}}/reports")
def report(env):
    consent = env.consent()
    case = open_case(env.api, consent)
    return Request("POST", f"{P}/cases/{case}/reports",
                   DelayReportIn(kind="grievance", text="با کارمند دفتر منطقه مشکل داشتیم").model_dump(mode="json"),
                   {CONSENT_HEADER: consent})


@scenario("POST", f"{P}/training/clock/advance")
def clock_advance(env):
    return Request("POST", f"{P}/training/clock/advance", {"days": 2})


@scenario("POST", f"{P}/reconciliations")
def reconciliation(env):
    record = ReconciliationIn(reference=one_off_key(), bill_id="7748317800142", payment_id="1770160", amount=1770000,
                              terminal_ref="99", reason_code="bill_paid", reason_text="پرداخت شده",
                              taken_at=env.clock.now())
    return Request("POST", f"{P}/reconciliations", record.model_dump(mode="json"))


@scenario("POST", f"{P}/reconciliations/{{reference}}/close")
def reconciliation_close(env):
    body = json.loads(json.dumps(reconciliation(env).body))
    env.api.session.request("POST", f"{P}/reconciliations", json_body=body)
    return Request("POST", f"{P}/reconciliations/{body['reference']}/close",
                   ReconciliationClose(note="به کارت بازگردانده شد").model_dump(mode="json"))


TUS = {"Tus-Resumable": "1.0.0"}


@scenario("POST", UPLOADS_PATH)
def tus_create(env):
    meta = encode_metadata({"filename": "d.pdf", "filetype": "application/pdf",
                            "sha256": hashlib.sha256(PDF).hexdigest()})
    return Request("POST", UPLOADS_PATH, headers={**TUS, "Upload-Length": str(len(PDF)), "Upload-Metadata": meta})


@scenario("PATCH", UPLOADS_PATH + "/{uuid}")
def tus_patch(env):
    url = env.tus_upload(PDF, send=False)
    return Request("PATCH", urlpath(url), headers={**TUS, "Upload-Offset": "0",
                                                  "Content-Type": "application/offset+octet-stream"}, data=PDF)


@scenario("DELETE", UPLOADS_PATH + "/{uuid}")
def tus_delete(env):
    return Request("DELETE", urlpath(env.tus_upload(PDF)), headers=dict(TUS))


def urlpath(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def state_of(server: SandboxServer, clock_state) -> str:
    """Everything the server keeps: every table but the idempotency record, its files, the training clock."""
    conn = sqlite3.connect(server.db.path)
    digest = hashlib.sha256()
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for table in tables:
        if table in ("idempotent_requests", "sqlite_sequence"):
            continue
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):
            digest.update(repr((table, row)).encode())
    conn.close()
    files = Path(server.db.path + ".files")
    for p in sorted(files.rglob("*")):
        if p.is_file():
            digest.update(f"{p.relative_to(files)}:{p.stat().st_size}".encode())
    digest.update(clock_state().encode())
    return digest.hexdigest()


def mutating_operations() -> set[tuple[str, str]]:
    spec = json.loads((ROOT / "docs" / "api" / "openapi.json").read_text(encoding="utf-8"))
    return {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops if m in ("post", "put", "patch", "delete")}


def test_every_mutating_operation_has_an_answer_cut_scenario():
    assert mutating_operations() == set(SCENARIOS)


@pytest.mark.parametrize("operation", sorted(SCENARIOS), ids=lambda o: f"{o[0]} {o[1]}")
def test_an_answer_cut_after_the_commit_is_never_done_twice(operation, tmp_path):
    build, chance = SCENARIOS[operation]
    clock = ManualClock(dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    case_clock = ManualClock(dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.timezone.utc))
    server = SandboxServer(tmp_path / "sandbox.sqlite3", clock=clock, case_clock=case_clock,
                           settings=SandboxSettings(agency_chance=chance))
    server.start()
    proxy = FaultProxy("127.0.0.1", server.port)
    try:
        direct = KioskApi(ApiSession(server.url, get_retries=0))
        token = direct.login("clerk1", "amoozesh-1").token
        direct.session.token_provider = lambda: token
        env = Env(server, direct, clock, case_clock)
        request = build(env)
        cut_api = KioskApi(ApiSession(proxy.url, get_retries=0, mutating_retries=0, token_provider=lambda: token))
        armed = {"on": True}
        method, path = request.method, request.path

        def hook(line: str, first: bytes) -> str:
            if armed["on"] and line.startswith(f"{method} {path}"):
                armed["on"] = False
                return "cut"
            return "pass"

        proxy.answer_hook = hook
        key = one_off_key()

        def clock_state() -> str:
            return case_clock.now().isoformat()

        def send():
            return cut_api.session.request(method, path, json_body=request.body, data=request.data,
                                           headers=request.headers, idempotency_key=key, auth=request.auth)

        before = state_of(server, clock_state)
        with pytest.raises(OutcomeUnknown):
            send()
        assert proxy.cuts == 1, "the answer was not cut"
        committed = state_of(server, clock_state)
        assert committed != before, "the cut came before the server committed: the test proves nothing"
        answer = send()  # the kiosk's retry: the same request, the same key
        assert cut_api.session.last_replayed, "the retry was carried out again instead of being answered"
        assert state_of(server, clock_state) == committed, "the retry changed the server: done twice"
        if operation == ("POST", f"{P}/auth/login"):  # the replayed token is the real one (decrypted)
            assert KioskApi(ApiSession(server.url, token_provider=lambda: answer["token"])).me().username == "clerk3"
    finally:
        proxy.close()
        server.close()
