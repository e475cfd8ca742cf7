from __future__ import annotations

from hypothesis import given, strategies as st

from kiosk.domain.digits import group_thousands, ltr, to_ascii_digits, to_persian_digits
from kiosk.domain.normalize import ZWNJ, digits_only, normalize_text, search_key


def test_arabic_letters_become_persian():
    assert normalize_text("علي كريمي") == "علی کریمی"
    assert normalize_text("مصطفى") == "مصطفی"


def test_digits_spaces_and_invisible_marks():
    assert normalize_text("  ۱۲\u00a0٣٤\u200b\u200f ") == "12 34"
    assert normalize_text("ســـلام") == "سلام"  # tatweel


def test_zwnj_kept_between_letters_only():
    assert normalize_text("می\u200cروم") == "می\u200cروم"
    assert normalize_text("می\u200c\u200cروم") == "می\u200cروم"
    assert normalize_text("می \u200cروم") == "می روم"
    assert normalize_text("\u200cسلام\u200c") == "سلام"


def test_search_key_treats_zwnj_as_space():
    assert search_key("می\u200cروم") == search_key("می روم") == search_key("مي روم")


def test_digits_only_drops_separators():
    assert digits_only("۰۹۱۲-۱۲۳ ۴۵۶۷") == "09121234567"
    assert digits_only("12a4") == "12a4"


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text())
def test_normalized_text_has_no_arabic_yeh_kaf_or_non_ascii_digits(text):
    out = normalize_text(text)
    assert not set(out) & set("يكى۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")
    assert not out.startswith((" ", ZWNJ)) and not out.endswith((" ", ZWNJ))


@given(st.integers(min_value=0, max_value=10**15))
def test_digit_round_trip_and_grouping(n):
    assert to_ascii_digits(to_persian_digits(str(n))) == str(n)
    grouped = group_thousands(n)
    assert to_ascii_digits(grouped).replace("\u066c", "") == str(n)


def test_grouping_and_isolation():
    assert group_thousands(1250000) == "۱٬۲۵۰٬۰۰۰"
    assert group_thousands(1250000, persian=False) == "1,250,000"
    assert ltr("a*b") == "\u2066a*b\u2069"
