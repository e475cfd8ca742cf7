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
import re
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.platform import program_name, release_platform, write_private_file

log = logging.getLogger(__name__)

CHANNELS = ("stable", "pilot")
DEADLINE_S = 600  # a whole check, downloads included (a 62 MB release over a slow café link fits)

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


VERSION = re.compile(r"(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})")  # ASCII, no leading 0


def parse_version(text: str) -> tuple[int, int, int]:
    match = VERSION.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not a release version: {text!r}")
    return tuple(int(p) for p in match.groups())  # type: ignore[return-value]


def is_version(text) -> bool:
    try:
        parse_version(text)
    except ValueError:
        return False
    return True


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
        if not isinstance(data, dict):
            data = {}
        # Anything that is not what this code writes counts as nothing (a damaged file never stops a start).
        version = lambda v: v if is_version(v) else None  # noqa: E731
        staged = data.get("staged")
        self.staged: dict | None = staged if isinstance(staged, dict) and is_version(staged.get("version")) \
            and isinstance(staged.get("program_sha256"), str) else None
        self.trying: str | None = version(data.get("trying"))
        pid = data.get("trying_pid")
        self.trying_pid: int | None = pid if isinstance(pid, int) and not isinstance(pid, bool) else None
        self.current: str | None = version(data.get("current"))
        failed = data.get("failed")
        self.failed: list[str] = [v for v in failed if is_version(v)] if isinstance(failed, list) else []
        self.report: str | None = version(data.get("report"))

    def save(self) -> None:
        data = {"staged": self.staged, "trying": self.trying, "trying_pid": self.trying_pid, "current": self.current,
                "failed": self.failed, "report": self.report}
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
    from kiosk.platform import process_alive

    state = State(folder)
    changed = False
    if state.trying and state.trying_pid is not None and state.trying_pid != os.getpid() \
            and process_alive(state.trying_pid):
        # A second start while the version being tried runs (a double click): that one decides; this start
        # goes on to the one-kiosk lock, which refuses it.
        return None, None
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
        state.trying_pid = os.getpid()  # the same process after exec (POSIX), the waiting parent (Windows)
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
        state.trying_pid = None
        state.save()
        log.info("version %s passed its start check: it is the version that runs from now on", version)
        prune(folder, keep={version} | ({state.staged["version"]} if state.staged else set()))


def prune(folder: Path, keep: set[str]) -> None:
    """Unpacked versions and downloaded archives no longer needed (about 200 MB a release)."""
    for path in sorted((folder / "versions").glob("*")):
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
    for path in sorted((folder / "downloads").glob("*")):
        if path.is_file() and not any(f"kiosk-{v}-" in path.name for v in keep):
            path.unlink(missing_ok=True)


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
        from tuf.ngclient.urllib3_fetcher import Urllib3Fetcher

        deadline = time.monotonic() + DEADLINE_S

        class Bounded(Urllib3Fetcher):
            """A whole check within :data:`DEADLINE_S`: a server that drips a byte every few seconds never
            trips a socket timeout, and a check that never ends would be the freeze TUF's expiry guards
            against, only silent."""

            def _chunks(self, response):
                import threading

                from tuf.api.exceptions import SlowRetrievalError

                left = deadline - time.monotonic()
                if left <= 0:
                    response.close()
                    raise SlowRetrievalError(f"the update check took longer than {DEADLINE_S} s")
                late = threading.Event()

                def cut() -> None:  # unblocks a read waiting on a server that drips
                    late.set()
                    response.shutdown()

                watchdog = threading.Timer(left, cut)
                watchdog.daemon = True
                watchdog.start()
                try:
                    yield from super()._chunks(response)
                except Exception as exc:
                    if late.is_set():
                        raise SlowRetrievalError(f"the update check took longer than {DEADLINE_S} s") from exc
                    raise
                finally:
                    watchdog.cancel()
                if late.is_set():
                    raise SlowRetrievalError(f"the update check took longer than {DEADLINE_S} s")

        metadata = self.folder / "metadata"
        metadata.mkdir(parents=True, exist_ok=True)
        (self.folder / "downloads").mkdir(parents=True, exist_ok=True)
        # The root this counter trusts: the newest it has verified, else the one the bundle ships.
        bootstrap = None if (metadata / "root.json").exists() else self.trusted_root
        return Updater(str(metadata), f"{self.url}/metadata/", str(self.folder / "downloads"),
                       f"{self.url}/targets/", fetcher=Bounded(socket_timeout=20, app_user_agent="isfahan-kiosk"),
                       config=UpdaterConfig(app_user_agent="isfahan-kiosk"), bootstrap=bootstrap)

    def run(self) -> str | None:
        """Checks, downloads, verifies and stages a newer release; the staged version, or None when there is
        nothing newer. Raises :class:`UpdateRefused` or :class:`UpdateUnreachable`."""
        from tuf.api import exceptions as tuf_errors
        from tuf.api.serialization import DeserializationError

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
        except DeserializationError as exc:  # a captive portal's page, a web server's index.html: not TUF's
            raise UpdateUnreachable(f"the repository answered with something that is not metadata: {exc}") from exc
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
