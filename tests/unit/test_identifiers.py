"""National code, mobile and postal code rules, with property-based tests for the parsers."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, strategies as st

from kiosk.domain.digits import ARABIC_INDIC_DIGITS, PERSIAN_DIGITS, to_persian_digits
from kiosk.domain.identifiers import (
    check_mobile, check_national_code, check_postal_code, is_valid_mobile, is_valid_national_code,
    is_valid_postal_code, mask_mobile, mask_national_code, national_code_check_digit,
)

VALID = ["0499370899", "1234567891", "0013542419", "4608968882"]


@pytest.mark.parametrize("code", VALID)
def test_known_valid_codes(code):
    assert is_valid_national_code(code)


@pytest.mark.parametrize("code,reason", [
    ("0499370898", "national_code_invalid"),   # wrong check digit
    ("1111111111", "national_code_invalid"),   # all the same digit
    ("0000000000", "national_code_invalid"),
    ("1230000002", "national_code_invalid"),   # zero middle six
    ("12345", "national_code_length"),
    ("12345678901", "national_code_length"),
    ("04993708x9", "national_code_not_digits"),
    ("", "national_code_empty"),
    ("   ", "national_code_empty"),
])
def test_invalid_codes_say_why(code, reason):
    value, problem = check_national_code(code)
    assert value is None and problem.code == reason and problem.field == "national_code"


def test_persian_arabic_digits_and_separators_accepted():
    assert check_national_code("۰۴۹۹۳۷۰۸۹۹")[0] == "0499370899"
    assert check_national_code("٠٤٩٩٣٧٠٨٩٩")[0] == "0499370899"
    assert check_national_code(" 049-937 0899 ")[0] == "0499370899"


def test_short_codes_are_left_padded():
    # 0013542419 written without its leading zeros
    assert check_national_code("13542419")[0] == "0013542419"
    assert check_national_code("013542419")[0] == "0013542419"


def test_length_problem_carries_the_count_in_persian():
    _v, problem = check_national_code("1234567")
    assert problem.params == {"count": 7}
    assert "۷" in problem.render()


def nine_digits():
    return st.text(alphabet=string.digits, min_size=9, max_size=9)


@given(nine_digits())
def test_check_digit_makes_any_body_valid_unless_degenerate(body):
    code = body + str(national_code_check_digit(body))
    degenerate = len(set(code)) == 1 or code[3:9] == "000000"
    assert is_valid_national_code(code) is (not degenerate)


@given(nine_digits(), st.integers(0, 9))
def test_exactly_one_check_digit_is_valid(body, digit):
    code = body + str(digit)
    if is_valid_national_code(code):
        assert digit == national_code_check_digit(body)


@given(nine_digits(), st.sampled_from(["latin", "persian", "arabic"]))
def test_digit_script_never_changes_the_verdict(body, script):
    code = body + str(national_code_check_digit(body))
    table = {"latin": string.digits, "persian": PERSIAN_DIGITS, "arabic": ARABIC_INDIC_DIGITS}[script]
    written = code.translate(str.maketrans(string.digits, table))
    assert is_valid_national_code(written) == is_valid_national_code(code)


@given(st.text(max_size=30))
def test_parsers_never_raise(text):
    for check in (check_national_code, check_mobile, check_postal_code):
        value, problem = check(text)
        assert (value is None) != (problem is None)


@pytest.mark.parametrize("raw", ["09131234567", "+989131234567", "00989131234567", "9131234567",
                                 "۰۹۱۳ ۱۲۳ ۴۵۶۷", "0913-123-4567", "989131234567"])
def test_mobile_forms(raw):
    assert check_mobile(raw) == ("09131234567", None)


@pytest.mark.parametrize("raw", ["0913123456", "091312345678", "08131234567", "02131234567", "abc", "+1 555 1234"])
def test_bad_mobiles(raw):
    assert not is_valid_mobile(raw)


@given(st.text(alphabet=string.digits, min_size=9, max_size=9))
def test_every_09_mobile_round_trips_through_every_form(rest):
    mobile = "09" + rest
    for form in (mobile, "+98" + mobile[1:], "0098" + mobile[1:], mobile[1:], to_persian_digits(mobile)):
        assert check_mobile(form)[0] == mobile


@pytest.mark.parametrize("raw,ok", [("8173994511", True), ("۸۱۷۳۹۹۴۵۱۱", True), ("0173994511", False),
                                    ("817399451", False), ("1111111111", False), ("81739945x1", False)])
def test_postal_code(raw, ok):
    assert is_valid_postal_code(raw) is ok


def test_masks_show_only_the_tail():
    assert mask_national_code("0499370899") == "******0899"
    assert mask_mobile("09131234567") == "0913***4567"
