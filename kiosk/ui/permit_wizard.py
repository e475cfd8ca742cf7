"""The building-permit wizard: parcel → owners → building → documents → review → order and slip.

Keyboard first: Enter goes on, Esc goes back, Tab moves between fields; going back and forth keeps every
input. The quote panel is always visible. The request is saved as a server draft on every page change
(behind a resume code the citizen can take home); nothing of it is kept on this PC.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk import messages
from kiosk.api_client.errors import ApiError, OfflineError, ServerError
from kiosk.domain.digits import ltr, to_persian_digits
from kiosk.ui.page import Page
from kiosk.ui.permit_steps import (
    DocumentsStep, OwnersStep, ParcelStep, ProjectStep, ResultStep, Step, SummaryStep,
)
from kiosk.ui.quote_panel import QuotePanel
from kiosk.ui.widgets import plain_scroll, title_label

if TYPE_CHECKING:
    from kiosk.contract import Draft
    from kiosk.permit import PermitIntake



class PermitWizard(Page):
    """Signals: ``finished()`` (the clerk is done with this request), ``draft_saved(object Draft)``,
    ``case_requested()`` and ``file_requested()`` (after the submission: open the case, back to the e-file)."""

    finished = Signal()
    draft_saved = Signal(object)
    case_requested = Signal()
    file_requested = Signal()

    def __init__(self, services, parent=None, quote_delay_ms: int = 350):
        super().__init__(services, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("Building permit request")))
        top.addStretch(1)
        self.resume_label = QLabel()
        self.resume_label.setObjectName("resumeCode")
        self.resume_label.setToolTip(self.tr("With this code and a new confirmation code the citizen can continue "
                                             "the request later, here or at any counter."))
        top.addWidget(self.resume_label)
        self.resume_print = QPushButton(self.tr("Print the code…"))
        self.resume_print.setObjectName("printResume")
        self.resume_print.setToolTip(self.tr("A slip with the resume code for the citizen to take away"))
        self.resume_print.clicked.connect(self.print_resume_code)
        self.resume_print.hide()
        top.addWidget(self.resume_print)
        outer.addLayout(top)
        self.progress = QLabel()
        self.progress.setObjectName("stepIndicator")
        self.progress.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.progress)
        self.save_note = QLabel()
        self.save_note.setObjectName("fieldHint")
        outer.addWidget(self.save_note)

        body = QHBoxLayout()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        left_layout.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setToolTip(self.tr("Previous step (Esc)"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("primary")
        self.next_button.setToolTip(self.tr("Next step (Enter)"))
        self.next_button.clicked.connect(self.next)
        nav.addWidget(self.next_button)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        left_layout.addLayout(nav)
        body.addWidget(left, 3)
        self.panel = QuotePanel()
        body.addWidget(self.panel, 2)
        outer.addLayout(body, 1)

        self.parcel_step = ParcelStep(services)
        self.owners_step = OwnersStep(services)
        self.project_step = ProjectStep(services)
        self.documents_step = DocumentsStep(services)
        self.summary_step = SummaryStep(services)
        self.result_step = ResultStep(services)
        self.steps: list[Step] = [self.parcel_step, self.owners_step, self.project_step, self.documents_step,
                                  self.summary_step, self.result_step]
        for step in self.steps:
            # Each step scrolls on its own, so a small counter screen never clips a form.
            self.stack.addWidget(plain_scroll(step))
            step.problem.connect(self.problem)
            step.offline.connect(self.offline)
        self.parcel_step.parcel_found.connect(self.panel.show_parcel)
        self.project_step.changed.connect(self.recompute)
        self.summary_step.submitted.connect(self.on_submitted)
        self.summary_step.quote_refresh_needed.connect(self.request_quote)
        self.summary_step.uploads_in_flight = lambda: self.documents_step.uploading
        self.documents_step.uploads_changed.connect(self.summary_step.show_quote_state)
        self.result_step.finished.connect(self.finished)
        self.result_step.case_requested.connect(self.case_requested)
        self.result_step.file_requested.connect(self.file_requested)

        self.quote_timer = QTimer(self)
        self.quote_timer.setSingleShot(True)
        self.quote_timer.setInterval(quote_delay_ms)
        self.quote_timer.timeout.connect(self.request_quote)
        self._quote_seq = 0
        self._saving = False
        self._save_again = False
        from kiosk.api_client.keys import Intent

        self.draft_intent = Intent("draft_save")
        self._unconfirmed: tuple | None = None  # (draft id, version, data, key) of a save without its answer
        # Esc is the main window's shortcut, which calls back(); Enter and Ctrl+Enter are handled in
        # keyPressEvent (a QShortcut here did not fire once the wizard was built after the window was shown).

    # --- starting ---------------------------------------------------------------------------------------
    @property
    def intake(self) -> "PermitIntake":
        return self.services.visit.permit

    def start_new(self) -> None:
        from kiosk.permit import PermitIntake

        visit = self.services.visit
        intake = PermitIntake()
        efile = visit.efile
        if efile is not None:  # the citizen in front of the clerk is usually the (first) owner
            intake.owners = [{"national_code": efile.national_code, "first_name": efile.first_name,
                              "last_name": efile.last_name, "share": "100"}]
        visit.permit = intake
        self._begin()

    def resume(self, draft: "Draft") -> None:
        from kiosk.permit import PermitIntake

        intake = PermitIntake()
        intake.load_data(draft)
        self.services.visit.permit = intake
        self._begin()

    def _begin(self) -> None:
        self.reset_steps()
        self.draft_intent.renew()
        self._unconfirmed = None
        self.load_tariff()
        intake = self.intake
        self.show_resume_code()
        target = intake.step if intake.step in ("parcel", "owners", "project", "documents", "summary") else "parcel"
        if intake.renovation_code and intake.parcel is None:
            # A resumed draft knows the code; fetch the parcel's current rules before going on.
            self.parcel_step.by_code.setChecked(True)
            self.parcel_step.renovation_code.setText(intake.renovation_code)
            self.goto(0)
            api = self.services.api
            code = intake.renovation_code

            def found(parcel) -> None:
                self.parcel_step.show_parcel(parcel)
                intake.parcel = parcel
                self.goto(self.index_of(target))

            self.run(lambda: api.parcel_by_code(code), found, retry=self._begin)
            return
        self.goto(0)

    def load_tariff(self) -> None:
        cache = self.services.tariff_cache()
        api = self.services.api

        def work():
            try:
                cache.store(api.current_tariff())
            except OfflineError:
                cache.load()  # no connection: the last published booklet, for estimates
            return cache.booklet

        def done(_booklet) -> None:
            self.recompute()

        self.services.runner.run(work, done, lambda exc: self.recompute(), owner=self)

    # --- navigation ---------------------------------------------------------------------------------------
    def index_of(self, step_name: str) -> int:
        from kiosk.permit import STEPS

        return STEPS.index(step_name)

    def current_index(self) -> int:
        return self.stack.currentIndex()

    def current_step(self) -> Step:
        return self.steps[self.current_index()]

    def goto(self, index: int) -> None:
        from kiosk.permit import STEPS

        step = self.steps[index]
        self.intake.step = STEPS[index]
        step.load(self.intake)
        self.stack.setCurrentIndex(index)
        step.entered()
        self.back_button.setVisible(index < len(self.steps) - 1)
        # the first step's way back is the citizen's file (the result step has its own buttons)
        self.back_button.setText(self.tr("Back to the e-file") if index == 0 else self.tr("Back"))
        self.next_button.setVisible(index < len(self.steps) - 2)
        self.update_progress()
        if step is self.project_step:
            self.recompute()

    def update_progress(self) -> None:
        names = [s.title_text for s in self.steps[:-1]]
        current = min(self.current_index(), len(names) - 1)
        parts = []
        for i, name in enumerate(names):
            n = to_persian_digits(str(i + 1))
            if i == current and self.current_index() < len(self.steps) - 1:
                parts.append(f"<b style='color:#0b6e69'>{n}. {name}</b>")
            else:
                parts.append(f"<span style='color:#5b6766'>{n}. {name}</span>")
        self.progress.setText("  ›  ".join(parts))

    def next(self) -> None:
        index = self.current_index()
        if self.busy or index >= len(self.steps) - 2:
            return
        step = self.steps[index]
        if step is self.project_step:
            step.read(self.intake)
        if not step.commit(self.intake):
            return
        self.goto(index + 1)
        self.save_draft()

    def back(self) -> None:
        index = self.current_index()
        if index in (0, len(self.steps) - 1):
            if not self.busy:
                self.file_requested.emit()  # before the first step and after the submission: the citizen's file
            return
        if self.busy:
            return
        if self.steps[index] is self.project_step:
            self.project_step.read(self.intake)
        if self.steps[index] is self.owners_step:
            self.intake.owners = self.owners_step.rows()
            self.intake.attorney = self.owners_step.attorney()
        self.goto(index - 1)
        self.save_draft()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Enter goes on, unless the step uses it first (the parcel step searches with it); Esc goes back."""
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.back()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl or not self.steps[self.current_index()].on_enter():
                self.next()  # Ctrl+Enter goes on from anywhere, the owners table included
            event.accept()
            return
        super().keyPressEvent(event)

    # --- the server draft -----------------------------------------------------------------------------
    def save_draft(self) -> None:
        """Create or update the draft off the GUI thread; one save at a time, the latest state wins."""
        intake = self.intake
        if intake is None or intake.application is not None:
            return
        if self._saving:
            self._save_again = True
            return
        self._saving = True
        api = self.services.api
        consent = self.services.visit.consent_id
        if self._unconfirmed is not None:
            # The last save may have reached the server without its answer coming back: send exactly that
            # request again first (same key: the server answers it from its record), then the newer state.
            draft_id, version, data, key = self._unconfirmed
            self._save_again = True
        else:
            data = intake.to_data()
            draft_id = intake.draft.draft_id if intake.draft else None
            version = intake.draft.version if intake.draft else 0
            # The same saved state is one request; each new state, or version, is another.
            key = self.draft_intent.key({"draft": draft_id, "version": version, "data": data, "consent": consent})
            self._unconfirmed = (draft_id, version, data, key)

        def work():
            if draft_id is None:
                return api.create_draft(data, consent, idempotency_key=key)
            return api.save_draft(draft_id, data, version, consent, idempotency_key=key)

        def done(saved) -> None:
            self._saving = False
            self._unconfirmed = None
            if self.intake is not intake:  # the citizen left meanwhile
                return
            intake.draft = saved
            self.show_resume_code()
            self.save_note.setText(self.tr("Saved on the server."))
            self.draft_saved.emit(saved)
            if self._save_again:
                self._save_again = False
                self.save_draft()
            if self.current_step() is self.documents_step and not self.documents_step.rows:
                self.documents_step.refresh()

        def failed(exc: BaseException) -> None:
            self._saving = False
            if not isinstance(exc, OfflineError) and not isinstance(exc, ServerError):
                self._unconfirmed = None  # the server answered: nothing of it waits to be confirmed
            if isinstance(exc, ApiError) and not isinstance(exc, OfflineError) and exc.code != "draft_stale":
                self.problem.emit(exc, None)
            self.save_note.setText(self.tr("Not saved on the server yet: it is saved again at the next step."))

        self.services.runner.run(work, done, failed, owner=self)

    def show_resume_code(self) -> None:
        draft = self.intake.draft if self.intake else None
        self.resume_print.setVisible(draft is not None)
        if draft is None:
            self.resume_label.clear()
            return
        code = to_persian_digits(f"{draft.resume_code[:4]}-{draft.resume_code[4:]}")
        self.resume_label.setText(self.tr("Resume code: {code}").format(code=ltr(code)))

    def print_resume_code(self) -> None:
        from kiosk.ui.print_dialog import open_print

        draft = self.intake.draft if self.intake else None
        if draft is not None:
            open_print(self, self.services, "resume", draft)

    # --- the quote --------------------------------------------------------------------------------------
    def recompute(self) -> None:
        """Instant local estimate on every edit; the server's quote follows after a short pause."""
        from kiosk.permit import estimate

        intake = self.intake
        if intake is None or intake.parcel is None:
            return
        if self.current_step() is self.project_step:
            self.project_step.read(intake)
        spec = intake.project_spec()
        if spec is None:
            self.project_step.show_assessment(None)
            return
        booklet = self.services.tariff_cache().booklet
        assessment, quote = estimate(intake.parcel, spec, booklet)
        self.panel.show_assessment(intake.parcel, assessment)
        if self.current_step() is self.project_step:
            self.project_step.show_assessment(assessment)
        if intake.quote is not None and self._quote_matches(intake.quote, spec):
            self.panel.show_quote(intake.quote, booklet, estimate=False)
        elif quote is not None:
            intake.quote = None
            self.panel.show_quote(quote, booklet, estimate=True)
            self.quote_timer.start()
        else:
            intake.quote = None
            self.panel.show_no_tariff()
            self.quote_timer.start()

    def _quote_matches(self, quote, spec) -> bool:
        return self.intake.quote_for == (self.intake.parcel.renovation_code, spec)

    def request_quote(self) -> None:
        intake = self.intake
        if intake is None or intake.parcel is None:
            return
        spec = intake.project_spec()
        if spec is None:
            return
        self._quote_seq += 1
        seq = self._quote_seq
        api = self.services.api
        code = intake.parcel.renovation_code

        def done(quote) -> None:
            if seq != self._quote_seq or self.intake is not intake:
                return  # an older answer: the clerk has typed since
            intake.quote = quote
            intake.quote_for = (code, spec)
            booklet = self.services.tariff_cache().booklet
            if booklet is None or booklet.version != quote.tariff_version:
                self.load_tariff()  # a new booklet was published: fetch it, announce it with the quote
            self.panel.show_quote(quote, booklet, estimate=False)
            self.summary_step.show_quote_state()

        def failed(exc: BaseException) -> None:
            if seq != self._quote_seq or isinstance(exc, OfflineError):
                return  # offline: the estimate stays on screen, marked as such
            if isinstance(exc, ApiError):
                self.panel.show_refusal(messages.describe(exc))
            else:
                self.problem.emit(exc, None)

        self.services.runner.run(lambda: api.quote(code, spec), done, failed, owner=self)

    # --- the end --------------------------------------------------------------------------------------
    def on_submitted(self, application) -> None:
        self.goto(len(self.steps) - 1)
        self.save_note.clear()
        self.resume_label.clear()
        self.resume_print.hide()  # the draft is a case now: no resume code to print

    def reset_steps(self) -> None:
        for step in self.steps:
            step.reset()
        self.panel.clear()
        self.save_note.clear()
        self.resume_label.clear()
        self.resume_print.hide()
        self._quote_seq += 1
        self.quote_timer.stop()

    def reset(self) -> None:
        self.reset_steps()
        self.draft_intent.renew()
        self._unconfirmed = None
        self._save_again = False

    def entered(self) -> None:
        self.steps[self.current_index()].entered()
