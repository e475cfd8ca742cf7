from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from kiosk.domain.jalali import (
    iran_zone,
    check_birth_date, format_jalali, format_jalali_datetime, format_jalali_long, parse_jalali,
)
from kiosk.domain.person import check_email, check_name, validate_efile

TODAY = dt.date(2026, 11, 25)  # 1405/09/04


def test_parse_and_format():
    assert parse_jalali("۱۳۶۵/۴/۲۱") == (dt.date(1986, 7, 12), None)
    assert parse_jalali("1365-04-21")[0] == dt.date(1986, 7, 12)
    assert format_jalali(dt.date(1986, 7, 12)) == "۱۳۶۵/۰۴/۲۱"
    assert format_jalali(dt.date(1986, 7, 12), persian=False) == "1365/04/21"
    assert format_jalali_long(TODAY) == "چهارشنبه ۴ آذر ۱۴۰۵"
    moment = dt.datetime(2026, 11, 25, 9, 5, tzinfo=iran_zone())
    assert format_jalali_datetime(moment) == "۱۴۰۵/۰۹/۰۴ ساعت ۰۹:۰۵"


@pytest.mark.parametrize("text,code", [("", "date_empty"), ("1365/4", "date_format"), ("hello", "date_format"),
                                       ("1365/13/01", "date_not_exist"), ("1404/12/30", "date_not_exist")])
def test_bad_dates(text, code):
    assert parse_jalali(text)[1].code == code


def test_leap_esfand_30():
    assert parse_jalali("1403/12/30")[1] is None  # 1403 is a leap year


def test_birth_date_rules():
    assert check_birth_date("1405/09/05", TODAY)[1].code == "birth_date_future"
    assert check_birth_date("1280/01/01", TODAY)[1].code == "birth_date_too_old"
    assert check_birth_date("1405/09/04", TODAY)[1] is None
    assert check_birth_date("1370/13/01", TODAY)[1].field == "birth_date"


@given(st.dates(min_value=dt.date(1910, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_jalali_round_trip(date):
    assert parse_jalali(format_jalali(date))[0] == date
    assert parse_jalali(format_jalali(date, persian=False))[0] == date


def test_names():
    assert check_name(" علي ", "first_name") == ("علی", None)
    assert check_name("عبدالله\u200cزاده", "last_name")[1] is None
    assert check_name("John-Paul O'Neil", "first_name")[1] is None
    assert check_name("علی۲", "first_name")[1].code == "name_letters"
    assert check_name("", "father_name")[1].field == "father_name"


def test_email_is_optional_but_checked():
    assert check_email("") == (None, None)
    assert check_email("A@Example.com") == ("a@example.com", None)
    assert check_email("a@b")[1].code == "email_invalid"


def test_validate_efile_reports_every_problem_at_once():
    clean, problems = validate_efile(first_name="", last_name="x1", father_name="رضا", birth_date=None,
                                     address="کوتاه", postal_code="12", district=16, email="bad", today=TODAY)
    assert {p.field for p in problems} == {"first_name", "last_name", "birth_date", "address", "postal_code",
                                           "district", "email"}
    clean, problems = validate_efile(first_name="زهرا", last_name="کریمی", father_name="حسن",
                                     birth_date=dt.date(1985, 3, 21), address="اصفهان، خیابان چهارباغ، پلاک ۸",
                                     postal_code="۸۱۷۳۹۹۴۵۱۱", district=1, email=None, today=TODAY)
    assert problems == [] and clean["postal_code"] == "8173994511" and clean["address"].endswith("8")


def test_screen_and_paper_tell_the_same_time_on_a_pc_set_to_utc(monkeypatch):
    """A counter PC whose clock is in UTC showed ۲۲:۴۲ on screen and ۰۲:۱۲ of the next day on paper."""
    import datetime as dt
    import time

    from kiosk.domain.jalali import format_jalali_datetime, iran_today
    from kiosk.printing.documents import when

    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        moment = dt.datetime(2026, 12, 6, 22, 40, tzinfo=dt.timezone.utc)
        on_paper = when(moment)
        assert on_paper == "۱۴۰۵/۰۹/۱۶ ساعت ۰۲:۱۰"
        assert format_jalali_datetime(moment.astimezone()) == on_paper  # as a screen gets it: the PC's zone
        assert format_jalali_datetime(dt.datetime.fromtimestamp(moment.timestamp())) == on_paper  # naive, local
        assert iran_today(moment) == dt.date(2026, 12, 7)  # in UTC it is still the 6th
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_gregorian_date_is_told_apart_from_a_wrong_jalali_one():
    from kiosk.domain.jalali import parse_jalali

    for text in ("2020/02/30", "٢٠٢٠/٠٢/٣٠", "1990-05-01"):
        date, problem = parse_jalali(text)
        assert date is None and problem.code == "date_gregorian" and "Gregorian" in problem.render()
    assert parse_jalali("1404/12/30")[1].code == "date_not_exist"  # not a leap year: a wrong Jalali date
    assert parse_jalali("1370/01/15")[1] is None
