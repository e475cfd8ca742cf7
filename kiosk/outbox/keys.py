"""The keys that seal what the counter keeps for a while (the outbox, the upload spool).

- Every sealed blob names its key: ``b"KB1" + key id (8 bytes) + nonce (12) + AES-GCM ciphertext``. A blob
  whose key is missing or whose tag does not verify is *unreadable*: kept, shown, never sent, never
  blocking anything else (:class:`Unreadable`).
- The ring is looked for everywhere it may be — the OS keyring and the protected file — and what is found
  is merged, before anything is created. A new key is created only when no data exists under any key; if
  data exists and no key opens it (a Windows profile reset lost the keyring entry), nothing is created
  silently: the queue is locked until a supervisor sets the unreadable data aside
  (:meth:`KeyVault.start_new_key`), and those rows stay on disk with their key id, readable again if the
  key is restored.
- :meth:`KeyVault.rotate` adds a new current key; :func:`kiosk.outbox.storage.rotate` re-encrypts the
  queue under it and drops keys nothing uses any more.
- The file (where no secure keyring exists, and as the copy an administrator can back up) is written to a
  temporary file, fsynced, renamed and its folder fsynced, readable by this user only: a power cut leaves
  the old ring or the new one, never half of one.

The ring is small JSON (a few keys of 44 characters): well under Windows Credential Manager's 2,560 bytes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk import platform

log = logging.getLogger(__name__)

MAGIC = b"KB1"
ID_BYTES = 8
ACCOUNT = "outbox-keys"
LEGACY_ACCOUNT = "outbox-key"  # one bare key, base64 (before key ids)
WRAP_ACCOUNT = "outbox-wrap"  # Windows: the key the ring is sealed with (platform.keyring_holds_only_a_wrapping_key)
WRAP_AAD = b"kiosk-outbox-ring"
LEGACY = "legacy"  # the key id given to blobs sealed before blobs named their key


class Unreadable(Exception):
    """This blob cannot be opened: its key is missing (``key_id``) or it was damaged."""

    def __init__(self, key_id: str, reason: str):
        super().__init__(f"unreadable blob (key {key_id}): {reason}")
        self.key_id = key_id
        self.reason = reason


class QueueLocked(Exception):
    """There is data under a key this counter no longer has; nothing new can be sealed until a supervisor
    sets it aside (or the key is restored)."""


def key_id_of_key(key: bytes) -> str:
    return hashlib.sha256(b"kiosk-outbox-key-id\0" + key).hexdigest()[:ID_BYTES * 2]


def key_id_of_blob(blob: bytes | None) -> str:
    if blob is None:
        return ""
    if blob[:3] == MAGIC and len(blob) >= 3 + ID_BYTES:
        return blob[3:3 + ID_BYTES].hex()
    return LEGACY


@dataclass
class Ring:
    keys: dict[str, bytes] = field(default_factory=dict)
    current: str | None = None
    tag_key: bytes | None = None  # for keyed hashes of identifiers (case keys): outlives rotations
    legacy: str | None = None  # the key that sealed blobs from before blobs named their key

    def to_json(self) -> str:
        return json.dumps({"v": 2, "current": self.current, "legacy": self.legacy,
                           "keys": {k: base64.b64encode(v).decode() for k, v in sorted(self.keys.items())},
                           "tag": base64.b64encode(self.tag_key).decode() if self.tag_key else None})

    @classmethod
    def from_json(cls, text: str) -> "Ring":
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("v") != 2:
            raise ValueError("not a key ring")
        keys = {}
        for key_id, b64 in data["keys"].items():
            key = base64.b64decode(b64, validate=True)
            if len(key) != 32 or key_id_of_key(key) != key_id:
                raise ValueError("a key of the ring is damaged")
            keys[key_id] = key
        current = data.get("current")
        if current is not None and current not in keys:
            raise ValueError("the current key is missing from the ring")
        tag = base64.b64decode(data["tag"], validate=True) if data.get("tag") else None
        legacy = data.get("legacy") if data.get("legacy") in keys else None
        return cls(keys, current, tag, legacy)

    def merge(self, other: "Ring") -> None:
        self.keys.update(other.keys)
        self.current = self.current or other.current
        self.tag_key = self.tag_key or other.tag_key
        self.legacy = self.legacy or other.legacy


class KeyRing:
    """Seals and opens blobs; thread-safe. Built by :class:`KeyVault`, or directly in tests."""

    def __init__(self, ring: Ring):
        self._ring = ring
        self._lock = threading.RLock()
        self._aead = {k: AESGCM(v) for k, v in ring.keys.items()}

    @classmethod
    def single(cls, key: bytes) -> "KeyRing":
        """One key, also opening blobs sealed before blobs named their key (tests, the crash harness)."""
        key_id = key_id_of_key(key)
        return cls(Ring({key_id: key}, key_id, hashlib.sha256(b"tag\0" + key).digest(), key_id))

    @property
    def current(self) -> str | None:
        return self._ring.current

    @property
    def locked(self) -> bool:
        return self._ring.current is None

    def has(self, key_id: str) -> bool:
        return key_id in self._ring.keys or (key_id == LEGACY and self._ring.legacy is not None)

    def seal(self, data: bytes, aad: bytes) -> bytes:
        with self._lock:
            current = self._ring.current
            if current is None:
                raise QueueLocked()
            nonce = secrets.token_bytes(12)
            return MAGIC + bytes.fromhex(current) + nonce + self._aead[current].encrypt(nonce, data, aad)

    def open(self, blob: bytes, aad: bytes) -> bytes:
        if not isinstance(blob, (bytes, bytearray)) or len(blob) < 28:
            raise Unreadable("?", "not a sealed blob")  # a damaged cell (text, empty, cut short)
        key_id = key_id_of_blob(blob)
        with self._lock:
            if key_id == LEGACY:
                aead, body = (self._aead.get(self._ring.legacy) if self._ring.legacy else None), blob
            else:
                aead, body = self._aead.get(key_id), blob[3 + ID_BYTES:]
        if aead is None:
            raise Unreadable(key_id, "key missing")
        try:
            return aead.decrypt(body[:12], body[12:], aad)
        except (InvalidTag, ValueError) as exc:
            raise Unreadable(key_id, "damaged or sealed under another key") from exc

    def tag(self, text: str) -> str:
        """A keyed hash of an identifier (a case key such as ``service:<national code>``): equal texts
        give equal tags, and the tag alone does not give the text back."""
        key = self._ring.tag_key or b"\0" * 32
        return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()[:32]

    def key_ids(self) -> set[str]:
        return set(self._ring.keys)

    def ring(self) -> Ring:
        with self._lock:
            return Ring(dict(self._ring.keys), self._ring.current, self._ring.tag_key, self._ring.legacy)

    def replace(self, ring: Ring) -> None:
        with self._lock:
            self._ring = ring
            self._aead = {k: AESGCM(v) for k, v in ring.keys.items()}


class KeyVault:
    """Where the ring lives: the OS keyring where one is secure, and the protected file ``path``."""

    def __init__(self, path: Path, service: str = "isfahan-kiosk", wrap: bool | None = None):
        self.path = path
        self.legacy_path = path.with_name("outbox.key")
        self.sealed_path = path.with_name(path.name + ".sealed")
        self.service = service
        self.wrap = platform.keyring_holds_only_a_wrapping_key() if wrap is None else wrap

    # --- reading ------------------------------------------------------------------------------------
    def _keyring(self):
        from kiosk.secrets import keyring_is_secure

        if not keyring_is_secure():
            return None
        import keyring

        return keyring

    def found(self) -> tuple[Ring, list[str]]:
        """Every key that can be found, and a list of places that were damaged or unreadable."""
        ring, damaged = Ring(), []
        kr = self._keyring()
        if kr is not None:
            from keyring.errors import KeyringError

            try:
                wrapping = kr.get_password(self.service, WRAP_ACCOUNT)
            except KeyringError as exc:
                damaged.append(f"keyring:{WRAP_ACCOUNT}: {exc}")
                wrapping = None
            if wrapping:
                try:
                    blob = self.sealed_path.read_bytes()
                    key = base64.b64decode(wrapping, validate=True)
                    text = AESGCM(key).decrypt(blob[:12], blob[12:], WRAP_AAD).decode()
                    ring.merge(Ring.from_json(text))
                except FileNotFoundError:
                    damaged.append(f"{self.sealed_path}: missing")
                except (OSError, ValueError, TypeError, KeyError, InvalidTag) as exc:
                    damaged.append(f"{self.sealed_path}: {exc or 'damaged or sealed under another key'}")
            for account, legacy in ((ACCOUNT, False), (LEGACY_ACCOUNT, True)):
                try:
                    text = kr.get_password(self.service, account)
                except KeyringError as exc:
                    damaged.append(f"keyring:{account}: {exc}")
                    continue
                if text:
                    try:
                        ring.merge(_legacy_ring(text) if legacy else Ring.from_json(text))
                    except (ValueError, TypeError, KeyError) as exc:
                        damaged.append(f"keyring:{account}: {exc}")
        for path, legacy in ((self.path, False), (self.legacy_path, True)):
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            except OSError as exc:
                damaged.append(f"{path}: {exc}")
                continue
            try:
                ring.merge(_legacy_ring(text) if legacy else Ring.from_json(text))
            except (ValueError, TypeError, KeyError) as exc:
                damaged.append(f"{path}: {exc}")  # e.g. zeroed by a power cut before it reached the disk
        return ring, damaged

    def open(self, key_ids_in_use: set[str]) -> KeyRing:
        """The ring for this start. Creates a key only if no data exists under any key."""
        ring, damaged = self.found()
        for place in damaged:
            log.warning("outbox key store damaged and not used: %s", place)
        missing = {k for k in key_ids_in_use if k != LEGACY and k not in ring.keys}
        if LEGACY in key_ids_in_use and ring.legacy is None:
            missing.add(LEGACY)
        if ring.current is None:
            if key_ids_in_use:
                log.error("outbox: %d key(s) of waiting data are missing and no key was found; the queue is "
                          "locked until a supervisor sets that data aside", len(missing) or 1)
                return KeyRing(ring)
            ring = self._new_ring(ring)
            self.save(ring)
            log.info("outbox: a new key was created (%s)", ring.current)
        else:
            if ring.tag_key is None:  # a ring from before identifiers were hashed
                ring.tag_key = secrets.token_bytes(32)
                self.save(ring)
            if missing:
                log.error("outbox: data under %d missing key(s) is unreadable and kept aside", len(missing))
        return KeyRing(ring)

    # --- writing ------------------------------------------------------------------------------------
    def _new_ring(self, base: Ring) -> Ring:
        key = secrets.token_bytes(32)
        key_id = key_id_of_key(key)
        return Ring({**base.keys, key_id: key}, key_id, base.tag_key or secrets.token_bytes(32), base.legacy)

    def save(self, ring: Ring) -> None:
        """In the keyring where one is secure, else (and also, when the file already holds a ring) in the
        file, durably."""
        text = ring.to_json()
        kr = self._keyring()
        stored = False
        if kr is not None:
            from keyring.errors import KeyringError

            try:
                if self.wrap:
                    stored = self._save_sealed(kr, text)
                else:
                    kr.set_password(self.service, ACCOUNT, text)
                    stored = True
            except KeyringError:
                log.warning("keyring refused the outbox keys; using the protected file instead")
        if not stored or self.path.exists():
            platform.write_private_file(self.path, text.encode())
            if not stored:
                log.warning("no secure keyring: the outbox keys are kept in %s (readable by this user only)",
                            self.path)

    def _save_sealed(self, kr, text: str) -> bool:
        """The ring sealed (AES-GCM) under a wrapping key that alone goes to the keyring (made once)."""
        wrapping = kr.get_password(self.service, WRAP_ACCOUNT)
        if not wrapping:
            wrapping = base64.b64encode(secrets.token_bytes(32)).decode()
            kr.set_password(self.service, WRAP_ACCOUNT, wrapping)
            if kr.get_password(self.service, WRAP_ACCOUNT) != wrapping:
                return False
        nonce = secrets.token_bytes(12)
        sealed = nonce + AESGCM(base64.b64decode(wrapping)).encrypt(nonce, text.encode(), WRAP_AAD)
        platform.write_private_file(self.sealed_path, sealed)
        return True

    def start_new_key(self, keyring: KeyRing) -> None:
        """A supervisor's decision: the data under missing keys stays aside, new work gets a new key."""
        ring = self._new_ring(keyring.ring())
        self.save(ring)
        keyring.replace(ring)
        log.warning("outbox: a supervisor started a new key (%s); unreadable data is kept aside", ring.current)

    def rotate(self, keyring: KeyRing) -> str:
        ring = self._new_ring(keyring.ring())
        self.save(ring)
        keyring.replace(ring)
        return ring.current

    def forget(self, keyring: KeyRing, unused: set[str]) -> None:
        ring = keyring.ring()
        for key_id in unused:
            if key_id != ring.current:
                ring.keys.pop(key_id, None)
        self.save(ring)
        keyring.replace(ring)


def _legacy_ring(text: str) -> Ring:
    key = base64.b64decode(text.strip(), validate=True)
    if len(key) != 32:
        raise ValueError("the legacy key is damaged")
    key_id = key_id_of_key(key)
    return Ring({key_id: key}, key_id, None, key_id)
