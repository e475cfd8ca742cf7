"""Typing into a widget the way a keyboard (or a USB barcode scanner, which types like one) does.

Used by the GUI tests and the screenshot script. One key event per character: QTest.keyClicks with
Persian text aborted the process on this platform.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


class EnterPressesButtons(QObject):
    """Enter on a focused button presses it, as the help (F1) promises. Qt does this only inside dialogs
    (auto-default buttons); on the window's pages Enter fell through to the page (the wizard went on to the
    next step instead of «پیوست فایل…»). Installed once on the application."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(obj, QPushButton) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier) \
                and obj.isEnabled() and obj.isVisible() \
                and not isinstance(obj.window(), QDialog):
            obj.click()
            return True
        return False


def install_enter_presses_buttons(app: QApplication) -> None:
    if getattr(app, "_enter_filter", None) is None:
        app._enter_filter = EnterPressesButtons(app)
        app.installEventFilter(app._enter_filter)


def _scroll_to_focus(_old, now) -> None:
    """The focused field is on screen: when focus moves (by Tab, by a step that focuses its first field, after
    a dialog) into a scrolled page, the page scrolls to it — Qt does so only for Tab, not for setFocus()."""
    from PySide6.QtWidgets import QScrollArea

    if now is None:
        return
    parent = now.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None and parent.widget().isAncestorOf(now):
            parent.ensureWidgetVisible(now, 24, 24)
            return
        parent = parent.parentWidget()


def install_scroll_to_focus(app: QApplication) -> None:
    if not getattr(app, "_scroll_to_focus", False):
        app._scroll_to_focus = True
        app.focusChanged.connect(_scroll_to_focus)
