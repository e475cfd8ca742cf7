"""«استعلام اصالت سند»: is a printed document genuine? The counter's USB scanner types the QR's text into
the field (it acts as a keyboard and ends with Enter), or the clerk opens a PDF or a picture of the paper (a
scan, a photo): its printed QR is read and, for a PDF, its printed text held against the seal. The seal is
checked offline against the keys the administrator installed; then, when the server can be reached, the
municipality's register is asked whether the document was cancelled or replaced since (only the seal is
sent). Nothing is kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton

from kiosk.ui.page import Page
from kiosk.ui.widgets import FormField, KeyValueList, pick_files, title_label


class VerifyPage(Page):
    """Signals: ``back_requested()``."""

    back_requested = Signal()

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        layout = self.column(760)
        layout.addWidget(title_label(self.tr("Document authenticity")))
        intro = QLabel(self.tr("Scan the square code printed on the document with the counter's scanner, or open the "
                               "PDF or a scan of the paper. The seal is checked with the municipality's "
                               "public keys the administrator installed on this computer, with no connection; "
                               "when the server can be reached, it is also asked whether the document was "
                               "cancelled or replaced."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code = QLineEdit()
        self.code.setObjectName("sealInput")
        self.code.setProperty("latinOk", True)  # a seal is a Latin code by nature
        self.code.returnPressed.connect(self.check)
        self.fields = {"code": FormField(self.tr("Code read from the document"), self.code,
                                         self.tr("The scanner types it here and presses Enter"))}
        layout.addWidget(self.fields["code"])
        buttons = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setObjectName("primary")
        self.check_button.clicked.connect(self.check)
        self.open_button = QPushButton(self.tr("Open a PDF or a scan…"))
        self.open_button.clicked.connect(self.open_pdf)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self.back_requested)
        for b in (self.check_button, self.open_button, self.back_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        layout.addWidget(self.verdict)
        self.details = KeyValueList()
        self.details.setObjectName("verdictDetails")
        layout.addWidget(self.details)
        layout.addStretch(1)
        self._busy_buttons = [self.check_button]

    def entered(self) -> None:
        self.code.setFocus()
        self.code.selectAll()

    def check(self, text: str | None = None) -> None:
        text = self.code.text() if not isinstance(text, str) else text
        if not text.strip():
            self.fields["code"].set_error(self.tr("Scan or paste the document's code first."))
            return
        self.fields["code"].set_error(None)

        def work():
            from kiosk.printing.verify import check_document, confirm_online, describe

            verdict = confirm_online(check_document(text), self.services.api, training=self.services.training)
            return verdict, describe(verdict)

        self.run(work, self.show_verdict)

    def open_pdf(self) -> None:
        chosen = pick_files(self, self.services, self.tr("A document printed by the kiosk, or its scan"),
                            self.tr("Documents and scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp)"))
        if not chosen:
            return
        path = chosen[0]

        def work():
            from kiosk.printing.verify import check_path, confirm_online, describe

            verdict = check_path(Path(path))  # rendering and QR reading: off the GUI thread
            verdict = confirm_online(verdict, self.services.api, training=self.services.training)
            return verdict, describe(verdict)

        self.run(work, self.show_verdict)

    def show_verdict(self, result) -> None:
        verdict, (sentence, rows) = result
        self.verdict.setText(sentence)
        self.verdict.setProperty("kind", "ok" if verdict.status == "genuine" else
                                 "training" if verdict.status == "training" else "bad")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.details.set_rows([(k, v.replace("<", "&lt;")) for k, v in rows])
        self.code.selectAll()
        self.code.setFocus()

    def reset(self) -> None:
        self.code.clear()
        self.verdict.clear()
        self.details.set_rows([])
        self.fields["code"].set_error(None)
