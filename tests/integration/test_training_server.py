"""The training server in its own process (kiosk/training.py): the port listens before the server has
imported anything, a request sent then is answered once it is up, pulling and restoring the "network"
keeps the port, the server leaves with the kiosk however the kiosk ends, a failed start is told, and the
kiosk's own process never carries FastAPI, uvicorn or the sandbox."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time

import pytest
import requests

from kiosk.training import TrainingServer, TrainingServerFailed
from tests.cagesession import alive

HEALTH = "/api/v1/health"


def test_a_request_sent_before_the_server_is_up_waits_and_is_answered(tmp_path):
    server = TrainingServer(tmp_path / "t.sqlite3")
    server.launch()
    try:
        # At once: the port already listens (a refused connection would put the kiosk offline).
        with socket.create_connection((server.host, server.port), timeout=1):
            pass
        answer = requests.get(server.url + HEALTH, timeout=(1, 30))
        assert answer.status_code == 200 and answer.json()["training"] is True
        assert server.wait_ready() == server.url
    finally:
        server.close()
    assert server.process is None


def test_pulling_the_network_refuses_and_restoring_it_serves_the_same_port_data_and_clock(tmp_path):
    server = TrainingServer(tmp_path / "t.sqlite3", clock_speed=1440)
    url = server.start()
    try:
        pid = server.process.pid
        login = requests.post(url + "/api/v1/auth/login", json={"username": "clerk1", "password": "amoozesh-1"},
                              timeout=10)
        assert login.status_code == 200, login.text
        auth = {"Authorization": f"Bearer {login.json()['token']}", "Idempotency-Key": "advance-a-week-0001"}
        advanced = requests.post(url + "/api/v1/training/clock/advance", json={"days": 7}, headers=auth, timeout=10)
        assert advanced.status_code == 200, advanced.text
        before = advanced.json()["now"]
        server.stop()
        with pytest.raises(requests.ConnectionError):  # refused, as with a pulled cable
            requests.get(url + HEALTH, timeout=2)
        time.sleep(0.5)
        assert server.start() == url
        assert server.process.pid == pid  # the same server: it only listened again
        del auth["Idempotency-Key"]
        me = requests.get(url + "/api/v1/auth/me", headers=auth, timeout=10)
        assert me.status_code == 200 and me.json()["username"] == "clerk1"  # the same database
        after = requests.get(url + "/api/v1/training/clock", headers=auth, timeout=10).json()["now"]
        assert after > before  # the case clock went on (a day a minute), not back to the last event
        server.stop()
        server.stop()  # twice: nothing more
        assert server.start() == url and server.start() == url
    finally:
        server.close()


@pytest.mark.skipif(os.name != "posix", reason="kill -9 and /proc")
@pytest.mark.parametrize("how", ["kill", "exit"])
def test_the_server_leaves_with_the_kiosk_however_the_kiosk_ends(tmp_path, how):
    kiosk = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import os, sys, time
        from kiosk.training import TrainingServer
        s = TrainingServer({str(tmp_path / 't.sqlite3')!r})
        s.start()
        print(s.process.pid, s.port, flush=True)
        if {how!r} == "exit":
            os._exit(0)  # no clean-up at all: the pipe's end alone tells the server
        time.sleep(600)
    """)], stdout=subprocess.PIPE, text=True)
    with kiosk:
        child, port = (int(x) for x in kiosk.stdout.readline().split())
        assert alive(child)
        if how == "kill":
            kiosk.send_signal(signal.SIGKILL)
        kiosk.wait(30)
    deadline = time.monotonic() + 15
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child), "the training server outlived its kiosk"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_a_server_that_cannot_start_is_told_not_waited_for(tmp_path):
    folder = tmp_path / "not-a-database"
    folder.mkdir()  # SQLite cannot open a folder
    server = TrainingServer(folder)
    server.launch()
    try:
        with pytest.raises(TrainingServerFailed):
            server.wait_ready()
    finally:
        server.close()


def test_training_mode_keeps_the_server_out_of_the_kiosks_process(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    script = textwrap.dedent(f"""
        import sys
        from kiosk.__main__ import main
        rc = main(["--training", "--training-db", {str(tmp_path / 't.sqlite3')!r}, "--exit-after-start"])
        inside = sorted(m for m in ("fastapi", "uvicorn", "starlette", "kiosk.sandbox") if m in sys.modules)
        print("inside:", ",".join(inside) or "-", flush=True)
        sys.exit(rc)
    """)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "server ready in" in result.stdout
    assert "inside: -" in result.stdout, result.stdout
