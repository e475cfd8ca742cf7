"""Settings, masked logs, the token store and the layer rules."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import keyring
import pytest

from kiosk.config import Config
from kiosk.logs import MaskingFilter, mask_personal
from kiosk.secrets import TokenStore, keyring_is_secure

ROOT = Path(__file__).resolve().parents[2]


def test_admin_locked_setting_wins_over_user_file(tmp_path):
    system = tmp_path / "system.toml"
    user = tmp_path / "user.toml"
    system.write_text('server_url = "https://city.example"\nfont_point_size = 14\n', encoding="utf-8")
    user.write_text('server_url = "http://evil.example"\nfont_point_size = 16\nidle_timeout = 9\n', encoding="utf-8")
    cfg = Config.load(system_file=system, user_file=user, check_admin=False)
    assert cfg["server_url"] == "https://city.example" and cfg.is_locked("server_url")
    assert cfg["font_point_size"] == 16 and not cfg.is_locked("font_point_size")  # a comfort setting
    assert cfg["idle_timeout"] == 9  # admin setting the system file leaves open: the user may set it


def test_broken_settings_file_falls_back_to_defaults(tmp_path, caplog):
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = = not toml", encoding="utf-8")
    cfg = Config.load(system_file=bad, user_file=tmp_path / "missing.toml", check_admin=False)
    assert cfg["idle_timeout"] == 300
    assert "ignored" in caplog.text


def test_invalid_value_keeps_default(tmp_path):
    user = tmp_path / "u.toml"
    user.write_text('font_point_size = "large"\n', encoding="utf-8")
    assert Config.load(system_file=tmp_path / "none", user_file=user)["font_point_size"] == 12


def test_logs_never_hold_full_national_codes_or_mobiles(caplog):
    assert mask_personal("nc=0499370899 m=09131234567") == "nc=******0899 m=0913***4567"
    logger = logging.getLogger("test.mask")
    logger.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO):
        logger.info("citizen %s with %s", "0499370899", "09131234567")
    assert "0499370899" not in caplog.text and "09131234567" not in caplog.text
    assert "******0899" in caplog.text


def test_token_lives_in_the_keyring_and_is_forgotten(memory_keyring):
    store = TokenStore()
    assert store.secure
    store.save("tok-1")
    assert memory_keyring.store[("isfahan-kiosk", "operator-token")] == "tok-1"
    assert TokenStore().get() == "tok-1"  # a restarted kiosk finds it
    store.clear()
    assert memory_keyring.store == {}
    assert TokenStore().get() is None


def test_without_a_secure_keyring_the_token_stays_in_memory(tmp_path):
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    assert not keyring_is_secure()
    store = TokenStore()
    store.save("tok-2")
    assert store.get() == "tok-2"
    assert TokenStore().get() is None
    assert not any("tok-2" in p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file())


# --- layers -------------------------------------------------------------------------------------------
def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def files(package: str):
    return sorted((ROOT / "kiosk" / package).rglob("*.py"))


@pytest.mark.parametrize("path", files("domain"), ids=lambda p: p.name)
def test_domain_imports_no_qt_http_sql_or_upper_layers(path):
    for name in imports_of(path):
        top = name.split(".")[0]
        assert top not in {"PySide6", "shiboken6", "requests", "urllib3", "sqlite3", "fastapi", "uvicorn"}, name
        if top == "kiosk":
            assert name.startswith("kiosk.domain"), name


@pytest.mark.parametrize("path", files("ui"), ids=lambda p: p.name)
def test_ui_never_talks_http_or_sql(path):
    for name in imports_of(path):
        assert name.split(".")[0] not in {"requests", "urllib3", "sqlite3", "tuspy"}, name
        assert not name.startswith("kiosk.sandbox"), name


@pytest.mark.parametrize("package", ["api_client", "contract", "conformance"])
def test_clients_and_contract_never_import_the_sandbox_or_qt(package):
    """The conformance kit is a client too: it judges a server only by what the contract says."""
    for path in files(package):
        for name in imports_of(path):
            assert not name.startswith("kiosk.sandbox") and not name.startswith("PySide6"), (path, name)


def test_only_the_platform_module_asks_which_operating_system_this_is():
    """Windows is the counter's usual OS: what differs lives in kiosk/platform.py, with a test per branch."""
    import re

    asks = re.compile(r"\bos\.name\b|\bsys\.platform\b|\bplatform\.(system|win32_ver|mac_ver)\(")
    found = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "kiosk").rglob("*.py"))
             if path.name != "platform.py" or path.parent.name != "kiosk"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if asks.search(line.split("#")[0])]
    assert found == []


