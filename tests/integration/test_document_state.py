"""The register of sealed documents over real HTTP: a seal that verifies offline is also asked of the server,
which says whether the document still stands — a cancelled receipt, a replaced permit and a paid slip are
said so, a seal the server never issued is "not on record", and an unreachable server leaves the offline
verdict saying it could not ask. `kiosk verify` does the same from the command line."""

from __future__ import annotations

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.__main__ import main
from kiosk.api_client import ApiError
from kiosk.contract import PaymentIn
from kiosk.printing.verify import (OFFLINE, STATE_PAID, STATE_VALID, UNREACHABLE, confirm_online, describe,
                                   verify)
from kiosk.sandbox.seal import load_sealer
from tests.integration.test_cases_api import (  # noqa: F401 - fixtures
    DAY, case_clock, chance, declared, grant, open_case, pay_current, sandbox, send_drawings, uploads,
)


def online(seal: str, api):
    return confirm_online(verify(seal), api, training=True)


def notes(verdict):
    return [text for text, _params in verdict.notes]


def test_a_cancelled_receipt_is_not_valid_and_says_when_and_why(signed_in, grant):
    c = grant.consent_id
    case = open_case(signed_in, c)
    bill = signed_in.case(case, c).current.bill
    paid = signed_in.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id, amount=bill.amount,
                                              terminal_ref="7788"))
    before = online(paid.seal, signed_in)
    assert before.status == "training" and STATE_VALID in notes(before) and OFFLINE not in notes(before)
    signed_in.cancel_receipt(paid.receipt_number, "مبلغ از کارت برگشت داده شد")
    after = online(paid.seal, signed_in)
    assert after.status == "cancelled" and after.exit_code == 2
    sentence, rows = describe(after)
    assert "باطل" in sentence and "مبلغ از کارت برگشت داده شد" in sentence
    assert verify(paid.seal).status == "training"  # offline the paper still looks right: only the register knows


def test_a_paid_slip_warns_not_to_pay_again(signed_in, grant):
    c = grant.consent_id
    case = open_case(signed_in, c)
    bill = pay_current(signed_in, case, c)
    verdict = online(bill.seal, signed_in)
    assert verdict.status == "training" and STATE_PAID in notes(verdict)
    receipt = signed_in.receipts(c)[0].receipt_number
    sentence, _rows = describe(verdict)
    from kiosk.domain.digits import to_persian_digits

    assert "پرداخت شده" in sentence and to_persian_digits(receipt) in sentence


def permit_of(api, uploads, case_clock, consent) -> tuple[str, object]:
    case = open_case(api, consent)
    pay_current(api, case, consent)
    case_clock.advance(5 * DAY)
    send_drawings(api, uploads, case, consent)
    api.submit_drawings(case, declared(area=440), consent)
    case_clock.advance(4 * DAY)
    pay_current(api, case, consent)
    case_clock.advance(2 * DAY)
    view = api.case(case, consent)
    return case, next(d for d in view.issued if d.kind == "permit")


def test_a_replaced_permit_points_to_its_successor_which_is_valid(signed_in, grant, case_clock, uploads):
    c = grant.consent_id
    case, permit = permit_of(signed_in, uploads, case_clock, c)
    assert online(permit.seal, signed_in).status == "training"
    with pytest.raises(ApiError) as info:
        signed_in.training_replace_document(permit.number, "کم")
    assert info.value.code == "replace_reason"
    order = signed_in.case(case, c).issued[0]
    with pytest.raises(ApiError) as info:  # an order is not a document the back office replaces
        signed_in.training_replace_document(order.number, "نسخهٔ المثنی برای مالک")
    assert info.value.code == "document_not_replaceable"
    new = signed_in.training_replace_document(permit.number, "نسخهٔ المثنی به جای نسخهٔ مفقود")
    assert new.number != permit.number and new.data["replaces"] == permit.number
    old = online(permit.seal, signed_in)
    assert old.status == "replaced" and old.exit_code == 2
    sentence, _rows = describe(old)
    from kiosk.domain.digits import to_persian_digits

    assert to_persian_digits(new.number) in sentence and "مفقود" in sentence
    view = signed_in.case(case, c)
    current = next(d for d in view.issued if d.kind == "permit")
    assert current.number == new.number and current.seal != permit.seal
    assert online(current.seal, signed_in).status == "training"  # the successor stands
    assert "document_replaced" in [e.kind for e in view.history]
    with pytest.raises(ApiError) as info:  # replaced once: the old number is gone from the issued documents
        signed_in.training_replace_document(permit.number, "نسخهٔ المثنی دوباره")
    assert info.value.code == "document_not_replaceable"


