"""Is a printed document genuine, and what does it certify? Checked offline, on any input.

What can be checked: the text of the QR (typed by the counter's USB scanner, which acts as a keyboard, or
given to ``kiosk verify``), a PDF (the kiosk's own, or what any spooler or scanner made of it: its embedded
seal *and* the QR read from the rendered page), or a picture of the paper (PNG, JPEG…). The seal is checked
against the keys of :mod:`kiosk.printing.trust`; when the document's text can be read (a PDF), every
sealed field is looked for in its printed row and any difference makes the document "not genuine".

Nothing here raises on bad input: every failure is a :class:`Verdict` whose status is not ``ok``.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Literal

from cryptography.exceptions import InvalidSignature

from kiosk.contract.seal import PREFIX, fields_of, unpack
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.printing.trust import TrustStore, load_trust

log = logging.getLogger(__name__)

Status = Literal["genuine", "training", "tampered", "text_differs", "unknown_key", "retired_key", "not_yet_valid",
                 "revoked", "not_a_seal", "no_code", "unreadable", "no_file", "cancelled", "replaced",
                 "not_on_record"]
MAX_INPUT = 40_000_000  # bytes: a scanned multi-page PDF; beyond that it is not a counter's document
MAX_PAGES = 6
MAX_PIXELS = 60_000_000
RENDER_DPI = 200


@dataclass(frozen=True)
class Verdict:
    status: Status
    key_id: str | None = None
    fields: dict = field(default_factory=dict)
    notes: tuple[tuple[str, dict], ...] = ()  # (English sentence, parameters), said after the verdict
    differs: tuple[str, ...] = ()  # the sealed fields the printed text contradicts (or does not show)
    seal: str | None = None  # the seal's text, once it unpacked (to ask the register about it)

    @property
    def ok(self) -> bool:
        return self.status in ("genuine", "training")

    @property
    def exit_code(self) -> int:
        """``kiosk verify``: 0 genuine, 1 training document, 2 not confirmed."""
        return {"genuine": 0, "training": 1}.get(self.status, 2)


def _issued_day(text: str) -> str:
    """The sealed issue date as the paper shows it: the day on Iran's clock (a moment sealed in UTC between
    00:00 and 03:30 Iran time is already the next day there); a bare date as it is; anything else unchanged."""
    from kiosk.domain.jalali import format_iran_date, format_jalali

    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if "T" not in text:
        return format_jalali(moment.date())
    return format_iran_date(moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.timezone.utc))


def _issued(fields: dict) -> dt.date | None:
    """The issue day a key's window (``from`` … ``retired``, days the administrator writes) is held against:
    the day on Iran's clock, as the paper shows it — a document sealed at 00:30 in Isfahan on the day after
    a key was retired was still counted within its window when the UTC day was used."""
    text = fields.get("d", "")
    if not text:
        return None
    moment = dt.datetime.fromisoformat(text)  # ValueError: the caller's "tampered"
    if "T" not in text:
        return moment.date()
    from kiosk.domain.jalali import iran_zone

    return (moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.timezone.utc)).astimezone(
        iran_zone()).date()


def verify(text: str, trust: TrustStore | None = None) -> Verdict:
    """Checks the text of a seal: canonical form, signature, key purpose, training flag, the key's validity
    window (both ends) and revocation."""
    trust = load_trust() if trust is None else trust
    notes = tuple(trust.problems)
    try:
        key_id, payload, signature = unpack(text if isinstance(text, str) else "")
    except ValueError:
        return Verdict("not_a_seal", notes=notes)
    seal = text.strip(" \t\r\n")
    key = trust.document_key(key_id)
    if key is None:
        return Verdict("unknown_key", key_id, notes=notes, seal=seal)
    try:
        key.public.verify(signature, payload)
        fields = fields_of(payload)
        issued = _issued(fields)
    except (InvalidSignature, ValueError, UnicodeDecodeError):
        return Verdict("tampered", key_id, notes=notes, seal=seal)
    if bool(fields.get("t")) != key.training:
        return Verdict("tampered", key_id, notes=notes, seal=seal)  # a training key cannot vouch for a live document
    if key_id in trust.revoked:
        return Verdict("revoked", key_id, fields, notes, seal=seal)
    if key.retired and (issued is None or issued > key.retired):
        return Verdict("retired_key", key_id, fields, notes, seal=seal)  # undated: it could have been signed any day
    if key.valid_from and issued is not None and issued < key.valid_from:
        return Verdict("not_yet_valid", key_id, fields, notes, seal=seal)
    return Verdict("training" if key.training else "genuine", key_id, fields, notes, seal=seal)


# --- reading a document: text, PDF, picture ---------------------------------------------------------------
PDF_MAGIC = b"%PDF"
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")


@dataclass
class Reading:
    """What a file yields: seals found (embedded and printed), the pages' text, and whether it was a file
    at all."""

    seals: list[str] = field(default_factory=list)
    text: str | None = None  # the printed text of a PDF, None when it has none to compare
    kind: str = "text"  # text, pdf, image
    unreadable: bool = False


def decode_qr(image) -> list[str]:
    """Every QR code's text on a picture (a PIL image), read with zxing-cpp."""
    import zxingcpp

    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [b.text for b in found if b.valid and b.text]


