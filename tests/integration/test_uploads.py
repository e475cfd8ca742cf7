"""Resumable uploads over tus against the real sandbox: chunked, resumed after an interruption or a new
process, bound only when size and hash match, never written to without a signed-in operator."""

from __future__ import annotations

import hashlib
import os

import pytest
import requests

from kiosk.api_client import ValidationFailed
from kiosk.contract import UPLOADS_PATH
from kiosk.uploads import CHUNK_SIZE, UploadSpool, Uploads
from tests.integration.test_sandbox_api import SEEDED, consent_for

KEY = bytes(range(32))


def pdf(size: int) -> bytes:
    body = os.urandom(size - 20)
    return b"%PDF-1.4\n" + body + b"\n%%EOF\n\n\n\n"


@pytest.fixture
def grant(signed_in, sandbox):
    return consent_for(signed_in, sandbox, SEEDED)


@pytest.fixture
def spool(tmp_path):
    s = UploadSpool(tmp_path / "spool", KEY)
    yield s
    s.close()


def test_a_document_goes_up_in_chunks_and_is_bound(signed_in, grant, spool, tmp_path):
    draft = signed_in.create_draft({}, grant.consent_id)
    content = pdf(CHUNK_SIZE * 3 + 1000)
    job = spool.add(draft.draft_id, "deed", content, "سند.pdf", "application/pdf", grant.consent_id)
    raw = b"".join(p.read_bytes() for p in (tmp_path / "spool").iterdir())
    assert content[100:200] not in raw  # encrypted at rest
    seen = []
    uploads = Uploads(spool, lambda: signed_in)
    info = uploads.run(job, progress=lambda done, total: seen.append(done))
    assert info.sha256 == hashlib.sha256(content).hexdigest() and info.size == len(content)
    assert seen[0] == 0 and seen[-1] == len(content) and len(seen) == 5  # 4 chunks
    assert uploads.bytes_sent == len(content)
    assert spool.pending() == []
    item = next(i for i in signed_in.checklist(draft.draft_id, grant.consent_id) if i.id == "deed")
    assert item.document.filename == "سند.pdf"


def test_an_interrupted_upload_resumes_in_a_new_process_sending_only_the_rest(signed_in, grant, tmp_path):
    draft = signed_in.create_draft({}, grant.consent_id)
    content = pdf(CHUNK_SIZE * 4)
    spool = UploadSpool(tmp_path / "spool", KEY)
    job = spool.add(draft.draft_id, "deed", content, "deed.pdf", "application/pdf", grant.consent_id)
    chunks = []
    first = Uploads(spool, lambda: signed_in)
    assert first.run(job, progress=lambda d, t: chunks.append(d), cancelled=lambda: len(chunks) > 2) is None
    sent_before = first.bytes_sent
    assert sent_before == 2 * CHUNK_SIZE
    spool.close()
    # "restart": a new spool and uploader find the job and its URL on disk
    reopened = UploadSpool(tmp_path / "spool", KEY)
    [pending] = reopened.pending()
    assert pending.url is not None
    second = Uploads(reopened, lambda: signed_in)
    info = second.run(pending)
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert second.bytes_sent == len(content) - sent_before  # nothing sent twice
    reopened.close()


def test_a_dropped_connection_is_offline_and_resumable(signed_in, grant, spool, sandbox):
    from kiosk.api_client import OfflineError

    draft = signed_in.create_draft({}, grant.consent_id)
    content = pdf(CHUNK_SIZE * 2 + 5)
    job = spool.add(draft.draft_id, "deed", content, "d.pdf", "application/pdf", grant.consent_id)
    uploads = Uploads(spool, lambda: signed_in)
    stopped = []

    def progress(done, total):
        if done >= CHUNK_SIZE and not stopped:
            stopped.append(True)
            sandbox.stop()

    with pytest.raises(OfflineError):
        uploads.run(job, progress=progress)
    sandbox.start()
    assert uploads.run(spool.pending()[0]).size == len(content)
    assert uploads.bytes_attempted <= len(content) + CHUNK_SIZE  # at most one chunk again


def test_patch_without_a_token_writes_nothing(signed_in, grant, spool, sandbox):
    draft = signed_in.create_draft({}, grant.consent_id)
    content = pdf(CHUNK_SIZE * 2)
    job = spool.add(draft.draft_id, "deed", content, "d.pdf", "application/pdf", grant.consent_id)
    uploads = Uploads(spool, lambda: signed_in)
    uploads.run(job, cancelled=lambda: True)  # only creates the upload
    url = spool.pending()[0].url
    r = requests.patch(url, data=b"x" * 1000, headers={"Tus-Resumable": "1.0.0", "Upload-Offset": "0",
                                                      "Content-Type": "application/offset+octet-stream"}, timeout=5)
    assert r.status_code == 401
    head = requests.head(url, headers={"Tus-Resumable": "1.0.0",
                                       "Authorization": f"Bearer {signed_in.tokens.token}"}, timeout=5)
    assert head.headers["upload-offset"] == "0"
    assert requests.post(sandbox.url + UPLOADS_PATH, headers={"Tus-Resumable": "1.0.0",
                                                                     "Upload-Length": "10"}, timeout=5).status_code == 401


