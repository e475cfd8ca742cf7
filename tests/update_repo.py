"""A municipality's update repository for tests: made with `kiosk release` (kiosk/release.py), its public
copy served over HTTP from a static folder, as a web server would."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

from kiosk import release
from kiosk.platform import program_name, release_platform

PLATFORM = release_platform()


class Repository:
    """A municipality's repository (keys and all) and the public copy a web server serves."""

    def __init__(self, tmp: Path):
        self.repo = tmp / "repo"
        self.public = tmp / "public"
        self.root = release.init(self.repo)
        self.tmp = tmp
        self.publish()
        handler = functools.partial(_QuietHandler, directory=str(self.public))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def publish(self) -> None:
        shutil.rmtree(self.public, ignore_errors=True)
        release.copy_repository(self.repo, self.public)

    def bundle(self, version: str, extra: dict[str, bytes] | None = None) -> Path:
        folder = self.tmp / f"bundle-{version}"
        folder.mkdir()
        program = folder / program_name()
        program.write_text(f"#!/bin/sh\necho kiosk {version}\n")
        program.chmod(0o755)
        (folder / "_internal").mkdir()
        (folder / "_internal" / "data.txt").write_text(version)
        for name, data in (extra or {}).items():
            (folder / name).write_bytes(data)
        return release.zip_bundle(folder, self.tmp / f"kiosk-{version}.zip")

    def release(self, version: str, channel: str = "stable") -> str:
        path = release.add_release(self.repo, self.bundle(version), version, channel, PLATFORM)
        self.publish()
        return path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass
