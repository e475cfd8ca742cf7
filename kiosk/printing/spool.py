"""Pages on screen and on paper: PDF pages rendered to images (pypdfium2; QtPdf is not in
PySide6-Essentials), painted onto Qt's printer. Everything here runs on a worker thread — Qt allows
painting on a QImage or a QPrinter off the GUI thread — and a failure is a :class:`PrintError` whose
Persian sentence says what to do.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.printing.documents import T
from kiosk.printing.pdfium import pdfium

NO_PRINTER = QT_TRANSLATE_NOOP("Print", "No printer is installed on this computer. Ask the administrator to add "
                                        "the counter's printer, then print again.")
PRINTER_GONE = QT_TRANSLATE_NOOP("Print", "The printer «{name}» is not available. Choose another printer or check "
                                          "that it is connected.")
PRINTER_ERROR = QT_TRANSLATE_NOOP("Print", "The printer «{name}» reports a fault (out of paper, jammed or offline). "
                                           "Fix it, then print again.")
PRINT_FAILED = QT_TRANSLATE_NOOP("Print", "The document could not be sent to the printer «{name}». Check the "
                                          "printer and print again.")
THERMAL_DPI = 203
PAPER_DPI = 300


class PrintError(Exception):
    def __init__(self, message: str, **params):
        super().__init__(message)
        self.text = T(message).format(**params)


def printers() -> tuple[list[str], str]:
    """Installed printers and the system default (CUPS may take a moment: call off the GUI thread)."""
    names = list(QPrinterInfo.availablePrinterNames())
    return names, QPrinterInfo.defaultPrinterName()


def page_images(pdf: bytes, dpi: float) -> list[QImage]:
    with pdfium() as lib:
        doc = lib.PdfDocument(pdf)
        try:
            images = []
            for page in doc:
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True)  # RGB(A) byte order, as QImage wants
                pil = bitmap.to_pil().convert("RGBA")
                data = pil.tobytes("raw", "RGBA")
                images.append(QImage(data, pil.width, pil.height, pil.width * 4,
                                     QImage.Format.Format_RGBA8888).copy())
                page.close()
            return images
        finally:
            doc.close()


def page_size_mm(pdf: bytes) -> list[tuple[float, float]]:
    with pdfium() as lib:
        doc = lib.PdfDocument(pdf)
        try:
            return [(p.get_width() * 25.4 / 72, p.get_height() * 25.4 / 72) for p in doc]
        finally:
            doc.close()


def print_pdf(pdf: bytes, printer_name: str | None, paper: str, title: str) -> str:
    """Prints every page at its own size; returns the printer's name."""
    names, default = printers()
    if not names:
        raise PrintError(NO_PRINTER)
    name = printer_name or default or names[0]
    if name not in names:
        raise PrintError(PRINTER_GONE, name=name)
    info = QPrinterInfo.printerInfo(name)
    if info.state() == QPrinter.PrinterState.Error:
        raise PrintError(PRINTER_ERROR, name=name)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)
    sizes = page_size_mm(pdf)
    width, height = sizes[0]
    printer.setPageLayout(QPageLayout(QPageSize(QSizeF(width, height), QPageSize.Unit.Millimeter),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    images = page_images(pdf, THERMAL_DPI if paper == "thermal" else PAPER_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(PRINT_FAILED, name=name)
    try:
        for i, image in enumerate(images):
            if i:
                printer.newPage()
            target = QRectF(painter.viewport())
            scaled = image.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(target.x(), target.y(), scaled.width(), scaled.height()), image)
    finally:
        if not painter.end():
            raise PrintError(PRINT_FAILED, name=name)
    return name
