"""Permit intake over real HTTP: parcels, quotes, drafts, documents, submission, payment, catalog."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from kiosk.api_client import ValidationFailed
from kiosk.contract import AttorneyIn, OwnerIn, PaymentIn, PermitSubmission, ProjectSpec
from kiosk.domain.fees import Booklet
from kiosk.domain.identifiers import parse_bill
from tests.integration.test_sandbox_api import SEEDED, consent_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64 + b"IEND\xaeB`\x82"
PROJECT = ProjectSpec(floors=3, floor_area=Decimal(150), units=3, parking=2, use="residential")
OWNER = OwnerIn(national_code=SEEDED[0], first_name="زهرا", last_name="کریمی", share="100")


@pytest.fixture
def grant(signed_in, sandbox):
    return consent_for(signed_in, sandbox, SEEDED)


def upload_all(api, draft_id, consent_id):
    for item in api.checklist(draft_id, consent_id):
        if item.mandatory:
            api.upload_document(draft_id, item.id, PDF, "application/pdf", "سند.pdf", consent_id)


def submission(api, owners=(OWNER,), attorney=None, project=PROJECT, code="8-15-30"):
    quote = api.quote(code, project)
    return PermitSubmission(renovation_code=code, owners=list(owners), attorney=attorney, project=project,
                            accepted_tariff_version=quote.tariff_version, accepted_total=quote.total)


def test_parcel_by_renovation_code_and_by_deed_plate(signed_in):
    p = signed_in.parcel_by_code("۸/۱۵/۳۰")
    assert p.renovation_code == "8-15-30-0-0-0" and p.lot_area == Decimal(250) and p.zone.code == "R2"
    assert p.zone.density_pct == 180 and p.zone.max_floors == 3 and p.illustrative
    assert signed_in.parcel_by_deed("5", "۱۵۲۰", "30").renovation_code == p.renovation_code
    heritage = signed_in.parcel_by_code("3-42-117")
    assert heritage.heritage_site == "میدان نقش جهان" and heritage.heritage_max_floors == 2


@pytest.mark.parametrize("query,code", [({"renovation_code": "8-15-31"}, "parcel_not_found"),
                                        ({"renovation_code": "99-1-1"}, "renovation_code_district"),
                                        ({"deed": ("5", "1520", "x")}, "deed_sub")])
def test_parcel_search_errors(signed_in, query, code):
    with pytest.raises(ValidationFailed) as info:
        if "deed" in query:
            signed_in.parcel_by_deed(*query["deed"])
        else:
            signed_in.parcel_by_code(query["renovation_code"])
    assert info.value.code == code


def test_quote_is_traceable_and_matches_the_local_engine(signed_in):
    quote = signed_in.quote("8-15-30", PROJECT)
    assert quote.zoning.complies and quote.zoning.allowed_total == Decimal(450)
    assert [l.article_id for l in quote.lines] == ["A1", "A2", "A4", "A6"]
    assert quote.total == sum(l.amount for l in quote.lines) and quote.due_now == quote.total - quote.due_at_permit
    local = Booklet.from_dict(signed_in.current_tariff().model_dump()).quote({
        "P": 20_000_000, "S": 450, "S_land": 250, "S_commercial": 0, "units": 3, "parking": 2,
        "parking_shortfall": 1, "years_unpaid": 1})
    assert local.total == quote.total  # the kiosk's estimate is the server's figure


def test_quote_explains_a_request_over_the_zone(signed_in):
    quote = signed_in.quote("8-15-30", ProjectSpec(floors=3, floor_area=Decimal(170), units=3, parking=3))
    assert not quote.zoning.complies
    assert quote.zoning.problems[0].field == "floor_area" and "۱۵۰" in quote.zoning.problems[0].message


def test_draft_saves_and_resumes_only_for_its_citizen(signed_in, sandbox, grant, manual_clock):
    draft = signed_in.create_draft({"step": "parcel"}, grant.consent_id)
    assert len(draft.resume_code) == 8 and draft.resume_code.isdigit() and draft.version == 1
    saved = signed_in.save_draft(draft.draft_id, {"step": "owners", "renovation_code": "8-15-30"}, 1, grant.consent_id)
    assert saved.version == 2
    with pytest.raises(ValidationFailed) as info:
        signed_in.save_draft(draft.draft_id, {"step": "x"}, 1, grant.consent_id)
    assert info.value.code == "draft_stale"
    # another visit: a new one-time code, then the resume code
    again = consent_for(signed_in, sandbox, SEEDED)
    assert signed_in.resume_draft(draft.resume_code, again.consent_id).data["renovation_code"] == "8-15-30"
    other = consent_for(signed_in, sandbox)
    with pytest.raises(ValidationFailed) as info:
        signed_in.resume_draft(draft.resume_code, other.consent_id)
    assert info.value.code == "draft_not_found"
    manual_clock.advance(15 * 24 * 3600)
    signed_in.tokens.token = signed_in.login("clerk1", "amoozesh-1").token
    late = consent_for(signed_in, sandbox, SEEDED)
    with pytest.raises(ValidationFailed):
        signed_in.resume_draft(draft.resume_code, late.consent_id)


def test_documents_are_checked_by_content(signed_in, grant):
    draft = signed_in.create_draft({}, grant.consent_id)
    ids = [i.id for i in signed_in.checklist(draft.draft_id, grant.consent_id)]
    assert "poa" not in ids and {"deed", "owners_ids", "renovation_receipt"} <= set(ids)
    ok = signed_in.upload_document(draft.draft_id, "deed", PNG, "image/png", "سند.png", grant.consent_id)
    assert ok.size == len(PNG) and ok.filename == "سند.png"
    for content, ctype, code in ((b"MZ\x90\0exe", "application/pdf", "file_executable"),
                                 (b"", "image/png", "file_empty"), (PDF[:20], "application/pdf", "file_corrupt"),
                                 (PNG, "application/pdf", "file_type"),
                                 (PDF.replace(b"trailer<<", b"trailer<</Encrypt 5 0 R"), "application/pdf",
                                  "file_encrypted"),
                                 (PNG, "application/zip", "file_type")):
        with pytest.raises(ValidationFailed) as info:
            signed_in.upload_document(draft.draft_id, "deed", content, ctype, "x", grant.consent_id)
        assert info.value.code == code
    with_attorney = signed_in.save_draft(draft.draft_id, {"attorney": {"national_code": "1234567891"}}, 1,
                                         grant.consent_id)
    assert "poa" in [i.id for i in signed_in.checklist(with_attorney.draft_id, grant.consent_id)]


def test_submission_issues_the_order_and_a_valid_slip_once(signed_in, sandbox, grant):
    draft = signed_in.create_draft({}, grant.consent_id)
    with pytest.raises(ValidationFailed) as info:
        signed_in.submit_permit(draft.draft_id, submission(signed_in), grant.consent_id)
    assert info.value.code == "checklist_incomplete" and "سند" in info.value.text
    upload_all(signed_in, draft.draft_id, grant.consent_id)
    application = signed_in.submit_permit(draft.draft_id, submission(signed_in), grant.consent_id)
    assert application.order_number and application.case_number.startswith("140")
    bill = application.bill
    check = parse_bill(bill.bill_id, bill.payment_id)
    assert check.valid and check.service_type == 6 and check.amount_rial == bill.amount == application.quote.due_now
    again = signed_in.submit_permit(draft.draft_id, submission(signed_in), grant.consent_id)
    assert again.case_number == application.case_number and again.bill.bill_id == bill.bill_id
    with sandbox.db.tx() as c:
        assert c.execute("SELECT COUNT(*) FROM bills").fetchone()[0] == 1
    assert signed_in.parcel_by_code("8-15-30").under_application
    other = signed_in.create_draft({}, grant.consent_id)
    upload_all(signed_in, other.draft_id, grant.consent_id)
    with pytest.raises(ValidationFailed) as info:
        signed_in.submit_permit(other.draft_id, submission(signed_in), grant.consent_id)
    assert info.value.code == "parcel_under_application" and application.case_number in info.value.text.translate(
        str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))


@pytest.mark.parametrize("owners,attorney,field", [
    ([OwnerIn(national_code=SEEDED[0], first_name="زهرا", last_name="کریمی", share="60")], None, "owners"),
    ([OWNER, OWNER.model_copy(update={"share": "0"})], None, "owners.1.share"),
    ([OwnerIn(national_code="1234567891", first_name="علی", last_name="محمدی", share="100")], None, "owners"),
    ([OWNER], AttorneyIn(national_code="1234567891", first_name="علی", last_name="محمدی", poa_number="",
                         poa_date=dt.date(2025, 1, 1)), "attorney_poa_number"),
])
def test_owner_rules_are_enforced_by_the_server(signed_in, grant, owners, attorney, field):
    draft = signed_in.create_draft({"attorney": attorney is not None}, grant.consent_id)
    upload_all(signed_in, draft.draft_id, grant.consent_id)
    with pytest.raises(ValidationFailed) as info:
        signed_in.submit_permit(draft.draft_id, submission(signed_in, owners, attorney), grant.consent_id)
    assert field in {p.field for p in info.value.problems}


def test_zoning_is_enforced_by_the_server(signed_in, grant):
    draft = signed_in.create_draft({}, grant.consent_id)
    upload_all(signed_in, draft.draft_id, grant.consent_id)
    big = ProjectSpec(floors=4, floor_area=Decimal(150), units=3, parking=3)
    with pytest.raises(ValidationFailed) as info:
        signed_in.submit_permit(draft.draft_id, submission(signed_in, project=big), grant.consent_id)
    assert info.value.code == "floors_over"


def test_a_changed_tariff_is_announced_not_silent(signed_in, sandbox, grant):
    draft = signed_in.create_draft({}, grant.consent_id)
    upload_all(signed_in, draft.draft_id, grant.consent_id)
    seen = submission(signed_in)
    old = sandbox.app.state.tariff
    data = signed_in.current_tariff().model_dump()
    data["version"] = 2
    data["articles"][0]["formula"] = "3000000"
    sandbox.app.state.tariff = Booklet.from_dict(data)
    with pytest.raises(ValidationFailed) as info:
        signed_in.submit_permit(draft.draft_id, seen, grant.consent_id)
    assert info.value.code == "tariff_changed" and info.value.status == 409
    sandbox.app.state.tariff = old


def test_counter_payment_is_taken_once(signed_in, grant):
    draft = signed_in.create_draft({}, grant.consent_id)
    upload_all(signed_in, draft.draft_id, grant.consent_id)
    bill = signed_in.submit_permit(draft.draft_id, submission(signed_in), grant.consent_id).bill
    with pytest.raises(ValidationFailed) as info:
        signed_in.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id, amount=bill.amount - 1000,
                                           terminal_ref="A1"))
    assert info.value.code == "bill_mismatch"
    key = str(uuid.uuid4())
    payment = PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id, amount=bill.amount, terminal_ref="ref-778")
    receipt = signed_in.pay_at_counter(payment, idempotency_key=key)
    assert signed_in.pay_at_counter(payment, idempotency_key=key) == receipt  # a retry: the same receipt
    with pytest.raises(ValidationFailed) as info:  # a second, separate attempt: refused
        signed_in.pay_at_counter(payment)
    assert info.value.code == "bill_paid" and info.value.status == 409
    with pytest.raises(ValidationFailed):
        signed_in.training_bank_pay(bill.bill_id, bill.payment_id)
    assert signed_in.bill(bill.bill_id).receipt_number == receipt.receipt_number


def test_bank_payment_of_a_slip(signed_in, grant):
    draft = signed_in.create_draft({}, grant.consent_id)
    upload_all(signed_in, draft.draft_id, grant.consent_id)
    bill = signed_in.submit_permit(draft.draft_id, submission(signed_in), grant.consent_id).bill
    receipt = signed_in.training_bank_pay(bill.bill_id, bill.payment_id)
    assert receipt.channel == "bank" and signed_in.bill(bill.bill_id).paid


def test_service_catalog_and_a_form_service(signed_in, grant):
    services = signed_in.services()
    assert len(services) >= 10 and len({s.id for s in services}) == len(services)
    complaint = next(s for s in services if s.id == "complaint")
    with pytest.raises(ValidationFailed) as info:
        signed_in.request_service("complaint", {"subject": "nope"}, grant.consent_id)
    assert {p.field for p in info.value.problems} == {"subject", "description"}
    receipt = signed_in.request_service("complaint", {"subject": "roads", "description": "چاله در خیابان"},
                                        grant.consent_id)
    assert receipt.title == complaint.title and receipt.due_by >= dt.date.today()
    with pytest.raises(ValidationFailed) as info:
        signed_in.request_service("building_permit", {}, grant.consent_id)
    assert info.value.code == "service_kind"


def test_no_tariff_for_the_year_is_a_persian_sentence(tmp_path):
    import datetime as _dt

    from kiosk.api_client import ApiSession, KioskApi, ServerError
    from kiosk.sandbox.app import SandboxSettings
    from kiosk.sandbox.clock import ManualClock
    from kiosk.sandbox.server import SandboxServer

    clock = ManualClock(_dt.datetime(2028, 6, 1, 9, 0, tzinfo=_dt.timezone.utc))  # Jalali 1407
    server = SandboxServer(tmp_path / "live.sqlite3", clock=clock, settings=SandboxSettings(training=False))
    server.start()
    try:
        api = KioskApi(ApiSession(server.url, get_retries=0))
        token = api.login("clerk1", "amoozesh-1").token
        api.session.token_provider = lambda: token
        with pytest.raises(ServerError) as info:
            api.quote("8-15-30", PROJECT)
        assert info.value.code == "tariff_missing" and "تعرفه" in info.value.text and not info.value.translatable
    finally:
        server.close()
