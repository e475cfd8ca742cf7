"""The training server in its own process, started before the kiosk's window.

The kiosk binds and listens on a loopback port first, then starts ``kiosk sandbox --listen-fd N`` (or, on
Windows, hands the socket over through the child's standard input: :func:`kiosk.platform.socket_handover`)
and lets it import FastAPI and uvicorn on the other core while Qt starts here. The port exists from the
first millisecond, so the kiosk's first health check is not refused but waits in the backlog until the
server answers; nothing of the server (FastAPI, uvicorn, the sandbox, its signing key) lives in the
kiosk's own process or memory.

The child leaves when the kiosk does, however the kiosk ends (a kill included): its standard input is a
pipe from the kiosk, and the end of that pipe tells it to stop. :meth:`stop` then :meth:`start` again
reuses the same port, so a class can pull the "network" while the kiosk runs.

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

from kiosk.platform import quiet_child_flags, socket_handover

log = logging.getLogger(__name__)

READY = b"ready"


class TrainingServerFailed(RuntimeError):
    """The training server's process ended before it answered, or never said it was ready."""


def server_command() -> list[str]:
    """How to run this kiosk's own ``sandbox`` command: the frozen bundle is its own interpreter."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "sandbox"]
    return [sys.executable, "-m", "kiosk", "sandbox"]


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

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def launch(self) -> None:
        """Listen, start the server's process and hand it the socket; returns at once."""
        with self._lock:
            if self.process is not None and self.process.poll() is None:
                return
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
                                       stdout=subprocess.PIPE, creationflags=quiet_child_flags())
        else:
            process = subprocess.Popen([*args, "--listen-share"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       creationflags=quiet_child_flags())
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
        timer = threading.Timer(self.ready_timeout, process.kill)
        timer.daemon = True
        timer.start()
        try:
            line = process.stdout.readline()
        finally:
            timer.cancel()
        if line.strip() != READY:
            process.wait(5)
            raise TrainingServerFailed(f"the training server ended before it was ready (exit code {process.returncode})")
        log.info("training server ready on %s", self.url)
        return self.url

    def start(self) -> str:
        """Started and answering (again, on the same port): the class restores the connection."""
        self.launch()
        return self.wait_ready()

    def stop(self, timeout: float = 5.0) -> None:
        with self._lock:
            process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout)
        for pipe in (process.stdin, process.stdout):
            try:
                pipe.close()
            except OSError:
                pass

    close = stop


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


def on_parent_gone(stop) -> None:
    """In the server's process: ``stop()`` once the kiosk's end of standard input closes."""

    def watch() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        stop()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def announce_ready() -> None:
    """In the server's process: the line :meth:`TrainingServer.wait_ready` waits for."""
    import os

    os.write(1, READY + b"\n")  # fd 1 is the kiosk's pipe, even where a windowed build has no sys.stdout
