"""What a scanned document really is, judged by its bytes, not its file name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from kiosk.domain.problems import Problem, QT_TRANSLATE_NOOP

FILE_EMPTY = Problem("file_empty", QT_TRANSLATE_NOOP("Validation", "The file is empty. Scan the document again."))
FILE_TOO_BIG = Problem("file_too_big", QT_TRANSLATE_NOOP(
    "Validation", "The file is {size} MB; at most {max} MB is accepted. Scan at a lower resolution."))
FILE_TYPE = Problem("file_type", QT_TRANSLATE_NOOP(
    "Validation", "This is not a PDF, JPEG or PNG file (whatever its name says). Scan or save it as one of those."))
FILE_EXECUTABLE = Problem("file_executable", QT_TRANSLATE_NOOP(
    "Validation", "This file is a program, not a document. It was not sent."))
FILE_ENCRYPTED = Problem("file_encrypted", QT_TRANSLATE_NOOP(
    "Validation", "The PDF is password-protected. Save it without a password and try again."))
FILE_CORRUPT = Problem("file_corrupt", QT_TRANSLATE_NOOP(
    "Validation", "The file is damaged or cut short. Scan or save it again."))

SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
EXECUTABLES = (b"MZ", b"\x7fELF", b"#!", b"PK\x03\x04", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")


EXTENSIONS = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".jpe": "image/jpeg",
              ".png": "image/png"}
PROPER_EXTENSION = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


@dataclass(frozen=True)
class FileFacts:
    """What a checked file turned out to be, for the clerk to see beside it."""

    content_type: str  # proven by the bytes
    pages: int | None  # of a PDF; None for an image or a PDF whose pages could not be counted
    named_type: str | None = None  # what the file's name claimed, when that was something else
    sha256: str = ""

    @property
    def misnamed(self) -> bool:
        return self.named_type is not None


def named_type(filename: str) -> str | None:
    """The content type a file name's extension claims (None for no or an unknown extension)."""
    return EXTENSIONS.get(PurePath(filename).suffix.lower())


def proper_name(filename: str, content_type: str) -> str:
    """The name with the extension of what the file really is (``deed.pdf`` holding a JPEG: ``deed.jpg``)."""
    claimed = named_type(filename)
    if claimed == content_type or content_type not in PROPER_EXTENSION:
        return filename
    path = PurePath(filename)
    stem = path.stem if claimed is not None or not path.suffix else path.name
    return (stem or "document") + PROPER_EXTENSION[content_type]


def sniff(content: bytes) -> str | None:
    for magic, mime in SIGNATURES:
        if content.startswith(magic):
            return mime
    return None


def check_document(content: bytes, accepted: list[str], max_bytes: int) -> tuple[str | None, Problem | None]:
    """Returns the content type the bytes prove, or the reason to refuse them."""
    if not content:
        return None, FILE_EMPTY
    if content.startswith(EXECUTABLES):
        return None, FILE_EXECUTABLE
    mime = sniff(content)
    if mime is None or mime not in accepted:
        return None, FILE_TYPE
    if len(content) > max_bytes:
        mb = lambda n: f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".")  # noqa: E731
        return None, Problem(FILE_TOO_BIG.code, FILE_TOO_BIG.message, None, {"size": mb(len(content)),
                                                                              "max": mb(max_bytes)})
    if mime == "application/pdf":
        tail = content[-2048:]
        if b"%%EOF" not in tail:
            return None, FILE_CORRUPT
        if b"/Encrypt" in content:
            return None, FILE_ENCRYPTED
    if mime == "image/jpeg" and not content.rstrip(b"\0").endswith(b"\xff\xd9"):
        return None, FILE_CORRUPT
    if mime == "image/png" and b"IEND" not in content[-32:]:
        return None, FILE_CORRUPT
    return mime, None