def test_a_seal_the_server_never_issued_is_not_on_record(signed_in, grant):
    sealer = load_sealer(True)  # the training key itself: the signature is right, the register knows nothing
    invented = sealer.seal("receipt", "14050000001", case="1405-01-000999",
                           figures={"amount": "1000000"}, date=None)
    verdict = online(invented, signed_in)
    assert verdict.status == "not_on_record" and verdict.exit_code == 2
    c = grant.consent_id
    case = open_case(signed_in, c)
    order = signed_in.case(case, c).issued[0]
    fields = verify(order.seal).fields
    moved = sealer.seal(fields["k"], fields["n"], case="1405-01-999999", parcel=fields["p"], holder=fields["h"],
                        figures=fields["f"], date=None)  # a real number under another case
    assert online(moved, signed_in).status == "not_on_record"


def test_the_register_is_asked_without_the_clerks_token_and_names_no_person(signed_in, sandbox, grant):
    c = grant.consent_id
    case = open_case(signed_in, c)
    order = signed_in.case(case, c).issued[0]
    answer = requests.get(f"{sandbox.url}/api/v1/documents/state", params={"seal": order.seal}, timeout=10)
    assert answer.status_code == 200
    body = answer.json()
    assert body["state"] == "valid" and body["number"] == order.number
    assert "زهرا" not in answer.text and "کریمی" not in answer.text


def test_an_unreachable_server_leaves_the_offline_verdict_and_says_so(signed_in, grant):
    c = grant.consent_id
    order = signed_in.case(open_case(signed_in, c), c).issued[0]

    class Down:
        def document_state(self, seal):
            raise requests.ConnectionError("down")

    class Elsewhere:  # a server answering for another document than the one asked about
        def document_state(self, seal):
            return signed_in.document_state(seal).model_copy(update={"number": "1"})

    for api in (Down(), Elsewhere()):
        verdict = confirm_online(verify(order.seal), api, training=True)
        assert verdict.status == "training" and UNREACHABLE in notes(verdict)
    verdict = confirm_online(verify(order.seal), signed_in, training=False)  # a live server knows no training paper
    assert verdict.status == "training" and OFFLINE in notes(verdict)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seal=st.one_of(st.text(max_size=400), st.text(alphabet="IK1.-_ABCabc0123=", max_size=600),
                      st.binary(max_size=200).map(lambda b: "IK1." + b.hex())))
def test_any_seal_text_is_answered_404_or_422_never_a_server_error(sandbox, seal):
    answer = requests.get(f"{sandbox.url}/api/v1/documents/state", params={"seal": seal}, timeout=10)
    assert answer.status_code in (404, 422), (answer.status_code, answer.text)
    error = answer.json()["error"]
    assert error["code"] and any("\u0600" <= ch <= "\u06ff" for ch in error["message"]), answer.text


def test_the_command_asks_the_server_it_is_given(signed_in, sandbox, grant, capsys):
    c = grant.consent_id
    case = open_case(signed_in, c)
    bill = signed_in.case(case, c).current.bill
    paid = signed_in.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id, amount=bill.amount,
                                              terminal_ref="9911"))
    assert main(["--server", sandbox.url, "verify", paid.seal]) == 1  # a training document, in force
    said = capsys.readouterr().out
    assert "آموزشی" in said and "دفتر" in said
    signed_in.cancel_receipt(paid.receipt_number, "پرداخت تکراری بود")
    assert main(["--server", sandbox.url, "verify", paid.seal]) == 2
    said = capsys.readouterr().out
    assert "باطل" in said and "پرداخت تکراری بود" in said
    assert main(["--server", sandbox.url, "verify", "--offline", paid.seal]) == 1  # not asked: it says so
    assert "بدون اتصال" in capsys.readouterr().out
    assert main(["--server", "http://127.0.0.1:9", "verify", paid.seal]) == 1
    said = capsys.readouterr().out
    assert "دسترس" in said
