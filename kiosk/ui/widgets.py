"""Small widgets every screen uses: labelled fields with an error beside them, Persian-digit inputs,
the window banner."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy, QSpinBox, QStyledItemDelegate,
    QVBoxLayout, QWidget,
)

from kiosk.domain.digits import to_ascii_digits, to_persian_digits
from kiosk.domain.problems import QT_TRANSLATE_NOOP


class DigitLineEdit(QLineEdit):
    """A line edit for numbers: whatever digits are typed (Latin, Persian, Arabic-Indic) are shown in
    Persian; :meth:`value` gives them back as ASCII for validation."""

    def __init__(self, parent=None, max_length: int | None = None, decimal: bool = False):
        super().__init__(parent)
        self.decimal = decimal  # a decimal number: a typed «.» is shown as the Persian separator «٫»
        if max_length:
            self.setMaxLength(max_length)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.textChanged.connect(self._persianize)

    def _persianize(self, text: str) -> None:
        shown = to_persian_digits(text)
        if self.decimal:
            shown = shown.replace(".", "٫")
        if shown != text:
            pos = self.cursorPosition()
            self.blockSignals(True)
            self.setText(shown)
            self.setCursorPosition(pos)
            self.blockSignals(False)
            self.textChanged.emit(shown)

    def value(self) -> str:
        return to_ascii_digits(self.text()).strip()


class DigitDelegate(QStyledItemDelegate):
    """A table column of numbers typed like a :class:`DigitLineEdit`: Persian digits while typing (Latin and
    Arabic-Indic ones become Persian), «٫» for a decimal column."""

    def __init__(self, parent=None, decimal: bool = False):
        super().__init__(parent)
        self.decimal = decimal

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        return DigitLineEdit(parent, decimal=self.decimal)

    def setEditorData(self, editor, index):  # noqa: N802 - Qt override
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt override
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class DigitSpinBox(QSpinBox):
    """A spin box that shows Persian digits while the clerk types too (Qt's shows the Persian locale's digits
    for its value but echoes a typed Latin digit as it is, until the field loses focus)."""

    def validate(self, text: str, pos: int):
        # what validate gives back is what the field shows: each keystroke's digit turns Persian
        return super().validate(to_persian_digits(text), pos)

    def valueFromText(self, text: str) -> int:  # noqa: N802 - Qt override
        digits = to_ascii_digits(text).strip()
        return int(digits) if digits.isdigit() else self.value()


def _wrapping_policy() -> QSizePolicy:
    """Any width the layout gives, and as tall as the text wrapped at that width."""
    policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    return policy


class FormField(QWidget):
    """A caption, an input and, under it, the Persian sentence saying what is wrong (hidden when fine)."""

    def __init__(self, caption: str, editor: QWidget, hint: str = "", parent=None, beside: QWidget | None = None):
        """``beside``: a button on the input's own line (the hint and the error go under both)."""
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(3)
        self.caption = QLabel(caption)
        self.caption.setObjectName("fieldCaption")
        self.caption.setBuddy(editor)
        layout.addWidget(self.caption)
        if beside is None:
            layout.addWidget(editor)
        else:
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(editor, 1)
            row.addWidget(beside)
            layout.addLayout(row)
        # The sentences under the input take the field's width and wrap in it: as wide as they are long
        # they widened their field when they appeared and narrowed the fields beside it.
        self.hint = QLabel(hint)
        self.hint.setObjectName("fieldHint")
        self.hint.setWordWrap(True)
        self.hint.setSizePolicy(_wrapping_policy())
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setSizePolicy(_wrapping_policy())
        # Bold set on the font, not in the style sheet: a word-wrapped label breaks its lines with the font it
        # was given, and a style sheet's bold came too late — the last word of a line ran past the label's edge.
        bold = self.error.font()
        bold.setBold(True)
        self.error.setFont(bold)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.error.setAccessibleName(caption)
        layout.addWidget(self.error)
        layout.addStretch(1)  # beside a taller field, extra height goes below, not between caption and input

    def set_error(self, text: str | None) -> None:
        if (text or "") == self.error.text() and bool(text) == self.error.isVisibleTo(self):
            return  # unchanged: re-polishing the style on every keystroke costs milliseconds
        self.error.setText(text or "")
        self.error.setVisible(bool(text))
        self.editor.setProperty("invalid", bool(text))
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)

    def error_text(self) -> str:
        return self.error.text() if self.error.isVisible() else ""


