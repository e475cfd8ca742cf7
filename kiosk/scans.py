"""Scans and photos made fit to send: a large photo is scaled down, several images of one document become
one PDF in page order. Qt's image and PDF classes do the work (no extra dependency); they are safe off the
GUI thread, where this always runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter

from kiosk.domain.documents import FILE_CORRUPT, FILE_TYPE, FileFacts, named_type, proper_name, sniff
from kiosk.domain.problems import Problem

MAX_SIDE = 2480  # pixels on the longest side: an A4 page at 300 dpi, enough to read any stamp
JPEG_QUALITY = 85
IMAGE_TYPES = ("image/jpeg", "image/png")


def _load(content: bytes) -> QImage | None:
    image = QImage()
    return image if image.loadFromData(QByteArray(content)) and not image.isNull() else None


def _scaled(image: QImage) -> QImage:
    if max(image.width(), image.height()) <= MAX_SIDE:
        return image
    return image.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


def _encode(image: QImage, fmt: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt, JPEG_QUALITY if fmt == "JPG" else -1)
    buffer.close()
    return bytes(data)


def prepare(contents: list[tuple[str, bytes]]) -> tuple[str | None, bytes | None, str | None, Problem | None]:
    """``contents``: (file name, bytes) in page order. Returns (name, bytes, content type) to send, or a
    problem. One PDF passes through unchanged; one image is scaled down if larger than MAX_SIDE; several
    images become one PDF, one page each."""
    if len(contents) == 1:
        name, content = contents[0]
        kind = sniff(content)
        if kind not in IMAGE_TYPES:
            return name, content, kind, None  # the content checks decide about it
        image = _load(content)
        if image is None:
            return None, None, None, FILE_CORRUPT
        if max(image.width(), image.height()) <= MAX_SIDE:
            return name, content, kind, None
        fmt, kind = ("PNG", "image/png") if kind == "image/png" else ("JPG", "image/jpeg")
        return name, _encode(_scaled(image), fmt), kind, None
    images = []
    for _name, content in contents:
        if sniff(content) not in IMAGE_TYPES:
            return None, None, None, FILE_TYPE  # only images can be joined into one document
        image = _load(content)
        if image is None:
            return None, None, None, FILE_CORRUPT
        images.append(_scaled(image))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    painter = QPainter(writer)
    for i, image in enumerate(images):
        if i:
            writer.newPage()
        page = QSizeF(writer.width(), writer.height())
        size = QSizeF(image.width(), image.height()).scaled(page, Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF((page.width() - size.width()) / 2, (page.height() - size.height()) / 2, size.width(),
                        size.height())
        painter.drawImage(target, image)
    painter.end()
    buffer.close()
    stem = Path(contents[0][0]).stem or "scan"
    return f"{stem}.pdf", bytes(data), "application/pdf", None


def describe(name: str, content: bytes, content_type: str) -> tuple[str, FileFacts]:
    """The name to send under (its extension made true to the bytes) and what the file is: its type, a PDF's
    page count, and what its name claimed if that was something else."""
    import hashlib

    from kiosk.printing.pdfium import page_count

    claimed = named_type(name)
    pages = page_count(content) if content_type == "application/pdf" else None
    facts = FileFacts(content_type, pages, claimed if claimed not in (None, content_type) else None,
                      hashlib.sha256(content).hexdigest())
    return proper_name(name, content_type), facts
