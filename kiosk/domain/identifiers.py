"""Iranian identifiers and their check rules (see shared DOMAIN.md, "Identifiers and their check rules").

Every check accepts Persian, Arabic-Indic or Latin digits and stray separators, normalises first, and
either returns the normal form or a :class:`Problem` saying what is wrong.
"""

from __future__ import annotations

import re

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
