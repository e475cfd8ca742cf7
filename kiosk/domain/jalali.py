"""Jalali (Solar Hijri) dates as the counter shows and reads them."""

from __future__ import annotations

import datetime as dt
import functools
import re

from kiosk.domain.digits import to_persian_digits
from kiosk.domain.normalize import normalize_text
from kiosk.domain.problems import Problem, QT_TRANSLATE_NOOP

MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)


@functools.cache
def iran_zone() -> dt.tzinfo:
    """What the counter shows, whatever zone the PC's clock is set to (read on first use: zoneinfo's import
    is 4 ms of the start)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Tehran")
    except Exception:  # noqa: BLE001 - no time zone database (Windows without tzdata): +03:30, Iran's only offset since 2022
        return dt.timezone(dt.timedelta(hours=3, minutes=30))



WEEKDAYS = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")

DATE_EMPTY = Problem("date_empty", QT_TRANSLATE_NOOP("Validation", "Enter the date."))
DATE_FORMAT = Problem(
    "date_format",
    QT_TRANSLATE_NOOP("Validation", "Write the date as year/month/day in the Jalali calendar, e.g. 1365/04/21."),
)
DATE_NOT_EXIST = Problem(
    "date_not_exist", QT_TRANSLATE_NOOP("Validation", "This date does not exist in the Jalali calendar.")
)
DATE_GREGORIAN = Problem(
    "date_gregorian", QT_TRANSLATE_NOOP(
        "Validation", "This looks like a Gregorian date ({year}). Write the Jalali date, e.g. 1365/04/21."),
)
BIRTH_DATE_FUTURE = Problem(
    "birth_date_future", QT_TRANSLATE_NOOP("Validation", "The birth date cannot be in the future.")
)
BIRTH_DATE_TOO_OLD = Problem(
    "birth_date_too_old", QT_TRANSLATE_NOOP("Validation", "The birth date must be after {year}.")
)

_DATE = re.compile(r"(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})")


def parse_jalali(text: str) -> tuple[dt.date | None, Problem | None]:
    """``"۱۳۶۵/۴/۲۱"`` → Gregorian ``date(1986, 7, 12)``."""
    text = normalize_text(text or "")
    if not text:
        return None, DATE_EMPTY
    m = _DATE.fullmatch(text)
    if not m:
        return None, DATE_FORMAT
    y, mo, d = (int(g) for g in m.groups())
    if 1800 <= y <= 2200:  # no Jalali year of the living or of a deadline is that high: a Gregorian date
        return None, Problem(DATE_GREGORIAN.code, DATE_GREGORIAN.message, None, {"year": str(y)})
    try:
        return _jd().date(y, mo, d).togregorian(), None
    except ValueError:
        return None, DATE_NOT_EXIST


def check_birth_date(text: str, today: dt.date) -> tuple[dt.date | None, Problem | None]:
    date, problem = parse_jalali(text)
    if problem is not None:
        return None, problem.at("birth_date")
    if date > today:
        return None, BIRTH_DATE_FUTURE.at("birth_date")
    earliest = today.replace(year=today.year - 120) if not (today.month == 2 and today.day == 29) else \
        today.replace(year=today.year - 120, day=28)
    if date < earliest:
        jy = _jd().date.fromgregorian(date=earliest).year
        return None, Problem(BIRTH_DATE_TOO_OLD.code, BIRTH_DATE_TOO_OLD.message, "birth_date", {"year": jy})
    return date, None


def validate_birth_date(date: dt.date, today: dt.date) -> Problem | None:
    """The same rule for a date that arrives already parsed (the server's side)."""
    return check_birth_date(format_jalali(date, persian=False), today)[1]


def jalali_year(date: dt.date) -> int:
    """1405 for a day of 1405 (case numbers, receipts, bills and permits are numbered by the Jalali year)."""
    return _jd().date.fromgregorian(date=date).year


def format_jalali(date: dt.date, persian: bool = True) -> str:
    """``1365/04/21`` (in Persian digits by default)."""
    j = _jd().date.fromgregorian(date=date)
    text = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    return to_persian_digits(text) if persian else text


def format_jalali_long(date: dt.date) -> str:
    """``چهارشنبه ۵ آذر ۱۴۰۵``."""
    j = _jd().date.fromgregorian(date=date)
    return to_persian_digits(f"{WEEKDAYS[j.weekday()]} {j.day} {MONTHS[j.month - 1]} {j.year}")


def in_iran(moment: dt.datetime) -> dt.datetime:
    """The moment on Iran's clock. A naive moment is taken as the PC's local time (``fromtimestamp``)."""
    return moment.astimezone(iran_zone())


def iran_today(now: dt.datetime | None = None) -> dt.date:
    """Today in Iran, whatever zone the PC's clock is set to (a PC on UTC is still on yesterday until 03:30)."""
    return in_iran(now or dt.datetime.now(dt.timezone.utc)).date()


def format_jalali_datetime(moment: dt.datetime) -> str:
    """``۱۴۰۵/۰۹/۰۴ ساعت ۱۷:۰۵`` on Iran's clock (screen, paper and verification alike)."""
    moment = in_iran(moment)
    return format_jalali(moment.date()) + " ساعت " + to_persian_digits(moment.strftime("%H:%M"))


def format_iran_date(moment: dt.datetime) -> str:
    """``۱۴۰۵/۰۹/۰۴``: the day of ``moment`` in Iran."""
    return format_jalali(in_iran(moment).date())


@functools.lru_cache(maxsize=1)
def _jd():
    """jdatetime, imported on first use: 35 ms the first screen does not need to wait for."""
    import jdatetime

    return jdatetime