class Banner(QFrame):
    """A strip across the top of the window: what went wrong for the whole screen, with a retry.

    Signals: ``retry_requested()``.
    """

    retry_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        self.retry = QPushButton(self.tr("Try again"))
        self.retry.clicked.connect(self.retry_requested)
        layout.addWidget(self.retry)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.hide_message)
        layout.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, kind: str = "error", retry: bool = False) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self.retry.setVisible(retry)
        self.show()

    def hide_message(self) -> None:
        self.label.clear()
        self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class Notice(QLabel):
    """A line of news for the whole screen (what was filed, why something was refused); hidden when empty."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.setWordWrap(True)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def list_table(headers: list[str], stretch: int, name: str, table=None):
    """A read-only table of rows picked one at a time (``table``, or a new one): the given column takes the
    spare width, the others fit their contents."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget

    table = table if table is not None else QTableWidget()
    table.setColumnCount(len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # A long stage or holder wraps onto a second line rather than ending in «…»: nothing is cut.
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def plain_scroll(content: QWidget | None = None):
    """A frameless scroll area that shows the page's own background (used by every long form)."""
    from PySide6.QtWidgets import QFrame, QScrollArea

    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setObjectName("plainScroll")
    if content is not None:
        content.setObjectName("plainScrollContent")
        scroll.setWidget(content)
    return scroll


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    label.setWordWrap(True)
    return label


def text_area(max_height: int = 90) -> QPlainTextEdit:
    """A multi-line Persian input: it starts on the right even while empty (Qt decides a paragraph's direction
    from its first letter, so an empty box put the cursor on the left)."""
    from PySide6.QtGui import QTextOption

    edit = QPlainTextEdit()
    option = edit.document().defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    edit.document().setDefaultTextOption(option)
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(max_height)
    return edit


class KeyValueList(QWidget):
    """Caption / value rows laid out right to left. (Qt's rich-text tables ignore the layout direction and
    put the caption on the left, so rows are real widgets.)"""

    def __init__(self, parent=None):
        super().__init__(parent)
        from PySide6.QtWidgets import QFormLayout

        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

    def set_rows(self, rows) -> None:
        rows = list(rows)
        if [k for k, _v in rows] == [k for k, _v in self.texts()]:
            # Same captions: update the values in place (this runs on every keystroke of the wizard).
            from PySide6.QtWidgets import QFormLayout

            for row, (_key, value) in enumerate(rows):
                label = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
                if label.text() != value:
                    label.setText(value)
            return
        while self.form.rowCount():
            self.form.removeRow(0)
        for key, value in rows:
            caption = QLabel(key)
            caption.setObjectName("kvKey")
            label = QLabel(value)
            label.setObjectName("kvValue")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                               | Qt.AlignmentFlag.AlignVCenter)
            self.form.addRow(caption, label)

    def texts(self) -> list[tuple[str, str]]:
        from PySide6.QtWidgets import QFormLayout

        out = []
        for row in range(self.form.rowCount()):
            k = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            v = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
            out.append((k.text(), v.text()))
        return out


