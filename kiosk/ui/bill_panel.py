"""A bill on screen: its two IDs and amount, the card payment at the counter (through the outbox, so a
payment already taken on the card reader is never lost — and, if the server refuses to book it, kept as
«نیازمند تطبیق» with a slip for the supervisor), the bank check, and in training the simulated bank. Used by
the permit wizard's last step and by the case page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk import formatting as fmt
from kiosk.domain.digits import group_thousands
from kiosk.domain.identifiers import parse_bill
from kiosk.domain.person import REQUIRED
from kiosk.ui.page import Page
from kiosk.ui.widgets import DigitLineEdit, FormField

if TYPE_CHECKING:
    from kiosk.contract import Bill


def card() -> tuple[QFrame, QFormLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    form = QFormLayout(frame)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading)
    return frame, form


def value_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
    return label


def outbox_error_text(detail: dict) -> str:
    """The Persian sentence for an error the outbox recorded (it keeps the error as data, not an object)."""
    from kiosk import messages
    from kiosk.api_client.errors import ApiError

    exc = ApiError(detail.get("text", ""), translatable=bool(detail.get("translatable")), code=detail.get("code"),
                   params=detail.get("params") or {})
    return messages.describe(exc) or ""


class BillPanel(Page):
    """Signals: ``paid(str receipt_number)`` once the server has the payment; ``invalid()`` if the bill
    fails the national check rules (nothing is shown to pay then)."""

    paid = Signal(str)
    invalid = Signal()

    def __init__(self, services, parent=None, name: str = "result"):
        super().__init__(services, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        frame, self.form = card()
        self.values = {}
        for key, caption in (("bill_title", self.tr("Bill")), ("bill_id", self.tr("Bill ID")),
                             ("payment_id", self.tr("Payment ID")), ("amount", self.tr("Amount payable now")),
                             ("status", self.tr("Payment"))):
            self.values[key] = value_label(f"{name}_{key}")
            self.form.addRow(caption, self.values[key])
        layout.addWidget(frame)
        self.pay_box = QWidget()
        pay = QHBoxLayout(self.pay_box)
        pay.setContentsMargins(0, 0, 0, 0)
        self.terminal_ref = DigitLineEdit(max_length=30)
        self.terminal_ref.setObjectName("terminalRef")
        self.pay_button = QPushButton(self.tr("Record the card payment"))
        self.pay_button.clicked.connect(self.record_payment)
        self.fields = {"terminal_ref": FormField(self.tr("Card reader reference number"), self.terminal_ref,
                                                 self.tr("After the citizen pays with the counter's card reader"),
                                                 beside=self.pay_button)}
        pay.addWidget(self.fields["terminal_ref"], 1)
        layout.addWidget(self.pay_box)
        # Two rows: the payment's state, then its papers (five buttons in one row are wider than the column
        # beside the fee panel on a 1024-pixel screen).
        status_row = QHBoxLayout()
        paper_row = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Check the payment status"))
        self.refresh_button.setToolTip(self.tr("If the citizen paid the slip at a bank"))
        self.refresh_button.clicked.connect(self.refresh_status)
        status_row.addWidget(self.refresh_button)
        self.bank_button = QPushButton(self.tr("Training: pay the slip at the bank"))
        self.bank_button.setVisible(services.training)
        self.bank_button.clicked.connect(self.training_bank_payment)
        status_row.addWidget(self.bank_button)
        self.slip_button = QPushButton(self.tr("Print the slip…"))
        self.slip_button.setObjectName("printSlip")
        self.slip_button.clicked.connect(self.print_slip)
        paper_row.addWidget(self.slip_button)
        self.receipt_button = QPushButton(self.tr("Print the receipt…"))
        self.receipt_button.setObjectName("printReceipt")
        self.receipt_button.clicked.connect(self.print_receipt)
        self.receipt_button.hide()
        paper_row.addWidget(self.receipt_button)
        self.reconcile_button = QPushButton(self.tr("Print the reconciliation slip…"))
        self.reconcile_button.setObjectName("printReconciliation")
        self.reconcile_button.clicked.connect(self.print_reconciliation)
        self.reconcile_button.hide()
        paper_row.addWidget(self.reconcile_button)
        status_row.addStretch(1)
        paper_row.addStretch(1)
        layout.addLayout(status_row)
        layout.addLayout(paper_row)
        self.case_number: str | None = None
        self.holder: str | None = None
        self.address: str | None = None
        self.receipt = None  # the PaymentReceipt once known
        self._busy_buttons = [self.pay_button]
        self.bill: Bill | None = None
        self.pending: str | None = None
        self.reconciling: str | None = None  # the outbox row of a payment the server refused to book
        from kiosk.api_client.keys import Intent

        self.intent = Intent("card_payment")
        services.outbox.sent.connect(self.on_sent)
        services.outbox.needs_reconciliation.connect(self.on_needs_reconciliation)

    def load(self, bill: Bill, case_number: str | None = None, holder: str | None = None,
             address: str | None = None) -> bool:
        """Shows the bill; False (and nothing payable) if it fails the national check rules."""
        if self.bill is None or self.bill.bill_id != bill.bill_id:
            self.intent.renew()  # another bill: another payment
            self.pending = None
            self.reconciling = None
            self.reconcile_button.hide()
        self.bill = bill
        self.case_number, self.holder, self.address = case_number, holder, address
        if self.receipt is not None and self.receipt.bill_id != bill.bill_id:
            self.receipt = None
        self.pay_button.setEnabled(self.pending is None)
        check = parse_bill(bill.bill_id, bill.payment_id)
        if not check.valid or check.amount_rial != bill.amount:
            # Never hand a citizen a slip the banks would refuse.
            self.pay_box.hide()
            self.slip_button.hide()
            self.invalid.emit()
            return False
        self.slip_button.show()
        v = self.values
        v["bill_title"].setText(bill.title)
        v["bill_id"].setText(fmt.code(bill.bill_id))
        v["payment_id"].setText(fmt.code(bill.payment_id))
        v["amount"].setText(self.tr("{n} rials").format(n=group_thousands(bill.amount)))
        self.show_paid(bill.paid, bill.receipt_number)
        return True

    def show_paid(self, paid: bool, receipt: str | None) -> None:
        self.receipt_button.setVisible(paid)
        self.refresh_button.setVisible(not paid)
        self.bank_button.setVisible(not paid and self.services.training)
        if paid:
            self.values["status"].setText(self.tr("paid, receipt {n}").format(n=fmt.code(receipt or "")))
            self.pay_box.hide()
        elif self.reconciling is not None:
            return  # the reconciliation's sentence stays, and no second charge is offered
        elif self.pending is not None:
            return  # a card payment of this bill waits in the queue: its sentence stays
        else:
            self.values["status"].setText(self.tr("not paid yet"))
            self.pay_box.show()

    def _paid(self, receipt: str | None) -> None:
        self.show_paid(True, receipt)
        self.paid.emit(receipt or "")
        if self.services.config["print_after"] and self.receipt is not None and self.isVisible():
            self.print_receipt()  # the citizen leaves with the receipt: its preview opens at once

    def refresh_status(self) -> None:
        if self.busy or self.bill is None:
            return
        api = self.services.api
        bill_id = self.bill.bill_id

        def done(bill) -> None:
            if bill.paid:
                self._paid(bill.receipt_number)
            else:
                self.show_paid(False, None)

        self.run(lambda: api.bill(bill_id), done, retry=self.refresh_status)

    def training_bank_payment(self) -> None:
        """Training only: the sandbox's simulated bank takes the slip, as a citizen's bank would."""
        if self.busy or self.bill is None:
            return
        api = self.services.api
        bill = self.bill
        def done(receipt) -> None:
            self.receipt = receipt
            self._paid(receipt.receipt_number)

        self.run(lambda: api.training_bank_pay(bill.bill_id, bill.payment_id), done, retry=self.training_bank_payment)

    def record_payment(self) -> None:
        if self.busy or self.bill is None or self.pending is not None:
            return
        self.clear_errors()
        ref = self.terminal_ref.value()
        if not ref:
            self.show_problems([REQUIRED.at("terminal_ref")])
            return
        from kiosk.api_client import actions
        from kiosk.contract import PaymentIn

        bill = self.bill
        payment = PaymentIn(bill_id=bill.bill_id, payment_id=bill.payment_id, amount=bill.amount, terminal_ref=ref)
        action = actions.card_payment(payment)
        self.set_busy(True, self.tr("Recording…"))

        def queued(item) -> None:
            self.set_busy(False)
            self.pending = item.id
            self.pay_button.setEnabled(False)
            self.values["status"].setText(self.tr("card payment queued for sending (reference {ref})").format(
                ref=fmt.code(item.reference)))

        def not_queued(exc: BaseException) -> None:
            self.set_busy(False)
            self.problem.emit(exc, self.record_payment)

        # The money is already taken on the card reader: the record must reach the server whatever happens.
        self.services.outbox.queue(action, self.intent.key(action.payload),
                                   self.tr("Card payment of bill {bill}").format(bill=bill.bill_id),
                                   queued, not_queued, owner=self)

    def on_sent(self, item_id: str, kind: str, answer) -> None:
        if item_id != self.pending:
            return
        self.pending = None
        self.intent.renew()
        self.pay_button.setEnabled(True)
        from kiosk.contract import PaymentReceipt

        try:
            self.receipt = PaymentReceipt.model_validate(answer)
        except ValueError:
            self.receipt = None  # printed from the register instead
        self._paid(answer.get("receipt_number"))

    def on_needs_reconciliation(self, item_id: str, kind: str, detail: dict) -> None:
        """The server refused to book money the card reader took: nothing is discarded, the citizen is not
        charged again, the supervisor gets a slip."""
        if item_id != self.pending:
            return
        self.pending = None
        self.reconciling = item_id
        self.pay_box.hide()
        self.pay_button.setEnabled(True)
        self.reconcile_button.show()
        self.values["status"].setText(self.tr(
            "Needs reconciliation: {reason} The money taken on the card reader is kept on record; do not charge "
            "again. Print the reconciliation slip for the supervisor.").format(reason=outbox_error_text(detail)))

    def print_reconciliation(self) -> None:
        if self.reconciling is not None:
            print_reconciliation(self, self.services, self.reconciling)

    # --- paper --------------------------------------------------------------------------------------
    def print_slip(self) -> None:
        from kiosk.ui.print_dialog import open_print

        if self.bill is not None:
            booklet = self.services.tariff_cache().booklet  # already in memory: no disk on the GUI thread
            titles = booklet.input_titles if booklet else None
            open_print(self, self.services, "slip", self.bill, case_number=self.case_number, holder=self.holder,
                       address=self.address, titles=titles)

    def print_receipt(self) -> None:
        from kiosk.ui.print_dialog import open_print

        if self.bill is None:
            return
        if self.receipt is not None:
            open_print(self, self.services, "receipt", self.receipt, address=self.address)
            return
        api = self.services.api
        bill_id, number = self.bill.bill_id, self.bill.receipt_number
        consent = self.services.visit.consent_id

        def work():
            # Paid elsewhere (a bank) or recorded before: the register has the sealed receipt.
            found = number or api.bill(bill_id).receipt_number
            return api.receipt(found, consent) if found else None

        def done(receipt) -> None:
            if receipt is None:
                self.values["status"].setText(self.tr("not paid yet"))
                return
            self.receipt = receipt
            open_print(self, self.services, "receipt", receipt, address=self.address)

        self.run(work, done, retry=self.print_receipt)

    def reset(self) -> None:
        self.receipt = None
        self.case_number = self.holder = self.address = None
        for label in self.values.values():
            label.clear()
        self.terminal_ref.clear()
        self.clear_errors()
        self.bill = None
        self.pending = None
        self.reconciling = None
        self.reconcile_button.hide()
        self.intent.renew()
        self.pay_button.setEnabled(True)


def reconciliation_slip(item, clerk: str | None = None):
    """The paper for the supervisor, from the outbox's row of a refused card payment."""
    import datetime as dt

    from kiosk.printing.documents import ReconciliationSlip

    body = item.body if isinstance(item.body, dict) else {}
    return ReconciliationSlip(
        reference=item.id, bill_id=str(body.get("bill_id", "")), payment_id=str(body.get("payment_id", "")),
        amount=int(body.get("amount", 0) or 0), terminal_ref=str(body.get("terminal_ref", "")), label=item.label,
        clerk=clerk or item.operator or "", taken_at=dt.datetime.fromtimestamp(item.created_at, dt.timezone.utc),
        reason=outbox_error_text(item.error or {}), number=(item.note or {}).get("number"))


def print_reconciliation(parent, services, item_id: str) -> None:
    """Reads the row off the GUI thread, then opens the slip's print preview."""
    from kiosk.tasks import log_failure
    from kiosk.ui.print_dialog import open_print

    store = services.outbox.store

    def show(item) -> None:
        if item is not None and item.readable:
            open_print(parent, services, "reconciliation", reconciliation_slip(item))

    services.runner.run(lambda: store.get(item_id), show, log_failure("reading a reconciliation"), owner=parent)
