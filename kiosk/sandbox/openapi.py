"""The API contract as committed in docs/api/openapi.json (a test fails when it is stale)."""

from __future__ import annotations

import json

from kiosk.sandbox.app import create_app
from kiosk.sandbox.db import Database


def openapi_json() -> str:
    db = Database(":memory:")
    try:
        spec = create_app(db).openapi()
    finally:
        db.close()
    return json.dumps(spec, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
