"""Fixed documents for the golden-image tests and the samples in docs/printing (no clock, no server)."""

from __future__ import annotations

import datetime as dt

from kiosk.contract import Bill, DelayReport, Draft, IssuedDocument, PaymentReceipt, QuoteLineOut
from kiosk.domain.identifiers import make_bill_id, make_payment_id

AT = dt.datetime(2026, 11, 25, 7, 5, tzinfo=dt.timezone.utc)
BILL_ID = make_bill_id("800001", "135", 6)
PAYMENT_ID = make_payment_id(BILL_ID, 77_500_000, 5, 1)
HOLDER = "زهرا کریمی"
PARCEL = {"case_number": "14050800001", "tracking_code": "14050800001-48213307", "renovation_code": "8-15-30-0-0-0", "deed_section": "5", "deed_main": "1520",
          "deed_sub": "30", "address": "اصفهان، خیابان چهارباغ بالا، کوچهٔ ۱۲ (شهید بهشتی)، پلاک ۳۰",
          "holder": HOLDER, "zone": "R2", "zone_title": "مسکونی میان‌تراکم"}


def samples(sealer=None) -> dict[str, tuple[str, object, dict]]:
    """kind name → (document kind, subject, extra arguments); sealed with ``sealer`` if given."""
    def seal(kind, number, **kw):
        return sealer.seal(kind, number, case="14050800001", parcel="8-15-30-0-0-0", holder=HOLDER, date=AT,
                           **kw) if sealer else None

    lines = [QuoteLineOut(article_id="A1", title="کارمزد تشکیل پرونده و بررسی", formula_words="مبلغ ثابت", inputs={},
                          amount=2_500_000, stage="order"),
             QuoteLineOut(article_id="A2", title="عوارض نوسازی معوق", formula_words="سال‌های پرداخت‌نشده × ۱٫۵٪ × قیمت منطقه‌ای × مساحت زمین",
                          inputs={"years_unpaid": "2", "P": "12500000", "S_land": "200"},
                          band="100 < S_land ≤ 300 → 0.015", amount=75_000_000, stage="order")]
    bill = Bill(bill_id=BILL_ID, payment_id=PAYMENT_ID, amount=77_500_000, title="عوارض و کارمزد مرحلهٔ دستور تهیهٔ نقشه",
                items=lines, issued_at=AT, seal=seal("slip", BILL_ID, figures={"amount": "77500000"}))
    receipt = PaymentReceipt(receipt_number="14050000012", bill_id=BILL_ID, payment_id=PAYMENT_ID, amount=77_500_000,
                             paid_at=AT, channel="counter_pos", terminal_ref="778899", title=bill.title,
                             case_number="14050800001", payer=HOLDER,
                             seal=seal("receipt", "14050000012", figures={"amount": "77500000"}))
    order = IssuedDocument(kind="plan_order", number="1405-000001", issued_at=AT,
                           data={**PARCEL, "floors": "3", "floor_area": "150", "units": "3", "parking": "2",
                                 "use": "مسکونی"},
                           seal=seal("plan_order", "1405-000001", figures={"floors": "3"}))
    permit = IssuedDocument(kind="permit", number="1405-08-00001", issued_at=AT,
                            data={**PARCEL, "use": "مسکونی", "floors": "3", "units": "3", "total_area": "440.0",
                                  "height": "10.0", "parking": "2", "designer": "مهندس مریم صفوی (معماری)",
                                  "supervisor": "مهندس علی رضایی", "valid_until": "1407/09/04"},
                            seal=seal("permit", "1405-08-00001", figures={"floors": "3", "total_area": "440.0"}))
    certificate = IssuedDocument(kind="certificate", number="140508700001", issued_at=AT,
                                 data={**PARCEL, "permit_number": "1405-08-00001", "built_area": "475",
                                       "permitted_area": "440.0", "violation": "yes", "fine": "1400000000",
                                       "supervisor": "مهندس علی رضایی"},
                                 seal=seal("certificate", "140508700001", figures={"violation": "yes"}))
    report = DelayReport(report_number="38901405000001", stage_id="heritage_inquiry", stage_title="استعلام میراث فرهنگی",
                         kind="delay", days_overdue=4, text="دو هفته است منتظر پاسخ میراث فرهنگی هستیم (پرونده در حریم)",
                         filed_at=AT, seal=seal("delay_report", "38901405000001", figures={"days_overdue": "4"}))
    draft = Draft(draft_id="d1", kind="building_permit", resume_code="44860773", national_code="0499370899", version=3,
                  data={}, created_at=AT, updated_at=AT, expires_at=AT + dt.timedelta(days=14))
    from kiosk.printing.documents import ReconciliationSlip

    reconciliation = ReconciliationSlip(
        reference="48213300917520064418", bill_id=BILL_ID, payment_id=PAYMENT_ID, amount=77_500_000,
        terminal_ref="778899", label="پرداخت کارتی قبض " + BILL_ID, clerk="clerk1", taken_at=AT,
        reason="این قبض پیش‌تر در بانک پرداخت شده است.", number="140580000003")
    return {
        "slip": ("slip", bill, {"case_number": PARCEL["tracking_code"], "holder": HOLDER, "address": PARCEL["address"],
                          "titles": {"years_unpaid": "سال‌های پرداخت‌نشده", "P": "قیمت منطقه‌ای", "S_land": "مساحت زمین"}}),
        "receipt": ("receipt", receipt, {"address": PARCEL["address"]}),
        "plan_order": ("plan_order", order, {}),
        "permit": ("permit", permit, {}),
        "certificate": ("certificate", certificate, {}),
        "delay_report": ("delay_report", report, {"case_number": PARCEL["tracking_code"]}),
        "resume": ("resume", draft, {}),
        "reconciliation": ("reconciliation", reconciliation, {}),
    }
