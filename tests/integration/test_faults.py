"""The outbox and the uploads through a misbehaving link: 5xx and 429 answers, a connection cut in the
middle of a chunk, a slow line. Nothing lost, nothing doubled, at most one chunk sent again."""

from __future__ import annotations

import hashlib
import os
import random

import pytest

from kiosk.api_client import ApiSession, KioskApi
from kiosk.contract import API_PREFIX, CONSENT_HEADER
from kiosk.outbox.store import OutboxStore
from kiosk.outbox.worker import OutboxWorker
from kiosk.uploads import CHUNK_SIZE, UploadSpool, Uploads
from tests.faultproxy import FaultProxy
from tests.integration.test_sandbox_api import SEEDED, consent_for

KEY = bytes(range(32))


@pytest.fixture
def proxy(sandbox):
    p = FaultProxy("127.0.0.1", sandbox.port)
    yield p
    p.close()


@pytest.fixture
def via_proxy(proxy, signed_in):
    api = KioskApi(ApiSession(proxy.url, get_retries=0, read_timeout=5))
    api.session.token_provider = lambda: signed_in.tokens.token
    return api


PROXY_PAGE = (b"HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nContent-Length: 44\r\nConnection: close\r\n\r\n"
              b"<html><body>Access denied by proxy</body></html>"[:44])
GATEWAY_PAGE = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
TOO_LARGE_PAGE = (b"HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: text/html\r\nContent-Length: 20\r\n"
                  b"Connection: close\r\n\r\n<html>too big</html>")


def test_outbox_rides_out_5xx_429_and_proxy_pages_and_sends_once(tmp_path, signed_in, sandbox, proxy, via_proxy):
    grant = consent_for(signed_in, sandbox, SEEDED)
    store = OutboxStore(tmp_path / "o.sqlite3", KEY)
    worker = OutboxWorker(store, lambda item: via_proxy.session.request(
        item.method, item.path, json_body=item.body, headers=item.headers, idempotency_key=item.id),
        base_delay=0.01, max_delay=0.05, rng=random.Random(3), operator=lambda: "clerk1")
    for i in range(5):
        store.add(kind="service_request", case_key="c", method="POST",
                  path=f"{API_PREFIX}/services/complaint/requests",
                  body={"values": {"subject": "roads", "description": f"f-{i}"}},
                  headers={CONSENT_HEADER: grant.consent_id}, operator="clerk1")
    # A proxy's own pages are not the server's refusal: retried with the same key, never marked refused.
    proxy.fail_next = [503, 429, PROXY_PAGE, 502, GATEWAY_PAGE, TOO_LARGE_PAGE, 429, 503]
    import time

    deadline = time.time() + 20
    while store.items() and time.time() < deadline:
        if not worker.drain_once():
            time.sleep(0.02)
    assert store.items() == [] and store.counts()["refused"] == 0
    with sandbox.db.tx() as c:
        rows = [r[0] for r in c.execute("SELECT form_values FROM service_requests")]
    assert sorted(rows) == sorted({r for r in rows}) and len(rows) == 5
    store.close()


def test_a_connection_cut_mid_chunk_resumes_without_sending_much_again(tmp_path, signed_in, sandbox, proxy,
                                                                      via_proxy):
    from kiosk.api_client import OfflineError

    grant = consent_for(signed_in, sandbox, SEEDED)
    draft = signed_in.create_draft({}, grant.consent_id)
    content = b"%PDF-1.4\n" + os.urandom(CHUNK_SIZE * 4) + b"\n%%EOF\n"
    spool = UploadSpool(tmp_path / "spool", KEY)
    job = spool.add(draft.draft_id, "deed", content, "d.pdf", "application/pdf", grant.consent_id)
    uploads = Uploads(spool, lambda: via_proxy)
    proxy.cut_after_upstream_bytes = int(CHUNK_SIZE * 1.5)  # inside the second PATCH of a fresh connection
    with pytest.raises(OfflineError):
        uploads.run(job)
    proxy.cut_after_upstream_bytes = None
    [pending] = spool.pending()
    info = uploads.run(pending)
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    resent = uploads.bytes_attempted - len(content)
    print(f"\npayload bytes put on the wire beyond the file after the cut: {resent} (chunk: {CHUNK_SIZE})")
    assert 0 <= resent <= CHUNK_SIZE
    spool.close()
