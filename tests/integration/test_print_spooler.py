"""A document printed through a real spooler: CUPS with the cups-pdf printer that ./test sets up
(KIOSK_TEST_PRINTER). The printed file is looked at: it must be a PDF whose page is not blank, and the
spooler's PDF — the printer's own file, with no embedded seal — must verify from the QR printed on it."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

PRINTER = os.environ.get("KIOSK_TEST_PRINTER")


@pytest.mark.skipif(not PRINTER, reason="no CUPS test printer (./test adds KioskPDF when run as root)")
@pytest.mark.parametrize("name,paper", [("receipt", "thermal"), ("permit", "A4")])
def test_a_document_goes_through_cups_comes_out_and_verifies_from_its_printed_qr(qapp, tmp_path, name, paper):
    from kiosk.printing.documents import make
    from kiosk.printing.spool import print_pdf, printers
    from kiosk.sandbox.seal import load_sealer
    from tests.printing_samples import samples

    assert PRINTER in printers()[0]
    out_dirs = [Path.home() / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")]
    before = {p for d in out_dirs if d.exists() for p in d.glob("*.pdf")}
    kind, subject, extra = samples(load_sealer(True))[name]
    document = make(kind, subject, training=True, paper=paper, **extra)
    assert print_pdf(document.pdf, PRINTER, paper, document.title) == PRINTER
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
    assert dark > 0.004 * image.size[0] * image.size[1]  # ink on the page: not a blank sheet
    from kiosk.printing.verify import TEXT_NOT_CHECKED, check_path, read_pdf

    spooled = new[0].read_bytes()
    assert read_pdf(spooled).seals == [subject.seal]  # read from the printed QR: cups-pdf keeps no metadata seal
    verdict = check_path(new[0])
    assert verdict.status == "training", verdict
    assert (TEXT_NOT_CHECKED, {}) in verdict.notes  # the spooler drew pictures: the text is not claimed checked
    for p in new:
        p.unlink(missing_ok=True)
