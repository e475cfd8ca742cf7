"""Photos scaled down, several images joined into one PDF in page order (checked with poppler's pdfinfo
and by rendering the pages)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from kiosk.domain.documents import check_document
from kiosk.scans import MAX_SIDE, _encode, prepare


def image(w, h, color, fmt="PNG") -> bytes:
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor(color))
    return _encode(img, fmt)


def test_a_small_image_passes_unchanged(qapp):
    content = image(800, 600, "white")
    assert prepare([("a.png", content)]) == ("a.png", content, "image/png", None)


def test_a_large_photo_is_scaled_to_the_stated_resolution(qapp):
    content = image(4000, 3000, "gray", "JPG")
    name, out, kind, problem = prepare([("photo.jpg", content)])
    assert problem is None and kind == "image/jpeg"
    img = QImage.fromData(out)
    assert max(img.width(), img.height()) == MAX_SIDE and img.width() / img.height() == pytest.approx(4 / 3, 0.01)
    assert check_document(out, ["image/jpeg"], 10 * 2**20) == ("image/jpeg", None)


def test_several_images_become_one_pdf_in_page_order(qapp, tmp_path):
    pages = [("p1.png", image(1200, 1700, "red")), ("p2.jpg", image(1700, 1200, "blue", "JPG")),
             ("p3.png", image(900, 900, "green"))]
    name, out, kind, problem = prepare(pages)
    assert problem is None and kind == "application/pdf" and name == "p1.pdf"
    assert check_document(out, ["application/pdf"], 10 * 2**20) == ("application/pdf", None)
    pdf = tmp_path / "joined.pdf"
    pdf.write_bytes(out)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Pages:\s+3$", info, re.M), info
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "10", "-png", str(pdf), str(tmp_path / "page")], check=True)
        colors = []
        for n in (1, 2, 3):
            img = QImage(str(tmp_path / f"page-{n}.png"))
            c = img.pixelColor(img.width() // 2, img.height() // 2)
            colors.append(max(("red", c.red()), ("green", c.green()), ("blue", c.blue()), key=lambda t: t[1])[0])
        assert colors == ["red", "blue", "green"]


def test_a_pdf_cannot_be_joined_with_images(qapp):
    pdf = b"%PDF-1.4\n%%EOF\n"
    assert prepare([("a.pdf", pdf), ("b.png", image(10, 10, "white"))])[3].code == "file_type"


def test_a_broken_image_is_refused(qapp):
    assert prepare([("a.png", b"\x89PNG\r\n\x1a\n" + b"garbage")])[3].code == "file_corrupt"


def test_what_a_file_is_is_said_and_its_name_made_true(qapp):
    from kiosk.scans import describe

    jpeg = image(400, 300, "white", "JPG")
    name, facts = describe("deed.PDF", jpeg, "image/jpeg")
    assert name == "deed.jpg" and facts.misnamed and facts.named_type == "application/pdf" and facts.pages is None
    name, facts = describe("photo.jpeg", jpeg, "image/jpeg")
    assert name == "photo.jpeg" and not facts.misnamed
    name, facts = describe("scan", jpeg, "image/jpeg")
    assert name == "scan.jpg" and not facts.misnamed  # no extension claimed nothing
    _n, pdf, _k, _p = prepare([(f"p{i}.png", image(300, 400, "white")) for i in range(3)])
    name, facts = describe("deed.pdf", pdf, "application/pdf")
    assert name == "deed.pdf" and facts.pages == 3 and not facts.misnamed
    assert len(facts.sha256) == 64


@pytest.mark.parametrize("filename,kind,expected", [
    ("a.pdf", "application/pdf", "a.pdf"), ("a.JPG", "image/jpeg", "a.JPG"), ("a.png", "image/jpeg", "a.jpg"),
    ("a.b.pdf", "image/png", "a.b.png"), (".pdf", "image/png", ".pdf.png"), ("x.tiff", "image/png", "x.tiff.png"),
])
def test_proper_names(filename, kind, expected):
    from kiosk.domain.documents import proper_name

    assert proper_name(filename, kind) == expected
