"""One renderer for every simple service: the server publishes the fields, this builds the form.

Labels, help, validation (kiosk.domain.forms, the same the server runs) and RTL come from the schema, so
adding a service is data on the server, not code in the kiosk.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk import messages
from kiosk.domain.digits import to_persian_digits
from kiosk.domain.forms import validate_form
from kiosk.ui.widgets import DigitLineEdit, FormField, text_area

DIGIT_TYPES = {"number", "national_code", "mobile", "postal_code", "date", "renovation_code", "bill_id"}


class ServiceForm(QWidget):
    """``defaults``: values already known for fields of these names (the citizen's district from the e-file)."""

    def __init__(self, fields, parent=None, defaults: dict[str, str] | None = None):
        super().__init__(parent)
        self.spec = list(fields)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, FormField] = {}
        for f in self.spec:
            editor = self._editor(f)
            editor.setObjectName("field_" + f.name)
            hint = f.help
            if f.type == "number" and f.min is not None and f.max is not None:
                hint = (hint + " " if hint else "") + self.tr("from {min} to {max}").format(
                    min=to_persian_digits(str(f.min)), max=to_persian_digits(str(f.max)))
            caption = f.label if f.required else self.tr("{label} (optional)").format(label=f.label)
            self.fields[f.name] = FormField(caption, editor, hint)
            layout.addWidget(self.fields[f.name])
            known = (defaults or {}).get(f.name)
            if known and isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(known)))
            elif known and isinstance(editor, QLineEdit):
                editor.setText(to_persian_digits(known) if f.type in DIGIT_TYPES else known)
        layout.addStretch(1)

    def _editor(self, f) -> QWidget:
        if f.type == "textarea":
            return text_area(120)
        if f.type == "choice":
            combo = QComboBox()
            combo.addItem(self.tr("— choose —"), "")
            for c in f.choices:
                combo.addItem(c.label, c.value)
            return combo
        if f.type in DIGIT_TYPES:
            edit = DigitLineEdit(max_length=f.max_length or 40)
            if f.type == "date":
                edit.setPlaceholderText(to_persian_digits("1405/01/15"))
            return edit
        edit = QLineEdit()
        if f.max_length:
            edit.setMaxLength(f.max_length)
        return edit

    def values(self) -> dict[str, str]:
        out = {}
        for name, field in self.fields.items():
            w = field.editor
            if isinstance(w, QComboBox):
                out[name] = w.currentData() or ""
            elif isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText()
            elif isinstance(w, DigitLineEdit):
                out[name] = w.value()
            else:
                out[name] = w.text()
        return out

    def validate(self) -> tuple[dict[str, str], bool]:
        for field in self.fields.values():
            field.set_error(None)
        clean, problems = validate_form(self.spec, self.values())
        for p in problems:
            if p.field in self.fields and not self.fields[p.field].error_text():
                self.fields[p.field].set_error(messages.render(p))
        for field in self.fields.values():
            if field.error_text():
                field.editor.setFocus()
                break
        return clean, not problems

    def first_editor(self) -> QWidget | None:
        return next(iter(self.fields.values())).editor if self.fields else None
