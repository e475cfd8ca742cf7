"""A TCP proxy that misbehaves on purpose, between the kiosk and the sandbox: a slow link (rate limit),
added delay, a connection cut after some bytes (mid-chunk or mid-body), canned HTTP answers (503, 429, a
proxy's HTML page), and a hook on the first bytes of each answer — by then the server has committed the
request — that may cut the answer off or freeze and kill the server.

Used by the upload, outbox and kill tests and by benchmarks/uploads.py and benchmarks/kills.py.
Thread-based and small on purpose.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Callable

METHODS = (b"GET ", b"POST ", b"PUT ", b"PATCH ", b"DELETE ", b"HEAD ", b"OPTIONS ")


class FaultProxy:
    def __init__(self, target_host: str, target_port: int, *, rate_bps: float | None = None, delay: float = 0.0):
        self.target = (target_host, target_port)
        self.rate_bps = rate_bps
        self.delay = delay
        self.cut_after_upstream_bytes: int | None = None  # cut every connection after this many bytes up
        self.fail_next: list[int | bytes] = []  # answers for the next connections: a status, or raw bytes
        # Called with (request line, first bytes of its answer) when an answer starts; returns "pass", or "cut"
        # to drop the connection without forwarding a byte of the answer (the server has committed by then).
        self.answer_hook: Callable[[str, bytes], str] | None = None
        # Called with each request line; True cuts that request's body half-way (the server gets the headers
        # and part of the body, then the connection dies: a kiosk killed while sending).
        self.body_cut: Callable[[str], bool] | None = None
        self.cuts = 0
        self.body_cuts = 0
        self.bytes_up = 0
        self.connections = 0
        self._lock = threading.Lock()
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(64)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._stop.set()
        self._server.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                status = self.fail_next.pop(0) if self.fail_next else None
            threading.Thread(target=self._serve, args=(client, status), daemon=True).start()

    def _serve(self, client: socket.socket, status: int | bytes | None) -> None:
        if status is not None:
            try:
                client.recv(65536)
                if isinstance(status, bytes):
                    client.sendall(status)
                else:
                    body = b'{"error":{"code":"proxy","message":"injected"}}'
                    extra = b"Retry-After: 0\r\n" if status == 429 else b""
                    client.sendall(b"HTTP/1.1 %d Injected\r\nContent-Type: application/json\r\nContent-Length: %d\r\n%s"
                                   b"Connection: close\r\n\r\n%s" % (status, len(body), extra, body))
            finally:
                client.close()
            return
        try:
            upstream = socket.create_connection(self.target, timeout=10)
        except OSError:
            client.close()
            return
        done = threading.Event()
        state = {"request": "", "answered": True}
        threading.Thread(target=self._pump, args=(client, upstream, True, done, state), daemon=True).start()
        threading.Thread(target=self._pump, args=(upstream, client, False, done, state), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, upstream: bool, done: threading.Event,
              state: dict) -> None:
        sent = 0
        started = time.monotonic()
        try:
            while not done.is_set():
                data = src.recv(16384)
                if not data:
                    break
                if upstream and data.startswith(METHODS):
                    state["request"] = data.split(b"\r\n", 1)[0].decode("latin-1")
                    state["answered"] = False
                    if self.body_cut is not None and self.body_cut(state["request"]):
                        state["held"] = bytearray()
                if upstream and state.get("held") is not None:
                    held = state["held"]
                    held += data
                    head, sep, body = bytes(held).partition(b"\r\n\r\n")
                    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")[1:]
                                   if line.lower().startswith(b"content-length:")), 0) if sep else None
                    if length is None or (length and not body):
                        continue  # the headers (or the first byte of the body) are not all here yet
                    dst.sendall(head + sep + body[: max(1, length // 2)] if length > 1 else head + sep)
                    with self._lock:
                        self.body_cuts += 1
                    break  # half a body went up; the connection dies
                if not upstream and not state["answered"]:
                    state["answered"] = True
                    hook = self.answer_hook
                    if hook is not None and hook(state["request"], data) == "cut":
                        with self._lock:
                            self.cuts += 1
                        break  # not one byte of the answer reaches the kiosk
                if self.delay:
                    time.sleep(self.delay)
                if upstream and self.cut_after_upstream_bytes is not None and \
                        sent + len(data) > self.cut_after_upstream_bytes:
                    dst.sendall(data[: max(self.cut_after_upstream_bytes - sent, 0)])
                    break  # the cut: both sides see the connection die mid-request
                dst.sendall(data)
                sent += len(data)
                if upstream:
                    with self._lock:
                        self.bytes_up += len(data)
                if self.rate_bps:
                    ahead = sent / self.rate_bps - (time.monotonic() - started)
                    if ahead > 0:
                        time.sleep(ahead)
        except OSError:
            pass
        finally:
            done.set()
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
