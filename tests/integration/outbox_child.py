"""A kiosk's outbox in a process of its own, for the kill tests and benchmarks/kills.py. The parent kills it
with SIGKILL at random moments and starts it again; it never re-adds what an earlier run queued.

Usage: python -m tests.integration.outbox_child PLAN.json [FIRST_INDEX]
PLAN: {"url", "dir", "key_hex", "token", "consent", "count", "tag"}

With FIRST_INDEX it queues requests FIRST_INDEX … count-1 (draining between them, as a counter does while
the clerk works), printing ``queued <key> <description>`` once each is safely on disk; without it, it only
drains. It prints ``sending <key>`` before each attempt and ``sent <key>`` once the row is gone, so the
parent knows where each kill landed, ``ready`` once start-up is over and ``drained`` at the end.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from kiosk.api_client import ApiSession, actions
from kiosk.api_client.keys import one_off_key
from kiosk.outbox.store import OutboxStore
from kiosk.outbox.worker import OutboxWorker
from kiosk.platform import InstanceLock


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(plan_path: str, first: int | None) -> int:
    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    folder = Path(plan["dir"])
    lock = InstanceLock(folder).acquire()  # as the kiosk does: one process per data folder
    store = OutboxStore(folder / "outbox.sqlite3", bytes.fromhex(plan["key_hex"]))
    session = ApiSession(plan["url"], token_provider=lambda: plan["token"], read_timeout=plan.get("read_timeout", 5),
                         connect_timeout=1, get_retries=0)

    def send(item):
        say(f"sending {item.id}")
        return session.request(item.method, item.path, json_body=item.body, headers=item.headers,
                               idempotency_key=item.id)

    def event(kind, item, detail):
        if kind == "sent":
            say(f"sent {item.id}")
        elif kind in ("refused", "reconcile"):
            say(f"refused {item.id} {detail.get('code')}")

    worker = OutboxWorker(store, send, event, base_delay=0.02, max_delay=0.3, operator=lambda: "clerk1")
    store.reset_sending()
    say("ready")  # start-up is over: the parent's kill clock starts here, whatever the machine's load
    if first is not None:
        for i in range(first, plan["count"]):
            description = f"{plan['tag']}-{i}-{time.time_ns()}"
            action = actions.service_request("complaint", {"subject": "roads", "description": description},
                                             plan["consent"], f"citizen-{i % 3}")
            key = one_off_key()
            store.add(**action.outbox_fields(key, description, "clerk1"))
            say(f"queued {key} {description} {i}")
            worker.drain_once()
            if plan.get("pace"):
                time.sleep(plan["pace"])  # a counter queues as the clerk works, not all at once
    deadline = time.time() + plan.get("drain_seconds", 90)
    while time.time() < deadline:
        counts = store.counts()
        if counts["queued"] + counts["sending"] == 0:
            break
        if not worker.drain_once():
            time.sleep(0.02)
    counts = store.counts()
    say(f"drained {json.dumps(counts)}")
    store.close()
    lock.release()
    return 0 if counts["queued"] + counts["sending"] + counts["refused"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None))
