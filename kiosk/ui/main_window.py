"""The kiosk's one window: a banner, the current screen, and a status bar that tells at a glance."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk import messages
from kiosk.app import install_keyboard
from kiosk.api_client.errors import ApiError, OfflineError, Unauthorized
from kiosk.domain.digits import to_persian_digits
from kiosk.domain.jalali import format_jalali_long, iran_today
from kiosk.net_status import NetStatus
from kiosk.services import Services
from kiosk.tasks import log_failure
from kiosk.ui.page import Page
from kiosk.ui.signin import SignInPage
from kiosk.ui.widgets import Banner

if TYPE_CHECKING:
    from kiosk.ui.catalog import CatalogPage
    from kiosk.ui.efile import EFilePage
    from kiosk.ui.lookup import LookupPage
    from kiosk.ui.otp import OtpPage
    from kiosk.ui.case_view import CasePage
    from kiosk.ui.permit_wizard import PermitWizard
    from kiosk.ui.resume import ResumePage

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Signals: ``first_painted()`` once the first frame is on screen; ``server_ready(bool ok)``."""

    first_painted = Signal()
    server_ready = Signal(bool)

    def __init__(self, services: Services):
        super().__init__()
        self.services = services
        self._painted = False
        self._return_to: Page | None = None
        self.setObjectName("mainWindow")
        # Qt adds the application's display name («پیشخوان خدمات شهری اصفهان») to every window's title: the
        # main window says only what is not in it.
        self.setWindowTitle(self.tr("Training mode") if services.training else "")
        self.resize(1100, 760)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QWidget()
        header.setObjectName("header")
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(16, 8, 16, 8)
        brand = QLabel(self.tr("Isfahan Smart City — service counter"))
        brand.setObjectName("brand")
        header_layout.addWidget(brand)
        header_layout.addStretch(1)
        self.inbox_button = QPushButton(self.tr("Training SMS inbox"))
        self.inbox_button.setVisible(False)
        self.inbox_button.clicked.connect(lambda: self.open_inbox())
        header_layout.addWidget(self.inbox_button)
        self.link_button = QPushButton(self.tr("Training: cut the connection"))
        self.link_button.setCheckable(True)
        self.link_button.setToolTip(self.tr("Stops the training server, as if the network were pulled, to "
                                            "practise working offline"))
        self.link_button.setVisible(services.training and services.training_link is not None)
        self.link_button.toggled.connect(self.toggle_training_link)
        header_layout.addWidget(self.link_button)
        self.verify_button = QPushButton(self.tr("Document authenticity"))
        self.verify_button.setObjectName("verifyDocuments")
        self.verify_button.setToolTip(self.tr("Check offline whether a printed document is genuine (Ctrl+K)"))
        self.verify_button.clicked.connect(self.open_verify)
        header_layout.addWidget(self.verify_button)
        self.next_button = QPushButton(self.tr("Next citizen"))
        self.next_button.setToolTip(self.tr("Ends this citizen's visit and forgets their data (Ctrl+N)"))
        self.next_button.clicked.connect(self.next_citizen)
        self.next_button.setVisible(False)
        header_layout.addWidget(self.next_button)
        self.signout_button = QPushButton(self.tr("Sign out"))
        self.signout_button.clicked.connect(self.sign_out)
        self.signout_button.setVisible(False)
        header_layout.addWidget(self.signout_button)
        layout.addWidget(header)

        self.banner = Banner()
        self.banner.retry_requested.connect(self._retry)
        layout.addWidget(self.banner)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.signin = SignInPage(services)
        # The permit wizard, the resume page and the catalog are built when first opened: the start screen
        # paints sooner without them (they are half of the window's widgets).
        self._lazy: dict[str, Page] = {}
        # Only the sign-in screen is built before the first paint; the citizen screens follow right after
        # it (the clerk is still typing her password), the rest when first opened.
        self.stack.addWidget(self.signin)
        self.signin.problem.connect(self.on_problem)
        self.signin.offline.connect(lambda: self.net.report_offline())
        self.first_painted.connect(lambda: QTimer.singleShot(0, lambda: self.citizen_pages))
        self.signin.signed_in.connect(self.on_signed_in)
        self.inbox = None  # the training SMS inbox (kiosk.ui.sms_inbox), made when first opened
        self._retry_action = None
        self._server_is_training = False

        # status bar: server, mode, operator, date
        bar = self.statusBar()
        self.server_label = QLabel(self.tr("Server: connecting…"))
        self.server_label.setObjectName("serverStatus")
        self.mode_label = QLabel(self.tr("Training mode") if services.training else self.tr("Live"))
        self.mode_label.setObjectName("modeTraining" if services.training else "modeLive")
        self.queue_button = QPushButton()
        self.queue_button.setObjectName("queueStatus")
        self.queue_button.setFlat(True)
        self.queue_button.setToolTip(self.tr("Open the list of requests waiting to be sent"))
        self.queue_button.clicked.connect(self.open_sync_panel)
        self.operator_label = QLabel(self.tr("Not signed in"))
        self.date_label = QLabel()
        self.case_button = QPushButton()
        self.case_button.setObjectName("caseUpdates")
        self.case_button.setFlat(True)
        self.case_button.setToolTip(self.tr("What changed on the cases you filed"))
        self.case_button.clicked.connect(self.open_case_updates)
        self.case_button.hide()
        self.case_updates: list = []
        self.printer_label = QLabel()
        self.printer_label.setObjectName("printerStatus")
        self.printer_label.setProperty("latinOk", True)  # the printer's name as the system gives it
        for w in (self.server_label, self.queue_button, self.case_button, self.printer_label, self.mode_label,
                  self.operator_label):
            bar.addWidget(w)
        bar.addPermanentWidget(self.date_label)
        self.first_painted.connect(self._update_date)  # the Jalali calendar is loaded after the first paint
        self.date_timer = QTimer(self)
        self.date_timer.setInterval(60_000)
        self.date_timer.timeout.connect(self._update_date)
        self.date_timer.start()
        self.printer_timer = QTimer(self)
        self.printer_timer.setInterval(60_000)
        self.printer_timer.timeout.connect(self.check_printer)
        self.first_painted.connect(lambda: QTimer.singleShot(1500, self.check_printer))
        self.first_painted.connect(self.printer_timer.start)

        self.net = NetStatus(services, interval_s=services.config["health_interval"], parent=self)
        services.answered = self.net.hear
        self.net.changed.connect(self._on_online_changed)
        if services.outbox is not None:  # how long the server remembers keys: the outbox's limit of retries
            self.net.checked.connect(lambda health: health is not None and services.outbox.server_facts(health))
        self.sync_panel = None
        if services.outbox is not None:
            services.outbox.changed.connect(self.update_queue_count)
            # The link is back: what waited on a backoff goes now, not at the end of its wait.
            self.net.changed.connect(lambda online: online and services.outbox.connection_back())
        self.net.changed.connect(lambda online: online and self.resume_uploads())
        self.update_queue_count()
        from kiosk.case_watch import CaseWatch

        self.case_watch = CaseWatch(services, interval_s=services.config["case_poll_interval"], parent=self)
        self.case_watch.arrived.connect(self.on_case_events)

        from kiosk.ui.idle import IdleWatch

        self.counter_mode = bool(services.config["counter_mode"])
        self._exit_allowed = False
        self.idle = IdleWatch(services.config["idle_timeout"], services.config["operator_lock_timeout"], self,
                              watch=False)
        # The application's Python event filters (idle, Enter on buttons) come after the first paint: see
        # kiosk.app.install_keyboard.
        self.first_painted.connect(self.idle.watch)
        self.first_painted.connect(lambda: install_keyboard(QApplication.instance()))
        self.idle.citizen_idle.connect(self.ask_still_there)
        self.idle.clerk_idle.connect(self.lock_clerk)
        self.still_there = None
        QShortcut(QKeySequence("Ctrl+Shift+Q"), self, activated=self.close)
        QShortcut(QKeySequence("F1"), self, activated=self.show_help)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.next_citizen)
        QShortcut(QKeySequence("Ctrl+K"), self, activated=self.open_verify)
        QShortcut(QKeySequence("Escape"), self, activated=self._escape)
        messages.bus().set_sink(self.show_message)
        self.go(self.signin)

    # --- start-up ----------------------------------------------------------------------------------
    def show_on_screen(self) -> None:
        """Full screen in counter mode; maximized where the default size would not fit the screen's free area
        (a 1366×768 or 1280×720 screen with a taskbar), otherwise the default size."""
        if self.counter_mode:
            self.showFullScreen()
            return
        screen = self.screen() or QApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else None
        if free is not None and (free.width() < self.width() + 40 or free.height() < self.height() + 40):
            self.showMaximized()
        else:
            self.show()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def backend_started(self, base_url: str, patient: bool = False) -> None:
        """The server's address is known (training sandbox started, or --server given). ``patient``: the
        server may still be starting behind a port that listens (the training server's process)."""
        self.services.connect(base_url)
        self.net.checked.connect(self._first_check)
        self.net.checked.connect(self._note_health)
        self.net.start(patient)

    def _note_health(self, health) -> None:
        """Whether the server is a training one, from any answer (a first check that failed said nothing)."""
        if health is not None and bool(health.training) != self._server_is_training:
            self._server_is_training = bool(health.training)
            if self.services.operator.signed_in:
                self.inbox_button.setVisible(self.services.training and self._server_is_training)

    def backend_failed(self, exc: BaseException) -> None:
        log.error("the training sandbox failed to start", exc_info=exc)
        self.server_label.setText(self.tr("Server: not available"))
        self.banner.show_message(self.tr("The training server could not start. Close the kiosk and start it "
                                         "again; if it repeats, tell support."), "error")
        self.server_ready.emit(False)

    def _first_check(self, health) -> None:
        self.net.checked.disconnect(self._first_check)
        self._server_is_training = bool(health is not None and health.training)
        log.info("server %s %s", self.services.api.session.base_url if self.services.api else "",
                 "reachable" if health is not None else "not reachable")
        self.signin.set_server_ready(True)
        self._resume_session()
        self.server_ready.emit(health is not None)

    def _resume_session(self) -> None:
        """After a crash or restart: a token still in the keyring signs the operator back in."""
        api = self.services.api
        tokens = self.services.tokens

        def work():
            operator = api.me() if tokens.get() else None  # keyring and HTTP both off the GUI thread
            if operator is not None:
                tokens.owner = operator.username
            return operator

        def done(operator) -> None:
            if operator is not None and not self.services.operator.signed_in:
                self.services.operator.operator = operator
                self._after_sign_in()

        def failed(exc: BaseException) -> None:
            self.services.runner.run(tokens.clear, across_visits=True)

        self.services.runner.run(work, done, failed, owner=self, across_visits=True)

    # --- pages built on first use ----------------------------------------------------------------------
    def _page(self, name: str) -> Page:
        # Built inside the stack from the start: a page born as a top-level widget and reparented later
        # takes the window's activation with it (its shortcuts then stop working).
        page = self._lazy.get(name)
        if page is not None:
            return page
        if name == "lookup":
            from kiosk.ui.lookup import LookupPage

            page = LookupPage(self.services, self.stack)
            page.challenge_started.connect(self.on_challenge)
            page.track_requested.connect(lambda: self.open_case_by_code(""))
        elif name == "otp":
            from kiosk.ui.otp import OtpPage

            page = OtpPage(self.services, self.stack)
            page.verified.connect(lambda _grant: self.go(self.efile))
            page.back_requested.connect(lambda: self.go(self.lookup))
            page.inbox_requested.connect(lambda: self.open_inbox(self.services.visit.mobile))
        elif name == "efile":
            from kiosk.ui.efile import EFilePage

            page = EFilePage(self.services, self.stack)
            page.next_citizen.connect(self.next_citizen)
            page.permit_requested.connect(self.start_permit)
            page.resume_requested.connect(lambda: self.go(self.resume_page))
            page.services_requested.connect(lambda: self.go(self.catalog))
            page.cases_requested.connect(self.open_citizen_cases)
            page.receipts_requested.connect(self.open_register)
        elif name == "wizard":
            from kiosk.ui.permit_wizard import PermitWizard

            page = PermitWizard(self.services, self.stack)
            page.finished.connect(self.next_citizen)
            page.case_requested.connect(self.open_citizen_cases)
            page.file_requested.connect(lambda: self.go(self.efile))
        elif name == "resume":
            from kiosk.ui.resume import ResumePage

            page = ResumePage(self.services, self.stack)
            page.back_requested.connect(lambda: self.go(self.efile))
            page.resumed.connect(self.resume_permit)
        elif name == "verify":
            from kiosk.ui.verify_page import VerifyPage

            page = VerifyPage(self.services, self.stack)
            page.back_requested.connect(self._back_from_verify)
        elif name == "register":
            from kiosk.ui.register import RegisterPage

            page = RegisterPage(self.services, self.stack)
            page.back_requested.connect(lambda: self.go(self.efile))
        elif name == "case":
            from kiosk.ui.case_view import CasePage

            page = CasePage(self.services, self.stack)
            page.back_requested.connect(lambda: self.go(self.efile if self.services.visit.consent else self.lookup))
        else:
            from kiosk.ui.catalog import CatalogPage

            page = CatalogPage(self.services, self.stack)
            page.back_requested.connect(lambda: self.go(self.efile))
            page.permit_requested.connect(self.start_permit)
        page.problem.connect(self.on_problem)
        page.offline.connect(lambda: self.net.report_offline())
        self.stack.addWidget(page)
        self._lazy[name] = page
        return page

    @property
    def lookup(self) -> "LookupPage":
        return self._page("lookup")  # type: ignore[return-value]

    @property
    def otp(self) -> "OtpPage":
        return self._page("otp")  # type: ignore[return-value]

    @property
    def efile(self) -> "EFilePage":
        return self._page("efile")  # type: ignore[return-value]

    @property
    def wizard(self) -> "PermitWizard":
        return self._page("wizard")  # type: ignore[return-value]

    @property
    def resume_page(self) -> "ResumePage":
        return self._page("resume")  # type: ignore[return-value]

    @property
    def catalog(self) -> "CatalogPage":
        return self._page("catalog")  # type: ignore[return-value]

    @property
    def case_page(self) -> "CasePage":
        return self._page("case")  # type: ignore[return-value]

    @property
    def citizen_pages(self) -> tuple[Page, ...]:
        self.lookup, self.otp, self.efile  # noqa: B018 - built if not yet
        return tuple(self._lazy.values())

    # --- navigation --------------------------------------------------------------------------------
    def go(self, page: Page) -> None:
        self.stack.setCurrentWidget(page)
        page.entered()

    def current(self) -> Page:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def on_signed_in(self, _response) -> None:
        self._after_sign_in()

    def _fit_operator_label(self) -> None:
        """The clerk and her desk in the status bar when the bar has room for them beside its other news
        (the server, a request waiting, the printer, an update, the date — whose weekday's length changes),
        else her name alone, the desk in the tooltip. Called whenever one of them changes."""
        texts = getattr(self, "_operator_texts", None)
        if not texts:
            return
        bar = self.statusBar()
        others = [w for w in (self.server_label, self.queue_button, self.case_button, self.printer_label,
                              self.mode_label, self.date_label, getattr(self, "update_label", None))
                  if w is not None and not w.isHidden()]
        spacing = 3 * bar.style().pixelMetric(bar.style().PixelMetric.PM_LayoutHorizontalSpacing) + 12
        needed = sum(w.sizeHint().width() + spacing for w in others) + spacing
        needed += self.operator_label.fontMetrics().horizontalAdvance(texts[0]) + 2 * spacing
        self.operator_label.setText(texts[0] if needed <= self.width() else texts[1])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_operator_label()

    def _after_sign_in(self) -> None:
        op = self.services.operator.operator
        log.info("clerk %s signed in", op.username)
        self._operator_texts = (self.tr("Operator: {name} — {office}").format(
            name=op.full_name, office=to_persian_digits(op.office)),
            self.tr("Operator: {name}").format(name=op.full_name))
        self.operator_label.setToolTip(self._operator_texts[0])
        self._fit_operator_label()
        self.signout_button.setVisible(True)
        self.next_button.setVisible(True)
        if self.services.outbox is not None:
            self.services.outbox.wake()  # requests that waited for a signed-in operator go now
        self.resume_uploads()
        self.inbox_button.setVisible(self.services.training and self._server_is_training)
        self.banner.hide_message()
        self.case_watch.start()
        target, self._return_to = self._return_to, None
        self.go(target or self.lookup)

    def resume_uploads(self) -> None:
        """Uploads that a dropped connection or a restart interrupted go on, each from its offset."""
        wizard = self._lazy.get("wizard")
        if wizard is not None and self.current() is wizard and wizard.current_step() is wizard.documents_step:
            self.wizard.documents_step.resume_pending()
            return
        uploads = self.services.uploads
        if uploads is None or not self.services.operator.signed_in:
            return

        def work() -> int:
            finished = 0
            uploads.spool.purge_expired()  # scans of drafts that expired while the kiosk ran go first
            for job in uploads.spool.pending():
                try:
                    uploads.run(job)
                    finished += 1
                except ApiError as exc:
                    log.info("upload of %s not resumed yet: %s", job.item_id, exc.code)
            return finished

        self.services.runner.run(work, None, log_failure("resuming uploads"), across_visits=True)

    def update_queue_count(self) -> None:
        outbox = self.services.outbox
        if outbox is None:
            self.queue_button.hide()
            return

        def show(counts: dict) -> None:
            if not shiboken6.isValid(self.queue_button):
                return  # the window is being closed while the count was read
            waiting = counts.get("queued", 0) + counts.get("sending", 0)
            refused = counts.get("refused", 0)
            reconcile = counts.get("reconcile", 0)
            unreadable = counts.get("unreadable", 0)
            text = self.tr("Waiting to send: {n}").format(n=to_persian_digits(str(waiting)))
            if reconcile:
                text += " — " + self.tr("needs reconciliation: {n}").format(n=to_persian_digits(str(reconcile)))
            if refused:
                text += " — " + self.tr("refused: {n}").format(n=to_persian_digits(str(refused)))
            if unreadable:
                text += " — " + self.tr("unreadable: {n}").format(n=to_persian_digits(str(unreadable)))
            if outbox.locked:
                text += " — " + self.tr("queue locked")
            self.queue_button.setText(text)
            self._fit_operator_label()
            self.queue_button.setProperty("alert", bool(refused or reconcile or unreadable or outbox.locked))
            self.queue_button.style().unpolish(self.queue_button)
            self.queue_button.style().polish(self.queue_button)

        self.services.runner.run(outbox.counts, show, log_failure("counting the queue"), owner=self,
                                 across_visits=True)

    def open_sync_panel(self) -> None:
        from kiosk.ui.sync_panel import SyncPanel

        if self.sync_panel is None:
            self.sync_panel = SyncPanel(self.services, self)
        self.sync_panel.show_panel()

    def on_challenge(self, challenge) -> None:
        self.otp.start(challenge)
        self.go(self.otp)

    # --- leaving the counter alone ------------------------------------------------------------------
    def visit_in_progress(self) -> bool:
        """Is there a citizen's data on screen or in memory?"""
        if self.services.visit.national_code or self.services.visit.consent:
            return True
        current = self.current()
        if current is self.signin:
            return False
        if current is self.lookup:
            return bool(self.lookup.national_code.text() or self.lookup.mobile.text())
        return current in self.citizen_pages

    def ask_still_there(self) -> None:
        if not self.services.operator.signed_in or not self.visit_in_progress() or self.still_there is not None:
            return
        from kiosk.ui.idle import StillThereDialog

        dialog = StillThereDialog(int(self.services.config["idle_countdown"]), self)
        self.still_there = dialog

        def closed(_result) -> None:
            self.still_there = None
            self.idle.touch()

        def expired() -> None:
            self.next_citizen()
            self.banner.show_message(self.tr("The visit ended after a time without use; the citizen's information "
                                             "was cleared."), "info")

        dialog.expired.connect(expired)
        dialog.finished.connect(closed)
        dialog.start()

    def lock_clerk(self) -> None:
        """The clerk left too: her session ends; signing in again opens the counter."""
        if not self.services.operator.signed_in:
            return
        minutes = int(self.services.config["operator_lock_timeout"] // 60)
        self.sign_out()
        self.signin.show_notice(self.tr("The session was locked after {n} minutes without use. Sign in again.")
                                .format(n=to_persian_digits(str(minutes))))

    def ask_exit(self) -> None:
        from kiosk.ui.counter import ExitDialog

        dialog = ExitDialog(self.services, self)
        dialog.allowed.connect(self._leave)
        dialog.open()
        self.exit_dialog = dialog

    def _leave(self) -> None:
        log.info("counter mode left with the PIN or a clerk's password")
        self._exit_allowed = True
        self.next_citizen()
        self.close()

    def show_help(self) -> None:
        from kiosk.ui.help import HelpOverlay

        overlay = HelpOverlay(self)
        overlay.show_over(self)
        self.help_overlay = overlay

    def next_citizen(self) -> None:
        """Ends the citizen's visit: everything of theirs leaves memory, the screens, open dialogs and the
        clipboard. Requests already queued in the (encrypted) outbox stay and are still sent."""
        from PySide6.QtWidgets import QApplication, QDialog

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and widget is not self.inbox:
                widget.reject()  # print previews, case dialogs, the countdown
        QApplication.clipboard().clear()
        # A new visit number first: whatever is still on its way for this citizen is dropped when it lands.
        self.services.visit.clear()
        if not self.services.operator.signed_in:
            self._forget_undo()
            return
        for page in self.citizen_pages:
            page.reset()
            page.set_busy(False)  # its request, if one was on its way, is dropped when it lands
        if self.inbox is not None:
            self.inbox.wipe()
        if self.sync_panel is not None:
            self.sync_panel.forget_sent()
        elif self.services.outbox is not None:
            self.services.outbox.recent_sent = []
        self.banner.hide_message()
        self._forget_undo()
        self.go(self.lookup)

    def _forget_undo(self) -> None:
        from PySide6.QtWidgets import QApplication

        from kiosk.ui.widgets import forget_undo

        for top in QApplication.topLevelWidgets():
            forget_undo(top)

    # --- signed updates ----------------------------------------------------------------------------
    def watch_updates(self, folder) -> None:
        """A failed start of an updated version is said once; the repository is checked in the background
        (after the first paint, then every ``update_check_interval``): what was staged or refused is said
        in the status bar."""
        from kiosk import updates

        # A few words in the status bar; the whole sentence in its tooltip and, pressed, in a box.
        self.update_label = QPushButton()
        self.update_label.setObjectName("updateStatus")
        self.update_label.setFlat(True)
        self.update_label.hide()
        self.update_label.clicked.connect(self._show_update_text)
        self._update_text = ""
        self.statusBar().addWidget(self.update_label)
        self.services.runner.run(lambda: updates.take_report(folder), self._update_failed_start, owner=self,
                                 across_visits=True)
        if self.services.updates is None:
            return
        config = self.services.config
        # The administrator's value only, between a minute and a week (a timer holds at most 24.8 days).
        interval = config["update_check_interval"] if config.is_locked("update_check_interval") else 3600.0
        self.update_timer = QTimer(self)
        self.update_timer.setInterval(int(min(max(interval, 60.0), 7 * 86400.0) * 1000))
        self.update_timer.timeout.connect(self.check_updates)
        self.update_timer.start()
        self.first_painted.connect(lambda: QTimer.singleShot(5000, self.check_updates))

    def check_updates(self) -> None:
        client = self.services.updates
        if client is None or getattr(self, "_update_running", False):
            return
        self._update_running = True
        # Not the citizen's: it goes on when a visit ends (the next citizen's screens never see it).
        self.services.runner.run(client.run, self._update_done, self._update_refused, owner=self,
                                 across_visits=True)

    def _say_update(self, short: str, text: str, problem: bool) -> None:
        self._update_text = text
        self.update_label.setText(short)
        self.update_label.setToolTip(text)
        self.update_label.setProperty("problem", problem)
        self.update_label.style().unpolish(self.update_label)
        self.update_label.style().polish(self.update_label)
        self.update_label.show()
        self._fit_operator_label()

    def _show_update_text(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning if self.update_label.property("problem") else
                          QMessageBox.Icon.Information, self.tr("Updates"), self._update_text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("updateMessage")
        box.open()

    def _update_failed_start(self, version) -> None:
        from kiosk.updates import FAILED_START

        if version:
            v = to_persian_digits(version)
            self._say_update(self.tr("Version {version} did not start").format(version=v),
                             QCoreApplication.translate("Updates", FAILED_START).format(version=v), True)

    def _update_done(self, version) -> None:
        from kiosk.updates import STAGED

        self._update_running = False
        if version:
            v = to_persian_digits(version)
            self._say_update(self.tr("Version {version} ready for the next start").format(version=v),
                             QCoreApplication.translate("Updates", STAGED).format(version=v), False)

    def _update_refused(self, exc: BaseException) -> None:
        from kiosk.updates import REFUSED, UpdateRefused, UpdateUnreachable

        self._update_running = False
        if isinstance(exc, UpdateUnreachable):
            log.info("update repository not reachable: %s", exc)
            return
        if not isinstance(exc, UpdateRefused):
            log_failure("the update check")(exc)
            return
        log.error("update refused (%s): %s", exc.kind, exc)
        self._say_update(self.tr("Update refused"), QCoreApplication.translate("Updates", REFUSED[exc.kind]).format(
            version=to_persian_digits(exc.version)), True)

    # --- paper -------------------------------------------------------------------------------------
    def check_printer(self) -> None:
        """«Printer ready» in the status bar: the receipt printer chosen here, or the system's default."""
        chosen = self.services.config["printer_receipt"]

        def work():
            from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

            from kiosk.printing.spool import printers

            names, default = printers()
            name = chosen if chosen in names else default or (names[0] if names else "")
            if not name:
                return "none", ""
            state = QPrinterInfo.printerInfo(name).state()
            return ("error" if state == QPrinter.PrinterState.Error else "ready"), name

        def show(result) -> None:
            if not shiboken6.isValid(self.printer_label):
                return
            state, name = result
            text = {"none": self.tr("Printer: none installed"), "error": self.tr("Printer: fault ({name})"),
                    "ready": self.tr("Printer: ready")}[state]
            self.printer_label.setText(text.format(name=name))  # the name of a ready printer is in the tooltip:
            self.printer_label.setToolTip(self.tr("Receipt printer: {name}").format(name=name) if name else "")
            # the status bar must fit a 1280×720 screen
            self.printer_label.setProperty("alert", state != "ready")
            self.printer_label.style().unpolish(self.printer_label)
            self.printer_label.style().polish(self.printer_label)
            self._fit_operator_label()

        self.services.runner.run(work, show, log_failure("checking the printer"), owner=self, across_visits=True)

    def open_verify(self) -> None:
        page = self._page("verify")
        if self.current() is not page:
            self._before_verify = self.current()
        page.reset()
        self.go(page)

    def _back_from_verify(self) -> None:
        self.go(getattr(self, "_before_verify", None) or self.signin)

    def open_register(self) -> None:
        page = self._page("register")
        page.open_for_citizen()
        self.go(page)

    # --- cases -------------------------------------------------------------------------------------
    def open_case_by_code(self, case_number: str) -> None:
        """Tracking by code: the public view, no one-time code needed."""
        self.case_page.open_public(case_number)
        self.go(self.case_page)

    def open_citizen_cases(self) -> None:
        self.case_page.open_for_citizen()
        self.go(self.case_page)

    def on_case_events(self, events: list) -> None:
        self.case_updates = (self.case_updates + events)[-100:]
        self.case_button.setText(self.tr("Case updates: {n}").format(n=to_persian_digits(str(len(self.case_updates)))))
        self.case_button.show()
        self._fit_operator_label()

    def open_case_updates(self) -> None:
        from kiosk.ui.case_updates import CaseUpdatesDialog

        dialog = CaseUpdatesDialog(self.case_updates, self)
        dialog.open_case.connect(self.open_case_by_code)
        dialog.open()
        self.case_updates_dialog = dialog
        self.case_updates = []
        self.case_button.hide()

    def start_permit(self) -> None:
        self.wizard.start_new()
        self.go(self.wizard)

    def resume_permit(self, draft) -> None:
        self.resume_page.reset()
        self.wizard.resume(draft)
        self.go(self.wizard)

    def sign_out(self) -> None:
        api = self.services.api
        tokens = self.services.tokens

        def work() -> None:
            # Forget the token first (a quick re-login must not lose its new token to a slow logout),
            # then tell the server, best effort.
            token = tokens.get()
            tokens.clear()
            if api is not None and token:
                try:
                    api.logout(token)
                except ApiError as exc:  # the token expires on its own; the clerk is signed out here
                    log.info("sign-out not confirmed by the server: %s", exc.code)

        self.services.runner.run(work, None, log_failure("signing out"), across_visits=True)
        self.next_citizen()
        self.case_watch.stop()
        self.case_updates = []
        self.case_button.hide()
        self.services.operator.operator = None
        self._operator_texts = None
        self.operator_label.setToolTip("")
        self.operator_label.setText(self.tr("Not signed in"))
        self.signout_button.setVisible(False)
        self.next_button.setVisible(False)
        self.inbox_button.setVisible(False)
        self.signin.reset()
        self._return_to = None
        self.go(self.signin)

    def toggle_training_link(self, cut: bool) -> None:
        link = self.services.training_link
        if link is None:
            return
        self.link_button.setEnabled(False)
        self.link_button.setText(self.tr("Training: restore the connection") if cut else
                                 self.tr("Training: cut the connection"))

        def done(_r) -> None:
            self.link_button.setEnabled(True)
            if cut:
                self.net.report_offline()
            else:
                self.net.probe()

        def failed(exc: BaseException) -> None:
            log.error("the training server could not be %s", "stopped" if cut else "started again", exc_info=exc)
            self.link_button.setEnabled(True)
            self.banner.show_message(self.tr("The training server could not listen again. Close the kiosk and "
                                             "start it again."), "error")

        self.services.runner.run(lambda: link(not cut), done, failed, across_visits=True)

    def open_inbox(self, mobile: str | None = None) -> None:
        if not self.services.training:
            return
        if self.inbox is None:
            from kiosk.ui.sms_inbox import SmsInboxDialog

            self.inbox = SmsInboxDialog(self.services, self)
            self.inbox.finished.connect(self._after_inbox)
        self.inbox.show_for(mobile)

    def _after_inbox(self, _result=None) -> None:
        """The code was read off the inbox: the clerk types it next, not presses the inbox button again."""
        self.activateWindow()
        if self.current() is self.otp:
            self.otp.code.setFocus()

    def _escape(self) -> None:
        current = self.current()
        if current is self._lazy.get("wizard"):
            self.wizard.back()
        elif current in (self._lazy.get("resume"), self._lazy.get("catalog")) and current is not None:
            self.go(self.efile)
        elif self.current() is self.otp:
            self.go(self.lookup)
        elif self.current() is self.efile and self.efile.mode == "edit":
            self.efile.cancel_edit()
        elif self.current() is self.efile and self.efile.mode == "create":
            self.efile.abandon()

    # --- errors ------------------------------------------------------------------------------------
    def on_problem(self, exc: BaseException, retry) -> None:
        if isinstance(exc, Unauthorized):
            page = self.current()
            self._return_to = page if page is not self.signin else None
            self.services.runner.run(self.services.tokens.clear, across_visits=True)
            self.signin.show_notice(messages.describe(exc))
            self.go(self.signin)
            return
        if isinstance(exc, OfflineError):
            self.net.report_offline()
            self._retry_action = retry
            self.banner.show_message(messages.describe(exc), "error", retry=retry is not None)
            return
        text = messages.describe(exc)
        if text is None:
            messages.bus().bug(exc)
            return
        self._retry_action = None
        self.banner.show_message(text, "error")

    def _retry(self) -> None:
        action, self._retry_action = self._retry_action, None
        self.banner.hide_message()
        if action is not None:
            action()

    def show_message(self, kind: str, text: str) -> None:
        self.banner.show_message(text, "error" if kind in ("error", "bug") else "info")

    # --- status bar --------------------------------------------------------------------------------
    def _on_online_changed(self, online: bool) -> None:
        self.server_label.setText(self.tr("Server: online") if online else self.tr("Server: offline"))
        self.server_label.setProperty("online", online)
        self.server_label.style().unpolish(self.server_label)
        self.server_label.style().polish(self.server_label)
        self._fit_operator_label()
        if online and self.banner.isVisible() and self._retry_action is not None:
            self.banner.show_message(self.tr("The connection is back. Press “Try again” to continue."),
                                     "info", retry=True)

    def _update_date(self) -> None:
        self.date_label.setText(format_jalali_long(iran_today()))
        self._fit_operator_label()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.counter_mode and not self._exit_allowed:
            event.ignore()  # Alt+F4, the window manager, a stray click: counter mode stays up
            self.ask_exit()
            return
        self.idle.stop()
        self.printer_timer.stop()
        self.net.stop()
        if self.services.answered == self.net.hear:
            self.services.answered = None
        messages.bus().set_sink(None)
        super().closeEvent(event)
