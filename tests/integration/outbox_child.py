"""A kiosk's outbox in a process of its own, for the crash tests: it queues the planned requests and
drains them. The parent kills it with SIGKILL at random moments and starts it again.

Usage: python -m tests.integration.outbox_child PLAN.json
PLAN: {"url", "db", "key_hex", "token", "consent", "requests": [[idempotency_key, index], ...]}
"""

from __future__ import annotations

import json
import sys
import time

from kiosk.api_client import ApiSession
from kiosk.contract import API_PREFIX, CONSENT_HEADER
from kiosk.outbox.store import OutboxStore
from kiosk.outbox.worker import OutboxWorker


def main(plan_path: str) -> int:
    plan = json.loads(open(plan_path, encoding="utf-8").read())
    store = OutboxStore(plan["db"], bytes.fromhex(plan["key_hex"]))
    session = ApiSession(plan["url"], token_provider=lambda: plan["token"], read_timeout=5, get_retries=0)

    def send(item):
        return session.request(item.method, item.path, json_body=item.body, headers=item.headers,
                               idempotency_key=item.id)

    worker = OutboxWorker(store, send, base_delay=0.02, max_delay=0.2)
    store.reset_sending()
    for key, index in plan["requests"]:
        if store.get(key) is None:
            # Re-adding a request that was already sent is harmless: the server answers a repeated key
            # with its first answer. Leaving one out would lose it.
            store.add(item_id=key, kind="service_request", case_key=f"service:{index % 3}", method="POST",
                      path=f"{API_PREFIX}/services/complaint/requests",
                      body={"values": {"subject": "roads", "description": f"req-{index}"}},
                      headers={CONSENT_HEADER: plan["consent"]}, label=f"req-{index}")
        worker.drain_once()
    deadline = time.time() + 60
    while store.items() and time.time() < deadline:
        if not worker.drain_once():
            time.sleep(0.02)
    left = len(store.items())
    print(f"drained, {left} left", flush=True)
    return 0 if left == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
