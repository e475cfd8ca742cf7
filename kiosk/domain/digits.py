"""Digits: what arrives in Persian (۰–۹) or Arabic-Indic (٠–٩) leaves as ASCII, and back for display."""

from __future__ import annotations

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS = "0123456789"

_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, ASCII_DIGITS * 2)
_TO_PERSIAN = str.maketrans(ASCII_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)

# Persian thousands separator (U+066C) and decimal separator (U+066B).
THOUSANDS_SEPARATOR = "\u066c"
DECIMAL_SEPARATOR = "\u066b"


def to_ascii_digits(text: str) -> str:
    return text.translate(_TO_ASCII)


def to_persian_digits(text: str) -> str:
    return text.translate(_TO_PERSIAN)


def group_thousands(value: int, persian: bool = True) -> str:
    """``1250000`` → ``۱٬۲۵۰٬۰۰۰`` (or ``1,250,000`` with ``persian=False``)."""
    text = f"{value:,}"
    if not persian:
        return text
    return to_persian_digits(text.replace(",", THOUSANDS_SEPARATOR))


def ltr(text: str) -> str:
    """Isolates a left-to-right token (a masked number, a code with symbols) inside Persian text, so the
    bidi algorithm cannot reorder its parts (U+2066 LRI … U+2069 PDI)."""
    return f"\u2066{text}\u2069"


def format_number(value, places: int = 2) -> str:
    """``Decimal('450.50')`` → ``۴۵۰٫۵`` : Persian digits, Persian decimal point, no trailing zeros."""
    from decimal import Decimal

    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    text = format(d.normalize(), "f") if d != d.to_integral_value() else format(d.to_integral_value(), "f")
    whole, _, frac = text.partition(".")
    out = group_thousands(int(whole)) if whole.lstrip("-").isdigit() else whole
    return out + (DECIMAL_SEPARATOR + to_persian_digits(frac) if frac else "")
