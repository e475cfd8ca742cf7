"""The tus uploader's own requests: never redirected, the server's answers only, the API's origin only."""

from __future__ import annotations

import io

import pytest
from tusclient.client import TusClient
from tusclient.exceptions import TusCommunicationError

from kiosk.uploads import SessionUploader


class Answer:
    def __init__(self, status, headers):
        from requests.structures import CaseInsensitiveDict

        self.status_code = status
        self.headers = CaseInsensitiveDict(headers)
        self.content = b""


class Http:
    def __init__(self, answer):
        self.answer = answer
        self.calls = []

    def post(self, url, **kw):
        self.calls.append(kw)
        return self.answer

    def head(self, url, **kw):  # tuspy asks the offset of a known upload when it is built
        return Answer(200, {"upload-offset": "0"})


def uploader(answer):
    http = Http(answer)
    up = SessionUploader(file_stream=io.BytesIO(b"x" * 10), client=TusClient("https://city.example/api/v1/uploads/"),
                         url="https://city.example/api/v1/uploads/" + "a" * 32, chunk_size=10,
                         metadata={"filename": "d.pdf", "filetype": "application/pdf"}, http=http,
                         timeout=(1, 1), auth=lambda: {"Authorization": "Bearer T"}, creation_key="12345678901234567890")
    return up, http


def test_a_location_on_another_server_is_refused():
    up, http = uploader(Answer(201, {"Location": "https://evil.example/u/1", "Idempotency-Key": "12345678901234567890"}))
    with pytest.raises(TusCommunicationError):
        up.create_url()
    assert http.calls[0]["allow_redirects"] is False


def test_an_answer_without_the_echoed_key_is_not_the_servers():
    up, _ = uploader(Answer(201, {"Location": "/api/v1/uploads/" + "b" * 32}))
    with pytest.raises(TusCommunicationError):
        up.create_url()


def test_the_servers_creation_gives_the_upload_url_on_its_own_origin():
    up, _ = uploader(Answer(201, {"Location": "/api/v1/uploads/" + "b" * 32, "Idempotency-Key": "12345678901234567890"}))
    assert up.create_url() == "https://city.example/api/v1/uploads/" + "b" * 32


def test_the_uploader_does_not_load_aiohttp_until_something_uses_it():
    """tuspy imports aiohttp for an asyncio uploader the kiosk never uses (14 MB on every counter); the
    stand-in still behaves as the module for whatever does use it."""
    import subprocess
    import sys

    script = "\n".join([
        "import sys, importlib.util, inspect, PySide6.QtWidgets, kiosk.uploads, tusclient.request as r",  # (hooks)
        "print('aiohttp.client' in sys.modules)",
        "print(importlib.util.find_spec('aiohttp') is not None, inspect.getfile(sys.modules['aiohttp'])[-11:])",
        "print('aiohttp.client' in sys.modules)",
        "print(r.aiohttp.ClientError.__module__)",
        "print('aiohttp.client' in sys.modules)",
        "import aiohttp.web, aiohttp",
        "from aiohttp import web",
        "print(web.Application.__name__, bool(aiohttp.__version__))",
    ])
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.split() == ["False", "True", "__init__.py", "False", "aiohttp.client_exceptions", "True",
                           "Application", "True"]


def test_importing_an_aiohttp_submodule_first_loads_the_real_package():
    import subprocess
    import sys

    script = "import kiosk.uploads, aiohttp.client as c; print(c.ClientSession.__name__)"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.split() == ["ClientSession"]
