"""Keyboard like a counter: Enter presses the focused button, every button shows its focus, focus comes back
where the clerk needs it after a dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication
from PySide6.QtTest import QTest

from tests.gui.conftest import type_text
from tests.gui.test_flow import SEEDED_CITIZEN, request_code, sign_in
from tests.gui.test_permit_wizard import Keys, fill_building, open_file, permit_window, to_building_step  # noqa: F401


def test_enter_on_a_focused_button_presses_it(qtbot, permit_window, live_sandbox):
    w = permit_window
    keys = Keys()
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, keys)
    e = w.efile
    assert e.mode == "view"
    e.edit_button.setFocus()
    QTest.keyClick(e.edit_button, Qt.Key.Key_Return)
    assert e.mode == "edit"
    e.cancel_button.setFocus()
    QTest.keyClick(e.cancel_button, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert e.mode == "view"

    # In the wizard Enter goes on to the next step — unless a button has the focus: then it is that button.
    wz = to_building_step(qtbot, w, keys)
    fill_building(wz, 2, "140", 2, 2)
    qtbot.waitUntil(lambda: wz.intake.quote is not None, timeout=10000)
    wz.next()
    ds = wz.documents_step  # its rows are rebuilt when the checklist arrives: always read them afresh
    qtbot.waitUntil(lambda: any(r["button"].isVisible() for r in ds.rows.values()), timeout=10000)
    item_id, row = next((k, r) for k, r in ds.rows.items() if r["item"].mandatory and r["button"].isVisible())
    row["button"].setFocus()
    QTest.keyClick(row["button"], Qt.Key.Key_Return)
    assert wz.current_step() is wz.documents_step  # did not go on
    qtbot.waitUntil(lambda: wz.documents_step.rows[item_id]["item"].document is not None, timeout=10000)


def test_the_primary_button_shows_its_focus(qtbot, window):
    """The teal default button had no ring: its own border rule hid the focus one."""
    button = window.signin.submit
    window.signin.username.setFocus()
    qtbot.wait(50)
    plain = button.grab().toImage()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=2000)
    qtbot.wait(50)
    focused = button.grab().toImage()
    edge = [(x, 1) for x in range(5, plain.width() - 5, 7)]
    assert any(plain.pixel(x, y) != focused.pixel(x, y) for x, y in edge)


def test_after_the_sms_inbox_the_code_field_has_the_focus(qtbot, window, live_sandbox):
    w = window
    sign_in(qtbot, w)
    request_code(qtbot, w, SEEDED_CITIZEN, "09131234567")
    w.otp.inbox.click()
    qtbot.waitUntil(lambda: w.inbox is not None and w.inbox.isVisible(), timeout=10000)
    w.inbox.reject()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: w.otp.code.hasFocus(), timeout=3000)


def test_a_spin_box_shows_persian_digits_while_typing(qtbot, persian_app):
    from kiosk.ui.widgets import DigitSpinBox

    box = DigitSpinBox()
    box.setRange(0, 200)
    qtbot.addWidget(box)
    box.show()
    box.lineEdit().selectAll()
    type_text(box, "12")  # QTest.keyClicks aborts with Persian text on this platform
    assert box.text() == "۱۲" and box.value() == 12
    box.lineEdit().selectAll()
    type_text(box, "۳۴")
    assert box.text() == "۳۴" and box.value() == 34


def test_a_decimal_field_shows_the_persian_separator_while_typing(qtbot, persian_app):
    from kiosk.permit import parse_area
    from kiosk.ui.widgets import DigitLineEdit

    edit = DigitLineEdit(decimal=True)
    qtbot.addWidget(edit)
    QTest.keyClicks(edit, "190.8")
    assert edit.text() == "۱۹۰٫۸"
    assert parse_area(edit.value()) == parse_area("190.8")
    plain = DigitLineEdit()  # a code keeps what it is given besides its digits
    qtbot.addWidget(plain)
    QTest.keyClicks(plain, "12.3")
    assert plain.text() == "۱۲.۳"


def test_the_owners_table_types_numbers_in_persian_digits(qtbot, permit_window, live_sandbox):
    from tests.gui.test_permit_wizard import to_owners_step

    wz = to_owners_step(qtbot, permit_window, live_sandbox)
    table = wz.owners_step.table
    wz.owners_step.add_row()
    row = table.rowCount() - 1
    for col, text in ((0, "0499370899"), (3, "٤٩.٥")):
        index = table.model().index(row, col)
        table.setCurrentIndex(index)
        table.edit(index)
        editor = table.indexWidget(index) or QApplication.focusWidget()
        type_text(editor, text)
        assert not any(ch in editor.text() for ch in "0123456789٠١٢٣٤٥٦٧٨٩."), editor.text()
        table.commitData(editor)
        table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    assert table.item(row, 0).text() == "۰۴۹۹۳۷۰۸۹۹" and table.item(row, 3).text() == "۴۹٫۵"
