"""The kiosk's side of the wire: one typed function per endpoint, errors as a small hierarchy.

No Qt here: the GUI calls these through `kiosk.tasks`, tests call them directly.
"""

from kiosk.api_client.endpoints import KioskApi
from kiosk.api_client.errors import (
    ApiError, OfflineError, RequestTimeout, ServerError, Unauthorized, ValidationFailed,
)
from kiosk.api_client.session import ApiSession

__all__ = ["KioskApi", "ApiSession", "ApiError", "OfflineError", "RequestTimeout", "ServerError",
           "Unauthorized", "ValidationFailed"]
