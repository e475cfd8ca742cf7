"""F1: the keyboard shortcuts over the current screen. Any key or click closes it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.widgets import title_label


class HelpOverlay(QWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = QFrame()
        card.setObjectName("card")
        card.setMinimumWidth(560)
        card.setMaximumWidth(680)
        layout = QVBoxLayout(card)
        layout.addWidget(title_label(self.tr("Keyboard shortcuts")))
        grid = QGridLayout()
        rows = [
            ("Enter", self.tr("Go on: send the form, next step, search")),
            ("Ctrl+Enter", self.tr("Next step from a table (owners)")),
            ("Esc", self.tr("Back one step; close a dialog")),
            ("Tab / Shift+Tab", self.tr("Next / previous field")),
            ("Ctrl+N", self.tr("Next citizen: end this visit and forget its data")),
            ("Ctrl+K", self.tr("Document authenticity (scan a QR)")),
            ("F1", self.tr("This help")),
            ("Ctrl+Shift+Q", self.tr("Close the kiosk (counter mode asks for the PIN)")),
        ]
        for i, (keys, what) in enumerate(rows):
            key = QLabel(keys)
            key.setObjectName("shortcutKey")
            key.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            key.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
            grid.addWidget(key, i, 0)
            text = QLabel(what)
            text.setWordWrap(True)
            grid.addWidget(text, i, 1)
        grid.setColumnStretch(1, 1)  # the keys as narrow as they are, the explanations take the rest
        layout.addLayout(grid)
        hint = QLabel(self.tr("Press any key or click to close."))
        hint.setObjectName("fieldHint")
        layout.addWidget(hint)
        outer.addWidget(card)

    def show_over(self, window: QWidget) -> None:
        self.setGeometry(window.rect())
        self.raise_()
        self.show()
        self.setFocus()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 110))

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # Esc or any shortcut closes the overlay first, instead of acting behind it
            return True
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.close()
            self.deleteLater()
            return True
        return super().event(event)
