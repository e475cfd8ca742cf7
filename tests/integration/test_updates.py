"""Signed updates (kiosk/updates.py) against a real TUF repository made by `kiosk release` (kiosk/release.py)
and served over HTTP from a static folder: a genuine release is verified, staged and run at the next start;
a tampered, expired, rolled-back, wrong-channel, older or malformed one is refused and nothing is staged; a
staged version that never confirms its start is marked failed and the previous one runs."""

from __future__ import annotations

import json
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from kiosk import release, updates
from kiosk.platform import program_name
from tests.update_repo import PLATFORM, Repository

@pytest.fixture
def repo(tmp_path):
    r = Repository(tmp_path)
    yield r
    r.close()


def client(repo: Repository, tmp_path: Path, channel: str = "stable", own: str = "1.0.0") -> updates.UpdateClient:
    return updates.UpdateClient(repo.url, channel, repo.root, tmp_path / "updates", own)


def test_a_genuine_release_is_verified_staged_run_at_the_next_start_and_kept_once_confirmed(repo, tmp_path):
    repo.release("1.1.0")
    c = client(repo, tmp_path)
    assert c.run() == "1.1.0"
    folder = tmp_path / "updates"
    staged = folder / "versions" / "1.1.0"
    assert (staged / "_internal" / "data.txt").read_text() == "1.1.0"
    assert stat.S_IMODE((staged / program_name()).stat().st_mode) & 0o100  # still executable
    assert c.run() == "1.1.0"  # asked again: already staged, nothing downloaded twice

    program, version = updates.choose(folder, "1.0.0")  # the next start, in the installed program
    assert (program, version) == (staged / program_name(), "1.1.0")
    assert updates.State(folder).trying == "1.1.0"
    updates.confirm_started(folder, "1.1.0")  # the new version's start check passed
    state = updates.State(folder)
    assert (state.current, state.trying, state.failed) == ("1.1.0", None, [])
    assert updates.choose(folder, "1.0.0") == (staged / program_name(), "1.1.0")  # from now on
    assert client(repo, tmp_path).run() is None  # nothing newer


@pytest.mark.allow_error_log
def test_a_version_that_never_confirms_its_start_is_failed_and_the_previous_one_runs(repo, tmp_path):
    repo.release("1.1.0")
    c = client(repo, tmp_path)
    assert c.run() == "1.1.0"
    folder = tmp_path / "updates"
    assert updates.choose(folder, "1.0.0")[1] == "1.1.0"
    # … it crashed (or hung and was killed) before its start check: the next start is the previous version's
    assert updates.choose(folder, "1.0.0") == (None, None)
    assert updates.take_report(folder) == "1.1.0"  # said once, in the status bar
    assert updates.take_report(folder) is None
    assert updates.State(folder).failed == ["1.1.0"]
    assert c.run() is None  # not staged again; a newer release will be
    repo.release("1.1.1")
    assert client(repo, tmp_path).run() == "1.1.1"


@pytest.mark.allow_error_log
def test_a_staged_program_changed_on_disk_is_not_run(repo, tmp_path):
    repo.release("1.1.0")
    client(repo, tmp_path).run()
    folder = tmp_path / "updates"
    (folder / "versions" / "1.1.0" / program_name()).write_text("#!/bin/sh\necho changed\n")
    assert updates.choose(folder, "1.0.0") == (None, None)
    assert updates.take_report(folder) == "1.1.0"


def _refused(c: updates.UpdateClient) -> str:
    with pytest.raises(updates.UpdateRefused) as refused:
        c.run()
    assert not (c.folder / "versions").exists() or not any((c.folder / "versions").iterdir())
    assert updates.State(c.folder).staged is None
    return refused.value.kind


def test_a_release_whose_bytes_differ_from_the_signed_ones_is_refused(repo, tmp_path):
    path = repo.release("1.1.0")
    folder, _, name = path.rpartition("/")
    archive = next((repo.public / "targets" / folder).glob(f"*.{name}"))
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    assert _refused(client(repo, tmp_path)) == "tampered"


