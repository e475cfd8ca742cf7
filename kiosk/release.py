"""The municipality's update repository: `kiosk release …` (The Update Framework, python-tuf's metadata API).

A static folder any web server can serve (the counters only read it)::

    <repository>/metadata/   1.root.json, 2.root.json …, timestamp.json, N.snapshot.json, N.targets.json
    <repository>/targets/    releases/<sha256>.kiosk-<version>-<platform>.zip
                             channels/<sha256>.<channel>-<platform>.json
    <repository>/keys/       the signing keys (PEM): root.pem, targets.pem, snapshot.pem, timestamp.pem

``keys/`` is never published. Four roles, each with its own Ed25519 key: **root** (which keys may sign
what; keep it offline, it is needed only to change keys), **targets** (signs which releases exist: used at
each release), **snapshot** (which targets metadata is current) and **timestamp** (re-signed often, so a
counter can tell a frozen mirror: its expiry is short). Snapshots are consistent: a file is named by its
version or hash, so a counter never reads half of a release being published.

A release is a zip of a bundle's folder and, per channel (``stable``, ``pilot``) and platform, a small
index naming the release a counter on that channel should run. Both are targets: a counter verifies each
against the signed metadata (length and SHA-256) before it reads a byte of it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

ROLES = ("root", "targets", "snapshot", "timestamp")
CHANNELS = ("stable", "pilot")
VERSION = re.compile(r"(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})")  # as the counters read it
PLATFORM = re.compile(r"(linux|windows)-(x86_64|arm64)")


class ReleaseError(ValueError):
    """What `kiosk release` refuses, as one sentence."""


def _repository(repo: Path) -> None:
    if not (repo / "metadata" / "timestamp.json").is_file() or not (repo / "keys").is_dir():
        raise ReleaseError(f"{repo} is not a repository made by `kiosk release init`")
# How long each role's signature holds before it must be renewed (days).
EXPIRY = {"root": 365, "targets": 90, "snapshot": 30, "timestamp": 7}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _signer(repo: Path, role: str):
    from cryptography.hazmat.primitives.serialization import load_pem_private_key
    from securesystemslib.signer import CryptoSigner

    return CryptoSigner(load_pem_private_key((repo / "keys" / f"{role}.pem").read_bytes(), None))


def _write(repo: Path, role: str, md, versioned: bool) -> None:
    from tuf.api.serialization.json import JSONSerializer

    folder = repo / "metadata"
    folder.mkdir(parents=True, exist_ok=True)
    data = md.to_bytes(JSONSerializer(compact=False))
    name = f"{md.signed.version}.{role}.json" if versioned else f"{role}.json"
    (folder / name).write_bytes(data)


def _load(repo: Path, role: str):
    from tuf.api.metadata import Metadata

    folder = repo / "metadata"
    if role == "timestamp":
        return Metadata.from_file(str(folder / "timestamp.json"))
    versions = sorted((int(p.name.split(".")[0]), p) for p in folder.glob(f"*.{role}.json"))
    return Metadata.from_file(str(versions[-1][1]))


def init(repo: Path) -> bytes:
    """A new repository with fresh keys and no release; returns the root metadata a bundle ships (its
    first trust)."""
    from securesystemslib.signer import CryptoSigner
    from tuf.api.metadata import Metadata, MetaFile, Root, Snapshot, Targets, Timestamp

    if (repo / "metadata").exists():
        raise FileExistsError(f"{repo} already holds a repository")
    keys = repo / "keys"
    keys.mkdir(parents=True, exist_ok=True)
    signers = {}
    for role in ROLES:
        signer = CryptoSigner.generate_ed25519()
        path = keys / f"{role}.pem"
        path.write_bytes(signer.private_bytes)
        path.chmod(0o600)
        signers[role] = signer
    now = _now()
    root = Root(expires=now + dt.timedelta(days=EXPIRY["root"]), consistent_snapshot=True)
    for role in ROLES:
        root.add_key(signers[role].public_key, role)
    mds = {
        "root": Metadata(root),
        "targets": Metadata(Targets(expires=now + dt.timedelta(days=EXPIRY["targets"]))),
        "snapshot": Metadata(Snapshot(expires=now + dt.timedelta(days=EXPIRY["snapshot"]),
                                      meta={"targets.json": MetaFile(version=1)})),
        "timestamp": Metadata(Timestamp(expires=now + dt.timedelta(days=EXPIRY["timestamp"]),
                                        snapshot_meta=MetaFile(version=1))),
    }
    for role, md in mds.items():
        md.sign(signers[role])
        _write(repo, role, md, versioned=role != "timestamp")
    (repo / "targets").mkdir(exist_ok=True)
    return (repo / "metadata" / "1.root.json").read_bytes()


def _add_target(repo: Path, targets, path: str, data: bytes, custom: dict | None = None) -> None:
    from tuf.api.metadata import TargetFile

    info = TargetFile.from_data(path, data, ["sha256"])
    if custom:
        info.unrecognized_fields["custom"] = custom
    digest = info.hashes["sha256"]
    folder, _, name = path.rpartition("/")
    out = repo / "targets" / folder
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{digest}.{name}").write_bytes(data)  # consistent snapshot: named by its hash
    targets.signed.targets[path] = info


def _publish(repo: Path, targets=None, timestamp_days: int | None = None) -> None:
    """Signs new targets (if given), a new snapshot and a new timestamp."""
    from tuf.api.metadata import MetaFile

    now = _now()
    snapshot = _load(repo, "snapshot")
    if targets is not None:
        targets.signed.version += 1
        targets.signed.expires = now + dt.timedelta(days=EXPIRY["targets"])
        targets.signatures.clear()
        targets.sign(_signer(repo, "targets"))
        _write(repo, "targets", targets, versioned=True)
        snapshot.signed.meta["targets.json"] = MetaFile(version=targets.signed.version)
    snapshot.signed.version += 1
    snapshot.signed.expires = now + dt.timedelta(days=EXPIRY["snapshot"])
    snapshot.signatures.clear()
    snapshot.sign(_signer(repo, "snapshot"))
    _write(repo, "snapshot", snapshot, versioned=True)
    timestamp = _load(repo, "timestamp")
    timestamp.signed.version += 1
    timestamp.signed.expires = now + dt.timedelta(days=timestamp_days or EXPIRY["timestamp"])
    timestamp.signed.snapshot_meta = MetaFile(version=snapshot.signed.version)
    timestamp.signatures.clear()
    timestamp.sign(_signer(repo, "timestamp"))
    _write(repo, "timestamp", timestamp, versioned=False)


def add_release(repo: Path, archive: Path, version: str, channel: str, platform: str) -> str:
    """Publishes ``archive`` (a zipped bundle) as ``version`` for ``platform`` and makes it what ``channel``
    runs; returns the release's target path. A pilot release can later be made stable with
    :func:`promote`."""
    _repository(repo)
    if not VERSION.fullmatch(version):
        raise ReleaseError(f"version {version!r}: three numbers without leading zeros, as 1.4.0")
    if channel not in CHANNELS:
        raise ReleaseError(f"channel {channel!r}: one of {', '.join(CHANNELS)}")
    if not PLATFORM.fullmatch(platform):
        raise ReleaseError(f"platform {platform!r}: linux-x86_64, windows-x86_64 (or -arm64)")
    _check_archive(archive, platform)
    targets = _load(repo, "targets")
    path = f"releases/kiosk-{version}-{platform}.zip"
    if path in targets.signed.targets:
        raise ReleaseError(f"{version} for {platform} is published already: a release is never replaced, "
                           "publish a newer version")
    _add_target(repo, targets, path, archive.read_bytes(), {"version": version, "platform": platform})
    _point_channel(repo, targets, channel, platform, version, path)
    _publish(repo, targets)
    return path


def _check_archive(archive: Path, platform: str) -> None:
    """A bundle's zip with its program for ``platform`` at the top (never an empty or foreign archive)."""
    import zipfile

    program = "kiosk.exe" if platform.startswith("windows") else "kiosk"
    if not archive.is_file() or not zipfile.is_zipfile(archive):
        raise ReleaseError(f"{archive} is not a bundle's folder or its zip")
    with zipfile.ZipFile(archive) as z:
        if program not in z.namelist():
            raise ReleaseError(f"{archive} has no {program} at its top: not a {platform} bundle")


