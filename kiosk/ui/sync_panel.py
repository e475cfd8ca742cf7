"""What is waiting to reach the server, what is being sent, what the server refused and why — with
"try again" and (after a confirmation) "discard"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout,
)

from kiosk.domain.digits import ltr, to_persian_digits
from kiosk.domain.jalali import format_jalali_datetime


class SyncPanel(QDialog):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.outbox = services.outbox
        self.setWindowTitle(self.tr("Waiting to be sent"))
        self.setMinimumSize(760, 360)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Requests are kept safely on this counter until the server confirms them, and "
                               "sent in order as soon as the connection allows."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("syncTable")
        self.table.setHorizontalHeaderLabels([self.tr("Request"), self.tr("State"), self.tr("Reason"),
                                              self.tr("Queued at"), self.tr("Tracking reference")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("Nothing is waiting: everything has reached the server."))
        self.empty.setObjectName("fieldHint")
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.retry_button = QPushButton(self.tr("Try again now"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button = QPushButton(self.tr("Discard…"))
        self.discard_button.clicked.connect(self.discard_selected)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        for b in (self.retry_button, self.discard_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.items = []
        self.outbox.changed.connect(self.refresh)
        self.confirm = self._confirm  # tests replace it

    def show_panel(self) -> None:
        self.show()
        self.raise_()
        self.refresh()

    def refresh(self) -> None:
        if not self.isVisible():
            return
        self.services.runner.run(self.outbox.store.items, self._fill, lambda exc: None, owner=self)

    def forget_sent(self) -> None:
        """The next citizen: what was sent for the last one leaves the list."""
        self.outbox.recent_sent = []
        self.table.setRowCount(0)  # even while the panel is closed: nothing of that visit stays in a widget
        self.refresh()

    def state_text(self, item) -> str:
        if item.state == "failed":
            return self.tr("refused")
        if item.state == "sending":
            return self.tr("sending")
        if item.attempts:
            return self.tr("waiting (tried {n} times)").format(n=to_persian_digits(str(item.attempts)))
        return self.tr("waiting")

    def _fill(self, items) -> None:
        from kiosk.ui.bill_panel import outbox_error_text

        chosen = self.selected()
        self.items = list(items)
        sent = [item for _at, item in self.outbox.recent_sent]
        self.table.setRowCount(len(self.items) + len(sent))
        rows = [(item, self.state_text(item), outbox_error_text(item.error) if item.error else "")
                for item in self.items] + [(item, self.tr("sent"), "") for item in sent]
        for row, (item, state, reason) in enumerate(rows):
            queued = format_jalali_datetime(dt.datetime.fromtimestamp(item.created_at))
            for col, text in enumerate((item.label, state, reason, queued, ltr(to_persian_digits(item.reference)))):
                cell = QTableWidgetItem(text)
                if item.state == "failed" and col == 1:
                    cell.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, cell)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.items)
        self.empty.setText(self.tr("Nothing is waiting: everything has reached the server."))
        # A refresh (the worker reports often) must not take the clerk's selection away.
        for row, item in enumerate(self.items):
            if chosen is not None and item.id == chosen.id:
                self.table.setCurrentCell(row, 0)

    def selected(self):
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def retry_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        self.services.runner.run(lambda: self.outbox.store.retry_now(item.id),
                                 lambda _r: (self.outbox.changed.emit(), self.outbox.wake()))

    def _confirm(self, item) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Discard this request?"),
            self.tr("«{label}» will not be sent to the server. Do this only if the request is no longer wanted "
                    "or was filed again another way.").format(label=item.label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def discard_selected(self) -> None:
        item = self.selected()
        if item is None or not self.confirm(item):
            return
        self.services.runner.run(lambda: self.outbox.store.discard(item.id), lambda _r: self.outbox.changed.emit())
