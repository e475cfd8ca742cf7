"""Kill the kiosk, kill the server, and count on the server: the harness behind
tests/integration/test_outbox_crashes.py and benchmarks/kills.py (its long mode: ≥ 200 kiosk kills and
≥ 50 server kills).

- :func:`kiosk_kills`: an outbox process (tests/integration/outbox_child.py) queues and drains requests and is
  killed with SIGKILL at random moments; every later run only drains — nothing is ever added again by the
  harness, so a request the outbox itself lost stays lost and is counted. Each kill is classified by where it
  landed (while queueing, with a request in flight, after the server committed it but before the kiosk
  heard, idle).
- :func:`server_kills`: the sandbox runs in its own process behind a fault proxy. At the first byte of the
  answer to a queued request (the request and its answer are committed by then) the proxy freezes the server
  with SIGSTOP and kills it with SIGKILL; other kills land at random moments, mid-request. The server is
  started again on the same database and port; the outbox rides it out with the same keys.

Both return figures (dicts) and leave the verdict to the caller: every request the outbox said it queued
arrived exactly once; none arrived twice.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVICE_PATH = "/api/v1/services/complaint/requests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def arrivals(db_path: Path) -> Counter:
    """Descriptions of the complaints the server holds, read from its database file."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        rows = conn.execute("SELECT form_values FROM service_requests").fetchall()
    finally:
        conn.close()
    return Counter(json.loads(r[0]).get("description", "") for r in rows)


def sign_in_and_consent(url: str, db_path: Path) -> tuple[str, str]:
    """A clerk's token and the seeded citizen's consent, from a sandbox whose database is at ``db_path``."""
    from kiosk.api_client import ApiSession, KioskApi
    from kiosk.domain.digits import to_ascii_digits

    api = KioskApi(ApiSession(url, get_retries=3))
    token = api.login("clerk1", "amoozesh-1").token
    api.session.token_provider = lambda: token
    challenge = api.request_otp("0499370899", "09131234567")
    conn = sqlite3.connect(str(db_path), timeout=10)
    text = conn.execute("SELECT text FROM sms_inbox ORDER BY id DESC LIMIT 1").fetchone()[0]
    conn.close()
    code = re.search(r"\d{6}", to_ascii_digits(text)).group(0)
    return token, api.verify_otp(challenge.challenge_id, code).consent_id


class Child:
    """One run of the outbox process, its output read as it comes."""

    def __init__(self, plan_path: Path, first: int | None):
        cmd = [sys.executable, "-m", "tests.integration.outbox_child", str(plan_path)]
        if first is not None:
            cmd.append(str(first))
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("ready"):
                self.ready.set()
        self.ready.set()  # ended before it was ready: do not wait for it

    def kill(self) -> bool:
        if self.proc.poll() is not None:
            return False
        self.proc.send_signal(signal.SIGKILL)
        return True

    def wait(self, timeout: float = 120) -> tuple[int, str]:
        rc = self.proc.wait(timeout)
        self._reader.join(5)
        err = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return rc, err


class Tally:
    def __init__(self):
        self.queued: dict[str, str] = {}  # key -> description, once the outbox said it was on disk
        self.index_done = -1
        self.kills: Counter = Counter()

    def read(self, lines: list[str]) -> tuple[str | None, bool]:
        """Takes in a run's output; returns (the key in flight when it ended, whether queueing was done)."""
        in_flight = None
        for line in lines:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "queued":
                self.queued[parts[1]] = parts[2]
                self.index_done = int(parts[3])
            elif parts[0] == "sending":
                in_flight = parts[1]
            elif parts[0] in ("sent", "refused") and parts[1] == in_flight:
                in_flight = None
        return in_flight, False


def kiosk_kills(url: str, server_db: Path, tmp: Path, *, kills: int, count: int | None = None, seed: int = 1405,
                token: str | None = None, consent: str | None = None) -> dict:
    """SIGKILLs of the outbox process; returns the figures (see the module's docstring). ``count`` requests
    (default: enough that queueing goes on until the last kill) are queued across the runs."""
    count = count or max(40, kills * 80)  # enough that queueing goes on until the last kill
    if token is None:
        token, consent = sign_in_and_consent(url, server_db)
    folder = tmp / "kiosk"
    folder.mkdir(parents=True, exist_ok=True)
    tag = f"k{seed}"
    plan = {"url": url, "dir": str(folder), "key_hex": os.urandom(32).hex(), "token": token, "consent": consent,
            "count": count, "tag": tag}
    plan_path = tmp / "plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    rng = random.Random(seed)
    tally = Tally()
    delivered = 0
    runs = 0
    while delivered < kills and runs < kills * 3:  # the kills asked for, delivered (a run may end first)
        runs += 1
        first = tally.index_done + 1 if tally.index_done + 1 < count else None
        child = Child(plan_path, first)
        # One request takes ~10-20 ms: kills land while queueing, in flight, and between. The clock starts
        # when the child says it is ready, so a loaded machine's slow start-up does not eat the kills.
        child.ready.wait(60)
        time.sleep(rng.uniform(0.0, 0.75))
        killed = child.kill()
        child.wait()
        in_flight, _ = tally.read(child.lines)
        if not killed:
            tally.kills["run ended before the kill"] += 1
            continue
        delivered += 1
        if first is not None and tally.index_done + 1 < count:
            tally.kills["while queueing"] += 1
        if in_flight is not None:
            on_server = tally.queued.get(in_flight) in arrivals(server_db)
            tally.kills["with a request in flight"] += 1
            if on_server:
                tally.kills["after the server committed, before the kiosk heard"] += 1
        elif first is None:
            tally.kills["between requests"] += 1
    # The last run is not killed and queues nothing: it drains what the killed runs left.
    final = Child(plan_path, None)
    rc, err = final.wait(180)
    tally.read(final.lines)
    got = arrivals(server_db)
    mine = {d: n for d, n in got.items() if d.startswith(tag + "-")}
    return {
        "kiosk_kills": delivered, "requests_queued": len(tally.queued),
        "lost": sum(1 for d in tally.queued.values() if mine.get(d, 0) == 0),
        "duplicated": sum(1 for n in mine.values() if n > 1),
        "arrived_unconfirmed": sum(1 for d in mine if d not in tally.queued.values()),
        "kills_by_moment": dict(tally.kills), "final_run_rc": rc, "final_run_stderr": err[-2000:],
    }


