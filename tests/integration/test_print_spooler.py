"""A document printed through a real spooler: CUPS with the cups-pdf printer that ./test sets up
(KIOSK_TEST_PRINTER). The printed file is looked at: it must be a PDF whose page is not blank."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

PRINTER = os.environ.get("KIOSK_TEST_PRINTER")


@pytest.mark.skipif(not PRINTER, reason="no CUPS test printer (./test adds KioskPDF when run as root)")
def test_a_receipt_goes_through_cups_and_comes_out(qapp, tmp_path):
    from kiosk.printing.documents import make
    from kiosk.printing.spool import print_pdf, printers
    from kiosk.sandbox.seal import load_sealer
    from tests.printing_samples import samples

    assert PRINTER in printers()[0]
    out_dirs = [Path.home() / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")]
    before = {p for d in out_dirs if d.exists() for p in d.glob("*.pdf")}
    kind, receipt, extra = samples(load_sealer(True))["receipt"]
    document = make(kind, receipt, training=True, paper="thermal", **extra)
    assert print_pdf(document.pdf, PRINTER, "thermal", document.title) == PRINTER
    deadline = time.monotonic() + 60
    new: list[Path] = []
    while not new and time.monotonic() < deadline:
        time.sleep(0.5)
        new = [p for d in out_dirs if d.exists() for p in d.glob("*.pdf") if p not in before]
    assert new, "cups-pdf wrote nothing within a minute"
    time.sleep(0.5)  # cups-pdf renames the file into place when done
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", "-gray", str(new[0]), str(png)], check=True)
    from PIL import Image

    image = Image.open(f"{png}.png")
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * image.size[0] * image.size[1]  # ink on the page: not a blank sheet
    for p in new:
        p.unlink(missing_ok=True)
