"""The documents a citizen takes away from the counter, each a function from wire models to PDF bytes:
payment slip, payment receipt, plan-preparation order, building permit, completion certificate, 3890
report receipt, resume-code slip. Receipts and slips also come as an 80 mm thermal strip.

Every figure is in Persian digits, amounts in rials with separators, dates Jalali; identifiers are checked
with the domain's rules before they are printed (a slip the banks would refuse is never printed). The
seal the server made is printed as a QR with the words "check authenticity at any counter".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from kiosk import formatting as fmt
from kiosk.domain.digits import group_thousands, to_persian_digits
from kiosk.domain.identifiers import parse_bill
from kiosk.domain.jalali import format_iran_date, format_jalali_datetime
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.i18n import persian
from kiosk.printing.pdf import ACCENT, MUTED, WARN, Layout, mm, render

if TYPE_CHECKING:
    from kiosk.contract import Bill, DelayReport, Draft, IssuedDocument, PaymentReceipt

CONTEXT = "Print"
KINDS = ("slip", "receipt", "plan_order", "permit", "certificate", "delay_report", "resume", "reconciliation")
THERMAL_KINDS = ("slip", "receipt", "delay_report", "resume", "reconciliation")


def T(text: str) -> str:  # noqa: N802 - reads like the tr() it stands for
    return persian().translate(CONTEXT, text)



TITLES = {
    "slip": QT_TRANSLATE_NOOP("Print", "Payment slip"),
    "receipt": QT_TRANSLATE_NOOP("Print", "Payment receipt"),
    "plan_order": QT_TRANSLATE_NOOP("Print", "Order to prepare drawings"),
    "permit": QT_TRANSLATE_NOOP("Print", "Building permit"),
    "certificate": QT_TRANSLATE_NOOP("Print", "Completion certificate"),
    "delay_report": QT_TRANSLATE_NOOP("Print", "Receipt of a report to the 3890 line"),
    "resume": QT_TRANSLATE_NOOP("Print", "Resume code of an unfinished request"),
    "reconciliation": QT_TRANSLATE_NOOP("Print", "Reconciliation slip — for the supervisor"),
}
MUNICIPALITY = QT_TRANSLATE_NOOP("Print", "Isfahan Municipality")
SYSTEM = QT_TRANSLATE_NOOP("Print", "Smart City Development — electronic services")
TRAINING_BANNER = QT_TRANSLATE_NOOP("Print", "TRAINING DOCUMENT — NOT VALID")
SEAL_CAPTION = QT_TRANSLATE_NOOP("Print", "Check authenticity: scan at any service counter («document authenticity»)")
CHANNELS = {"counter_pos": QT_TRANSLATE_NOOP("Print", "card reader at the counter"), "bank": QT_TRANSLATE_NOOP("Print", "bank")}


class NotPrintable(ValueError):
    """The document cannot be printed as given (an identifier fails its check rule)."""


@dataclass(frozen=True)
class ReconciliationSlip:
    """A card payment the server refused to book, as the supervisor needs it on paper (built by the screen
    from the outbox's row; printing knows no outbox)."""

    reference: str
    bill_id: str
    payment_id: str
    amount: int
    terminal_ref: str
    label: str
    clerk: str
    taken_at: dt.datetime
    reason: str
    number: str | None = None  # the server's reconciliation record, once it has arrived


@dataclass(frozen=True)
class Printed:
    kind: str
    title: str
    pdf: bytes
    paper: str


_CODE = re.compile(r"\d\s*[-/]\s*\d")


def fa(value) -> str:
    """A value from the server in Persian digits; a code with dashes or slashes (a renovation code, an order
    or tracking number) is isolated left to right as on the screens (:func:`kiosk.formatting.code`): without
    it the paper printed 8-15-30 as ۳۰-۱۵-۸."""
    text = str(value)
    if _CODE.search(text):
        return fmt.code(text)
    return to_persian_digits(text)


def num(value) -> str:
    """A measure from the server's data (``440.0``) as people write it: ``۴۴۰``, ``۶٫۵``."""
    from decimal import Decimal, InvalidOperation

    from kiosk.domain.digits import format_number

    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return fa(value)
    return format_number(d, 0 if d == d.to_integral_value() else 2)


def rials(amount: int) -> str:
    return T(QT_TRANSLATE_NOOP("Print", "{n} rials")).format(n=group_thousands(amount))


def when(moment: dt.datetime) -> str:
    """A municipal document is dated in Iran's time, whatever the PC's own clock zone (as the screens)."""
    return format_jalali_datetime(moment)


def _header(lay: Layout, kind: str, number: str, issued: dt.datetime | None, seal: str | None) -> None:
    size = lay.size
    qr_side = (22 if lay.compact else 30) * mm
    top = lay.y
    if seal and not lay.compact:
        lay.qr(seal, qr_side, lay.left, top - qr_side)
    lay.para(T(MUNICIPALITY), size=13, bold=True, color=ACCENT, align="center")
    lay.para(T(SYSTEM), size=8.5, color=MUTED, align="center")
    if lay.training:
        lay.para(T(TRAINING_BANNER), size=10, bold=True, color=WARN, align="center")
    lay.space(size(4))
    lay.title(T(TITLES[kind]))
    meta = [(T(QT_TRANSLATE_NOOP("Print", "Number")), fa(number))]
    if issued is not None:
        meta.append((T(QT_TRANSLATE_NOOP("Print", "Date")), when(issued)))
    lay.rows(meta, label_width=(24 if lay.compact else 30) * mm)
    if seal and not lay.compact:
        lay.y = min(lay.y, top - qr_side - 2 * mm)
    lay.rule()


def _seal_footer(lay: Layout, seal: str | None) -> None:
    if not seal:
        return
    if lay.compact:
        side = 40 * mm
        lay.ensure(side + 14 * mm)
        lay.space(side + 3 * mm)  # clear of the last line's descenders
        lay.qr(seal, side, (lay.page_width - side) / 2, lay.y)
        lay.space(1 * mm)
    lay.para(T(SEAL_CAPTION), size=7.5, color=MUTED, align="center")


def _case_row(number: str, tracking: str | None = None) -> tuple[str, str]:
    """The case as the citizen quotes it: its tracking code (number, dash, eight digits) where known."""
    code = tracking or number
    if "-" in code:
        return T(QT_TRANSLATE_NOOP("Print", "Tracking code")), fa(code)
    return T(QT_TRANSLATE_NOOP("Print", "Case")), fa(code)


def _computed(line, titles: dict[str, str] | None) -> str:
    """A fee line's «how it is computed»: the formula in words, then its inputs and band, as on the screen."""

    parts = [line.formula_words]
    if line.inputs:
        parts.append(fmt.inputs(line.inputs, titles))
    if line.band:
        parts.append(fmt.band(line.band, titles))
    return "\n".join(parts)


def _slip(lay: Layout, bill: Bill, case_number: str | None, holder: str | None, address: str | None,
          titles: dict[str, str] | None = None) -> None:
    check = parse_bill(bill.bill_id, bill.payment_id)
    if not check.valid or check.amount_rial != bill.amount:
        raise NotPrintable("bill or payment ID fails the national check rule")
    _header(lay, "slip", bill.bill_id, bill.issued_at, bill.seal)
    rows = [(T(QT_TRANSLATE_NOOP("Print", "For")), bill.title)]
    if case_number:
        rows.append(_case_row(case_number))
    if holder:
        rows.append((T(QT_TRANSLATE_NOOP("Print", "In the name of")), holder))
    if address:
        rows.append((T(QT_TRANSLATE_NOOP("Print", "Address")), address))
    lay.rows(rows)
    lay.space(lay.size(3))
    lay.fields([(T(QT_TRANSLATE_NOOP("Print", "Bill ID")), fa(bill.bill_id)), (T(QT_TRANSLATE_NOOP("Print", "Payment ID")), fa(bill.payment_id))], size=11)
    lay.para(T(QT_TRANSLATE_NOOP("Print", "Amount payable: {amount}")).format(amount=rials(bill.amount)), size=12, bold=True, align="center")
    if not lay.compact and bill.items:
        lay.space(lay.size(4))
        lay.table([T(QT_TRANSLATE_NOOP("Print", "Item")), T(QT_TRANSLATE_NOOP("Print", "How it is computed")), T(QT_TRANSLATE_NOOP("Print", "Amount (rials)"))],
                  [[line.title, _computed(line, titles), group_thousands(line.amount)] for line in bill.items],
                  widths=[0.34, 0.44, 0.22], numeric=[2])
    lay.space(lay.size(6))
    lay.barcode(bill.bill_id.zfill(13) + bill.payment_id.zfill(13), height=(12 if lay.compact else 16) * mm)
    lay.para(T(QT_TRANSLATE_NOOP("Print", "Pay at any bank, ATM, internet or mobile bank with the bill ID and payment ID, or at the "
               "counter's card reader. Keep the receipt.")), size=8.5, color=MUTED)
    if bill.paid:
        lay.para(T(QT_TRANSLATE_NOOP("Print", "Paid — receipt {n}")).format(n=fa(bill.receipt_number or "")), size=11, bold=True, color=ACCENT,
                 align="center")
    _seal_footer(lay, bill.seal)


def _receipt(lay: Layout, receipt: PaymentReceipt, address: str | None) -> None:
    _header(lay, "receipt", receipt.receipt_number, receipt.paid_at, receipt.seal)
    rows = [(T(QT_TRANSLATE_NOOP("Print", "Paid by")), receipt.payer or "—"), (T(QT_TRANSLATE_NOOP("Print", "For")), receipt.title or "—")]
    if receipt.case_number:
        rows.append(_case_row(receipt.case_number, receipt.tracking_code))
    if address:
        rows.append((T(QT_TRANSLATE_NOOP("Print", "Address")), address))
    rows += [(T(QT_TRANSLATE_NOOP("Print", "Bill ID")), fa(receipt.bill_id)), (T(QT_TRANSLATE_NOOP("Print", "Payment ID")), fa(receipt.payment_id)),
             (T(QT_TRANSLATE_NOOP("Print", "Amount")), rials(receipt.amount)),
             (T(QT_TRANSLATE_NOOP("Print", "Paid through")), T(CHANNELS.get(receipt.channel, receipt.channel)))]
    if receipt.terminal_ref:
        rows.append((T(QT_TRANSLATE_NOOP("Print", "Card reader reference")), fa(receipt.terminal_ref)))
    lay.rows(rows)
    lay.rule()
    _seal_footer(lay, receipt.seal)


def _zone(data: dict[str, str]) -> str:
    """The zone by its name (a bare «R2» says nothing to a citizen); older documents carry only the code."""

    if data.get("zone_title"):
        return data["zone_title"]
    return fmt.code(data["zone"]) if data.get("zone") else "—"


def _parcel_rows(lay: Layout, data: dict[str, str]) -> None:
    lay.rows([(T(QT_TRANSLATE_NOOP("Print", "Renovation code")), fa(data.get("renovation_code", ""))),
              (T(QT_TRANSLATE_NOOP("Print", "Address")), data.get("address", "")), (T(QT_TRANSLATE_NOOP("Print", "Zone")), _zone(data))])
    lay.space(lay.size(3))  # the plate's boxes need air under the rows
    lay.fields([(T(QT_TRANSLATE_NOOP("Print", "Deed plate: section")), fa(data.get("deed_section", ""))),
                (T(QT_TRANSLATE_NOOP("Print", "main plate")), fa(data.get("deed_main", ""))),
                (T(QT_TRANSLATE_NOOP("Print", "sub plate")), fa(data.get("deed_sub", "")))])


def _plan_order(lay: Layout, doc: IssuedDocument) -> None:
    d = doc.data
    _header(lay, "plan_order", doc.number, doc.issued_at, doc.seal)
    lay.rows([_case_row(d.get("case_number", ""), d.get("tracking_code")), (T(QT_TRANSLATE_NOOP("Print", "Owner")), d.get("holder", ""))])
    _parcel_rows(lay, d)
    lay.rule()
    lay.para(T(QT_TRANSLATE_NOOP("Print", "Allowed for the drawings")), size=11, bold=True, color=ACCENT)
    area = ""
    try:
        area = num(f"{float(d['floors']) * float(d['floor_area']):g}")
    except (KeyError, ValueError):
        pass
    lay.rows([(T(QT_TRANSLATE_NOOP("Print", "Use")), d.get("use", "")), (T(QT_TRANSLATE_NOOP("Print", "Floors")), fa(d.get("floors", ""))),
              (T(QT_TRANSLATE_NOOP("Print", "Area of one floor")), T(QT_TRANSLATE_NOOP("Print", "{n} m²")).format(n=num(d.get("floor_area", "")))),
              (T(QT_TRANSLATE_NOOP("Print", "Total floor area")), T(QT_TRANSLATE_NOOP("Print", "{n} m²")).format(n=area)), (T(QT_TRANSLATE_NOOP("Print", "Units")), fa(d.get("units", ""))),
              (T(QT_TRANSLATE_NOOP("Print", "Parking spaces")), fa(d.get("parking", "")))])
    lay.para(T(QT_TRANSLATE_NOOP("Print", "Issued by rule from the detailed plan: the drawings may be prepared within these figures by "
               "designers the Engineering Organization assigns. The order is not a building permit.")),
             size=9, color=MUTED)
    _seal_footer(lay, doc.seal)


def _permit(lay: Layout, doc: IssuedDocument) -> None:
    d = doc.data
    _header(lay, "permit", doc.number, doc.issued_at, doc.seal)
    lay.rows([_case_row(d.get("case_number", ""), d.get("tracking_code")), (T(QT_TRANSLATE_NOOP("Print", "Owner")), d.get("holder", ""))])
    _parcel_rows(lay, d)
    lay.rule()
    lay.para(T(QT_TRANSLATE_NOOP("Print", "Building identity card")), size=11, bold=True, color=ACCENT)
    lay.rows([(T(QT_TRANSLATE_NOOP("Print", "Permit number")), fa(doc.number)), (T(QT_TRANSLATE_NOOP("Print", "Use")), d.get("use", "")),
              (T(QT_TRANSLATE_NOOP("Print", "Floors")), fa(d.get("floors", ""))), (T(QT_TRANSLATE_NOOP("Print", "Units")), fa(d.get("units", ""))),
              (T(QT_TRANSLATE_NOOP("Print", "Total floor area")), T(QT_TRANSLATE_NOOP("Print", "{n} m²")).format(n=num(d.get("total_area", "")))),
              (T(QT_TRANSLATE_NOOP("Print", "Height")), T(QT_TRANSLATE_NOOP("Print", "{n} m")).format(n=num(d.get("height", "")))),
              (T(QT_TRANSLATE_NOOP("Print", "Parking spaces")), fa(d.get("parking", ""))), (T(QT_TRANSLATE_NOOP("Print", "Designer")), d.get("designer", "")),
              (T(QT_TRANSLATE_NOOP("Print", "Supervising engineer")), d.get("supervisor", "")),
              (T(QT_TRANSLATE_NOOP("Print", "Valid until")), fa(d.get("valid_until", "—")))])
    lay.para(T(QT_TRANSLATE_NOOP("Print", "Building must follow the approved drawings. The supervising engineer reports each stage; "
               "a change needs a new permit. Violations go to the Article 100 commission.")), size=9, color=MUTED)
    _seal_footer(lay, doc.seal)


def _certificate(lay: Layout, doc: IssuedDocument) -> None:
    d = doc.data
    _header(lay, "certificate", doc.number, doc.issued_at, doc.seal)
    lay.rows([_case_row(d.get("case_number", ""), d.get("tracking_code")), (T(QT_TRANSLATE_NOOP("Print", "Owner")), d.get("holder", "")),
              (T(QT_TRANSLATE_NOOP("Print", "Permit number")), fa(d.get("permit_number", "")))])
    _parcel_rows(lay, d)
    lay.rule()
    violation = d.get("violation") == "yes"
    rows = [(T(QT_TRANSLATE_NOOP("Print", "Permitted floor area")), T(QT_TRANSLATE_NOOP("Print", "{n} m²")).format(n=num(d.get("permitted_area", "")))),
            (T(QT_TRANSLATE_NOOP("Print", "Built floor area")), T(QT_TRANSLATE_NOOP("Print", "{n} m²")).format(n=num(d.get("built_area", "")))),
            (T(QT_TRANSLATE_NOOP("Print", "Supervising engineer")), d.get("supervisor", "")),
            (T(QT_TRANSLATE_NOOP("Print", "Violation")), T(QT_TRANSLATE_NOOP("Print", "yes — ruled by the Article 100 commission, fine paid")) if violation else T(QT_TRANSLATE_NOOP("Print", "none")))]
    if violation:
        rows.append((T(QT_TRANSLATE_NOOP("Print", "Fine")), rials(int(d.get("fine", "0") or 0))))
    lay.rows(rows)
    lay.para(T(QT_TRANSLATE_NOOP("Print", "The building was completed according to its permit; the deeds registry has been notified for "
               "the units' deeds.")), size=9, color=MUTED)
    _seal_footer(lay, doc.seal)


def _delay_report(lay: Layout, report: DelayReport, case_number: str) -> None:
    _header(lay, "delay_report", report.report_number, report.filed_at, report.seal)
    what = (T(QT_TRANSLATE_NOOP("Print", "Delay of {n} days at the stage «{stage}»")).format(n=fa(report.days_overdue or 0),
                                                                 stage=report.stage_title or "")
            if report.kind == "delay" else T(QT_TRANSLATE_NOOP("Print", "Grievance")))
    rows = [_case_row(case_number), (T(QT_TRANSLATE_NOOP("Print", "Report")), what)]
    if report.text:
        rows.append((T(QT_TRANSLATE_NOOP("Print", "The citizen's words")), report.text))
    lay.rows(rows)
    lay.para(T(QT_TRANSLATE_NOOP("Print", "The municipality's whistleblowing line (3890) answers in the case; follow it with the case's "
               "tracking code at any counter.")), size=8.5, color=MUTED)
    _seal_footer(lay, report.seal)


def _resume(lay: Layout, draft: Draft) -> None:
    code = draft.resume_code
    _header(lay, "resume", f"{code[:4]}-{code[4:]}", draft.updated_at, None)
    lay.para(fa(f"{code[:4]}-{code[4:]}"), size=22, bold=True, align="center")
    lay.rows([(T(QT_TRANSLATE_NOOP("Print", "Kept until")), format_iran_date(draft.expires_at))])
    lay.para(T(QT_TRANSLATE_NOOP("Print", "At any counter, give your national code and this code; after the one-time code on your mobile "
               "the request continues where it stopped. Without your mobile no one can open it.")), size=9,
             color=MUTED)


def _reconciliation(lay: Layout, slip: ReconciliationSlip) -> None:
    _header(lay, "reconciliation", "-".join(slip.reference[i:i + 4] for i in range(0, len(slip.reference), 4)),
            slip.taken_at, None)
    lay.rows([(T(QT_TRANSLATE_NOOP("Print", "For")), fa(slip.label) if slip.label else "—"),
              (T(QT_TRANSLATE_NOOP("Print", "Amount")), rials(slip.amount)),
              (T(QT_TRANSLATE_NOOP("Print", "Card reader reference")), fa(slip.terminal_ref)),
              (T(QT_TRANSLATE_NOOP("Print", "Bill ID")), fa(slip.bill_id)),
              (T(QT_TRANSLATE_NOOP("Print", "Payment ID")), fa(slip.payment_id)),
              (T(QT_TRANSLATE_NOOP("Print", "Clerk")), slip.clerk or "—"),
              (T(QT_TRANSLATE_NOOP("Print", "The server's answer")), slip.reason or "—"),
              (T(QT_TRANSLATE_NOOP("Print", "Reconciliation record")),
               fa(slip.number) if slip.number else T(QT_TRANSLATE_NOOP("Print", "not received from the server yet")))])
    lay.rule()
    lay.para(T(QT_TRANSLATE_NOOP("Print", "The money was taken on the card reader, but the municipality's server did not "
               "book the payment. Do not charge the citizen again. The supervisor refunds the card or books the "
               "payment by hand, then closes this item at the counter with the supervisor's PIN.")), size=9)
    lay.space(lay.size(8))
    lay.rows([(T(QT_TRANSLATE_NOOP("Print", "Supervisor's name and signature")), "")])
    lay.space(lay.size(10))
    lay.rows([(T(QT_TRANSLATE_NOOP("Print", "What was done")), "")])


def _build(kind: str, subject, **extra) -> Callable[[Layout], None]:
    def build(lay: Layout) -> None:
        if kind == "slip":
            _slip(lay, subject, extra.get("case_number"), extra.get("holder"), extra.get("address"),
                  extra.get("titles"))
        elif kind == "receipt":
            _receipt(lay, subject, extra.get("address"))
        elif kind == "plan_order":
            _plan_order(lay, subject)
        elif kind == "permit":
            _permit(lay, subject)
        elif kind == "certificate":
            _certificate(lay, subject)
        elif kind == "delay_report":
            _delay_report(lay, subject, extra.get("case_number", ""))
        elif kind == "resume":
            _resume(lay, subject)
        elif kind == "reconciliation":
            _reconciliation(lay, subject)
        else:
            raise ValueError(kind)
    return build


def make(kind: str, subject, *, training: bool, paper: str = "A4", **extra) -> Printed:
    """The PDF of ``subject`` (a Bill, PaymentReceipt, IssuedDocument, DelayReport or Draft)."""
    if paper == "thermal" and kind not in THERMAL_KINDS:
        paper = "A5"
    seal = getattr(subject, "seal", None)
    title = T(TITLES[kind])
    pdf = render(_build(kind, subject, **extra), paper, training=training, title=title, seal=seal)
    return Printed(kind, title, pdf, paper)
