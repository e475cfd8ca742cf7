"""Tracking a case: the timeline of stages against their published deadlines, who holds the case now, the
agencies' answers, what the citizen must do next, and the actions of the current stage (pay, upload
drawings, answer an objection, report a delay to 3890).

Opened by tracking code (public view, no personal details) or from the citizen's file after the one-time
code (full view with actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSplitter,
    QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from kiosk import formatting as fmt
from kiosk.domain.digits import group_thousands, to_persian_digits
from kiosk.domain.jalali import format_iran_date, format_jalali_datetime
from kiosk.domain.workflow import stage_timing
from kiosk.ui.bill_panel import BillPanel, outbox_error_text
from kiosk.ui.page import Page
from kiosk.ui.widgets import DigitLineEdit, KeyValueList, Notice, list_table, plain_scroll, title_label

if TYPE_CHECKING:
    from kiosk.contract import CaseStage, CaseSummary, CaseView, Timetable

OVERDUE = QColor("#b3261e")
DONE = QColor("#1b6e3a")
MUTED = QColor("#6b6b6b")
CASE_OUTBOX_KINDS = ("delay_report", "case_response")


def _date(moment) -> str:
    return format_iran_date(moment) if moment else ""


def _fa(value) -> str:
    return to_persian_digits(str(value))


class TimetableTable(QTableWidget):
    """The published timetable of a service: each stage, who holds it, its limit in days, when it applies.
    Shown in the case page and in the catalog's card of the building permit."""

    def __init__(self, parent=None):
        super().__init__(parent)
        list_table([self.tr("Stage"), self.tr("Held by"), self.tr("Time limit"), self.tr("Applies")], stretch=0,
                   name="timetable", table=self)

    def show_timetable(self, timetable: Timetable) -> None:
        self.setRowCount(0)
        for row, s in enumerate(timetable.stages):
            self.insertRow(row)
            for col, text in enumerate((s.title, s.holder_title, self.tr("{n} days").format(n=_fa(s.days)),
                                        s.condition or self.tr("always"))):
                self.setItem(row, col, QTableWidgetItem(text))


def _note(lst: QListWidget, text: str) -> None:
    """A line that explains an empty list: grey, not selectable, never printed."""
    from PySide6.QtGui import QColor

    item = QListWidgetItem(text)
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    item.setForeground(QColor("#5b6766"))
    lst.addItem(item)


