"""The actions of a case's current stage, each in a small dialog: the drawings (typed PDF sheets sent
with the resumable uploads, then the declared figures checked by rule), the citizen's answer to an
objection and a report to the 3890 line (both through the outbox, so they are never lost offline)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QRadioButton, QVBoxLayout,
)

from kiosk import formatting as fmt
from kiosk import messages
from kiosk.api_client.errors import ApiError, OfflineError
from kiosk.domain.digits import to_persian_digits
from kiosk.domain.documents import check_document
from kiosk.domain.jalali import format_iran_date
from kiosk.domain.person import REQUIRED
from kiosk.domain.problems import QT_TRANSLATE_NOOP, Problem
from kiosk.domain.workflow import stage_timing
from kiosk.ui.page import Page
from kiosk.ui.widgets import (
    DigitLineEdit, FormField, Notice, attached_file_text, pick_files, text_area, title_label,
)

if TYPE_CHECKING:
    from kiosk.contract import CaseView, Timetable

NOT_A_NUMBER = Problem("not_a_number", QT_TRANSLATE_NOOP("Validation", "Enter a number."))
MAX_DRAWING_BYTES = 25 * 1024 * 1024


def _number(text: str, field: str) -> tuple[Decimal | None, Problem | None]:
    if not text:
        return None, REQUIRED.at(field)
    try:
        value = Decimal(text.replace("٫", ".").replace("/", "."))
    except InvalidOperation:
        return None, NOT_A_NUMBER.at(field)
    return (value, None) if value >= 0 else (None, NOT_A_NUMBER.at(field))


class _Form(Page):
    """A Page inside a dialog: background work, busy buttons and errors beside fields."""


class _ActionDialog(QDialog):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setModal(True)
        self.setMinimumWidth(560)
        self.form = _Form(services)
        layout = QVBoxLayout(self)
        self.heading = title_label("")
        layout.addWidget(self.heading)
        layout.addWidget(self.form, 1)
        self.body = QVBoxLayout(self.form)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.buttons = QHBoxLayout()
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("primary")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.buttons.addWidget(self.send_button)
        self.buttons.addWidget(self.cancel_button)
        self.buttons.addStretch(1)
        self.form._busy_buttons = [self.send_button]
        self.note = Notice()
        from kiosk.api_client.keys import Intent

        self.intent = Intent(type(self).__name__)  # one dialog, one thing the clerk means to do once

    def set_title(self, text: str) -> None:
        self.setWindowTitle(text)
        self.heading.setText(text)

    def finish_layout(self) -> None:
        self.body.addWidget(self.note)
        self.body.addStretch(1)
        self.body.addLayout(self.buttons)

    def say(self, text: str) -> None:
        self.note.say(text)
        self.grow()

    def grow(self) -> None:
        """Errors appeared under the fields: make room once the layout has taken them in."""
        from PySide6.QtCore import QTimer

        def fit() -> None:
            # Wrapped labels need their height for this width, which the plain size hint does not count.
            needed = self.layout().totalHeightForWidth(self.width())
            self.resize(self.width(), max(self.height(), needed, self.sizeHint().height()))

        QTimer.singleShot(0, fit)


class DrawingsDialog(_ActionDialog):
    """Signals: ``sent(object CaseView)`` after the drawings passed the automatic checks;
    ``problem(object exc, object retry)`` for errors the dialog cannot place."""

    sent = Signal(object)
    problem = Signal(object, object)
    progressed = Signal(str, int, int)

    def __init__(self, services, view: CaseView, timetable: Timetable, consent_id: str | None, parent=None):
        super().__init__(services, parent)
        self.set_title(self.tr("Drawings of case {n}").format(n=to_persian_digits(view.case_number)))
        self.view = view
        self.consent_id = consent_id
        self.round = view.current.attempt if view.current else 1
        intro = QLabel(self.tr("Attach each drawing the designers delivered as one PDF file, then type the figures "
                               "the drawings declare. The server checks them against the approved request."))
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        grid = QGridLayout()
        self.rows: dict[str, dict] = {}
        have = {d.sheet_id: d for d in view.documents if d.round == self.round}
        for r, sheet in enumerate(timetable.drawing_sheets):
            caption = QLabel(sheet.title + ("" if sheet.mandatory else self.tr(" (if any)")))
            button = QPushButton(self.tr("Choose the PDF…"))
            button.setObjectName(f"sheet_{sheet.id}")
            button.clicked.connect(lambda _c=False, s=sheet: self.attach(s))
            state = QLabel()
            state.setObjectName(f"sheetState_{sheet.id}")
            state.setWordWrap(True)
            grid.addWidget(caption, r, 0)
            grid.addWidget(button, r, 1)
            grid.addWidget(state, r, 2)
            self.rows[sheet.id] = {"sheet": sheet, "button": button, "state": state, "done": sheet.id in have}
            state.setText(attached_file_text(have[sheet.id].filename, have[sheet.id].size) if sheet.id in have
                          else (self.tr("not attached yet: needed") if sheet.mandatory else self.tr("not attached")))
        grid.setColumnStretch(2, 1)
        self.body.addLayout(grid)
        figures = QVBoxLayout()  # one field a row: wrapped error lines get their height (they do not in a grid)
        self.editors = {}
        for key, caption in (
                ("floors", self.tr("Floors")), ("total_area", self.tr("Total floor area of all floors (m²)")),
                ("units", self.tr("Units")), ("height", self.tr("Building height from the street (m)"))):
            editor = DigitLineEdit(max_length=10, decimal=key in ("total_area", "height"))
            editor.setObjectName(f"declared_{key}")
            self.editors[key] = editor
            self.form.fields[key] = FormField(caption, editor)
            figures.addWidget(self.form.fields[key])
        self.body.addLayout(figures)
        self.send_button.setText(self.tr("Send the drawings for review"))
        self.send_button.clicked.connect(self.submit)
        self.finish_layout()
        self._in_flight: set[str] = set()
        self.progressed.connect(self._progress)

    def pick(self, title: str) -> str | None:
        chosen = pick_files(self, self.services, title, self.tr("PDF files (*.pdf)"))
        return chosen[0] if chosen else None

    def attach(self, sheet) -> None:
        path = self.pick(sheet.title)
        if not path:
            return
        row = self.rows[sheet.id]
        uploads = self.services.uploads
        case, consent, tag = self.view.case_number, self.consent_id, str(self.round)
        row["state"].setText(self.tr("Checking the file…"))
        row["button"].setEnabled(False)
        self._in_flight.add(sheet.id)

        def work():
            content = Path(path).read_bytes()
            mime, problem = check_document(content, ["application/pdf"], MAX_DRAWING_BYTES)
            if problem is not None:
                return problem
            from kiosk.scans import describe

            name, facts = describe(Path(path).name, content, mime)
            job = uploads.spool.add(case, sheet.id, content, name, mime, consent, target="cases", tag=tag)
            return uploads.run(job, progress=lambda done, total: self.progressed.emit(sheet.id, done, total)), facts

        def settle() -> None:
            self._in_flight.discard(sheet.id)
            row["button"].setEnabled(True)

        def done(result) -> None:
            settle()
            if isinstance(result, Problem):
                row["state"].setText(f"<span style='color:#b00020'>{messages.render(result)}</span>")
                return
            document, facts = result
            row["done"] = True
            row["state"].setText(attached_file_text(document.filename, document.size, facts))

        def failed(exc: BaseException) -> None:
            settle()
            if isinstance(exc, OSError):
                text = self.tr("The file could not be read.")
            elif isinstance(exc, OfflineError):
                text = self.tr("Paused: the connection dropped. It continues by itself when the connection returns.")
            elif isinstance(exc, ApiError):
                text = messages.describe(exc)
            else:
                self.problem.emit(exc, None)
                return
            row["state"].setText(f"<span style='color:#b00020'>{text}</span>")

        self.services.runner.run(work, done, failed, owner=self)

    def _progress(self, sheet_id: str, done: int, total: int) -> None:
        if total and sheet_id in self.rows:
            self.rows[sheet_id]["state"].setText(self.tr("Sending… {p}%").format(
                p=to_persian_digits(str(int(done * 100 / total)))))

    def submit(self) -> None:
        form = self.form
        if form.busy:
            return
        form.clear_errors()
        self.say("")
        if self._in_flight:
            self.say(self.tr("Wait until every file has been sent."))
            return
        values, problems = {}, []
        for key, editor in self.editors.items():
            value, problem = _number(editor.value(), key)
            values[key] = value
            if problem:
                problems.append(problem)
        if problems:
            form.show_problems(problems)
            self.grow()
            return
        missing = [r["sheet"].title for r in self.rows.values() if r["sheet"].mandatory and not r["done"]]
        if missing:
            self.say(self.tr("Attach first: {items}.").format(items="، ".join(missing)))
            return
        from kiosk.contract import DrawingsSubmission

        declared = DrawingsSubmission(floors=int(values["floors"]), total_area=values["total_area"],
                                      units=int(values["units"]), height=values["height"])
        api, case, consent = self.services.api, self.view.case_number, self.consent_id
        # A retry after a dropped connection is the same submission (same key), never a second one; a
        # corrected submission has other figures, so another key.
        key = self.intent.key({"case": case, "declared": declared, "consent": consent})

        def failed(exc: BaseException) -> bool:
            if not isinstance(exc, ApiError) or isinstance(exc, OfflineError):
                return False  # the banner offers «تلاش دوباره»: the same submission, the same key
            if not form.show_on_fields(exc):
                self.say(messages.describe(exc))
            self.grow()
            return True

        def done(view) -> None:
            self.sent.emit(view)
            self.accept()

        form.problem.connect(self.problem)
        form.run(lambda: api.submit_drawings(case, declared, consent, idempotency_key=key), done, failed,
                 retry=self.submit, busy_text=self.tr("Sending…"))


class _OutboxDialog(_ActionDialog):
    """Signals: ``queued(str item_id, str text)`` once the request is safely on disk."""

    queued = Signal(str, str)

    def queue(self, action, label: str, text: str) -> None:
        form = self.form
        if form.busy:
            return
        form.set_busy(True, self.tr("Saving…"))

        def queued(item) -> None:
            form.set_busy(False)
            self.queued.emit(item.id, text.format(ref=fmt.code(item.reference)))
            self.accept()

        def not_queued(exc: BaseException) -> None:
            form.set_busy(False)
            self.say(messages.describe(exc) or self.tr("The request could not be saved. Try again."))

        self.services.outbox.queue(action, self.intent.key(action.payload), label, queued, not_queued, owner=self)


class ResponseDialog(_OutboxDialog):
    def __init__(self, services, view: CaseView, consent_id: str | None, parent=None):
        super().__init__(services, parent)
        self.set_title(self.tr("The citizen's answer to the objection"))
        self.view = view
        self.consent_id = consent_id
        stage = view.current
        reason = QLabel(self.tr("Objection: {reason}\nThe citizen must: {action}").format(
            reason=stage.reason if stage else "", action=stage.action if stage else ""))
        reason.setWordWrap(True)
        self.body.addWidget(reason)
        self.text = text_area(120)
        self.text.setObjectName("responseText")
        self.form.fields["text"] = FormField(self.tr("What the citizen did"), self.text,
                                             self.tr("For example the receipt number or the document delivered"))
        self.body.addWidget(self.form.fields["text"])
        self.send_button.setText(self.tr("Record the answer"))
        self.send_button.clicked.connect(self.submit)
        self.finish_layout()

    def submit(self) -> None:
        from kiosk.api_client import actions

        text = self.text.toPlainText().strip()
        if len(text) < 3:
            self.form.show_problems([REQUIRED.at("text")])
            return
        self.queue(actions.case_response(self.view.case_number, text, self.consent_id),
                   self.tr("Answer to an objection on case {n}").format(n=self.view.case_number),
                   self.tr("The answer is queued for sending (reference {ref})."))


class ReportDialog(_OutboxDialog):
    """A report to the whistleblowing line: a delay of the current stage (only when it is overdue and
    held by the municipality or an agency), or another grievance with its reason."""

    def __init__(self, services, view: CaseView, timetable: Timetable, consent_id: str | None, parent=None):
        super().__init__(services, parent)
        self.set_title(self.tr("Report to the {line} line").format(
            line=to_persian_digits(timetable.whistleblowing_line)))
        self.view = view
        self.consent_id = consent_id
        stage = view.current
        timing = stage_timing(stage.deadline, view.as_of) if stage else None
        self.overdue = bool(stage and timing and timing.overdue and stage.holder != "citizen")
        self.delay = QRadioButton(self.tr("Delay at the current stage"))
        self.delay.setObjectName("reportDelay")
        self.grievance = QRadioButton(self.tr("Another grievance"))
        self.grievance.setObjectName("reportGrievance")
        self.body.addWidget(self.delay)
        self.delay_info = QLabel()
        self.delay_info.setWordWrap(True)
        self.body.addWidget(self.delay_info)
        self.body.addWidget(self.grievance)
        if self.overdue:
            self.delay_info.setText(self.tr("«{stage}», held by {holder}: {n} days past its deadline of {date}.").format(
                stage=stage.title, holder=stage.holder_title, n=to_persian_digits(str(timing.days)),
                date=format_iran_date(stage.deadline)))
            self.delay.setChecked(True)
        else:
            self.delay_info.setText(self.tr("No stage of this case is past its deadline now, so a delay cannot be "
                                            "reported. Another grievance can, with its reason."))
            self.delay.setEnabled(False)
            self.grievance.setChecked(True)
        self.text = text_area(120)
        self.text.setObjectName("reportText")
        self.form.fields["text"] = FormField(self.tr("The citizen's words"), self.text,
                                             self.tr("Required for a grievance: at least ten characters"))
        self.body.addWidget(self.form.fields["text"])
        self.send_button.setText(self.tr("File the report"))
        self.send_button.clicked.connect(self.submit)
        self.finish_layout()

    def submit(self) -> None:
        from kiosk.api_client import actions
        from kiosk.contract import DelayReportIn

        text = self.text.toPlainText().strip()
        kind = "delay" if self.delay.isChecked() else "grievance"
        if kind == "grievance" and len(text) < 10:
            self.form.fields["text"].set_error(self.tr("Write the reason of the grievance in at least ten "
                                                       "characters."))
            self.text.setFocus()
            return
        stage_id = self.view.current.stage_id if (kind == "delay" and self.view.current) else None
        report = DelayReportIn(kind=kind, stage_id=stage_id, text=text)
        self.queue(actions.delay_report(self.view.case_number, report, self.consent_id),
                   self.tr("Report to 3890 on case {n}").format(n=self.view.case_number),
                   self.tr("The report is queued for sending (reference {ref}); its number appears when it "
                           "reaches the municipality."))
