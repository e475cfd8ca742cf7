"""The seal on printed documents: a canonical payload and its Ed25519 signature, packed for a QR code.

``IK1.<key id>.<payload>.<signature>`` with the payload (canonical JSON, UTF-8) and the signature in
unpadded base64url. Part of the wire contract: the server makes seals, any kiosk (or ``kiosk verify``)
checks them offline against the public keys it ships. This module only packs and unpacks; it holds no key.

Payload fields: ``k`` kind, ``n`` number, ``c`` case, ``p`` parcel (renovation code), ``h`` holder,
``f`` key figures (strings), ``d`` date (ISO), ``t`` 1 for a training document.
"""

from __future__ import annotations

import base64
import json
import re

PREFIX = "IK1"
KEY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
KINDS = ("plan_order", "permit", "certificate", "receipt", "slip", "delay_report")


def canonical(fields: dict) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def pack(key_id: str, payload: bytes, signature: bytes) -> str:
    if not KEY_ID.match(key_id):
        raise ValueError("bad key id")
    return ".".join((PREFIX, key_id, _b64(payload), _b64(signature)))


def unpack(text: str) -> tuple[str, bytes, bytes]:
    """(key id, payload, signature); ValueError if the text is not a seal."""
    parts = text.strip().split(".")
    if len(parts) != 4 or parts[0] != PREFIX or not KEY_ID.match(parts[1]):
        raise ValueError("not a seal")
    return parts[1], _unb64(parts[2]), _unb64(parts[3])


def fields_of(payload: bytes) -> dict:
    data = json.loads(payload.decode("utf-8"))
    if not isinstance(data, dict) or data.get("k") not in KINDS:
        raise ValueError("not a document payload")
    return data
