"""One typed function per endpoint of API v1 (docs/api/openapi.json)."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from kiosk.api_client.errors import GARBLED, ServerError
from kiosk.api_client.session import ApiSession
from kiosk.contract import (
    API_PREFIX, CONSENT_HEADER, ConsentGrant, District, EFile, EFileFields, EFileUpdate, Health, LoginRequest,
    LoginResponse, Operator, OtpChallenge, OtpRequest, OtpVerify, SmsMessage,
)

T = TypeVar("T")


def _parse(model: type[T] | object, data) -> T:
    try:
        if isinstance(model, type) and issubclass(model, BaseModel):
            return model.model_validate(data)  # type: ignore[return-value]
        return TypeAdapter(model).validate_python(data)
    except ValidationError as exc:
        raise ServerError(GARBLED, translatable=True, code="garbled") from exc


def _body(model: BaseModel) -> dict:
    return model.model_dump(mode="json")


class KioskApi:
    """Every call blocks: call it from a worker (``kiosk.tasks``), never from the GUI thread."""

    def __init__(self, session: ApiSession):
        self.session = session

    @property
    def base_url(self) -> str:
        return self.session.base_url

    # service
    def health(self) -> Health:
        return _parse(Health, self.session.request("GET", f"{API_PREFIX}/health", auth=False))

    # operators
    def login(self, username: str, password: str) -> LoginResponse:
        data = self.session.request("POST", f"{API_PREFIX}/auth/login", auth=False,
                                    json_body=_body(LoginRequest(username=username, password=password)))
        return _parse(LoginResponse, data)

    def logout(self, token: str | None = None) -> None:
        """Ends the session of ``token`` (default: the current one)."""
        headers = {"Authorization": f"Bearer {token}"} if token else None
        self.session.request("POST", f"{API_PREFIX}/auth/logout", headers=headers)

    def me(self) -> Operator:
        return _parse(Operator, self.session.request("GET", f"{API_PREFIX}/auth/me"))

    # reference data
    def districts(self) -> list[District]:
        return _parse(list[District], self.session.request("GET", f"{API_PREFIX}/districts"))

    # citizen consent
    def request_otp(self, national_code: str, mobile: str, *, idempotency_key: str | None = None) -> OtpChallenge:
        data = self.session.request("POST", f"{API_PREFIX}/otp", idempotency_key=idempotency_key,
                                    json_body=_body(OtpRequest(national_code=national_code, mobile=mobile)))
        return _parse(OtpChallenge, data)

    def resend_otp(self, challenge_id: str, *, idempotency_key: str | None = None) -> OtpChallenge:
        data = self.session.request("POST", f"{API_PREFIX}/otp/{challenge_id}/resend",
                                    idempotency_key=idempotency_key)
        return _parse(OtpChallenge, data)

    def verify_otp(self, challenge_id: str, code: str, *, idempotency_key: str | None = None) -> ConsentGrant:
        data = self.session.request("POST", f"{API_PREFIX}/otp/{challenge_id}/verify",
                                    idempotency_key=idempotency_key, json_body=_body(OtpVerify(code=code)))
        return _parse(ConsentGrant, data)

    # electronic file
    def get_efile(self, national_code: str, consent_id: str) -> EFile:
        data = self.session.request("GET", f"{API_PREFIX}/efiles/{national_code}",
                                    headers={CONSENT_HEADER: consent_id})
        return _parse(EFile, data)

    def create_efile(self, fields: EFileFields, consent_id: str, *, idempotency_key: str | None = None) -> EFile:
        data = self.session.request("POST", f"{API_PREFIX}/efiles", json_body=_body(fields),
                                    headers={CONSENT_HEADER: consent_id}, idempotency_key=idempotency_key)
        return _parse(EFile, data)

    def update_efile(self, national_code: str, update: EFileUpdate, consent_id: str, *,
                     idempotency_key: str | None = None) -> EFile:
        data = self.session.request("PUT", f"{API_PREFIX}/efiles/{national_code}", json_body=_body(update),
                                    headers={CONSENT_HEADER: consent_id}, idempotency_key=idempotency_key)
        return _parse(EFile, data)

    # training only
    def training_sms(self, mobile: str | None = None, after_id: int = 0) -> list[SmsMessage]:
        params: dict = {"after_id": after_id}
        if mobile:
            params["mobile"] = mobile
        return _parse(list[SmsMessage], self.session.request("GET", f"{API_PREFIX}/training/sms", params=params))
