"""Walk every screen and dialog of the kiosk offscreen, save what each shows, and fail on what a clerk
would see wrong.

At each size (the client area a maximized window gets on a 1366×768 and a 1280×720 screen under a 40 px
taskbar and a 30 px title bar: 1366×698 and 1280×650) the walk goes through sign-in, the one-time code, a
new e-file, a building permit from the parcel to its payment, the city-services catalog, a heritage case
tracked until its permit is issued (an overdue stage, a report to 3890, drawings, the citizen's answer),
printing, the receipts register, the authenticity check, the sync panel, F1, the idle question and the
counter dialogs. Every screen is checked by :mod:`kiosk.ui.look` (Latin letters or digits, clipped or cut
text, left-aligned Persian text boxes); the findings are printed and the exit status is 1 if there are any.

Usage: .venv/bin/python scripts/look.py [--out docs/screenshots] [--size 1366x768 | --size 1280x720 | all]
The screenshots at 1366×768 go to OUT, those at 1280×720 to OUT/1280x720. Look at every image after a UI
change: RTL, shaping and clipped Persian text only show there.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SIZES = {"1366x768": (1366, 768), "1280x720": (1280, 720), "1024x768": (1024, 768)}
SAVED = ("1366x768", "1280x720")  # `--size all`: the sizes kept in docs/ and checked by ./test (1024x768: by hand)
TASKBAR, TITLE_BAR = 40, 30


def _screen_config(size: str) -> str:
    """An offscreen screen the size of what a maximized window gets (the platform has no taskbar)."""
    width, height = SIZES[size]
    config = {"windowFrameMargins": False, "screens": [{
        "name": "counter", "x": 0, "y": 0, "width": width, "height": height - TASKBAR - TITLE_BAR,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
    path = Path(tempfile.mkdtemp()) / f"screen-{size}.json"
    path.write_text(json.dumps(config))
    return path.as_posix()


if __name__ == "__main__" and os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":  # a plain offscreen: sized
    _size = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--size=")), None)
    if _size is None and "--size" in sys.argv[:-1]:
        _size = sys.argv[sys.argv.index("--size") + 1]
    if _size in SIZES:
        os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + _screen_config(_size)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.app import create_application  # noqa: E402
from kiosk.config import Config  # noqa: E402
from kiosk.domain.digits import to_ascii_digits  # noqa: E402
from kiosk.secrets import TokenStore  # noqa: E402
from kiosk.services import Services  # noqa: E402
from kiosk.tasks import TaskRunner  # noqa: E402
from kiosk.ui.keys import type_text  # noqa: E402
from kiosk.ui.look import inspect  # noqa: E402
from kiosk.ui.main_window import MainWindow  # noqa: E402


def pump(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(cond, timeout_ms: int = 10000) -> None:
    waited = 0
    while not cond():
        pump(50)
        waited += 50
        if waited > timeout_ms:
            raise TimeoutError("screen did not change")


class Stop(Exception):
    """Raised after the screen named in ``stop_after`` (benchmarks/memory.py stops after a full intake)."""


class ExternalServer:
    """The training API in its own process (`kiosk sandbox`), as a live server would be: the kiosk's memory
    is then its own. Only what the intake part of the flow needs (url, db)."""

    def __init__(self, db_path: Path):
        import socket
        import subprocess
        import time

        from kiosk.sandbox.db import Database

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sandbox", "--port", str(port), "--db",
                                      str(db_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import urllib.request

        for _ in range(200):
            try:
                urllib.request.urlopen(self.url + "/api/v1/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        self.db = Database(db_path)
        import atexit

        atexit.register(self.close)  # also when a benchmark stops after a screen and its process ends

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


def main(out_dir: str | None = None, stop_after: str | None = None, external_server: bool = False) -> int:
    out = Path(out_dir or "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    findings: dict[str, list] = {}
    app = create_application([])
    tmp = tempfile.mkdtemp()
    if external_server:
        server = ExternalServer(Path(tmp) / "sandbox.sqlite3")
    else:  # (imported here: a kiosk measured against a server in its own process must not carry FastAPI)
        from kiosk.sandbox.app import SandboxSettings
        from kiosk.sandbox.server import SandboxServer

        # The simulated agencies answer without chance objections: the case runs the same way every time.
        server = SandboxServer(Path(tmp) / "sandbox.sqlite3", settings=SandboxSettings(agency_chance=0.99))
        server.start()
    from kiosk.outbox.service import OutboxService
    from kiosk.outbox.store import OutboxStore

    runner = TaskRunner()
    services = Services(config=Config(overrides={"print_after": False}), tokens=TokenStore(), runner=runner, training=True)
    services.outbox = OutboxService(lambda: services.api, runner, base_delay=0.3, max_delay=2, idle_poll=0.5,
                                    operator=services.operator_name, token_owner=services.tokens.current)
    services.outbox.attach(OutboxStore(Path(tmp) / "outbox.sqlite3", bytes(32)))
    from kiosk.uploads import Uploads, UploadSpool

    services.uploads = Uploads(UploadSpool(Path(tmp) / "spool", bytes(32)), lambda: services.api,
                               operator=services.operator_name)
    w = MainWindow(services)
    w.show_on_screen()
    w.backend_started(server.url)
    wait_for(lambda: w.signin.submit.isEnabled())

    def shot(name: str, widget=None) -> None:
        """Saves what ``widget`` (the window, or a dialog) shows and checks it."""
        pump(200)
        widget = widget or w
        def read() -> list:
            found = inspect(w)  # a dialog is the window's child: it is read with it
            if widget is not w and not w.isAncestorOf(widget):
                found += inspect(widget)
            return found

        def read_all() -> list:
            found = read()
            screen = w.screen().availableGeometry()
            if w.width() > screen.width() or w.height() > screen.height():
                from kiosk.ui.look import Finding

                found.append(Finding("cut", "MainWindow", f"the window ({w.width()}×{w.height()}) is larger than "
                                                          f"the screen ({screen.width()}×{screen.height()})"))
            return found

        found = read_all()
        if found:  # a busy machine may not have laid the screen out yet: what a clerk sees is the settled screen
            pump(800)
            found = read_all()
        widget.grab().save(str(out / f"{name}.png"))
        findings[name] = found
        print(("FAIL " if found else "ok   ") + str(out / f"{name}.png"), flush=True)
        for f in found:
            print("       ", f, flush=True)
        if name == stop_after:
            raise Stop(name)

    shot("1-sign-in")
    type_text(w.signin.username, "clerk1")
    type_text(w.signin.password, "amoozesh-1")
    w.signin.sign_in()
    wait_for(lambda: w.current() is w.lookup)
    type_text(w.lookup.national_code, "1234567890")
    type_text(w.lookup.mobile, "0912")
    w.lookup.send()
    shot("2-lookup-errors")
    w.lookup.reset()
    type_text(w.lookup.national_code, "1234567891")
    type_text(w.lookup.mobile, "09121112233")
    w.lookup.send()
    wait_for(lambda: w.current() is w.otp)
    w.open_inbox("09121112233")
    wait_for(lambda: w.inbox.list.count() > 0)
    pump(200)
    shot("3b-training-sms-inbox", w.inbox)
    code = re.search(r"\d{6}", to_ascii_digits(w.inbox.list.item(0).text().split("\n", 1)[1])).group(0)
    w.inbox.hide()
    type_text(w.otp.code, "12")
    w.otp.verify()
    shot("3-one-time-code")
    w.otp.code.clear()
    type_text(w.otp.code, code)
    w.otp.verify()
    wait_for(lambda: w.current() is w.efile)
    type_text(w.efile.first_name, "علی")
    type_text(w.efile.birth_date, "1370/13/01")
    w.efile.save()
    shot("4-efile-create-errors")
    for f in (w.efile.first_name, w.efile.birth_date):
        f.clear()
    type_text(w.efile.first_name, "علی")
    type_text(w.efile.last_name, "محمدی")
    type_text(w.efile.father_name, "رضا")
    type_text(w.efile.birth_date, "1370/1/15")
    type_text(w.efile.postal_code, "8174673111")
    type_text(w.efile.email, "ali@example.com")
    w.efile.address.setPlainText("اصفهان، خیابان هشت بهشت غربی، کوچه ۵ (شهید رجایی)، پلاک ۲۰، واحد ۳")
    w.efile.district.setCurrentIndex(2)
    w.efile.save()
    wait_for(lambda: w.efile.mode == "view")
    shot("5-efile-view")

    # building-permit wizard
    sample = Path(tmp) / "scan.pdf"
    from PySide6.QtGui import QColor, QImage

    from kiosk.scans import _encode, prepare

    def page(color: str) -> bytes:
        image = QImage(620, 877, QImage.Format.Format_RGB32)
        image.fill(QColor(color))
        return _encode(image, "PNG")

    # a real three-page scan (the documents step says what it found: PDF, three pages)
    sample.write_bytes(prepare([(f"p{i}.png", page(c)) for i, c in enumerate(("white", "#f4f4f4", "#eeeeee"))])[1])
    services.pick_file = lambda parent, title: str(sample)
    w.efile.permit_button.click()
    wz = w.wizard
    type_text(wz.parcel_step.renovation_code, "8-15-30")
    wz.parcel_step.find()
    wait_for(lambda: wz.parcel_step.parcel is not None)
    shot("7-permit-parcel")
    wz.next()
    wait_for(lambda: wz.intake.draft is not None)
    shot("8-permit-owners")
    wz.next()
    ps = wz.project_step
    ps.floors.setValue(4)
    type_text(ps.floor_area, "150")
    ps.units.setValue(3)
    ps.parking.setValue(2)
    wait_for(lambda: wz.intake.quote is not None)
    shot("9-permit-building-over")
    ps.floors.setValue(3)
    wait_for(lambda: wz.intake.quote is not None)
    shot("10-permit-building")
    wz.next()
    wait_for(lambda: bool(wz.documents_step.rows))
    for item_id in list(wz.documents_step.rows):
        wz.documents_step.attach(wz.documents_step.rows[item_id]["item"])
        wait_for(lambda: wz.documents_step.rows[item_id]["item"].document is not None)
    shot("11-permit-documents")
    wz.next()
    shot("12-permit-summary")
    wz.summary_step.submit()
    wait_for(lambda: wz.intake.application is not None)
    shot("13-permit-order")
    type_text(wz.result_step.terminal_ref, "778899")
    wz.result_step.bill_panel.record_payment()
    wait_for(lambda: not wz.result_step.pay_box.isVisible())
    shot("14-permit-paid")
    wz.result_step.finished.emit()

    # the service catalog
    type_text(w.lookup.national_code, "1234567891")
    type_text(w.lookup.mobile, "09121112233")
    w.lookup.send()
    wait_for(lambda: w.current() is w.otp)
    with server.db.tx() as c:
        text = c.execute("SELECT text FROM sms_inbox ORDER BY id DESC LIMIT 1").fetchone()[0]
    type_text(w.otp.code, re.search(r"\d{6}", to_ascii_digits(text)).group(0))
    w.otp.verify()
    wait_for(lambda: w.current() is w.efile)
    w.efile.services_button.click()
    wait_for(lambda: w.catalog.list.count() > 0)
    w.catalog.list.setCurrentRow(4)
    w.catalog.send()
    shot("15-services-form")

    # case tracking: a heritage-zone case filed at another counter, its heritage inquiry running late
    from decimal import Decimal

    from kiosk.api_client import ApiSession, KioskApi
    from kiosk.contract import OwnerIn, PermitSubmission, ProjectSpec

    def sms_code(mobile: str) -> str:
        with server.db.tx() as c:
            text = c.execute("SELECT text FROM sms_inbox WHERE mobile=? ORDER BY id DESC LIMIT 1",
                             (mobile,)).fetchone()[0]
        return re.search(r"\d{6}", to_ascii_digits(text)).group(0)

    token = {}
    other = KioskApi(ApiSession(server.url, token_provider=lambda: token.get("t")))
    token["t"] = other.login("clerk1", "amoozesh-1").token
    challenge = other.request_otp("0499370899", "09131234567")
    consent = other.verify_otp(challenge.challenge_id, sms_code("09131234567")).consent_id
    draft = other.create_draft({}, consent)
    for item in other.checklist(draft.draft_id, consent):
        if item.mandatory:
            other.upload_document(draft.draft_id, item.id, sample.read_bytes(), "application/pdf", "scan.pdf", consent)
    project = ProjectSpec(floors=2, floor_area=Decimal(100), units=2, parking=2)
    quote = other.quote("3-42-117", project)
    case = other.submit_permit(draft.draft_id, PermitSubmission(
        renovation_code="3-42-117", owners=[OwnerIn(national_code="0499370899", first_name="زهرا", last_name="کریمی",
                                                    share="100")],
        project=project, accepted_tariff_version=quote.tariff_version, accepted_total=quote.total), consent)
    other.training_bank_pay(case.bill.bill_id, case.bill.payment_id)
    server.app.state.case_clock.advance(13 * 86400)
    w.next_citizen()
    type_text(w.lookup.national_code, "0499370899")
    type_text(w.lookup.mobile, "09131234567")
    w.lookup.send()
    wait_for(lambda: w.current() is w.otp)
    type_text(w.otp.code, sms_code("09131234567"))
    w.otp.verify()
    wait_for(lambda: w.current() is w.efile)
    w.efile.cases_button.click()
    page = w.case_page
    wait_for(lambda: page.view is not None)
    shot("16-case-overdue")
    page.open_report()
    type_text(page.dialog.text, "دو هفته است منتظر پاسخ میراث فرهنگی هستیم")
    shot("17-case-report", page.dialog)
    page.dialog.submit()
    wait_for(lambda: page.view is not None and len(page.view.reports) == 1)
    pump(300)
    shot("18-case-reports")
    # paper: the plan order's preview, the receipts register, a scanned seal checked offline
    page.tabs.setCurrentWidget(page.documents)
    page.documents.setCurrentRow(0)
    page.print_selected()
    wait_for(lambda: page.print_dialog.pages_shown() == 1 and page.print_dialog.print_button.isEnabled())
    shot("21-print-preview", page.print_dialog)
    page.print_dialog.reject()
    w.go(w.efile)
    w.efile.receipts_button.click()
    register = w._page("register")
    wait_for(lambda: register.table.rowCount() > 0)
    shot("22-receipts-register")
    w.open_verify()
    verify_page = w._page("verify")
    verify_page.code.setText(page.view.issued[0].seal)
    verify_page.check()
    wait_for(lambda: bool(verify_page.verdict.text()))
    shot("23-document-authenticity")
    verify_page.back_button.click()
    w.go(page)
    server.app.state.case_clock.advance(7 * 86400)
    page.refresh()
    wait_for(lambda: page.view.current.stage_id == "drawings")
    page.open_drawings()
    for sheet in ("architecture", "structure"):
        page.dialog.attach(page.dialog.rows[sheet]["sheet"])
        wait_for(lambda s=sheet: page.dialog.rows[s]["done"])
    type_text(page.dialog.editors["floors"], "3")
    page.dialog.submit()
    shot("19-case-drawings", page.dialog)
    page.dialog.attach(page.dialog.rows["installations"]["sheet"])
    wait_for(lambda: page.dialog.rows["installations"]["done"])
    for key, value in (("floors", "2"), ("total_area", "200"), ("units", "2"), ("height", "6.5")):  # as approved
        page.dialog.editors[key].clear()
        type_text(page.dialog.editors[key], value)
    page.dialog.submit()
    wait_for(lambda: not page.dialog.isVisible(), 15000)
    # ... and on to its completion certificate: the training clock runs the agencies, the bank pays the bills
    for _ in range(240):
        view = other.case(case.case_number, consent)
        if view.status == "completed":
            break
        current = view.current
        if current is not None and current.bill is not None and not current.bill.paid:
            other.training_bank_pay(current.bill.bill_id, current.bill.payment_id)
        else:
            server.app.state.case_clock.advance(86400)
    else:
        raise TimeoutError(f"the case did not reach its completion certificate: {view.status} {current and current.stage_id} {view.actions} {view.next_step}")
    page.refresh()
    wait_for(lambda: page.view is not None and page.view.status == "completed")
    page.tabs.setCurrentWidget(page.documents)
    page.documents.setCurrentRow(next(i for i, d in enumerate(page.view.issued) if d.kind == "certificate"))
    shot("27-case-completed")
    page.print_selected()
    wait_for(lambda: page.print_dialog.pages_shown() == 1 and page.print_dialog.print_button.isEnabled())
    shot("28-completion-certificate", page.print_dialog)
    page.print_dialog.reject()
    w.ask_exit()  # counter mode's way out: the PIN or a clerk's password
    wait_for(lambda: w.exit_dialog.isVisible())
    shot("29-counter-exit", w.exit_dialog)
    w.exit_dialog.reject()
    w.next_citizen()
    w.lookup.track_button.click()
    type_text(page.code, case.tracking_code)
    wait_for(lambda: not page.busy)
    page.track()
    try:
        wait_for(lambda: page.view is not None)
    except TimeoutError:
        print("notice:", page.notice.text(), "banner:", w.banner.text(), page.code.text())
        raise
    page.tabs.setCurrentIndex(4)
    shot("20-case-public-timetable")
    w.show_help()
    shot("24-help-shortcuts")
    w.help_overlay.close()
    services.config._values["idle_countdown"] = 47
    w.ask_still_there()
    shot("25-still-there", w.still_there)
    w.still_there.stay.click()
    # A card payment the server refuses (no such bill): kept as «نیازمند تطبیق», shown apart for the supervisor.
    from kiosk.api_client import actions
    from kiosk.api_client.keys import one_off_key
    from kiosk.contract import PaymentIn

    services.outbox.queue(actions.card_payment(PaymentIn(bill_id="7748317800142", payment_id="1770160",
                                                         amount=1770000, terminal_ref="5501")),
                          one_off_key(), "پرداخت کارتی قبض ۷۷۴۸۳۱۷۸۰۰۱۴۲", lambda item: None)
    wait_for(lambda: services.outbox.counts()["reconcile"] == 1, 15000)
    w.open_sync_panel()
    w.sync_panel.resize(900, 480)
    wait_for(lambda: w.sync_panel.attention.rowCount() == 1)
    w.sync_panel.attention.setCurrentCell(0, 0)
    shot("26-sync-reconciliation", w.sync_panel)
    w.sync_panel.close_reconciliation()
    wait_for(lambda: w.sync_panel.supervisor_dialog.isVisible())
    shot("30-supervisor-pin", w.sync_panel.supervisor_dialog)
    w.sync_panel.supervisor_dialog.reject()
    w.sync_panel.hide()
    from kiosk.updates import UpdateRefused  # the longest thing the status bar may say

    w.watch_updates(Path(tmp) / "updates")
    w._update_refused(UpdateRefused("rollback"))
    shot("32-update-refused")
    server.stop()
    w.next_citizen()
    type_text(w.lookup.national_code, "0499370899")
    type_text(w.lookup.mobile, "09131234567")
    w.lookup.send()
    wait_for(lambda: w.banner.isVisible(), 20000)
    wait_for(lambda: w.net.online is False)
    shot("6-server-down")
    w.net.stop()
    services.outbox.stop()
    services.runner.wait_all(5000)
    server.close()
    bad = {name: found for name, found in findings.items() if found}
    print(f"{len(findings)} screens, {sum(len(f) for f in bad.values())} findings on {len(bad)}", flush=True)
    return 1 if bad else 0


def run_until(stop_after: str, out_dir: str, external_server: bool = False) -> None:
    """Drives the kiosk through the screens up to ``stop_after``, then returns (the app stays alive)."""
    try:
        main(out_dir, stop_after, external_server)
    except Stop:
        return
    raise RuntimeError(f"no screen named {stop_after}")


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--size", default="all", choices=[*SIZES, "all"])
    args = parser.parse_args(argv)
    if args.size == "all":  # each size in its own process: the screen is fixed when Qt starts
        rc = 0
        for size in SAVED:
            env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
            rc |= subprocess.call([sys.executable, __file__, "--out", args.out, "--size", size], env=env)
        return rc
    out = Path(args.out) if args.size == "1366x768" else Path(args.out) / args.size
    return main(str(out))


if __name__ == "__main__":
    sys.exit(cli())
