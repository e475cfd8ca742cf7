"""The clerk's whole path over real HTTP: sign in → citizen → one-time code → electronic file."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.domain.digits import to_ascii_digits
from tests.gui.conftest import type_text

NEW_CITIZEN = "1234567891"  # valid check digit, not in the seed data
SEEDED_CITIZEN = "0499370899"


def sign_in(qtbot, w, username="clerk1", password="amoozesh-1"):
    type_text(w.signin.username, username)
    type_text(w.signin.password, password)
    QTest.keyClick(w.signin.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current() is w.lookup, timeout=10000)


def latest_code(sandbox, mobile):
    with sandbox.db.tx() as c:
        row = c.execute("SELECT text FROM sms_inbox WHERE mobile=? ORDER BY id DESC LIMIT 1", (mobile,)).fetchone()
    return re.search(r"\d{6}", to_ascii_digits(row["text"])).group(0)


def request_code(qtbot, w, national_code, mobile):
    type_text(w.lookup.national_code, national_code)
    type_text(w.lookup.mobile, mobile)
    QTest.keyClick(w.lookup.mobile, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current() is w.otp, timeout=10000)


def test_new_citizen_gets_an_electronic_file(qtbot, window, live_sandbox):
    w = window
    assert w.layoutDirection() == Qt.LayoutDirection.RightToLeft
    sign_in(qtbot, w)
    assert "سارا احمدی" in w.operator_label.text()
    # Persian digits typed by the clerk are accepted and shown in Persian
    request_code(qtbot, w, "۱۲۳۴۵۶۷۸۹۱", "09121112233")
    assert "۰۹۱۲***۲۲۳۳" in w.otp.sent_to.text()
    type_text(w.otp.code, latest_code(live_sandbox, "09121112233"))
    QTest.keyClick(w.otp.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current() is w.efile, timeout=10000)
    assert w.efile.mode == "create"

    e = w.efile
    type_text(e.first_name, "علي")  # Arabic yeh: normalised to Persian
    type_text(e.last_name, "محمدی")
    type_text(e.father_name, "رضا")
    type_text(e.birth_date, "1370/1/15")
    type_text(e.postal_code, "8174673111")
    e.address.setPlainText("اصفهان، خیابان هشت بهشت، کوچه ۵، پلاک ۲۰")
    e.district.setCurrentIndex(e.district.findData(3))
    e.save_button.click()
    qtbot.waitUntil(lambda: e.mode == "view", timeout=10000)
    assert e.view_labels["name"].text() == "علی محمدی"
    assert e.view_labels["birth_date"].text() == "۱۳۷۰/۰۱/۱۵"
    assert re.fullmatch(r"[۰-۹]{4}-۰۳-[۰-۹]{6}", e.view_labels["file_number"].text())
    with live_sandbox.db.tx() as c:
        assert c.execute("SELECT COUNT(*) FROM efiles WHERE national_code=?", (NEW_CITIZEN,)).fetchone()[0] == 1

    # next citizen: everything of this one is gone from the screens and the visit
    QTest.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert w.current() is w.lookup
    assert w.services.visit.national_code is None and w.services.visit.efile is None
    assert w.lookup.national_code.text() == "" and e.first_name.text() == ""
    assert all(label.text() == "" for label in e.view_labels.values())


def test_existing_file_opens_and_can_be_corrected(qtbot, window, live_sandbox):
    w = window
    sign_in(qtbot, w)
    request_code(qtbot, w, SEEDED_CITIZEN, "09131234567")
    type_text(w.otp.code, latest_code(live_sandbox, "09131234567"))
    w.otp.submit.click()
    qtbot.waitUntil(lambda: w.current() is w.efile, timeout=10000)
    e = w.efile
    assert e.mode == "view"
    assert e.view_labels["national_code"].text() == "۰۴۹۹۳۷۰۸۹۹"
    e.edit_button.click()
    assert e.first_name.text() == "زهرا"
    e.postal_code.clear()
    type_text(e.postal_code, "8173994522")
    e.save_button.click()
    qtbot.waitUntil(lambda: e.mode == "view", timeout=10000)
    assert e.view_labels["postal_code"].text() == "۸۱۷۳۹۹۴۵۲۲"
    assert w.services.visit.efile.version == 2


def test_invalid_input_is_explained_beside_the_field_before_sending(qtbot, window, live_sandbox):
    w = window
    sign_in(qtbot, w)
    type_text(w.lookup.national_code, "1234567890")  # wrong check digit
    type_text(w.lookup.mobile, "0912")
    w.lookup.submit.click()
    assert w.current() is w.lookup
    assert "معتبر نیست" in w.lookup.fields["national_code"].error_text()
    assert "۰۹۱۲۳۴۵۶۷۸۹" in w.lookup.fields["mobile"].error_text()
    with live_sandbox.db.tx() as c:
        assert c.execute("SELECT COUNT(*) FROM otp_challenges").fetchone()[0] == 0


def test_wrong_code_then_lock_out_are_explained(qtbot, window, live_sandbox):
    w = window
    sign_in(qtbot, w)
    request_code(qtbot, w, SEEDED_CITIZEN, "09131234567")
    right = latest_code(live_sandbox, "09131234567")
    wrong = "000000" if right != "000000" else "111111"
    for attempts_left in ("۲", "۱"):
        w.otp.code.clear()
        type_text(w.otp.code, wrong)
        w.otp.submit.click()
        qtbot.waitUntil(lambda: w.otp.fields["code"].error_text() != "", timeout=10000)
        assert f"{attempts_left} بار دیگر" in w.otp.fields["code"].error_text()
    w.otp.code.clear()
    type_text(w.otp.code, wrong)
    w.otp.submit.click()
    qtbot.waitUntil(lambda: "صبر کنید" in w.otp.fields["code"].error_text(), timeout=10000)
    assert not w.otp.submit.isEnabled()  # locked: the button waits for the lock to pass
    first = w.otp.fields["code"].error_text()
    assert re.search(r"[۰-۹]:[۰-۹]{2}", first)  # the lock counts down, in minutes and seconds
    qtbot.waitUntil(lambda: w.otp.fields["code"].error_text() != first, timeout=3000)
    assert "صبر کنید" in w.otp.fields["code"].error_text()
    # short codes never reach the server
    assert w.current() is w.otp


def test_wrong_password_is_shown_beside_the_password(qtbot, window):
    w = window
    type_text(w.signin.username, "clerk1")
    type_text(w.signin.password, "not-it")
    w.signin.submit.click()
    qtbot.waitUntil(lambda: w.signin.fields["password"].error_text() != "", timeout=10000)
    assert "نادرست" in w.signin.fields["password"].error_text()
    assert w.current() is w.signin


def test_server_down_shows_banner_keeps_data_and_retries(qtbot, window, live_sandbox):
    w = window
    sign_in(qtbot, w)
    live_sandbox.stop()
    type_text(w.lookup.national_code, SEEDED_CITIZEN)
    type_text(w.lookup.mobile, "09131234567")
    w.lookup.submit.click()
    qtbot.waitUntil(lambda: w.banner.isVisible(), timeout=15000)
    assert "اتصال به سرور برقرار نیست" in w.banner.text()
    assert w.banner.retry.isVisible()
    assert w.lookup.national_code.value() == SEEDED_CITIZEN  # typed data kept
    qtbot.waitUntil(lambda: w.net.online is False, timeout=5000)
    assert "قطع" in w.server_label.text()

    live_sandbox.start()
    qtbot.waitUntil(lambda: w.net.online is True, timeout=15000)
    w.banner.retry.click()
    qtbot.waitUntil(lambda: w.current() is w.otp, timeout=10000)
    with live_sandbox.db.tx() as c:
        assert c.execute("SELECT COUNT(*) FROM otp_challenges").fetchone()[0] == 1


def test_expired_session_mid_flow_signs_in_again_and_returns(qtbot, window, live_sandbox):
    w = window
    sign_in(qtbot, w)
    type_text(w.lookup.national_code, SEEDED_CITIZEN)
    type_text(w.lookup.mobile, "09131234567")
    with live_sandbox.db.tx() as c:  # the server ends every session (as at token expiry)
        c.execute("UPDATE tokens SET revoked=1")
    w.lookup.submit.click()
    qtbot.waitUntil(lambda: w.current() is w.signin, timeout=10000)
    assert w.signin.notice.isVisible() and "دوباره وارد شوید" in w.signin.notice.text()
    type_text(w.signin.password, "amoozesh-1")
    w.signin.submit.click()
    qtbot.waitUntil(lambda: w.current() is w.lookup, timeout=10000)
    assert w.lookup.national_code.value() == SEEDED_CITIZEN  # back where she was, input intact
    w.lookup.submit.click()
    qtbot.waitUntil(lambda: w.current() is w.otp, timeout=10000)


def test_training_sms_inbox_shows_the_code(qtbot, window, live_sandbox):
    w = window
    sign_in(qtbot, w)
    request_code(qtbot, w, SEEDED_CITIZEN, "09131234567")
    w.otp.inbox.click()
    qtbot.waitUntil(lambda: w.inbox is not None and w.inbox.list.count() > 0, timeout=10000)
    text = to_ascii_digits(w.inbox.list.item(0).text())
    assert latest_code(live_sandbox, "09131234567") in text
    w.next_citizen()
    assert w.inbox.list.count() == 0 and not w.inbox.isVisible()


@pytest.mark.parametrize("field,value,expected", [
    ("birth_date", "1370/13/01", "وجود ندارد"),
    ("postal_code", "0123", "۱۰ رقم"),
])
def test_efile_form_errors_beside_fields(qtbot, window, live_sandbox, field, value, expected):
    w = window
    sign_in(qtbot, w)
    request_code(qtbot, w, NEW_CITIZEN, "09121112233")
    type_text(w.otp.code, latest_code(live_sandbox, "09121112233"))
    w.otp.submit.click()
    qtbot.waitUntil(lambda: w.current() is w.efile, timeout=10000)
    type_text(getattr(w.efile, {"birth_date": "birth_date", "postal_code": "postal_code"}[field]), value)
    w.efile.save_button.click()
    assert expected in w.efile.fields[field].error_text()
    assert w.efile.fields["first_name"].error_text() == "پر کردن این بخش الزامی است."
    assert w.efile.mode == "create"


def test_sign_out_forgets_the_token_and_ends_it_at_the_server(qtbot, window, live_sandbox, memory_keyring):
    w = window
    sign_in(qtbot, w)
    qtbot.waitUntil(lambda: bool(memory_keyring.store), timeout=5000)
    w.signout_button.click()
    assert w.current() is w.signin and not w.services.operator.signed_in
    qtbot.waitUntil(lambda: not memory_keyring.store, timeout=5000)

    def live_tokens():
        with live_sandbox.db.tx() as c:
            return c.execute("SELECT COUNT(*) FROM tokens WHERE revoked=0").fetchone()[0]

    qtbot.waitUntil(lambda: live_tokens() == 0, timeout=5000)


def test_restarted_kiosk_resumes_the_session_from_the_keyring(qtbot, services, live_sandbox, memory_keyring):
    from kiosk.api_client import ApiSession, KioskApi
    from kiosk.ui.main_window import MainWindow

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # as the kiosk would: not from the GUI thread
        token = pool.submit(lambda: KioskApi(ApiSession(live_sandbox.url)).login("clerk8", "amoozesh-8")).result().token
    memory_keyring.set_password("isfahan-kiosk", "operator-token", token)
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.show()
    w.backend_started(live_sandbox.url)
    qtbot.waitUntil(lambda: w.current() is w.lookup, timeout=10000)
    assert "علی رضایی" in w.operator_label.text()
    w.net.stop()


def test_training_can_pull_the_network_and_put_it_back(qtbot, window, live_sandbox):
    w = window
    w.services.training_link = lambda up: live_sandbox.start() if up else live_sandbox.stop()
    w.link_button.setVisible(True)
    sign_in(qtbot, w)
    w.link_button.click()
    qtbot.waitUntil(lambda: w.net.online is False and w.link_button.isEnabled(), timeout=10000)
    assert "قطع" in w.server_label.text()
    w.link_button.click()
    qtbot.waitUntil(lambda: w.net.online is True, timeout=10000)


def test_the_title_bar_names_the_program_once(window):
    """Qt adds the application's display name to every window's title (xcb, Windows): a title that already
    names the program reads it twice («… پیشخوان خدمات شهری — پیشخوان خدمات شهری اصفهان»)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    name = QCoreApplication.translate("App", "Isfahan citizen services counter")  # what kiosk.app sets
    assert name == "پیشخوان خدمات شهری اصفهان"
    for top in [window] + [w for w in QApplication.topLevelWidgets() if w.windowTitle()]:
        assert "پیشخوان" not in top.windowTitle() and "شهرداری" not in top.windowTitle(), top.windowTitle()


