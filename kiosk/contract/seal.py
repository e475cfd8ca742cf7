"""The seal on printed documents: a canonical payload and its Ed25519 signature, packed for a QR code.

``IK1.<key id>.<payload>.<signature>`` with the payload (canonical JSON, UTF-8) and the signature in
unpadded base64url. Part of the wire contract: the server makes seals, any kiosk (or ``kiosk verify``)
checks them offline against the public keys it ships. This module only packs and unpacks; it holds no key.

Payload fields: ``k`` kind, ``n`` number, ``c`` case, ``p`` parcel (renovation code), ``h`` holder,
``f`` key figures (strings), ``d`` date (ISO), ``t`` 1 for a training document.

Only the canonical form is a seal: base64url without padding whose last character carries no stray bits,
a 64-byte signature, and a payload that is exactly the canonical JSON of its own fields. Anything else is
refused before any key is looked at, so no two texts ever carry the same signature.

A key the municipality withdraws (leaked, lost) is named in a *revocation list*, signed by a key kept for
that purpose only (``"purpose": "revocation"`` in the keys file): ``{"list": {"issued": date, "revoked":
[{"key": id, "since": date, "reason": text}]}, "signer": id, "signature": base64url}``, the signature over
the canonical JSON of ``list``.
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
    """Strict unpadded base64url: one text for one byte string (``_b64`` of the result gives it back)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text) or len(text) % 4 == 1:
        raise ValueError("not base64url")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if _b64(data) != text:
        raise ValueError("not the canonical base64url of its bytes")
    return data


def pack(key_id: str, payload: bytes, signature: bytes) -> str:
    if not KEY_ID.match(key_id):
        raise ValueError("bad key id")
    return ".".join((PREFIX, key_id, _b64(payload), _b64(signature)))


MAX_SEAL = 4000  # characters: a QR code of version 40 holds at most 4,296 alphanumerics


def unpack(text: str) -> tuple[str, bytes, bytes]:
    """(key id, payload, signature); ValueError if the text is not a seal in its canonical form. What a
    scanner adds at either end (spaces, a newline) is not part of it; nothing inside may change."""
    text = text.strip(" \t\r\n")
    if len(text) > MAX_SEAL or not text.isascii():
        raise ValueError("not a seal")
    parts = text.split(".")
    if len(parts) != 4 or parts[0] != PREFIX or not KEY_ID.fullmatch(parts[1]):
        raise ValueError("not a seal")
    payload, signature = _unb64(parts[2]), _unb64(parts[3])
    if len(signature) != 64 or not payload:
        raise ValueError("not a seal")
    return parts[1], payload, signature


_TEXT_FIELDS = ("n", "c", "p", "h", "d")


def fields_of(payload: bytes) -> dict:
    """The fields of a signed payload, which must be the canonical JSON of exactly these fields."""
    data = json.loads(payload.decode("utf-8"))
    if not isinstance(data, dict) or data.get("k") not in KINDS:
        raise ValueError("not a document payload")
    if set(data) - {"k", "t", "f", *_TEXT_FIELDS}:
        raise ValueError("unknown field")
    if any(not isinstance(data.get(k, ""), str) for k in _TEXT_FIELDS) or data.get("t", 0) not in (0, 1) \
            or isinstance(data.get("t"), bool):
        raise ValueError("field of the wrong type")
    figures = data.get("f", {})
    if not isinstance(figures, dict) or any(not isinstance(v, str) for v in figures.values()):
        raise ValueError("figures must be text")
    if canonical(data) != payload:
        raise ValueError("payload not canonical")
    return data


def revocation_payload(listing: dict) -> bytes:
    """What the revocation key signs."""
    return canonical(listing)


def parse_revocations(document: dict) -> tuple[str, bytes, bytes, list[dict]]:
    """(signer key id, signed payload, signature, entries) of a revocation file; ValueError if malformed."""
    if not isinstance(document, dict) or set(document) - {"list", "signer", "signature", "_note"}:
        raise ValueError("not a revocation list")
    listing, signer = document.get("list"), document.get("signer")
    if not isinstance(listing, dict) or not isinstance(signer, str) or not KEY_ID.fullmatch(signer):
        raise ValueError("not a revocation list")
    signature = _unb64(str(document.get("signature", "")))
    entries = listing.get("revoked")
    if len(signature) != 64 or not isinstance(entries, list):
        raise ValueError("not a revocation list")
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str) \
                or not KEY_ID.fullmatch(entry["key"]):
            raise ValueError("bad revocation entry")
    return signer, revocation_payload(listing), signature, entries
