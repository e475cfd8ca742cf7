"""Everything that differs between the counter's operating systems, in one place.

Windows is the counter's usual OS; Linux is where the kiosk is developed and tested. Each function has a
branch per OS and a unit test per branch (``tests/unit/test_platform.py``, which fakes the OS name).

- durable private files: written whole (temporary file, fsync, rename, fsync of the folder) and readable
  by this user only (POSIX mode 0600 in 0700 folders; on Windows the user's profile folders already carry
  an ACL for this user alone, and ``os.chmod`` can only set read-only, so nothing more is done there);
- one kiosk process per data folder (:class:`InstanceLock`, an OS lock released when the process dies);
- where the administrator's settings and trusted keys live.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

WINDOWS = "win32"


def is_windows(platform: str | None = None) -> bool:
    return (platform or sys.platform) == WINDOWS


def system_config_dir(platform: str | None = None, environ: dict | None = None) -> Path:
    """Where the administrator's files live: only an administrator can write there."""
    if is_windows(platform):
        env = os.environ if environ is None else environ
        base = env.get("ProgramData") or r"C:\ProgramData"
        return Path(base) / "isfahan-kiosk"
    return Path("/etc/isfahan-kiosk")


def private_dir(path: Path, platform: str | None = None) -> Path:
    """A folder only this user may enter (created if missing)."""
    path.mkdir(parents=True, exist_ok=True)
    if not is_windows(platform):
        os.chmod(path, 0o700)
    return path


def fsync_dir(path: Path, platform: str | None = None) -> None:
    """Makes a rename or a new file in ``path`` durable. Windows cannot open a folder for this; NTFS
    journals its metadata itself."""
    if is_windows(platform):
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_private_file(path: Path, data: bytes) -> None:
    """Writes ``data`` to ``path`` so that after a crash or a power cut the file is either the old one or
    the new one, whole, and readable by this user only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def restrict_file(path: Path, platform: str | None = None) -> None:
    """A file someone else created for us (SQLite's WAL, a log): this user only."""
    if not is_windows(platform) and path.exists():
        os.chmod(path, 0o600)


class AlreadyRunning(Exception):
    """Another kiosk process holds this data folder."""


class InstanceLock:
    """Held for the life of the process; the OS releases it when the process ends in any way (a kill
    included), so a stale lock cannot keep a restarted kiosk out."""

    def __init__(self, folder: Path):
        from filelock import FileLock

        self.path = folder / "kiosk.lock"
        self._lock = FileLock(str(self.path), timeout=0, is_singleton=False, thread_local=False)

    def acquire(self) -> "InstanceLock":
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=0)
        except Timeout as exc:
            raise AlreadyRunning(str(self.path)) from exc
        return self

    def release(self) -> None:
        self._lock.release()
