"""Signed updates from the municipality's repository (The Update Framework: python-tuf's client).

A counter checks the repository named by the administrator's locked settings (``update_url``,
``update_channel``: ``stable`` or ``pilot``) in the background: python-tuf verifies every piece of metadata
against the keys the bundle trusts (``resources/updates/root.json``, or the administrator's
``updates-root.json``), refuses expired metadata (a frozen mirror), metadata older than what this counter has
already seen (a rollback), and any file whose length or SHA-256 differs from what was signed. The channel's
index names the release; it is downloaded, verified, unpacked into ``versions/<version>/`` of the updates
folder and *staged*. Nothing changes while the kiosk runs.

At the next start the installed program (the launcher, :func:`choose`) runs the staged version in its
place, marked as *trying*. The new version confirms itself once its start check passes (its window painted
and its outbox open: :func:`confirm_started`); a try never confirmed — it crashed, hung and was killed, or
failed to open — is marked failed at the following start, the previous version runs again, and the failure
is shown in the status bar and logged. The repository side is :mod:`kiosk.release`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.platform import program_name, release_platform, write_private_file

log = logging.getLogger(__name__)

CHANNELS = ("stable", "pilot")

STAGED = QT_TRANSLATE_NOOP("Updates", "Version {version} was downloaded and checked; it starts the next time the "
                                      "kiosk starts.")
FAILED_START = QT_TRANSLATE_NOOP("Updates", "Version {version} did not start correctly, so the previous version "
                                            "was started again. Tell support.")
REFUSED = {
    "tampered": QT_TRANSLATE_NOOP("Updates", "Update refused: its files do not match what the municipality signed. "
                                             "This version keeps running; tell support."),
    "expired": QT_TRANSLATE_NOOP("Updates", "Update refused: the update server's signatures have expired (a stale "
                                            "or frozen copy). This version keeps running; tell support."),
    "rollback": QT_TRANSLATE_NOOP("Updates", "Update refused: the update server offered older information than this "
                                             "counter has already seen. This version keeps running; tell support."),
    "channel": QT_TRANSLATE_NOOP("Updates", "Update refused: the release offered is not for this counter's channel "
                                            "or system. This version keeps running; tell support."),
    "older": QT_TRANSLATE_NOOP("Updates", "Update refused: the release offered ({version}) is older than the one "
                                          "running. This version keeps running; tell support."),
    "broken": QT_TRANSLATE_NOOP("Updates", "Update refused: the release could not be unpacked. This version keeps "
                                           "running; tell support."),
}


def parse_version(text: str) -> tuple[int, int, int]:
    parts = text.split(".")
    if len(parts) != 3 or not all(p.isdigit() and len(p) <= 4 for p in parts):
        raise ValueError(f"not a release version: {text!r}")
    return tuple(int(p) for p in parts)  # type: ignore[return-value]


def newer(a: str | None, b: str | None) -> bool:
    """Is version ``a`` newer than ``b`` (None: no version)?"""
    if a is None:
        return False
    return b is None or parse_version(a) > parse_version(b)


class UpdateRefused(Exception):
    """The repository offered something this counter must not run; ``kind`` keys :data:`REFUSED`."""

    def __init__(self, kind: str, detail: str = "", version: str = ""):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.version = version


class UpdateUnreachable(Exception):
    """No answer from the repository (offline, or the server down): tried again at the next check."""


@dataclass(frozen=True)
class Release:
    version: str
    channel: str
    platform: str
    archive: str  # its target path in the repository


# --- the updates folder's state ------------------------------------------------------------------
class State:
    """``state.json`` in the updates folder: what is staged, being tried, confirmed, failed."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / "state.json"
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.staged: dict | None = data.get("staged")
        self.trying: str | None = data.get("trying")
        self.current: str | None = data.get("current")
        self.failed: list[str] = list(data.get("failed", []))
        self.report: str | None = data.get("report")

    def save(self) -> None:
        data = {"staged": self.staged, "trying": self.trying, "current": self.current, "failed": self.failed,
                "report": self.report}
        write_private_file(self.path, json.dumps(data, indent=1).encode())

    def version_dir(self, version: str) -> Path:
        return self.folder / "versions" / version


def _program_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def choose(folder: Path, own_version: str) -> tuple[Path | None, str | None]:
    """At start, in the installed program: which program runs (None: this one) and its version. A try that
    never confirmed is marked failed here (and kept for the status bar)."""
    state = State(folder)
    changed = False
    if state.trying:
        log.error("version %s did not confirm its start: it is marked failed, the previous version runs",
                  state.trying)
        state.failed.append(state.trying)
        state.report = state.trying
        if state.current == state.trying:
            state.current = None
        state.trying = None
        changed = True
    pick: str | None = None
    staged = state.staged
    best_known = state.current if newer(state.current, own_version) else own_version
    if staged and staged["version"] not in state.failed and newer(staged["version"], best_known):
        pick = staged["version"]
        state.trying = pick
        state.staged = None
        changed = True
    elif state.current and state.current not in state.failed and newer(state.current, own_version):
        pick = state.current
    program = None
    if pick is not None:
        candidate = state.version_dir(pick) / program_name()
        digest = (staged or {}).get("program_sha256") if pick == (staged or {}).get("version") else None
        if not candidate.is_file() or (digest and _program_digest(candidate) != digest):
            log.error("version %s is not whole in %s: not run", pick, candidate.parent)
            state.failed.append(pick)
            state.report = pick
            state.trying = None
            if state.current == pick:
                state.current = None
            changed = True
            pick = None
        else:
            program = candidate
    if changed:
        state.save()
    return program, pick