def promote(repo: Path, version: str, channel: str, platform: str) -> None:
    """Points ``channel`` at a release already published (a pilot release proven at the pilot counters)."""
    _repository(repo)
    if channel not in CHANNELS:
        raise ReleaseError(f"channel {channel!r}: one of {', '.join(CHANNELS)}")
    targets = _load(repo, "targets")
    path = f"releases/kiosk-{version}-{platform}.zip"
    if path not in targets.signed.targets:
        raise ReleaseError(f"no release {version} for {platform}")
    _point_channel(repo, targets, channel, platform, version, path)
    _publish(repo, targets)


def _point_channel(repo: Path, targets, channel: str, platform: str, version: str, path: str) -> None:
    index = {"channel": channel, "platform": platform, "version": version, "archive": path}
    data = json.dumps(index, sort_keys=True).encode()
    _add_target(repo, targets, channel_index(channel, platform), data, {"channel": channel})


def channel_index(channel: str, platform: str) -> str:
    return f"channels/{channel}-{platform}.json"


def refresh_timestamp(repo: Path, days: int | None = None) -> None:
    """Re-signs the timestamp (and snapshot): run it at least every few days, or the counters take the
    repository for a frozen one and refuse it."""
    _repository(repo)
    _publish(repo, None, days)


def renew_root(repo: Path, days: int | None = None) -> int:
    """Signs a new version of the root with the root key (the same keys, a new expiry): at least once a
    year, or every counter refuses the repository as expired. Counters fetch it by its version number, so
    one that has not checked for months still climbs to it. Returns the new version."""
    from tuf.api.metadata import Metadata

    _repository(repo)
    newest = max((repo / "metadata").glob("*.root.json"), key=lambda p: int(p.name.split(".")[0]))
    root = Metadata.from_file(str(newest))
    root.signed.version += 1
    root.signed.expires = _now() + dt.timedelta(days=days or EXPIRY["root"])
    root.signatures.clear()
    root.sign(_signer(repo, "root"))
    _write(repo, "root", root, versioned=True)
    return root.signed.version


def zip_bundle(folder: Path, out: Path) -> Path:
    """A bundle's folder as the zip a release carries (executable bits kept)."""
    import zipfile

    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
            info = zipfile.ZipInfo.from_file(path, path.relative_to(folder).as_posix())
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                archive.writestr(info, f.read(), compresslevel=9)
    return out


def copy_repository(repo: Path, public: Path) -> None:
    """What is published: targets first, then metadata (a counter reading during the copy finds every file
    the new metadata names), never the keys."""
    _repository(repo)
    if public.resolve() == repo.resolve() or repo.resolve() in public.resolve().parents:
        raise ReleaseError(f"publish into a folder outside the repository, not {public}")
    for part in ("targets", "metadata"):
        shutil.copytree(repo / part, public / part, dirs_exist_ok=True)
