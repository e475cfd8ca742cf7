"""The training server in its own process, started before the kiosk's window.

The kiosk binds and listens on a loopback port first, then starts ``kiosk sandbox --listen-fd N`` (or, on
Windows, hands the socket over through the child's standard input: :func:`kiosk.platform.socket_handover`)
and lets it import FastAPI and uvicorn on the other core while Qt starts here. The port exists from the
first millisecond, so the kiosk's first health check is not refused but waits in the backlog until the
server answers; nothing of the server (FastAPI, uvicorn, the sandbox, its signing key) lives in the
kiosk's own process or memory.

The child leaves when the kiosk does, however the kiosk ends (a kill included): its standard input is a
pipe from the kiosk, and the end of that pipe tells it to stop. On that pipe the kiosk also says ``cut``
(the server stops listening: a class pulls the "network") and ``restore`` (it listens again on the same
port); the process, its database and its case clock go on meanwhile.

This module imports nothing of the sandbox: a live counter's bundle does not carry it.
"""

from __future__ import annotations

import logging
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path

from kiosk.platform import child_process_options, socket_handover

log = logging.getLogger(__name__)

READY = b"ready"


class TrainingServerFailed(RuntimeError):
    """The training server's process ended before it answered, or never said it was ready."""


def server_command() -> list[str]:
    """How to run this kiosk's own ``sandbox`` command: the frozen bundle is its own interpreter."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "sandbox"]
    # -P: the kiosk's own package, never a "kiosk" folder or kiosk.py in the folder it was started from
    return [sys.executable, "-P", "-m", "kiosk", "sandbox"]


class TrainingServer:
    def __init__(self, db_path: Path, clock_speed: float = 1.0, host: str = "127.0.0.1", port: int = 0,
                 ready_timeout: float = 60.0):
        self.db_path = Path(db_path)
        self.clock_speed = clock_speed
        self.host = host
        self.port = port
        self.ready_timeout = ready_timeout
        self.process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._cut = False
        self._ready = False  # said «ready» (again, after a restore) since it was started

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def launch(self) -> None:
        """Listen, start the server's process and hand it the socket; returns at once."""
        with self._lock:
            if self.process is not None and self.process.poll() is None:
                return
            self._ready = False
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                sock.bind((self.host, self.port))
                sock.listen(128)
                self.port = sock.getsockname()[1]
                self.process = self._spawn(sock)
            finally:
                sock.close()  # the child holds it now: with ours open, a dead child's port would not refuse

    def _spawn(self, sock: socket.socket) -> subprocess.Popen:
        args = [*server_command(), "--db", str(self.db_path), "--clock-speed", repr(self.clock_speed)]
        how = socket_handover()
        if how == "fd":
            fd = sock.fileno()
            process = subprocess.Popen([*args, "--listen-fd", str(fd)], pass_fds=(fd,), stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, **child_process_options())
        else:
            process = subprocess.Popen([*args, "--listen-share"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       **child_process_options())
            shared = sock.share(process.pid)
            process.stdin.write(struct.pack(">I", len(shared)) + shared)
            process.stdin.flush()
        log.info("training server starting (process %s, %s:%s)", process.pid, self.host, self.port)
        return process

    def wait_ready(self) -> str:
        """Blocks (a worker thread) until the server says it is serving; its address."""
        process = self.process
        if process is None:
            raise TrainingServerFailed("the training server was not started")
        line = _readline(process, self.ready_timeout)
        if line.strip() != READY:
            process.wait(5)
            raise TrainingServerFailed(f"the training server ended before it was ready (exit code {process.returncode})")
        self._ready = True
        log.info("training server ready on %s", self.url)
        return self.url

    def start(self) -> str:
        """Started and answering (again, on the same port): the class restores the connection. A server
        whose connection was cut keeps its process, data and clocks and only listens again."""
        process = self.process
        if process is not None and process.poll() is None:
            if self._cut:
                self._send(b"restore")
                self._cut = False
                return self.wait_ready()
            if self._ready:
                return self.url  # serving already
            return self.wait_ready()
        self.launch()
        return self.wait_ready()

    def stop(self, timeout: float = 10.0) -> None:
        """The class cuts the connection: the server stops listening (a connection is refused, as with a
        pulled cable) but its process, database and case clock go on."""
        process = self.process
        if process is None or process.poll() is not None or self._cut:
            return
        try:
            self._send(b"cut")
            line = _readline(process, timeout)
        except OSError:
            line = b""
        if line.strip() != b"cut":
            log.warning("the training server did not stop listening when told: it is ended instead")
            self.close()
            return
        self._cut = True
        self._ready = False

    def _send(self, command: bytes) -> None:
        self.process.stdin.write(command + b"\n")
        self.process.stdin.flush()

    def close(self, timeout: float = 5.0) -> None:
        """Ends the server's process (the kiosk is closing)."""
        with self._lock:
            process, self.process = self.process, None
        self._cut = False
        if process is None:
            return
        for pipe in (process.stdin,):
            try:
                pipe.close()  # the end of the pipe: the server leaves by itself
            except OSError:
                pass
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout)
        try:
            process.stdout.close()
        except OSError:
            pass


def _readline(process: subprocess.Popen, timeout: float) -> bytes:
    timer = threading.Timer(timeout, process.kill)
    timer.daemon = True
    timer.start()
    try:
        return process.stdout.readline()
    finally:
        timer.cancel()


def receive_socket(listen_fd: int | None, share: bool) -> socket.socket:
    """In the server's process: the socket the kiosk handed over (see :class:`TrainingServer`)."""
    if share:
        size = struct.unpack(">I", _read_exactly(sys.stdin.buffer, 4))[0]
        return socket.fromshare(_read_exactly(sys.stdin.buffer, size))
    return socket.socket(fileno=listen_fd)


def _read_exactly(stream, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            raise TrainingServerFailed("the kiosk ended before it handed the socket over")
        data += chunk
    return data


class ParentLink:
    """In the server's process: the kiosk's commands on standard input (``cut``, ``restore``) and the end of
    that pipe (the kiosk ended, however: a kill included). Started first thing, before the server's imports:
    a kiosk killed while its server starts does not leave the server behind."""

    def __init__(self):
        import queue

        self.commands: queue.Queue[str] = queue.Queue()
        self.server = None  # the uvicorn server serving now, told to stop on ``cut`` and at the end
        self.gone = False
        self.cut = threading.Event()  # a ``cut`` asked for (not SIGTERM) stopped the server
        threading.Thread(target=self._watch, name="parent-link", daemon=True).start()

    def _watch(self) -> None:
        try:
            for line in sys.stdin.buffer:
                command = line.strip().decode("ascii", "replace")
                if command == "cut" and self.server is not None:
                    self.cut.set()
                    self.server.should_exit = True
                self.commands.put(command)
        except (OSError, ValueError):
            pass
        self.gone = True
        if self.server is None:
            import os

            os._exit(0)  # not serving yet: nothing to close
        self.server.should_exit = True
        self.commands.put("exit")


def announce(line: bytes = READY) -> None:
    """In the server's process: a line :meth:`TrainingServer.wait_ready` (or :meth:`~TrainingServer.stop`)
    waits for."""
    import os

    os.write(1, line + b"\n")  # fd 1 is the kiosk's pipe, even where a windowed build has no sys.stdout
