"""Offline check of a printed document's seal: is it genuine, and what does it certify?

The seal comes from the QR (typed by the counter's USB scanner, which acts as a keyboard) or from a PDF's
metadata. It is checked against the public keys the kiosk ships (``resources/keys/trusted.json``) and those
an administrator installs (``/etc/isfahan-kiosk/keys.json``, same format). Nothing goes over the network.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.contract.seal import fields_of, unpack
from kiosk.paths import resource

SYSTEM_KEYS = Path("/etc/isfahan-kiosk/keys.json")
Status = Literal["genuine", "training", "tampered", "unknown_key", "retired_key", "not_a_seal"]


@dataclass(frozen=True)
class TrustedKey:
    id: str
    public: Ed25519PublicKey
    training: bool
    valid_from: dt.date | None
    retired: dt.date | None


@dataclass(frozen=True)
class Verdict:
    status: Status
    key_id: str | None = None
    fields: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status in ("genuine", "training")


def load_keys(*paths: Path) -> dict[str, TrustedKey]:
    """The shipped keys, then each extra file (the administrator's) over them."""
    env = os.environ.get("KIOSK_TRUSTED_KEYS")
    files = [resource("keys", "trusted.json"), *(paths or ([Path(env)] if env else [SYSTEM_KEYS]))]
    keys: dict[str, TrustedKey] = {}
    for path in files:
        if not path.exists():
            continue
        for k in json.loads(path.read_text(encoding="utf-8"))["keys"]:
            keys[k["id"]] = TrustedKey(
                id=k["id"], public=Ed25519PublicKey.from_public_bytes(base64.b64decode(k["public_key"])),
                training=bool(k.get("training")),
                valid_from=dt.date.fromisoformat(k["from"]) if k.get("from") else None,
                retired=dt.date.fromisoformat(k["retired"]) if k.get("retired") else None)
    return keys


def verify(text: str, keys: dict[str, TrustedKey] | None = None) -> Verdict:
    """Checks a seal. A scanner may add spaces or a newline; anything else changed is ``tampered``."""
    keys = load_keys() if keys is None else keys
    try:
        key_id, payload, signature = unpack("".join(text.split()))
    except ValueError:
        return Verdict("not_a_seal")
    key = keys.get(key_id)
    if key is None:
        return Verdict("unknown_key", key_id)
    try:
        key.public.verify(signature, payload)
        fields = fields_of(payload)
    except (InvalidSignature, ValueError):
        return Verdict("tampered", key_id)
    if bool(fields.get("t")) != key.training:
        return Verdict("tampered", key_id)  # a training key cannot vouch for a live document, nor the reverse
    issued = fields.get("d", "")[:10]
    if key.retired and issued and dt.date.fromisoformat(issued) > key.retired:
        return Verdict("retired_key", key_id, fields)
    return Verdict("training" if key.training else "genuine", key_id, fields)


def seal_of_pdf(data: bytes) -> str | None:
    """The seal a kiosk-made PDF carries in its metadata (the same text as its QR)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        subject = pdf.get_metadata_dict().get("Subject") or ""
    finally:
        pdf.close()
    return subject or None
