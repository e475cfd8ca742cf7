"""The committed contract is current; the command line starts, paints and exits."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.sandbox.openapi import openapi_json

ROOT = Path(__file__).resolve().parents[2]


def test_committed_openapi_is_current():
    committed = (ROOT / "docs" / "api" / "openapi.json").read_text(encoding="utf-8")
    assert committed == openapi_json(), "run: .venv/bin/kiosk openapi --output docs/api/openapi.json"


def test_the_guard_answers_the_addresses_and_methods_of_the_served_contract():
    """The guard reads its table from the routes (fast); the contract's document is the truth."""
    from kiosk.sandbox.app import create_app
    from kiosk.sandbox.db import Database
    from kiosk.sandbox.guards import HTTP_METHODS
    from kiosk.sandbox.openapi import served_operations

    db = Database(":memory:")
    try:
        app = create_app(db)
        spec = {path: frozenset(m.upper() for m in ops if m in HTTP_METHODS) for path, ops in app.openapi()["paths"].items()}
        assert served_operations(app) == spec
        assert len(spec) >= 30
    finally:
        db.close()


def test_the_contract_states_the_idempotency_rules_on_every_mutating_operation():
    import json

    spec = json.loads((ROOT / "docs" / "api" / "openapi.json").read_text(encoding="utf-8"))
    overview = spec["info"]["description"]
    for rule in ("Atomic", "body_incomplete", "request_in_progress", "idempotency_key_foreign", "Retention",
                 "x-consent-grace-hours", "sha256", "Location", "carries the same `Idempotency-Key` header back",
                 "idempotency_record_unverifiable", "Redirects"):
        assert rule in overview, rule
    mutating = [(m, p, op) for p, ops in spec["paths"].items() for m, op in ops.items()
                if m in ("post", "put", "patch", "delete")]
    assert len(mutating) >= 25
    for method, path, op in mutating:
        assert any(x["name"] == "Idempotency-Key" for x in op["parameters"]), (method, path)
        for status in ("400", "403", "409", "422"):
            assert status in op["responses"], (method, path, status)
        ok = [r for s, r in op["responses"].items() if s.startswith("2")]
        assert ok and all("Idempotent-Replayed" in r.get("headers", {}) for r in ok), (method, path)
        assert all("Idempotency-Key" in r.get("headers", {}) for r in op["responses"].values()), (method, path)
    grace = {(m, p) for m, p, op in mutating if op.get("x-consent-grace-hours") == 24}
    assert ("post", "/api/v1/drafts/{draft_id}/submit") in grace
    assert ("post", "/api/v1/efiles") not in grace  # only what a counter may have queued


def test_a_second_kiosk_on_the_same_data_folder_says_so_and_leaves(tmp_path):
    from kiosk.platform import InstanceLock

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    folder = tmp_path / "data" / "isfahan-kiosk"
    folder.mkdir(parents=True)
    lock = InstanceLock(folder).acquire()  # the first kiosk
    try:
        result = subprocess.run([sys.executable, "-m", "kiosk", "--server", "http://127.0.0.1:9", "--exit-after-start"],
                                env=env, capture_output=True, text=True, timeout=120)
    finally:
        lock.release()
    assert result.returncode == 3
    assert "پیشخوان دیگری" in result.stderr and "Traceback" not in result.stderr


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


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes; on Windows the profile's ACL keeps the files private")
def test_every_file_the_kiosk_writes_is_the_users_alone(tmp_path):
    """The outbox, its WAL, the spool, the training database, the log: 0600 in 0700 folders, whatever umask
    the session had."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run(["sh", "-c", f"umask 022 && exec {sys.executable} -m kiosk --training --exit-after-start"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    made = [p for p in tmp_path.rglob("*") if "isfahan-kiosk" in p.parts]
    assert any(p.name == "kiosk.log" for p in made) and any(p.suffix == ".sqlite3" for p in made), made
    assert any(p.is_dir() for p in made)
    loose = [(str(p), oct(p.stat().st_mode & 0o777)) for p in made if p.stat().st_mode & 0o077]
    folders = [p for p in tmp_path.rglob("isfahan-kiosk") if p.is_dir()]
    loose += [(str(p), oct(p.stat().st_mode & 0o777)) for p in folders if p.stat().st_mode & 0o077]
    assert not loose, loose


def test_unreachable_server_is_reported_not_crashed(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-m", "kiosk", "--server", "http://127.0.0.1:9", "--exit-after-start"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "server NOT reachable" in result.stdout
    assert "Traceback" not in result.stderr


def test_command_line_refuses_ambiguous_modes():
    result = subprocess.run([sys.executable, "-m", "kiosk", "--training", "--server", "http://x"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--training" in result.stderr


def _live_env(tmp_path, system: str | None, user: str | None = None):
    """A temporary root: the administrator's folder (root-owned when the suite runs as root, as ./test
    does) with only kiosk.toml in it, and the clerk's own folders."""
    etc = tmp_path / "etc" / "isfahan-kiosk"
    etc.mkdir(parents=True)
    if system is not None:
        (etc / "kiosk.toml").write_text(system, encoding="utf-8")
    if user is not None:
        (tmp_path / "config" / "isfahan-kiosk").mkdir(parents=True)
        (tmp_path / "config" / "isfahan-kiosk" / "kiosk.toml").write_text(user, encoding="utf-8")
    return etc, dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_SYSTEM_DIR=str(etc),
                     XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"),
                     XDG_CONFIG_HOME=str(tmp_path / "config"))


