"""Golden images of the printed documents: each sample rendered to a small grey PNG and compared with the
committed reference. A shaping, ordering or layout regression changes many pixels; anti-aliasing noise a
few. `python -m tests.golden` (re)writes the references after a deliberate change — look at them first."""

from __future__ import annotations

import io
import sys
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
DPI = 50
CASES = [("slip", "A5"), ("slip", "thermal"), ("receipt", "A5"), ("receipt", "thermal"), ("plan_order", "A4"),
         ("permit", "A4"), ("certificate", "A4"), ("delay_report", "A5"), ("resume", "thermal"),
         ("reconciliation", "A5"), ("reconciliation", "thermal")]


def render_png(name: str, paper: str):
    """(PIL grey image of page 1, PDF bytes) for the fixed sample, signed with the training key."""
    from kiosk.printing.documents import make
    from kiosk.printing.pdfium import pdfium
    from kiosk.sandbox.seal import load_sealer
    from tests.printing_samples import samples

    kind, subject, extra = samples(load_sealer(True))[name]
    pdf = make(kind, subject, training=True, paper=paper, **extra).pdf
    with pdfium() as lib:
        doc = lib.PdfDocument(pdf)
        try:
            image = doc[0].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        finally:
            doc.close()
    return image, pdf


def difference(a, b) -> tuple[float, float]:
    """(share of pixels that differ by more than 64 levels, mean absolute difference 0–255)."""
    from PIL import ImageChops, ImageStat

    if a.size != b.size:
        return 1.0, 255.0
    diff = ImageChops.difference(a, b)
    changed = sum(diff.histogram()[65:])
    return changed / (a.size[0] * a.size[1]), ImageStat.Stat(diff).mean[0]


def main() -> int:
    GOLDEN.mkdir(exist_ok=True)
    for name, paper in CASES:
        image, _pdf = render_png(name, paper)
        path = GOLDEN / f"{name}-{paper}.png"
        buf = io.BytesIO()
        image.save(buf, "PNG", optimize=True)
        path.write_bytes(buf.getvalue())
        print("wrote", path, image.size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
