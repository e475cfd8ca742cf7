"""Uploads and the outbox on a slow, unreliable link.

- throughput of a resumable upload through a rate-limited proxy, as a ratio of the link's rate (goal ≥ 0.9)
- payload bytes put on the wire again after the connection is cut mid-chunk (goal ≤ one chunk)
- the longest stall of the GUI thread while an upload runs and the outbox drains (goal ≤ 50 ms), measured
  by a 5 ms timer probe in the Qt event loop

The sandbox runs as its own process (`kiosk sandbox`), as a real server would. Prints JSON lines.
Usage: .venv/bin/python benchmarks/uploads.py [rate_kib_per_s] [file_mib]
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.api_client import ApiSession, KioskApi  # noqa: E402
from kiosk.domain.digits import to_ascii_digits  # noqa: E402
from kiosk.uploads import CHUNK_SIZE, UploadSpool, Uploads  # noqa: E402
from tests.faultproxy import FaultProxy  # noqa: E402

KEY = bytes(range(32))


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 4), "unit": unit}), flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sandbox(tmp: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sandbox", "--port", str(port), "--db",
                             str(tmp / "sandbox.sqlite3")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    api = KioskApi(ApiSession(url, get_retries=0))
    for _ in range(200):
        try:
            api.health()
            return proc, url
        except Exception:
            time.sleep(0.05)
    raise RuntimeError("sandbox did not start")


def consent(api: KioskApi) -> str:
    challenge = api.request_otp("0499370899", "09131234567")
    text = api.training_sms("09131234567")[0].text
    return api.verify_otp(challenge.challenge_id, re.search(r"\d{6}", to_ascii_digits(text)).group(0)).consent_id


def pdf(size: int) -> bytes:
    return b"%PDF-1.4\n" + os.urandom(size - 20) + b"\n%%EOF\n\n\n\n"


def main() -> int:
    rate = float(sys.argv[1]) * 1024 if len(sys.argv) > 1 else 1024 * 1024
    size = int(float(sys.argv[2]) * 1024 * 1024) if len(sys.argv) > 2 else 4 * 1024 * 1024
    tmp = Path(tempfile.mkdtemp())
    proc, url = start_sandbox(tmp)
    try:
        direct = KioskApi(ApiSession(url, get_retries=0))
        token = direct.login("clerk1", "amoozesh-1").token
        direct.session.token_provider = lambda: token
        grant = consent(direct)
        port = int(url.rsplit(":", 1)[1])

        # 1. throughput through a rate-limited link
        proxy = FaultProxy("127.0.0.1", port, rate_bps=rate)
        slow = KioskApi(ApiSession(proxy.url, get_retries=0, read_timeout=60))
        slow.session.token_provider = lambda: token
        draft = direct.create_draft({}, grant)
        spool = UploadSpool(tmp / "spool", KEY)
        job = spool.add(draft.draft_id, "deed", pdf(size), "deed.pdf", "application/pdf", grant)
        uploads = Uploads(spool, lambda: slow)
        t = time.perf_counter()
        uploads.run(job)
        elapsed = time.perf_counter() - t
        emit("upload_link_rate", rate / 1024, "KiB/s")
        emit("upload_throughput", size / elapsed / 1024, "KiB/s")
        emit("upload_throughput_ratio_to_link", (size / elapsed) / rate, "x")
        proxy.close()

        # 2. bytes sent again after a cut mid-chunk
        proxy = FaultProxy("127.0.0.1", port)
        cut = KioskApi(ApiSession(proxy.url, get_retries=0))
        cut.session.token_provider = lambda: token
        job = spool.add(draft.draft_id, "owners_ids", pdf(CHUNK_SIZE * 6), "ids.pdf", "application/pdf", grant)
        uploads = Uploads(spool, lambda: cut)
        proxy.cut_after_upstream_bytes = int(CHUNK_SIZE * 2.5)
        try:
            uploads.run(job)
        except Exception:
            pass
        proxy.cut_after_upstream_bytes = None
        uploads.run(spool.pending()[0])
        emit("upload_resent_after_cut", uploads.bytes_attempted - job.size, "bytes")
        emit("upload_resent_after_cut_in_chunks", (uploads.bytes_attempted - job.size) / CHUNK_SIZE, "chunks")
        proxy.close()

        # 3. the GUI thread while an upload runs and the outbox drains
        emit("gui_longest_stall", gui_stall(url, token, grant, draft.draft_id, tmp), "ms")
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


def gui_stall(url: str, token: str, consent_id: str, draft_id: str, tmp: Path) -> float:
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QTimer

    from kiosk.app import create_application
    from kiosk.outbox.service import OutboxService
    from kiosk.outbox.store import OutboxStore
    from kiosk.tasks import TaskRunner

    app = create_application([])
    api = KioskApi(ApiSession(url, get_retries=0))
    api.session.token_provider = lambda: token
    runner = TaskRunner()
    outbox = OutboxService(lambda: api, runner, base_delay=0.05, max_delay=0.5, operator=lambda: "clerk1")
    outbox.attach(OutboxStore(tmp / "outbox.sqlite3", KEY))
    spool = UploadSpool(tmp / "spool2", KEY)
    uploads = Uploads(spool, lambda: api)
    job = spool.add(draft_id, "renovation_receipt", pdf(6 * 1024 * 1024), "r.pdf", "application/pdf", consent_id)
    progress_seen = []
    runner.run(lambda: uploads.run(job, progress=lambda d, t: progress_seen.append(d)), lambda _r: None)
    queued = []
    from kiosk.api_client import actions
    from kiosk.api_client.keys import one_off_key

    for i in range(40):
        action = actions.service_request("complaint", {"subject": "roads", "description": f"bench-{i}"}, consent_id,
                                         f"s{i % 4}")
        outbox.queue(action, one_off_key(), "bench", queued.append)
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]
    worst = [0]

    def tick():
        now = clock.elapsed()
        worst[0] = max(worst[0], now - last[0] - 5)
        last[0] = now
        if spool.pending() == [] and outbox.counts() == {"queued": 0, "sending": 0, "failed": 0} \
                and len(queued) == 40:
            app.quit()

    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(tick)
    probe.start()
    QTimer.singleShot(120_000, app.quit)
    app.exec()
    probe.stop()
    outbox.stop()
    runner.wait_all(10000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return float(worst[0])


if __name__ == "__main__":
    sys.exit(main())
