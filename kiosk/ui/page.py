"""What every screen shares: running work in the background, showing errors where they belong."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk import messages
from kiosk.api_client.errors import ApiError, OfflineError, Unauthorized
from kiosk.domain.problems import Problem
from kiosk.services import Services
from kiosk.ui.widgets import FormField


class Page(QWidget):
    """Base of the screens in the main window's stack.

    Signals: ``problem(object exc, object retry)`` — an error this screen cannot show beside a field;
    ``retry`` is a callable that repeats the failed action, or None. ``offline()`` — work of this screen
    found the server unreachable and handled it itself (the window then watches for the connection).
    """

    problem = Signal(object, object)
    offline = Signal()

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.fields: dict[str, FormField] = {}
        self._busy_buttons: list[QPushButton] = []
        self._busy = False

    def column(self, max_width: int = 620) -> QVBoxLayout:
        """A centred column for a short form: wide inputs are hard to scan on a large screen. It scrolls when
        the screen is too low for it (a 1280×720 counter with a verdict's ten rows), rather than squeezing."""
        from kiosk.ui.widgets import plain_scroll

        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        page.addWidget(plain_scroll(content))
        outer = QHBoxLayout(content)
        outer.setContentsMargins(24, 24, 24, 24)
        inner = QWidget()
        inner.setMaximumWidth(max_width)
        outer.addStretch(1)
        outer.addWidget(inner, 4)
        outer.addStretch(1)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 0, 0)
        return layout

    # --- background work ---------------------------------------------------------------------------
    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], bool] | None = None, retry: Callable[[], None] | None = None,
            busy_text: str | None = None, across_visits: bool = False) -> None:
        """Runs ``fn`` off the GUI thread. ``on_error`` may handle an error and return True; anything
        it leaves is placed beside a field if it names one, else reported to the window (banner). The
        result is dropped when the citizen's visit ends first, unless ``across_visits`` (nothing of a
        citizen in it, such as the list of services)."""
        self.set_busy(True, busy_text)

        def done(result):
            self.set_busy(False)
            on_done(result)

        def failed(exc: BaseException):
            self.set_busy(False)
            if on_error is not None and on_error(exc):
                return
            if not self.show_on_fields(exc):
                self.problem.emit(exc, retry)

        self.services.runner.run(fn, done, failed, owner=self, across_visits=across_visits,
                                 on_dropped=lambda: self.set_busy(False))

    def set_busy(self, busy: bool, text: str | None = None) -> None:
        self._busy = busy
        for button in self._busy_buttons:
            button.setEnabled(not busy)
            original = button.property("idleText")
            if busy:
                if original is None:
                    button.setProperty("idleText", button.text())
                button.setText(text or self.tr("Please wait…"))
            elif original is not None:
                button.setText(original)
                button.setProperty("idleText", None)

    @property
    def busy(self) -> bool:
        return self._busy

    # --- errors ------------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for f in self.fields.values():
            f.set_error(None)

    def show_problems(self, problems: list[Problem]) -> bool:
        """Puts each problem beside its field; returns True if every problem found a field."""
        placed = True
        for p in problems:
            target = self.fields.get(p.field or "")
            if target is None:
                placed = False
                continue
            if not target.error_text():
                target.set_error(messages.render(p))
        self.focus_first_error()
        return placed

    def show_on_fields(self, exc: BaseException) -> bool:
        if not isinstance(exc, ApiError) or isinstance(exc, (OfflineError, Unauthorized)):
            return False
        details = exc.problems or []
        placed_any = False
        for d in details:
            if d.field in self.fields:
                self.fields[d.field].set_error(d.message)
                placed_any = True
        if not placed_any and exc.field in self.fields:
            self.fields[exc.field].set_error(messages.describe(exc))
            placed_any = True
        if placed_any:
            self.focus_first_error()
        return placed_any

    def focus_first_error(self) -> None:
        for f in self.fields.values():
            if f.error_text():
                f.editor.setFocus()
                return

    # --- life cycle --------------------------------------------------------------------------------
    def entered(self) -> None:
        """Called when the page becomes the current one."""

    def reset(self) -> None:
        """Forget everything typed (the citizen has left)."""