def read_pdf(data: bytes) -> Reading:
    from kiosk.printing.pdfium import pdfium

    with pdfium() as lib:
        return _read_pdf(lib, data)


def _read_pdf(pypdfium2, data: bytes) -> Reading:
    reading = Reading(kind="pdf")
    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception:  # noqa: BLE001 - pdfium says only that it failed: truncated, garbage, encrypted
        return Reading(kind="pdf", unreadable=True)
    try:
        subject = (pdf.get_metadata_dict().get("Subject") or "").strip()
        if subject.startswith(PREFIX + "."):  # the kiosk's own PDFs; others put anything there
            reading.seals.append(subject)
        texts = []
        for i in range(min(len(pdf), MAX_PAGES)):
            page = pdf[i]
            try:
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
                width, height = page.get_size()
                scale = RENDER_DPI / 72
                if width * height * scale * scale > MAX_PIXELS:
                    scale = (MAX_PIXELS / (width * height)) ** 0.5
                image = page.render(scale=scale, grayscale=True).to_pil()
                reading.seals.extend(s for s in decode_qr(image) if s not in reading.seals)
            finally:
                page.close()
        reading.text = "\n".join(texts) if any(t.strip() for t in texts) else None
    except Exception:  # noqa: BLE001 - a page pdfium cannot parse: what was read so far still counts
        log.info("a page of the PDF could not be read", exc_info=True)
        reading.unreadable = not reading.seals
    finally:
        pdf.close()
    return reading


def read_image(data: bytes) -> Reading:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return Reading(kind="image", unreadable=True)
            image.load()
            return Reading(seals=decode_qr(image.convert("L")), kind="image")
    except Exception:  # noqa: BLE001 - Pillow: truncated, unknown or hostile picture
        return Reading(kind="image", unreadable=True)


def read_bytes(data: bytes) -> Reading:
    if len(data) > MAX_INPUT:
        return Reading(unreadable=True)
    if data.lstrip()[:4] == PDF_MAGIC:
        return read_pdf(data)
    if data.startswith(IMAGE_MAGIC):
        return read_image(data)
    try:
        return Reading(seals=[data.decode("utf-8")])
    except UnicodeDecodeError:
        return Reading(unreadable=True)


# --- the printed text against the seal ----------------------------------------------------------------------
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": None, "\u200d": None, "\u0640": None,
                          "\u200f": None, "\u200e": None})


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_LETTERS).translate(_DIGITS)


_PUNCTUATION = re.compile(r"[\s،؛,.;:«»()\[\]\-—–/]+")


