"""Training only: the SMS messages the sandbox "sent", so a class can play both clerk and citizen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout

from kiosk.domain.digits import to_persian_digits
from kiosk.domain.jalali import format_jalali_datetime

if TYPE_CHECKING:
    from kiosk.contract import SmsMessage


class SmsInboxDialog(QDialog):
    def __init__(self, services, parent=None, interval_ms: int = 2000):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Training SMS inbox"))
        self.setMinimumSize(520, 360)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Training only: on a real counter these messages reach the citizen's phone."))
        note.setWordWrap(True)
        note.setObjectName("fieldHint")
        layout.addWidget(note)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.mobile: str | None = None
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)

    def show_for(self, mobile: str | None) -> None:
        self.mobile = mobile
        self.refresh()
        self.timer.start()
        self.show()
        self.raise_()

    def refresh(self) -> None:
        api = self.services.api
        if api is None or self._loading:
            return
        self._loading = True
        mobile = self.mobile

        def done(messages: list[SmsMessage]) -> None:
            self._loading = False
            self.list.clear()
            for m in messages:
                self.list.addItem(f"{format_jalali_datetime(m.sent_at)} — "
                                  f"{to_persian_digits(m.mobile)}\n{m.text}")

        def failed(exc: BaseException) -> None:
            self._loading = False

        self.services.runner.run(lambda: api.training_sms(mobile), done, failed, owner=self)

    def done(self, result: int) -> None:  # noqa: D401 - QDialog.done override
        self.timer.stop()
        super().done(result)

    def wipe(self) -> None:
        self.timer.stop()
        self.list.clear()
        self.mobile = None
        self.hide()
