"""The wire contract between the kiosk and any municipal server (the real one or the training sandbox).

These pydantic models are the *only* thing `kiosk.api_client` and `kiosk.sandbox` share. They describe
shapes and types; business rules live in `kiosk.domain` and are enforced by both sides.
"""

from kiosk.contract.models import *  # noqa: F401,F403
