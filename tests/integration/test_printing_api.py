"""Seals and the register of receipts over real HTTP: every issued document, slip, receipt and report
comes sealed; the seal verifies offline (training key) and any change is caught; a counter receipt can be
cancelled with a reason while the case has not moved past it, and the register keeps it."""

from __future__ import annotations

import pytest

from kiosk.api_client import ValidationFailed
from kiosk.printing.verify import verify
from tests.integration.test_cases_api import (  # noqa: F401 - fixtures
    DAY, case_clock, chance, current, grant, open_case, pay_current, sandbox,
)
from kiosk.contract import PaymentIn


def test_everything_issued_is_sealed_and_verifies_offline(signed_in, grant, case_clock):
    c = grant.consent_id
    case = open_case(signed_in, c)
    view = signed_in.case(case, c)
    bill = view.current.bill
    assert verify(bill.seal).status == "training" and verify(bill.seal).fields["n"] == bill.bill_id
    receipt = signed_in.training_bank_pay(bill.bill_id, bill.payment_id)
    verdict = verify(receipt.seal)
    assert verdict.status == "training" and verdict.fields["f"]["amount"] == str(bill.amount)
    assert receipt.payer == "زهرا کریمی" and receipt.case_number == case
    order = signed_in.case(case, c).issued[0]
    assert verify(order.seal).fields["k"] == "plan_order"
    tampered = order.seal.replace(order.seal.split(".")[2][:8], order.seal.split(".")[2][:7] + "A", 1)
    assert verify(tampered).status in ("tampered", "not_a_seal")
    assert signed_in.receipt(receipt.receipt_number, c).seal == receipt.seal  # reprint: the same sealed receipt
    # the server's own documents, printed by the kiosk, agree with what the server sealed
    from kiosk.printing.documents import make
    from kiosk.printing.verify import TEXT_AGREES, check_document

    tracking = view.tracking_code
    assert tracking.startswith(case + "-") and receipt.tracking_code == tracking
    for kind, subject, extra in (("slip", bill, {"case_number": tracking}), ("receipt", receipt, {}),
                                 ("plan_order", order, {})):
        verdict = check_document(make(kind, subject, training=True, **extra).pdf)
        assert verdict.status == "training" and (TEXT_AGREES, {}) in verdict.notes, (kind, verdict)
    # Every paper of the case, and the check of its seal, name the case as the citizen quotes it.
    from kiosk.printing.verify import describe, read_pdf
    from kiosk.domain.digits import to_persian_digits

    for kind, subject, extra in (("slip", bill, {"case_number": tracking}), ("receipt", receipt, {}),
                                 ("plan_order", order, {})):
        text = read_pdf(make(kind, subject, training=True, **extra).pdf).text
        assert "کد رهگیری" in text and to_persian_digits(tracking.split("-")[1]) in text, (kind, text)
        rows = dict(describe(verify(subject.seal))[1])
        assert to_persian_digits(tracking) in rows.get("کد رهگیری", ""), (kind, rows)
    # a paper that names another case's code is caught, though the number is right
    # A paper whose code was changed is caught, though the seal and the number are right: another suffix,
    # the code cut to the bare number, its dash moved or taken out.
    suffix = tracking.split("-")[1]
    for code in (case + "-12345678", case, case[:-1] + "-" + case[-1] + suffix, case + suffix):
        forged = make("slip", bill, training=True, case_number=code).pdf
        assert check_document(forged).status == "text_differs", code


def test_a_counter_receipt_is_cancelled_with_a_reason_and_stays_in_the_register(signed_in, grant, case_clock):
    c = grant.consent_id
    case = open_case(signed_in, c)
    bill = signed_in.case(case, c).current.bill
    paid = signed_in.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id, amount=bill.amount,
                                              terminal_ref="5566"))
    assert current(signed_in, case, c)[1] == "inspection"
    with pytest.raises(ValidationFailed) as info:
        signed_in.cancel_receipt(paid.receipt_number, "خطا")
    assert info.value.code == "cancel_reason"
    cancelled = signed_in.cancel_receipt(paid.receipt_number, "مبلغ از کارت برگشت داده شد")
    assert cancelled.cancelled_at and cancelled.cancel_reason.startswith("مبلغ")
    view, stage = current(signed_in, case, c)
    assert stage == "order_payment" and not view.current.bill.paid  # the bill is open again
    again = signed_in.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id, amount=bill.amount,
                                               terminal_ref="5567"))
    register = signed_in.receipts(c)
    assert [(r.receipt_number, bool(r.cancelled_at)) for r in register] == [(again.receipt_number, False),
                                                                            (paid.receipt_number, True)]
    case_clock.advance(2 * DAY)
    assert current(signed_in, case, c)[1] == "designers"
    with pytest.raises(ValidationFailed) as info:
        signed_in.cancel_receipt(again.receipt_number, "اشتباه ثبت شد")
    assert info.value.code == "receipt_case_moved"
    with pytest.raises(ValidationFailed) as info:
        signed_in.receipt("14059999999")
    assert info.value.code == "receipt_not_found"
