"""Continue an unfinished request: the citizen brings the resume code (and has confirmed with a new
one-time code, which the e-file already required)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.domain.normalize import digits_only
from kiosk.domain.problems import Problem, QT_TRANSLATE_NOOP
from kiosk.ui.page import Page
from kiosk.ui.widgets import DigitLineEdit, FormField, title_label

RESUME_FORMAT = Problem("resume_code_format", QT_TRANSLATE_NOOP(
    "Validation", "The resume code has 8 digits, as printed on the citizen's slip."), "resume_code")


class ResumePage(Page):
    """Signals: ``resumed(object Draft)``, ``back_requested()``."""

    resumed = Signal(object)
    back_requested = Signal()

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        layout = self.column()
        layout.addWidget(title_label(self.tr("Continue an unfinished request")))
        intro = QLabel(self.tr("Type the resume code the citizen received when the request was started."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code = DigitLineEdit(max_length=12)
        self.code.setObjectName("resumeCodeInput")
        self.fields = {"resume_code": FormField(self.tr("Resume code"), self.code)}
        layout.addWidget(self.fields["resume_code"])
        self.submit = QPushButton(self.tr("Open the request"))
        self.submit.setObjectName("primary")
        self.submit.clicked.connect(self.open)
        self.code.returnPressed.connect(self.open)
        layout.addWidget(self.submit)
        back = QPushButton(self.tr("Back to the e-file"))
        back.clicked.connect(self.back_requested)
        layout.addWidget(back)
        layout.addStretch(1)
        self._busy_buttons = [self.submit]

    def entered(self) -> None:
        self.code.setFocus()

    def open(self) -> None:
        if self.busy:
            return
        self.clear_errors()
        code = digits_only(self.code.value())
        if not (code.isascii() and code.isdigit() and len(code) == 8):
            self.show_problems([RESUME_FORMAT])
            return
        api = self.services.api
        consent = self.services.visit.consent_id
        self.run(lambda: api.resume_draft(code, consent), self.resumed.emit, retry=self.open,
                 busy_text=self.tr("Opening…"))

    def reset(self) -> None:
        self.code.clear()
        self.clear_errors()
