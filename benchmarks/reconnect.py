"""How soon the queue goes after the connection returns (issue 15: within 2 s, event-driven).

The real kiosk window, offscreen, with its default settings (a health check every 15 s while online, the
outbox's own backoff of 1 s doubling to 60 s), signed in as a clerk against the training server in this
process. Each trial takes the server down, queues a complaint (the outbox tries it, fails, and waits on its
backoff; the status bar says offline), waits an outage of 2 to 30 s, brings the server back on the same port,
and times from the moment it listens again to the moment the request is on the server and off the queue.

Prints JSON lines {"metric", "value", "unit"}. Usage: .venv/bin/python benchmarks/reconnect.py [trials]
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 2), "unit": unit}, ensure_ascii=False), flush=True)


def main(trials: int = 8) -> int:
    from scripts.look import pump, wait_for  # noqa: I001 - sets up the offscreen screen first
    from kiosk.api_client import actions
    from kiosk.app import create_application
    from kiosk.config import Config
    from kiosk.domain.digits import to_ascii_digits
    from kiosk.outbox.service import OutboxService
    from kiosk.outbox.store import OutboxStore
    from kiosk.sandbox.server import SandboxServer
    from kiosk.secrets import TokenStore
    from kiosk.services import Services
    from kiosk.tasks import TaskRunner
    from kiosk.ui.keys import type_text
    from kiosk.ui.main_window import MainWindow

    create_application([])
    tmp = Path(tempfile.mkdtemp())
    server = SandboxServer(tmp / "sandbox.sqlite3")
    server.start()
    runner = TaskRunner()
    services = Services(config=Config(overrides={"print_after": False}), tokens=TokenStore(), runner=runner,
                        training=True)
    services.outbox = OutboxService(lambda: services.api, runner, operator=services.operator_name,
                                    token_owner=services.tokens.current)
    services.outbox.attach(OutboxStore(tmp / "outbox.sqlite3", bytes(32)))
    w = MainWindow(services)
    w.show()
    w.backend_started(server.url)
    wait_for(lambda: w.signin.submit.isEnabled(), 20000)
    type_text(w.signin.username, "clerk1")
    type_text(w.signin.password, "amoozesh-1")
    w.signin.sign_in()
    wait_for(lambda: w.current() is w.lookup, 20000)
    api = services.api
    challenge = api.request_otp("0499370899", "09131234567")
    conn = sqlite3.connect(str(tmp / "sandbox.sqlite3"), timeout=10)
    text = conn.execute("SELECT text FROM sms_inbox ORDER BY id DESC LIMIT 1").fetchone()[0]
    conn.close()
    consent = api.verify_otp(challenge.challenge_id, re.search(r"\d{6}", to_ascii_digits(text)).group(0)).consent_id
    rng = random.Random(1405)
    delays: list[float] = []
    probes: list[int] = []
    for trial in range(trials):
        server.stop()
        tried = []
        services.outbox.retrying.connect(lambda *_a: tried.append(1))
        action = actions.service_request("complaint", {"subject": "roads", "description": f"reconnect {trial}"},
                                         consent, "0499370899")
        services.outbox.queue(action, os.urandom(16).hex(), "reconnect", lambda _item: None)
        wait_for(lambda: tried and w.net.online is False, 30000)  # tried, failed, waiting on its backoff
        outage = rng.uniform(2.0, 30.0)
        end = time.monotonic() + outage
        while time.monotonic() < end:
            pump(50)
        before = w.net.probes
        server.start()
        back = time.monotonic()
        wait_for(lambda: not any(services.outbox.counts().values()), 60000)
        delays.append(time.monotonic() - back)
        probes.append(w.net.probes - before)
        services.outbox.retrying.disconnect()
    w.net.stop()
    services.outbox.stop()
    runner.wait_all(5000)
    server.close()
    emit("outbox_drain_after_reconnect_median", statistics.median(delays), "s (goal ≤ 2)")
    emit("outbox_drain_after_reconnect_max", max(delays), f"s over {trials} outages of 2–30 s (goal ≤ 2)")
    emit("health_probes_per_reconnect_median", statistics.median(probes), "probes from the server's return to the drain")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 8))
