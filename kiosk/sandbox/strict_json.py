"""JSON bodies parsed strictly, as the contract defines JSON (RFC 8259): Python's ``json`` module also takes
``NaN``, ``Infinity`` and numbers beyond a double (``1e400`` becomes infinity, stored later as null), and
lets the last of two equal keys win silently (``{"amount": 1, "amount": 9}``). Each of these is refused
as a body that is not valid JSON, before any route sees it.

FastAPI turns a :class:`json.JSONDecodeError` raised while reading the body into its ``json_invalid``
validation error, which :func:`kiosk.sandbox.errors.request_validation_handler` answers in the contract's
shape; :class:`StrictJsonRoute` is the route class of every router of the sandbox."""

from __future__ import annotations

import json
import math

from fastapi import Request
from fastapi.routing import APIRoute


def _refuse(doc: str, what: str) -> json.JSONDecodeError:
    return json.JSONDecodeError(what, doc, 0)


def strict_loads(body: bytes | str):
    doc = body.decode("utf-8") if isinstance(body, bytes) else body

    def constant(name: str):
        raise _refuse(doc, f"{name} is not a JSON number")

    def number(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise _refuse(doc, "number out of range")
        return value

    def pairs(items: list) -> dict:
        seen: dict = {}
        for key, value in items:
            if key in seen:
                raise _refuse(doc, "duplicate key")
            seen[key] = value
        return seen

    return json.loads(doc, parse_constant=constant, parse_float=number, object_pairs_hook=pairs)


class StrictJsonRequest(Request):
    async def json(self):
        if not hasattr(self, "_json"):
            try:
                self._json = strict_loads(await self.body())
            except UnicodeDecodeError as exc:
                raise json.JSONDecodeError("not UTF-8", "", exc.start) from exc
        return self._json


class StrictJsonRoute(APIRoute):
    def get_route_handler(self):
        handler = super().get_route_handler()

        async def strict(request: Request):
            return await handler(StrictJsonRequest(request.scope, request.receive))

        return strict