def _squash(text: str) -> str:
    """Letters and digits only: a PDF's extracted text may move punctuation across a number."""
    return _PUNCTUATION.sub("", _norm(text))


def _digits(text: str) -> str:
    return "".join(ch for ch in _norm(text) if ch.isdigit())


def _number(text: str) -> Decimal | None:
    found = re.search(r"\d[\d,٬]*(?:[.٫]\d+)?", _norm(text))
    if not found:
        return None
    try:
        return Decimal(found.group().replace(",", "").replace("٬", "").replace("٫", "."))
    except InvalidOperation:
        return None


# The printed row of each sealed field: its labels (the documents' own English source strings) and how
# the value is compared. "number": the first number on the row; "code": every digit in order; "case": the
# case's tracking code or its bare number (see _matches); "text": letters, ignoring spacing.
ROWS: dict[str, tuple[tuple[str, ...], str]] = {
    "n": (("Number",), "code"),
    "h": (("Owner", "Paid by", "In the name of"), "text"),
    "p": (("Renovation code",), "code"),
    "c": (("Case", "Tracking code"), "case"),
    "d": (("Date",), "date"),
    "floors": (("Floors",), "number"), "units": (("Units",), "number"),
    "total_area": (("Total floor area",), "number"), "floor_area": (("Area of one floor",), "number"),
    "height": (("Height",), "number"), "built_area": (("Built floor area",), "number"),
    "fine": (("Fine",), "number"), "amount": (("Amount",), "number"),
    "valid_until": (("Valid until",), "code"), "permit_number": (("Permit number",), "code"),
    "bill_id": (("Bill ID",), "code"), "payment_id": (("Payment ID",), "code"),
    "use": (("Use",), "text"), "channel": (("Paid through",), "channel"), "violation": (("Violation",), "violation"),
    "report": (("Report",), "report"),
}
# What each kind of document prints (kiosk/printing/documents.py): a sealed field missing from its page is a
# difference; any other sealed field is compared wherever its label appears.
SHOWN = {
    "slip": ("n", "d", "c", "amount", "bill_id", "payment_id"),
    "receipt": ("n", "d", "h", "c", "amount", "bill_id", "payment_id", "channel"),
    "plan_order": ("n", "d", "c", "h", "p", "floors", "floor_area", "units", "use"),
    "permit": ("n", "d", "c", "h", "p", "floors", "units", "total_area", "height", "valid_until"),
    "certificate": ("n", "d", "c", "h", "p", "permit_number", "built_area", "violation", "fine"),
    "delay_report": ("n", "d", "c", "report"),
}
VIOLATION = {"yes": QT_TRANSLATE_NOOP("Print", "yes — ruled by the Article 100 commission, fine paid"),
             "no": QT_TRANSLATE_NOOP("Print", "none")}
DELAY = QT_TRANSLATE_NOOP("Print", "Delay of {n} days at the stage «{stage}»")
GRIEVANCE = QT_TRANSLATE_NOOP("Print", "Grievance")
MUNICIPALITY = QT_TRANSLATE_NOOP("Print", "Isfahan Municipality")


def _sealed_values(fields: dict) -> dict[str, str]:
    values = {k: fields.get(k, "") for k in ("n", "h", "p", "c", "d")}
    figures = dict(fields.get("f") or {})
    if "kind" in figures or "stage" in figures:
        values["report"] = "|".join((figures.pop("kind", ""), figures.pop("stage", ""),
                                     figures.pop("days_overdue", "")))
    if figures.get("violation") != "yes":
        figures.pop("fine", None)  # printed only when there was a violation
    values.update(figures)
    return {k: v for k, v in values.items() if v not in ("", None) and k in ROWS}


