"""Which keys this counter trusts for seals, and which of them the municipality has withdrawn.

Trust comes from two places only: the keys the kiosk ships (``resources/keys/``: the training key) and the
administrator's folder (:func:`kiosk.platform.system_config_dir`: ``/etc/isfahan-kiosk/`` on Linux,
``%ProgramData%\\isfahan-kiosk\\`` on Windows) — ``keys.json`` and ``revocations.json`` there, read only
when :func:`kiosk.platform.admin_only` says no one but an administrator could have written them. A file
there that someone else could write is not read, and the check says so in a Persian sentence. No
environment variable adds a key.

A key's entry: ``{"id", "public_key" (base64, 32 bytes), "training", "from", "retired", "purpose"}``;
``purpose`` is ``"documents"`` (the default) or ``"revocation"`` — a revocation key signs revocation lists
and nothing else, and a document key cannot sign a revocation list. A training revocation key can only
withdraw training keys.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.contract.seal import parse_revocations
from kiosk.domain.digits import ltr
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.paths import resource

log = logging.getLogger(__name__)

KEYS_FILE = "keys.json"
REVOCATIONS_FILE = "revocations.json"
MAX_FILE = 1_000_000

NOT_ADMINS = QT_TRANSLATE_NOOP("Print", "The file {file} was not read: someone other than an administrator can "
                                        "change it. Ask the administrator to protect it; until then documents "
                                        "under its keys cannot be confirmed.")
UNREADABLE = QT_TRANSLATE_NOOP("Print", "The file {file} could not be read ({why}). Ask the administrator to "
                                        "install it again.")
BAD_REVOCATIONS = QT_TRANSLATE_NOOP("Print", "The revocation list {file} is not signed by a revocation key this "
                                             "counter trusts; it was ignored. Ask the administrator.")


@dataclass(frozen=True)
class TrustedKey:
    id: str
    public: Ed25519PublicKey
    training: bool
    valid_from: dt.date | None
    retired: dt.date | None
    purpose: str = "documents"


@dataclass(frozen=True)
class Revocation:
    key: str
    since: dt.date | None
    reason: str


@dataclass
class TrustStore:
    keys: dict[str, TrustedKey] = field(default_factory=dict)
    revoked: dict[str, Revocation] = field(default_factory=dict)
    problems: list[tuple[str, dict]] = field(default_factory=list)  # (English sentence, its parameters)

    def document_key(self, key_id: str) -> TrustedKey | None:
        key = self.keys.get(key_id)
        return key if key is not None and key.purpose == "documents" else None


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError("a date is text")
    return dt.date.fromisoformat(value)


def parse_keys(text: str) -> list[TrustedKey]:
    """The keys of one keys file; ValueError (with what is wrong) if any entry is malformed."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("keys"), list):
        raise ValueError("no list of keys")
    keys = []
    for k in data["keys"]:
        if not isinstance(k, dict) or not isinstance(k.get("id"), str) or not isinstance(k.get("public_key"), str):
            raise ValueError("a key without an id or a public key")
        try:
            raw = base64.b64decode(k["public_key"], validate=True)
        except binascii.Error as exc:
            raise ValueError(f"key {k['id']}: public key is not base64") from exc
        if len(raw) != 32:
            raise ValueError(f"key {k['id']}: public key is not 32 bytes")
        purpose = k.get("purpose", "documents")
        if purpose not in ("documents", "revocation"):
            raise ValueError(f"key {k['id']}: unknown purpose")
        keys.append(TrustedKey(id=k["id"], public=Ed25519PublicKey.from_public_bytes(raw),
                               training=k.get("training") is True, valid_from=_date(k.get("from")),
                               retired=_date(k.get("retired")), purpose=purpose))
    return keys


def _read(path: Path, store: TrustStore, *, check_admin: bool) -> str | None:
    try:
        if not path.is_file():
            return None
        if check_admin:
            from kiosk.platform import admin_only

            if not admin_only(path):
                log.warning("trust file %s refused: writable by a non-administrator", path)
                store.problems.append((NOT_ADMINS, {"file": ltr(str(path))}))
                return None
        if path.stat().st_size > MAX_FILE:
            raise ValueError("too large")
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:
        store.problems.append((UNREADABLE, {"file": ltr(str(path)), "why": type(exc).__name__}))
        return None


def _apply_revocations(store: TrustStore, path: Path, text: str) -> None:
    try:
        signer_id, payload, signature, entries = parse_revocations(json.loads(text))
        signer = store.keys.get(signer_id)
        if signer is None or signer.purpose != "revocation":
            raise InvalidSignature
        signer.public.verify(signature, payload)
        found = [Revocation(e["key"], _date(e.get("since")), str(e.get("reason", ""))) for e in entries]
    except (ValueError, InvalidSignature):
        log.warning("revocation list %s ignored: not signed by a trusted revocation key", path)
        store.problems.append((BAD_REVOCATIONS, {"file": ltr(str(path))}))
        return
    for r in found:
        target = store.keys.get(r.key)
        if signer.training and (target is None or not target.training):
            continue  # the public training key cannot withdraw a live key
        store.revoked.setdefault(r.key, r)  # once withdrawn, no later list brings a key back


def load_trust(system_dir: Path | None = None, *, shipped_dir: Path | None = None,
               check_admin: bool = True) -> TrustStore:
    """The shipped keys, then the administrator's over them; then every revocation list, each checked
    against the revocation keys known by then. ``check_admin=False`` only for tests of the rules
    themselves (a temporary folder the test owns)."""
    from kiosk.platform import system_config_dir

    store = TrustStore()
    folders = [(shipped_dir or resource("keys"), False), (system_dir or system_config_dir(), check_admin)]
    for folder, admin in folders:
        text = _read(folder / KEYS_FILE, store, check_admin=admin)
        if text is None:
            continue
        try:
            for key in parse_keys(text):
                store.keys[key.id] = key
        except (ValueError, TypeError) as exc:
            log.warning("keys file %s ignored: %s", folder / KEYS_FILE, exc)
            store.problems.append((UNREADABLE, {"file": ltr(str(folder / KEYS_FILE)), "why": str(exc)[:80]}))
    for folder, admin in folders:
        text = _read(folder / REVOCATIONS_FILE, store, check_admin=admin)
        if text is not None:
            _apply_revocations(store, folder / REVOCATIONS_FILE, text)
    return store
