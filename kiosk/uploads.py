"""Resumable document uploads over tus, surviving a dropped connection and a killed kiosk.

A document's checked bytes are first spooled, encrypted, next to the outbox, with a row that remembers the
tus upload URL the moment the server hands it out. Sending goes chunk by chunk; after any interruption
(here or in another process after a restart) the upload asks the server for its offset and sends only
what is missing. When the last byte is in, the file is bound to its checklist item — the server checks
size and SHA-256 first — and the spool is deleted.

tuspy brings the protocol (metadata, offsets, chunking); it has no timeouts, no session and no progress,
so :class:`SessionUploader` routes its three requests through a ``requests.Session`` with timeouts.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Callable
from urllib.parse import urljoin

import requests


def _deferred_module(name: str) -> None:
    """``name`` is imported only when something first uses it: reads one of its attributes or imports one
    of its submodules. tuspy imports aiohttp at the top for its asyncio uploader, which the kiosk never
    uses: 14 MB of resident memory on every counter, for nothing. (importlib's LazyLoader does not help
    here: Python 3.11's ``import`` statement reads the module's ``__spec__``, which loads it.) The stand-in
    carries the real module's spec and file, so tools that look at any module (PySide's import hook reads
    its source) do not load it."""
    import importlib
    import importlib.abc
    import importlib.util
    import sys
    import types

    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    stand_in = types.ModuleType(name, f"{name}, imported on first use")
    stand_in.__spec__ = spec
    stand_in.__file__ = spec.origin

    def real():
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return importlib.import_module(name)

    def load(attribute: str):
        if attribute == "__wrapped__":  # asked of any object by inspect.unwrap: not a use
            raise AttributeError(attribute)
        return getattr(real(), attribute)

    class Submodules(importlib.abc.MetaPathFinder):
        """``import aiohttp.web``: the real package first, then its submodule as usual."""

        def find_spec(self, fullname, path=None, target=None):
            if fullname.startswith(name + ".") and sys.modules.get(name) is stand_in:
                real()
            return None

    stand_in.__getattr__ = load
    sys.modules[name] = stand_in
    sys.meta_path.insert(0, Submodules())


_deferred_module("aiohttp")
from tusclient.client import TusClient  # noqa: E402
from tusclient.exceptions import TusCommunicationError, TusUploadFailed  # noqa: E402
from tusclient.uploader import Uploader  # noqa: E402

from kiosk.api_client.errors import ApiError, OfflineError, RequestTimeout, ServerError, Unauthorized
from kiosk.api_client.keys import Intent
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.contract import (
    API_PREFIX, CONSENT_HEADER, IDEMPOTENCY_HEADER, UPLOADS_PATH, CaseDocument, DocumentInfo, UploadBinding,
)

if TYPE_CHECKING:
    from kiosk.outbox.keys import KeyRing

log = logging.getLogger(__name__)

CHUNK_SIZE = 256 * 1024

Progress = Callable[[int, int], None]


class SessionUploader(Uploader):
    """tuspy's Uploader, but every request goes through one Session, with timeouts and the operator's token."""

    def __init__(self, *args, http: requests.Session, timeout: tuple[float, float], auth: Callable[[], dict],
                 on_attempt: Callable[[int], None] = lambda n: None, creation_key: str | None = None, **kw):
        self.creation_key = creation_key
        self.http = http
        self.timeout = timeout
        self.auth = auth
        self.on_attempt = on_attempt
        super().__init__(*args, **kw)

    def get_headers(self):
        headers = super().get_headers()
        headers.update(self.auth())
        return headers

    def create_url(self):
        headers = self.get_url_creation_headers()
        if self.creation_key:
            # A kiosk killed between the server creating the upload and saving its URL asks again with the
            # same key, and gets the same upload back instead of a second one.
            headers[IDEMPOTENCY_HEADER] = self.creation_key
        try:
            resp = self.http.post(self.client.url, headers=headers, timeout=self.timeout, allow_redirects=False)
        except requests.RequestException as exc:
            raise TusCommunicationError(str(exc)) from exc
        if self.creation_key and resp.headers.get(IDEMPOTENCY_HEADER) != self.creation_key:
            # Not the server's answer (a gateway's page, a redirect): try again later with the same key.
            raise TusCommunicationError("not the server's answer")
        # A replayed creation hands back an upload that may already hold bytes (the same file sent before).
        self.replayed = resp.headers.get("idempotent-replayed", "").lower() == "true"
        location = resp.headers.get("location")
        if resp.status_code == 401 or location is None:
            raise TusCommunicationError("no upload URL", resp.status_code, resp.content)
        url = urljoin(self.client.url, location)
        if _origin(url) != _origin(self.client.url):
            # The file and the clerk's token go only to the API's own origin.
            raise TusCommunicationError("the upload URL points to another server", 502, b"")
        return url

    def get_offset(self):
        try:
            resp = self.http.head(self.url, headers=self.get_headers(), timeout=self.timeout)
        except requests.RequestException as exc:
            raise TusCommunicationError(str(exc)) from exc
        offset = resp.headers.get("upload-offset")
        if offset is None:
            raise TusCommunicationError("no offset", resp.status_code, resp.content)
        return int(offset)

    def _do_request(self):
        stream = self.get_file_stream()
        stream.seek(self.offset)
        chunk = stream.read(self.get_request_length())
        headers = {"upload-offset": str(self.offset), "Content-Type": "application/offset+octet-stream"}
        headers.update(self.get_headers())
        self.on_attempt(len(chunk))
        try:
            resp = self.http.patch(self.url, data=chunk, headers=headers, timeout=self.timeout, allow_redirects=False)
        except requests.RequestException as exc:
            raise TusUploadFailed(exc) from exc
        self.request = SimpleNamespace(status_code=resp.status_code, response_content=resp.content,
                                       response_headers={k.lower(): v for k, v in resp.headers.items()})
        if not 200 <= resp.status_code < 300:
            raise TusUploadFailed("", resp.status_code, resp.content)


def _origin(url: str) -> tuple[str, str, int | None]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


@dataclass
class UploadJob:
    key: str
    draft_id: str
    item_id: str
    filename: str
    content_type: str
    sha256: str
    size: int
    consent_id: str
    url: str | None = None
    generation: int = 0  # bumped when the file must go up again from byte 0 on a new upload
    target: str = "drafts"  # what the file is bound to: a draft's checklist item or a case's drawing sheet
    operator: str | None = None  # the clerk whose upload the server holds (another clerk starts a new one)

    @property
    def bind_path(self) -> str:
        kind = "cases" if self.target == "cases" else "drafts"
        return f"{API_PREFIX}/{kind}/{self.draft_id}/documents/{self.item_id}/from-upload"


class UploadSpool:
    """Pending uploads, sealed at rest by the outbox's key ring, in the outbox's folder.

    A job's bytes go to ``<key>.bin`` — written whole and fsynced with its folder — before the row that
    points at them commits, so after a power cut a row never points at a missing or empty file. A job whose
    bytes or metadata cannot be opened any more (a damaged disk, a lost key) is set aside, never retried in a
    loop, and named by :meth:`damaged` so the clerk can attach the paper again. Jobs expire with their
    draft (:meth:`purge_expired`): the citizen's scan does not outlive the request it was for.
    """

    TTL = 14 * 86400.0  # a draft lives 14 days from its last save (the sandbox's draft_ttl)

    def __init__(self, folder: Path, keys: "KeyRing | bytes", clock=time.time):
        from kiosk import platform
        from kiosk.outbox.keys import KeyRing

        self.folder = platform.private_dir(folder)
        self.keys = keys if isinstance(keys, KeyRing) else KeyRing.single(keys)
        self._clock = clock
        self._lock = threading.RLock()
        self._logged: set[str] = set()
        self._conn = sqlite3.connect(str(folder / "uploads.sqlite3"), check_same_thread=False, isolation_level=None)
        self._conn.text_factory = lambda raw: raw.decode("utf-8", "replace")  # a damaged cell: one job, not all
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("CREATE TABLE IF NOT EXISTS uploads (key TEXT PRIMARY KEY, meta BLOB NOT NULL, "
                           "url TEXT, created_at REAL NOT NULL)")
        columns = {r[1] for r in self._conn.execute("PRAGMA table_info(uploads)")}
        for name, decl in (("expires_at", "REAL"), ("key_id", "TEXT"), ("state", "TEXT NOT NULL DEFAULT 'pending'")):
            if name not in columns:  # spools from before expiry and key ids
                self._conn.execute(f"ALTER TABLE uploads ADD COLUMN {name} {decl}")
        for suffix in ("", "-wal", "-shm"):
            platform.restrict_file(folder / f"uploads.sqlite3{suffix}")

    def _seal(self, key: str, data: bytes) -> bytes:
        return self.keys.seal(data, key.encode())

    def _open(self, key: str, blob: bytes) -> bytes:
        return self.keys.open(blob, key.encode())

    def add(self, draft_id: str, item_id: str, content: bytes, filename: str, content_type: str,
            consent_id: str, target: str = "drafts", tag: str = "", expires_at: float | None = None) -> UploadJob:
        """``draft_id`` is the draft, or with ``target="cases"`` the case number; ``tag`` tells apart
        rounds that may carry the same file (a case's drawings sent again after an objection);
        ``expires_at`` is when the draft expires (epoch seconds; default 14 days from now)."""
        from kiosk import platform

        sha = hashlib.sha256(content).hexdigest()
        # One job per draft, item and content: picking the same scan again resumes instead of restarting.
        prefix = "" if target == "drafts" else f"{target}:{tag}:"
        key = hashlib.sha256(f"{prefix}{draft_id}/{item_id}/{sha}".encode()).hexdigest()[:32]
        job = UploadJob(key, draft_id, item_id, filename, content_type, sha, len(content), consent_id, target=target)
        from kiosk.outbox.keys import Unreadable

        with self._lock:
            row = self._conn.execute("SELECT state FROM uploads WHERE key=?", (key,)).fetchone()
            existing = None
            if row is not None and row[0] == "pending":
                try:
                    existing = self.get(key)
                except (Unreadable, ValueError, TypeError):
                    existing = None
            if row is not None and existing is None:
                self.forget(key)  # attached again after its spooled copy or record was found damaged: afresh
            if existing is not None:
                existing.consent_id = consent_id
                self._save_meta(existing)
                return existing
            # The bytes are on the disk (file and folder entry) before the row that points at them.
            platform.write_private_file(self.folder / f"{key}.bin", self._seal(key, content))
            now = self._clock()
            self._conn.execute("INSERT OR REPLACE INTO uploads(key, meta, url, created_at, expires_at, key_id, state)"
                               " VALUES (?,?,?,?,?,?,'pending')",
                               (key, self._seal(key, json.dumps(job.__dict__).encode()), None, now,
                                expires_at or now + self.TTL, self.keys.current))
        return job

    def _save_meta(self, job: UploadJob) -> None:
        self._conn.execute("UPDATE uploads SET meta=?, url=?, key_id=? WHERE key=?",
                           (self._seal(job.key, json.dumps(job.__dict__).encode()), job.url, self.keys.current,
                            job.key))

    def set_url(self, job: UploadJob, url: str | None) -> None:
        """Remembered before the first byte is sent, so a restart resumes rather than restarts."""
        with self._lock:
            job.url = url
            self._save_meta(job)

    def get(self, key: str) -> UploadJob | None:
        with self._lock:
            row = self._conn.execute("SELECT meta FROM uploads WHERE key=?", (key,)).fetchone()
        if row is None:
            return None
        fields = json.loads(self._open(key, row[0]))
        known = UploadJob.__dataclass_fields__
        return UploadJob(**{k: v for k, v in fields.items() if k in known})

    def _set_aside(self, key: str, state: str, why: str) -> None:
        with self._lock:
            self._conn.execute("UPDATE uploads SET state=? WHERE key=?", (state, key))
        if key not in self._logged:
            self._logged.add(key)
            log.error("upload spool: job %s… set aside as %s (%s)", key[:6], state, why)

    def pending(self) -> list[UploadJob]:
        """Jobs that can be sent. A job whose metadata cannot be opened is set aside (logged once)."""
        from kiosk.outbox.keys import Unreadable

        with self._lock:
            keys = [r[0] for r in self._conn.execute(
                "SELECT key FROM uploads WHERE state='pending' ORDER BY created_at")]
        jobs = []
        for k in keys:
            try:
                job = self.get(k)
            except (Unreadable, ValueError, TypeError) as exc:
                self._set_aside(k, "unreadable", str(exc))
                continue
            if job is not None:
                jobs.append(job)
        return jobs

    def damaged(self) -> list[UploadJob]:
        """Jobs whose bytes were found damaged: the clerk attaches the document again."""
        with self._lock:
            keys = [r[0] for r in self._conn.execute("SELECT key FROM uploads WHERE state='damaged'")]
        out = []
        for k in keys:
            try:
                job = self.get(k)
            except Exception:  # metadata unreadable too: nothing to name
                continue
            if job is not None:
                out.append(job)
        return out

    def content(self, job: UploadJob) -> bytes:
        """The job's bytes; raises :class:`SpoolDamaged` (and sets the job aside) if they cannot be read."""
        from kiosk.outbox.keys import Unreadable

        try:
            data = self._open(job.key, (self.folder / f"{job.key}.bin").read_bytes())
        except (OSError, Unreadable) as exc:
            self._set_aside(job.key, "damaged", str(exc))
            raise SpoolDamaged(job) from exc
        if len(data) != job.size or hashlib.sha256(data).hexdigest() != job.sha256:
            self._set_aside(job.key, "damaged", "content differs from what was attached")
            raise SpoolDamaged(job)
        return data

    def done(self, job: UploadJob) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM uploads WHERE key=?", (job.key,))
            (self.folder / f"{job.key}.bin").unlink(missing_ok=True)

    def forget(self, key: str) -> None:
        """A damaged or unreadable job the clerk has replaced."""
        with self._lock:
            self._conn.execute("DELETE FROM uploads WHERE key=?", (key,))
            (self.folder / f"{key}.bin").unlink(missing_ok=True)

    def purge_expired(self) -> int:
        """Removes jobs whose draft has expired, and stray files no row points at (a kill between the file
        and its row). Returns how many jobs went."""
        now = self._clock()
        with self._lock:
            gone = [r[0] for r in self._conn.execute(
                "SELECT key FROM uploads WHERE COALESCE(expires_at, created_at + ?) < ?", (self.TTL, now))]
            for key in gone:
                self.forget(key)
            known = {r[0] for r in self._conn.execute("SELECT key FROM uploads")}
        for path in self.folder.iterdir():
            stem = path.name.split(".", 1)[0].lstrip(".")
            if (path.suffix in (".bin", ".tmp") and stem not in known) and path.is_file():
                path.unlink(missing_ok=True)
        if gone:
            log.info("upload spool: %d expired job(s) removed", len(gone))
        return len(gone)

    def rekey(self) -> int:
        """Re-seals every readable job under the current key (after a rotation)."""
        from kiosk import platform

        done = 0
        for job in self.pending():
            try:
                content = self.content(job)
            except SpoolDamaged:
                continue
            with self._lock:
                platform.write_private_file(self.folder / f"{job.key}.bin", self._seal(job.key, content))
                self._save_meta(job)
            done += 1
        return done

    def key_ids_in_use(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._conn.execute("SELECT DISTINCT key_id FROM uploads") if r[0]}

    def close(self) -> None:
        with self._lock:
            self._conn.close()


DAMAGED = QT_TRANSLATE_NOOP("ApiClient", "The copy of this document kept on this PC for sending was damaged. "
                                         "Attach the document again.")


class SpoolDamaged(ApiError):
    """The spooled bytes of ``job`` cannot be read back (see :meth:`UploadSpool.content`): shown like any
    error the clerk can act on."""

    def __init__(self, job: UploadJob):
        super().__init__(DAMAGED, translatable=True, code="spool_damaged")
        self.job = job


class Uploads:
    """Runs jobs against one server. Blocking: call from a worker thread (``kiosk.tasks``)."""

    def __init__(self, spool: UploadSpool, api_provider: Callable[[], object], chunk_size: int = CHUNK_SIZE,
                 operator: Callable[[], str | None] = lambda: None):
        self.spool = spool
        self._api_provider = api_provider
        self._operator = operator
        self.chunk_size = chunk_size
        self._local = threading.local()
        self.bytes_sent = 0  # payload bytes the server confirmed
        self.bytes_attempted = 0  # payload bytes put on the wire, including chunks a cut interrupted

    def _http(self) -> requests.Session:
        s = getattr(self._local, "http", None)
        if s is None:
            s = self._local.http = requests.Session()
        return s

    def run(self, job: UploadJob, progress: Progress | None = None,
            cancelled: Callable[[], bool] = lambda: False) -> "DocumentInfo | CaseDocument | None":
        """Sends what the server does not have yet, then binds the file. None if cancelled."""
        from kiosk.api_client.errors import ValidationFailed

        try:
            return self._run_once(job, progress, cancelled)
        except ValidationFailed as exc:
            if exc.code != "file_hash":
                raise
            # What arrived is not what was sent (a PATCH cut or overrun can leave stray bytes behind):
            # start this file again from byte 0 on a new upload, once.
            log.warning("upload of %s arrived damaged; sending it again from the start", job.item_id)
            job.generation += 1
            self.spool.set_url(job, None)
            return self._run_once(job, progress, cancelled)

    def _count(self, n: int) -> None:
        self.bytes_attempted += n

    def _run_once(self, job: UploadJob, progress: Progress | None,
                  cancelled: Callable[[], bool]) -> "DocumentInfo | CaseDocument | None":
        api = self._api_provider()
        if api is None:
            raise OfflineError()
        session = api.session
        token = session.token_provider() if session.token_provider else None
        auth = (lambda: {"Authorization": f"Bearer {token}"}) if token else (lambda: {})
        content = self.spool.content(job)
        client = TusClient(session.base_url + UPLOADS_PATH)  # the address the contract names
        metadata = {"filename": job.filename, "filetype": job.content_type, "sha256": job.sha256,
                    "draft": job.draft_id, "item": job.item_id}

        # The job's intent outlives the process (its seed is the job's key, kept sealed in the spool): a kiosk
        # killed after the server created the upload asks again with the same key and gets the same upload.
        # The keys name the clerk (and the bind the consent): the server answers a replay only to them.
        intent = Intent.from_seed("upload", job.key)
        operator = self._operator()
        if job.url is not None and (job.operator != operator or _origin(job.url) != _origin(session.base_url)):
            # Another clerk's upload on the server (the citizen moved to another counter): a new one, from byte 0.
            job.generation += 1
            self.spool.set_url(job, None)
        job.operator = operator

        def uploader_for(url):
            return SessionUploader(file_stream=io.BytesIO(content), client=client, url=url,
                                   chunk_size=self.chunk_size, metadata=metadata, http=self._http(),
                                   timeout=session.timeout, auth=auth, on_attempt=self._count,
                                   creation_key=intent.key({"create": job.generation, "operator": operator}))

        try:
            try:
                uploader = uploader_for(job.url)
            except TusCommunicationError as exc:
                if exc.status_code in (404, 410):  # the server forgot the upload (expired): start again
                    job.generation += 1
                    self.spool.set_url(job, None)
                    uploader = uploader_for(None)
                else:
                    raise
            if uploader.url is None:
                self.spool.set_url(job, uploader.create_url())
                uploader.url = job.url
                uploader.offset = uploader.get_offset() if getattr(uploader, "replayed", False) else 0
            if progress:
                progress(uploader.offset, job.size)
            while uploader.offset < job.size:
                if cancelled():
                    return None
                before = uploader.offset
                uploader.upload_chunk()
                self.bytes_sent += max(uploader.offset - before, 0)
                if progress:
                    progress(uploader.offset, job.size)
        except (TusCommunicationError, TusUploadFailed) as exc:
            raise self._error(exc) from exc
        binding = UploadBinding(upload_url=job.url, sha256=job.sha256, size=job.size, filename=job.filename,
                                content_type=job.content_type)
        answer_model = CaseDocument if job.target == "cases" else DocumentInfo
        info = answer_model.model_validate(session.request(
            "POST", job.bind_path, json_body=binding.model_dump(mode="json"), headers={CONSENT_HEADER: job.consent_id},
            idempotency_key=intent.key({"bind": job.url.rsplit("/", 1)[-1], "consent": job.consent_id,
                                        "operator": operator})))
        self.spool.done(job)
        return info

    @staticmethod
    def _error(exc: Exception) -> Exception:
        status = getattr(exc, "status_code", None)
        cause = exc.__cause__ or (exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else None)
        if isinstance(cause, requests.Timeout):
            return RequestTimeout()
        if status is None:
            return OfflineError()
        if status == 401:
            from kiosk.api_client.errors import UNAUTHORIZED

            return Unauthorized(UNAUTHORIZED, translatable=True, status=401, code="unauthorized")
        from kiosk.api_client.errors import SERVER

        return ServerError(SERVER, translatable=True, status=status, code="upload_failed", params={"status": status})
