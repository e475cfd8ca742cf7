"""Iranian identifiers and their check rules (see shared DOMAIN.md, "Identifiers and their check rules").

Every check accepts Persian, Arabic-Indic or Latin digits and stray separators, normalises first, and
either returns the normal form or a :class:`Problem` saying what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.domain.normalize import digits_only
from kiosk.domain.problems import Problem, QT_TRANSLATE_NOOP

# --- national code (کد ملی) -----------------------------------------------------------------------

NATIONAL_CODE_EMPTY = Problem(
    "national_code_empty", QT_TRANSLATE_NOOP("Validation", "Enter the national code."), "national_code"
)
NATIONAL_CODE_NOT_DIGITS = Problem(
    "national_code_not_digits",
    QT_TRANSLATE_NOOP("Validation", "The national code may contain digits only."),
    "national_code",
)
NATIONAL_CODE_LENGTH = Problem(
    "national_code_length",
    QT_TRANSLATE_NOOP("Validation", "The national code has 10 digits; {count} were entered."),
    "national_code",
)
NATIONAL_CODE_INVALID = Problem(
    "national_code_invalid",
    QT_TRANSLATE_NOOP(
        "Validation", "This national code is not valid: check it against the national card and type it again."
    ),
    "national_code",
)


def national_code_check_digit(first_nine: str) -> int:
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1)))
    r = total % 11
    return r if r < 2 else 11 - r


def check_national_code(text: str) -> tuple[str | None, Problem | None]:
    """Returns ``(code, None)`` with the 10-digit normal form, or ``(None, problem)``."""
    raw = digits_only(text or "")
    if not raw:
        return None, NATIONAL_CODE_EMPTY
    if not raw.isascii() or not raw.isdigit():
        return None, NATIONAL_CODE_NOT_DIGITS
    if len(raw) in (8, 9):
        raw = raw.zfill(10)
    if len(raw) != 10:
        return None, Problem(NATIONAL_CODE_LENGTH.code, NATIONAL_CODE_LENGTH.message, "national_code",
                             {"count": len(raw)})
    if len(set(raw)) == 1 or raw[3:9] == "000000":
        return None, NATIONAL_CODE_INVALID
    if national_code_check_digit(raw[:9]) != int(raw[9]):
        return None, NATIONAL_CODE_INVALID
    return raw, None


def is_valid_national_code(text: str) -> bool:
    return check_national_code(text)[1] is None


def normalize_national_code(text: str) -> str:
    code, problem = check_national_code(text)
    if problem is not None:
        raise ValueError(problem.code)
    return code  # type: ignore[return-value]


def mask_national_code(code: str) -> str:
    """For logs and screens a bystander may see: only the last four digits."""
    code = digits_only(code)
    return "*" * max(len(code) - 4, 0) + code[-4:]


# --- mobile -------------------------------------------------------------------------------------

MOBILE_EMPTY = Problem("mobile_empty", QT_TRANSLATE_NOOP("Validation", "Enter the mobile number."), "mobile")
MOBILE_INVALID = Problem(
    "mobile_invalid",
    QT_TRANSLATE_NOOP("Validation", "The mobile number must look like 09123456789 (11 digits starting with 09)."),
    "mobile",
)
_MOBILE = re.compile(r"09\d{9}")


def check_mobile(text: str) -> tuple[str | None, Problem | None]:
    """Accepts 09xxxxxxxxx, 9xxxxxxxxx, +989xxxxxxxxx and 00989xxxxxxxxx; returns the 09… form."""
    raw = digits_only(text or "").replace("(", "").replace(")", "")
    if not raw:
        return None, MOBILE_EMPTY
    if raw.startswith("+98"):
        raw = "0" + raw[3:]
    elif raw.startswith("0098"):
        raw = "0" + raw[4:]
    elif raw.startswith("98") and len(raw) == 12:
        raw = "0" + raw[2:]
    elif raw.startswith("9") and len(raw) == 10:
        raw = "0" + raw
    if not raw.isascii() or not _MOBILE.fullmatch(raw):
        return None, MOBILE_INVALID
    return raw, None


def is_valid_mobile(text: str) -> bool:
    return check_mobile(text)[1] is None


def mask_mobile(mobile: str) -> str:
    """0912***6789: enough for a citizen to recognise their number, not enough to collect it."""
    m = digits_only(mobile)
    if len(m) < 8:
        return "*" * len(m)
    return m[:4] + "*" * (len(m) - 8) + m[-4:]


# --- postal code --------------------------------------------------------------------------------

POSTAL_CODE_EMPTY = Problem(
    "postal_code_empty", QT_TRANSLATE_NOOP("Validation", "Enter the postal code."), "postal_code"
)
POSTAL_CODE_INVALID = Problem(
    "postal_code_invalid",
    QT_TRANSLATE_NOOP("Validation", "The postal code has 10 digits and does not start with 0."),
    "postal_code",
)


def check_postal_code(text: str) -> tuple[str | None, Problem | None]:
    raw = digits_only(text or "")
    if not raw:
        return None, POSTAL_CODE_EMPTY
    if not raw.isascii() or not re.fullmatch(r"[1-9]\d{9}", raw) or len(set(raw)) == 1:
        return None, POSTAL_CODE_INVALID
    return raw, None


def is_valid_postal_code(text: str) -> bool:
    return check_postal_code(text)[1] is None


# --- bill ID and payment ID (شناسه قبض / شناسه پرداخت) ------------------------------------------------

SERVICE_MUNICIPAL_DUES = 6  # service type of municipal dues (عوارض شهرداری)


def mod11_check_digit(digits: str) -> int:
    """Weights 2..7 cycling from the right; r = sum mod 11; the digit is 0 if r < 2 else 11 − r."""
    total = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(digits)))
    r = total % 11
    return 0 if r < 2 else 11 - r


@dataclass(frozen=True)
class BillCheck:
    bill_id: str
    payment_id: str
    bill_valid: bool
    payment_valid: bool
    service_type: int | None
    amount_rial: int | None

    @property
    def valid(self) -> bool:
        return self.bill_valid and self.payment_valid


def parse_bill(bill_id: str, payment_id: str) -> BillCheck:
    """Checks a bill ID / payment ID pair by the national rules and reads what they encode.

    Accepts Persian or Arabic-Indic digits and separators. Leading zeros of a payment ID are not
    significant (banks print it with or without them).
    """
    bill = digits_only(bill_id or "")
    pay = digits_only(payment_id or "").lstrip("0")
    bill_ok = bill.isascii() and bill.isdigit() and 6 <= len(bill) <= 13 and \
        mod11_check_digit(bill[:-1]) == int(bill[-1])
    service_type = int(bill[-2]) if bill_ok else None
    pay_ok = False
    amount = None
    if bill_ok and pay.isascii() and pay.isdigit() and 6 <= len(pay) <= 13:
        body = pay[:-2]
        first, second = int(pay[-2]), int(pay[-1])
        pay_ok = mod11_check_digit(body) == first and mod11_check_digit(bill + body + str(first)) == second
        if pay_ok:
            amount = int(pay[:-5] or "0") * 1000
    return BillCheck(bill, pay, bill_ok, pay_ok, service_type, amount)


BILL_ID_INVALID = Problem("bill_id_invalid", QT_TRANSLATE_NOOP(
    "Validation", "This is not a valid bill ID (6 to 13 digits, the last a check digit). Type it again from the "
                  "bill."), "bill_id")


def check_bill_id(text: str) -> tuple[str | None, Problem | None]:
    """A bill ID on its own, by its check digit (a form that asks which bill a request is about)."""
    check = parse_bill(text, "")
    return (check.bill_id, None) if check.bill_valid else (None, BILL_ID_INVALID)


def make_bill_id(file_code: str, company_code: str, service_type: int = SERVICE_MUNICIPAL_DUES) -> str:
    """file code + company code (3 digits) + service type (1 digit) + check digit."""
    if not (file_code.isdigit() and len(company_code) == 3 and company_code.isdigit() and 0 <= service_type <= 9):
        raise ValueError("bill parts must be digits: company code 3, service type 1")
    body = file_code.lstrip("0") + company_code + str(service_type)
    if not 5 <= len(body) <= 12:
        raise ValueError("a bill ID has 6 to 13 digits")
    return body + str(mod11_check_digit(body))


def make_payment_id(bill_id: str, amount_rial: int, year_digit: int, period: int) -> str:
    """amount in thousands of rials + year digit + period (2 digits) + two check digits."""
    if amount_rial <= 0 or amount_rial % 1000:
        raise ValueError("the amount of a payment ID is a positive whole number of thousands of rials")
    if not (0 <= year_digit <= 9 and 0 <= period <= 99):
        raise ValueError("year digit 0–9, period 0–99")
    body = f"{amount_rial // 1000}{year_digit}{period:02d}"
    first = mod11_check_digit(body)
    second = mod11_check_digit(bill_id + body + str(first))
    payment = f"{body}{first}{second}"
    if len(payment) > 13:
        raise ValueError("amount too large for a payment ID")
    return payment


# --- renovation code (کد نوسازی) and deed plate (پلاک ثبتی) ------------------------------------------

RENOVATION_EMPTY = Problem("renovation_code_empty", QT_TRANSLATE_NOOP("Validation", "Enter the renovation code."),
                           "renovation_code")
RENOVATION_FORMAT = Problem("renovation_code_format", QT_TRANSLATE_NOOP(
    "Validation", "Write the renovation code as numbers separated by dashes, district first, e.g. 8-15-30."),
    "renovation_code")
RENOVATION_DISTRICT = Problem("renovation_code_district", QT_TRANSLATE_NOOP(
    "Validation", "The first part of the renovation code is the district, 1 to 15."), "renovation_code")
DEED_PART = {
    "section": Problem("deed_section", QT_TRANSLATE_NOOP(
        "Validation", "Enter the registry section as a whole number."), "deed_section"),
    "main": Problem("deed_main", QT_TRANSLATE_NOOP(
        "Validation", "Enter the main plate number as a whole number."), "deed_main"),
    "sub": Problem("deed_sub", QT_TRANSLATE_NOOP(
        "Validation", "Enter the sub plate number as a whole number (0 if none)."), "deed_sub"),
}

_RENOVATION = re.compile(r"\d{1,6}(?:[-/ ]\d{1,6}){2,5}")


def check_renovation_code(text: str) -> tuple[str | None, Problem | None]:
    """``۸/۱۵/۳۰`` or ``8-15-30-0-0-0`` → ``8-15-30-0-0-0`` (district-block-parcel-building-floor-unit)."""
    from kiosk.domain.normalize import normalize_text

    raw = normalize_text(text or "").replace("\u200c", "")
    if not raw:
        return None, RENOVATION_EMPTY
    raw = re.sub(r"\s*([-/])\s*", r"\1", raw)
    if not raw.isascii() or not _RENOVATION.fullmatch(raw):
        return None, RENOVATION_FORMAT
    parts = [int(p) for p in re.split(r"[-/ ]", raw)]
    if not 1 <= parts[0] <= 15:
        return None, RENOVATION_DISTRICT
    parts += [0] * (6 - len(parts))
    return "-".join(str(p) for p in parts), None


def check_deed_plate(section: str, main: str, sub: str) -> tuple[tuple[int, int, int] | None, list[Problem]]:
    """Three labelled numbers, kept apart so right-to-left display can never swap them."""
    values, problems = [], []
    for name, text in (("section", section), ("main", main), ("sub", sub)):
        raw = digits_only(text or "")
        if not raw.isascii() or not raw.isdigit() or len(raw) > 6 or (name != "sub" and int(raw) == 0):
            problems.append(DEED_PART[name])
        else:
            values.append(int(raw))
    return (tuple(values) if not problems else None), problems  # type: ignore[return-value]
