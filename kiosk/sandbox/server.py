"""Running the sandbox: in a background thread of the kiosk (training mode, tests) or on its own."""

from __future__ import annotations

import logging
import socket
import threading
import time
from pathlib import Path

import uvicorn

from kiosk.sandbox.app import SandboxSettings, create_app, seed
from kiosk.sandbox.db import Database

log = logging.getLogger(__name__)


class SandboxServer:
    """The training API on a loopback port, served by uvicorn in a daemon thread.

    ``port=0`` picks a free port; :meth:`stop` then :meth:`start` again reuses the same port, so a class
    (or a test) can pull the "network" while the kiosk runs.
    """

    def __init__(self, db_path: Path | str, host: str = "127.0.0.1", port: int = 0, clock=None,
                 settings: SandboxSettings | None = None, case_clock=None):
        self.db = Database(db_path)
        seed(self.db)
        self.app = create_app(self.db, clock=clock, settings=settings, case_clock=case_clock)
        self.host = host
        self.port = port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 15.0) -> str:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off",
                                timeout_graceful_shutdown=2)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name="sandbox-api", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the training sandbox did not start")
            time.sleep(0.01)
        log.info("training sandbox listening on %s", self.url)
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = None
        self._thread = None

    def close(self) -> None:
        self.stop()
        self.db.close()


def serve_forever(db_path: Path, host: str, port: int, training: bool = True, clock_speed: float = 1.0) -> None:
    """`kiosk sandbox`: the API alone, in the foreground, until Ctrl+C."""
    db = Database(db_path)
    seed(db)
    app = create_app(db, settings=SandboxSettings(training=training, clock_speed=clock_speed))
    speed = f", case clock ×{clock_speed:g}" if clock_speed != 1 else ""
    print(f"training sandbox: http://{host}:{port}  (database: {db_path}{speed})", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


def serve_handed_socket(sock: socket.socket, db_path: Path, clock_speed: float = 1.0, link=None) -> None:
    """`kiosk sandbox --listen-fd N`: the training server of a kiosk (:mod:`kiosk.training`) on the socket
    the kiosk already listens on. Says «ready» on standard output once serving; on ``cut`` it stops
    listening (says «cut») and on ``restore`` listens again on the same port, the app, its database and its
    case clock going on; it ends when the kiosk's end of standard input closes (the kiosk ended, however)
    or on SIGTERM."""
    from kiosk.training import ParentLink, announce

    link = link or ParentLink()
    host, port = sock.getsockname()[:2]
    db = Database(db_path)
    seed(db)
    app = create_app(db, settings=SandboxSettings(training=True, clock_speed=clock_speed))

    class Announcing(uvicorn.Server):
        async def startup(self, sockets=None):
            await super().startup(sockets=sockets)
            if self.started:
                announce()

    try:
        while True:
            server = Announcing(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                                               timeout_graceful_shutdown=2))
            link.server = server
            if link.gone:
                return
            server.run(sockets=[sock])
            sock.close()
            if link.gone or not link.cut.is_set():
                return  # the kiosk ended, or SIGTERM
            link.cut.clear()
            announce(b"cut")
            while True:  # not listening: a connection is refused, as with a pulled cable
                command = link.commands.get()
                if command in ("restore", "exit"):
                    break
            if command == "exit":
                return
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
            sock.listen(128)
    finally:
        db.close()
