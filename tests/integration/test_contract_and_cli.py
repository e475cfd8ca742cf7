"""The committed contract is current; the command line starts, paints and exits."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from kiosk.sandbox.openapi import openapi_json

ROOT = Path(__file__).resolve().parents[2]


def test_committed_openapi_is_current():
    committed = (ROOT / "docs" / "api" / "openapi.json").read_text(encoding="utf-8")
    assert committed == openapi_json(), "run: .venv/bin/kiosk openapi --output docs/api/openapi.json"


def test_training_start_paints_and_exits(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--training", "--training-db", str(tmp_path / "t.sqlite3"),
         "--exit-after-start"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^ready in \d+ ms$", result.stdout, re.M)
    assert re.search(r"^server ready in \d+ ms$", result.stdout, re.M)
    assert "Traceback" not in result.stderr


def test_unreachable_server_is_reported_not_crashed(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-m", "kiosk", "--server", "http://127.0.0.1:9", "--exit-after-start"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "server NOT reachable" in result.stdout
    assert "Traceback" not in result.stderr


def test_command_line_refuses_ambiguous_modes():
    result = subprocess.run([sys.executable, "-m", "kiosk"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--training" in result.stderr


def test_sandbox_command_serves_the_api(tmp_path):
    import socket
    import time

    import requests

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sandbox", "--port", str(port),
                             "--db", str(tmp_path / "s.sqlite3")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).json()
                break
            except requests.ConnectionError:
                assert proc.poll() is None and time.monotonic() < deadline, "the sandbox did not start"
                time.sleep(0.1)
        assert health["training"] is True
        assert (tmp_path / "s.sqlite3").exists()
    finally:
        proc.terminate()
        proc.communicate(timeout=15)  # also closes the pipes
