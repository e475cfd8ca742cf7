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


# --- what a verdict says, in Persian (the verification screen and `kiosk verify`) ---------------------------
from kiosk.domain.problems import QT_TRANSLATE_NOOP  # noqa: E402

VERDICTS = {
    "genuine": QT_TRANSLATE_NOOP("Print", "Genuine: issued by Isfahan Municipality and unchanged."),
    "training": QT_TRANSLATE_NOOP("Print", "A TRAINING document: correctly signed by the training server, but it has no validity."),
    "tampered": QT_TRANSLATE_NOOP("Print", "NOT genuine: the document's data does not match its signature. It was changed or forged."),
    "unknown_key": QT_TRANSLATE_NOOP("Print", "Cannot be confirmed: it is signed with a key this counter does not know ({key}). "
                              "Ask the municipality."),
    "retired_key": QT_TRANSLATE_NOOP("Print", "Cannot be confirmed: its key ({key}) was retired before the document's date."),
    "not_a_seal": QT_TRANSLATE_NOOP("Print", "This is not the code of a municipal document. Scan the square code on the document."),
}
FIELD_NAMES = {
    "k": QT_TRANSLATE_NOOP("Print", "Document"), "n": QT_TRANSLATE_NOOP("Print", "Number"), "c": QT_TRANSLATE_NOOP("Print", "Case"), "p": QT_TRANSLATE_NOOP("Print", "Renovation code"),
    "h": QT_TRANSLATE_NOOP("Print", "Holder"), "d": QT_TRANSLATE_NOOP("Print", "Date"),
}

FIGURE_NAMES = {
    "floors": QT_TRANSLATE_NOOP("Print", "Floors"), "floor_area": QT_TRANSLATE_NOOP("Print", "Area of one floor"), "units": QT_TRANSLATE_NOOP("Print", "Units"),
    "use": QT_TRANSLATE_NOOP("Print", "Use"), "total_area": QT_TRANSLATE_NOOP("Print", "Total floor area"), "height": QT_TRANSLATE_NOOP("Print", "Height"),
    "valid_until": QT_TRANSLATE_NOOP("Print", "Valid until"), "permit_number": QT_TRANSLATE_NOOP("Print", "Permit number"),
    "built_area": QT_TRANSLATE_NOOP("Print", "Built floor area"), "violation": QT_TRANSLATE_NOOP("Print", "Violation"), "fine": QT_TRANSLATE_NOOP("Print", "Fine"),
    "amount": QT_TRANSLATE_NOOP("Print", "Amount"), "bill_id": QT_TRANSLATE_NOOP("Print", "Bill ID"), "payment_id": QT_TRANSLATE_NOOP("Print", "Payment ID"),
    "channel": QT_TRANSLATE_NOOP("Print", "Paid through"), "stage": QT_TRANSLATE_NOOP("Print", "Stage"), "days_overdue": QT_TRANSLATE_NOOP("Print", "Days overdue"),
    "kind": QT_TRANSLATE_NOOP("Print", "Report"),
}
MONEY = ("amount", "fine")


def describe(verdict: Verdict) -> tuple[str, list[tuple[str, str]]]:
    """The sentence for the verdict and the rows of what the document certifies."""
    from kiosk.domain.digits import to_persian_digits
    from kiosk.domain.jalali import format_jalali
    from kiosk.printing.documents import TITLES, T

    sentence = T(VERDICTS[verdict.status]).format(key=verdict.key_id or "")
    rows: list[tuple[str, str]] = []
    f = verdict.fields
    for key in ("k", "n", "c", "p", "h", "d"):
        value = f.get(key)
        if not value:
            continue
        if key == "k":
            value = T(TITLES.get(value, value))
        elif key == "d":
            try:
                value = format_jalali(dt.date.fromisoformat(value[:10]))
            except ValueError:
                pass
        rows.append((T(FIELD_NAMES[key]), to_persian_digits(str(value))))
    from kiosk.domain.digits import group_thousands
    from kiosk.printing.documents import CHANNELS

    for name, value in (f.get("f") or {}).items():
        text = str(value)
        if name in MONEY and text.isdigit():
            text = T(QT_TRANSLATE_NOOP("Print", "{n} rials")).format(n=group_thousands(int(text)))
        elif name == "channel":
            text = T(CHANNELS.get(text, text))
        elif name in ("violation", "kind"):
            text = T({"yes": QT_TRANSLATE_NOOP("Print", "yes"), "no": QT_TRANSLATE_NOOP("Print", "none"), "delay": QT_TRANSLATE_NOOP("Print", "Delay"),
                      "grievance": QT_TRANSLATE_NOOP("Print", "Grievance")}.get(text, text))
        rows.append((T(FIGURE_NAMES[name]) if name in FIGURE_NAMES else name, to_persian_digits(text)))
    return sentence, rows
