"""The Linux counter session, started headless as a counter PC would start it (tests/cagesession.py):
cage showing the kiosk and nothing else, the session script restarting the kiosk after a crash, and the
session ending only when the kiosk is left with the PIN or a clerk's password.

Checked from outside, as an attacker at the keyboard would try: the kiosk is the only Wayland client and
the only program in the session; cage runs without VT switching (-s); Alt+Tab, the Windows key, Alt+F4,
Ctrl+Alt+F2 and Ctrl+Alt+Backspace leave the kiosk where it is; kill -9 brings a new kiosk; a wrong
password leaves it running; the right one ends the session with exit code 0."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

from tests.cagesession import CageSession, alive, children, cmdline, descendants, missing_tools

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / ".venv" / "bin" / "kiosk"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux counter session")


def distinct_colours(png: Path) -> int:
    from PIL import Image

    with Image.open(png) as image:
        return len(image.convert("RGB").getcolors(1 << 20) or [])


@pytest.mark.slow
def test_the_counter_session_shows_only_the_kiosk_restarts_it_and_ends_only_with_a_password(tmp_path):
    assert not missing_tools(), f"scripts/setup.sh test installs {missing_tools()}"  # a failure, not a skip
    with CageSession(KIOSK, ["--training"], tmp_path) as session:
        session.wait_log("reachable")
        kiosk = session.kiosk_pid()
        cage = session.cage_pid()

        # Nothing but cage, the session script, the kiosk and the kiosk's own training server (its child);
        # one Wayland client; no VT switching.
        under_cage = {pid: cmdline(pid) for pid in descendants(cage)}
        assert cmdline(cage)[0].endswith("cage") and "-s" not in cmdline(cage), cmdline(cage)
        training = [pid for pid in children(kiosk) if "sandbox" in cmdline(pid)]
        assert len(training) == 1 and "--listen-fd" in cmdline(training[0]), under_cage
        assert len(under_cage) == 3, under_cage
        assert any(str(ROOT / "build/linux-session/isfahan-kiosk-session") in " ".join(c) for c in
                   under_cage.values()), under_cage
        assert session.wayland_clients() == 1
        assert stat.S_IMODE(os.stat(session.runtime).st_mode) == 0o700
        assert Path(f"/proc/{kiosk}/status").read_text().count(f"Uid:\t{session.user.pw_uid}\t") == 1

        # What a screen shows: the sign-in page, full screen, painted (not a blank first frame).
        time.sleep(1)
        shot = session.screenshot(tmp_path / "counter-session.png")
        assert distinct_colours(shot) > 50, "the screenshot is blank"

        # The ways out of a desktop lead nowhere here.
        for keys in (["alt+Tab"], ["super"], ["alt+F4"], ["ctrl+alt+F2"], ["ctrl+alt+BackSpace"], ["Escape"]):
            session.key(*keys)
            time.sleep(0.4)
            assert alive(kiosk) and alive(cage), f"{keys} ended the session"
            assert session.kiosk_pids() == [kiosk] and session.wayland_clients() == 1, keys
        session.key("Escape")  # Alt+F4 asked for the PIN: that dialog goes away

        # A crash (or a kill) brings the kiosk back at once.
        os.kill(kiosk, 9)
        session.wait_log("starting it again")
        session.wait_log("reachable", count=2)
        restarted = session.kiosk_pid()
        assert restarted != kiosk and alive(cage)
        deadline = time.monotonic() + 15
        while alive(training[0]) and time.monotonic() < deadline:  # the killed kiosk's server leaves with it
            time.sleep(0.1)
        assert not alive(training[0]), "the killed kiosk's training server is still running"

        # Leaving: only with the signed-in clerk's password (or the PIN); a wrong one changes nothing.
        session.type("clerk1")
        session.key("Tab")
        session.type("amoozesh-1")
        session.key("Return")
        session.wait_log("clerk clerk1 signed in")
        session.key("ctrl+shift+q")
        time.sleep(0.5)
        session.type("not-the-password")
        session.key("Return")
        session.wait_log("a wrong PIN or password was given")
        time.sleep(0.5)
        assert alive(restarted) and session.proc.poll() is None
        session.screenshot(tmp_path / "counter-session-exit.png")
        session.type("amoozesh-1")
        session.key("Return")
        rc = session.proc.wait(60)
        log = session.log()
        assert rc == 0, log[-3000:]
        assert "counter mode left" in log and "the counter session ends" in log
        assert "Traceback" not in log, log[-3000:]
        assert not (session.runtime / "isfahan-kiosk.ended").exists()  # the next session starts clean


@pytest.mark.slow
def test_a_session_ended_any_other_way_is_an_error_so_systemd_starts_it_again(tmp_path):
    """cage exits 0 whatever the kiosk ended with: a kill of cage, or of the session script, must not look
    like the PIN (the unit restarts only on failure)."""
    assert not missing_tools(), f"scripts/setup.sh test installs {missing_tools()}"
    for victim in ("cage", "session"):
        with CageSession(KIOSK, ["--training"], tmp_path / victim, env={}) as session:
            session.wait_log("reachable")
            os.kill(session.cage_pid() if victim == "cage" else session.proc.pid, 15)
            rc = session.proc.wait(30)
            assert rc != 0, (victim, session.log()[-2000:])
