"""What can go wrong talking to the server, sorted by what the operator can do about it.

- :class:`OfflineError` (and :class:`RequestTimeout`): the server could not be reached; try again later.
- :class:`OutcomeUnknown` (an OfflineError): a mutating request may have reached the server, but no answer
  of the contract came back (the link broke while reading it, a proxy answered with its own page). Only a
  retry with the same idempotency key is safe: it gets the first answer if the work was done.
- :class:`Unauthorized`: the operator's session is over; sign in again.
- :class:`ValidationFailed`: the server refused the request and says why (a Persian sentence, often with
  the field it belongs to); fix the input.
- :class:`ServerError`: the server failed; not the operator's fault.

Messages written by the server are already Persian (``translatable`` is False). Messages written here
are English source strings the UI translates (context ``ApiClient``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.domain.problems import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the wire models (pydantic) are imported only where a response is parsed
    from kiosk.contract import ErrorDetail

CONTEXT = "ApiClient"

OFFLINE = QT_TRANSLATE_NOOP("ApiClient", "Cannot connect to the server. Check the network; your data is kept.")
TIMEOUT = QT_TRANSLATE_NOOP("ApiClient", "The server did not answer in time. Try again; your data is kept.")
SERVER = QT_TRANSLATE_NOOP("ApiClient", "The server had a problem (error {status}). Try again in a minute.")
GARBLED = QT_TRANSLATE_NOOP("ApiClient", "The server sent an answer the kiosk cannot read. Tell support.")
UNAUTHORIZED = QT_TRANSLATE_NOOP("ApiClient", "Your session has ended. Sign in again.")
TOO_OLD = QT_TRANSLATE_NOOP("ApiClient", "This request waited longer than the server remembers requests, so it "
                                         "was not sent again (it might be done twice). Check it with the supervisor.")
KIOSK_FAULT = QT_TRANSLATE_NOOP("ApiClient", "The kiosk could not send this request because of a fault of its own; "
                                             "it is kept and tried again. Tell support if it stays.")
UNKNOWN = QT_TRANSLATE_NOOP("ApiClient", "The connection broke before the server's answer arrived. The request "
                                         "may have reached the server; sending it again cannot do it twice.")


class ApiError(Exception):
    def __init__(
        self,
        text: str,
        *,
        translatable: bool,
        status: int | None = None,
        code: str | None = None,
        field: str | None = None,
        problems: "list[ErrorDetail] | None" = None,
        retry_after: int | None = None,
        params: dict | None = None,
    ):
        super().__init__(f"{code or type(self).__name__}: {text}")
        self.text = text
        self.translatable = translatable
        self.status = status
        self.code = code
        self.field = field
        self.problems = problems or []
        self.retry_after = retry_after
        self.params = params or {}

    @classmethod
    def from_body(cls, status: int, detail: "ErrorDetail", problems: "list[ErrorDetail]",
                  retry_after: int | None) -> "ApiError":
        return cls(detail.message, translatable=False, status=status, code=detail.code, field=detail.field,
                   problems=problems, retry_after=detail.retry_after_seconds or retry_after)


class OfflineError(ApiError):
    def __init__(self, text: str = OFFLINE, **kw):
        super().__init__(text, translatable=True, code="offline", **kw)


class RequestTimeout(OfflineError):
    def __init__(self, **kw):
        super().__init__(TIMEOUT, **kw)
        self.code = "timeout"


class OutcomeUnknown(OfflineError):
    """Sent, maybe carried out, answer lost. ``status`` is the HTTP status of a non-contract answer, if any."""

    def __init__(self, **kw):
        super().__init__(UNKNOWN, **kw)
        self.code = "outcome_unknown"


class Unauthorized(ApiError):
    pass


class ValidationFailed(ApiError):
    pass


class ServerError(ApiError):
    pass


# Answers of the server that do not decide the request: the same key is tried again.
RETRY_CODES = {"request_in_progress", "body_incomplete", "idempotency_record_unverifiable"}
RETRY_STATUSES = {408, 425, 429}


def is_refusal(exc: BaseException) -> bool:
    """The server decided: its own error body with a 4xx status that waiting will not change (not 408, 425
    or 429, not "still in progress", not "the body arrived incomplete"). Nothing was done, and the same
    request again gets the same answer."""
    return (isinstance(exc, ValidationFailed) and exc.status not in RETRY_STATUSES
            and exc.code not in RETRY_CODES)
