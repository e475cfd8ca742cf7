"""Requests the kit sends, remembered so that each failure can be repeated as a ``curl`` line."""

from __future__ import annotations

import base64
import shlex
from dataclasses import dataclass, field

import requests

SECRET_HEADERS = {"authorization"}


@dataclass
class Exchange:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None
    status: int | None = None
    answer: bytes = b""
    answer_headers: dict[str, str] = field(default_factory=dict)


def curl_line(method: str, url: str, headers: dict[str, str], body: bytes | None,
              token_names: dict[str, str] | None = None) -> str:
    """A shell line that sends the same request. Bearer tokens are shown as shell variables named by
    ``token_names`` (token → name), so the line is safe to paste into a ticket."""
    parts = ["curl", "-sS", "-i", "-X", method]
    for name, value in headers.items():
        if name.lower() in SECRET_HEADERS:
            token = value.removeprefix("Bearer ").strip()
            variable = (token_names or {}).get(token, "KIOSK_TOKEN")
            parts.append(f'-H "{name}: Bearer ${variable}"')
        else:
            parts += ["-H", shlex.quote(f"{name}: {value}")]
    prefix = ""
    if body:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and text.isprintable():
            parts += ["--data-binary", shlex.quote(text)]
        else:
            prefix = f"printf %s {shlex.quote(base64.b64encode(body).decode('ascii'))} | base64 -d | "
            parts += ["--data-binary", "@-"]
    parts.append(shlex.quote(url))
    return prefix + " ".join(p if p.startswith('-H "') else p for p in parts)


class RecordingSession(requests.Session):
    """A session that keeps every exchange (the last ``keep`` of them) and never follows redirects."""

    def __init__(self, keep: int = 50):
        super().__init__()
        self.exchanges: list[Exchange] = []
        self.keep = keep

    def send(self, request: requests.PreparedRequest, **kwargs) -> requests.Response:
        kwargs["allow_redirects"] = False
        kwargs.setdefault("timeout", 30)
        body = request.body.encode("utf-8") if isinstance(request.body, str) else request.body
        exchange = Exchange(request.method or "GET", request.url or "", dict(request.headers),
                            body if isinstance(body, (bytes, type(None))) else None)
        self.exchanges.append(exchange)
        del self.exchanges[:-self.keep]
        response = super().send(request, **kwargs)
        exchange.status = response.status_code
        exchange.answer = response.content[:2000]
        exchange.answer_headers = dict(response.headers)
        return response

    def last(self) -> Exchange | None:
        return self.exchanges[-1] if self.exchanges else None
