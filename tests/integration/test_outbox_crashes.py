"""Kill the kiosk's outbox with SIGKILL at random moments of queueing and draining, and kill the server
between committing a request and answering it; then count on the server: every request the outbox said
was queued arrived, none twice. Nothing is re-added after a kill (tests/killharness.py).

The default run uses a moderate number of kills; KIOSK_KILL_RUNS and KIOSK_SERVER_KILL_RUNS make it longer
(benchmarks/kills.py --long runs 200 and 50 and writes the figures to benchmarks/RESULTS.md).
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.domain.digits import to_ascii_digits
from tests.killharness import body_cuts, kiosk_kills, server_kills

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("KIOSK_KILL_RUNS", "25"))
SERVER_KILLS = int(os.environ.get("KIOSK_SERVER_KILL_RUNS", "6"))


def consent(api, sandbox):
    challenge = api.request_otp("0499370899", "09131234567")
    with sandbox.db.tx() as c:
        text = c.execute("SELECT text FROM sms_inbox ORDER BY id DESC LIMIT 1").fetchone()[0]
    return api.verify_otp(challenge.challenge_id, re.search(r"\d{6}", to_ascii_digits(text)).group(0)).consent_id


@pytest.mark.slow
def test_nothing_lost_nothing_doubled_under_random_kiosk_kills(tmp_path, live_sandbox):
    figures = kiosk_kills(live_sandbox.url, Path(live_sandbox.db.path), tmp_path, kills=KILLS,
                          seed=int(os.environ.get("KIOSK_KILL_SEED", "1405")))
    print("\n" + json.dumps(figures, ensure_ascii=False, indent=1))
    assert figures["final_run_rc"] == 0, figures["final_run_stderr"]
    assert figures["requests_queued"] >= 30
    assert figures["lost"] == 0 and figures["duplicated"] == 0
    moments = figures["kills_by_moment"]
    # The kills must land where it hurts, or the test proves nothing.
    assert moments.get("with a request in flight", 0) >= max(2, KILLS // 8), moments
    assert moments.get("while queueing", 0) >= 1, moments


@pytest.mark.slow
def test_a_server_killed_between_commit_and_answer_does_nothing_twice(tmp_path):
    figures = server_kills(tmp_path, kills=SERVER_KILLS)
    print("\n" + json.dumps(figures, ensure_ascii=False, indent=1))
    assert figures["child_rc"] == 0, figures["child_stderr"]
    assert figures["lost"] == 0 and figures["duplicated"] == 0
    assert figures["kills_by_moment"].get("at the first byte of an answer (after commit)", 0) >= SERVER_KILLS // 3
    assert figures["answers_cut"] >= 1


@pytest.mark.slow
def test_bodies_cut_half_way_are_never_carried_out_and_their_retries_go_through(tmp_path, live_sandbox):
    figures = body_cuts("127.0.0.1", live_sandbox.port, Path(live_sandbox.db.path), tmp_path, cuts=10)
    print("\n" + json.dumps(figures, ensure_ascii=False, indent=1))
    assert figures["child_rc"] == 0, figures["child_stderr"]
    assert figures["bodies_cut"] == 10 and figures["lost"] == 0 and figures["duplicated"] == 0


@pytest.mark.slow
def test_an_upload_killed_again_and_again_arrives_whole_and_once(tmp_path, live_sandbox):
    import hashlib

    from kiosk.api_client import ApiSession, KioskApi
    from tests.faultproxy import FaultProxy

    api = KioskApi(ApiSession(live_sandbox.url, get_retries=0))
    token = api.login("clerk1", "amoozesh-1").token
    api.session.token_provider = lambda: token
    grant = consent(api, live_sandbox)
    draft = api.create_draft({}, grant)
    content = b"%PDF-1.4\n" + os.urandom(3 * 1024 * 1024) + b"\n%%EOF\n"
    (tmp_path / "deed.pdf").write_bytes(content)
    proxy = FaultProxy("127.0.0.1", live_sandbox.port, rate_bps=4 * 1024 * 1024)  # ~0.8 s for the file
    plan = {"url": proxy.url, "spool": str(tmp_path / "spool"), "key_hex": os.urandom(32).hex(), "token": token,
            "consent": grant, "draft": draft.draft_id, "file": str(tmp_path / "deed.pdf")}
    plan_path = tmp_path / "upload-plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    rng = random.Random(11)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "tests.integration.upload_child", str(plan_path)]
    kills = max(KILLS // 3, 6)
    for _ in range(kills):
        child = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 0.7))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    final = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    proxy.close()
    assert final.returncode == 0, final.stderr[-2000:]
    item = next(i for i in api.checklist(draft.draft_id, grant) if i.id == "deed")
    assert item.document.sha256 == hashlib.sha256(content).hexdigest()
    uploads_dir = Path(live_sandbox.db.path + ".files") / "uploads"
    created = [p for p in uploads_dir.iterdir() if len(p.name) == 32]
    print(f"\nupload kill runs: {kills}, tus uploads created on the server: {len(created)}")
    assert len(created) == 1  # resumed every time, never a second upload
