"""Logging that never writes a citizen's national code or mobile number in full."""

from __future__ import annotations

import logging
import re
from pathlib import Path

_NATIONAL_CODE = re.compile(r"(?<!\d)(\d{6})(\d{4})(?!\d)")
_MOBILE = re.compile(r"(?<!\d)(09\d{2})(\d{3})(\d{4})(?!\d)")


def mask_personal(text: str) -> str:
    text = _MOBILE.sub(lambda m: m.group(1) + "***" + m.group(3), text)
    return _NATIONAL_CODE.sub(lambda m: "******" + m.group(2), text)


class MaskingFormatter(logging.Formatter):
    """Masks the whole formatted record — the message, its arguments, an exception's traceback and
    ``stack_info`` — so a national code in an exception's text or a local variable's repr never lands."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_personal(super().format(record))


def _rotating_class():
    """The file handler's class, made on first use: ``logging.handlers`` (sockets, pickle, queues) costs
    milliseconds the kiosk's start does not spend before its first paint."""
    global _ROTATING
    if _ROTATING is None:
        import logging.handlers

        class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
            """The log file, and each rotated one, readable by this user only."""

            def _open(self):
                stream = super()._open()
                from kiosk.platform import restrict_file

                restrict_file(Path(self.baseFilename))
                return stream

        _ROTATING = PrivateRotatingFileHandler
    return _ROTATING


_ROTATING = None


def __getattr__(name: str):
    if name == "PrivateRotatingFileHandler":
        return _rotating_class()
    raise AttributeError(name)


def _file_handler(path: Path) -> logging.Handler:
    return _rotating_class()(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")


class _Pending(logging.Handler):
    """Holds the records of the first moments (until the window has painted) and writes them to the log
    file when it is opened — by :func:`open_file`, or at exit if the window never painted."""

    LIMIT = 5_000

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < self.LIMIT:
            self.records.append(record)


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def _dress(handler: logging.Handler) -> logging.Handler:
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    handler._kiosk = True
    return handler


def setup(log_dir: Path | None, level: int = logging.INFO, file_name: str = "kiosk.log",
          defer_file: bool = False) -> None:
    """Standard error and the log file (rotated, this user's only), both masked. ``defer_file``: the file is
    opened by :func:`open_file` (the window calls it after its first paint) or at exit; its lines until then
    are kept and written first."""
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_kiosk", False)]:  # set up again (the bundle's launcher
        root.removeHandler(old)  # set up before it knew which version runs): each line is written once
        old.close()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_dir is not None:
        if defer_file:
            import atexit

            handlers.append(_Pending(log_dir / file_name))
            atexit.register(open_file)
        else:
            handlers.append(_file_handler(log_dir / file_name))
    for h in handlers:
        root.addHandler(_dress(h))


def open_file() -> None:
    """Opens the log file set up with ``defer_file`` and writes the lines kept so far into it (once)."""
    root = logging.getLogger()
    for pending in [h for h in root.handlers if isinstance(h, _Pending)]:
        real = _dress(_file_handler(pending.path))
        for record in pending.records:
            real.handle(record)
        root.addHandler(real)
        root.removeHandler(pending)
        pending.records = []