def test_sandbox_never_imports_the_client_or_qt():
    for path in files("sandbox"):
        for name in imports_of(path):
            assert not name.startswith(("kiosk.api_client", "kiosk.ui", "PySide6")), (path, name)


def test_printing_talks_to_no_server_and_only_the_spooler_uses_qt():
    for path in files("printing"):
        for name in imports_of(path):
            assert not name.startswith(("kiosk.api_client", "kiosk.ui", "kiosk.sandbox", "requests")), (path, name)
            if path.name != "spool.py":
                assert not name.startswith("PySide6"), (path, name)


def test_a_traceback_in_the_log_is_masked_too_and_the_log_is_private(tmp_path):
    import os

    from kiosk.logs import MaskingFormatter, PrivateRotatingFileHandler

    handler = PrivateRotatingFileHandler(tmp_path / "kiosk.log", maxBytes=400, backupCount=2, encoding="utf-8")
    handler.setFormatter(MaskingFormatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("test.traceback-mask")
    logger.propagate = False  # only this file: the suite's own log checks stay out of it
    logger.addHandler(handler)
    try:
        for _ in range(3):  # rotates: every file it leaves is private
            try:
                raise ValueError("citizen 0499370899 mobile 09131234567 not found")
            except ValueError:
                logger.warning("lookup failed", exc_info=True, stack_info=True)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(tmp_path.glob("kiosk.log*"))
    assert len(files) > 1
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert "Traceback" in text and "******0899" in text and "0913***4567" in text
    assert "0499370899" not in text and "09131234567" not in text
    if os.name == "posix":
        assert all(f.stat().st_mode & 0o077 == 0 for f in files)


def test_a_refused_settings_file_is_named_as_one_left_to_right_run_inside_persian(tmp_path, monkeypatch):
    """Without isolates the bidi algorithm draws «/etc/isfahan-kiosk/kiosk.toml» as «etc/isfahan-kiosk/kiosk.toml/»
    inside a right-to-left sentence."""
    from kiosk import platform
    from kiosk.i18n import persian

    system = tmp_path / "kiosk.toml"
    system.write_text('server_url = "https://city.example"\n', encoding="utf-8")
    monkeypatch.setattr(platform, "admin_only", lambda path: False)  # as if a clerk could write it
    cfg = Config.load(system_file=system, user_file=tmp_path / "none.toml")
    assert cfg.problems, "a file someone else could write must be refused"
    text, params = cfg.problems[0]
    sentence = persian().translate("Settings", text).format(**params)
    assert f"\u2066{system}\u2069" in sentence


def test_wrong_pin_tries_outlive_the_process_and_are_counted_one_at_a_time(tmp_path):
    """The review killed the kiosk after five wrong PINs and got five more at once; and eight PINs typed
    within 0.19 s were five checks where four were promised."""
    import concurrent.futures
    import os
    import stat

    from kiosk.secrets import PinGuard, PinLocked, hash_pin

    stored = hash_pin("482915")
    now = [1000.0]
    state = tmp_path / "exit-pin-tries.json"
    guard = PinGuard(clock=lambda: now[0], state_file=state)
    for _ in range(3):
        assert not guard.check("000000", stored)
    assert guard.wait() == 0
    assert not guard.check("000000", stored)  # the fourth wrong one starts the wait
    assert guard.wait() == 30
    assert stat.S_IMODE(os.stat(state).st_mode) == 0o600

    restarted = PinGuard(clock=lambda: now[0], state_file=state)  # a new process, the same counter
    assert restarted.failures == 4 and restarted.wait() == 30
    with pytest.raises(PinLocked):
        restarted.check("482915", stored)  # even the right PIN waits
    now[0] += 31
    assert not restarted.check("111111", stored)
    assert restarted.wait() == 60  # doubling goes on from where the killed process was

    # A date far ahead in the file cannot lock the counter for more than the cap; garbage counts as used.
    state.write_text('{"failures": 9, "until": 1e12}', encoding="utf-8")
    assert PinGuard(clock=lambda: now[0], state_file=state).wait() <= 900
    state.write_text("not json", encoding="utf-8")
    assert PinGuard(clock=lambda: now[0], state_file=state).failures == 3

    # Eight tries at once: each is checked in turn, so the fourth locks the rest out.
    fresh = PinGuard(clock=lambda: now[0], state_file=tmp_path / "other.json")
    outcomes = []
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for f in [pool.submit(fresh.check, "000000", stored) for _ in range(8)]:
            try:
                outcomes.append(f.result())
            except PinLocked:
                outcomes.append("locked")
    assert outcomes.count(False) == 4 and outcomes.count("locked") == 4


def test_no_source_text_is_kept_for_pysides_import_hook_but_tracebacks_still_show_lines():
    import subprocess
    import sys

    script = "\n".join([
        "import linecache, traceback, kiosk.app, kiosk.ui.main_window, kiosk.permit",
        "print(sum(1 for f in linecache.cache if '/kiosk/' in f))",
        "try:\n    kiosk.permit.estimate(None, None, None)\nexcept Exception as exc:\n"
        "    lines = ''.join(traceback.format_exception(exc)).splitlines()\n"
        "    at = [i for i, line in enumerate(lines) if 'kiosk/permit.py' in line][-1]\n"
        "    print(bool(lines[at + 1].strip()) and not lines[at + 1].lstrip().startswith('File'))",
    ])
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.split() == ["0", "True"]


def test_setting_the_log_up_again_writes_each_line_once(tmp_path):
    """The bundle's launcher sets the log up before it knows which version runs; the kiosk does it again."""
    import subprocess
    import sys

    script = ("import logging, sys; from pathlib import Path; from kiosk import logs\n"
              "logs.setup(Path(sys.argv[1])); logs.setup(Path(sys.argv[1]))\n"
              "logging.getLogger('x').warning('once')\n")
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True, capture_output=True, timeout=60)
    assert (tmp_path / "kiosk.log").read_text(encoding="utf-8").count("once") == 1