ROOT_RUN = pytest.mark.skipif(getattr(os, "geteuid", lambda: 1)() != 0,
                              reason="the administrator's folder must be root's: ./test runs as root")


@ROOT_RUN
def test_the_live_kiosk_starts_from_the_system_file_alone(tmp_path, live_sandbox):
    _etc, env = _live_env(tmp_path, f'server_url = "{live_sandbox.url}"\n',
                          user='server_url = "http://127.0.0.1:9"\n')  # the clerk's file cannot move it
    result = subprocess.run([sys.executable, "-m", "kiosk", "--exit-after-start"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^server ready in \d+ ms$", result.stdout, re.M)


@ROOT_RUN
def test_a_locked_setting_cannot_be_overridden_from_the_command_line(tmp_path, live_sandbox):
    _etc, env = _live_env(tmp_path, f'server_url = "{live_sandbox.url}"\n')
    result = subprocess.run([sys.executable, "-m", "kiosk", "--server", "http://127.0.0.1:9", "--exit-after-start"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "قفل" in result.stderr and "kiosk.toml" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    same = subprocess.run([sys.executable, "-m", "kiosk", "--server", live_sandbox.url, "--exit-after-start"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert same.returncode == 0, same.stderr  # saying what the lock says is not overriding it


@ROOT_RUN
def test_a_system_file_others_can_write_is_refused_and_said(tmp_path, live_sandbox):
    etc, env = _live_env(tmp_path, f'server_url = "{live_sandbox.url}"\n')
    os.chmod(etc / "kiosk.toml", 0o666)
    result = subprocess.run([sys.executable, "-m", "kiosk", "--exit-after-start"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "مدیر" in result.stderr and "Traceback" not in result.stderr  # refused, and no server to fall back on


def test_no_server_anywhere_says_how_to_set_one(tmp_path):
    _etc, env = _live_env(tmp_path, None)
    result = subprocess.run([sys.executable, "-m", "kiosk", "--exit-after-start"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2 and "server_url" in result.stderr and "--training" in result.stderr


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


def test_outbox_status_and_key_rotation_from_the_command_line(tmp_path):
    """`kiosk outbox rotate-key` re-encrypts what waits; `status` reads it back under the new key."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    queue = ("from kiosk import paths; from kiosk.outbox.storage import open_storage\n"
             "s = open_storage(paths.data_dir(), paths.config_dir())\n"
             "s.store.add(kind='service_request', case_key='c', method='POST', path='/x', body={'n': 1}, operator='a')\n"
             "s.close()\n")
    subprocess.run([sys.executable, "-c", queue], env=env, check=True, timeout=60)
    rotated = subprocess.run([sys.executable, "-m", "kiosk", "outbox", "rotate-key"], env=env, capture_output=True,
                             text=True, timeout=60)
    assert rotated.returncode == 0, rotated.stderr
    assert re.search(r"new key [0-9a-f]{16}: 1 queued request", rotated.stdout)
    status = subprocess.run([sys.executable, "-m", "kiosk", "outbox", "status"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert "queued=1" in status.stdout and "unreadable=0" in status.stdout and "locked" not in status.stdout
    keys = tmp_path / "config" / "isfahan-kiosk" / "outbox-keys.json"
    assert keys.stat().st_mode & 0o077 == 0
    assert len(__import__("json").loads(keys.read_text())["keys"]) == 1  # the old key is gone
