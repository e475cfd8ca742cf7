"""Public references that cannot be guessed: a case's tracking code is its number and eight digits only the
server can make (a keyed hash), so the public tracking view cannot be walked by counting case numbers.
Digits only: typed on a Persian keypad and read aloud like the rest of the number."""

from __future__ import annotations

import hashlib
import hmac

SUFFIX = 8  # one case in 10^8 guesses


def _suffix(secret: bytes, case_number: str) -> str:
    value = int.from_bytes(hmac.new(secret, b"tracking\0" + case_number.encode(), hashlib.sha256).digest()[:8], "big")
    return str(value % 10**SUFFIX).zfill(SUFFIX)


def tracking_code(secret: bytes, case_number: str) -> str:
    return f"{case_number}-{_suffix(secret, case_number)}"


def case_of_tracking(secret: bytes, code: str) -> str | None:
    """The case number a tracking code names, or None if the code is not one the server made."""
    case_number, sep, suffix = code.strip().replace(" ", "").rpartition("-")
    if not sep or not case_number.isdigit() or not suffix.isdigit():
        return None
    return case_number if hmac.compare_digest(suffix, _suffix(secret, case_number)) else None


RANDOM_DIGITS = 10  # one receipt in 10^10 guesses


def public_number(c, table: str, column: str, prefix: str) -> str:
    """A number printed for the public (a receipt, a service request's tracking number, a delay report):
    the prefix (year, line) and :data:`RANDOM_DIGITS` random digits, drawn again on the rare collision —
    knowing one receipt's number tells nothing of the next one's. Inside the caller's transaction."""
    import secrets

    while True:
        number = f"{prefix}{secrets.randbelow(10**RANDOM_DIGITS):0{RANDOM_DIGITS}d}"
        if c.execute(f"SELECT 1 FROM {table} WHERE {column}=?", (number,)).fetchone() is None:
            return number
