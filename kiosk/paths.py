"""Where the kiosk finds its own files (source tree or frozen bundle) and where it may write."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from kiosk.platform import private_dir

APP_NAME = "isfahan-kiosk"
APP_AUTHOR = "isfahan"


def project_root() -> Path:
    """The folder holding `resources/` and `translations/`: the bundle's root when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    return project_root().joinpath("resources", *parts)


def translation_file(lang: str = "fa", suffix: str = ".qm") -> Path:
    return project_root() / "translations" / lang / f"kiosk_{lang}{suffix}"


def data_dir() -> Path:
    """Per-user data (the outbox, the training sandbox's database). Created on first use, this user's only
    (like the log and config folders)."""
    return private_dir(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))


def log_dir() -> Path:
    return private_dir(Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)))


def config_dir() -> Path:
    return private_dir(Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)))
