"""Request and response bodies of API v1 (see docs/api/openapi.json, generated from the sandbox)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

API_PREFIX = "/api/v1"
IDEMPOTENCY_HEADER = "Idempotency-Key"
CONSENT_HEADER = "X-Citizen-Consent"

__all__ = [
    "API_PREFIX", "IDEMPOTENCY_HEADER", "CONSENT_HEADER", "Wire", "ErrorDetail", "ErrorBody", "Health",
    "LoginRequest", "Operator", "LoginResponse", "District", "OtpRequest", "OtpChallenge", "OtpVerify",
    "EFileFields", "EFileUpdate", "EFile", "ConsentGrant", "SmsMessage",
]


class Wire(BaseModel):
    """Base of every wire model: unknown fields from a newer server are ignored, not fatal."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class ErrorDetail(Wire):
    code: str = Field(description="Stable machine code, e.g. otp_invalid")
    message: str = Field(description="A Persian sentence for the operator, saying what to do")
    field: str | None = Field(None, description="The request field the error belongs to, if any")
    retry_after_seconds: int | None = Field(None, description="When waiting helps (lock-outs, limits)")


class ErrorBody(Wire):
    """Every 4xx/5xx response of the API has this body.

    ``error`` is the first (or only) problem; ``problems`` lists every field problem of a form at once.
    """

    error: ErrorDetail
    problems: list[ErrorDetail] = Field(default_factory=list)


class Health(Wire):
    status: Literal["ok"] = "ok"
    training: bool
    api_version: str
    server_time: dt.datetime


class LoginRequest(Wire):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class Operator(Wire):
    username: str
    full_name: str
    office: str
    kind: Literal["clerk", "cafe"]
    district: int | None = Field(None, ge=1, le=15)


class LoginResponse(Wire):
    token: str
    expires_at: dt.datetime
    operator: Operator


class District(Wire):
    number: int = Field(ge=1, le=15)
    name: str


class OtpRequest(Wire):
    """Ask the citizen's consent: a one-time code is sent to the mobile registered for the national code."""

    national_code: str = Field(min_length=1, max_length=32)
    mobile: str = Field(min_length=1, max_length=32)


class OtpChallenge(Wire):
    challenge_id: str
    masked_mobile: str
    expires_at: dt.datetime
    resend_available_at: dt.datetime
    resends_left: int
    attempts_left: int
    code_length: int = 6


class OtpVerify(Wire):
    code: str = Field(min_length=1, max_length=32)


class EFileFields(Wire):
    """What the operator may write to a citizen's electronic file."""

    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    father_name: str = Field(max_length=100)
    birth_date: dt.date
    address: str = Field(max_length=500)
    postal_code: str = Field(max_length=32)
    district: int
    email: str | None = Field(None, max_length=200)


class EFileUpdate(EFileFields):
    version: int = Field(description="The version the operator edited; a stale one is refused (409)")


class EFile(EFileFields):
    """The citizen's electronic file (پرونده الکترونیک)."""

    file_number: str
    national_code: str
    mobile: str
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = Field(description="Incremented on each update; send it back to avoid lost updates")


class ConsentGrant(Wire):
    """A verified consent: the key that opens this citizen's data for this visit."""

    consent_id: str
    national_code: str
    mobile: str
    valid_until: dt.datetime
    efile: EFile | None = Field(None, description="The file, if the citizen already has one")


class SmsMessage(Wire):
    """A message of the training SMS inbox (training servers only)."""

    id: int
    mobile: str
    text: str
    sent_at: dt.datetime