FILE_PLAIN = QT_TRANSLATE_NOOP("FileState", "{name} ({size} KB)")
FILE_KIND = QT_TRANSLATE_NOOP("FileState", "{name} ({kind}, {size} KB)")
FILE_JPEG = QT_TRANSLATE_NOOP("FileState", "JPEG image")
FILE_PNG = QT_TRANSLATE_NOOP("FileState", "PNG image")
FILE_ONE_PAGE = QT_TRANSLATE_NOOP("FileState", "{kind}, one page")
FILE_PAGES = QT_TRANSLATE_NOOP("FileState", "{kind}, {n} pages")
FILE_MISNAMED = QT_TRANSLATE_NOOP("FileState", "Its name said {said}, but it is a {kind}: sent under the name above.")


def attached_file_text(filename: str, size: int, facts=None) -> str:
    """«✔ name (12 KB)» for an attached file, or with what it was found to be — «✔ deed.pdf (PDF, 3 pages,
    12 KB)», and a line when its name claimed another type. The name is isolated so a Latin file name cannot
    turn the line left-to-right (a line's direction follows its first strong letter)."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.domain.digits import format_number, ltr, to_persian_digits

    import re

    kb = format_number(max(size / 1024, 1), 0)
    rlm = "\u200f"  # the line starts right to left whatever comes first (✔ is neutral, the name isolated)

    def t(text: str) -> str:  # a number and its unit («۵۱ کیلوبایت», «۳ صفحه») are never parted by a wrap
        return re.sub(r"(\{(?:size|n)\}) ", "\\1\u00a0", QCoreApplication.translate("FileState", text))

    if facts is None:
        return rlm + "✔ " + t(FILE_PLAIN).format(name=ltr(filename), size=kb)

    def isolated(text: str) -> str:  # «تصویر JPEG»: a Latin word must not take the digits after it along
        return re.sub(r"[A-Za-z][A-Za-z0-9]*", lambda m: ltr(m.group(0)), text)

    kinds = {"application/pdf": ltr("PDF"), "image/jpeg": isolated(t(FILE_JPEG)), "image/png": isolated(t(FILE_PNG))}
    kind = kinds.get(facts.content_type, facts.content_type)
    if facts.pages == 1:
        kind = t(FILE_ONE_PAGE).format(kind=kind)
    elif facts.pages:
        kind = t(FILE_PAGES).format(kind=kind, n=to_persian_digits(str(facts.pages)))
    text = rlm + "✔ " + t(FILE_KIND).format(name=ltr(filename), kind=kind, size=kb)
    if facts.misnamed:
        text += "<br><span style='color:#8a5a00'>" + t(FILE_MISNAMED).format(
            said=kinds.get(facts.named_type, facts.named_type),
            kind=kinds.get(facts.content_type, facts.content_type)) + "</span>"
    return text


def pick_files(parent: QWidget, services, title: str, file_filter: str, many: bool = False) -> list[str]:
    """What the clerk chose: the picker the services provide (tests inject one) or Qt's file dialog."""
    if services.pick_file is not None:
        chosen = services.pick_file(parent, title)
        chosen = [chosen] if isinstance(chosen, str) else list(chosen or [])
        return chosen if many else chosen[:1]
    from kiosk.ui.file_picker import choose_files

    return choose_files(parent, title, file_filter, many)


def forget_undo(root: QWidget) -> int:
    """Empties the undo and redo history of every text input under ``root`` (line edits, including those
    inside spin boxes and editable combo boxes, and multi-line boxes): ``QLineEdit.clear()`` is itself an
    undoable edit, so after a wipe Ctrl+Z would bring the previous citizen's national code back. Setting the
    same text again is Qt's way to drop a line edit's history; it emits no change. Returns how many inputs
    had a history."""
    from PySide6.QtWidgets import QTextEdit

    had = 0
    for edit in root.findChildren(QLineEdit):
        if edit.isUndoAvailable() or edit.isRedoAvailable():
            had += 1
        edit.setText(edit.text())
    for box in [*root.findChildren(QPlainTextEdit), *root.findChildren(QTextEdit)]:
        document = box.document()
        if document.isUndoAvailable() or document.isRedoAvailable():
            had += 1
        document.clearUndoRedoStacks()
    return had
