"""The counter-session files an administrator installs (build/linux-session, build/windows-session) say what
docs/counter-session.md says they do: they are checked here as text, the Linux session also by running it
(tests/integration/test_counter_session.py); the Windows files cannot be run on this machine."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "build" / "linux-session"
WINDOWS = ROOT / "build" / "windows-session"
SL = "{http://schemas.microsoft.com/ShellLauncher/2018/Configuration}"
V2 = "{http://schemas.microsoft.com/ShellLauncher/2019/Configuration}"
ACTIONS = {"RestartShell", "RestartDevice", "ShutdownDevice", "DoNothing"}  # Shell Launcher's documented enum


def shell_launcher() -> ET.Element:
    return ET.parse(WINDOWS / "ShellLauncher.xml").getroot()


def test_shell_launcher_gives_the_counter_account_the_kiosk_and_restarts_it_unless_left_with_the_pin():
    root = shell_launcher()
    assert root.tag == SL + "ShellLauncherConfiguration"
    profiles = {p.get("Id"): p for p in root.iter(SL + "Profile") if p.find(SL + "Shell") is not None}
    configs = root.findall(f"{SL}Configs/{SL}Config")
    assert len(configs) == 1
    account = configs[0].find(SL + "Account")
    assert account is not None and account.get("Name") == "counter"
    profile = profiles[configs[0].find(SL + "Profile").get("Id")]  # the config names a profile that exists
    shell = profile.find(SL + "Shell")
    # Quoted: the path has a space and is followed by an argument.
    assert re.fullmatch(r'"%ProgramFiles%\\isfahan-kiosk\\kiosk\.exe" --counter', shell.get("Shell"))
    assert shell.get(V2 + "AppType") == "Desktop" and shell.get(V2 + "AllAppsFullScreen") == "true"
    codes = {int(a.get("ReturnCode")): a.get("Action") for a in shell.iter(SL + "ReturnCodeAction")}
    assert codes == {0: "DoNothing"}  # 0 = the PIN or a password was given: the screen is the administrator's
    assert shell.find(SL + "DefaultAction").get("Action") == "RestartShell"  # a crash or a kill: back at once
    assert set(codes.values()) | {shell.find(SL + "DefaultAction").get("Action")} <= ACTIONS
    # Everyone else keeps the normal desktop.
    default = root.find(f"{SL}Profiles/{SL}DefaultProfile/{SL}Shell")
    assert default.get("Shell").lower().endswith("explorer.exe")


def test_the_installer_replaces_the_account_line_the_configuration_really_has():
    script = (WINDOWS / "install-shell-launcher.ps1").read_text(encoding="utf-8")
    replaced = re.search(r"\$xml\.Replace\('([^']+)'", script).group(1)
    assert replaced in (WINDOWS / "ShellLauncher.xml").read_text(encoding="utf-8")
    assert "MDM_AssignedAccess" in script and "HtmlEncode" in script  # the WMI bridge takes the XML escaped
    assert "NT AUTHORITY\\SYSTEM" in script  # the bridge answers only to SYSTEM
    assert "Client-EmbeddedShellLauncher" in script
    assert "-notmatch '^[A-Za-z0-9._-]{1,20}$'" in script  # the account name is checked before it is used


def test_the_systemd_unit_starts_the_bundles_session_script_as_the_counter_user_on_its_own_tty():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(LINUX / "isfahan-kiosk.service", encoding="utf-8")
    service = unit["Service"]
    assert service["User"] == "kiosk"
    assert service["ExecStart"] == "/opt/isfahan-kiosk/linux-session/isfahan-kiosk-session"  # the bundle's layout
    assert service["PAMName"] == "login" and service["TTYPath"] == "/dev/tty7"
    assert "getty@tty7.service" in unit["Unit"]["Conflicts"]
    assert service["Restart"] == "on-failure"  # a clean end (the PIN) stays ended
    assert unit["Install"]["WantedBy"] == "graphical.target"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(LINUX / "isfahan-kiosk.desktop", encoding="utf-8")
    assert entry["Desktop Entry"]["Exec"] == service["ExecStart"]


def test_the_session_script_is_posix_sh_runs_cage_without_vt_switching_and_refuses_root():
    script = LINUX / "isfahan-kiosk-session"
    assert os.access(script, os.X_OK)
    subprocess.run(["sh", "-n", str(script)], check=True)
    text = script.read_text(encoding="utf-8")
    cage = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("cage ")]
    assert len(cage) == 1 and not re.search(r"\s-[a-zA-Z]*s", cage[0].split("--")[0]), cage
    env = {"PATH": "/usr/bin:/bin", "XDG_RUNTIME_DIR": "/nonexistent"}
    if os.geteuid() == 0:
        for args in ([], ["--inside-compositor", "--training"]):  # no argument order gets past the check
            run = subprocess.run([str(script), *args], env=env, capture_output=True, text=True, timeout=10)
            assert run.returncode == 1 and "refusing to run as root" in run.stderr, args


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="needs setpriv to drop root")
def test_the_session_script_says_what_is_missing():
    import tempfile

    script = LINUX / "isfahan-kiosk-session"
    prefix = ([shutil.which("setpriv"), "--reuid=nobody", "--regid=nogroup", "--clear-groups",
               "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"] if os.geteuid() == 0 else [])
    empty = Path(tempfile.mkdtemp()) / "bin"  # not pytest's folder: root's 0700 folders keep nobody out
    empty.parent.chmod(0o755)
    empty.mkdir()
    (empty / "id").symlink_to(shutil.which("id"))  # `id` but no cage on PATH
    run = subprocess.run([*prefix, "/bin/sh", str(script)], env={"PATH": str(empty), "XDG_RUNTIME_DIR": "/x"},
                         capture_output=True, text=True, timeout=10)
    assert run.returncode == 1 and "cage is not installed" in run.stderr
    if shutil.which("cage"):
        run = subprocess.run([*prefix, "/bin/sh", str(script)], env={"PATH": "/usr/bin:/bin"}, capture_output=True,
                             text=True, timeout=10)
        assert run.returncode == 1 and "XDG_RUNTIME_DIR is not set" in run.stderr
    shutil.rmtree(empty.parent)
