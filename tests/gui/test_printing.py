"""Paper at the counter, driven through the real window over real HTTP: preview of a slip and a receipt,
a print that fails with a Persian sentence and «print again», the receipts register (reprint, cancel with
a reason), and the offline authenticity check a USB scanner types into."""

from __future__ import annotations

import pytest

from kiosk.printing import spool
from tests.gui.test_cases import clerk_api, filed_case, open_citizen_cases  # noqa: F401 - fixture
from tests.gui.test_flow import sign_in


@pytest.fixture
def no_printer(monkeypatch):
    monkeypatch.setattr(spool, "printers", lambda: ([], ""))


def test_slip_and_receipt_preview_then_a_print_without_printer(qtbot, window, live_sandbox, clerk_api, no_printer,
                                                               services):
    services.config._values["print_after"] = True  # the receipt's preview opens by itself after the payment
    filed_case(clerk_api, live_sandbox, pay_order=False)
    page = open_citizen_cases(qtbot, window, live_sandbox)
    panel = page.bill_panel
    assert panel.slip_button.isVisible() and not panel.receipt_button.isVisible()
    panel.slip_button.click()
    dialog = panel.print_dialog
    qtbot.waitUntil(lambda: dialog.pages_shown() == 1 and dialog.print_button.isEnabled(), timeout=15000)
    assert dialog.document.kind == "slip" and dialog.document.pdf.startswith(b"%PDF")
    assert dialog.paper.currentData() == "A5" and dialog.paper.findData("thermal") >= 0
    dialog.print_button.click()
    qtbot.waitUntil(lambda: "چاپگری" in dialog.status.text(), timeout=10000)  # no printer: said, not crashed
    assert dialog.print_button.isEnabled() and dialog.print_button.text() == "چاپ دوباره"
    dialog.reject()
    before = panel.print_dialog
    panel.bank_button.click()
    qtbot.waitUntil(lambda: panel.print_dialog is not before, timeout=10000)
    qtbot.waitUntil(lambda: panel.print_dialog.pages_shown() == 1, timeout=15000)
    assert panel.print_dialog.document.kind == "receipt"
    panel.print_dialog.reject()
    qtbot.waitUntil(lambda: page.view.current.stage_id == "inspection", timeout=10000)
    assert not panel.isVisible()  # the inspection has no bill
    page.table.setCurrentCell(0, 0)  # the paid stage: its receipt can be printed (and reprinted) from here
    assert panel.receipt_button.isVisible()
    panel.receipt_button.click()
    receipt = panel.print_dialog
    qtbot.waitUntil(lambda: receipt.pages_shown() == 1, timeout=15000)
    assert receipt.document.kind == "receipt"
    receipt.paper.setCurrentIndex(receipt.paper.findData("thermal"))
    qtbot.waitUntil(lambda: receipt.document.paper == "thermal" and receipt.print_button.isEnabled(), timeout=15000)
    receipt.reject()


def test_the_register_reprints_and_cancels_with_a_reason(qtbot, window, live_sandbox, clerk_api, no_printer):
    from kiosk.contract import PaymentIn
    from tests.gui.test_cases import off_gui_thread

    case = filed_case(clerk_api, live_sandbox, pay_order=False)

    def pay_at_counter():
        from tests.integration.test_sandbox_api import SEEDED, consent_for

        grant = consent_for(clerk_api, live_sandbox, SEEDED)
        bill = clerk_api.case(case, grant.consent_id).current.bill
        return clerk_api.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id,
                                                  amount=bill.amount, terminal_ref="4455"))

    receipt = off_gui_thread(pay_at_counter)
    w = window
    open_citizen_cases(qtbot, w, live_sandbox)
    w.go(w.efile)
    w.efile.receipts_button.click()
    register = w._page("register")
    qtbot.waitUntil(lambda: register.table.rowCount() == 1, timeout=10000)
    register.reprint_button.click()
    qtbot.waitUntil(lambda: register.print_dialog.pages_shown() == 1, timeout=15000)
    register.print_dialog.reject()
    register.cancel_button.click()
    assert register.fields["reason"].error_text()  # a reason is required
    register.reason.setPlainText("مبلغ از کارت برگشت داده شد")
    register.cancel_button.click()
    qtbot.waitUntil(lambda: register.receipts[0].cancelled_at is not None, timeout=10000)
    assert "باطل" in register.table.item(0, 5).text() and receipt.receipt_number in register.receipts[0].receipt_number
    assert not register.cancel_button.isEnabled()
    # the citizen comes back with the paper: its seal is still right, the register says it was cancelled
    w.verify_button.click()
    page = w._page("verify")
    page.code.setText(receipt.seal)
    page.check()
    qtbot.waitUntil(lambda: bool(page.verdict.text()), timeout=10000)
    assert page.verdict.property("kind") == "bad" and "باطل شده" in page.verdict.text()
    assert "مبلغ از کارت برگشت داده شد" in page.verdict.text()


