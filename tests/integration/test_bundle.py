"""The frozen one-folder bundles, built from build/kiosk.spec by scripts/build_bundle.sh with no Python
environment around them: the training bundle paints its first screen and reaches its own training server
(and runs the Linux counter session); the live bundle carries nothing of the training server, reaches a
municipal server given to it, and refuses training in Persian. Prints their sizes (live goal ≤ 100 MB on
disk, ≤ 40 MB compressed, issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.environ.get("KIOSK_SKIP_BUNDLE") == "1", reason="KIOSK_SKIP_BUNDLE=1")
def _no_python_around(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PATH="/usr/bin:/bin")  # no venv, no python on PATH
    return env


def _modules(bundle: Path) -> set[str]:
    """Every Python module frozen into the bundle's program (its PYZ archive)."""
    from PyInstaller.archive.readers import CArchiveReader

    exe = CArchiveReader(str(bundle / "kiosk"))
    pyz = exe.open_embedded_archive("PYZ.pyz")
    return set(pyz.toc)


@pytest.fixture(scope="module")
def bundles():
    subprocess.run(["bash", str(ROOT / "scripts" / "build_bundle.sh")], check=True, timeout=1500,
                   stdout=subprocess.DEVNULL)
    from scripts.bundle_size import compressed_mb, disk_mb

    found = {"live": ROOT / "dist" / "kiosk", "training": ROOT / "dist" / "kiosk-training"}
    for name, bundle in found.items():
        print(f"\n{name} bundle: {disk_mb(bundle):.0f} MB on disk, {compressed_mb(bundle):.0f} MB zipped, in {bundle}")
    return found


@pytest.mark.skipif(os.environ.get("KIOSK_SKIP_BUNDLE") == "1", reason="KIOSK_SKIP_BUNDLE=1")
def test_the_live_bundle_has_no_training_server_reaches_a_real_one_and_refuses_training(bundles, tmp_path):
    bundle = bundles["live"]
    modules = _modules(bundle)
    assert "kiosk.ui.main_window" in modules and "kiosk.training" in modules and "kiosk.conformance.cli" in modules
    carried = sorted(m for m in modules if m.split(".")[0] in ("fastapi", "uvicorn", "starlette", "tuspyserver",
                                                              "schemathesis", "hypothesis", "jsonschema_rs", "anyio")
                     or m.startswith(("kiosk.sandbox", "kiosk.conformance.run")))
    assert carried == []
    assert not (bundle / "_internal" / "resources" / "sandbox").exists()  # the training key and seed data
    assert not (bundle / "_internal" / "resources" / "tariffs").exists()
    assert (bundle / "_internal" / "resources" / "keys" / "keys.json").exists()  # (public keys: verification)
    env = _no_python_around(tmp_path)

    from kiosk.sandbox.server import SandboxServer

    server = SandboxServer(tmp_path / "municipal.sqlite3")
    url = server.start()
    try:
        run = subprocess.run([str(bundle / "kiosk"), "--server", url, "--exit-after-start"], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
    finally:
        server.close()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "server ready in" in run.stdout and "Traceback" not in run.stderr, run.stdout + run.stderr
    for command in (["--training", "--exit-after-start"], ["sandbox", "--port", "0"], ["openapi"],
                    ["conformance", "--server", url]):
        refused = subprocess.run([str(bundle / "kiosk"), *command], env=env, cwd=tmp_path, capture_output=True,
                                 text=True, timeout=60)
        assert refused.returncode == 2, (command, refused.stdout + refused.stderr)
        assert "نسخهٔ آموزشی" in refused.stderr and "Traceback" not in refused.stderr, (command, refused.stderr)


@pytest.mark.skipif(os.environ.get("KIOSK_SKIP_BUNDLE") == "1", reason="KIOSK_SKIP_BUNDLE=1")
def test_the_training_bundle_starts_in_training_mode_and_as_a_counter_session(bundles, tmp_path):
    bundle = bundles["training"]
    env = _no_python_around(tmp_path)
    run = subprocess.run([str(bundle / "kiosk"), "--training", "--exit-after-start"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ready in" in run.stdout and "server ready in" in run.stdout, run.stdout
    assert sys.executable not in run.stdout + run.stderr
    if sys.platform.startswith("linux"):  # Qt's network module and its link plugins came along (net_status)
        log_text = (tmp_path / ".local" / "state" / "isfahan-kiosk" / "log" / "kiosk.log").read_text(encoding="utf-8")
        assert "the link is watched through the operating system" in log_text, log_text[-2000:]

    # The Linux counter session from the bundle's own files: the kiosk under cage speaks Wayland (the
    # bundle keeps Qt's wayland plugin), fills the screen and is cage's only client.
    from tests.cagesession import CageSession, missing_tools

    if not sys.platform.startswith("linux"):
        return
    assert not missing_tools(), f"scripts/setup.sh test installs {missing_tools()}"
    session_script = bundle / "linux-session" / "isfahan-kiosk-session"
    assert os.access(session_script, os.X_OK)
    assert (bundle / "linux-session" / "isfahan-kiosk.service").is_file()
    with CageSession(bundle / "kiosk", ["--training"], tmp_path, session=session_script) as session:
        session.wait_log("reachable")
        assert session.wayland_clients() == 1
        log = session.log()
        assert "Could not load the Qt platform plugin" not in log and "Traceback" not in log, log[-2000:]
