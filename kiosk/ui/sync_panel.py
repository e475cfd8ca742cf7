"""What is waiting to reach the server, what is being sent, what the server refused and why — and, apart,
what needs a supervisor: card payments the server refused to book («نیازمند تطبیق») and requests this
counter can no longer read («ناخوانا»).

The clerk may send a waiting request now and dismiss a refused one (or one never sent); a supervisor (PIN)
closes a reconciliation or sets unreadable requests aside. Money, and anything that may already be on the
server without its answer, is never discarded here (the store refuses it too)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout,
)

from kiosk import formatting as fmt
from kiosk.domain.digits import to_persian_digits
from kiosk.domain.jalali import format_jalali_datetime
from kiosk.tasks import log_failure

ATTENTION = ("reconcile", "unreadable")


def _table(name: str, headers: list[str]) -> QTableWidget:
    """The reason takes what is left, wrapped; each row is as tall as its wrapped text whatever the width (the
    panel's own row heights lagged behind a resize and cut the reason)."""
    from kiosk.ui.widgets import list_table

    return list_table(headers, stretch=2, name=name, table=QTableWidget(0, len(headers)))


class SyncPanel(QDialog):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.outbox = services.outbox
        self.setWindowTitle(self.tr("Waiting to be sent"))
        self.setMinimumSize(760, 360)
        layout = QVBoxLayout(self)
        headers = [self.tr("Request"), self.tr("State"), self.tr("Reason"), self.tr("Queued at"),
                   self.tr("Tracking reference")]
        # Apart, on top: what only a supervisor can settle.
        self.attention_title = QLabel(self.tr("Needs a supervisor"))
        self.attention_title.setObjectName("sectionTitle")
        layout.addWidget(self.attention_title)
        self.attention = _table("attentionTable", headers)
        self.attention.setMaximumHeight(170)
        layout.addWidget(self.attention)
        attention_buttons = QHBoxLayout()
        self.slip_button = QPushButton(self.tr("Print the reconciliation slip…"))
        self.slip_button.setObjectName("reconciliationSlip")
        self.slip_button.clicked.connect(self.print_slip)
        self.close_button = QPushButton(self.tr("Close the reconciliation (supervisor)…"))
        self.close_button.setObjectName("closeReconciliation")
        self.close_button.clicked.connect(self.close_reconciliation)
        self.new_key_button = QPushButton(self.tr("Set unreadable requests aside (supervisor)…"))
        self.new_key_button.setObjectName("startNewKey")
        self.new_key_button.clicked.connect(self.start_new_key)
        for b in (self.slip_button, self.close_button, self.new_key_button):
            attention_buttons.addWidget(b)
        attention_buttons.addStretch(1)
        layout.addLayout(attention_buttons)

        intro = QLabel(self.tr("Requests are kept safely on this counter until the server confirms them, and "
                               "sent in order as soon as the connection allows."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = _table("syncTable", headers)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("Nothing is waiting: everything has reached the server."))
        self.empty.setObjectName("fieldHint")
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.retry_button = QPushButton(self.tr("Try again now"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button = QPushButton(self.tr("Dismiss…"))
        self.discard_button.setToolTip(self.tr("Only a refused request, or one not sent yet; never a payment"))
        self.discard_button.clicked.connect(self.discard_selected)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        for b in (self.retry_button, self.discard_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.items = []
        self.attention_items = []
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.attention.itemSelectionChanged.connect(self._update_buttons)
        self.outbox.changed.connect(self.refresh)
        self.confirm = self._confirm  # tests replace it
        self.supervisor_dialog = None
        self._update_buttons()

    def show_panel(self) -> None:
        self.show()
        self.raise_()
        self.refresh()

    def refresh(self) -> None:
        if not self.isVisible() or self.outbox.store is None:
            return
        self.services.runner.run(self.outbox.store.items, self._fill, log_failure("reading the queue"), owner=self,
                                 across_visits=True)

    def forget_sent(self) -> None:
        """The next citizen: what was sent for the last one leaves the list."""
        self.outbox.recent_sent = []
        self.table.setRowCount(0)  # even while the panel is closed: nothing of that visit stays in a widget
        self.attention.setRowCount(0)
        self.refresh()

    def state_text(self, item) -> tuple[str, str]:
        """(the state in a few words, its explanation for the tooltip)."""
        current = self.services.operator_name()
        if item.state == "unreadable":
            return self.tr("unreadable; kept aside"), self.tr(
                "Its key is missing or it was damaged. It stays on this PC and becomes readable again if the key "
                "is restored; it holds nothing back.")
        if item.state == "reconcile":
            if (item.note or {}).get("closing"):
                return self.tr("closed; waiting for the server"), self.tr(
                    "The supervisor closed it; it leaves this list when the server confirms.")
            return self.tr("needs reconciliation"), self.tr(
                "Money was taken on the card reader and the server did not book it: the supervisor refunds or "
                "books it, then closes it here.")
        if item.state == "refused":
            return self.tr("refused"), ""
        if item.state == "sending":
            return self.tr("sending"), ""
        if item.operator and current and item.operator != current:
            return self.tr("waiting for {clerk} to sign in").format(clerk=item.operator), self.tr(
                "A request is sent only under the clerk who took it.")
        if item.attempts:
            return self.tr("waiting to be sent (tried {n} times)").format(n=to_persian_digits(str(item.attempts))), ""
        return self.tr("waiting to be sent"), ""

    def _row(self, table: QTableWidget, row: int, item, state: tuple[str, str], reason: str) -> None:
        queued = format_jalali_datetime(dt.datetime.fromtimestamp(item.created_at))
        label = to_persian_digits(item.label) if item.label else (
            self.tr("(unreadable request)") if item.state == "unreadable" else "")
        for col, text in enumerate((label, state[0], reason, queued, fmt.code(item.reference))):
            cell = QTableWidgetItem(text)
            if col == 1 and state[1]:
                cell.setToolTip(state[1])
            if col == 2 and text:
                cell.setToolTip(text)
            if item.state in ("refused", "reconcile", "unreadable") and col == 1:
                cell.setForeground(Qt.GlobalColor.darkRed)
            table.setItem(row, col, cell)

    def _fill(self, items) -> None:
        from kiosk.ui.bill_panel import outbox_error_text

        chosen = self.selected()
        items = list(items)
        self.attention_items = [i for i in items if i.state in ATTENTION]
        self.items = [i for i in items if i.state not in ATTENTION]
        sent = [item for _at, item in self.outbox.recent_sent]
        self.attention.setRowCount(len(self.attention_items))
        for row, item in enumerate(self.attention_items):
            self._row(self.attention, row, item, self.state_text(item),
                      outbox_error_text(item.error) if item.error else "")
        self.attention.resizeRowsToContents()
        locked = self.outbox.locked
        show_attention = bool(self.attention_items) or locked
        for w in (self.attention_title, self.attention):
            w.setVisible(show_attention)
        self.table.setRowCount(len(self.items) + len(sent))
        rows = [(item, self.state_text(item), outbox_error_text(item.error) if item.error else "")
                for item in self.items] + [(item, (self.tr("sent"), ""), "") for item in sent]
        for row, (item, state, reason) in enumerate(rows):
            self._row(self.table, row, item, state, reason)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.items and not self.attention_items)
        # A refresh (the worker reports often) must not take the clerk's selection away.
        if chosen is not None:
            for table, listed in ((self.table, self.items), (self.attention, self.attention_items)):
                for row, item in enumerate(listed):
                    if item.id == chosen.id:
                        table.setCurrentCell(row, 0)
        self._update_buttons()

    def selected(self):
        for table, listed in ((self.attention, self.attention_items), (self.table, self.items)):
            if table.hasFocus() or table.selectedItems():
                row = table.currentRow()
                if 0 <= row < len(listed) and table.selectedItems():
                    return listed[row]
        return None

    def _update_buttons(self) -> None:
        item = self.selected()
        reconcile = item is not None and item.state == "reconcile"
        closing = reconcile and bool((item.note or {}).get("closing"))
        self.slip_button.setVisible(bool(self.attention_items))
        self.close_button.setVisible(bool(self.attention_items))
        self.slip_button.setEnabled(reconcile)
        self.close_button.setEnabled(reconcile and not closing)
        self.new_key_button.setVisible(self.outbox.locked)
        self.retry_button.setEnabled(item is not None and item.state == "queued")
        self.discard_button.setEnabled(item is not None and not item.money and (
            item.state == "refused" or (item.state == "queued" and not item.attempts and not item.unknown)))

    def retry_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        self.services.runner.run(lambda: self.outbox.store.retry_now(item.id),
                                 lambda _r: (self.outbox.changed.emit(), self.outbox.wake()),
                                 log_failure("retrying a queued request"), across_visits=True)

    def _confirm(self, item) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Dismiss this request?"),
            self.tr("«{label}» will not be sent to the server. Do this only if the request is no longer wanted "
                    "or was filed again another way.").format(label=item.label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def discard_selected(self) -> None:
        item = self.selected()
        if item is None or not self.discard_button.isEnabled() or not self.confirm(item):
            return
        self.services.runner.run(lambda: self.outbox.store.dismiss(item.id), lambda _r: self.outbox.changed.emit(),
                                 log_failure("dismissing a request"), across_visits=True)

    # --- what needs a supervisor --------------------------------------------------------------------------
    def print_slip(self) -> None:
        from kiosk.ui.bill_panel import print_reconciliation

        item = self.selected()
        if item is not None and item.state == "reconcile":
            print_reconciliation(self, self.services, item.id)

    def close_reconciliation(self) -> None:
        from kiosk.ui.counter import SupervisorDialog

        item = self.selected()
        if item is None or item.state != "reconcile":
            return
        dialog = SupervisorDialog(
            self.services, self.tr("Close the reconciliation"),
            self.tr("Close «{label}» only after the money taken on the card reader was refunded or booked by "
                    "hand. The closing is sent to the server with your note.").format(label=item.label),
            self.tr("What was done (refund, manual booking)"), self)

        def allowed(note: str) -> None:
            self.outbox.close_reconciliation(item, note, self.tr("Closing of the reconciliation of «{label}»").format(
                label=item.label), lambda _ok: self.refresh())

        dialog.allowed.connect(allowed)
        dialog.open()
        self.supervisor_dialog = dialog

    def start_new_key(self) -> None:
        from kiosk.ui.counter import SupervisorDialog

        storage = self.outbox.storage
        if storage is None or not storage.locked:
            return
        dialog = SupervisorDialog(
            self.services, self.tr("Set unreadable requests aside"),
            self.tr("Requests on this counter were sealed with a key that is no longer here (for example after the "
                    "user's profile was reset). They stay on the disk, unreadable, and become readable again if the "
                    "administrator restores the key. New requests get a new key."), None, self)

        def allowed(_note: str) -> None:
            self.services.runner.run(storage.start_new_key, lambda _r: self.outbox.changed.emit(),
                                     log_failure("starting a new outbox key"), across_visits=True)

        dialog.allowed.connect(allowed)
        dialog.open()
        self.supervisor_dialog = dialog
