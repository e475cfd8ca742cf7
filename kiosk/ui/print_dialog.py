"""Print preview and printing of one document: the pages as they will come out, the printer and paper for
this kind of document (remembered), and a clear sentence when printing fails, with «print again».

Rendering the PDF, rasterising the preview, listing printers and spooling all run off the GUI thread.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from kiosk import messages
from kiosk.ui.widgets import title_label

PREVIEW_DPI = 60
PAPERS = ("A4", "A5", "thermal")


class PrintDialog(QDialog):
    """Signals: ``printed(str printer)``.

    ``make(paper)`` returns a :class:`kiosk.printing.documents.Printed`; it runs on a worker thread."""

    printed = Signal(str)

    def __init__(self, services, kind: str, make: Callable[[str], object], parent=None):
        super().__init__(parent)
        from kiosk.printing.documents import THERMAL_KINDS, TITLES, T

        self.services = services
        self.kind = kind
        self.make = make
        self.document = None
        self.setWindowTitle(self.tr("Print preview"))
        self.setMinimumSize(720, 640)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(T(TITLES[kind])))
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Printer")))
        self.printer = QComboBox()
        self.printer.setObjectName("printerChoice")
        self.printer.setProperty("latinOk", True)  # printer names as the system gives them
        self.printer.setMinimumWidth(220)
        controls.addWidget(self.printer)
        controls.addWidget(QLabel(self.tr("Paper")))
        self.paper = QComboBox()
        self.paper.setObjectName("paperChoice")
        names = {"A4": self.tr("A4"), "A5": self.tr("A5"), "thermal": self.tr("80 mm receipt roll")}
        for paper in PAPERS:
            if paper != "thermal" or kind in THERMAL_KINDS:
                self.paper.addItem(names[paper], paper)
        chosen = services.config[f"paper_{kind}"]
        self.paper.setCurrentIndex(max(0, self.paper.findData(chosen)))
        self.paper.currentIndexChanged.connect(self.render)
        controls.addWidget(self.paper)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.pages = QWidget()
        self.pages.setObjectName("previewPages")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        layout.addWidget(scroll, 1)
        self.status = QLabel()
        self.status.setObjectName("printStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Print"))
        self.print_button.setObjectName("primary")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_now)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.printer.currentIndexChanged.connect(lambda _i: self.print_button.setEnabled(self.document is not None))
        self._load_printers()
        self.render()

    # --- printers -----------------------------------------------------------------------------------
    def _load_printers(self) -> None:
        from kiosk.printing.spool import printers

        def show(result) -> None:
            names, default = result
            self.printer.clear()
            for name in names:
                self.printer.addItem(name, name)
            chosen = self.services.config[f"printer_{self.kind}"] or default
            index = self.printer.findData(chosen)
            self.printer.setCurrentIndex(index if index >= 0 else 0)
            if not names:
                self.printer.addItem(self.tr("(no printer installed)"), "")

        self.services.runner.run(printers, show, lambda exc: self.say(messages.describe(exc)), owner=self)

    # --- preview ------------------------------------------------------------------------------------
    def render(self) -> None:
        paper = self.paper.currentData()
        self.print_button.setEnabled(False)
        self.say(self.tr("Preparing the preview…"))
        make = self.make

        def work():
            from kiosk.printing.spool import page_images

            document = make(paper)
            return document, page_images(document.pdf, PREVIEW_DPI * (2 if paper == "thermal" else 1))

        def done(result) -> None:
            self.document, images = result
            while self.pages_layout.count():
                item = self.pages_layout.takeAt(0)
                if item.widget():
                    item.widget().deleteLater()
            for i, image in enumerate(images):
                label = QLabel()
                label.setObjectName(f"previewPage{i}")
                label.setPixmap(QPixmap.fromImage(image))
                label.setStyleSheet("background: white; border: 1px solid #9aa7a6;")
                self.pages_layout.addWidget(label)
            self.say("")
            self.print_button.setEnabled(True)

        def failed(exc: BaseException) -> None:
            from kiosk.printing.documents import NotPrintable

            if isinstance(exc, NotPrintable):
                self.say(self.tr("This document's identifiers failed the national check rules; it is not printed. "
                                 "Tell support."))
            else:
                self.say(messages.describe(exc))

        self.services.runner.run(work, done, failed, owner=self)

    # --- printing -----------------------------------------------------------------------------------
    def print_now(self) -> None:
        if self.document is None:
            return
        from kiosk.printing.spool import PrintError, print_pdf

        printer = self.printer.currentData() or None
        paper = self.paper.currentData()
        document = self.document
        self.print_button.setEnabled(False)
        self.say(self.tr("Printing…"))
        config = self.services.config

        def done(name: str) -> None:
            config.remember(f"printer_{self.kind}", name)
            config.remember(f"paper_{self.kind}", paper)
            self.say(self.tr("Sent to the printer «{name}».").format(name=name))
            self.print_button.setText(self.tr("Print again"))
            self.print_button.setEnabled(True)
            self.printed.emit(name)

        def failed(exc: BaseException) -> None:
            self.say(exc.text if isinstance(exc, PrintError) else messages.describe(exc))
            self.print_button.setText(self.tr("Print again"))
            self.print_button.setEnabled(True)

        self.services.runner.run(lambda: print_pdf(document.pdf, printer, paper, document.title), done, failed,
                                 owner=self)

    def say(self, text: str) -> None:
        self.status.setText(text)

    def pages_shown(self) -> int:
        return self.pages_layout.count()


def open_print(parent, services, kind: str, subject, **extra) -> PrintDialog:
    """Preview (then print) ``subject`` as a document of ``kind``; see :func:`kiosk.printing.documents.make`."""
    training = services.training

    def make(paper: str):
        from kiosk.printing.documents import make as make_document

        return make_document(kind, subject, training=training, paper=paper, **extra)

    dialog = PrintDialog(services, kind, make, parent)
    dialog.open()
    parent.print_dialog = dialog  # kept alive while open; tests find it here
    return dialog
