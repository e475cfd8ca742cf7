"""Normalising what a clerk types before it is validated, stored or searched.

Input comes from Persian, Arabic and Latin keyboards and from barcode scanners: Persian, Arabic-Indic
or Latin digits, Arabic ي/ك/ى/ة-less variants for Persian ی/ک, stray tatweel, several kinds of spaces and
zero-width characters. One normal form keeps "علي" and "علی" the same citizen.
"""

from __future__ import annotations

import re
import unicodedata

from kiosk.domain.digits import to_ascii_digits

ZWNJ = "\u200c"

_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh ي → Persian yeh ی
        "\u0649": "\u06cc",  # alef maksura ى → ی
        "\u0643": "\u06a9",  # Arabic kaf ك → Persian keheh ک
        "\u0640": "",  # tatweel ـ (decorative stretching)
        "\u200b": "",  # zero-width space
        "\ufeff": "",  # BOM / zero-width no-break space
        "\u200e": "",  # LRM
        "\u200f": "",  # RLM
        "\u202a": "", "\u202b": "", "\u202c": "", "\u202d": "", "\u202e": "",  # bidi embeddings
        "\u2066": "", "\u2067": "", "\u2068": "", "\u2069": "",  # bidi isolates
        "\u00a0": " ",  # no-break space
        "\u2009": " ",  # thin space
        "\u202f": " ",  # narrow no-break space
    }
)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_ZWNJ_RUN = re.compile(ZWNJ + "{2,}")
_ZWNJ_BY_SPACE = re.compile(rf" ?{ZWNJ} ?")


def normalize_text(text: str) -> str:
    """Persian letters, ASCII digits, single spaces, ZWNJ only between two letters."""
    text = unicodedata.normalize("NFC", text).translate(_LETTERS)
    text = to_ascii_digits(text)
    text = _SPACES.sub(" ", text)
    text = _ZWNJ_RUN.sub(ZWNJ, text)
    # A ZWNJ next to a space is meaningless ("می ‌روم"): the space wins.
    text = _ZWNJ_BY_SPACE.sub(lambda m: " " if " " in m.group(0) else ZWNJ, text)
    text = text.strip(" " + ZWNJ)
    return text


def written_length(text: str) -> int:
    """How many letters and digits a text has: what a "reason of at least five characters" counts (spaces,
    ZWNJs and punctuation do not make a reason)."""
    return sum(ch.isalnum() for ch in normalize_text(text))


def search_key(text: str) -> str:
    """A key for matching names: ZWNJ and spaces are the same thing, case is ignored."""
    return normalize_text(text).replace(ZWNJ, " ").casefold()


def digits_only(text: str) -> str:
    """Normalised digits with separators a clerk might type (spaces, dashes, dots, slashes) removed.

    Anything else is kept, so a caller can still tell "12a4" from "124".
    """
    text = normalize_text(text)
    return re.sub(r"[\s\-_./\u066c\u060c,]", "", text.replace(ZWNJ, ""))
