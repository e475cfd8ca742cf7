"""The Linux counter session (build/linux-session/isfahan-kiosk-session) started headless, for
tests/integration/test_counter_session.py and the bundle test: an Xvfb screen, cage nested in it through
wlroots' X11 backend (the headless backend shows only its first frame), the session script under cage, and
the kiosk under the script, as an unprivileged user when the tests run as root (``nobody``, with the one
capability it needs to read the checkout, which lives in root's 0700 folders).

From outside it can press keys (xdotool on the Xvfb screen: cage turns them into Wayland key events for
the focused client), take screenshots of what cage shows (grim), list the processes under cage, count the
Wayland clients connected to cage's socket, and read the session's output (the kiosk's log lines)."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SESSION = ROOT / "build" / "linux-session" / "isfahan-kiosk-session"
TOOLS = ("Xvfb", "cage", "xdotool", "grim")


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def free_display() -> int:
    for n in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number between :90 and :199")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        for child in children(todo.pop()):
            out.append(child)
            todo.append(child)
    return out


def cmdline(pid: int) -> list[str]:
    try:
        return [a for a in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0") if a]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


class CageSession:
    """One headless counter session. Use as a context manager; ``kiosk_args`` go to the kiosk
    (e.g. ``["--training"]``); ``kiosk`` is the program the session runs."""

    def __init__(self, kiosk: Path, kiosk_args: list[str], workdir: Path, env: dict | None = None,
                 size: str = "1024x768", session: Path = SESSION):
        self.kiosk, self.kiosk_args, self.size, self.session = kiosk, kiosk_args, size, session
        self.extra_env = env or {}
        self.workdir = workdir
        self.display = free_display()
        self.xvfb: subprocess.Popen | None = None
        self.proc: subprocess.Popen | None = None
        self.as_root = os.geteuid() == 0
        self.user = pwd.getpwnam("nobody") if self.as_root else pwd.getpwuid(os.geteuid())
        # Folders the session's user owns; /tmp rather than pytest's folder, which is root's and 0700.
        self.base = Path(tempfile.mkdtemp(prefix="kiosk-session-"))
        self.home = self.base / "home"
        self.runtime = self.base / "run"
        self.output = workdir / "session.log"
        workdir.mkdir(parents=True, exist_ok=True)

    # --- start and stop ---------------------------------------------------------------------------
    def _let_the_user_through(self) -> None:
        """A checkout under ``mktemp -d`` (CI's fresh clone) sits in a 0700 folder of root. The capability
        given to the session's user does not help Qt: it looks for its plugins with access(2), which drops
        capabilities for a non-root user ("Could not find the Qt platform plugin"). So each folder above
        the program gets search permission (o+x, not read) for the test's length, and its mode back after."""
        self._modes: list[tuple[Path, int]] = []
        for folder in [*reversed(self.kiosk.parents)]:
            mode = stat.S_IMODE(folder.stat().st_mode)
            if not mode & stat.S_IXOTH:
                self._modes.append((folder, mode))
                folder.chmod(mode | stat.S_IXOTH)

    def __enter__(self) -> "CageSession":
        for folder in (self.home, self.runtime):
            folder.mkdir(mode=0o700)
        self._modes = []
        if self.as_root:
            for path in (self.base, self.home, self.runtime):
                os.chown(path, self.user.pw_uid, self.user.pw_gid)
            self._let_the_user_through()
        self.xvfb = subprocess.Popen(["Xvfb", f":{self.display}", "-screen", "0", f"{self.size}x24", "-nolisten",
                                      "tcp", "-ac"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._until(lambda: Path(f"/tmp/.X11-unix/X{self.display}").exists(), 20, "Xvfb did not start")
        env = {
            "PATH": "/usr/bin:/bin", "HOME": str(self.home), "XDG_RUNTIME_DIR": str(self.runtime),
            "LANG": "C.UTF-8", "DISPLAY": f":{self.display}",
            # cage nested in the Xvfb screen: software rendering, no input devices of its own
            "WLR_BACKENDS": "x11", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
            "ISFAHAN_KIOSK": str(self.kiosk), **self.extra_env,
        }
        command = [str(self.session), *self.kiosk_args]
        if self.as_root:
            command = ["setpriv", f"--reuid={self.user.pw_uid}", f"--regid={self.user.pw_gid}", "--clear-groups",
                       "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search", *command]
        self._out = open(self.output, "wb")
        self.proc = subprocess.Popen(command, env=env, cwd=self.home, stdout=self._out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        return self

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        for pid in descendants(self.proc.pid) if self.proc else []:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if self.xvfb is not None:
            self.xvfb.terminate()
            self.xvfb.wait(10)
        self._out.close()
        shutil.rmtree(self.base, ignore_errors=True)
        for folder, mode in reversed(self._modes):
            folder.chmod(mode)

    # --- looking from outside ---------------------------------------------------------------------
    def log(self) -> str:
        return self.output.read_bytes().decode(errors="replace")

    def wait_log(self, text: str, count: int = 1, timeout: float = 90) -> None:
        self._until(lambda: self.log().count(text) >= count, timeout,
                    f"{text!r} did not appear {count} time(s) in the session's output")

    def cage_pid(self, timeout: float = 20) -> int:
        """cage, a child of the session script (which waits for it to learn how the session ended)."""
        def find() -> list[int]:
            return [p for p in children(self.proc.pid) if cmdline(p)[:1] and cmdline(p)[0].endswith("cage")]

        self._until(lambda: len(find()) == 1, timeout, "cage is not running under the session script")
        return find()[0]

    def kiosk_pids(self) -> list[int]:
        cage = [p for p in children(self.proc.pid) if cmdline(p)[:1] and cmdline(p)[0].endswith("cage")]
        return [p for p in (descendants(cage[0]) if cage else []) if any(a.endswith("kiosk") for a in
                                                                       cmdline(p)[:2]) and "--counter" in cmdline(p)]

    def kiosk_pid(self, timeout: float = 60) -> int:
        self._until(lambda: len(self.kiosk_pids()) == 1, timeout, "the kiosk is not running under the session")
        return self.kiosk_pids()[0]

    def wayland_clients(self) -> int:
        """Connections to cage's Wayland socket (each accepted connection shows the socket's path)."""
        socket_path = str(self.runtime / "wayland-0")
        lines = [ln for ln in Path("/proc/net/unix").read_text().splitlines() if ln.endswith(" " + socket_path)]
        listening = [ln for ln in lines if int(ln.split()[3], 16) & 0x10000]  # __SO_ACCEPTCON: the listener
        return len(lines) - len(listening)

    def key(self, *keys: str) -> None:
        self._xdotool("mousemove", "400", "300")
        self._xdotool("key", "--delay", "80", *keys)

    def type(self, text: str) -> None:
        self._xdotool("mousemove", "400", "300")
        self._xdotool("type", "--delay", "60", text)

    def screenshot(self, path: Path) -> Path:
        subprocess.run(["grim", str(path)], env={"PATH": "/usr/bin:/bin", "XDG_RUNTIME_DIR": str(self.runtime),
                                                 "WAYLAND_DISPLAY": "wayland-0"}, check=True, timeout=30,
                       capture_output=True)
        return path

    def _xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env={"PATH": "/usr/bin:/bin", "DISPLAY": f":{self.display}"},
                       check=True, timeout=30, capture_output=True)

    @staticmethod
    def _until(condition, timeout: float, message: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.1)
        raise AssertionError(message)