def confirm_started(folder: Path, version: str) -> None:
    """In the version being tried, once its start check passed: it becomes the version that runs."""
    state = State(folder)
    if state.trying == version:
        state.current = version
        state.trying = None
        state.save()
        log.info("version %s passed its start check: it is the version that runs from now on", version)


def take_report(folder: Path) -> str | None:
    """The version whose start failed, once (for the status bar)."""
    state = State(folder)
    version = state.report
    if version is not None:
        state.report = None
        state.save()
    return version


# --- checking, downloading, staging ----------------------------------------------------------------
class UpdateClient:
    """One check of the repository (call :meth:`run` from a worker thread)."""

    def __init__(self, url: str, channel: str, trusted_root: bytes, folder: Path, own_version: str,
                 platform_name: str | None = None):
        if channel not in CHANNELS:
            raise ValueError(f"update channel {channel!r}: one of {', '.join(CHANNELS)}")
        self.url = url.rstrip("/")
        self.channel = channel
        self.trusted_root = trusted_root
        self.folder = folder
        self.own_version = own_version
        self.platform = platform_name or release_platform()

    def _updater(self):
        from tuf.ngclient import Updater, UpdaterConfig

        metadata = self.folder / "metadata"
        metadata.mkdir(parents=True, exist_ok=True)
        (self.folder / "downloads").mkdir(parents=True, exist_ok=True)
        # The root this counter trusts: the newest it has verified, else the one the bundle ships.
        bootstrap = None if (metadata / "root.json").exists() else self.trusted_root
        return Updater(str(metadata), f"{self.url}/metadata/", str(self.folder / "downloads"),
                       f"{self.url}/targets/", config=UpdaterConfig(app_user_agent="isfahan-kiosk"),
                       bootstrap=bootstrap)

    def run(self) -> str | None:
        """Checks, downloads, verifies and stages a newer release; the staged version, or None when there is
        nothing newer. Raises :class:`UpdateRefused` or :class:`UpdateUnreachable`."""
        from tuf.api import exceptions as tuf_errors

        try:
            updater = self._updater()
            updater.refresh()
            release = self._release(updater)
            if release is None:
                return None
            state = State(self.folder)
            if release.version in state.failed:
                return None  # it failed its start here once: not again (a newer release will be offered)
            if not newer(release.version, self.own_version):
                if release.version == self.own_version or release.version == state.current:
                    return None
                raise UpdateRefused("older", release.version, release.version)
            if state.current and not newer(release.version, state.current):
                return None
            if state.staged and state.staged.get("version") == release.version:
                return release.version
            info = updater.get_targetinfo(release.archive)
            if info is None or info.custom.get("version") != release.version \
                    or info.custom.get("platform") != self.platform:
                raise UpdateRefused("channel", f"{release.archive} does not match its index")
            archive = updater.find_cached_target(info) or updater.download_target(info)
        except tuf_errors.ExpiredMetadataError as exc:
            raise UpdateRefused("expired", str(exc)) from exc
        except tuf_errors.BadVersionNumberError as exc:
            raise UpdateRefused("rollback", str(exc)) from exc
        except tuf_errors.RepositoryError as exc:  # bad signature, length or hash, malformed metadata
            raise UpdateRefused("tampered", str(exc)) from exc
        except tuf_errors.DownloadError as exc:
            raise UpdateUnreachable(str(exc)) from exc
        except OSError as exc:
            raise UpdateUnreachable(str(exc)) from exc
        self._stage(release, Path(archive))
        return release.version

    def _release(self, updater) -> Release | None:
        from kiosk.release import channel_index

        path = channel_index(self.channel, self.platform)
        info = updater.get_targetinfo(path)
        if info is None:
            return None  # nothing published for this channel and system
        index_file = updater.find_cached_target(info) or updater.download_target(info)
        try:
            index = json.loads(Path(index_file).read_text(encoding="utf-8"))
            release = Release(str(index["version"]), str(index["channel"]), str(index["platform"]),
                              str(index["archive"]))
            parse_version(release.version)
        except (ValueError, KeyError, TypeError) as exc:
            raise UpdateRefused("tampered", f"unreadable channel index: {exc}") from exc
        if release.channel != self.channel or release.platform != self.platform:
            raise UpdateRefused("channel", f"{release.channel}/{release.platform} offered to "
                                           f"{self.channel}/{self.platform}", release.version)
        return release

    def _stage(self, release: Release, archive: Path) -> None:
        state = State(self.folder)
        target = state.version_dir(release.version)
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        try:
            unpack(archive, partial)
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            shutil.rmtree(partial, ignore_errors=True)
            raise UpdateRefused("broken", str(exc), release.version) from exc
        program = partial / program_name()
        if not program.is_file():
            shutil.rmtree(partial, ignore_errors=True)
            raise UpdateRefused("broken", f"no {program_name()} in the release", release.version)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(partial, target)
        state = State(self.folder)
        state.staged = {"version": release.version, "program_sha256": _program_digest(target / program_name()),
                        "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        state.save()
        log.info("version %s staged in %s: it runs at the next start", release.version, target)


def unpack(archive: Path, into: Path) -> None:
    """A release's zip into ``into``, refusing any entry that would land outside it; POSIX modes kept."""
    into.mkdir(parents=True)
    root = into.resolve()
    with zipfile.ZipFile(archive) as z:
        for info in z.infolist():
            dest = (into / info.filename).resolve()
            if dest != root and root not in dest.parents:
                raise ValueError(f"entry outside the release: {info.filename!r}")
            if info.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            with z.open(info) as src, open(dest, "wb") as out:
                shutil.copyfileobj(src, out)
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                os.chmod(dest, mode)
