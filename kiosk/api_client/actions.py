"""What a screen may queue in the outbox, built here and nowhere else: the screen says what the clerk is
doing (pay this bill, file this report); this module knows the request's path, body and headers, which
case orders it, and whether it records money already taken (which the kiosk then never discards).

Each action also names the payload its idempotency key is derived from (``kiosk.api_client.keys``): the
whole request, so that any change of it is a new key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.contract import (
    API_PREFIX, CONSENT_HEADER, CaseView, DelayReport, DelayReportIn, PaymentIn, PaymentReceipt, PermitApplication,
    Reconciliation, ReconciliationClose, ReconciliationIn, ServiceRequestReceipt, StageResponse,
)

RECORD_LABEL = QT_TRANSLATE_NOOP("Outbox", "Reconciliation record of «{label}»")

# What the server answers each kind of queued request with. An answer that is not this (empty, {}, a page)
# is not an acknowledgement: the row stays and is asked again with the same key.
ANSWERS = {"payment": PaymentReceipt, "permit_submit": PermitApplication, "service_request": ServiceRequestReceipt,
           "case_response": CaseView, "delay_report": DelayReport, "reconciliation": Reconciliation,
           "reconciliation_close": Reconciliation}


_drift_logged: set[str] = set()


def check_answer(kind: str, answer: Any) -> Any:
    """``answer`` if it can be the server's acknowledgement of ``kind`` (a JSON object, for the kinds the
    contract answers with a body); else OutcomeUnknown. That the answer is the server's at all is proved by the
    echoed key (session.py); an object that does not match the model exactly (a newer server's new value) is
    still the server's word, and is logged once."""
    import logging

    from pydantic import ValidationError

    from kiosk.api_client.errors import OutcomeUnknown

    model = ANSWERS.get(kind)
    if model is None:
        return answer
    if not isinstance(answer, dict) or not answer:
        raise OutcomeUnknown()
    try:
        model.model_validate(answer)
    except ValidationError:
        if kind not in _drift_logged:
            _drift_logged.add(kind)
            logging.getLogger(__name__).warning("the server's answer to %s does not match the contract's model", kind)
    return answer


@dataclass(frozen=True)
class Action:
    kind: str
    method: str
    path: str
    body: Any = None
    headers: dict = field(default_factory=dict)
    case_key: str = ""
    money: bool = False

    @property
    def payload(self) -> dict:
        """What the key is derived from."""
        return {"kind": self.kind, "method": self.method, "path": self.path, "body": self.body,
                "headers": self.headers}

    def outbox_fields(self, key: str, label: str, operator: str | None) -> dict:
        """Keyword arguments of ``OutboxStore.add``."""
        return {"kind": self.kind, "case_key": self.case_key, "method": self.method, "path": self.path,
                "body": self.body, "headers": dict(self.headers), "label": label, "item_id": key,
                "operator": operator, "money": self.money}


def _consent(consent_id: str | None) -> dict:
    return {CONSENT_HEADER: consent_id} if consent_id else {}


def card_payment(payment: PaymentIn) -> Action:
    """The card reader has taken the money: the record must reach the server whatever happens."""
    return Action("payment", "POST", f"{API_PREFIX}/payments", payment.model_dump(mode="json"),
                  case_key=f"bill:{payment.bill_id}", money=True)


def permit_submission(draft_id: str, submission, consent_id: str | None) -> Action:
    return Action("permit_submit", "POST", f"{API_PREFIX}/drafts/{draft_id}/submit",
                  submission.model_dump(mode="json"), _consent(consent_id), case_key=f"draft:{draft_id}")


def service_request(service_id: str, values: dict[str, str], consent_id: str | None, national_code: str) -> Action:
    return Action("service_request", "POST", f"{API_PREFIX}/services/{service_id}/requests", {"values": values},
                  _consent(consent_id), case_key=f"service:{national_code}")


def case_response(case_number: str, text: str, consent_id: str | None) -> Action:
    return Action("case_response", "POST", f"{API_PREFIX}/cases/{case_number}/response",
                  StageResponse(text=text).model_dump(mode="json"), _consent(consent_id), case_key=f"case:{case_number}")


def delay_report(case_number: str, report: DelayReportIn, consent_id: str | None) -> Action:
    return Action("delay_report", "POST", f"{API_PREFIX}/cases/{case_number}/reports",
                  report.model_dump(mode="json"), _consent(consent_id), case_key=f"case:{case_number}")


def reconciliation_record(item, detail: dict, taken_at: dt.datetime | None = None) -> dict | None:
    """For a refused card payment (an outbox item): the record the server must keep, as ``OutboxStore.add``
    keyword arguments, keyed by the payment's own key (one record per charge, whatever happens)."""
    if item.kind != "payment":
        return None
    body = item.body if isinstance(item.body, dict) else {}
    try:
        record = ReconciliationIn(
            reference=item.id, bill_id=str(body.get("bill_id", "")), payment_id=str(body.get("payment_id", "")),
            amount=int(body.get("amount", 0)), terminal_ref=str(body.get("terminal_ref", "")),
            reason_code=str(detail.get("code") or "refused")[:64], reason_text=str(detail.get("text") or "")[:500],
            taken_at=taken_at or dt.datetime.fromtimestamp(item.created_at, dt.timezone.utc))
    except ValueError:
        return None
    from kiosk.api_client.keys import Intent

    action = Action("reconciliation", "POST", f"{API_PREFIX}/reconciliations", record.model_dump(mode="json"),
                    case_key=f"reconcile:{item.id}", money=True)
    from kiosk.i18n import persian

    label = persian().translate("Outbox", RECORD_LABEL).format(label=item.label)
    return action.outbox_fields(Intent.from_seed("reconciliation", item.id).key(action.payload), label,
                                item.operator)


def reconciliation_close(item, note: str, label: str) -> dict:
    """The supervisor's closing of the reconciliation of ``item`` (queued after its record: same case)."""
    from kiosk.api_client.keys import Intent

    action = Action("reconciliation_close", "POST", f"{API_PREFIX}/reconciliations/{item.id}/close",
                    ReconciliationClose(note=note).model_dump(mode="json"), case_key=f"reconcile:{item.id}",
                    money=True)
    return action.outbox_fields(Intent.from_seed("reconciliation-close", item.id).key(action.payload), label,
                                item.operator)
