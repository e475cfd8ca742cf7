"""The list of what changed on the clerk's cases since she last looked (from the case notifications)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from kiosk import formatting as fmt
from kiosk.domain.jalali import format_jalali_datetime
from kiosk.ui.widgets import title_label


class CaseUpdatesDialog(QDialog):
    """Signals: ``open_case(str tracking_code)``."""

    open_case = Signal(str)

    def __init__(self, events: list, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Case updates"))
        self.setMinimumSize(640, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Case updates")))
        hint = QLabel(self.tr("Changes on the cases you filed. Open one to see its timeline."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.list = QListWidget()
        self.list.setObjectName("caseUpdateList")
        self.list.setWordWrap(True)
        for e in reversed(events):
            item = QListWidgetItem(self.tr("Case {n} — {date}\n{text}").format(
                n=fmt.code(e.case_number), date=format_jalali_datetime(e.at), text=e.text))
            item.setData(Qt.ItemDataRole.UserRole, e.tracking_code or e.case_number)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._open)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open the case"))
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(lambda: self._open(self.list.currentItem()))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def _open(self, item) -> None:
        if item is None:
            return
        self.open_case.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