def test_a_new_e_file_has_a_way_back_that_asks_before_erasing(qtbot, window, live_sandbox):
    """From the blank new e-file form the clerk can go back to finding a citizen (a wrong national code, a
    citizen who changed their mind) by its button or Esc; once something is written, only after a «yes»."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    w = window
    sign_in(qtbot, w)
    request_code(qtbot, w, NEW_CITIZEN, "09121112233")
    type_text(w.otp.code, latest_code(live_sandbox, "09121112233"))
    QTest.keyClick(w.otp.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current() is w.efile, timeout=10000)
    e = w.efile
    assert e.mode == "create" and e.abandon_button.isVisible() and not e.cancel_button.isVisible()

    # Nothing written: Esc goes straight back, and the visit is over.
    QTest.keyClick(e.first_name, Qt.Key.Key_Escape)
    assert w.current() is w.lookup and w.services.visit.national_code is None

    request_code(qtbot, w, NEW_CITIZEN, "09121112233")
    type_text(w.otp.code, latest_code(live_sandbox, "09121112233"))
    QTest.keyClick(w.otp.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current() is w.efile, timeout=10000)
    type_text(e.first_name, "مریم")
    answers = []

    def answer(button):
        box = next((b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible()), None)
        if box is None:
            QTimer.singleShot(20, lambda: answer(button))
            return
        answers.append(box.text())
        box.button(button).click()

    QTimer.singleShot(20, lambda: answer(QMessageBox.StandardButton.No))
    QTest.keyClick(e.first_name, Qt.Key.Key_Escape)
    assert answers and "پاک" in answers[0]  # says what is lost
    assert w.current() is w.efile and e.first_name.text() == "مریم"
    w.activateWindow()  # a window manager gives the window back its activation when the box closes
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    qtbot.waitUntil(e.first_name.hasFocus, timeout=3000)

    QTimer.singleShot(20, lambda: answer(QMessageBox.StandardButton.Yes))
    e.abandon_button.click()
    assert len(answers) == 2 and w.current() is w.lookup
    assert e.first_name.text() == "" and w.services.visit.national_code is None
    with live_sandbox.db.tx() as c:
        assert c.execute("SELECT COUNT(*) FROM efiles WHERE national_code=?", (NEW_CITIZEN,)).fetchone()[0] == 0


def test_the_status_bar_keeps_everything_readable_whatever_it_holds(qtbot, window, live_sandbox):
    """The clerk's name and desk share the bar with the server, the queue, the printer, an update's news and
    the date (سه‌شنبه is longer than جمعه): the desk gives way to the tooltip when they would not fit, and
    comes back when there is room."""
    from kiosk.ui.look import inspect

    w = window
    sign_in(qtbot, w)
    bar = w.statusBar()

    def clipped():
        return [f for f in inspect(bar) if f.kind in ("clipped", "cut")]

    w.resize(1280, 720)
    w.date_label.setText("سه‌شنبه ۲۷ شهریور ۱۴۰۵")
    w._fit_operator_label()
    qtbot.waitUntil(lambda: not clipped(), timeout=3000)
    roomy = w.operator_label.text()
    if not hasattr(w, "update_label"):  # made when an update repository is set: as watch_updates does
        from PySide6.QtWidgets import QPushButton

        w.update_label = QPushButton()
        bar.addWidget(w.update_label)
    w.update_label.setText("به‌روزرسانی پذیرفته نشد — نسخهٔ تازه‌تر از مخزن به‌روزرسانی")
    w.update_label.show()
    w._fit_operator_label()
    qtbot.waitUntil(lambda: not clipped(), timeout=3000)
    assert len(w.operator_label.text()) < len(roomy) and "میز خدمت" in w.operator_label.toolTip()
    w.update_label.hide()
    w.resize(1900, 900)
    qtbot.waitUntil(lambda: "میز خدمت" in w.operator_label.text(), timeout=3000)
