"""The upload part of the wire contract: tus 1.0.0 as both sides speak it."""

from __future__ import annotations

import base64
import binascii
import re

TUS_VERSION = "1.0.0"
MAX_UPLOAD = 25 * 1024 * 1024  # bytes of one document
PATCH_TYPE = "application/offset+octet-stream"
REQUIRED_METADATA = ("filename", "filetype", "sha256")  # sha256: 64 hex digits of the whole file
_KEY = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}")


def encode_metadata(values: dict[str, str]) -> str:
    """``Upload-Metadata`` as tus encodes it: ``key base64(value)`` pairs separated by commas."""
    return ",".join(f"{key} {base64.b64encode(value.encode('utf-8')).decode('ascii')}" for key, value in values.items())


def parse_metadata(header: str | None) -> dict[str, str] | None:
    """``Upload-Metadata`` as a dict of text values, or None when it is not well formed."""
    if header is None or not header.strip():
        return None
    values: dict[str, str] = {}
    for pair in header.split(","):
        parts = pair.strip().split(" ")
        if len(parts) not in (1, 2) or not _KEY.fullmatch(parts[0]) or parts[0] in values:
            return None
        try:
            raw = base64.b64decode(parts[1], validate=True) if len(parts) == 2 else b""
            values[parts[0]] = raw.decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return None
    return values