class CasePage(Page):
    """Signals: ``back_requested()``."""

    back_requested = Signal()

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        head = QHBoxLayout()
        self.title = title_label(self.tr("Track a case"))
        head.addWidget(self.title, 1)
        self.case_choice = QComboBox()
        self.case_choice.setObjectName("caseChoice")
        self.case_choice.setToolTip(self.tr("The citizen's cases"))
        self.case_choice.activated.connect(self._choose)
        # As wide as a case's number and its stage's first words, not its whole label: at 1024 px the whole
        # label pushed the page's title onto two lines (the full label is in the list and the tooltip).
        self.case_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.case_choice.setMinimumContentsLength(16)
        self.case_choice.hide()
        head.addWidget(self.case_choice)
        self.code = DigitLineEdit(max_length=24)
        self.code.setObjectName("trackingCode")
        self.code.setPlaceholderText(self.tr("Tracking code"))
        # room for a whole tracking code (case number, dash, eight digits): a cut code is misread
        self.code.setMinimumWidth(self.code.fontMetrics().horizontalAdvance("۱۴۰۵۰۳۰۰۰۰۲-۰۰۰۰۰۰۰۰") + 48)
        self.code.returnPressed.connect(self.track)
        head.addWidget(self.code)
        self.track_button = QPushButton(self.tr("Show"))
        self.track_button.clicked.connect(self.track)
        head.addWidget(self.track_button)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        head.addWidget(self.refresh_button)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self.back_requested)
        head.addWidget(self.back_button)
        outer.addLayout(head)

        self.next_step = QLabel()
        self.next_step.setObjectName("nextStep")
        self.next_step.setWordWrap(True)
        self.next_step.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.next_step)
        self.summary = QLabel()
        self.summary.setObjectName("caseSummary")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.notice = Notice()
        outer.addWidget(self.notice)

        actions = QHBoxLayout()
        self.drawings_button = QPushButton(self.tr("Upload the drawings…"))
        self.drawings_button.setObjectName("primary")
        self.drawings_button.clicked.connect(self.open_drawings)
        self.respond_button = QPushButton(self.tr("Record the citizen's answer…"))
        self.respond_button.setObjectName("primary")
        self.respond_button.clicked.connect(self.open_response)
        self.report_button = QPushButton(self.tr("Report to 3890…"))
        self.report_button.setToolTip(self.tr("The municipality's whistleblowing line: report a late stage or "
                                              "another grievance"))
        self.report_button.clicked.connect(self.open_report)
        for b in (self.drawings_button, self.respond_button, self.report_button):
            actions.addWidget(b)
            b.hide()
        self.day_button = QPushButton(self.tr("Training: a day later"))
        self.day_button.clicked.connect(lambda: self.advance_clock(1))
        self.week_button = QPushButton(self.tr("Training: a week later"))
        self.week_button.clicked.connect(lambda: self.advance_clock(7))
        self.print_button = QPushButton(self.tr("Print the selected…"))
        self.print_button.setObjectName("printSelected")
        self.print_button.setToolTip(self.tr("Print the document or the report receipt chosen in the list"))
        self.print_button.clicked.connect(self.print_selected)
        self.print_button.hide()
        actions.addWidget(self.print_button)
        # The training clock beside the tabs, where the tab bar leaves room: six buttons in one row made the
        # window wider than a 1024-pixel screen, and a row of their own took the stage detail's height.
        training = QWidget()
        training.setObjectName("trainingClock")
        training_row = QHBoxLayout(training)
        training_row.setContentsMargins(0, 0, 0, 4)
        for b in (self.day_button, self.week_button):
            b.setVisible(services.training)
            training_row.addWidget(b)
        actions.addStretch(1)
        outer.addLayout(actions)
        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(lambda _i: self._update_print_button())
        if services.training:
            self.tabs.setCornerWidget(training, Qt.Corner.TopRightCorner)  # mirrored: the far (left) end in RTL
        outer.addWidget(self.tabs, 1)
        # stages: the timeline beside the chosen stage's detail and actions
        split = QSplitter(Qt.Orientation.Vertical)  # the whole timeline across, the chosen stage below
        self.table = list_table([self.tr("Stage"), self.tr("Held by"), self.tr("Started"), self.tr("Deadline"),
                                 self.tr("State"), self.tr("Time")], stretch=0, name="timeline")
        self.table.setWordWrap(False)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_stage(row))
        split.addWidget(self.table)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 0, 8, 0)
        self.stage_title = QLabel()
        self.stage_title.setObjectName("sectionTitle")
        self.stage_title.setWordWrap(True)
        detail_layout.addWidget(self.stage_title)
        self.stage_detail = KeyValueList()
        self.stage_detail.setObjectName("stageDetail")
        detail_layout.addWidget(self.stage_detail)
        self.bill_panel = BillPanel(services, name="case")
        self.bill_panel.problem.connect(self.problem)
        self.bill_panel.paid.connect(lambda _r: self.refresh())
        self.bill_panel.hide()
        detail_layout.addWidget(self.bill_panel)
        detail_layout.addStretch(1)
        detail_scroll = plain_scroll(detail)
        # the chosen stage's title and its first rows readable without scrolling (it was 60 px tall at 698)
        detail_scroll.setMinimumHeight(110)
        self.table.setMinimumHeight(90)
        split.addWidget(detail_scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        self.tabs.addTab(split, self.tr("Stages"))
        self.history = QListWidget()
        self.history.setObjectName("caseHistory")
        self.history.setWordWrap(True)
        self.tabs.addTab(self.history, self.tr("History"))
        self.reports = QListWidget()
        self.reports.setObjectName("caseReports")
        self.reports.setWordWrap(True)
        self.reports.itemActivated.connect(lambda _item: self.print_selected())
        self.tabs.addTab(self.reports, self.tr("Reports to 3890"))
        self.documents = QListWidget()
        self.documents.setObjectName("caseDocuments")
        self.documents.setWordWrap(True)
        self.documents.itemActivated.connect(lambda _item: self.print_selected())
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self.timetable_table = TimetableTable()
        self.tabs.addTab(self.timetable_table, self.tr("Published timetable"))

        self._busy_buttons = [self.track_button, self.refresh_button]
        self.view: CaseView | None = None
        self.timetable: Timetable | None = None
        self.consent_id: str | None = None
        self.pending: set[str] = set()
        services.outbox.sent.connect(self._on_sent)
        services.outbox.refused.connect(self._on_refused)

    # --- opening ------------------------------------------------------------------------------------
    def open_public(self, case_number: str = "") -> None:
        """By tracking code: no consent, no personal details, no actions."""
        self.reset()
        self.code.setText(case_number)
        if case_number:
            self.track()

    def open_for_citizen(self) -> None:
        """The citizen of this visit (consent given): their cases, the latest first."""
        self.reset()
        self.consent_id = self.services.visit.consent_id
        visit = self.services.visit
        api, consent = self.services.api, self.consent_id
        self.run(lambda: api.cases_of(consent, national_code=visit.national_code), self._show_cases,
                 retry=self.open_for_citizen)

    def _show_cases(self, cases: list[CaseSummary]) -> None:
        self.case_choice.clear()
        for s in cases:
            where = s.current_title or self.tr("completed")
            self.case_choice.addItem(self.tr("Case {n} — {stage}").format(n=to_persian_digits(s.case_number),
                                                                           stage=where), s.case_number)
        self.case_choice.setVisible(bool(cases))
        for i in range(self.case_choice.count()):  # the whole label, where the box shows its start
            self.case_choice.setItemData(i, self.case_choice.itemText(i), Qt.ItemDataRole.ToolTipRole)
        if cases:
            self.load(cases[0].case_number)
        else:
            self.next_step.setText(self.tr("This citizen has no permit case yet."))

    def _choose(self, index: int) -> None:
        number = self.case_choice.itemData(index)
        if number:
            self.load(number)

    def track(self) -> None:
        code = self.code.value().replace(" ", "")
        if not code.replace("-", "").isdigit():
            self.notice.say(self.tr("Type the tracking code printed on the citizen's order or slip (the case number, "
                                    "a dash and eight digits)."))
            self.code.setFocus()
            return
        self.load(code)

    def load(self, case_number: str) -> None:
        if self.busy:
            return
        api = self.services.api
        consent = self.consent_id

        def work():
            table = self.timetable or api.timetable()
            return table, api.case(case_number, consent)

        def failed(exc: BaseException) -> bool:
            from kiosk import messages
            from kiosk.api_client.errors import ValidationFailed

            if isinstance(exc, ValidationFailed):
                self.notice.say(messages.describe(exc))
                return True
            return False

        self.run(work, lambda pair: self.show_case(*pair), failed, retry=lambda: self.load(case_number),
                 busy_text=self.tr("Loading…"))

    def refresh(self) -> None:
        if self.view is not None:  # the public view opens only by the tracking code
            self.load(self.view.tracking_code or self.view.case_number)

    def advance_clock(self, days: int) -> None:
        """Training: the case clock jumps forward, as if the class came back days later."""
        if self.busy or self.view is None:
            return
        api = self.services.api
        number = self.view.case_number
        consent = self.consent_id
        timetable = self.timetable

        def work():
            api.training_advance_clock(days)
            return timetable, api.case(number, consent)

        self.run(work, lambda pair: self.show_case(*pair), retry=lambda: self.advance_clock(days))

    # --- showing ------------------------------------------------------------------------------------
    def show_case(self, timetable: Timetable, view: CaseView) -> None:
        self.timetable = timetable
        self.view = view
        self.notice.say("")
        self.title.setText(self.tr("Case {n}").format(n=fmt.code(view.case_number)))
        self.next_step.setText(self.tr("Next: {text}").format(text=view.next_step) if view.next_step else "")
        parts = [self.tr("Renovation code {code}").format(code=fmt.code(view.renovation_code)),
                 self.tr("district {n}").format(n=_fa(view.district))]
        if view.personal:
            parts.insert(0, view.applicant or "")
            if view.address:
                parts.append(view.address)
        if view.designer:
            parts.append(self.tr("designer: {name}").format(name=view.designer))
        if view.supervisor:
            parts.append(self.tr("supervising engineer: {name}").format(name=view.supervisor))
        if not view.personal:
            parts.append(self.tr("public view: personal details need the citizen's one-time code"))
        parts.append(self.tr("as of {date}").format(date=format_jalali_datetime(view.as_of)))
        self.summary.setText(" — ".join(p for p in parts if p))
        self._fill_timeline(view)
        self._fill_lists(view)
        self._fill_timetable(timetable)
        self.drawings_button.setVisible("upload_drawings" in view.actions)
        self.respond_button.setVisible("respond" in view.actions)
        self.report_button.setVisible(view.personal and view.status == "active")
        self.report_button.setObjectName("primary" if "report_delay" in view.actions else "")
        self.report_button.style().unpolish(self.report_button)
        self.report_button.style().polish(self.report_button)
        self.day_button.setEnabled(view.status == "active")
        self.week_button.setEnabled(view.status == "active")
        self._update_print_button()

    def timing_text(self, stage: CaseStage, as_of) -> tuple[str, bool]:
        if stage.state == "skipped":
            return self.tr("not needed"), False
        if stage.state == "upcoming":
            return self.tr("{n} days once started").format(n=_fa(stage.days_limit)), False
        t = stage_timing(stage.deadline, as_of, stage.finished_at if stage.state != "active" else None)
        if t is None:
            return "", False
        if stage.state == "active":
            return ((self.tr("{n} days overdue") if t.overdue else self.tr("{n} days left")).format(n=_fa(t.days)),
                    t.overdue)
        return ((self.tr("finished {n} days late").format(n=_fa(t.days)), True) if t.overdue
                else (self.tr("on time"), False))

    def state_text(self, stage: CaseStage) -> str:
        if stage.state == "active" and stage.phase == "response":
            return self.tr("waiting for the citizen")
        return {"active": self.tr("in progress"), "done": self.tr("done"), "objection": self.tr("objection"),
                "skipped": self.tr("not needed"), "upcoming": self.tr("to come")}[stage.state]

    def _fill_timeline(self, view: CaseView) -> None:
        table = self.table
        table.blockSignals(True)
        table.setRowCount(0)
        current_row = 0
        bold = QFont(table.font())
        bold.setBold(True)
        for row, stage in enumerate(view.stages):
            table.insertRow(row)
            timing, overdue = self.timing_text(stage, view.as_of)
            title = stage.title + (self.tr(" (round {n})").format(n=_fa(stage.attempt)) if stage.attempt > 1 else "")
            cells = [title, stage.holder_title, _date(stage.started_at), _date(stage.deadline),
                     self.state_text(stage), timing]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                if stage.state in ("skipped", "upcoming"):
                    item.setForeground(MUTED)
                elif stage.state == "objection" or overdue:
                    item.setForeground(OVERDUE)
                elif stage.state == "done":
                    item.setForeground(DONE)
                if stage.state == "active":
                    item.setFont(bold)
                table.setItem(row, col, item)
            if stage.state == "active":
                current_row = row
                table.item(row, 0).setToolTip(self.tr("Current stage"))
        table.blockSignals(False)
        if view.stages:
            table.setCurrentCell(current_row, 0)
            self._show_stage(current_row)
            table.scrollToItem(table.item(current_row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)

    def _show_stage(self, row: int) -> None:
        if self.view is None or not 0 <= row < len(self.view.stages):
            return
        stage = self.view.stages[row]
        self.stage_title.setText(stage.title)
        rows = [(self.tr("Held by"), stage.holder_title), (self.tr("State"), self.state_text(stage))]
        if stage.started_at:
            rows.append((self.tr("Started"), format_jalali_datetime(stage.started_at)))
        if stage.deadline:
            rows.append((self.tr("Deadline"), format_jalali_datetime(stage.deadline)))
        rows.append((self.tr("Published time limit"), self.tr("{n} days").format(n=_fa(stage.days_limit))))
        timing, _overdue = self.timing_text(stage, self.view.as_of)
        if timing:
            rows.append((self.tr("Time"), timing))
        if stage.finished_at and stage.state != "skipped":
            rows.append((self.tr("Finished"), format_jalali_datetime(stage.finished_at)))
        if stage.answered_by:
            rows.append((self.tr("Answered by"), stage.answered_by))
        if stage.answer:
            rows.append((self.tr("Answer"), stage.answer))
        if stage.reason:
            rows.append((self.tr("Objection"), stage.reason))
        if stage.action:
            rows.append((self.tr("The citizen must"), stage.action))
        if stage.condition:
            rows.append((self.tr("Applies"), stage.condition))
        self.stage_detail.set_rows([(k, v.replace("<", "&lt;")) for k, v in rows])
        bill = stage.bill  # the current one to pay, or an earlier one to reprint its slip or receipt
        if bill is not None and self.bill_panel.load(bill, self.view.tracking_code or self.view.case_number,
                                                     self.view.applicant,
                                                 self.view.address):
            self.bill_panel.show()
        else:
            self.bill_panel.hide()

    def _fill_lists(self, view: CaseView) -> None:
        self.history.clear()
        for e in view.history:
            self.history.addItem(f"{format_jalali_datetime(e.at)} — {e.text}")
        if not view.personal:
            self.history.addItem(self.tr("The history is shown after the citizen's one-time code."))
        self.reports.clear()
        for r in view.reports:
            what = (self.tr("delay of {n} days at «{stage}»").format(n=_fa(r.days_overdue or 0), stage=r.stage_title)
                    if r.kind == "delay" else self.tr("grievance"))
            line = self.tr("Report {n} ({date}): {what}").format(n=fmt.code(r.report_number),
                                                               date=_date(r.filed_at), what=what)
            if r.text:
                line += f" — «{r.text}»"
            line += "\n" + (self.tr("Answer ({date}): {text}").format(date=_date(r.answered_at), text=r.answer)
                            if r.answer else self.tr("No answer yet."))
            self.reports.addItem(line)
        self.documents.clear()
        for i in range(self.reports.count()):
            self.reports.item(i).setData(Qt.ItemDataRole.UserRole, ("delay_report", i))
        titles = {"plan_order": self.tr("Plan-preparation order"), "permit": self.tr("Building permit"),
                  "certificate": self.tr("Completion certificate")}
        for i, d in enumerate(view.issued):
            self.documents.addItem(self.tr("{title} number {n}, issued {date}").format(
                title=titles[d.kind], n=fmt.code(d.number), date=_date(d.issued_at)))
            self.documents.item(i).setData(Qt.ItemDataRole.UserRole, ("issued", i))
        if view.issued:
            self.documents.setCurrentRow(len(view.issued) - 1)
        if view.reports:
            self.reports.setCurrentRow(len(view.reports) - 1)
        for d in view.documents:
            self.documents.addItem(self.tr("Drawing «{title}», round {round}: {file} ({size} KB), {date}").format(
                title=d.title, round=_fa(d.round), file=d.filename, size=group_thousands(max(1, d.size // 1024)),
                date=_date(d.uploaded_at)))
        # An empty list says why it is empty and what will come (a blank tab reads as a fault).
        if not view.personal:
            _note(self.documents, self.tr("The case's issued documents and drawings are shown after the citizen's "
                                          "one-time code."))
            _note(self.reports, self.tr("Reports to 3890 are shown after the citizen's one-time code."))
        else:
            if not view.issued and not view.documents:
                _note(self.documents, self.tr("Nothing has been issued or uploaded for this case yet. The "
                                              "plan-preparation order appears here once its fee is paid, then "
                                              "the drawings, the permit and the completion certificate."))
            if not view.reports:
                _note(self.reports, self.tr("No report to 3890 for this case. When a stage runs past its time "
                                            "limit, «{button}» files one.").format(
                    button=self.report_button.text().rstrip("…")))

    def _fill_timetable(self, timetable: Timetable) -> None:
        self.timetable_table.show_timetable(timetable)

    # --- paper --------------------------------------------------------------------------------------
    def _update_print_button(self) -> None:
        tab = self.tabs.currentWidget()
        view = getattr(self, "view", None)  # tabs report changes while the page is being built
        self.print_button.setVisible(view is not None and view.personal and (
            (tab is self.documents and bool(view.issued)) or (tab is self.reports and bool(view.reports))))

    def print_selected(self) -> None:
        from kiosk.ui.print_dialog import open_print

        if self.view is None or not self.view.personal:
            return
        tab = self.tabs.currentWidget()
        if tab is self.documents and self.documents.currentItem() is not None:
            role = self.documents.currentItem().data(Qt.ItemDataRole.UserRole)
            if role and role[0] == "issued":
                document = self.view.issued[role[1]]
                open_print(self, self.services, document.kind, document)
        elif tab is self.reports and self.reports.currentItem() is not None:
            role = self.reports.currentItem().data(Qt.ItemDataRole.UserRole)
            if role:
                open_print(self, self.services, "delay_report", self.view.reports[role[1]],
                           case_number=self.view.tracking_code or self.view.case_number)

    # --- actions ------------------------------------------------------------------------------------
    def open_drawings(self) -> None:
        from kiosk.ui.case_actions import DrawingsDialog

        if self.view is None or self.timetable is None:
            return
        dialog = DrawingsDialog(self.services, self.view, self.timetable, self.consent_id, self)
        dialog.problem.connect(self.problem)
        dialog.sent.connect(self.show_case_after_action)
        dialog.open()
        self.dialog = dialog

    def open_response(self) -> None:
        from kiosk.ui.case_actions import ResponseDialog

        if self.view is None:
            return
        dialog = ResponseDialog(self.services, self.view, self.consent_id, self)
        dialog.queued.connect(self._queued)
        dialog.open()
        self.dialog = dialog

    def open_report(self) -> None:
        from kiosk.ui.case_actions import ReportDialog

        if self.view is None or self.timetable is None:
            return
        dialog = ReportDialog(self.services, self.view, self.timetable, self.consent_id, self)
        dialog.queued.connect(self._queued)
        dialog.open()
        self.dialog = dialog

    def show_case_after_action(self, view: CaseView) -> None:
        self.show_case(self.timetable, view)

    def _queued(self, item_id: str, text: str) -> None:
        self.pending.add(item_id)
        self.notice.say(text)

    def _on_sent(self, item_id: str, kind: str, answer) -> None:
        if item_id not in self.pending:
            return
        self.pending.discard(item_id)
        if kind == "delay_report":
            text = self.tr("Report {n} was filed with the 3890 line. Give the citizen this number.").format(
                n=fmt.code(answer.get("report_number", "")))
            self.tabs.setCurrentWidget(self.reports)
        else:
            text = self.tr("The citizen's answer was recorded; the agency looks at the case again.")
        self.notice.say(text)
        if self.view is not None:
            number = self.view.case_number
            api, consent = self.services.api, self.consent_id

            def show(view) -> None:
                self.show_case(self.timetable, view)
                self.notice.say(text)
                if kind == "delay_report" and self.services.config["print_after"]:
                    number = answer.get("report_number")
                    report = next((r for r in view.reports if r.report_number == number), None)
                    if report is not None:
                        from kiosk.ui.print_dialog import open_print

                        open_print(self, self.services, "delay_report", report,
                                   case_number=view.tracking_code or view.case_number)

            from kiosk.tasks import log_failure

            self.services.runner.run(lambda: api.case(number, consent), show, log_failure("refreshing a case"),
                                     owner=self)

    def _on_refused(self, item_id: str, kind: str, detail: dict) -> None:
        if item_id not in self.pending:
            return
        self.pending.discard(item_id)
        self.services.outbox.dismiss_async(item_id)
        self.notice.say(outbox_error_text(detail))

    def entered(self) -> None:
        if self.view is None:
            self.code.setFocus()

    def reset(self) -> None:
        self.view = None
        self.consent_id = None
        self.pending.clear()
        self.code.clear()
        self.case_choice.clear()
        self.case_choice.hide()
        self.title.setText(self.tr("Track a case"))
        for w in (self.next_step, self.summary):
            w.clear()
        self.notice.say("")
        self.table.setRowCount(0)
        self.stage_title.clear()
        self.stage_detail.set_rows([])
        self.bill_panel.reset()
        self.bill_panel.hide()
        for lst in (self.history, self.reports, self.documents):
            lst.clear()
        for b in (self.drawings_button, self.respond_button, self.report_button):
            b.hide()
        for b in (self.day_button, self.week_button):
            b.setEnabled(False)
        self.tabs.setCurrentIndex(0)