def test_a_file_that_does_not_match_its_hash_is_not_bound(signed_in, grant, spool, monkeypatch):
    draft = signed_in.create_draft({}, grant.consent_id)
    content = pdf(CHUNK_SIZE)
    job = spool.add(draft.draft_id, "deed", content, "d.pdf", "application/pdf", grant.consent_id)
    job.sha256 = "0" * 64  # what the kiosk computed differs from what arrived
    monkeypatch.setattr(spool, "content", lambda j: content)  # past the spool's own check of its bytes
    uploads = Uploads(spool, lambda: signed_in)
    with pytest.raises(ValidationFailed) as info:
        uploads.run(job)
    assert info.value.code == "file_hash"
    assert uploads.bytes_attempted == 2 * len(content)  # sent again from the start once, then refused
    item = next(i for i in signed_in.checklist(draft.draft_id, grant.consent_id) if i.id == "deed")
    assert item.document is None


def test_an_upload_interrupted_at_one_counter_goes_on_at_another(signed_in, grant, spool, sandbox, monkeypatch):
    """The citizen moves to another clerk's counter with the same scan: the upload is the new clerk's own,
    never refused forever as another operator's key."""
    draft = signed_in.create_draft({}, grant.consent_id)
    content = pdf(CHUNK_SIZE * 2)
    job = spool.add(draft.draft_id, "deed", content, "deed.pdf", "application/pdf", grant.consent_id)
    real_set_url = spool.set_url
    monkeypatch.setattr(spool, "set_url", lambda j, url: None)  # clerk1's kiosk dies before saving the URL
    Uploads(spool, lambda: signed_in, operator=lambda: "clerk1").run(job, cancelled=lambda: True)
    monkeypatch.setattr(spool, "set_url", real_set_url)
    assert spool.pending()[0].url is None  # created on the server by clerk1; the kiosk never heard where
    other = type(signed_in)(type(signed_in.session)(sandbox.url, get_retries=0))
    token = other.login("clerk3", "amoozesh-3").token
    other.session.token_provider = lambda: token
    grant3 = consent_for(other, sandbox, SEEDED)
    again = spool.add(draft.draft_id, "deed", content, "deed.pdf", "application/pdf", grant3.consent_id)
    info = Uploads(spool, lambda: other, operator=lambda: "clerk3").run(again)
    assert info.sha256 == hashlib.sha256(content).hexdigest() and spool.pending() == []


def test_a_bind_done_before_a_kill_is_done_again_harmlessly_at_the_next_visit(signed_in, grant, spool, sandbox,
                                                                            monkeypatch):
    """The bind committed, the kiosk died before forgetting the job; the citizen comes back (a new consent)
    and the same scan is attached again: it binds (the same document), never a refusal forever."""
    draft = signed_in.create_draft({}, grant.consent_id)
    content = pdf(CHUNK_SIZE)
    job = spool.add(draft.draft_id, "deed", content, "deed.pdf", "application/pdf", grant.consent_id)
    uploads = Uploads(spool, lambda: signed_in, operator=lambda: "clerk1")
    monkeypatch.setattr(spool, "done", lambda j: None)  # killed right after the bind: the job stays
    uploads.run(job)
    monkeypatch.undo()
    grant2 = consent_for(signed_in, sandbox, SEEDED)
    again = spool.add(draft.draft_id, "deed", content, "deed.pdf", "application/pdf", grant2.consent_id)
    info = uploads.run(again)
    assert info.sha256 == hashlib.sha256(content).hexdigest() and spool.pending() == []


def test_a_gateways_redirect_of_the_upload_creation_is_not_followed(signed_in, grant, spool, sandbox):
    """The file and the clerk's token never go where a gateway points: a 307 is not followed, a Location on
    another server is refused, and the same upload goes on once the gateway lets it through."""
    from kiosk.api_client import ApiSession, KioskApi, OfflineError
    from tests.faultproxy import FaultProxy

    proxy = FaultProxy("127.0.0.1", sandbox.port)
    try:
        api = KioskApi(ApiSession(proxy.url, get_retries=0, token_provider=lambda: signed_in.tokens.token))
        draft = signed_in.create_draft({}, grant.consent_id)
        content = pdf(CHUNK_SIZE)
        job = spool.add(draft.draft_id, "deed", content, "deed.pdf", "application/pdf", grant.consent_id)
        uploads = Uploads(spool, lambda: api)
        proxy.fail_next = [b"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:9/api/v1/uploads/\r\n"
                           b"Content-Length: 0\r\nConnection: close\r\n\r\n"]
        with pytest.raises(OfflineError):
            uploads.run(job)
        assert spool.pending()[0].url is None
        info = uploads.run(spool.pending()[0])
        assert info.sha256 == hashlib.sha256(content).hexdigest()
    finally:
        proxy.close()
