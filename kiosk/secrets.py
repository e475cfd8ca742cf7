"""The operator's token, kept in the OS keyring and nowhere else on disk.

Decision for machines without a secure keyring (a headless box, a bare window manager): the token lives
in this process's memory only. The clerk then signs in again after a restart; it is never written to a
file, and keyrings.alt's plaintext backend is treated as no keyring at all.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)

SERVICE = "isfahan-kiosk"
_INSECURE_BACKENDS = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt.file")


def keyring_is_secure(backend=None) -> bool:
    import keyring

    backend = backend or keyring.get_keyring()
    module = type(backend).__module__
    if module.startswith(_INSECURE_BACKENDS):
        return False
    # The chainer is as secure as what it chains; with nothing viable it has priority 0 or less.
    try:
        return float(getattr(backend, "priority", 1)) > 0
    except Exception:  # some backends compute priority and raise when unavailable
        return False


class TokenStore:
    """Save, read and forget one secret. Reads are served from memory after the first.

    The keyring (and its backend probing, ~100 ms) is touched on first use, after the first paint.
    """

    def __init__(self, account: str = "operator-token", service: str = SERVICE):
        self.account = account
        self.service = service
        self._lock = threading.RLock()
        self._cached: str | None = None
        self._loaded = False
        self._secure: bool | None = None
        # Whose token it is (in memory: known from the sign-in, or from /auth/me after a restart). The outbox
        # sends a queued request only with its own clerk's token.
        self.owner: str | None = None

    @property
    def secure(self) -> bool:
        with self._lock:
            if self._secure is None:
                self._secure = keyring_is_secure()
                if not self._secure:
                    log.info("no secure keyring on this machine: the operator token is kept in memory only")
            return self._secure

    def save(self, token: str, owner: str | None = None) -> None:
        import keyring
        from keyring.errors import KeyringError

        with self._lock:
            self._cached = token
            self.owner = owner
            self._loaded = True
            if self.secure:
                try:
                    keyring.set_password(self.service, self.account, token)
                except KeyringError:
                    log.warning("keyring refused the token; keeping it in memory only")
                    self._secure = False

    def get(self) -> str | None:
        with self._lock:
            if not self._loaded:
                self._loaded = True
                if self.secure:
                    import keyring
                    from keyring.errors import KeyringError

                    try:
                        self._cached = keyring.get_password(self.service, self.account)
                    except KeyringError:
                        self._cached = None
            return self._cached

    def current(self) -> tuple[str | None, str | None]:
        """(token, whose) read together."""
        with self._lock:
            return self.get(), self.owner

    def clear(self) -> None:
        with self._lock:
            self._cached = None
            self.owner = None
            self._loaded = True
            if self.secure:
                import keyring
                from keyring.errors import KeyringError

                try:
                    keyring.delete_password(self.service, self.account)
                except KeyringError:
                    pass  # nothing stored


def hash_pin(pin: str) -> str:
    """``scrypt$<salt>$<hash>`` for the system settings file (``kiosk hash-pin``); never the PIN itself."""
    import hashlib
    import secrets as _secrets

    salt = _secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    import hashlib
    import hmac

    try:
        scheme, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=2**14, r=8, p=1)
        return hmac.compare_digest(got.hex(), digest)
    except (ValueError, TypeError):
        return False


TRAINING_SUPERVISOR_PIN = "1405"  # training mode only, when the administrator set no supervisor_pin (README)


class PinLocked(Exception):
    def __init__(self, seconds: int):
        super().__init__(f"wait {seconds} s")
        self.seconds = seconds


class PinGuard:
    """Attempts at a PIN: the first ``free`` wrong ones cost nothing, then each further try waits longer
    (``base`` seconds, doubling, at most ``cap``). A right PIN clears the count."""

    def __init__(self, clock=None, free: int = 3, base: float = 30.0, cap: float = 900.0, state_file=None):
        """``state_file``: where the count is kept across restarts (0600), so killing the kiosk — or making
        it crash — does not buy new free tries. With a file, the wait runs on the wall clock, which the
        counter's account cannot set."""
        import time

        self._clock = clock or (time.time if state_file is not None else time.monotonic)
        self.free, self.base, self.cap = free, base, cap
        self.failures = 0
        self._until = 0.0
        self._lock = threading.Lock()
        self._checking = threading.Lock()  # one check at a time: Enter pressed eight times is eight tries in turn
        self._file = state_file
        self._load()

    def _load(self) -> None:
        if self._file is None:
            return
        import json

        try:
            state = json.loads(self._file.read_text(encoding="utf-8"))
            failures, until = int(state["failures"]), float(state["until"])
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("the count of wrong PIN tries in %s is unreadable: counted as the free tries used", self._file)
            failures, until = self.free, 0.0
        self.failures = max(0, failures)
        self._until = min(until, self._clock() + self.cap)  # a date far ahead cannot lock the counter for ever

    def _save(self) -> None:
        if self._file is None:
            return
        import json

        from kiosk.platform import write_private_file

        try:
            write_private_file(self._file, json.dumps({"failures": self.failures, "until": self._until}).encode())
        except OSError:
            log.exception("the count of wrong PIN tries could not be kept in %s", self._file)

    def clear(self) -> None:
        """Someone proved who they are another way (a clerk's password): the count starts again."""
        with self._lock:
            self.failures = 0
            self._until = 0.0
            self._save()

    def wait(self) -> int:
        with self._lock:
            return max(0, int(self._until - self._clock() + 0.999))

    def check(self, pin: str, stored: str) -> bool:
        """True if ``pin`` matches ``stored`` (a ``kiosk hash-pin`` hash). Raises :class:`PinLocked` while a
        wait is running (the PIN is then not even tried)."""
        with self._checking:
            waiting = self.wait()
            if waiting:
                raise PinLocked(waiting)
            ok = bool(stored) and check_pin(pin, stored)
            with self._lock:
                if ok:
                    self.failures = 0
                    self._until = 0.0
                else:
                    self.failures += 1
                    extra = self.failures - self.free
                    if extra > 0:
                        self._until = self._clock() + min(self.cap, self.base * 2 ** (extra - 1))
                self._save()
            return ok
