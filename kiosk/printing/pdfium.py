"""The one door to PDFium (pypdfium2). PDFium is not thread-safe: no two of its calls may run at the same
time on different threads, not even on different documents — doing so can crash or corrupt the process
(pypdfium2's documentation, "Incompatibility with Threading"). The kiosk reads and renders PDFs on worker
threads (previews, printing, authenticity checks, uploaded documents), so every use holds this lock for the
whole life of its document.

    with pdfium() as pdf_lib:
        doc = pdf_lib.PdfDocument(data)
        ...
        doc.close()
"""

from __future__ import annotations

import contextlib
import threading

_LOCK = threading.RLock()


@contextlib.contextmanager
def pdfium():
    """pypdfium2, under the process-wide lock (re-entrant: a helper may call another)."""
    with _LOCK:
        import pypdfium2

        yield pypdfium2


def page_count(data: bytes) -> int | None:
    """Pages of a PDF, or None when PDFium cannot open it."""
    with pdfium() as lib:
        try:
            doc = lib.PdfDocument(data)
        except Exception:  # noqa: BLE001 - pdfium says only that it failed: truncated, garbage, encrypted
            return None
        try:
            return len(doc)
        finally:
            doc.close()
