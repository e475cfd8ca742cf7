"""Who applies for a permit: the owners with their shares, and an attorney if one acts for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kiosk.domain.digits import to_ascii_digits
from kiosk.domain.identifiers import check_national_code
from kiosk.domain.normalize import normalize_text
from kiosk.domain.person import check_name
from kiosk.domain.problems import Problem, QT_TRANSLATE_NOOP

OWNERS_EMPTY = Problem("owners_empty", QT_TRANSLATE_NOOP("Validation", "Add at least one owner."), "owners")
SHARES_SUM = Problem("shares_sum", QT_TRANSLATE_NOOP(
    "Validation", "The owners' shares add up to {sum}%; together they must be exactly 100%."), "owners")
SHARE_RANGE = Problem("share_range", QT_TRANSLATE_NOOP(
    "Validation", "A share is more than 0 and at most 100 percent, with at most two decimals."))
OWNER_DUPLICATE = Problem("owner_duplicate", QT_TRANSLATE_NOOP(
    "Validation", "National code {code} is entered more than once among the owners."), "owners")
APPLICANT_NOT_PARTY = Problem("applicant_not_party", QT_TRANSLATE_NOOP(
    "Validation", "The citizen who confirmed with the one-time code must be one of the owners or their attorney."),
    "owners")
ATTORNEY_IS_OWNER = Problem("attorney_is_owner", QT_TRANSLATE_NOOP(
    "Validation", "The attorney cannot also be one of the owners."), "attorney_national_code")
POA_NUMBER = Problem("poa_number", QT_TRANSLATE_NOOP(
    "Validation", "Enter the number of the power of attorney."), "attorney_poa_number")
POA_DATE = Problem("poa_date", QT_TRANSLATE_NOOP(
    "Validation", "The power of attorney's date must be a past date."), "attorney_poa_date")

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Owner:
    national_code: str
    first_name: str
    last_name: str
    share: Decimal


@dataclass(frozen=True)
class Attorney:
    national_code: str
    first_name: str
    last_name: str
    poa_number: str
    poa_date: dt.date


def parse_share(text) -> Decimal | None:
    try:
        value = Decimal(to_ascii_digits(str(text)).strip().replace("٫", ".").replace("%", ""))
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or value <= 0 or value > HUNDRED or value.as_tuple().exponent < -2:
        return None
    return value


def check_owners(
    owners: list[dict], attorney: dict | None, applicant: str | None, today: dt.date,
) -> tuple[tuple[list[Owner], Attorney | None], list[Problem]]:
    """``owners``: dicts with national_code, first_name, last_name, share; ``attorney``: a dict with
    national_code, first_name, last_name, poa_number, poa_date (a date) or None. Field names of problems:
    ``owners.<i>.<field>`` for a row, ``attorney_<field>`` for the attorney, ``owners`` for the table."""
    problems: list[Problem] = []
    clean: list[Owner] = []
    if not owners:
        problems.append(OWNERS_EMPTY)
    seen: dict[str, int] = {}
    total = Decimal(0)
    for i, row in enumerate(owners):
        code, p = check_national_code(row.get("national_code", ""))
        if p:
            problems.append(p.at(f"owners.{i}.national_code"))
        first, p1 = check_name(row.get("first_name", ""), f"owners.{i}.first_name")
        last, p2 = check_name(row.get("last_name", ""), f"owners.{i}.last_name")
        problems += [p for p in (p1, p2) if p]
        share = parse_share(row.get("share", ""))
        if share is None:
            problems.append(SHARE_RANGE.at(f"owners.{i}.share"))
        else:
            total += share
        if code:
            if code in seen:
                problems.append(Problem(OWNER_DUPLICATE.code, OWNER_DUPLICATE.message, "owners", {"code": code}))
            seen[code] = i
        if code and first and last and share is not None:
            clean.append(Owner(code, first, last, share))
    if owners and all(parse_share(r.get("share", "")) is not None for r in owners) and total != HUNDRED:
        problems.append(Problem(SHARES_SUM.code, SHARES_SUM.message, "owners", {"sum": format(total.normalize(), "f")}))

    agent: Attorney | None = None
    if attorney is not None:
        code, p = check_national_code(attorney.get("national_code", ""))
        if p:
            problems.append(p.at("attorney_national_code"))
        elif code in seen:
            problems.append(ATTORNEY_IS_OWNER)
        first, p1 = check_name(attorney.get("first_name", ""), "attorney_first_name")
        last, p2 = check_name(attorney.get("last_name", ""), "attorney_last_name")
        problems += [p for p in (p1, p2) if p]
        number = normalize_text(str(attorney.get("poa_number", "")))
        if not number:
            problems.append(POA_NUMBER)
        poa_date = attorney.get("poa_date")
        if not isinstance(poa_date, dt.date) or poa_date > today:
            problems.append(POA_DATE)
        if code and first and last and number and isinstance(poa_date, dt.date):
            agent = Attorney(code, first, last, number, poa_date)
    if applicant is not None and owners and applicant not in seen and \
            (attorney is None or check_national_code(attorney.get("national_code", ""))[0] != applicant):
        problems.append(APPLICANT_NOT_PARTY)
    return (clean, agent), problems