class SandboxProcess:
    """`kiosk sandbox` in a process of its own, restartable on the same database and port."""

    def __init__(self, db_path: Path, port: int):
        self.db_path = db_path
        self.port = port
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> None:
        import requests

        log = self.db_path.with_suffix(".log")
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "sandbox", "--host", "127.0.0.1", "--port", str(self.port), "--db",
                 str(self.db_path)], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                stdout=out, stderr=out)
        self.starts += 1
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the sandbox process ended at start: " + log.read_text(errors="replace")[-1500:])
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError("the sandbox did not answer in time")

    def freeze_and_kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGSTOP)  # frozen with its answer written, not yet delivered
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def server_kills(tmp: Path, *, kills: int, count: int | None = None, seed: int = 3890) -> dict:
    """SIGKILLs of the server: half at the first byte of an answer (after commit), half at random moments."""
    from tests.faultproxy import FaultProxy

    count = count or max(30, kills * 8)
    server = SandboxProcess(tmp / "sandbox.sqlite3", free_port())
    server.start()
    proxy = FaultProxy("127.0.0.1", server.port)
    token, consent = sign_in_and_consent(server.url, server.db_path)
    folder = tmp / "kiosk"
    folder.mkdir(parents=True, exist_ok=True)
    tag = f"s{seed}"
    plan = {"url": proxy.url, "dir": str(folder), "key_hex": os.urandom(32).hex(), "token": token,
            "consent": consent, "count": count, "tag": tag, "drain_seconds": 60 + kills * 10, "read_timeout": 3,
            "pace": 0.1}
    plan_path = tmp / "plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    rng = random.Random(seed)
    armed = threading.Event()
    fired = threading.Event()

    def hook(request_line: str, first_bytes: bytes) -> str:
        if armed.is_set() and request_line.startswith("POST " + SERVICE_PATH):
            armed.clear()
            server.freeze_and_kill()
            fired.set()
            return "cut"
        return "pass"

    proxy.answer_hook = hook
    figures = Counter()
    child = Child(plan_path, 0)
    try:
        for n in range(kills):
            time.sleep(rng.uniform(0.05, 0.4))
            if n % 2 == 0:
                fired.clear()
                armed.set()
                if fired.wait(15):
                    figures["at the first byte of an answer (after commit)"] += 1
                else:
                    armed.clear()
                    server.freeze_and_kill()
                    figures["at a random moment (nothing was being answered)"] += 1
            else:
                server.freeze_and_kill()
                figures["at a random moment"] += 1
            time.sleep(rng.uniform(0.0, 0.5))  # the kiosk meets a dead server for a while
            server.start()
        rc, err = child.wait(plan["drain_seconds"] + 60)
    finally:
        proxy.close()
        server.stop()
    tally = Tally()
    tally.read(child.lines)
    mine = {d: n for d, n in arrivals(server.db_path).items() if d.startswith(tag + "-")}
    return {
        "server_kills": sum(figures.values()), "server_starts": server.starts, "requests_queued": len(tally.queued),
        "lost": sum(1 for d in tally.queued.values() if mine.get(d, 0) == 0),
        "duplicated": sum(1 for v in mine.values() if v > 1),
        "kills_by_moment": dict(figures), "answers_cut": proxy.cuts, "child_rc": rc, "child_stderr": err[-2000:],
    }


def body_cuts(url_host: str, port: int, server_db: Path, tmp: Path, *, cuts: int, seed: int = 66) -> dict:
    """Requests whose body is cut half-way (the connection dies mid-body, as when a kiosk is killed while
    sending): the half body must never be carried out nor poison the key, and the retry must go through."""
    from tests.faultproxy import FaultProxy

    proxy = FaultProxy(url_host, port)
    token, consent = sign_in_and_consent(f"http://{url_host}:{port}", server_db)
    rng = random.Random(seed)
    left = {"n": cuts}

    def cut(request_line: str) -> bool:
        if left["n"] > 0 and request_line.startswith("POST " + SERVICE_PATH) and rng.random() < 0.6:
            left["n"] -= 1
            return True
        return False

    proxy.body_cut = cut
    folder = tmp / "kiosk-cuts"
    folder.mkdir(parents=True, exist_ok=True)
    tag = f"b{seed}"
    plan = {"url": proxy.url, "dir": str(folder), "key_hex": os.urandom(32).hex(), "token": token, "consent": consent,
            "count": max(20, int(cuts * 1.8)), "tag": tag, "drain_seconds": 60 + cuts}
    plan_path = tmp / "cut-plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    child = Child(plan_path, 0)
    rc, err = child.wait(plan["drain_seconds"] + 60)
    proxy.close()
    tally = Tally()
    tally.read(child.lines)
    mine = {d: n for d, n in arrivals(server_db).items() if d.startswith(tag + "-")}
    return {"bodies_cut": proxy.body_cuts, "requests_queued": len(tally.queued),
            "lost": sum(1 for d in tally.queued.values() if mine.get(d, 0) == 0),
            "duplicated": sum(1 for v in mine.values() if v > 1), "child_rc": rc, "child_stderr": err[-2000:]}