def test_metadata_changed_without_the_targets_key_is_refused(repo, tmp_path):
    repo.release("1.1.0")
    newest = max((repo.public / "metadata").glob("*.targets.json"), key=lambda p: int(p.name.split(".")[0]))
    doc = json.loads(newest.read_text())
    for info in doc["signed"]["targets"].values():
        info["length"] += 1  # what an attacker serving a bigger file would need
    newest.write_text(json.dumps(doc))
    assert _refused(client(repo, tmp_path)) == "tampered"


def test_an_expired_repository_a_frozen_mirror_is_refused(repo, tmp_path):
    repo.release("1.1.0")
    release.refresh_timestamp(repo.repo, days=-1)
    repo.publish()
    assert _refused(client(repo, tmp_path)) == "expired"


def test_older_metadata_than_the_counter_has_seen_is_refused(repo, tmp_path):
    repo.release("1.1.0")
    old = tmp_path / "old-public"
    shutil.copytree(repo.public, old)
    repo.release("1.2.0")
    c = client(repo, tmp_path, own="1.2.0")  # saw the newer metadata (and runs 1.2.0 already)
    assert c.run() is None
    shutil.rmtree(repo.public)
    shutil.copytree(old, repo.public)  # a mirror replays last month's repository: 1.1.0 as the latest
    assert _refused(client(repo, tmp_path, own="1.2.0")) == "rollback"


def test_the_channels_each_get_their_own_release(repo, tmp_path):
    repo.release("1.1.0", "stable")
    repo.release("1.2.0", "pilot")
    assert client(repo, tmp_path / "a").run() == "1.1.0"
    assert client(repo, tmp_path / "b", channel="pilot").run() == "1.2.0"
    release.promote(repo.repo, "1.2.0", "stable", PLATFORM)
    repo.publish()
    assert client(repo, tmp_path / "c").run() == "1.2.0"
    with pytest.raises(ValueError):
        updates.UpdateClient(repo.url, "beta", repo.root, tmp_path / "d", "1.0.0")


def test_an_index_naming_another_channel_is_refused_even_when_signed(repo, tmp_path):
    repo.release("1.2.0", "pilot")
    targets = release._load(repo.repo, "targets")
    index = {"channel": "pilot", "platform": PLATFORM, "version": "1.2.0",
             "archive": f"releases/kiosk-1.2.0-{PLATFORM}.zip"}
    release._add_target(repo.repo, targets, release.channel_index("stable", PLATFORM), json.dumps(index).encode())
    release._publish(repo.repo, targets)
    repo.publish()
    assert _refused(client(repo, tmp_path)) == "channel"


def test_a_release_older_than_the_running_version_is_refused(repo, tmp_path):
    repo.release("1.1.0")
    c = client(repo, tmp_path, own="1.3.0")
    with pytest.raises(updates.UpdateRefused) as refused:
        c.run()
    assert (refused.value.kind, refused.value.version) == ("older", "1.1.0")


def test_a_release_that_would_write_outside_its_folder_is_refused(repo, tmp_path):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr(program_name(), "#!/bin/sh\n")
        z.writestr("../../escaped.txt", "outside")
    release.add_release(repo.repo, bad, "1.1.0", "stable", PLATFORM)
    repo.publish()
    assert _refused(client(repo, tmp_path)) == "broken"
    assert not list(tmp_path.rglob("escaped.txt"))


def test_an_unreachable_repository_is_tried_again_later_not_refused(tmp_path):
    root = release.init(tmp_path / "repo")
    c = updates.UpdateClient("http://127.0.0.1:9", "stable", root, tmp_path / "updates", "1.0.0")
    with pytest.raises(updates.UpdateUnreachable):
        c.run()


