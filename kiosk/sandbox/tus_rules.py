"""The contract's rules for tus requests, checked before tuspyserver sees them.

tuspyserver implements the protocol's mechanics (files, offsets, locks). What it does not hold on its own, and
the contract requires, is checked here, before a byte of the body is read:

- ``Tus-Resumable: 1.0.0`` on every request but ``OPTIONS`` (``412`` with ``Tus-Version`` otherwise);
- creation declares its length (``Upload-Length``, ASCII digits, at most :data:`MAX_UPLOAD` bytes; deferred
  lengths and concatenation are not offered) and its ``Upload-Metadata`` holds ``filename``, ``filetype`` and
  ``sha256`` (64 hex digits), as tus encodes them (``key base64`` pairs separated by commas);
- a creation that carries the first bytes (tus *creation-with-upload*) holds them to a part's rules: its
  type, its ``Content-Length`` and no more than the declared length (tuspyserver wrote any body whole);
- a ``PATCH`` is ``application/offset+octet-stream`` (``415``; tuspyserver would write the body before it
  looked), declares its ``Content-Length`` (``411``), starts at the upload's offset (``409``) and does not
  run past its declared length (``413``; tuspyserver would have written the chunks before the one that
  overflows, leaving bytes the offset does not count).

Every refusal is the contract's ErrorBody, with a Persian sentence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kiosk.contract.tus import MAX_UPLOAD, PATCH_TYPE, REQUIRED_METADATA, TUS_VERSION, parse_metadata
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.sandbox.errors import ApiProblem

_DIGITS = re.compile(r"[0-9]{1,20}")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")

M_TUS_VERSION = QT_TRANSLATE_NOOP("Sandbox", "The upload protocol version is not supported. Update the kiosk.")
M_UPLOAD_LENGTH = QT_TRANSLATE_NOOP("Sandbox", "The upload must state the file's size in bytes.")
M_UPLOAD_TOO_LARGE = QT_TRANSLATE_NOOP("Sandbox", "The file is larger than {limit} MB. Send a smaller file.")
M_UPLOAD_METADATA = QT_TRANSLATE_NOOP(
    "Sandbox", "The upload must name the file, its type and its SHA-256 fingerprint. Update the kiosk.")
M_UPLOAD_TYPE = QT_TRANSLATE_NOOP("Sandbox", "A part of an upload must be sent as application/offset+octet-stream.")
M_UPLOAD_OFFSET = QT_TRANSLATE_NOOP("Sandbox", "The upload's position is missing or not a number.")
M_UPLOAD_PART_LENGTH = QT_TRANSLATE_NOOP("Sandbox", "A part of an upload must state its length.")
M_UPLOAD_CONFLICT = QT_TRANSLATE_NOOP(
    "Sandbox", "The upload does not continue where the server expects. Ask for its state and send the rest.")
M_UPLOAD_OVERFLOW = QT_TRANSLATE_NOOP("Sandbox", "This part would make the file longer than its stated size.")
M_UPLOAD_DEFER = QT_TRANSLATE_NOOP("Sandbox", "An upload of unknown length is not offered. State the file's size.")


def metadata_problem(header: str | None) -> bool:
    values = parse_metadata(header)
    if values is None or any(not values.get(key) for key in REQUIRED_METADATA):
        return True
    if len(values["filename"]) > 255 or len(values["filetype"]) > 127 or "\x00" in values["filename"]:
        return True
    return not _SHA256.fullmatch(values["sha256"])


def _digits(value: str | None) -> int | None:
    return int(value) if value is not None and _DIGITS.fullmatch(value) else None


def _part_length(headers) -> int:
    """The length of a part of an upload, refused unless it is typed as one and states its length."""
    content_type = (headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != PATCH_TYPE:
        raise ApiProblem(415, "upload_content_type", M_UPLOAD_TYPE)
    part = _digits(headers.get("content-length"))
    if part is None:
        raise ApiProblem(411, "length_required", M_UPLOAD_PART_LENGTH)
    return part


def upload_state(uploads_dir: Path, uid: str) -> tuple[int, int] | None:
    """(offset, size) of an upload as tuspyserver keeps them, or None when it has none."""
    try:
        info = json.loads((uploads_dir / f"{uid}.info").read_text(encoding="utf-8"))
        return int(info["offset"]), int(info["size"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def check_request(method: str, headers, uid: str | None, uploads_dir: Path) -> None:
    """Raises the contract's refusal for a tus request that breaks its rules (ownership is checked before)."""
    if method == "OPTIONS":
        return
    if headers.get("tus-resumable") != TUS_VERSION:
        raise ApiProblem(412, "tus_version", M_TUS_VERSION, headers={"Tus-Version": TUS_VERSION})
    if method == "POST":
        if headers.get("upload-defer-length") is not None:
            raise ApiProblem(400, "upload_length", M_UPLOAD_DEFER)
        length = _digits(headers.get("upload-length"))
        if length is None:
            raise ApiProblem(400, "upload_length", M_UPLOAD_LENGTH)
        if length > MAX_UPLOAD:
            raise ApiProblem(413, "upload_too_large", M_UPLOAD_TOO_LARGE,
                             params={"limit": MAX_UPLOAD // (1024 * 1024)})
        if metadata_problem(headers.get("upload-metadata")):
            raise ApiProblem(400, "upload_metadata", M_UPLOAD_METADATA)
        chunked = "chunked" in (headers.get("transfer-encoding") or "").lower()
        if chunked or headers.get("content-length") not in (None, "0"):
            if _part_length(headers) > length:
                raise ApiProblem(413, "upload_overflow", M_UPLOAD_OVERFLOW)
    elif method == "PATCH":
        part = _part_length(headers)
        offset = _digits(headers.get("upload-offset"))
        if offset is None:
            raise ApiProblem(400, "upload_offset", M_UPLOAD_OFFSET)
        state = upload_state(uploads_dir, uid) if uid else None
        if state is not None:
            current, size = state
            if offset != current:
                raise ApiProblem(409, "upload_offset_conflict", M_UPLOAD_CONFLICT,
                                 headers={"Upload-Offset": str(current), "Tus-Resumable": TUS_VERSION})
            if offset + part > size:
                raise ApiProblem(413, "upload_overflow", M_UPLOAD_OVERFLOW)
