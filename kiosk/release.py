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
import hashlib
import json
import re
import shutil
from pathlib import Path

ROLES = ("root", "targets", "snapshot", "timestamp")
CHANNELS = ("stable", "pilot")
VERSION = re.compile(r"^\d{1,4}\.\d{1,4}\.\d{1,4}$")
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
    if not VERSION.match(version):
        raise ValueError(f"version {version!r}: three numbers, as 1.4.0")
    if channel not in CHANNELS:
        raise ValueError(f"channel {channel!r}: one of {', '.join(CHANNELS)}")
    targets = _load(repo, "targets")
    path = f"releases/kiosk-{version}-{platform}.zip"
    _add_target(repo, targets, path, archive.read_bytes(), {"version": version, "platform": platform})
    _point_channel(repo, targets, channel, platform, version, path)
    _publish(repo, targets)
    return path


def promote(repo: Path, version: str, channel: str, platform: str) -> None:
    """Points ``channel`` at a release already published (a pilot release proven at the pilot counters)."""
    targets = _load(repo, "targets")
    path = f"releases/kiosk-{version}-{platform}.zip"
    if path not in targets.signed.targets:
        raise KeyError(f"no release {version} for {platform}")
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
    _publish(repo, None, days)


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


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def copy_repository(repo: Path, public: Path) -> None:
    """What is published: metadata and targets, never the keys."""
    for part in ("metadata", "targets"):
        shutil.copytree(repo / part, public / part, dirs_exist_ok=True)