@pytest.mark.skipif(not hasattr(__import__("os"), "execve"), reason="POSIX: the launcher becomes the new version")
@pytest.mark.allow_error_log
def test_the_installed_bundle_runs_the_staged_version_in_its_place_and_falls_back_when_it_fails(repo, tmp_path):
    """The launcher path of `kiosk` (frozen), with the staged version a program that says how it was run."""
    import os
    import subprocess
    import sys
    import textwrap

    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen")
    env.pop("KIOSK_LAUNCHED", None)
    folder = tmp_path / "data" / "isfahan-kiosk" / "updates"
    repo.release("9.0.0")
    assert updates.UpdateClient(repo.url, "stable", repo.root, folder, "0.1.0").run() == "9.0.0"
    program = folder / "versions" / "9.0.0" / program_name()
    ran = tmp_path / "ran.txt"
    program.write_text(f'#!/bin/sh\necho "$KIOSK_LAUNCHED $*" > {ran}\nexit 1\n')  # it fails at once
    state = updates.State(folder)
    state.staged["program_sha256"] = updates._program_digest(program)
    state.save()
    installed = textwrap.dedent("""
        import sys
        sys.frozen = True  # as the bundle's own program
        from kiosk.__main__ import main
        sys.exit(main(sys.argv[1:]))
    """)
    first = subprocess.run([sys.executable, "-c", installed, "--counter"], env=env, capture_output=True, text=True,
                           timeout=120)
    assert first.returncode == 1 and ran.read_text().split() == ["9.0.0", "--counter"]  # it ran, in place
    assert updates.State(folder).trying == "9.0.0"
    # The next start: the try never confirmed, so the installed version runs (here: only asked which)
    check = textwrap.dedent("""
        import sys
        sys.frozen = True
        from kiosk.__main__ import _run_newer_version
        print(_run_newer_version())
    """)
    second = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True, timeout=120)
    assert second.stdout.split()[-1] == "None", second.stdout + second.stderr
    state = updates.State(folder)
    assert state.failed == ["9.0.0"] and state.report == "9.0.0" and state.trying is None


@pytest.mark.parametrize("text", ['{"failed": 5}', "[]", "null", '{"staged": "x"}', '{"current": 5}',
                                  '{"current": "1.2"}', '{"trying": ["1.1.0"]}', "{", '{"staged": {"version": 3}}'])
def test_a_damaged_state_file_never_stops_a_start(tmp_path, text):
    folder = tmp_path / "updates"
    folder.mkdir()
    (folder / "state.json").write_text(text)
    assert updates.choose(folder, "1.0.0") == (None, None)
    assert updates.take_report(folder) is None


def test_a_second_start_while_a_version_is_tried_leaves_that_try_alone(repo, tmp_path):
    import os

    repo.release("1.1.0")
    folder = tmp_path / "updates"
    client(repo, tmp_path).run()
    assert updates.choose(folder, "1.0.0")[1] == "1.1.0"
    state = updates.State(folder)
    state.trying_pid = os.getppid()  # the launcher of the try: still running
    state.save()
    assert updates.choose(folder, "1.0.0") == (None, None)  # a double click: the one-kiosk lock refuses it
    state = updates.State(folder)
    assert state.trying == "1.1.0" and state.failed == []
    updates.confirm_started(folder, "1.1.0")
    assert updates.State(folder).current == "1.1.0"


def test_a_confirmed_version_leaves_only_itself_on_disk(repo, tmp_path):
    folder = tmp_path / "updates"
    for version in ("1.1.0", "1.2.0"):
        repo.release(version)
        assert client(repo, tmp_path).run() == version
        updates.choose(folder, "1.0.0")
        updates.confirm_started(folder, version)
    assert sorted(p.name for p in (folder / "versions").iterdir()) == ["1.2.0"]
    assert all("1.2.0" in p.name for p in (folder / "downloads").iterdir())


