"""The kiosk's side of the wire: one typed function per endpoint, errors as a small hierarchy.

No Qt here: the GUI calls these through `kiosk.tasks`, tests call them directly.
"""

from kiosk.api_client.errors import (
    ApiError, OfflineError, OutcomeUnknown, RequestTimeout, ServerError, Unauthorized, ValidationFailed,
)


def __getattr__(name: str):
    # requests and pydantic cost ~250 ms to import: the screens need only the error types before the
    # first paint, the HTTP machinery after it (PEP 562 lazy attributes).
    if name == "KioskApi":
        from kiosk.api_client.endpoints import KioskApi

        return KioskApi
    if name == "ApiSession":
        from kiosk.api_client.session import ApiSession

        return ApiSession
    raise AttributeError(name)

__all__ = ["KioskApi", "ApiSession", "ApiError", "OfflineError", "OutcomeUnknown", "RequestTimeout", "ServerError",
           "Unauthorized", "ValidationFailed"]
