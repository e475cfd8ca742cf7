"""Every setting of the kiosk, declared once (after Picard's options.py).

Values come from, in rising order: the defaults below, the system-wide file (written by the
administrator), the user's file, the command line. A setting marked ``admin`` that the system file sets is
*locked*: it wins over the user's file, the UI may not change it (after DigiDoc4's KEY_LOCK), and a command
line that tries to is refused with a sentence naming the lock (:class:`LockedSetting`).
Files are TOML: ``kiosk.toml`` in the administrator's folder (:func:`kiosk.platform.system_config_dir`:
``/etc/isfahan-kiosk/`` on Linux, ``%ProgramData%\\isfahan-kiosk\\`` on Windows) — read only if no one but an
administrator can change it — and ``<user config dir>/kiosk.toml``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.domain.digits import ltr
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.paths import APP_AUTHOR, APP_NAME

log = logging.getLogger(__name__)



def default_system_file() -> Path:
    from kiosk.platform import system_config_dir

    return system_config_dir() / "kiosk.toml"


NOT_ADMINS = QT_TRANSLATE_NOOP("Settings", "The settings file {file} was not read: someone other than an "
                                           "administrator can change it. Ask the administrator to protect it.")
LOCKED = QT_TRANSLATE_NOOP("Settings", "The administrator has locked «{setting}» in {file}; it cannot be changed "
                                       "from the command line. Start the kiosk without it, or ask the administrator.")
NO_SERVER = QT_TRANSLATE_NOOP("Settings", "No municipal server is set: the administrator sets server_url in {file}, "
                                          "or start the kiosk with --server URL, or with --training to practise.")


class LockedSetting(Exception):
    """The command line tried to change a setting the administrator locked."""

    def __init__(self, key: str, file: Path | None):
        super().__init__(key)
        self.key, self.file = key, file


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    label: str  # English source, context "Settings"
    admin: bool = False

    def coerce(self, value: Any) -> Any:
        kind = type(self.default)
        if kind is bool:
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        return kind(value)


SETTINGS: tuple[Setting, ...] = (
    Setting("server_url", "", QT_TRANSLATE_NOOP("Settings", "Municipal server address"), admin=True),
    Setting("connect_timeout", 3.05, QT_TRANSLATE_NOOP("Settings", "Connection timeout (seconds)"), admin=True),
    Setting("read_timeout", 20.0, QT_TRANSLATE_NOOP("Settings", "Answer timeout (seconds)"), admin=True),
    Setting("health_interval", 15.0, QT_TRANSLATE_NOOP("Settings", "Server check interval (seconds)")),
    Setting("case_poll_interval", 60.0, QT_TRANSLATE_NOOP("Settings", "Case notifications check interval (seconds)"),
            admin=True),
    Setting("print_after", True, QT_TRANSLATE_NOOP("Settings", "Show the receipt's print preview after a payment or a report")),
    Setting("font_point_size", 12, QT_TRANSLATE_NOOP("Settings", "Text size (points)")),
    Setting("idle_timeout", 300, QT_TRANSLATE_NOOP("Settings", "Citizen idle timeout (seconds)"), admin=True),
    Setting("district", 0, QT_TRANSLATE_NOOP("Settings", "District of this counter (0: none)"), admin=True),
    Setting("idle_countdown", 60, QT_TRANSLATE_NOOP("Settings", "Countdown before an idle visit ends (seconds)"),
            admin=True),
    Setting("operator_lock_timeout", 900, QT_TRANSLATE_NOOP("Settings", "Clerk session lock after (seconds idle)"),
            admin=True),
    Setting("counter_mode", False, QT_TRANSLATE_NOOP("Settings", "Counter mode: full screen, PIN to leave"),
            admin=True),
    Setting("exit_pin", "", QT_TRANSLATE_NOOP("Settings", "PIN to leave counter mode (hash from `kiosk hash-pin`)"),
            admin=True),
    Setting("supervisor_pin", "", QT_TRANSLATE_NOOP(
        "Settings", "Supervisor's PIN: closes reconciliations, sets unreadable requests aside (hash from "
                    "`kiosk hash-pin`)"), admin=True),
    # signed updates (kiosk/updates.py): the municipality's repository, the channel, how often to look
    Setting("update_url", "", QT_TRANSLATE_NOOP("Settings", "Update repository address (none: no updates)"),
            admin=True),
    Setting("update_channel", "stable", QT_TRANSLATE_NOOP("Settings", "Update channel (stable or pilot)"), admin=True),
    Setting("update_check_interval", 3600.0, QT_TRANSLATE_NOOP("Settings", "Update check interval (seconds)"),
            admin=True),
)
# Printer and paper per kind of document, chosen once at the counter and remembered (or set, and then
# locked, by the administrator in the system file: e.g. printer_receipt = "Thermal", paper_receipt = "thermal").
PRINT_KINDS = {"slip": "A5", "receipt": "A5", "plan_order": "A4", "permit": "A4", "certificate": "A4",
               "delay_report": "A5", "resume": "A5", "reconciliation": "A5"}
SETTINGS += tuple(Setting(f"printer_{kind}", "", QT_TRANSLATE_NOOP("Settings", "Printer for this kind of document"))
                  for kind in PRINT_KINDS)
SETTINGS += tuple(Setting(f"paper_{kind}", paper, QT_TRANSLATE_NOOP("Settings", "Paper for this kind of document"))
                  for kind, paper in PRINT_KINDS.items())
BY_KEY = {s.key: s for s in SETTINGS}


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            import tomllib  # only when there is a file: its import is 7 ms of the start

            return tomllib.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        log.warning("settings file %s ignored: %s", path, exc)
        return {}


class Config:
    def __init__(self, system: dict | None = None, user: dict | None = None, overrides: dict | None = None,
                 user_file: Path | None = None, system_path: Path | None = None):
        self._values: dict[str, Any] = {}
        self.user_file = user_file
        self.system_path = system_path
        self.problems: list[tuple[str, dict]] = []  # (English sentence of context "Settings", parameters)
        self._user = dict(user or {})
        self.locked: set[str] = set()
        system = system or {}
        user = user or {}
        for s in SETTINGS:
            value = s.default
            layers = [user, system] if s.admin else [system, user]
            for layer in layers:
                if s.key in layer:
                    try:
                        value = s.coerce(layer[s.key])
                    except (TypeError, ValueError):
                        log.warning("setting %s has an invalid value; default kept", s.key)
            if s.admin and s.key in system:
                self.locked.add(s.key)
            self._values[s.key] = value
        for key, value in (overrides or {}).items():
            if value is None:
                continue
            value = BY_KEY[key].coerce(value)
            if key in self.locked and value != self._values[key]:
                raise LockedSetting(key, system_path)
            self._values[key] = value

    @classmethod
    def load(cls, overrides: dict | None = None, system_file: Path | None = None,
             user_file: Path | None = None, *, check_admin: bool = True) -> "Config":
        """``check_admin=False`` only for tests of the layering (a file the test itself owns)."""
        from kiosk.platform import admin_only

        system_path = system_file or default_system_file()
        user_file = user_file or Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "kiosk.toml"
        problems = []
        system: dict = {}
        if system_path.exists():
            if check_admin and not admin_only(system_path):
                log.warning("settings file %s refused: writable by a non-administrator", system_path)
                problems.append((NOT_ADMINS, {"file": ltr(str(system_path))}))
            else:
                system = _read(system_path)
        config = cls(system, _read(user_file), overrides, user_file=user_file, system_path=system_path)
        config.problems = problems
        return config

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def is_locked(self, key: str) -> bool:
        return key in self.locked

    def remember(self, key: str, value: Any) -> bool:
        """A choice the clerk made (a printer, a paper), kept in the user's file. False if locked."""
        if key in self.locked:
            return False
        value = BY_KEY[key].coerce(value)
        self._values[key] = value
        self._user[key] = value
        if self.user_file is not None:
            self.user_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.user_file.with_suffix(".tmp")
            tmp.write_text("".join(f"{k} = {_toml(v)}\n" for k, v in sorted(self._user.items())), encoding="utf-8")
            tmp.replace(self.user_file)
        return True


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