def _matches(how: str, sealed: str, printed: str, following: list[str]) -> bool | None:
    """True/False; None when the line says nothing about the field (a numeric field's line with no digits)."""
    from kiosk.printing.documents import CHANNELS, T, fa, when

    if how == "number":
        got = _number(printed)
        if got is None:
            return None
        try:
            return got == Decimal(sealed)
        except InvalidOperation:
            return False
    if how in ("code", "case", "date"):
        got = _digits(printed)
        if not got:
            return None
        if how == "code":
            return got == _digits(sealed)
        if how == "case":
            # Sealed as its tracking code (number-suffix): the paper shows that very code — its digits and
            # its dash where they are (a code cut to the bare number, or its dash moved, is another code).
            # Sealed as a bare number (older seals): the paper's code begins with it.
            if "-" in sealed:
                codes = re.findall(r"\d+(?:\s*-\s*\d+)*", _norm(printed))
                return any(re.sub(r"\s", "", c) == sealed.strip() for c in codes)
            return got.startswith(_digits(sealed))
        try:
            moment = dt.datetime.fromisoformat(sealed)
        except ValueError:
            return False
        if "T" not in sealed:
            return got.startswith(_digits(when(dt.datetime.combine(moment.date(), dt.time(12), moment.tzinfo
                                                                   or dt.timezone.utc)))[:8])
        return got == _digits(when(moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)))
    if how == "channel":
        expected = T(CHANNELS.get(sealed, sealed))
    elif how == "violation":
        expected = T(VIOLATION.get(sealed, sealed))
    elif how == "report":
        kind, stage, days = sealed.split("|")
        expected = T(DELAY).format(n=fa(days or 0), stage=stage) if kind == "delay" else T(GRIEVANCE)
    else:
        expected = sealed
    want, got = _squash(expected), _squash(printed)
    for line in following:  # a long value wraps onto the next lines
        if got == want or not want.startswith(got) or not got:
            break
        got += _squash(line)
    return got == want


