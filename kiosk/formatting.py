"""One way to write each thing, on screen and on paper alike.

Codes and numbers that mix digits with dashes or slashes are isolated left to right (a renovation code
reads ۸-۱۵-۳۰ in every sentence; without the isolate the bidi algorithm turns Persian digits around a dash
into ۳۰-۱۵-۸); pairs of values keep the order of their captions; decimals use the Persian ٫; article ids
and bands are written in words. ``tests/unit/test_formatting.py`` renders these on a screen (Qt's layout)
and on paper (the PDF's reordering) and compares the order a reader sees.

Its few words are English sources (context ``Format``) read from the Persian catalogue the paper uses, so a
screen and a page say the same words whatever translator the application has loaded.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Mapping

from kiosk.domain.digits import format_number, group_thousands, ltr, to_persian_digits
from kiosk.domain.problems import QT_TRANSLATE_NOOP

RLI, PDI = "\u2067", "\u2069"


def _t(text: str) -> str:
    from kiosk.i18n import persian

    return persian().translate("Format", text)


def code(text: str) -> str:
    """A renovation code, a case or tracking number, a plate, a reference: Persian digits, left to right."""
    return ltr(to_persian_digits(str(text)))


renovation_code = code


def deed_plate(section, main, sub) -> str:
    """Section, main and sub plate in the order they are written on a deed: ``۱۲/۴۵۶/۷``."""
    return code(f"{section}/{main}/{sub}")


def number(value, places: int = 2) -> str:
    """``Decimal('1.20')`` → ``۱٫۲``; ``440.0`` → ``۴۴۰``: Persian digits and decimal point, no trailing zeros."""
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return to_persian_digits(str(value))
    return format_number(d, places)


def percent(value) -> str:
    return number(value) + "٪"


def pair(first: str, second: str) -> str:
    """Two values under a caption «A / B»: A is read first, on the right, in any surrounding direction."""
    return f"{RLI}{first} / {second}{PDI}"


def amount(rials: int) -> str:
    """``77500000`` → ``۷۷٬۵۰۰٬۰۰۰`` (the unit is the caller's: «ریال» in a sentence, a column's caption)."""
    return group_thousands(int(rials))


def rials(value: int) -> str:
    return _t(QT_TRANSLATE_NOOP("Format", "{n} rials")).format(n=amount(value))


def square_metres(value) -> str:
    return _t(QT_TRANSLATE_NOOP("Format", "{n} m²")).format(n=number(value))


def article(article_id: str) -> str:
    """The tariff's article id as the booklet numbers it: ``A3`` → «ماده ۳» (a letter prefix is the file's,
    not the booklet's)."""
    digits = re.sub(r"^[A-Za-z]+", "", str(article_id).strip())
    shown = to_persian_digits(digits) if digits else code(article_id)
    return _t(QT_TRANSLATE_NOOP("Format", "article {n}")).format(n=shown)


_BAND = re.compile(r"^\s*(?:(?P<lo>[-\d.]+)\s*(?P<lop>≤|<=|<)\s*)?(?P<name>[^\s<≤→]+)"
                   r"(?:\s*(?P<hop>≤|<=|<)\s*(?P<hi>[-\d.]+))?\s*(?:→\s*(?P<value>[-\d.]+))?\s*$")


def band(text: str, names: Mapping[str, str] | None = None) -> str:
    """A band of a tariff or zoning table in words: ``600 ≤ S → 1.2`` → «زیربنا از ۶۰۰ به بالا: ضریب ۱٫۲»,
    ``100 < S ≤ 150 → 0.18`` → «زیربنا بیش از ۱۰۰ و تا ۱۵۰: ضریب ۰٫۱۸». ``names`` gives the inputs' titles.
    A text that is not a band is returned with Persian digits."""
    m = _BAND.match(text or "")
    if m is None:
        return to_persian_digits(text or "")
    name = (names or {}).get(m["name"]) or to_persian_digits(m["name"])
    lo, hi = m["lo"], m["hi"]
    low_in, high_in = m["lop"] in ("≤", "<="), m["hop"] in ("≤", "<=")
    if lo is not None and hi is not None:
        rng = _t(QT_TRANSLATE_NOOP("Format", "{low} and {high}")).format(
            low=(_t(QT_TRANSLATE_NOOP("Format", "from {n}")) if low_in
                 else _t(QT_TRANSLATE_NOOP("Format", "over {n}"))).format(n=number(lo, 6)),
            high=(_t(QT_TRANSLATE_NOOP("Format", "up to {n}")) if high_in
                  else _t(QT_TRANSLATE_NOOP("Format", "under {n}"))).format(n=number(hi, 6)))
    elif lo is not None:
        rng = (_t(QT_TRANSLATE_NOOP("Format", "{n} or more")) if low_in
               else _t(QT_TRANSLATE_NOOP("Format", "over {n}"))).format(n=number(lo, 6))
    elif hi is not None:
        rng = (_t(QT_TRANSLATE_NOOP("Format", "up to {n}")) if high_in
               else _t(QT_TRANSLATE_NOOP("Format", "under {n}"))).format(n=number(hi, 6))
    else:
        rng = ""
    where = f"{name} {rng}".strip()
    if m["value"] is None:
        return where
    return _t(QT_TRANSLATE_NOOP("Format", "{where}: factor {value}")).format(where=where, value=number(m["value"], 6))


def inputs(values: Mapping[str, object], titles: Mapping[str, str] | None = None) -> str:
    """A fee line's inputs: «مساحت زمین = ۲۴۰، قیمت منطقه‌ای = ۱٬۲۰۰٬۰۰۰»."""
    titles = titles or {}
    return "، ".join(f"{titles.get(k, k)} = {number(v)}" for k, v in values.items())
