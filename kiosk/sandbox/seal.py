"""The sandbox signs what it issues: each document's canonical payload with Ed25519.

Training mode signs with the training key shipped in ``resources/sandbox`` (public on purpose; the kiosk
shows such documents as training only). A sandbox run as a stand-in live server signs with the key in the
file named by ``KIOSK_SANDBOX_SIGNING_KEY`` (``key-id:base64-seed``), or not at all if there is none.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cryptography.exceptions import InvalidSignature

from kiosk.contract.seal import canonical, fields_of, pack, unpack
from kiosk.paths import resource


class Sealer:
    def __init__(self, key_id: str, seed: bytes, training: bool):
        self.key_id = key_id
        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        self.training = training

    @classmethod
    def from_text(cls, text: str, training: bool) -> "Sealer":
        line = next(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
        key_id, seed = line.strip().split(":", 1)
        return cls(key_id, base64.b64decode(seed), training)

    def seal(self, kind: str, number: str, *, case: str = "", parcel: str = "", holder: str = "",
             figures: dict[str, str] | None = None, date: dt.datetime | dt.date | None = None) -> str:
        fields = {"k": kind, "n": number, "c": case, "p": parcel, "h": holder,
                  "f": {k: str(v) for k, v in (figures or {}).items()},
                  "d": date.isoformat() if date is not None else "", "t": 1 if self.training else 0}
        payload = canonical(fields)
        return pack(self.key_id, payload, self._key.sign(payload))


    def read(self, text: str) -> dict | None:
        """The fields of a seal this server made (its key, its signature, canonical form); else None."""
        try:
            key_id, payload, signature = unpack(text)
            if key_id != self.key_id:
                return None
            self._key.public_key().verify(signature, payload)
            fields = fields_of(payload)
        except (ValueError, InvalidSignature, UnicodeDecodeError):
            return None
        return fields if bool(fields.get("t")) == self.training else None


def load_sealer(training: bool) -> Sealer | None:
    if training:
        return Sealer.from_text(resource("sandbox", "training-signing-key.txt").read_text(encoding="utf-8"), True)
    path = os.environ.get("KIOSK_SANDBOX_SIGNING_KEY")
    return Sealer.from_text(Path(path).read_text(encoding="utf-8"), False) if path else None
