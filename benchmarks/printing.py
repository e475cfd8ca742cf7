"""Printing speed: a building permit's PDF (Persian shaping, tables, QR seal) cold and warm, the preview
of its page, an 80 mm receipt, and the offline seal check — against a baseline measured in the same run:
ReportLab drawing the same number of lines of plain Latin text on an A4 page with the same embedded font
(what printing costs without Persian shaping, RTL ordering and the QR).
Goal (issue 7): permit PDF warm ≤ 50 ms. Prints JSON lines {"metric", "value", "unit"}.
Usage: .venv/bin/python benchmarks/printing.py [repeats]
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit}, ensure_ascii=False), flush=True)


def timed(fn, repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def main() -> int:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    t = time.perf_counter()
    import kiosk.printing.pdf as pdf
    import kiosk.printing.text as text
    from kiosk.printing.documents import make
    from kiosk.printing.verify import load_keys, verify
    from kiosk.sandbox.seal import load_sealer
    from tests.printing_samples import samples

    docs = samples(load_sealer(True))
    kind, permit, extra = docs["permit"]
    make(kind, permit, training=True, paper="A4")
    emit("permit_pdf_cold", (time.perf_counter() - t) * 1000, "ms (imports, fonts, first document)")

    def fresh_permit():
        pdf._qr_image.cache_clear()
        text.visual.cache_clear(), text.width.cache_clear(), text.shaped.cache_clear()
        return make(kind, permit, training=True, paper="A4")

    warm = timed(fresh_permit, repeats)
    emit("permit_pdf_warm", warm, "ms (goal ≤ 50)")
    emit("permit_pdf_again", timed(lambda: make(kind, permit, training=True, paper="A4"), repeats),
         "ms (the same document again: preview, then print)")

    from reportlab.pdfgen.canvas import Canvas

    lines = 45

    def baseline():
        out = io.BytesIO()
        c = Canvas(out, invariant=1)
        c.setFont(pdf.FONT, 10)
        for i in range(lines):
            c.drawString(40, 800 - i * 16, f"Line {i}: building permit 1405-08-00001, floors 3, area 440 m2")
        c.showPage()
        c.save()

    base = timed(baseline, repeats)
    emit("baseline_plain_latin_page", base, "ms")
    emit("permit_pdf_warm_vs_baseline", warm / base, "x")

    rkind, receipt, rextra = docs["receipt"]
    emit("receipt_thermal_pdf_warm",
         timed(lambda: (pdf._qr_image.cache_clear(), make(rkind, receipt, training=True, paper="thermal")), repeats),
         "ms (laid out twice to measure the roll)")

    document = make(kind, permit, training=True, paper="A4").pdf
    import pypdfium2

    def preview():
        doc = pypdfium2.PdfDocument(document)
        doc[0].render(scale=60 / 72).to_pil()
        doc.close()

    emit("permit_preview_page_60dpi", timed(preview, repeats), "ms")
    keys = load_keys()
    seal = permit.seal
    emit("seal_check", timed(lambda: verify(seal, keys), repeats * 10), "ms")
    emit("permit_pdf_bytes", len(document) / 1024, "KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
