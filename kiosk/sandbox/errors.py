"""Errors of the sandbox API, always answered with the contract's ErrorBody in Persian."""

from __future__ import annotations

from typing import Mapping, Sequence

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from kiosk.contract import ErrorBody, ErrorDetail
from kiosk.domain.digits import to_persian_digits
from kiosk.domain.problems import Problem, QT_TRANSLATE_NOOP
from kiosk.sandbox.i18n import persian

CONTEXT = "Sandbox"


class ApiProblem(Exception):
    """Raise in a route to answer with an error. ``message`` is an English source string in the
    ``Sandbox`` translation context (mark it with QT_TRANSLATE_NOOP so lupdate finds it)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        params: Mapping[str, object] | None = None,
        retry_after: int | None = None,
        problems: Sequence[Problem] = (),
        headers: Mapping[str, str] | None = None,
    ):
        super().__init__(code)
        self.headers = dict(headers or {})
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.params = dict(params or {})
        self.retry_after = retry_after
        self.problems = list(problems)


def _render(context: str, message: str, params: Mapping[str, object]) -> str:
    template = persian().translate(context, message)
    return template.format(**{k: to_persian_digits(str(v)) for k, v in params.items()})


def problem_detail(problem: Problem) -> ErrorDetail:
    return ErrorDetail(code=problem.code, message=problem.render(persian().translate), field=problem.field)


def validation_failed(problems: Sequence[Problem]) -> ApiProblem:
    first = problems[0]
    return ApiProblem(422, first.code, first.message, field=first.field, params=first.params, problems=problems)


def error_response(exc: ApiProblem) -> JSONResponse:
    if exc.problems:
        details = [problem_detail(p) for p in exc.problems]
        first = details[0]
    else:
        first = ErrorDetail(
            code=exc.code,
            message=_render(CONTEXT, exc.message, exc.params),
            field=exc.field,
            retry_after_seconds=exc.retry_after,
        )
        details = [first] if exc.field else []
    body = ErrorBody(error=first, problems=details)
    headers = dict(exc.headers)
    if exc.retry_after:
        headers["Retry-After"] = str(exc.retry_after)
    return JSONResponse(body.model_dump(mode="json"), status_code=exc.status, headers=headers or None)


async def api_problem_handler(request: Request, exc: ApiProblem) -> JSONResponse:
    return error_response(exc)


INVALID_REQUEST = QT_TRANSLATE_NOOP("Sandbox", "The request is not valid (field: {field}). Update the kiosk "
                                               "or tell support.")


INVALID_JSON = QT_TRANSLATE_NOOP("Sandbox", "The request's body is not valid JSON (no NaN or Infinity, numbers "
                                            "a double can hold, no key twice). Update the kiosk or tell support.")


async def request_validation_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if errors and errors[0].get("type") == "json_invalid":  # its "field" would be a character position
        return error_response(ApiProblem(422, "invalid_json", INVALID_JSON))
    loc = [str(p) for p in errors[0].get("loc", ()) if p not in ("body", "query", "path", "header")] if errors else []
    field = ".".join(loc) or None
    return error_response(ApiProblem(422, "invalid_request", INVALID_REQUEST, field=field,
                                     params={"field": field or "-"}))


INTERNAL = QT_TRANSLATE_NOOP("Sandbox", "The server had an internal error. Try again in a minute.")


async def internal_error_handler(request: Request, exc: Exception) -> JSONResponse:
    return error_response(ApiProblem(500, "internal_error", INTERNAL))


# Errors raised as HTTPException (the routing's 404/405, FastAPI's body-parse error, the tus routes): the
# contract's ErrorBody with a Persian sentence by status, the original headers (Tus-Version…) kept.
HTTP_MESSAGES = {
    400: ("bad_request", QT_TRANSLATE_NOOP("Sandbox", "The request is not valid. Update the kiosk or tell support.")),
    404: ("not_found", QT_TRANSLATE_NOOP("Sandbox", "Not found: this address or item does not exist.")),
    405: ("method_not_allowed", QT_TRANSLATE_NOOP("Sandbox", "This action is not available at this address.")),
    409: ("conflict", QT_TRANSLATE_NOOP("Sandbox", "The upload is not at the expected point. Ask its state and "
                                                   "send the rest.")),
    410: ("gone", QT_TRANSLATE_NOOP("Sandbox", "This upload has expired. Send the file again.")),
    412: ("precondition_failed", QT_TRANSLATE_NOOP("Sandbox", "This version of the upload protocol is not "
                                                              "supported. Update the kiosk.")),
    413: ("body_too_large", QT_TRANSLATE_NOOP("Sandbox", "The file or request is too large.")),
    415: ("unsupported_media_type", QT_TRANSLATE_NOOP("Sandbox", "This kind of content is not accepted here.")),
}
HTTP_OTHER = QT_TRANSLATE_NOOP("Sandbox", "The request could not be carried out (error {status}).")


async def http_error_handler(request: Request, exc) -> JSONResponse:
    code, message = HTTP_MESSAGES.get(exc.status_code, (f"http_{exc.status_code}", HTTP_OTHER))
    response = error_response(ApiProblem(exc.status_code, code, message, params={"status": exc.status_code}))
    for name, value in (getattr(exc, "headers", None) or {}).items():
        response.headers[name] = value
    if exc.status_code == 405:
        response.headers["Allow"] = allowed_methods(request)
    return response


def allowed_methods(request: Request) -> str:
    """Every method the contract offers at this address (the router names only the first route it matched)."""
    operations = getattr(request.app.state, "operations", None)
    methods = operations.methods_at(request.scope.get("path", "")) if operations is not None else None
    return allow_header(methods or ())


def allow_header(methods) -> str:
    return ", ".join(sorted(methods))
