"""Case tracking driven through the real window over real HTTP: the timeline with deadlines, paying a
stage's bill, uploading drawings, a delay report to 3890 through the outbox, the public view by tracking
code, and the clerk's case notifications. Cases are set up through the API (as another counter would),
on a worker thread like any network call."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea

import re

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.api_client import ApiSession, KioskApi
from kiosk.domain.digits import to_ascii_digits
from tests.gui.conftest import type_text
from tests.gui.test_flow import sign_in
from tests.gui.test_permit_wizard import PDF, Keys, open_file
from tests.integration.test_cases_api import open_case
from tests.integration.test_sandbox_api import SEEDED, consent_for

DAY = 86400


def off_gui_thread(fn):
    """Runs ``fn`` on a plain thread (the GUI thread must never send HTTP, even in a test's set-up)."""
    box = {}

    def target():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            box["error"] = exc

    t = threading.Thread(target=target)
    t.start()
    t.join(60)
    if "error" in box:
        raise box["error"]
    return box["value"]


@pytest.fixture
def clerk_api(live_sandbox):
    """The same clerk at another counter: files cases that then show in this window."""
    def login():
        api = KioskApi(ApiSession(live_sandbox.url, token_provider=lambda: holder["token"]))
        holder["token"] = api.login("clerk1", "amoozesh-1").token
        return api

    holder = {"token": None}
    return off_gui_thread(login)


def filed_case(clerk_api, sandbox, code="8-15-30", project=None, pay_order=True):
    from tests.integration.test_permit_api import PROJECT

    def work():
        grant = consent_for(clerk_api, sandbox, SEEDED)
        case = open_case(clerk_api, grant.consent_id, code=code, project=project or PROJECT)
        if pay_order:
            bill = clerk_api.case(case, grant.consent_id).current.bill
            clerk_api.training_bank_pay(bill.bill_id, bill.payment_id)
        return case

    return off_gui_thread(work)


def advance(sandbox, days: float):
    sandbox.app.state.case_clock.advance(days * DAY)


def open_citizen_cases(qtbot, w, sandbox):
    sign_in(qtbot, w)
    open_file(qtbot, w, sandbox, Keys())
    w.efile.cases_button.click()
    page = w.case_page
    qtbot.waitUntil(lambda: page.view is not None, timeout=10000)
    return page


def current_row_texts(page):
    row = page.table.currentRow()
    return [page.table.item(row, c).text() for c in range(page.table.columnCount())]


def test_the_timeline_pays_a_stage_and_sends_the_drawings(qtbot, window, live_sandbox, clerk_api, services,
                                                          tmp_path):
    case = filed_case(clerk_api, live_sandbox, pay_order=False)
    w = window
    page = open_citizen_cases(qtbot, w, live_sandbox)
    assert to_ascii_digits(page.title.text()).find(case) >= 0 and page.view.personal
    assert "قبض" in page.next_step.text() and "ریال" in page.next_step.text()
    assert page.bill_panel.isVisible() and "در جریان" in current_row_texts(page)
    assert "روز مانده" in current_row_texts(page)[5]
    page.bill_panel.bank_button.click()  # training: the citizen pays at a bank
    qtbot.waitUntil(lambda: page.view.current.stage_id == "inspection", timeout=10000)
    page.week_button.click()
    qtbot.waitUntil(lambda: page.view.current.stage_id == "drawings", timeout=10000)
    done = [page.table.item(r, 4).text() for r in range(page.table.rowCount())]
    assert "لازم نیست" in done  # the heritage inquiry does not apply to this parcel
    assert page.drawings_button.isVisible() and page.view.designer in page.summary.text()

    drawing = tmp_path / "drawing.pdf"
    drawing.write_bytes(PDF)
    services.pick_file = lambda parent, title: str(drawing)
    page.drawings_button.click()
    dialog = page.dialog
    dialog.send_button.click()
    assert "عدد" in dialog.form.fields["floors"].error_text() or dialog.form.fields["floors"].error_text()
    for sheet in ("architecture", "structure", "installations"):
        dialog.rows[sheet]["button"].click()
        qtbot.waitUntil(lambda s=sheet: dialog.rows[s]["done"], timeout=10000)
    for key, value in (("floors", "4"), ("total_area", "450"), ("units", "3"), ("height", "10")):
        type_text(dialog.editors[key], value)
    dialog.send_button.click()  # four floors are more than the approved three: said beside the field
    qtbot.waitUntil(lambda: bool(dialog.form.fields["floors"].error_text()), timeout=10000)
    assert "۳" in dialog.form.fields["floors"].error_text()
    dialog.editors["floors"].clear()
    type_text(dialog.editors["floors"], "3")
    dialog.send_button.click()
    qtbot.waitUntil(lambda: page.view.current.stage_id == "drawings_review", timeout=10000)
    assert not dialog.isVisible() and not page.drawings_button.isVisible()
    page.tabs.setCurrentWidget(page.documents)
    texts = [page.documents.item(i).text() for i in range(page.documents.count())]
    assert sum("نقشه" in t for t in texts) >= 3


def test_an_overdue_stage_is_reported_to_3890_and_the_public_view_hides_the_citizen(qtbot, window, live_sandbox,
                                                                                    clerk_api):
    from decimal import Decimal

    from kiosk.contract import ProjectSpec

    project = ProjectSpec(floors=2, floor_area=Decimal(100), units=2, parking=2)
    case = filed_case(clerk_api, live_sandbox, code="3-42-117", project=project)
    advance(live_sandbox, 2 + 11)  # inspection, then heritage is a day past its ten days
    w = window
    page = open_citizen_cases(qtbot, w, live_sandbox)
    assert page.view.current.stage_id == "heritage_inquiry"
    row = current_row_texts(page)
    assert "روز تأخیر" in row[5] and page.table.item(page.table.currentRow(), 5).foreground().color().red() > 150
    assert "۳۸۹۰" in page.next_step.text() and page.report_button.isVisible()
    # On a 1366×768 screen (698 px for the window) the chosen stage's pane shows its title and first rows
    # (it was a 60-pixel strip with its own scroll bar).
    w.resize(1366, 698)
    qtbot.waitUntil(lambda: page.stage_title.isVisible() and bool(page.stage_title.text()), timeout=3000)
    pane = page.stage_detail.parentWidget()
    while pane is not None and not isinstance(pane, QScrollArea):
        pane = pane.parentWidget()
    assert pane.height() >= 100, pane.height()
    page.report_button.click()
    dialog = page.dialog
    assert dialog.delay.isChecked() and "میراث" in dialog.delay_info.text()
    type_text(dialog.text, "دو هفته است منتظر پاسخ میراث هستیم")
    dialog.send_button.click()
    qtbot.waitUntil(lambda: len(page.view.reports) == 1, timeout=15000)
    assert "۳۸۹۰" in page.notice.text()
    assert page.reports.count() == 1 and "تأخیر" in page.reports.item(0).text()
    code = page.view.tracking_code
    assert code.startswith(case + "-")

    # another citizen walks in with only the tracking code: the public view
    w.next_citizen()
    w.lookup.track_button.click()
    assert w.current() is page and page.view is None
    type_text(page.code, case)  # the bare number (it can be counted) opens nothing
    page.track()
    qtbot.waitUntil(lambda: page.notice.isVisible(), timeout=10000)
    assert page.view is None
    page.code.clear()
    type_text(page.code, code)
    page.code.returnPressed.emit()
    qtbot.waitUntil(lambda: page.view is not None, timeout=10000)
    assert not page.view.personal and "زهرا" not in page.summary.text() and not page.report_button.isVisible()
    assert page.history.count() == 1  # only the line saying the history needs the one-time code
    type_text(page.code, "9")
    page.code.clear()
    type_text(page.code, "14059999999")
    page.track()
    qtbot.waitUntil(lambda: page.notice.isVisible(), timeout=10000)
    assert "کد رهگیری" in page.notice.text() or "پرونده" in page.notice.text()


def test_the_clerk_hears_when_her_case_moves(qtbot, window, live_sandbox, clerk_api):
    w = window
    w.case_watch.interval_ms = 200
    sign_in(qtbot, w)
    qtbot.waitUntil(lambda: w.case_watch.last_id is not None, timeout=10000)
    case = filed_case(clerk_api, live_sandbox)
    advance(live_sandbox, 2)
    qtbot.waitUntil(lambda: w.case_button.isVisible(), timeout=10000)
    assert any(e.kind == "approved" for e in w.case_updates)
    w.case_button.click()
    dialog = w.case_updates_dialog
    assert dialog.list.count() >= 1 and case in to_ascii_digits(dialog.list.item(0).text())
    dialog.open_button.click()
    qtbot.waitUntil(lambda: w.case_page.view is not None, timeout=10000)
    assert w.current() is w.case_page and not w.case_page.view.personal
    assert not w.case_button.isVisible()
    # The public view's empty tabs say why they are empty (the «مدارک» tab was blank) and cannot be printed.
    page = w.case_page
    for lst in (page.documents, page.reports):
        assert lst.count() == 1 and "کد یک‌بار مصرف" in lst.item(0).text()
        assert not lst.item(0).flags() & Qt.ItemFlag.ItemIsSelectable
    QApplication.processEvents()


def test_the_catalog_card_of_the_permit_shows_the_published_timetable(qtbot, window, live_sandbox):
    from tests.gui.test_permit_wizard import Keys, open_file

    w = window
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, Keys())
    w.efile.services_button.click()
    catalog = w.catalog
    qtbot.waitUntil(lambda: catalog.list.count() > 0, timeout=10000)
    catalog.list.setCurrentRow(0)  # the building permit
    qtbot.waitUntil(lambda: getattr(catalog, "timetable_view", None) is not None, timeout=10000)
    table = catalog.timetable_view
    assert table.rowCount() == 17 and "روز" in table.item(0, 2).text()
    assert table.item(2, 3).text() != "همیشه"  # the heritage inquiry says when it applies
    # The card's time is the timetable's own (it said «حدود ۷ روز» while the stages add up to far more).
    info = catalog.info.text()
    assert "حدود" not in info and "جدول زمانی" in info
    assert info.count("طبق دفترچهٔ تعرفهٔ عوارض") == 1  # the cost is its basis: said once, not twice
    # a document asked for only in a case says so: the power of attorney only when there is an attorney
    assert re.search(r"وکالت‌نامه[^<]*\(فقط وقتی وکیل", info), info
    intro = catalog.findChild(QLabel, "timetableIntro")
    # 15 + 3 + 5 + 60 + 7 + 30 + 3 + 1 days of the stages that always apply; 3 + 1 of them the municipality's
    assert "۱۲۴ روز" in intro.text() and "۴ روز" in intro.text(), intro.text()
    free = next(i for i in range(catalog.list.count()) if catalog.list.item(i).text() == "ثبت شکایت یا پیشنهاد")
    catalog.list.setCurrentRow(free)
    assert catalog.info.text().count("رایگان") == 1

