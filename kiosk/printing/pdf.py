"""A small right-to-left layout on top of ReportLab: lines, label/value rows, tables, QR codes, barcodes,
the municipality's header and the training watermark, on A4, A5 or an 80 mm thermal roll.

Every string goes through :mod:`kiosk.printing.text` (wrap, then shape and reorder each line). The
page's right edge is where a line starts. Output is byte-for-byte reproducible (``invariant``), which the
golden-image tests and the signatures on paper rely on.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Callable, Sequence

from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kiosk.paths import resource
from kiosk.printing.text import visual, width, wrap

FONT, BOLD = "Vazirmatn", "Vazirmatn-Bold"
INK = Color(0.1, 0.1, 0.1)
MUTED = Color(0.38, 0.38, 0.38)
ACCENT = Color(0.04, 0.43, 0.41)
WARN = Color(0.7, 0.1, 0.1)
RULE = Color(0.75, 0.78, 0.78)
SHADE = Color(0.93, 0.95, 0.95)
THERMAL_WIDTH = 80 * mm
PAPERS = {"A4": A4, "A5": A5}
TRAINING_MARK = "آموزشی — فاقد اعتبار"

_fonts_ready = False


def _fonts() -> None:
    global _fonts_ready
    if not _fonts_ready:
        from reportlab import rl_config

        rl_config.useA85 = 0  # binary streams: ASCII85 of the embedded font was a tenth of the time
        pdfmetrics.registerFont(TTFont(FONT, str(resource("fonts", "Vazirmatn-Regular.ttf"))))
        pdfmetrics.registerFont(TTFont(BOLD, str(resource("fonts", "Vazirmatn-Bold.ttf"))))
        _fonts_ready = True


class Layout:
    """Draws from the top down. ``y`` is the baseline cursor (points from the bottom edge)."""

    def __init__(self, canvas: Canvas, page: tuple[float, float], margin: float, training: bool, compact: bool):
        self.c = canvas
        self.page_width, self.page_height = page
        self.margin = margin
        self.training = training
        self.compact = compact  # the thermal roll: smaller type, one column
        self.y = self.page_height - margin
        self.pages = 1
        self.on_new_page: Callable[[], None] | None = None

    @property
    def left(self) -> float:
        return self.margin

    @property
    def right(self) -> float:
        return self.page_width - self.margin

    @property
    def inner(self) -> float:
        return self.right - self.left

    def size(self, normal: float) -> float:
        return normal * 0.82 if self.compact else normal

    # --- flow -----------------------------------------------------------------------------------------
    def ensure(self, height: float) -> None:
        if self.compact:
            return  # a roll has no page breaks: its length is measured first (see render)
        if self.y - height < self.margin:
            self.finish_page()
            self.c.showPage()
            self.pages += 1
            self.y = self.page_height - self.margin
            if self.on_new_page:
                self.on_new_page()

    def space(self, points: float) -> None:
        self.y -= points

    def finish_page(self) -> None:
        if self.training:
            self._watermark()

    # --- text ---------------------------------------------------------------------------------------------
    def line(self, text: str, x_right: float | None = None, size: float = 10, bold: bool = False,
             color: Color = INK, align: str = "right", y: float | None = None) -> None:
        """One line at ``y`` (default: the cursor), without moving the cursor."""
        font = BOLD if bold else FONT
        shown = visual(text)
        self.c.setFont(font, size)
        self.c.setFillColor(color)
        at = self.y if y is None else y
        if align == "center":
            self.c.drawCentredString(self.page_width / 2, at, shown)
        elif align == "left":
            self.c.drawString(self.left if x_right is None else x_right, at, shown)
        else:
            self.c.drawRightString(self.right if x_right is None else x_right, at, shown)

    def para(self, text: str, size: float = 10, bold: bool = False, color: Color = INK, align: str = "right",
             max_width: float | None = None, x_right: float | None = None, leading: float = 1.45) -> None:
        size = self.size(size)
        font = BOLD if bold else FONT
        for logical in wrap(text, font, size, max_width or self.inner):
            self.ensure(size * leading)
            self.y -= size * leading
            self.line(logical, x_right=x_right, size=size, bold=bold, color=color, align=align)

    def title(self, text: str, size: float = 15) -> None:
        self.para(text, size=size, bold=True, color=ACCENT, align="center")
        self.space(self.size(4))

    def rule(self, color: Color = RULE) -> None:
        self.space(self.size(5))
        self.c.setStrokeColor(color)
        self.c.setLineWidth(0.6)
        self.c.line(self.left, self.y, self.right, self.y)
        self.space(self.size(3))

    # --- label / value rows ---------------------------------------------------------------------------
    def rows(self, pairs: Sequence[tuple[str, str]], label_width: float | None = None, size: float = 10) -> None:
        """Label at the right, its value to its left, both wrapped within their column."""
        size = self.size(size)
        label_width = label_width or (self.inner * (0.42 if self.compact else 0.3))
        value_right = self.right - label_width - 6
        value_width = value_right - self.left
        leading = size * 1.5
        for label, value in pairs:
            labels = wrap(label, BOLD, size, label_width)
            values = wrap(value or "—", FONT, size, value_width)
            height = leading * max(len(labels), len(values))
            self.ensure(height + 2)
            top = self.y
            for i, text in enumerate(labels):
                self.line(text, size=size, bold=True, color=MUTED, y=top - leading * (i + 1))
            for i, text in enumerate(values):
                self.line(text, x_right=value_right, size=size, y=top - leading * (i + 1))
            self.y = top - height - 2

    def fields(self, cells: Sequence[tuple[str, str]], size: float = 10) -> None:
        """Boxes side by side from the right, each a caption over a value (a deed plate's three numbers
        stay in their own labelled boxes, so right-to-left display cannot swap them)."""
        size = self.size(size)
        n = len(cells)
        gap = 4
        box_w = (self.inner - gap * (n - 1)) / n
        box_h = size * 3.3
        self.ensure(box_h + 4)
        top = self.y - 2
        for i, (caption, value) in enumerate(cells):
            x_right = self.right - i * (box_w + gap)
            self.c.setStrokeColor(RULE)
            self.c.setFillColor(SHADE)
            self.c.rect(x_right - box_w, top - box_h, box_w, box_h, stroke=1, fill=1)
            self.c.setFillColor(MUTED)
            self.c.setFont(FONT, size * 0.8)
            self.c.drawCentredString(x_right - box_w / 2, top - size * 1.25, visual(caption))
            self.c.setFillColor(INK)
            self.c.setFont(BOLD, size * 1.1)
            self.c.drawCentredString(x_right - box_w / 2, top - size * 2.75, visual(value))
        self.y = top - box_h - 4

    # --- tables ---------------------------------------------------------------------------------------
    def table(self, headers: Sequence[str], body: Sequence[Sequence[str]], widths: Sequence[float],
              size: float = 9, numeric: Sequence[int] = ()) -> None:
        """Columns from the right; ``widths`` are fractions of the inner width. Numeric columns are
        aligned to their left edge (amounts line up by their last digit in RTL reading)."""
        size = self.size(size)
        cols = [w * self.inner for w in widths]
        leading = size * 1.45
        pad = 3

        def draw_row(cells: Sequence[str], bold: bool, shade: bool) -> None:
            wrapped = [wrap(text, BOLD if bold else FONT, size, cols[i] - 2 * pad) for i, text in enumerate(cells)]
            height = leading * max(len(w) for w in wrapped) + 2 * pad
            self.ensure(height)
            top = self.y
            if shade:
                self.c.setFillColor(SHADE)
                self.c.rect(self.left, top - height, self.inner, height, stroke=0, fill=1)
            x_right = self.right
            for i, lines in enumerate(wrapped):
                for k, text in enumerate(lines):
                    at = top - pad - leading * (k + 1) + size * 0.3
                    if i in numeric and not bold:
                        self.line(text, x_right=x_right - cols[i] + pad, size=size, bold=bold, align="left", y=at)
                    else:
                        self.line(text, x_right=x_right - pad, size=size, bold=bold, y=at)
                x_right -= cols[i]
            self.c.setStrokeColor(RULE)
            self.c.setLineWidth(0.4)
            self.c.line(self.left, top - height, self.right, top - height)
            self.y = top - height

        draw_row(headers, True, True)
        for row in body:
            draw_row(row, False, False)
        self.space(self.size(4))

    # --- codes ------------------------------------------------------------------------------------------
    def qr(self, content: str, side: float, x: float, y: float) -> None:
        """A QR code as a one-bit image drawn without smoothing, ``(x, y)`` its bottom-left corner (one image
        instead of a thousand rectangles: a fifth of the document's time)."""
        self.c.drawImage(_qr_image(content), x, y, side, side)

    def barcode(self, digits: str, height: float, caption: str | None = None) -> None:
        """Code 128 (set C for digits), centred, with its digits printed under it."""
        from reportlab.graphics.barcode.code128 import Code128

        bar = Code128(digits, barHeight=height, barWidth=0.9 if not self.compact else 0.7, humanReadable=False,
                      quiet=False)
        self.ensure(height + 16)
        self.y -= height
        bar.drawOn(self.c, (self.page_width - bar.width) / 2, self.y)
        self.y -= self.size(10)
        self.c.setFont(FONT, self.size(8))
        self.c.setFillColor(INK)
        from kiosk.domain.digits import to_persian_digits

        self.c.drawCentredString(self.page_width / 2, self.y, caption or to_persian_digits(digits))  # as the rest of the slip
        self.space(self.size(4))

    # --- decoration ------------------------------------------------------------------------------------
    def _watermark(self) -> None:
        c = self.c
        c.saveState()
        c.setFillColor(Color(0.75, 0.1, 0.1, alpha=0.16))
        size = self.page_width / 11
        c.setFont(BOLD, size)
        c.translate(self.page_width / 2, self.page_height / 2)
        c.rotate(35 if not self.compact else 60)
        c.drawCentredString(0, -size / 3, visual(TRAINING_MARK))
        c.restoreState()


@lru_cache(maxsize=64)
def _qr_image(content: str):
    """The symbol with its quiet zone as a 1-bit image (ReportLab embeds it once per document). A fixed
    mask: choosing the best of eight is most of the encoding time, and a code printed crisp on white reads
    with any mask; error level M survives a fold or a smudge."""
    import segno
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    code = segno.make(content, error="m", micro=False, mask=2, boost_error=False)
    matrix = [list(row) for row in code.matrix]
    border = 2
    n = len(matrix) + 2 * border
    image = Image.new("1", (n, n), 1)
    pixels = image.load()
    for r, row in enumerate(matrix):
        for col, dark in enumerate(row):
            if dark:
                pixels[col + border, r + border] = 0
    return ImageReader(image)


def render(build: Callable[[Layout], None], paper: str = "A4", *, training: bool, title: str,
           seal: str | None = None) -> bytes:
    """Runs ``build`` on a fresh page and returns the PDF. The thermal roll is laid out twice: once on a
    tall strip to learn how long the receipt is, then on a strip of exactly that length."""
    _fonts()
    if paper == "thermal":
        probe = Canvas(io.BytesIO(), pagesize=(THERMAL_WIDTH, 3000 * mm), invariant=1)
        lay = Layout(probe, (THERMAL_WIDTH, 3000 * mm), 4 * mm, training, compact=True)
        build(lay)
        length = 3000 * mm - lay.y + 8 * mm
        page = (THERMAL_WIDTH, length)
        margin, compact = 4 * mm, True
    else:
        page = PAPERS[paper]
        margin, compact = (14 if paper == "A4" else 10) * mm, False
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=page, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("شهرداری اصفهان")
    canvas.setCreator("Isfahan counter kiosk")
    if seal:
        canvas.setSubject(seal)  # `kiosk verify file.pdf` reads the seal from here; the QR carries the same
    lay = Layout(canvas, page, margin, training, compact)
    build(lay)
    lay.finish_page()
    canvas.showPage()
    canvas.save()
    return out.getvalue()


__all__ = ["Layout", "render", "width", "ACCENT", "MUTED", "WARN", "INK", "TRAINING_MARK", "mm"]
