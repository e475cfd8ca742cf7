"""Render every printed document (fixed training samples, sealed with the training key) to a PNG of its
first page, for docs/printing/ — the evidence to look at after a change to the layouts.
Usage: .venv/bin/python scripts/print_samples.py [output-dir]"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    import pypdfium2

    from kiosk.printing.documents import THERMAL_KINDS, make
    from kiosk.sandbox.seal import load_sealer
    from tests.printing_samples import samples

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "printing")
    out.mkdir(parents=True, exist_ok=True)
    for name, (kind, subject, extra) in samples(load_sealer(True)).items():
        papers = ["A4"] if kind not in THERMAL_KINDS else ["A5", "thermal"]
        for paper in papers:
            printed = make(kind, subject, training=True, paper=paper, **extra)
            stem = out / f"{name}-{paper}"
            doc = pypdfium2.PdfDocument(printed.pdf)
            doc[0].render(scale=(110 if paper == "thermal" else 80) / 72).to_pil().save(stem.with_suffix(".png"))
            doc.close()
            print("wrote", stem.with_suffix(".png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