def test_pyside_no_longer_reads_the_source_of_every_imported_module(tmp_path, monkeypatch):
    """kiosk.app turns off PySide6's scan of each new module's source for ``from __feature__ import`` (the
    kiosk uses no feature, and the scan cost about 0.2 ms per module)."""
    import importlib
    import inspect
    import sys
    from pathlib import Path

    import kiosk.app  # noqa: F401 - installs the change

    if sys.modules.get("shibokensupport.feature") is None:
        pytest.skip("this PySide6 has no feature hook")
    read = []
    monkeypatch.setattr(inspect, "getsource", lambda obj: read.append(obj) or "")
    (tmp_path / "fresh_module_for_the_hook.py").write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert importlib.import_module("fresh_module_for_the_hook").X == 1
    assert not read
    root = Path(kiosk.app.__file__).parent
    assert not [p for p in root.rglob("*.py") if "from __feature__" in p.read_text(encoding="utf-8")]


def test_a_plain_start_parses_the_same_without_building_the_commands():
    """parse_args builds the commands' parsers only when a command or help is asked for: its list of
    command names is the full parser's, and a plain start gets the same options either way."""
    import argparse

    from kiosk import __main__ as cli

    full = argparse.ArgumentParser()
    cli._add_commands(full)
    sub = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(cli.COMMANDS)
    args = cli.parse_args(["--training", "--clock-speed", "60", "--counter"])
    assert args.command is None and args.training and args.counter and args.clock_speed == 60
    assert cli.parse_args(["verify", "IK1.x"]).command == "verify"
    assert cli.parse_args(["--server", "https://x", "outbox", "status"]).action == "status"
    with pytest.raises(SystemExit):
        cli.parse_args(["--training", "--server", "https://x"])
    with pytest.raises(SystemExit):
        cli.parse_args(["--no-such-option"])


def test_a_deferred_log_file_keeps_the_first_lines_and_writes_them_first(tmp_path):
    """The kiosk opens its log file after the first paint: what was logged before is kept and written
    first, masked, once; a process that ends before the paint still writes them (at exit)."""
    import subprocess
    import sys

    from kiosk import logs

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        logs.setup(tmp_path, defer_file=True)
        logging.getLogger("kiosk.test").info("before the paint, citizen 0499370899")
        assert not (tmp_path / "kiosk.log").exists()
        logs.open_file()
        logging.getLogger("kiosk.test").info("after the paint")
        logs.open_file()  # again: nothing written twice
        lines = (tmp_path / "kiosk.log").read_text(encoding="utf-8").splitlines()
        assert [line.split(": ", 1)[1] for line in lines] == ["before the paint, citizen ******0899",
                                                               "after the paint"]
    finally:
        for h in root.handlers[:]:
            if getattr(h, "_kiosk", False):
                root.removeHandler(h)
                h.close()
        root.handlers[:], root.level = saved[0], saved[1]
    code = ("import logging, sys; from pathlib import Path; from kiosk import logs\n"
            "logs.setup(Path(sys.argv[1]), defer_file=True); logging.getLogger('k').warning('never painted')\n")
    (tmp_path / "x").mkdir()
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "x")], check=True, capture_output=True)
    assert "never painted" in (tmp_path / "x" / "kiosk.log").read_text(encoding="utf-8")
