"""The frozen one-folder bundle: built from build/kiosk.spec by scripts/build_bundle.sh, then started in
training mode with no Python environment around it — it paints its first screen and reaches its own
training server. Prints the bundle's size (goal ≤ 120 MB, issue 8)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.environ.get("KIOSK_SKIP_BUNDLE") == "1", reason="KIOSK_SKIP_BUNDLE=1")
def test_the_bundle_builds_and_starts_in_training_mode(tmp_path):
    subprocess.run(["bash", str(ROOT / "scripts" / "build_bundle.sh")], check=True, timeout=900,
                   stdout=subprocess.DEVNULL)
    bundle = ROOT / "dist" / "kiosk"
    size_mb = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20
    print(f"\nbundle: {size_mb:.0f} MB in {bundle}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PATH="/usr/bin:/bin")  # no venv, no python on PATH
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
