"""Counter mode and the privacy wipe, through the real window over real HTTP: a full intake, then the
counter is left alone — the countdown ends the visit and nothing of the citizen is left in memory, on
screen, in open dialogs, on the clipboard, in the kiosk's files or in its logs. The clerk's own session
locks after its longer idle; counter mode cannot be closed without the PIN or a clerk's password; F1
lists the shortcuts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QTableWidget, QComboBox

from kiosk.domain.digits import to_persian_digits
from tests.gui.conftest import type_text
from tests.gui.test_flow import sign_in
from tests.gui.test_permit_wizard import PDF, fill_building, start_intake

CITIZEN = {"0499370899", "09131234567", "زهرا", "کریمی"}


def visible_texts() -> list[str]:
    texts = []
    for top in QApplication.topLevelWidgets():
        for w in [top, *top.findChildren(object)]:
            if isinstance(w, (QLabel, QLineEdit)):
                texts.append(w.text())
            elif isinstance(w, QPlainTextEdit):
                texts.append(w.toPlainText())
            elif isinstance(w, QComboBox):
                texts += [w.itemText(i) for i in range(w.count())]
            elif isinstance(w, QTableWidget):
                texts += [w.item(r, c).text() for r in range(w.rowCount()) for c in range(w.columnCount())
                          if w.item(r, c) is not None]
    return texts


def findings(haystacks: list[str]) -> list[str]:
    needles = CITIZEN | {to_persian_digits(n) for n in CITIZEN}
    return [f"{n!r} in {h[:60]!r}" for h in haystacks for n in needles if n and n in h]


def files_with_citizen_data(*folders: Path, since: float) -> list[str]:
    found = []
    needles = [n.encode() for n in CITIZEN | {to_persian_digits(n) for n in CITIZEN}]
    for folder in folders:
        if not folder.exists():
            continue
        for path in folder.rglob("*"):
            try:
                if not path.is_file() or path.stat().st_mtime < since or "sandbox" in path.name:
                    continue  # the training server's own database is the municipality's, not the PC's
                data = path.read_bytes()
            except OSError:
                continue
            found += [f"{n.decode()} in {path}" for n in needles if n in data]
    return found


@pytest.fixture
def permit_window(window, services, tmp_path):
    from kiosk.permit import TariffCache

    services.tariffs = TariffCache(tmp_path / "tariff.json")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(PDF)
    services.pick_file = lambda parent, title: str(scan)
    return window


def test_an_idle_visit_ends_and_leaves_nothing_of_the_citizen(qtbot, permit_window, live_sandbox, services, tmp_path,
                                                              caplog, monkeypatch):
    import tempfile

    started = time.time() - 1
    w = permit_window
    w.idle.citizen_timer.setInterval(1500)
    services.config._values["idle_countdown"] = 2
    keys, wz = start_intake(qtbot, w, live_sandbox)
    fill_building(wz, 3, "150", 3, 2)
    qtbot.waitUntil(lambda: wz.intake.quote is not None, timeout=10000)
    wz.next()
    qtbot.waitUntil(lambda: bool(wz.documents_step.rows), timeout=10000)
    for item_id, row in list(wz.documents_step.rows.items()):
        if row["item"].mandatory:
            row["button"].click()
            qtbot.waitUntil(lambda i=item_id: wz.documents_step.rows[i]["item"].document is not None, timeout=10000)
    wz.next()
    wz.summary_step.submit_button.click()
    qtbot.waitUntil(lambda: wz.current_step() is wz.result_step, timeout=10000)
    type_text(wz.result_step.terminal_ref, "778899")
    wz.result_step.bill_panel.record_payment()
    qtbot.waitUntil(lambda: not wz.result_step.pay_box.isVisible(), timeout=10000)
    wz.result_step.bill_panel.print_slip()  # a preview left open on the counter
    QApplication.clipboard().setText("0499370899")  # the clerk copied the national code somewhere
    assert findings(visible_texts())  # the citizen is on screen now

    # nobody touches the counter: the countdown, then the wipe
    qtbot.waitUntil(lambda: w.still_there is not None, timeout=10000)
    assert "ثانیه" in w.still_there.text.text()
    qtbot.waitUntil(lambda: w.still_there is None, timeout=10000)
    assert w.current() is w.lookup and "پاک" in w.banner.text()
    visit = services.visit
    assert (visit.national_code, visit.mobile, visit.consent, visit.efile, visit.permit) == (None,) * 5
    assert QApplication.clipboard().text() == ""
    assert findings(visible_texts()) == []
    assert files_with_citizen_data(tmp_path, Path(tempfile.gettempdir()), since=started) == []
    assert findings([r.getMessage() for r in caplog.records]) == []  # logs mask national codes and mobiles
    # the payment queued during the visit was kept and sent; nothing of it is readable on disk
    assert set(services.outbox.counts().values()) == {0}


def test_the_countdown_keeps_a_visit_when_the_citizen_answers(qtbot, window, live_sandbox, services):
    from tests.gui.test_permit_wizard import Keys, open_file

    w = window
    w.idle.citizen_timer.setInterval(800)
    services.config._values["idle_countdown"] = 30
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, Keys())
    qtbot.waitUntil(lambda: w.still_there is not None, timeout=10000)
    w.still_there.stay.click()
    assert w.still_there is None and w.current() is w.efile and services.visit.national_code


def test_the_clerk_session_locks_after_its_own_idle(qtbot, window, live_sandbox, services):
    w = window
    sign_in(qtbot, w)
    w.idle.clerk_timer.setInterval(500)
    w.idle.touch()
    qtbot.waitUntil(lambda: w.current() is w.signin, timeout=5000)
    assert not services.operator.signed_in and "قفل" in w.signin.notice.text()


def overlapping_labels(dialog) -> list[str]:
    """Visible labels of ``dialog`` drawn shorter than their wrapped text needs, or over one another."""
    from PySide6.QtCore import QRect

    labels = [lab for lab in dialog.findChildren(QLabel) if lab.isVisible() and lab.text()]
    rects = {lab: QRect(lab.mapTo(dialog, lab.rect().topLeft()), lab.size()) for lab in labels}
    bad = [f"{lab.objectName()}: {lab.height()} px for {lab.heightForWidth(lab.width())}" for lab in labels
           if lab.wordWrap() and lab.height() < lab.heightForWidth(lab.width())]
    bad += [f"{a.objectName()} over {b.objectName()}" for i, a in enumerate(labels) for b in labels[i + 1:]
            if rects[a].intersects(rects[b])]
    return bad


def counter_guard_failures() -> int:
    from kiosk.ui import counter

    return counter.exit_guard().failures


@pytest.fixture
def counter_window(qtbot, services, live_sandbox, monkeypatch):
    from kiosk.secrets import hash_pin
    from kiosk.ui import counter
    from kiosk.ui.main_window import MainWindow

    monkeypatch.setattr(counter, "_EXIT_GUARD", None)  # each test starts with no wrong tries counted

    services.config._values["counter_mode"] = True
    services.config._values["exit_pin"] = hash_pin("4321")
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.server_ready, timeout=10000):
        w.backend_started(live_sandbox.url)
    yield w
    w._exit_allowed = True
    w.net.stop()
    services.runner.wait_all(10000)


def test_counter_mode_is_left_only_with_the_pin_or_a_clerk_password(qtbot, counter_window):
    w = counter_window
    w.close()
    assert w.isVisible()  # refused: the exit dialog asks
    dialog = w.exit_dialog
    type_text(dialog.secret, "1111")
    dialog.check()
    type_text(dialog.secret, "2222")
    dialog.check()  # Enter again while the first is checked: not a second try, and the field is left alone
    assert dialog.secret.text() == "2222"
    qtbot.waitUntil(lambda: bool(dialog.field.error_text()), timeout=5000)
    assert w.isVisible() and counter_guard_failures() == 1
    qtbot.waitUntil(lambda: not overlapping_labels(dialog), timeout=2000)  # the dialog grew to its error
    dialog.reject()
    QTest.keyClick(w, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    w.close()
    dialog = w.exit_dialog
    type_text(dialog.secret, "4321")
    dialog.check()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)


def test_wrong_exit_pins_make_the_next_try_wait_longer_even_in_a_new_dialog(qtbot, counter_window, monkeypatch):
    from kiosk.secrets import PinGuard
    from kiosk.ui import counter

    now = [1000.0]
    monkeypatch.setattr(counter, "_EXIT_GUARD", PinGuard(clock=lambda: now[0]))
    w = counter_window
    for _ in range(4):
        w.close()
        dialog = w.exit_dialog
        type_text(dialog.secret, "0000")
        dialog.check()
        qtbot.waitUntil(lambda: bool(dialog.field.error_text()), timeout=5000)
        dialog.reject()
    w.close()
    dialog = w.exit_dialog
    type_text(dialog.secret, "4321")  # the right PIN, but the wait is running: not even tried
    dialog.check()
    assert w.isVisible() and "۳۰" in dialog.field.error_text()
    now[0] += 31
    type_text(dialog.secret, "4321")
    dialog.check()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)


def test_counter_mode_accepts_the_signed_in_clerks_password(qtbot, counter_window, live_sandbox):
    w = counter_window
    w_server = live_sandbox
    services = w.services
    services.config._values["exit_pin"] = ""
    sign_in(qtbot, w)
    w.close()
    dialog = w.exit_dialog
    type_text(dialog.secret, "wrong-password")
    dialog.check()
    qtbot.waitUntil(lambda: bool(dialog.field.error_text()), timeout=5000)
    assert w.isVisible()
    type_text(dialog.secret, "amoozesh-1")
    dialog.check()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    services.runner.wait_all(5000)
    from tests.gui.test_cases import off_gui_thread

    def live_tokens():
        with w_server.db.tx() as c:
            return c.execute("SELECT COUNT(*) FROM tokens WHERE revoked=0").fetchone()[0]

    assert off_gui_thread(live_tokens) == 1  # the proof's token was ended; only the clerk's session remains


def test_f1_lists_the_shortcuts(qtbot, window):
    w = window
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)  # window shortcuts need the active window
    QTest.keyClick(w.signin.username, Qt.Key.Key_F1)
    overlay = w.help_overlay
    assert overlay.isVisible() and any("Ctrl+N" == t for t in visible_texts())
    QTest.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
