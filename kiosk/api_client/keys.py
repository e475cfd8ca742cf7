"""The one rule for idempotency keys: every mutating action of the kiosk gets its key here, nowhere else.

An :class:`Intent` is one thing the clerk means to do once — file this complaint, pay this bill, save this
file, send this code — from the moment its form opens until the server has confirmed it. Its key for a
payload is a keyed hash (HMAC-SHA-256 under the intent's own random salt) of the action and the payload:

- the same action with the same payload gets the same key: a retry after a dropped link, a second click,
  the same request queued twice — the server answers the first request again instead of doing it twice;
- any change of the payload gets another key, so a key is never reused for a different body (the server
  would refuse that as ``idempotency_key_reused``);
- :meth:`Intent.settle` after the server answered: a success or a refusal of the contract concluded the
  intent (nothing can be done twice by a fresh key now), so the next request is a new one — e.g. a second
  code for the same mobile; after an unknown outcome (no answer, a broken link, a timeout, a 5xx) the key
  stays, so that trying again cannot do it twice;
- :meth:`Intent.renew` starts a new intent outright: «درخواست جدید», another bill, the visit ends.

An intent that must outlive the process (an upload in the spool) is built from a stored seed with
:meth:`Intent.from_seed`. :func:`one_off_key` is for a request nobody repeats (sign-in, a quote).

Keys are :data:`KEY_DIGITS` decimal digits: the outbox shows them to the citizen as the tracking reference,
read aloud in groups of four, and 66 bits keep two kiosks' keys apart for the server's retention period.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from typing import Any

KEY_DIGITS = 20


def canonical(payload: Any) -> bytes:
    """One byte string per value: key order and spacing never change a key."""
    if hasattr(payload, "model_dump"):  # a wire model
        payload = payload.model_dump(mode="json")
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def _digits(raw: bytes) -> str:
    return str(int.from_bytes(raw[:16], "big") % 10**KEY_DIGITS).zfill(KEY_DIGITS)


def one_off_key() -> str:
    return _digits(secrets.token_bytes(16))


def reference(key: str) -> str:
    """The key as the citizen reads it: groups of four digits."""
    return "-".join(key[i:i + 4] for i in range(0, len(key), 4))


class Intent:
    def __init__(self, action: str, salt: bytes | None = None):
        if not action:
            raise ValueError("an intent names its action")
        self.action = action
        self._salt = salt or secrets.token_bytes(16)

    @classmethod
    def from_seed(cls, action: str, seed: str) -> "Intent":
        """The same intent in every process that knows ``seed`` (kept encrypted with the work it names)."""
        return cls(action, hashlib.sha256(b"kiosk-intent\0" + seed.encode()).digest())

    def key(self, payload: Any = None) -> str:
        mac = hmac.new(self._salt, self.action.encode() + b"\0" + canonical(payload), hashlib.sha256)
        return _digits(mac.digest())

    def renew(self) -> None:
        self._salt = secrets.token_bytes(16)

    def settle(self, exc: BaseException | None = None) -> None:
        """The outcome of the last request: None for success, else the error it raised. Only a success or
        a refusal concludes the intent; "still in progress", "too many requests", no answer, a 5xx or a
        session that ended keep the key, since the first request may yet be (or have been) carried out."""
        from kiosk.api_client.errors import is_refusal

        if exc is None or is_refusal(exc):
            self.renew()
