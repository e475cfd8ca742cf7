"""Each branch of kiosk/platform.py (the one place that knows the OS), run here with the OS name faked; the
Windows branches of what calls them are checked with the OS's own calls faked."""

from __future__ import annotations

import io
import socket
import struct

import pytest

from kiosk import platform as p


def test_the_training_server_gets_its_socket_the_way_each_os_allows():
    assert p.socket_handover("linux") == "fd"
    assert p.socket_handover("darwin") == "fd"
    assert p.socket_handover("win32") == "share"


def test_a_helper_process_is_out_of_the_kiosks_process_group_and_opens_no_console():
    assert p.child_process_options("win32") == {"creationflags": 0x08000000 | 0x00000200}  # NO_WINDOW, NEW_GROUP
    assert p.child_process_options("linux") == {"start_new_session": True}


def test_the_windows_server_reads_the_shared_socket_from_its_standard_input(monkeypatch):
    from kiosk import training

    shared = b"\x01" * 372  # what socket.share() gives: opaque bytes for the child's process id
    received = []
    monkeypatch.setattr(training.sys, "stdin", io.TextIOWrapper(io.BytesIO(struct.pack(">I", len(shared)) + shared)))
    monkeypatch.setattr(training.socket, "fromshare", lambda data: received.append(data) or "the socket",
                        raising=False)
    assert training.receive_socket(None, share=True) == "the socket"
    assert received == [shared]


def test_a_kiosk_that_ends_before_handing_the_socket_over_is_told(monkeypatch):
    from kiosk import training

    monkeypatch.setattr(training.sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x00")))
    with pytest.raises(training.TrainingServerFailed):
        training.receive_socket(None, share=True)


def test_the_windows_kiosk_shares_the_socket_with_the_server_it_started(monkeypatch, tmp_path):
    from kiosk import training

    spawned = {}

    class FakeProcess:
        pid = 4242

        def __init__(self, args, **kwargs):
            spawned.update(args=args, kwargs=kwargs)
            self.stdin = io.BytesIO()

    class FakeSocket(socket.socket):
        def share(self, pid):  # Windows only: faked
            spawned["shared_for"] = pid
            return b"opaque"

    monkeypatch.setattr(training, "socket_handover", lambda: "share")
    monkeypatch.setattr(training, "child_process_options", lambda: {"creationflags": 0x08000000})
    monkeypatch.setattr(training.subprocess, "Popen", FakeProcess)
    monkeypatch.setattr(training.socket, "socket", FakeSocket)
    server = training.TrainingServer(tmp_path / "t.sqlite3")
    server.launch()
    assert spawned["args"][-1] == "--listen-share" and "pass_fds" not in spawned["kwargs"]
    assert spawned["kwargs"]["creationflags"] == 0x08000000
    assert spawned["shared_for"] == 4242
    assert server.process.stdin.getvalue() == struct.pack(">I", 6) + b"opaque"
    assert server.port > 0


def test_each_bundle_keeps_its_own_systems_qt_plugins_keyring_and_session():
    linux, windows = p.bundle_parts("linux"), p.bundle_parts("win32")
    assert "platforms/libqxcb" in linux["plugins"] and "platforms/libqwayland" in linux["plugins"]
    assert "platforms/qwindows" in windows["plugins"] and not any("libq" in x for x in windows["plugins"])
    assert "networkinformation/qnetworklistmanager" in windows["plugins"]  # the OS's word on the link
    assert "keyring.backends.Windows" in windows["keyring"] and "keyring.backends.SecretService" in linux["keyring"]
    assert (linux["session"], windows["session"]) == ("linux-session", "windows-session")
    assert windows["system_libraries"] == () and "/usr/lib/" in linux["system_libraries"]
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for parts in (linux, windows):
        assert (root / "build" / parts["session"]).is_dir()


def test_the_spec_takes_its_os_branches_from_the_platform_module():
    from pathlib import Path

    spec = (Path(__file__).resolve().parents[2] / "build" / "kiosk.spec").read_text(encoding="utf-8")
    assert "bundle_parts()" in spec and "sys.platform" not in spec


def test_only_windows_keeps_just_a_wrapping_key_in_its_keyring():
    assert p.keyring_holds_only_a_wrapping_key("win32") is True
    assert p.keyring_holds_only_a_wrapping_key("linux") is False