def test_a_scanned_seal_is_checked_offline(qtbot, window, live_sandbox, clerk_api):
    case = filed_case(clerk_api, live_sandbox)
    from tests.gui.test_cases import off_gui_thread
    from tests.integration.test_sandbox_api import SEEDED, consent_for

    seal = off_gui_thread(lambda: clerk_api.case(case, consent_for(clerk_api, live_sandbox, SEEDED).consent_id)
                          .issued[0].seal)
    w = window
    sign_in(qtbot, w)
    w.verify_button.click()
    page = w._page("verify")
    assert w.current() is page
    page.code.setText(seal + "\n")  # the scanner types the code and Enter
    page.code.returnPressed.emit()
    qtbot.waitUntil(lambda: bool(page.verdict.text()), timeout=10000)
    assert "آموزشی" in page.verdict.text() and page.verdict.property("kind") == "training"
    assert "دفتر اسناد شهرداری اعتبار کنونی آن را تأیید" in page.verdict.text()  # the register was asked
    assert any("دستور تهیهٔ نقشه" in v for _k, v in page.details.texts())
    parts = seal.split(".")  # one character of the payload changed
    forged = ".".join(parts[:2] + [parts[2][:-2] + ("A" if parts[2][-2] != "A" else "B") + parts[2][-1], parts[3]])
    page.code.setText(forged)
    page.check()
    qtbot.waitUntil(lambda: page.verdict.property("kind") == "bad", timeout=10000)
    assert "نامعتبر" in page.verdict.text() or "سند شهرداری نیست" in page.verdict.text()
    page.back_button.click()
    assert w.current() is not page


def test_a_scan_of_the_paper_opened_on_the_check_screen_is_read_from_its_qr(qtbot, window, live_sandbox, tmp_path,
                                                                             monkeypatch, clerk_api):
    from tests.gui.test_cases import off_gui_thread
    from tests.integration.test_sandbox_api import SEEDED, consent_for
    from tests.unit.test_verify import PNG, _pdf_and_png

    case = filed_case(clerk_api, live_sandbox)
    order = off_gui_thread(lambda: clerk_api.case(case, consent_for(clerk_api, live_sandbox, SEEDED).consent_id)
                           .issued[0])
    scan = tmp_path / "scan.png"
    scan.write_bytes(_pdf_and_png("plan_order", order)[1])  # the order the server issued, printed and scanned
    invented = tmp_path / "invented.png"
    invented.write_bytes(PNG)  # correctly sealed with the training key, but never issued
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00" * 300)
    w = window
    sign_in(qtbot, w)
    w.verify_button.click()
    page = w._page("verify")
    import kiosk.ui.verify_page as verify_page

    chosen = [str(scan)]
    monkeypatch.setattr(verify_page, "pick_files", lambda *a, **k: list(chosen))
    page.open_button.click()
    qtbot.waitUntil(lambda: page.verdict.property("kind") == "training", timeout=15000)
    assert "مقایسه نشد" in page.verdict.text()  # a picture: the printed text was not compared, and it says so
    assert "اعتبار کنونی" in page.verdict.text()
    chosen[:] = [str(invented)]
    page.open_button.click()
    qtbot.waitUntil(lambda: page.verdict.property("kind") == "bad", timeout=15000)
    assert "سابقه‌ای از این سند نیست" in page.verdict.text()
    chosen[:] = [str(tmp_path / "broken.pdf")]
    page.open_button.click()
    qtbot.waitUntil(lambda: "خوانده نشد" in page.verdict.text(), timeout=15000)
    assert page.verdict.property("kind") == "bad"
