"""One way to write each thing: the same value reads in the same order on a screen (Qt's text layout) and on
paper (the PDF's reordering), and in the order a Persian reader expects."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from kiosk import formatting as fmt
from kiosk.domain.digits import to_persian_digits
from kiosk.printing.text import visual

KEEP = set("۰۱۲۳۴۵۶۷۸۹-/٪٫٬")


def screen_order(text: str) -> str:
    """The digits and separators of ``text`` left to right as Qt draws it in a right-to-left line."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QTextLayout, QTextOption

    layout = QTextLayout(text, QFont("Vazirmatn", 12))
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    placed = []
    for i, ch in enumerate(text):
        if ch in KEEP:  # where Qt puts the glyph of this character (cursor edges are ambiguous at run ends)
            runs = line.glyphRuns(i, 1)
            placed.append((min(p.x() for r in runs for p in r.positions()), ch))
    return "".join(ch for _x, ch in sorted(placed))


def paper_order(text: str) -> str:
    return "".join(ch for ch in visual(text) if ch in KEEP)


def sentence(value: str) -> str:
    return f"مقدار {value} است"


CASES = [
    (fmt.renovation_code("8-15-30"), "۸-۱۵-۳۰"),
    (fmt.renovation_code("3-42-117-0-0-0"), "۳-۴۲-۱۱۷-۰-۰-۰"),
    (fmt.code("14050800001-48213307"), "۱۴۰۵۰۸۰۰۰۰۱-۴۸۲۱۳۳۰۷"),
    (fmt.code("1405-000002"), "۱۴۰۵-۰۰۰۰۰۲"),
    (fmt.deed_plate(5, 1520, 30), "۵/۱۵۲۰/۳۰"),
    (fmt.number(Decimal("890.4")), "۸۹۰٫۴"),
    (fmt.amount(77_500_000), "۷۷٬۵۰۰٬۰۰۰"),
    (fmt.percent(60), "٪۶۰"),  # drawn left to right: the sign on the left, read after the number
]


@pytest.mark.parametrize("value,reads", CASES, ids=[c[1] for c in CASES])
def test_a_value_reads_the_same_on_screen_and_paper(qapp, value, reads):
    text = sentence(value)
    assert screen_order(text) == paper_order(text) == reads


def test_a_pair_keeps_the_order_of_its_captions(qapp):
    """«تراکم / سطح اشغال: ۱۸۰٪ / ۶۰٪» — the first value on the right, under the first caption, in a
    right-to-left sentence and in a left-to-right field alike."""
    value = fmt.pair(fmt.percent(180), fmt.percent(60))
    for text in (sentence(value), value, "\u2066" + value + "\u2069"):
        # read right to left: 180 first
        assert screen_order(text)[::-1].startswith("٪۰۸۱"), text
        assert screen_order(text) == paper_order(text)


def test_a_bare_code_would_be_turned_around(qapp):
    """Why codes are isolated: Persian digits around a dash reorder in a right-to-left line."""
    raw = sentence(to_persian_digits("8-15-30"))
    assert screen_order(raw) == paper_order(raw) == "۳۰-۱۵-۸"


def test_article_ids_and_bands_are_written_in_persian():
    assert fmt.article("A3") == "مادهٔ ۳"
    assert fmt.band("600 ≤ S → 1.2", {"S": "زیربنا"}) == "زیربنا ۶۰۰ و بیشتر: ضریب ۱٫۲"
    assert fmt.band("100 < S ≤ 150 → 0.18", {"S": "زیربنا"}) == "زیربنا بیش از ۱۰۰ و تا ۱۵۰: ضریب ۰٫۱۸"
    assert fmt.band("S < 100 → 0.015") == "S کمتر از ۱۰۰: ضریب ۰٫۰۱۵"
    assert fmt.band("200 < lot ≤ 300", {"lot": "مساحت زمین"}) == "مساحت زمین بیش از ۲۰۰ و تا ۳۰۰"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_band_never_fails_and_leaves_no_latin_digit(text):
    out = fmt.band(text)
    assert not any(ch in "0123456789" for ch in out)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 99999), min_size=2, max_size=6))
def test_any_code_reads_left_to_right_on_both(qapp, parts):
    raw = "-".join(str(p) for p in parts)
    text = sentence(fmt.code(raw))
    assert screen_order(text) == paper_order(text) == to_persian_digits(raw)
