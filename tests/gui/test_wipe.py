"""The privacy wipe with requests still on their way, through the real window over real HTTP.

For every citizen flow (lookup, one-time code, e-file, permit search and uploads, catalog, case page,
register, check screen, print preview) a request is held on its worker thread, the visit ends («شهروند
بعدی» / the idle countdown), then the request is let go and completes at the server. Its answer must be
dropped: nothing of the citizen reappears in the visit, on any screen or dialog, and Ctrl+Z on every input
afterwards brings nothing back. A request queued in the outbox is still sent (it is the counter's, not the
screen's) but its answer is not shown to the next citizen.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

from kiosk.domain.digits import to_persian_digits
from tests.gui.conftest import type_text
from tests.gui.test_cases import clerk_api  # noqa: F401 - a fixture
from tests.gui.test_counter import CITIZEN, visible_texts
from tests.gui.test_flow import SEEDED_CITIZEN, latest_code, request_code, sign_in
from tests.gui.test_permit_wizard import PDF, Keys, open_file, to_building_step


class Held:
    """Holds every call of ``obj.name`` on its worker thread until released: a request in flight."""

    def __init__(self, monkeypatch, obj, name: str):
        self.entered = threading.Event()
        self.release = threading.Event()
        self.returned = threading.Event()
        original = getattr(obj, name)

        def held(*args, **kwargs):
            self.entered.set()
            assert self.release.wait(30), "the test never released the held call"
            try:
                return original(*args, **kwargs)
            finally:
                self.returned.set()

        monkeypatch.setattr(obj, name, held)


def wipe_in_flight(qtbot, w, services, held: Held, *, dropped: bool = True) -> None:
    """Ends the visit while ``held`` is on its way, then lets it finish and its answer land."""
    qtbot.waitUntil(held.entered.is_set, timeout=10000)
    before = services.runner.dropped
    w.next_citizen()
    held.release.set()
    qtbot.waitUntil(held.returned.is_set, timeout=20000)
    if dropped:
        qtbot.waitUntil(lambda: services.runner.dropped > before, timeout=10000)
    qtbot.wait(50)  # anything queued behind the answer lands too


def text_inputs():
    for top in QApplication.topLevelWidgets():
        yield from top.findChildren(QLineEdit)
        yield from top.findChildren(QPlainTextEdit)
        yield from top.findChildren(QTextEdit)


def texts_after_undo() -> list[str]:
    """Ctrl+Z (and the undo slot, and redo) on every input of every window, open or hidden."""
    found = []
    for edit in text_inputs():
        for _ in range(3):
            QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            edit.undo()
        edit.redo()
        found.append(edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText())
    return found


def leaks(texts: list[str], extra: tuple[str, ...] = ()) -> list[str]:
    needles = set(CITIZEN) | set(extra)
    needles |= {to_persian_digits(n) for n in needles}
    return [f"{n!r} in {t[:60]!r}" for t in texts for n in needles if n and n in t]


def assert_nothing_left(w, services, extra: tuple[str, ...] = ()) -> None:
    visit = services.visit
    assert (visit.national_code, visit.mobile, visit.challenge, visit.consent, visit.efile, visit.permit) == \
        (None,) * 6
    assert w.current() is w.lookup
    assert leaks(visible_texts(), extra) == []
    assert leaks(texts_after_undo(), extra) == []
    assert not w.banner.isVisible(), w.banner.text()  # no late error of the last citizen's request
    assert not services.unhandled


@pytest.fixture
def scan(services, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(PDF)
    services.pick_file = lambda parent, title: str(path)
    return path


def test_a_code_request_in_flight_at_the_wipe_opens_no_code_screen(qtbot, window, services, monkeypatch):
    w = window
    sign_in(qtbot, w)
    held = Held(monkeypatch, services.api, "request_otp")
    type_text(w.lookup.national_code, SEEDED_CITIZEN)
    type_text(w.lookup.mobile, "09131234567")
    QTest.keyClick(w.lookup.mobile, Qt.Key.Key_Return)
    wipe_in_flight(qtbot, w, services, held)
    assert w.otp.challenge is None and w.lookup.submit.isEnabled()
    assert_nothing_left(w, services)


def test_a_code_check_in_flight_at_the_wipe_grants_no_consent(qtbot, window, live_sandbox, services, monkeypatch):
    w = window
    sign_in(qtbot, w)
    request_code(qtbot, w, SEEDED_CITIZEN, "09131234567")
    held = Held(monkeypatch, services.api, "verify_otp")
    type_text(w.otp.code, latest_code(live_sandbox, "09131234567"))
    QTest.keyClick(w.otp.code, Qt.Key.Key_Return)
    wipe_in_flight(qtbot, w, services, held)
    assert_nothing_left(w, services)


def test_an_efile_save_in_flight_at_the_wipe_installs_no_file(qtbot, window, live_sandbox, services, monkeypatch):
    w = window
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, Keys())
    w.efile.edit_button.click()
    w.efile.address.setPlainText("اصفهان، خیابان کریمی، کوچهٔ ۴")
    held = Held(monkeypatch, services.api, "update_efile")
    w.efile.save_button.click()
    wipe_in_flight(qtbot, w, services, held)
    assert w.efile.mode == "view"
    assert_nothing_left(w, services, extra=("خیابان کریمی",))


def test_a_parcel_search_in_flight_at_the_wipe_shows_no_parcel(qtbot, window, live_sandbox, services, monkeypatch):
    w = window
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, Keys())
    w.efile.permit_button.click()
    wz = w.wizard
    held = Held(monkeypatch, services.api, "parcel_by_code")
    type_text(wz.parcel_step.renovation_code, "3-42-117")  # (8-15-30 is the field's own example)
    QTest.keyClick(wz.parcel_step.renovation_code, Qt.Key.Key_Return)
    wipe_in_flight(qtbot, w, services, held)
    assert wz.parcel_step.parcel is None and not wz.parcel_step.card.isVisible()
    assert_nothing_left(w, services, extra=("3-42-117", "117-42-3"))


def test_an_upload_of_the_last_citizen_binds_into_no_row_of_the_next(qtbot, window, live_sandbox, services, scan,
                                                                     monkeypatch, tmp_path):
    from kiosk.permit import TariffCache

    services.tariffs = TariffCache(tmp_path / "tariff.json")
    w = window
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, Keys())
    wz = to_building_step(qtbot, w, Keys())
    ps = wz.project_step
    ps.floors.setValue(2)
    type_text(ps.floor_area, "140")
    ps.units.setValue(2)
    ps.parking.setValue(2)
    qtbot.waitUntil(lambda: wz.intake.quote is not None, timeout=10000)
    wz.next()
    docs = wz.documents_step
    qtbot.waitUntil(lambda: bool(docs.rows), timeout=10000)
    first_draft = wz.intake.draft.draft_id
    item_id = next(i for i, r in docs.rows.items() if r["item"].mandatory)
    held = Held(monkeypatch, services.uploads, "run")
    docs.rows[item_id]["button"].click()
    qtbot.waitUntil(held.entered.is_set, timeout=10000)
    before = services.runner.dropped
    w.next_citizen()

    # The next visit gets as far as the same checklist row of a new request before the old file lands.
    open_file(qtbot, w, live_sandbox, Keys())
    wz = to_building_step(qtbot, w, Keys())
    ps = wz.project_step
    ps.floors.setValue(2)
    type_text(ps.floor_area, "140")
    ps.units.setValue(2)
    ps.parking.setValue(2)
    qtbot.waitUntil(lambda: wz.intake.quote is not None, timeout=10000)
    wz.next()
    qtbot.waitUntil(lambda: item_id in docs.rows, timeout=10000)
    assert wz.intake.draft.draft_id != first_draft
    held.release.set()
    qtbot.waitUntil(held.returned.is_set, timeout=20000)
    qtbot.waitUntil(lambda: services.runner.dropped > before, timeout=10000)
    qtbot.wait(50)
    row = docs.rows[item_id]
    assert row["item"].document is None  # the last citizen's file is not in this one's checklist
    assert "٪" not in row["state"].text() and "%" not in row["state"].text()
    assert all(i.document is None for i in wz.intake.checklist if i.id == item_id)
    assert row["button"].isEnabled()


def test_a_service_request_queued_at_the_wipe_is_sent_but_not_shown(qtbot, window, live_sandbox, services,
                                                                    monkeypatch):
    w = window
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, Keys())
    w.efile.services_button.click()
    catalog = w.catalog
    qtbot.waitUntil(lambda: catalog.list.count() >= 10, timeout=10000)
    row = next(i for i in range(catalog.list.count()) if catalog.list.item(i).text() == "ثبت شکایت یا پیشنهاد")
    catalog.list.setCurrentRow(row)
    combo = catalog.form.fields["subject"].editor
    combo.setCurrentIndex(combo.findData("roads"))
    catalog.form.fields["description"].editor.setPlainText("چاله‌ای جلوی خانهٔ کریمی")
    held = Held(monkeypatch, services.outbox.store, "add")
    catalog.submit.click()
    wipe_in_flight(qtbot, w, services, held, dropped=False)
    qtbot.waitUntil(lambda: services.outbox.counts().get("queued", 0) == 0 and
                    services.outbox.counts().get("sending", 0) == 0, timeout=15000)
    with live_sandbox.db.tx() as c:  # sent once, to the server, for the citizen who asked
        assert c.execute("SELECT COUNT(*) FROM service_requests").fetchone()[0] == 1
    assert catalog.filed is None and not catalog.pending and not catalog.receipt.isVisible()
    assert catalog.submit.isEnabled() or catalog.service() is None
    assert_nothing_left(w, services, extra=("خانهٔ کریمی",))


def test_the_case_list_in_flight_at_the_wipe_shows_no_case(qtbot, window, live_sandbox, services, monkeypatch):
    w = window
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, Keys())
    held = Held(monkeypatch, services.api, "cases_of")
    w.efile.cases_button.click()
    wipe_in_flight(qtbot, w, services, held)
    page = w.case_page
    assert page.view is None and page.table.rowCount() == 0
    assert_nothing_left(w, services)


def test_the_register_and_a_print_preview_in_flight_at_the_wipe_show_nothing(qtbot, window, live_sandbox, services,
                                                                              clerk_api, monkeypatch):
    from kiosk.contract import PaymentIn
    from kiosk.printing import spool
    from tests.gui.test_cases import filed_case, off_gui_thread
    from tests.integration.test_sandbox_api import SEEDED, consent_for

    case = filed_case(clerk_api, live_sandbox, pay_order=False)

    def pay_at_counter():
        grant = consent_for(clerk_api, live_sandbox, SEEDED)
        bill = clerk_api.case(case, grant.consent_id).current.bill
        return clerk_api.pay_at_counter(PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id,
                                                  amount=bill.amount, terminal_ref="4455"))

    receipt = off_gui_thread(pay_at_counter)
    numbers = (receipt.receipt_number, case)
    w = window
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, Keys())
    held = Held(monkeypatch, services.api, "receipts")
    w.efile.receipts_button.click()
    wipe_in_flight(qtbot, w, services, held)
    register = w._page("register")
    assert register.table.rowCount() == 0
    assert_nothing_left(w, services, extra=numbers)

    # The next visit: the receipt's preview is being drawn when the visit ends.
    monkeypatch.undo()
    open_file(qtbot, w, live_sandbox, Keys())
    w.efile.receipts_button.click()
    qtbot.waitUntil(lambda: register.table.rowCount() == 1, timeout=10000)
    held = Held(monkeypatch, spool, "page_images")
    register.reprint_button.click()
    dialog = register.print_dialog
    wipe_in_flight(qtbot, w, services, held)
    assert not dialog.isVisible() and dialog.document is None and dialog.pages_shown() == 0
    assert register.table.rowCount() == 0
    assert_nothing_left(w, services, extra=numbers)


def test_a_check_in_flight_at_the_wipe_shows_no_verdict(qtbot, window, services, monkeypatch):
    from kiosk.printing import verify

    w = window
    sign_in(qtbot, w)
    w.open_verify()
    page = w._page("verify")
    held = Held(monkeypatch, verify, "check_document")
    type_text(page.code, "IK1." + SEEDED_CITIZEN)
    page.check()
    wipe_in_flight(qtbot, w, services, held)
    assert not page.verdict.text()
    w.go(w.lookup)
    assert_nothing_left(w, services)


def test_ctrl_z_after_a_wipe_brings_back_nothing_typed_anywhere(qtbot, window, live_sandbox, services, scan):
    """No request in flight: every input of the visit typed into, then the wipe, then undo everywhere."""
    w = window
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, Keys())
    w.efile.edit_button.click()
    for edit in (w.efile.first_name, w.efile.last_name):
        type_text(edit, edit.text() + " کریمی")
    w.efile.address.setPlainText("اصفهان، خیابان کریمی")
    w.efile.cancel_edit()
    w.open_verify()
    type_text(w._page("verify").code, SEEDED_CITIZEN)
    w.go(w.efile)
    w.efile.permit_button.click()
    type_text(w.wizard.parcel_step.renovation_code, "3-42-117")
    w.next_citizen()
    assert_nothing_left(w, services, extra=("خیابان کریمی", "3-42-117", "117-42-3"))
