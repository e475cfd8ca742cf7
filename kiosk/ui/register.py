"""The register of receipts (دفتر رسیدها): the citizen's receipts, kept on the server — paid and cancelled
ones with the reason — to reprint one, or to cancel a counter receipt recorded by mistake. A receipt can
also be found by its number alone. The PC keeps none of it after the visit."""

from __future__ import annotations


from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidgetItem, QVBoxLayout

from kiosk import formatting as fmt
from kiosk import messages
from kiosk.api_client.errors import ValidationFailed
from kiosk.domain.digits import group_thousands
from kiosk.domain.jalali import format_jalali_datetime
from kiosk.domain.normalize import written_length
from kiosk.ui.page import Page
from kiosk.ui.widgets import DigitLineEdit, FormField, Notice, list_table, text_area, title_label


class RegisterPage(Page):
    """Signals: ``back_requested()``."""

    back_requested = Signal()

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Receipts register")), 1)
        self.number = DigitLineEdit(max_length=20)
        self.number.setObjectName("receiptNumber")
        self.number.setPlaceholderText(self.tr("Receipt number"))
        self.number.returnPressed.connect(self.find)
        head.addWidget(self.number)
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.clicked.connect(self.find)
        head.addWidget(self.find_button)
        self.back_button = QPushButton(self.tr("Back to the e-file"))
        self.back_button.clicked.connect(self.back_requested)
        head.addWidget(self.back_button)
        outer.addLayout(head)
        self.notice = Notice()
        outer.addWidget(self.notice)
        self.table = list_table([self.tr("Receipt"), self.tr("Date"), self.tr("For"), self.tr("Amount"),
                                 self.tr("Paid through"), self.tr("State")], stretch=2, name="receiptTable")
        self.table.itemSelectionChanged.connect(self._selected)
        outer.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.reprint_button = QPushButton(self.tr("Reprint…"))
        self.reprint_button.setObjectName("primary")
        self.reprint_button.clicked.connect(self.reprint)
        actions.addWidget(self.reprint_button)
        self.reason = text_area(70)
        self.reason.setObjectName("cancelReason")
        self.fields = {"reason": FormField(self.tr("Why the receipt is cancelled"), self.reason,
                                           self.tr("For example: the card payment was reversed"))}
        actions.addWidget(self.fields["reason"], 1)
        self.cancel_button = QPushButton(self.tr("Cancel the receipt"))
        self.cancel_button.setObjectName("cancelReceipt")
        self.cancel_button.clicked.connect(self.cancel)
        actions.addWidget(self.cancel_button)
        outer.addLayout(actions)
        self._busy_buttons = [self.find_button, self.cancel_button]
        self.receipts: list = []
        from kiosk.api_client.keys import Intent

        self.intent = Intent("receipt_cancel")
        self._selected()

    # --- loading ------------------------------------------------------------------------------------
    def open_for_citizen(self) -> None:
        self.reset()
        consent = self.services.visit.consent_id
        if consent is None:
            return
        api = self.services.api
        self.run(lambda: api.receipts(consent), self.show_receipts, retry=self.open_for_citizen)

    def find(self) -> None:
        number = self.number.value()
        if not number.isdigit():
            self.notice.say(self.tr("Type the receipt number printed on the receipt."))
            return
        api = self.services.api

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, ValidationFailed):
                self.notice.say(messages.describe(exc))
                return True
            return False

        consent = self.services.visit.consent_id  # a receipt is the citizen's: read with her consent
        self.run(lambda: api.receipt(number, consent), lambda r: self.show_receipts([r]), failed, retry=self.find)

    def show_receipts(self, receipts: list) -> None:
        self.receipts = list(receipts)
        self.notice.say("" if receipts else self.tr("No receipt yet for this citizen."))
        t = self.table
        t.setRowCount(0)
        for row, r in enumerate(self.receipts):
            t.insertRow(row)
            state = (self.tr("cancelled: {reason}").format(reason=r.cancel_reason) if r.cancelled_at
                     else self.tr("valid"))
            channel = self.tr("card reader") if r.channel == "counter_pos" else self.tr("bank")
            for col, text in enumerate((fmt.code(r.receipt_number),
                                        format_jalali_datetime(r.paid_at), r.title or "",
                                        self.tr("{n} rials").format(n=group_thousands(r.amount)), channel, state)):
                t.setItem(row, col, QTableWidgetItem(text))
        if self.receipts:
            t.setCurrentCell(0, 0)
        self._selected()

    def current(self):
        row = self.table.currentRow()
        return self.receipts[row] if 0 <= row < len(self.receipts) else None

    def _selected(self) -> None:
        r = self.current()
        self.reprint_button.setEnabled(r is not None)
        can_cancel = r is not None and not r.cancelled_at and r.channel == "counter_pos"
        self.cancel_button.setEnabled(can_cancel)
        self.reason.setEnabled(can_cancel)

    # --- actions ------------------------------------------------------------------------------------
    def reprint(self) -> None:
        from kiosk.ui.print_dialog import open_print

        r = self.current()
        if r is not None:
            open_print(self, self.services, "receipt", r)

    def cancel(self) -> None:
        r = self.current()
        if r is None or self.busy:
            return
        self.clear_errors()
        reason = self.reason.toPlainText().strip()
        if written_length(reason) < 5:
            self.fields["reason"].set_error(self.tr("Write why the receipt is cancelled (at least five characters)."))
            return
        key = self.intent.key({"receipt": r.receipt_number, "reason": reason})
        api = self.services.api

        def done(cancelled) -> None:
            self.intent.settle()
            self.reason.clear()
            self.receipts = [cancelled if x.receipt_number == cancelled.receipt_number else x for x in self.receipts]
            self.show_receipts(self.receipts)
            self.notice.say(self.tr("Receipt {n} was cancelled; the bill is open for payment again.").format(
                n=fmt.code(cancelled.receipt_number)))

        def failed(exc: BaseException) -> bool:
            self.intent.settle(exc)
            if isinstance(exc, ValidationFailed):
                if not self.show_on_fields(exc):
                    self.notice.say(messages.describe(exc))
                return True
            return False

        self.run(lambda: api.cancel_receipt(r.receipt_number, reason, idempotency_key=key), done, failed,
                 retry=self.cancel)

    def reset(self) -> None:
        self.receipts = []
        self.table.setRowCount(0)
        self.number.clear()
        self.reason.clear()
        self.notice.say("")
        self.clear_errors()
        self.intent.renew()
        self._selected()
