"""Everything that differs between the counter's operating systems, in one place.

Windows is the counter's usual OS; Linux is where the kiosk is developed and tested. Each function has a
branch per OS and a unit test per branch (``tests/unit/test_platform.py``, which fakes the OS name).

- durable private files: written whole (temporary file, fsync, rename, fsync of the folder) and readable
  by this user only (POSIX mode 0600 in 0700 folders; on Windows the user's profile folders already carry
  an ACL for this user alone, and ``os.chmod`` can only set read-only, so nothing more is done there);
- one kiosk process per data folder (:class:`InstanceLock`, an OS lock released when the process dies);
- where the administrator's settings, trusted keys and revocations live, and whether a file there is really
  the administrator's (:func:`admin_only`: on POSIX owned by root and writable by no one else, up to the
  root folder; on Windows owned by and writable only by SYSTEM, Administrators or TrustedInstaller).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

WINDOWS = "win32"


def is_windows(platform: str | None = None) -> bool:
    return (platform or sys.platform) == WINDOWS


def system_config_dir(platform: str | None = None, environ: dict | None = None) -> Path:
    """Where the administrator's files live: only an administrator can write there.

    ``KIOSK_SYSTEM_DIR`` names another folder (a test's temporary root, a staging install); whoever reads
    from it must still pass :func:`admin_only`, so pointing it at a folder the clerk owns adds no trust."""
    env = os.environ if environ is None else environ
    if env.get("KIOSK_SYSTEM_DIR"):
        return Path(env["KIOSK_SYSTEM_DIR"])
    if is_windows(platform):
        base = env.get("ProgramData") or r"C:\ProgramData"
        return Path(base) / "isfahan-kiosk"
    return Path("/etc/isfahan-kiosk")


class NotAdministrators(Exception):
    """A file in the administrator's folder that someone else could have written: it is not read."""


def admin_only(path: Path, platform: str | None = None) -> bool:
    """Could only an administrator have written ``path`` (and the folders that hold it)?"""
    if is_windows(platform):
        return _windows_admin_only(path)
    return posix_admin_only(path)


def posix_admin_only(path: Path, stat=os.stat) -> bool:
    """Owned by root and not writable by group or others — the file and every folder above it. A folder
    anyone may write (``/tmp``) is accepted only with its sticky bit, which keeps others from renaming or
    removing root's entries in it."""
    import stat as st

    try:
        info = stat(path)
    except OSError:
        return False
    if info.st_uid != 0 or info.st_mode & 0o022:
        return False
    for folder in Path(os.path.abspath(path)).parents:
        try:
            info = stat(folder)
        except OSError:
            return False
        if info.st_uid != 0:
            return False
        if info.st_mode & 0o022 and not info.st_mode & st.S_ISVTX:
            return False
    return True


# Windows: who may own or write the administrator's files. SYSTEM, BUILTIN\Administrators, TrustedInstaller.
ADMIN_SIDS = frozenset({"S-1-5-18", "S-1-5-32-544",
                        "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464"})
# write data / add file, append / add subfolder, delete child, DELETE, WRITE_DAC, WRITE_OWNER, GENERIC_ALL,
# GENERIC_WRITE
WRITE_MASK = 0x2 | 0x4 | 0x40 | 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000
INHERIT_ONLY = 0x08
ACCESS_ALLOWED = 0


def acl_admin_only(owner: str, aces: list[tuple[int, int, int, str]] | None) -> bool:
    """The Windows rule on a security descriptor read from the OS: ``owner`` a SID string, ``aces`` the
    DACL as (type, flags, mask, SID) — ``None`` for a NULL DACL, which lets everyone do everything."""
    if owner not in ADMIN_SIDS or aces is None:
        return False
    for kind, flags, mask, sid in aces:
        if kind == ACCESS_ALLOWED and not flags & INHERIT_ONLY and mask & WRITE_MASK and sid not in ADMIN_SIDS:
            return False
    return True


def _windows_admin_only(path: Path) -> bool:  # pragma: no cover - runs on Windows only
    """Reads the owner and DACL of ``path`` and of its folder with GetNamedSecurityInfoW (advapi32)."""
    import ctypes
    from ctypes import wintypes

    advapi = ctypes.WinDLL("advapi32", use_last_error=True)
    kernel = ctypes.WinDLL("kernel32")

    class AceHeader(ctypes.Structure):
        _fields_ = [("AceType", ctypes.c_ubyte), ("AceFlags", ctypes.c_ubyte), ("AceSize", wintypes.WORD)]

    class AccessAce(ctypes.Structure):
        _fields_ = [("Header", AceHeader), ("Mask", wintypes.DWORD), ("SidStart", wintypes.DWORD)]

    class AclSizeInformation(ctypes.Structure):
        _fields_ = [("AceCount", wintypes.DWORD), ("AclBytesInUse", wintypes.DWORD),
                    ("AclBytesFree", wintypes.DWORD)]

    def sid_text(sid) -> str:
        out = wintypes.LPWSTR()
        if not advapi.ConvertSidToStringSidW(sid, ctypes.byref(out)):
            return ""
        try:
            return out.value or ""
        finally:
            kernel.LocalFree(out)

    def one(target: str) -> bool:
        owner, dacl, descriptor = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        # SE_FILE_OBJECT = 1; OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION = 0x1 | 0x4
        if advapi.GetNamedSecurityInfoW(target, 1, 0x5, ctypes.byref(owner), None, ctypes.byref(dacl), None,
                                        ctypes.byref(descriptor)) != 0:
            return False
        try:
            if not dacl.value:
                return acl_admin_only(sid_text(owner), None)
            info = AclSizeInformation()
            advapi.GetAclInformation(dacl, ctypes.byref(info), ctypes.sizeof(info), 2)  # AclSizeInformation
            aces = []
            for i in range(info.AceCount):
                ace = ctypes.c_void_p()
                if not advapi.GetAce(dacl, i, ctypes.byref(ace)):
                    return False
                header = ctypes.cast(ace, ctypes.POINTER(AceHeader)).contents
                if header.AceType in (0, 1):  # ACCESS_ALLOWED_ACE, ACCESS_DENIED_ACE share a layout
                    body = ctypes.cast(ace, ctypes.POINTER(AccessAce)).contents
                    sid = ctypes.c_void_p(ace.value + AccessAce.SidStart.offset)
                    aces.append((header.AceType, header.AceFlags, body.Mask, sid_text(sid)))
                else:
                    return False  # object or callback ACEs: not expected on these files, so not trusted
            return acl_admin_only(sid_text(owner), aces)
        finally:
            kernel.LocalFree(descriptor)

    try:
        return path.exists() and one(str(path)) and one(str(path.parent))
    except OSError:
        return False


def private_files(platform: str | None = None) -> None:
    """From here on, every file and folder this process creates (SQLite's WAL and journal, spool files,
    the log, the training database) is this user's alone: POSIX umask 077. On Windows the files live in the
    user's profile, whose ACL already admits this user (and administrators) only."""
    if not is_windows(platform):
        os.umask(0o077)


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
    included), so a stale lock cannot keep a restarted kiosk out: ``flock`` on POSIX, ``msvcrt.locking`` on
    Windows, on ``kiosk.lock`` in the data folder. (The standard library's own calls: a lock library cost
    20–30 ms of imports before the first paint.)"""

    def __init__(self, folder: Path, platform: str | None = None):
        self.path = folder / "kiosk.lock"
        self._windows = is_windows(platform)
        self._fd: int | None = None

    def acquire(self) -> "InstanceLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if self._windows:  # pragma: no cover - runs on Windows only
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise AlreadyRunning(str(self.path)) from exc
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if self._windows:  # pragma: no cover - runs on Windows only
                import msvcrt

                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def removable_media_folders(platform: str | None = None, user: str | None = None) -> list[Path]:
    """Where a USB stick or a scanner's card appears, for the file picker's side bar. On Windows the
    drives are listed under «رایانه» by the picker itself; on Linux they are mounted under
    /media/<user> (Debian's udisks) or /run/media/<user> (others)."""
    if is_windows(platform):
        return []
    import getpass

    name = user or getpass.getuser()
    return [p for p in (Path("/media") / name, Path("/run/media") / name) if p.is_dir()]


def socket_handover(platform: str | None = None) -> str:
    """How the training server's process receives the socket the kiosk already listens on (bound before
    the server has imported anything, so the kiosk's first request waits in the backlog instead of being
    refused): ``"fd"`` on POSIX, where the descriptor is simply inherited; ``"share"`` on Windows, where a
    socket cannot be inherited as a descriptor: :meth:`socket.socket.share` for the child's process id,
    written to its standard input, and :func:`socket.fromshare` there."""
    return "share" if is_windows(platform) else "fd"


def child_process_options(platform: str | None = None) -> dict:
    """``Popen`` options for a helper process of the kiosk (its training server): not in the kiosk's
    terminal session or process group, so a Ctrl+C meant for the kiosk does not kill it behind the kiosk's
    back (it ends with the kiosk anyway: its standard input is the kiosk's pipe). On Windows also
    CREATE_NO_WINDOW, so no console window flashes up at the counter."""
    if is_windows(platform):
        return {"creationflags": 0x08000000 | 0x00000200}  # CREATE_NO_WINDOW | CREATE_NEW_PROCESS_GROUP
    return {"start_new_session": True}


def bundle_parts(platform: str | None = None) -> dict:
    """What build/kiosk.spec keeps for the OS the bundle is built on (PyInstaller builds for its own OS):

    - ``plugins``: Qt plugins the kiosk loads — the windowing system's platform plugin (xcb and wayland on
      Linux, for X11 and the cage counter session; ``qwindows`` on Windows, with its modern style), offscreen
      and minimal for tests, JPEG/GIF readers, the print backend (CUPS or Windows' spooler), the OS's word on
      the link (NetworkManager, or Windows' Network List Manager), input methods on Linux;
    - ``keyring``: keyring's backend for the OS's secret store (Secret Service; Windows Credential Manager);
    - ``session``: the counter session's files copied beside the program (build/linux-session or
      build/windows-session);
    - ``system_libraries``: folders whose libraries the OS itself provides and the bundle does not copy (on
      Windows the system's DLLs are already left out by PyInstaller).
    """
    if is_windows(platform):
        return {
            "plugins": ("platforms/qwindows", "platforms/qoffscreen", "platforms/qminimal", "styles/qmodernwindowsstyle",
                        "imageformats/qjpeg", "imageformats/qgif", "printsupport/windowsprintersupport",
                        "networkinformation/qnetworklistmanager"),
            "keyring": ("keyring.backends.Windows", "keyring.backends.fail", "keyring.backends.chainer"),
            "session": "windows-session",
            "system_libraries": (),
        }
    return {
        "plugins": ("platforms/libqxcb", "platforms/libqwayland", "wayland-shell-integration/libxdg-shell",
                    "platforms/libqoffscreen", "platforms/libqminimal", "xcbglintegrations", "imageformats/libqjpeg",
                    "imageformats/libqgif", "printsupport", "networkinformation",
                    "platforminputcontexts/libcomposeplatforminputcontextplugin",
                    "platforminputcontexts/libibusplatforminputcontextplugin"),
        "keyring": ("keyring.backends.SecretService", "keyring.backends.fail", "keyring.backends.chainer"),
        "session": "linux-session",
        "system_libraries": ("/lib/", "/usr/lib/", "/lib64/", "/usr/lib64/"),
    }


def release_platform(platform: str | None = None, machine: str | None = None) -> str:
    """The name releases are published under for this OS and processor (``linux-x86_64``,
    ``windows-x86_64``): a counter never takes another system's bundle."""
    import platform as host

    arch = (machine or host.machine()).lower()
    arch = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(arch, arch)
    return f"{'windows' if is_windows(platform) else 'linux'}-{arch}"


def program_name(platform: str | None = None) -> str:
    """The bundle's program in its folder."""
    return "kiosk.exe" if is_windows(platform) else "kiosk"


def run_instead(argv: list[str], env: dict, platform: str | None = None) -> int:
    """Runs another program in this one's place (an updated version of the kiosk): on POSIX the process
    becomes it (same process id, so the counter session's supervisor sees no change); Windows has no such
    call that keeps a GUI's handles, so the program runs as a child and its exit code is this one's."""
    if is_windows(platform):
        import subprocess

        return subprocess.call(argv, env=env)
    os.execve(argv[0], argv, env)
    return 0  # pragma: no cover - execve does not return


def keyring_holds_only_a_wrapping_key(platform: str | None = None) -> bool:
    """Windows Credential Manager keeps at most 2,560 bytes per entry (1,280 characters: keyring stores
    UTF-16), less than an outbox key ring after a few rotations: there the keyring holds only a wrapping key
    and the ring lives sealed with it in the protected file. Secret Service (Linux) holds the ring itself."""
    return is_windows(platform)


def process_alive(pid: int, platform: str | None = None) -> bool:
    """Is process ``pid`` running (an updated version being tried, started by another launcher)?"""
    if is_windows(platform):  # pragma: no cover - runs on Windows only
        import ctypes

        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            return bool(kernel.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True
