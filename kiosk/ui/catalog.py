"""The municipality's other online services, as the server's catalog describes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from kiosk import formatting as fmt
from kiosk.domain.digits import group_thousands, to_persian_digits
from kiosk.domain.jalali import format_jalali
from kiosk.ui.form_renderer import ServiceForm
from kiosk.ui.page import Page
from kiosk.ui.widgets import plain_scroll, title_label

if TYPE_CHECKING:
    from kiosk.contract import ServiceInfo


class CatalogPage(Page):
    """Signals: ``permit_requested()`` (the building permit has its own wizard), ``back_requested()``."""

    permit_requested = Signal()
    back_requested = Signal()

    def _condition(self, item) -> str:
        """When a document of the checklist is asked for: always (nothing said), only in a case (which one),
        or if the citizen has it."""
        if item.when == "attorney":
            return " " + self.tr("(only when an attorney acts for the owners)")
        if item.when:
            return " " + self.tr("(only in some cases: the request's checklist says)")
        return "" if item.mandatory else " " + self.tr("(optional)")

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addWidget(title_label(self.tr("City services")))
        body = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("serviceList")
        self.list.setMaximumWidth(340)
        self.list.currentItemChanged.connect(self._selected)
        body.addWidget(self.list, 1)
        right = QWidget()
        self.right = QVBoxLayout(right)
        self.right.setContentsMargins(0, 0, 0, 0)
        self.info = QLabel()
        self.info.setObjectName("serviceInfo")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.right.addWidget(self.info)
        self.scroll = plain_scroll()
        self.right.addWidget(self.scroll, 1)
        self.receipt = QLabel()
        self.receipt.setObjectName("notice")
        self.receipt.setWordWrap(True)
        self.receipt.hide()
        self.right.addWidget(self.receipt)
        buttons = QHBoxLayout()
        self.submit = QPushButton(self.tr("Send the request"))
        self.submit.setObjectName("primary")
        self.submit.clicked.connect(self.send)
        self.new_button = QPushButton(self.tr("New request"))
        self.new_button.setObjectName("newRequest")
        self.new_button.setToolTip(self.tr("Start another request of this service with an empty form"))
        self.new_button.clicked.connect(self.new_request)
        self.new_button.hide()
        self.back_button = QPushButton(self.tr("Back to the e-file"))
        self.back_button.clicked.connect(self.back_requested)
        buttons.addWidget(self.submit)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        self.right.addLayout(buttons)
        body.addWidget(right, 2)
        outer.addLayout(body, 1)
        self._busy_buttons = [self.submit]
        self.catalog: list["ServiceInfo"] = []
        self.form: ServiceForm | None = None
        self.pending: dict[str, str] = {}
        self.filed: str | None = None  # the outbox key of the request this form filed (the form is locked)
        from kiosk.api_client.keys import Intent

        self.intent = Intent("service_request")
        services.outbox.sent.connect(self.on_sent)
        services.outbox.refused.connect(self.on_refused)

    def entered(self) -> None:
        if not self.catalog:
            self.load()
        self.list.setFocus()

    def load(self) -> None:
        api = self.services.api

        def done(catalog) -> None:
            self.catalog = list(catalog)
            self.list.clear()
            for s in self.catalog:
                item = QListWidgetItem(s.title)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                self.list.addItem(item)
            if self.catalog:
                self.list.setCurrentRow(0)

        self.run(api.services, done, retry=self.load, across_visits=True)

    def service(self) -> "ServiceInfo | None":
        item = self.list.currentItem()
        if item is None:
            return None
        return next((s for s in self.catalog if s.id == item.data(Qt.ItemDataRole.UserRole)), None)

    def _selected(self, *_args) -> None:
        from kiosk.api_client.keys import Intent

        s = self.service()
        self.receipt.hide()
        self.filed = None
        self.new_button.hide()
        self.submit.show()
        self.submit.setEnabled(True)
        if s is None:
            return
        self.intent = Intent(f"service_request:{s.id}")  # a new form: a new request
        fee = self.tr("{n} rials").format(n=group_thousands(s.fee_rial)) if s.fee_rial else \
            (self.tr("free") if s.fee_rial == 0 else s.cost_basis)
        if s.kind == "permit":  # its time is its published timetable's, shown below with its totals
            days = self.tr("by the published timetable below")
        elif s.average_days == 0:
            days = self.tr("same day")
        else:
            days = self.tr("about {n} days").format(n=to_persian_digits(str(s.average_days)))
        docs = "".join(f"<li>{d.title}{self._condition(d)}</li>" for d in s.checklist)
        usual, cost = self.tr("Usual time"), self.tr("Cost")
        basis, documents = self.tr("Cost basis"), self.tr("Documents")
        # The basis is said only when it adds to the cost (a fee «by the tariff» is its basis; «free» is too).
        basis_line = (f"<br><span style='color:#5b6766'>{basis}: {s.cost_basis}</span>"
                      if s.fee_rial and s.cost_basis.strip() and s.cost_basis.strip() != fee.strip() else "")
        self.info.setText(
            f"<h3>{s.title}</h3><p>{s.description}</p>"
            f"<p><b>{usual}:</b> {days} &nbsp; <b>{cost}:</b> {fee}{basis_line}</p>"
            + (f"<p><b>{documents}:</b></p><ul>{docs}</ul>" if docs else ""))
        if s.kind == "permit":
            self.form = None
            placeholder = QLabel(self.tr("This service has its own guided steps. Its published timetable:"))
            placeholder.setWordWrap(True)
            self.scroll.setWidget(placeholder)
            self.submit.setText(self.tr("Start the guided request"))
            self.show_timetable(s.id, placeholder)
        else:
            efile = self.services.visit.efile
            self.form = ServiceForm(s.form, defaults={"district": str(efile.district)} if efile else None)
            self.form.setObjectName("plainScrollContent")
            self.fields = self.form.fields
            self.scroll.setWidget(self.form)
            self.submit.setText(self.tr("Send the request"))

    def show_timetable(self, service_id: str, placeholder: QLabel) -> None:
        """The stages and their time limits, as the municipality publishes them (kept once loaded)."""
        from kiosk.ui.case_view import TimetableTable

        api = self.services.api

        def done(timetable) -> None:
            if self.scroll.widget() is not placeholder:
                return  # another service was chosen meanwhile
            box = QWidget()
            box.setObjectName("plainScrollContent")
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            from kiosk.domain.workflow import timetable_totals

            intro = QLabel(placeholder.text())
            intro.setWordWrap(True)
            try:
                totals = timetable_totals(timetable.stages, until="permit_issue")
            except ValueError:
                pass  # a timetable without the permit's issue: the table alone says it
            else:
                intro.setText(self.tr(
                    "This service has its own guided steps. By its published timetable, the stages every permit "
                    "goes through add up to {days} days at most before it is issued, {office} of them with the "
                    "municipality; the rest is the citizen's own time (payments, drawings) and other offices'. A "
                    "parcel near a heritage site or for commercial use adds the stages marked below. Its "
                    "stages:").format(
                    days=to_persian_digits(str(totals.days)), office=to_persian_digits(str(totals.office_days))))
            intro.setObjectName("timetableIntro")
            layout.addWidget(intro)
            table = TimetableTable()
            table.show_timetable(timetable)
            layout.addWidget(table, 1)
            self.scroll.setWidget(box)
            self.timetable_view = table

        from kiosk.tasks import log_failure

        self.services.runner.run(lambda: api.timetable(service_id), done, log_failure("loading a timetable"),
                                 owner=self)

    def send(self) -> None:
        s = self.service()
        if s is None or self.busy:
            return
        if s.kind == "permit":
            self.permit_requested.emit()
            return
        if self.filed is not None:
            return  # filed: the form is locked until «درخواست جدید»
        values, ok = self.form.validate()
        if not ok:
            return
        from kiosk.api_client import actions

        visit = self.services.visit
        action = actions.service_request(s.id, values, visit.consent_id, visit.national_code or "")
        self.set_busy(True, self.tr("Sending…"))

        def queued(item) -> None:
            self.set_busy(False)
            self.pending[item.id] = s.title
            self.lock_filed(item.id)
            self.receipt.setText(self.tr("Queued for sending. Tracking reference: {ref}").format(
                ref=fmt.code(item.reference)))
            self.receipt.show()

        def not_queued(exc: BaseException) -> None:
            self.set_busy(False)
            self.problem.emit(exc, self.send)

        self.services.outbox.queue(action, self.intent.key(action.payload), s.title, queued, not_queued, owner=self)

    def lock_filed(self, item_id: str) -> None:
        """The form was filed: it shows what was sent and cannot send it again; «درخواست جدید» starts over."""
        self.filed = item_id
        if self.form is not None:
            self.form.setEnabled(False)
        self.submit.setEnabled(False)
        self.submit.hide()
        self.new_button.show()
        self.new_button.setFocus()

    def new_request(self) -> None:
        self._selected()
        if self.form is not None:
            self.form.setFocus()

    def on_sent(self, item_id: str, kind: str, answer) -> None:
        if self.pending.pop(item_id, None) is None:
            return
        from kiosk.contract import ServiceRequestReceipt

        receipt = ServiceRequestReceipt.model_validate(answer)
        self.receipt.setText(self.tr("Request sent. Tracking number {n}; expected answer by {date}.").format(
            n=fmt.code(receipt.tracking_number), date=format_jalali(receipt.due_by)))
        self.receipt.show()

    def on_refused(self, item_id: str, kind: str, detail: dict) -> None:
        if self.pending.pop(item_id, None) is None:
            return
        from kiosk.ui.bill_panel import outbox_error_text

        self.services.outbox.dismiss_async(item_id)
        if self.filed == item_id:  # not filed after all: the clerk corrects the form and sends again
            self.filed = None
            if self.form is not None:
                self.form.setEnabled(True)
            self.new_button.hide()
            self.submit.show()
            self.submit.setEnabled(True)
        self.receipt.setText(outbox_error_text(detail))
        self.receipt.show()

    def reset(self) -> None:
        self.receipt.hide()
        self.pending = {}
        self.filed = None
        self.intent.renew()
        if self.service() is not None:
            self._selected()
