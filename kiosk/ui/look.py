"""What a clerk would see wrong on a screen, found by reading the live widgets (used by scripts/look.py).

Four checks on every visible widget of a window or dialog:

- **Latin letters** in visible text, outside what is Latin by nature: URLs, e-mail addresses, file names
  with their extension, the few abbreviations a clerk reads as such (``LATIN_WORDS``), and inputs marked
  ``setProperty("latinOk", True)`` (a user name, an e-mail, a server address the clerk types);
- **Latin digits** in visible text, with the same exceptions;
- **clipped text**: a label, button, tab or table cell whose text needs more room than it has, and any
  widget reaching past the edge of what contains it (cut by the window), scroll areas excepted — but a
  scroll area that scrolls sideways is itself a finding (the page is wider than the screen);
- a **left-aligned multi-line Persian input**: an empty or Persian text box whose cursor starts at the left;
- a **Persian line turned left-to-right**: a label line with Persian in it whose first strong letter (what
  sets a paragraph's direction; isolated spans are skipped) is Latin, so its words and brackets are laid out
  left to right («✔ scan.pdf (PDF، ۱ کیلوبایت)» read «(PDF،۱ (کیلوبایت»).

Nothing here changes a widget; :func:`inspect` returns readable findings, empty when the screen is clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractScrollArea, QAbstractSpinBox, QComboBox, QGroupBox, QHeaderView,
    QLabel, QLineEdit, QPlainTextEdit, QProgressBar, QTabBar, QTextEdit, QWidget,
)

# Abbreviations read as such, paper sizes, and the names printed on the keys of a keyboard.
LATIN_WORDS = {"PDF", "JPEG", "PNG", "TIFF", "SMS", "QR", "A4", "A5", "Enter", "Esc", "Ctrl", "Shift", "Alt", "Tab",
               "F1"}
_EXEMPT = re.compile(
    r"https?://\S+"                          # addresses
    r"|[\w.+-]+@[\w-]+(\.[\w-]+)+"           # e-mail
    r"|[\w\u0600-\u06FF ._()-]*\.(pdf|png|jpe?g|tiff?|txt|log|json|sqlite3)\b"  # a file name
    r"|(/[\w.-]+)+/?"                        # a path
    r"|\b(Ctrl|Alt|Shift)(\+\w+)+"             # a key combination
    r"|\b(" + "|".join(LATIN_WORDS) + r")\b",
    re.IGNORECASE,
)
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9]")
_PERSIAN = re.compile(r"[\u0600-\u06FF]")
_STRONG = re.compile(r"[A-Za-z\u0600-\u06FF]")


@dataclass(frozen=True)
class Finding:
    kind: str  # latin | digits | clipped | cut | left | turned
    widget: str
    text: str

    def __str__(self) -> str:
        return f"{self.kind:8} {self.widget}: {self.text[:90]!r}"


def describe(widget: QWidget) -> str:
    """Class, object name and the chain of named ancestors: enough to find the widget in the code."""
    names = []
    w = widget
    while w is not None and len(names) < 4:
        if w.objectName() and not w.objectName().startswith("qt_"):
            names.append(w.objectName())
        w = w.parentWidget()
    return type(widget).__name__ + ("(" + "/".join(reversed(names)) + ")" if names else "")


def plain(text: str) -> str:
    if "<" in text and ">" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def foreign(text: str) -> tuple[bool, bool]:
    """(Latin letters, Latin digits) left once the exempt spans are removed."""
    rest = _EXEMPT.sub(" ", text)
    return bool(_LATIN.search(rest)), bool(_DIGIT.search(rest))


def _texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        return [plain(widget.text())]
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLineEdit):
        if widget.echoMode() != QLineEdit.EchoMode.Normal:
            return []
        return [widget.text() or widget.placeholderText()]
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return [widget.toPlainText() or widget.placeholderText()]
    if isinstance(widget, QComboBox):
        return [widget.currentText()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
    if isinstance(widget, QProgressBar):
        return [widget.text()] if widget.isTextVisible() else []
    if isinstance(widget, QAbstractItemView):
        return [text for _index, text in _visible_cells(widget)]
    if isinstance(widget, QHeaderView):
        model = widget.model()
        if model is None:
            return []
        return [str(model.headerData(i, widget.orientation(), Qt.ItemDataRole.DisplayRole) or "")
                for i in range(widget.count()) if not widget.isSectionHidden(i)]
    return []


def _visible_cells(view: QAbstractItemView):
    model = view.model()
    if model is None:
        return
    viewport = view.viewport().rect()
    root = view.rootIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list widget's model hides it: one column
        columns = 1
    for row in range(min(model.rowCount(root), 200)):
        for col in range(columns):
            index = model.index(row, col, root)
            rect = view.visualRect(index)
            if rect.isEmpty() or not rect.intersects(viewport):
                continue
            value = index.data(Qt.ItemDataRole.DisplayRole)
            if value is not None:
                yield index, str(value)


def _latin_ok(widget: QWidget) -> bool:
    w = widget
    while w is not None:
        if w.property("latinOk"):
            return True
        w = w.parentWidget()
    return False


def _clipped(widget: QWidget) -> str | None:
    """The text that does not fit its widget, or None."""
    if isinstance(widget, QLabel):
        text = widget.text()
        if not text or widget.pixmap() is not None and not widget.pixmap().isNull():
            return None
        hint = widget.sizeHint()
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + 1:
                return plain(text)
        elif hint.width() > widget.width() + 1:
            return plain(text)
        return None
    if isinstance(widget, QAbstractButton) and widget.text():
        if widget.sizeHint().width() > widget.width() + 1:
            return widget.text()
        return None
    if isinstance(widget, QLineEdit) and widget.text() and not isinstance(widget.parentWidget(), QAbstractSpinBox) \
            and not _latin_ok(widget):  # a seal or an address is a code to scan, not text to read
        room = widget.contentsRect().width() - 10
        if widget.fontMetrics().horizontalAdvance(widget.text()) > room:
            return widget.text()
        return None
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            if widget.isTabVisible(i) and widget.tabSizeHint(i).width() > widget.tabRect(i).width() + 1:
                return widget.tabText(i)
        return None
    if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
        wraps = bool(getattr(widget, "wordWrap", lambda: False)())
        header = widget.horizontalHeader() if hasattr(widget, "horizontalHeader") else None
        for index, text in _visible_cells(widget):
            if header is not None and header.sectionResizeMode(index.column()) == QHeaderView.ResizeMode.ResizeToContents:
                continue  # Qt sizes such a column to its widest cell
            font = index.data(Qt.ItemDataRole.FontRole)
            fm = QFontMetrics(font) if font is not None else widget.fontMetrics()
            rect = widget.visualRect(index)
            icon = 24 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
            room = rect.width() - icon - 8
            if wraps and hasattr(widget, "rowHeight"):
                # A wrapped table cell: Qt's own measure of the row (the delegate's layout that paints it) says
                # whether the row is shorter than its text; an estimate here disagreed with it by a line when a
                # line barely fitted, depending on the width a time of day left the column.
                if widget.rowHeight(index.row()) < widget.sizeHintForRow(index.row()):
                    need = fm.boundingRect(QRect(0, 0, max(room, 1), 10_000), int(Qt.TextFlag.TextWordWrap), text)
                    if need.height() > rect.height():
                        return text
            elif wraps or "\n" in text:
                need = fm.boundingRect(QRect(0, 0, max(room, 1), 10_000), int(Qt.TextFlag.TextWordWrap), text)
                if need.height() > rect.height() or need.width() > room + 1:
                    return text
            elif fm.horizontalAdvance(text) > room:
                return text
        return None
    if isinstance(widget, QHeaderView):
        fm = widget.fontMetrics()
        model = widget.model()
        if model is None:
            return None
        for i in range(widget.count()):
            if widget.isSectionHidden(i) or widget.sectionResizeMode(i) == QHeaderView.ResizeMode.ResizeToContents:
                continue
            text = str(model.headerData(i, widget.orientation(), Qt.ItemDataRole.DisplayRole) or "")
            if text and widget.orientation() == Qt.Orientation.Horizontal \
                    and fm.horizontalAdvance(text) + 8 > widget.sectionSize(i):
                return text
        return None
    return None


def _inside_scroll(widget: QWidget) -> bool:
    w = widget.parentWidget()
    while w is not None:
        parent = w.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and w is parent.viewport():
            return True
        w = parent
    return False


def _cut(widget: QWidget) -> bool:
    """Part of the widget lies outside its window, or outside a parent that is not a scroll viewport."""
    if _inside_scroll(widget) or widget.isWindow():
        return False
    window = widget.window()
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    return not window.rect().contains(rect)


def _left_aligned(widget: QWidget) -> bool:
    if not isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return False
    text = widget.toPlainText()
    first = _STRONG.search(text)
    if first is not None and not _PERSIAN.match(first.group(0)):
        return False  # a Latin text (a log) is rightly on the left
    cursor = QTextCursor(widget.document())
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    x = widget.cursorRect(cursor).center().x()
    return x < widget.viewport().width() / 2


_ISOLATES = {"\u2066": 1, "\u2067": 1, "\u2068": 1, "\u2069": -1}


def _bidi_outside_isolates(line: str):
    """The bidi class of each character of ``line`` that is not inside an isolate (LRI/RLI/FSI … PDI)."""
    import unicodedata

    depth = 0
    for ch in line:
        if ch in _ISOLATES:
            depth = max(0, depth + _ISOLATES[ch])
        elif not depth:
            yield unicodedata.bidirectional(ch)


def first_strong(line: str) -> str | None:
    """``"ltr"``, ``"rtl"`` or None: the direction Unicode's rule P2 gives a paragraph (isolates skipped)."""
    for kind in _bidi_outside_isolates(line):
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def latin_takes_digits(line: str) -> bool:
    """In a right-to-left line, digits after a Latin word with only neutrals between (not isolated) are laid
    out with the word (Unicode rule W7): «تصویر JPEG، ۹ کیلوبایت» reads «JPEG، ۹ (تصویر»."""
    last = None
    for kind in _bidi_outside_isolates(line):
        if kind in ("L", "R", "AL"):
            last = kind
        elif kind == "EN" and last == "L":
            return True
    return False


