"""Rules for the fields of a citizen's electronic file, shared by the kiosk form and the server."""

from __future__ import annotations

import datetime as dt
import re

from kiosk.domain.identifiers import check_postal_code
from kiosk.domain.jalali import validate_birth_date
from kiosk.domain.normalize import normalize_text
from kiosk.domain.problems import Problem, QT_TRANSLATE_NOOP

REQUIRED = Problem("required", QT_TRANSLATE_NOOP("Validation", "This field is required."))
NAME_LETTERS = Problem(
    "name_letters", QT_TRANSLATE_NOOP("Validation", "Use letters only, without digits or symbols.")
)
TOO_LONG = Problem("too_long", QT_TRANSLATE_NOOP("Validation", "At most {max} characters are allowed."))
ADDRESS_SHORT = Problem(
    "address_short",
    QT_TRANSLATE_NOOP("Validation", "Write the full address: street, alley and plate number."),
)
DISTRICT_RANGE = Problem(
    "district_range", QT_TRANSLATE_NOOP("Validation", "Choose one of Isfahan's 15 districts.")
)
EMAIL_INVALID = Problem(
    "email_invalid", QT_TRANSLATE_NOOP("Validation", "The email address is not valid (example: name@example.com).")
)

# Letters of any script, marks, spaces, ZWNJ, hyphen and apostrophe; nothing else belongs in a name.
_NAME = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ \u200c\-'\u064b-\u065f\u0670])*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")

NAME_FIELDS = ("first_name", "last_name", "father_name")


def check_name(text: str, field: str) -> tuple[str | None, Problem | None]:
    value = normalize_text(text or "")
    if not value:
        return None, REQUIRED.at(field)
    if len(value) > 100:
        return None, Problem(TOO_LONG.code, TOO_LONG.message, field, {"max": 100})
    if not _NAME.match(value):
        return None, NAME_LETTERS.at(field)
    return value, None


def check_address(text: str) -> tuple[str | None, Problem | None]:
    value = normalize_text(text or "")
    if not value:
        return None, REQUIRED.at("address")
    if len(value) < 10:
        return None, ADDRESS_SHORT.at("address")
    if len(value) > 500:
        return None, Problem(TOO_LONG.code, TOO_LONG.message, "address", {"max": 500})
    return value, None


def check_district(value: int | None) -> Problem | None:
    if value is None:
        return REQUIRED.at("district")
    if not 1 <= int(value) <= 15:
        return DISTRICT_RANGE.at("district")
    return None


def check_email(text: str | None) -> tuple[str | None, Problem | None]:
    value = normalize_text(text or "")
    if not value:
        return None, None  # optional
    if not _EMAIL.match(value):
        return None, EMAIL_INVALID.at("email")
    return value.lower(), None


def validate_efile(
    *,
    first_name: str,
    last_name: str,
    father_name: str,
    birth_date: dt.date | None,
    address: str,
    postal_code: str,
    district: int | None,
    email: str | None,
    today: dt.date,
) -> tuple[dict, list[Problem]]:
    """Normalises every field; returns the clean values and every problem found (not just the first).

    ``birth_date`` is already a date here (the form parses Jalali text with ``jalali.check_birth_date``).
    """
    def birth(value: dt.date | None) -> tuple[dt.date | None, Problem | None]:
        if value is None:
            return None, REQUIRED.at("birth_date")
        return value, validate_birth_date(value, today)

    checks = (
        ("first_name", first_name, lambda v: check_name(v, "first_name")),
        ("last_name", last_name, lambda v: check_name(v, "last_name")),
        ("father_name", father_name, lambda v: check_name(v, "father_name")),
        ("birth_date", birth_date, birth),
        ("address", address, check_address),
        ("postal_code", postal_code, check_postal_code),
        ("district", district, lambda v: (v, check_district(v))),
        ("email", email, check_email),
    )
    clean: dict = {}
    problems: list[Problem] = []
    for name, value, check in checks:
        clean[name], problem = check(value)
        if problem is not None:
            problems.append(problem.at(name) if problem.field is None else problem)
    return clean, problems
