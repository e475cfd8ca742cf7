"""A TCP proxy that misbehaves on purpose, between the kiosk and the sandbox: a slow link (rate limit),
added delay, a connection cut after some bytes (mid-chunk), and canned HTTP 503/429 answers.

Used by the upload and outbox tests and by benchmarks/uploads.py. Thread-based and small on purpose.
"""

from __future__ import annotations

import socket
import threading
import time


class FaultProxy:
    def __init__(self, target_host: str, target_port: int, *, rate_bps: float | None = None, delay: float = 0.0):
        self.target = (target_host, target_port)
        self.rate_bps = rate_bps
        self.delay = delay
        self.cut_after_upstream_bytes: int | None = None  # cut every connection after this many bytes up
        self.fail_next: list[int] = []  # statuses to answer the next requests with, one per connection
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

    def _serve(self, client: socket.socket, status: int | None) -> None:
        if status is not None:
            try:
                client.recv(65536)
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
        threading.Thread(target=self._pump, args=(client, upstream, True, done), daemon=True).start()
        threading.Thread(target=self._pump, args=(upstream, client, False, done), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, upstream: bool, done: threading.Event) -> None:
        sent = 0
        started = time.monotonic()
        try:
            while not done.is_set():
                data = src.recv(16384)
                if not data:
                    break
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