def compare_printed(fields: dict, page_text: str | None) -> tuple[str, ...] | None:
    """The sealed fields the printed text contradicts or leaves out; ``None`` when the text cannot be
    compared (no text layer, or one whose letters did not survive: a scan, a spooler's outlines)."""
    from kiosk.printing.documents import T

    if not page_text:
        return None
    lines = [_norm(line).strip() for line in page_text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not any(_squash(T(MUNICIPALITY)) in _squash(line) for line in lines):
        return None
    differs = []
    for name, sealed in _sealed_values(fields).items():
        labels, how = ROWS[name]
        verdicts = []
        for i, line in enumerate(lines):
            for label in labels:
                label = _norm(T(label)).strip()
                if line == label or line.startswith(label + " "):
                    rest = line[len(label):].strip()
                    following = lines[i + 1:i + 4]
                    if not rest and following:  # a box: the caption, then its value below
                        rest, following = following[0], following[1:]
                    verdicts.append(_matches(how, sealed, rest, following))
        said = [v for v in verdicts if v is not None]
        if not all(said) or (not said and name in SHOWN.get(fields.get("k"), ())):
            differs.append(name)
    return tuple(differs)


def check_reading(reading: Reading, trust: TrustStore | None = None) -> Verdict:
    trust = load_trust() if trust is None else trust
    notes = list(trust.problems)
    if reading.unreadable:
        return Verdict("unreadable", notes=tuple(notes))
    seals = [s.strip() for s in reading.seals if s.strip()]
    if not seals:
        return Verdict("no_code" if reading.kind != "text" else "not_a_seal", notes=tuple(notes))
    if len(set(seals)) > 1:
        # the embedded seal and the printed code (or two printed codes) disagree: someone replaced one
        first = verify(seals[0], trust)
        return Verdict("text_differs", first.key_id, first.fields, tuple(notes), ("seal",))
    verdict = verify(seals[0], trust)
    if reading.kind == "pdf" and verdict.ok:
        differs = compare_printed(verdict.fields, reading.text)
        if differs:
            return Verdict("text_differs", verdict.key_id, verdict.fields, verdict.notes, differs, verdict.seal)
        notes = list(verdict.notes) + [(TEXT_AGREES if differs is not None else TEXT_NOT_CHECKED, {})]
        return replace(verdict, notes=tuple(notes))
    if reading.kind == "image" and verdict.ok:
        return replace(verdict, notes=verdict.notes + ((TEXT_NOT_CHECKED, {}),))
    return verdict


def check_document(data: bytes | str, trust: TrustStore | None = None) -> Verdict:
    """Any input — the QR's text, a PDF's or a picture's bytes — to a verdict. Never raises."""
    try:
        if isinstance(data, str):
            return check_reading(Reading(seals=[data]), trust)
        return check_reading(read_bytes(data), trust)
    except Exception:  # noqa: BLE001 - the promise is a verdict for any input; the log keeps the cause
        log.exception("document check failed")
        return Verdict("unreadable")


def check_path(path, trust: TrustStore | None = None) -> Verdict:
    try:
        from pathlib import Path

        path = Path(path)
        if path.stat().st_size > MAX_INPUT:
            return Verdict("unreadable")
        data = path.read_bytes()
    except (OSError, ValueError):
        return Verdict("unreadable")
    return check_document(data, trust)


def seal_of_pdf(data: bytes) -> str | None:
    """The seal a kiosk-made PDF carries in its metadata (the same text as its QR)."""
    reading = read_pdf(data)
    return reading.seals[0] if reading.seals else None


# --- what a verdict says, in Persian (the verification screen and `kiosk verify`) ---------------------------
def confirm_online(verdict: Verdict, api=None, *, training: bool = False) -> Verdict:
    """Asks the municipality's register whether a document its seal shows genuine still stands.

    ``api`` is the kiosk's API client (None: offline). Only a server of the document's own kind is asked (a
    training server knows no live document, a live one no training document). A cancelled or replaced
    document is not valid (exit 2); a paid slip stays genuine with a warning not to pay it again. When the
    server cannot be reached, or answers for another document, the verdict is the offline one and says so."""
    if not verdict.ok or verdict.seal is None:
        return verdict
    lookup = (api.document_state if api is not None and bool(verdict.fields.get("t")) == training else None)
    if lookup is None:
        return replace(verdict, notes=verdict.notes + ((OFFLINE, {}),))
    try:
        state = lookup(verdict.seal)
    except Exception as exc:  # noqa: BLE001 - any failure of the network or the server: say it was not checked
        if getattr(exc, "code", None) == "document_unknown":
            return replace(verdict, status="not_on_record")
        log.info("the register of documents could not be asked: %s", type(exc).__name__)
        return replace(verdict, notes=verdict.notes + ((UNREACHABLE, {}),))
    fields = verdict.fields
    if (getattr(state, "kind", None), getattr(state, "number", None)) != (fields.get("k"), fields.get("n")):
        log.warning("the register answered for another document")
        return replace(verdict, notes=verdict.notes + ((UNREACHABLE, {}),))
    from kiosk.domain.digits import to_persian_digits

    params = {"when": _moment(state.changed_at), "reason": to_persian_digits(state.reason or "—"),
              "by": to_persian_digits(state.superseded_by or "—")}
    if state.state == "cancelled":
        return replace(verdict, status="cancelled", notes=verdict.notes + ((STATE_CANCELLED, params),))
    if state.state == "replaced":
        return replace(verdict, status="replaced", notes=verdict.notes + ((STATE_REPLACED, params),))
    if state.state == "paid":
        return replace(verdict, notes=verdict.notes + ((STATE_PAID, params),))
    return replace(verdict, notes=verdict.notes + ((STATE_VALID, {"when": _moment(state.as_of)}),))


def _moment(moment) -> str:
    if moment is None:
        return "—"
    from kiosk.printing.documents import when

    return when(moment)


VERDICTS = {
    "genuine": QT_TRANSLATE_NOOP("Print", "Genuine: issued by Isfahan Municipality and unchanged."),
    "training": QT_TRANSLATE_NOOP("Print", "A TRAINING document: correctly signed by the training server, but it has no validity."),
    "tampered": QT_TRANSLATE_NOOP("Print", "NOT genuine: the document's data does not match its signature. It was changed or forged."),
    "text_differs": QT_TRANSLATE_NOOP("Print", "NOT genuine: the printed text differs from the seal ({what}). The "
                                               "paper was changed after it was issued; trust only the rows below."),
    "unknown_key": QT_TRANSLATE_NOOP("Print", "Cannot be confirmed: it is signed with a key this counter does not know ({key}). "
                              "Ask the municipality."),
    "retired_key": QT_TRANSLATE_NOOP("Print", "Cannot be confirmed: its key ({key}) was retired before the document's date."),
    "not_yet_valid": QT_TRANSLATE_NOOP("Print", "Cannot be confirmed: the document is dated before its key ({key}) "
                                                "came into use, which a genuine document never is."),
    "revoked": QT_TRANSLATE_NOOP("Print", "NOT valid: the municipality has withdrawn the key it was signed with "
                                          "({key}). Ask the issuing office for a new copy."),
    "not_a_seal": QT_TRANSLATE_NOOP("Print", "This is not the code of a municipal document. Scan the square code on the document."),
    "no_code": QT_TRANSLATE_NOOP("Print", "No municipal code was found on this document. Scan the square code on "
                                          "the paper with the counter's scanner."),
    "no_file": QT_TRANSLATE_NOOP("Print", "There is no such file. Check its name, or scan the square code on the "
                                          "paper with the counter's scanner."),
    "unreadable": QT_TRANSLATE_NOOP("Print", "This file could not be read as a document (a PDF or a picture of "
                                             "one). Scan the square code on the paper instead."),
    "cancelled": QT_TRANSLATE_NOOP("Print", "NOT valid: the municipality issued this document, but it has been "
                                            "CANCELLED."),
    "replaced": QT_TRANSLATE_NOOP("Print", "NOT valid: the municipality issued this document, but it has been "
                                           "REPLACED by a newer one; only the new one is valid."),
    "not_on_record": QT_TRANSLATE_NOOP("Print", "Cannot be confirmed: the seal is correct, but the municipality's "
                                                "register has no record of this document. Ask the issuing office."),
}
STATE_VALID = QT_TRANSLATE_NOOP("Print", "The municipality's register confirms it is in force ({when}).")
STATE_PAID = QT_TRANSLATE_NOOP("Print", "This bill has already been paid ({when}, receipt {by}): it must not be paid "
                                        "again.")
STATE_CANCELLED = QT_TRANSLATE_NOOP("Print", "Cancelled {when}. Reason: {reason}")
STATE_REPLACED = QT_TRANSLATE_NOOP("Print", "Replaced {when} by number {by}. Reason: {reason}")
UNREACHABLE = QT_TRANSLATE_NOOP("Print", "The municipality's server could not be reached, so whether the document "
                                         "was cancelled or replaced since it was issued was not checked.")
TEXT_AGREES = QT_TRANSLATE_NOOP("Print", "The printed text was compared with the seal and agrees.")
TEXT_NOT_CHECKED = QT_TRANSLATE_NOOP("Print", "The printed text could not be read from this file, so it was not "
                                              "compared with the seal: compare the rows below with the paper.")
OFFLINE = QT_TRANSLATE_NOOP("Print", "Checked offline: whether the document was cancelled or replaced since it "
                                     "was issued cannot be known here — the case page shows its current state.")
FIELD_NAMES = {
    "k": QT_TRANSLATE_NOOP("Print", "Document"), "n": QT_TRANSLATE_NOOP("Print", "Number"), "c": QT_TRANSLATE_NOOP("Print", "Case"), "p": QT_TRANSLATE_NOOP("Print", "Renovation code"),
    "h": QT_TRANSLATE_NOOP("Print", "Holder"), "d": QT_TRANSLATE_NOOP("Print", "Date"),
    "seal": QT_TRANSLATE_NOOP("Print", "the printed code"), "report": QT_TRANSLATE_NOOP("Print", "Report"),
}

FIGURE_NAMES = {
    "floors": QT_TRANSLATE_NOOP("Print", "Floors"), "floor_area": QT_TRANSLATE_NOOP("Print", "Area of one floor"), "units": QT_TRANSLATE_NOOP("Print", "Units"),
    "use": QT_TRANSLATE_NOOP("Print", "Use"), "total_area": QT_TRANSLATE_NOOP("Print", "Total floor area"), "height": QT_TRANSLATE_NOOP("Print", "Height"),
    "valid_until": QT_TRANSLATE_NOOP("Print", "Valid until"), "permit_number": QT_TRANSLATE_NOOP("Print", "Permit number"),
    "built_area": QT_TRANSLATE_NOOP("Print", "Built floor area"), "violation": QT_TRANSLATE_NOOP("Print", "Violation"), "fine": QT_TRANSLATE_NOOP("Print", "Fine"),
    "amount": QT_TRANSLATE_NOOP("Print", "Amount"), "bill_id": QT_TRANSLATE_NOOP("Print", "Bill ID"), "payment_id": QT_TRANSLATE_NOOP("Print", "Payment ID"),
    "channel": QT_TRANSLATE_NOOP("Print", "Paid through"), "stage": QT_TRANSLATE_NOOP("Print", "Stage"), "days_overdue": QT_TRANSLATE_NOOP("Print", "Days overdue"),
    "kind": QT_TRANSLATE_NOOP("Print", "Report"),
}
MONEY = ("amount", "fine")


def describe(verdict: Verdict) -> tuple[str, list[tuple[str, str]]]:
    """The sentence for the verdict (then its notes) and the rows of what the document certifies."""
    from kiosk.domain.digits import group_thousands, to_persian_digits
    from kiosk.domain.jalali import format_jalali
    from kiosk.printing.documents import CHANNELS, TITLES, T

    what = "، ".join(T(FIELD_NAMES.get(name) or FIGURE_NAMES.get(name, name)) for name in verdict.differs)
    sentences = [T(VERDICTS[verdict.status]).format(key=verdict.key_id or "", what=what)]
    sentences += [T(text).format(**params) for text, params in verdict.notes]
    rows: list[tuple[str, str]] = []
    f = verdict.fields
    for key in ("k", "n", "c", "p", "h", "d"):
        value = f.get(key)
        if not value:
            continue
        if key == "k":
            value = T(TITLES.get(value, value))
        elif key == "d":
            value = _issued_day(value)
        name = FIELD_NAMES[key]
        if key == "c" and "-" in value:  # named as on the paper: its tracking code
            name = QT_TRANSLATE_NOOP("Print", "Tracking code")
        rows.append((T(name), to_persian_digits(str(value))))
    for name, value in (f.get("f") or {}).items():
        text = str(value)
        if name in MONEY and text.isdigit():
            text = T(QT_TRANSLATE_NOOP("Print", "{n} rials")).format(n=group_thousands(int(text)))
        elif name == "channel":
            text = T(CHANNELS.get(text, text))
        elif name in ("violation", "kind"):
            text = T({"yes": QT_TRANSLATE_NOOP("Print", "yes"), "no": QT_TRANSLATE_NOOP("Print", "none"), "delay": QT_TRANSLATE_NOOP("Print", "Delay"),
                      "grievance": QT_TRANSLATE_NOOP("Print", "Grievance")}.get(text, text))
        rows.append((T(FIGURE_NAMES[name]) if name in FIGURE_NAMES else name, to_persian_digits(text)))
    return "\n".join(sentences), rows