def _turned(widget: QWidget) -> str | None:
    """A label line with Persian in it that would be laid out left to right, or whose digits would be
    carried off by a Latin word before them."""
    if not isinstance(widget, QLabel) or widget.layoutDirection() != Qt.LayoutDirection.RightToLeft:
        return None
    for line in plain(widget.text()).splitlines():
        if _PERSIAN.search(line) and (first_strong(line) == "ltr" or (
                first_strong(line) == "rtl" and latin_takes_digits(line))):
            return line
    return None


def _skip(widget: QWidget) -> bool:
    if not widget.isVisible() or widget.width() <= 0:
        return True
    if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QComboBox):
        return True  # the combo's own text is read from the combo
    return False


def inspect(root: QWidget) -> list[Finding]:
    """Every finding on ``root`` and its visible descendants."""
    found: list[Finding] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if _skip(widget):
            continue
        name = describe(widget)
        if not _latin_ok(widget):
            for text in _texts(widget):
                latin, digits = foreign(text)
                if latin:
                    found.append(Finding("latin", name, text))
                if digits:
                    found.append(Finding("digits", name, text))
        clipped = _clipped(widget)
        if clipped:
            found.append(Finding("clipped", name, clipped))
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)) and _cut(widget):
            found.append(Finding("cut", name, " ".join(_texts(widget))))
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible() \
                and not isinstance(widget, (QPlainTextEdit, QTextEdit)):
            found.append(Finding("cut", name, "wider than the screen: scrolls sideways"))
        if _left_aligned(widget):
            found.append(Finding("left", name, widget.toPlainText()))
        turned = _turned(widget)
        if turned:
            found.append(Finding("turned", name, turned))
    return found
