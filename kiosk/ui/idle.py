"""Leaving the counter unattended: after ``idle_timeout`` seconds without a key or a click during a
citizen's visit, a countdown asks «هنوز اینجا هستید؟»; with no answer the visit ends and the citizen's data
is wiped (WCAG 2.2.6: warn before data is lost to inactivity). After the longer ``operator_lock_timeout`` the
clerk's own session locks.

Signals of :class:`IdleWatch`: ``citizen_idle()`` and ``clerk_idle()``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from kiosk.domain.digits import to_persian_digits
from kiosk.ui.widgets import title_label

# Filled by watch(), after the first paint: importing QEvent makes PySide6 build its 180 event types (5 ms).
ACTIVITY: set = set()


def _activity() -> set:
    if not ACTIVITY:
        from PySide6.QtCore import QEvent

        ACTIVITY.update({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                         QEvent.Type.TouchBegin, QEvent.Type.InputMethod})
    return ACTIVITY


class IdleWatch(QObject):
    citizen_idle = Signal()
    clerk_idle = Signal()

    def __init__(self, citizen_after_s: float, clerk_after_s: float, parent=None, watch: bool = True):
        """``watch``: listen to the application's input now; the window does it after its first paint
        (:meth:`watch`: a Python event filter slows the building of the first screen)."""
        super().__init__(parent)
        self.citizen_timer = QTimer(self)
        self.citizen_timer.setSingleShot(True)
        self.citizen_timer.setInterval(int(citizen_after_s * 1000))
        self.citizen_timer.timeout.connect(self.citizen_idle)
        self.clerk_timer = QTimer(self)
        self.clerk_timer.setSingleShot(True)
        self.clerk_timer.setInterval(int(clerk_after_s * 1000))
        self.clerk_timer.timeout.connect(self.clerk_idle)
        if watch:
            self.watch()

    def watch(self) -> None:
        _activity()
        QApplication.instance().installEventFilter(self)  # once: Qt moves a filter installed again

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY:
            self.touch()
        return False

    def touch(self) -> None:
        self.citizen_timer.start()
        self.clerk_timer.start()

    def stop(self) -> None:
        self.citizen_timer.stop()
        self.clerk_timer.stop()


class StillThereDialog(QDialog):
    """The countdown. Signals: ``expired()`` when it reaches zero; ``accepted`` when the citizen answers."""

    expired = Signal()

    def __init__(self, seconds: int, parent=None):
        super().__init__(parent)
        self.setObjectName("stillThere")
        self.setWindowTitle(self.tr("Are you still there?"))
        self.setModal(True)
        self.remaining = seconds
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Are you still there?")))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setObjectName("countdown")
        layout.addWidget(self.text)
        buttons = QHBoxLayout()
        self.stay = QPushButton(self.tr("Yes, continue"))
        self.stay.setObjectName("primary")
        self.stay.clicked.connect(self.accept)
        buttons.addWidget(self.stay)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self._show_remaining()

    def start(self) -> None:
        self.open()
        self.stay.setFocus()
        self.timer.start()

    def _show_remaining(self) -> None:
        self.text.setText(self.tr("Nothing has been done for a while. To protect the citizen's information, this "
                                  "visit ends in {n} seconds and everything typed is forgotten (requests already "
                                  "saved are kept).").format(n=to_persian_digits(str(self.remaining))))

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.timer.stop()
            self.expired.emit()
            self.reject()
            return
        self._show_remaining()

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        self.timer.stop()
        super().done(result)