def test_a_server_that_drips_is_given_up_within_the_deadline_and_not_called_tampered(tmp_path, monkeypatch):
    import socket
    import threading
    import time

    root = release.init(tmp_path / "repo")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    done = threading.Event()

    def drip():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                try:
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
                    while not done.is_set():  # far longer than the deadline, if nobody hangs up
                        conn.sendall(b"{")
                        time.sleep(0.5)
                except OSError:
                    pass

    threading.Thread(target=drip, daemon=True).start()
    monkeypatch.setattr(updates, "DEADLINE_S", 2)
    c = updates.UpdateClient(f"http://127.0.0.1:{listener.getsockname()[1]}", "stable", root, tmp_path / "u", "1.0.0")
    started = time.monotonic()
    try:
        with pytest.raises(updates.UpdateUnreachable):
            c.run()
        assert time.monotonic() - started < 8
    finally:
        done.set()
        listener.close()
        time.sleep(1)  # the server thread's connection ends


def test_a_captive_portals_page_is_unreachable_not_tampered(tmp_path):
    import http.server
    import threading

    class Portal(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = b"<html><body>Login to the cafe Wi-Fi</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = release.init(tmp_path / "repo")
    c = updates.UpdateClient(f"http://127.0.0.1:{server.server_address[1]}", "stable", root, tmp_path / "u", "1.0.0")
    try:
        with pytest.raises(updates.UpdateUnreachable):
            c.run()
    finally:
        server.shutdown()
        server.server_close()


def test_a_renewed_root_reaches_a_counter_that_trusts_the_first_one(repo, tmp_path):
    assert release.renew_root(repo.repo) == 2
    repo.release("1.1.0")
    assert client(repo, tmp_path).run() == "1.1.0"
    trusted = json.loads((tmp_path / "updates" / "metadata" / "root.json").read_text())
    assert trusted["signed"]["version"] == 2


@pytest.mark.parametrize("args, says", [
    (["--bundle", "MISSING", "--version", "1.3.0"], "not a bundle"),
    (["--bundle", "TEXT", "--version", "1.3.0"], "not a bundle"),
    (["--bundle", "EMPTYZIP", "--version", "1.3.0"], "has no kiosk"),
    (["--bundle", "BUNDLE", "--version", "01.3.0"], "leading zeros"),
    (["--bundle", "BUNDLE", "--version", "1.3.0\n"], "leading zeros"),
    (["--bundle", "BUNDLE", "--version", "۱.۳.۰"], "leading zeros"),
    (["--bundle", "BUNDLE", "--version", "1.3.0", "--platform", "../../escape"], "platform"),
    (["--bundle", "BUNDLE", "--version", "1.0.0"], "published already"),
])
def test_the_release_tool_refuses_what_no_counter_could_run(repo, tmp_path, args, says):
    import subprocess
    import sys

    repo.release("1.0.0")
    files = {"MISSING": tmp_path / "nope", "TEXT": tmp_path / "x.tar.gz", "EMPTYZIP": tmp_path / "empty.zip",
             "BUNDLE": repo.bundle("9.9.9")}
    files["TEXT"].write_text("not a zip")
    zipfile.ZipFile(files["EMPTYZIP"], "w").close()
    argv = [str(files.get(a, a)) for a in args]
    result = subprocess.run([sys.executable, "-m", "kiosk", "release", "add", str(repo.repo), *argv, "--channel",
                             "stable"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not list(repo.repo.rglob("*escape*"))


@pytest.mark.parametrize("action", [["add", "--bundle", "x", "--version", "1.0.0", "--channel", "stable"],
                                    ["promote", "--version", "1.0.0", "--channel", "stable"], ["timestamp"],
                                    ["root"], ["publish", "OUT"]])
def test_the_release_tool_on_no_repository_says_so(tmp_path, action):
    import subprocess
    import sys

    argv = [str(tmp_path / "out") if a == "OUT" else a for a in action]
    result = subprocess.run([sys.executable, "-m", "kiosk", "release", argv[0], str(tmp_path / "nope"), *argv[1:]],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr


def test_publishing_into_the_repository_itself_is_refused(repo):
    with pytest.raises(release.ReleaseError):
        release.copy_repository(repo.repo, repo.repo / "targets" / "sub")
