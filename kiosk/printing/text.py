"""Persian text for PDF: shaping, right-to-left ordering, and wrapping done before the reordering.

ReportLab draws glyphs left to right, one per code point, with no shaping. So each *visual line* is
prepared here: the logical text is wrapped into lines by measuring its shaped width, then each line is
shaped (``arabic_reshaper``: the contextual letter forms, lam-alef) and reordered for display with
python-bidi's pure-Python algorithm (``bidi.algorithm``), which also mirrors brackets — the Rust-backed
``bidi.get_display`` did not. Wrapping after reordering would cut a line's *end* into the next one.
"""

from __future__ import annotations

from functools import lru_cache

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})


@lru_cache(maxsize=8192)
def shaped(text: str) -> str:
    return _RESHAPER.reshape(text)


# The pure-Python algorithm knows embeddings but not isolates (Unicode 6.3): the isolates the formatting
# module puts around codes (LRI … PDI, RLI … PDI) become the embeddings that order them the same way there.
_ISOLATES = str.maketrans({"\u2066": "\u202a", "\u2067": "\u202b", "\u2068": "", "\u2069": "\u202c"})


@lru_cache(maxsize=4096)
def visual(line: str, base_rtl: bool = True) -> str:
    """One line, shaped and in display order (left to right as drawn)."""
    if not line:
        return ""
    shown = get_display(shaped(line.translate(_ISOLATES)), base_dir="R" if base_rtl else "L")
    return shown.translate({0x202A: None, 0x202B: None, 0x202C: None})


@lru_cache(maxsize=8192)
def width(text: str, font: str, size: float) -> float:
    return stringWidth(shaped(text.translate(_ISOLATES).translate({0x202A: None, 0x202B: None, 0x202C: None})),
                       font, size)


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Logical lines no wider than ``max_width``, broken at spaces (a word longer than a line is kept
    whole rather than cut inside a Persian word). Newlines in ``text`` are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if current and width(candidate, font, size) > max_width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines
