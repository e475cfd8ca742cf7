"""Logging that never writes a citizen's national code or mobile number in full."""

from __future__ import annotations

import logging
import logging.handlers
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


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """The log file, and each rotated one, readable by this user only."""

    def _open(self):
        stream = super()._open()
        from kiosk.platform import restrict_file

        restrict_file(Path(self.baseFilename))
        return stream


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup(log_dir: Path | None, level: int = logging.INFO, file_name: str = "kiosk.log") -> None:
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_kiosk", False)]:  # set up again (the bundle's launcher
        root.removeHandler(old)  # set up before it knew which version runs): each line is written once
        old.close()
    fmt = MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_dir is not None:
        handlers.append(PrivateRotatingFileHandler(log_dir / file_name, maxBytes=2_000_000, backupCount=3,
                                                   encoding="utf-8"))
    for h in handlers:
        h.setFormatter(fmt)
        h.addFilter(MaskingFilter())
        h._kiosk = True
        root.addHandler(h)
