"""Validation of the simple services' forms, driven by the field list the server publishes.

A field is any object with ``name, label, type, required, min, max, max_length, choices`` (each choice
with a ``value``): the kiosk's generic form and the sandbox check the same values the same way.
"""

from __future__ import annotations

import datetime as dt

from kiosk.domain.digits import to_ascii_digits
from kiosk.domain.identifiers import (
    check_bill_id, check_mobile, check_national_code, check_postal_code, check_renovation_code,
)
from kiosk.domain.jalali import parse_jalali
from kiosk.domain.normalize import normalize_text
from kiosk.domain.person import REQUIRED, TOO_LONG
from kiosk.domain.problems import Problem, QT_TRANSLATE_NOOP

NOT_A_NUMBER = Problem("not_a_number", QT_TRANSLATE_NOOP("Validation", "Enter a whole number."))
NUMBER_RANGE = Problem("number_range", QT_TRANSLATE_NOOP("Validation", "Enter a number from {min} to {max}."))
NOT_A_CHOICE = Problem("not_a_choice", QT_TRANSLATE_NOOP("Validation", "Choose one of the options."))

_CHECKS = {
    "national_code": check_national_code,
    "mobile": check_mobile,
    "postal_code": check_postal_code,
    "renovation_code": check_renovation_code,
    "bill_id": check_bill_id,
}


def check_field(field, raw: str | None) -> tuple[str | None, Problem | None]:
    text = normalize_text(raw or "")
    name = field.name
    if not text:
        return (None, REQUIRED.at(name)) if field.required else (None, None)
    kind = field.type
    if kind in _CHECKS:
        value, problem = _CHECKS[kind](text)
        return value, (problem.at(name) if problem else None)
    if kind == "number":
        digits = to_ascii_digits(text)
        if not digits.lstrip("-").isdigit():
            return None, NOT_A_NUMBER.at(name)
        number = int(digits)
        low = field.min if field.min is not None else -10**12
        high = field.max if field.max is not None else 10**12
        if not low <= number <= high:
            return None, Problem(NUMBER_RANGE.code, NUMBER_RANGE.message, name, {"min": low, "max": high})
        return str(number), None
    if kind == "date":
        date, problem = parse_jalali(text)
        return (date.isoformat() if date else None), (problem.at(name) if problem else None)
    if kind == "choice":
        values = {c.value for c in field.choices}
        return (text, None) if text in values else (None, NOT_A_CHOICE.at(name))
    limit = field.max_length or (2000 if kind == "textarea" else 300)
    if len(text) > limit:
        return None, Problem(TOO_LONG.code, TOO_LONG.message, name, {"max": limit})
    return text, None


def validate_form(fields, values: dict[str, str]) -> tuple[dict[str, str], list[Problem]]:
    clean: dict[str, str] = {}
    problems: list[Problem] = []
    for field in fields:
        value, problem = check_field(field, values.get(field.name))
        if problem is not None:
            problems.append(problem)
        elif value is not None:
            clean[field.name] = value
    return clean, problems


def due_date(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)
