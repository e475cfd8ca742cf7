"""No dead ends: a walk over the screens a clerk reaches from a citizen's e-file, by the buttons each screen
shows and by Esc, fails on a screen from which none of its own controls leads anywhere else (the header's
«next citizen» does not count: it throws the visit away)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from tests.gui.conftest import type_text
from tests.gui.test_flow import latest_code, request_code, sign_in

CITIZEN, MOBILE = "0499370899", "09131234567"


def open_citizen(qtbot, w, sandbox) -> None:
    if w.current() is not w.lookup:
        w.next_citizen()
    request_code(qtbot, w, CITIZEN, MOBILE)
    type_text(w.otp.code, latest_code(sandbox, MOBILE))
    QTest.keyClick(w.otp.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current() is w.efile, timeout=10000)


def node(w) -> str:
    page = w.current()
    name = type(page).__name__
    if page is w._lazy.get("wizard"):
        name += f"/{w.wizard.current_step().title_text}"
    return name


def ways(w) -> list[QPushButton]:
    """The page's own visible, enabled buttons (the header and status bar are the window's)."""
    page = w.current()
    return [b for b in page.findChildren(QPushButton) if b.isVisible() and b.isEnabled() and b.text()]


def settle(qtbot, w) -> None:
    qtbot.wait(150)
    qtbot.waitUntil(lambda: not getattr(w.current(), "busy", False), timeout=10000)


def test_every_screen_from_the_file_has_a_way_out(qtbot, window, live_sandbox):
    w = window
    sign_in(qtbot, w)
    open_citizen(qtbot, w, live_sandbox)

    # A dialog a button opens is closed again at once: the walk is about screens.
    closer = QTimer()
    closer.setInterval(100)
    closer.timeout.connect(lambda: QApplication.activeModalWidget() and QApplication.activeModalWidget().reject())
    closer.start()

    def replay(path: list[str]) -> bool:
        if w.current() is w.lookup or w.services.visit.consent_id is None:
            open_citizen(qtbot, w, live_sandbox)
        w.go(w.efile)
        for text in path:
            button = next((b for b in ways(w) if b.text() == text), None)
            if button is None:
                return False
            button.click()
            settle(qtbot, w)
        return True

    start = node(w)
    paths = {start: []}
    exits: dict[str, set[str]] = {}
    queue = [start]
    while queue:
        here = queue.pop(0)
        exits[here] = set()
        if not replay(paths[here]) or node(w) != here:
            continue
        labels = [b.text() for b in ways(w)]
        for label in [*labels, "Esc"]:
            if not replay(paths[here]) or node(w) != here:
                break
            if label == "Esc":
                QTest.keyClick(w, Qt.Key.Key_Escape)
            else:
                button = next((b for b in ways(w) if b.text() == label), None)
                if button is None:
                    continue
                button.click()
            settle(qtbot, w)
            there = node(w)
            if there == here:
                continue
            exits[here].add(there)
            if w.current() is w.lookup:
                continue  # the visit ended: not a screen of this citizen
            if there not in paths:
                paths[there] = paths[here] + ([label] if label != "Esc" else [])
                if label == "Esc":
                    continue  # reached by going back: already walked
                queue.append(there)
    closer.stop()
    dead = [n for n, out in exits.items() if not out]
    assert len(exits) >= 6, exits  # the file, the wizard, resume, catalog, cases, receipts at least
    assert not dead, f"no way out of {dead}; walked {exits}"
    # and from every screen the way back to the file exists
    back = {n for n, out in exits.items() if "EFilePage" in out}
    assert back >= set(exits) - {"EFilePage"}, f"no way back to the file from {set(exits) - back - {'EFilePage'}}"


def test_every_step_of_the_wizard_goes_back_and_on(qtbot, window, services, live_sandbox, tmp_path):
    """The walk above cannot pass the wizard's inner steps (each needs valid input): here each step is reached
    with valid input, and from each one the clerk goes back by its own button and by Esc (the first step back
    to the file), keeping what was typed, and on again by its own button; after the submission the result
    page leads to the case, the file and the next citizen."""
    from kiosk.permit import TariffCache
    from tests.gui.test_permit_wizard import PDF, Keys, fill_building, open_file

    services.tariffs = TariffCache(tmp_path / "tariff.json")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(PDF)
    services.pick_file = lambda parent, title: str(scan)
    w = window
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, Keys())
    w.efile.permit_button.click()
    wz = w.wizard
    first = wz.current_step()
    assert wz.back_button.isVisible() and wz.back_button.text() == "بازگشت به پروندهٔ الکترونیکی"
    QTest.keyClick(wz, Qt.Key.Key_Escape)
    assert w.current() is w.efile
    w.efile.permit_button.click()
    assert wz.current_step() is first

    type_text(wz.parcel_step.renovation_code, "8-15-30")
    QTest.keyClick(wz.parcel_step.renovation_code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wz.parcel_step.parcel is not None, timeout=10000)

    def forward(expected):
        assert wz.next_button.isVisible() and wz.next_button.isEnabled()
        wz.next_button.click()
        qtbot.waitUntil(lambda: wz.current_step() is expected, timeout=10000)

    def back_and_on(step, previous, by_escape):
        """From ``step``, back to ``previous`` (button or Esc) and on again to ``step``."""
        assert wz.back_button.isVisible() and wz.back_button.isEnabled(), step.title_text
        if by_escape:
            QTest.keyClick(wz, Qt.Key.Key_Escape)
        else:
            wz.back_button.click()
        qtbot.waitUntil(lambda: wz.current_step() is previous, timeout=10000)
        forward(step)

    forward(wz.owners_step)
    back_and_on(wz.owners_step, wz.parcel_step, by_escape=True)
    assert wz.parcel_step.renovation_code.text()  # the parcel kept
    forward(wz.project_step)
    back_and_on(wz.project_step, wz.owners_step, by_escape=False)
    fill_building(wz, 2, "140", 2, 2)
    qtbot.waitUntil(lambda: wz.intake.quote is not None, timeout=10000)
    forward(wz.documents_step)
    back_and_on(wz.documents_step, wz.project_step, by_escape=True)
    assert wz.project_step.floors.value() == 2  # the building kept
    qtbot.waitUntil(lambda: bool(wz.documents_step.rows), timeout=10000)
    for item_id, row in list(wz.documents_step.rows.items()):
        if row["item"].mandatory:
            row["button"].click()
            qtbot.waitUntil(lambda: wz.documents_step.rows[item_id]["item"].document is not None, timeout=10000)
    forward(wz.summary_step)
    back_and_on(wz.summary_step, wz.documents_step, by_escape=True)
    assert all(r["item"].document is not None for r in wz.documents_step.rows.values() if r["item"].mandatory)
    # the summary goes on by its own button: the submission
    submit = wz.summary_step.submit_button
    assert submit.isVisible() and submit.isEnabled()
    submit.click()
    result = wz.steps[-1]
    qtbot.waitUntil(lambda: wz.current_step() is result, timeout=15000)
    labels = {b.text() for b in ways(w)}
    assert {"مشاهدهٔ پرونده", "بازگشت به پروندهٔ الکترونیکی"} <= labels, labels
    QTest.keyClick(wz, Qt.Key.Key_Escape)
    assert w.current() is w.efile
