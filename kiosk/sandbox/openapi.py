"""The API contract as committed in docs/api/openapi.json (a test fails when it is stale).

FastAPI describes the shapes; :func:`document` adds what the kiosk *relies on* and another server must
implement exactly: the idempotency rules on every mutating operation (header, replay, in-progress,
body-incomplete, binding of a replay to its operator and consent, retention), the consent grace of
queued writes, the tus upload semantics and the file hash. It runs on the served ``/openapi.json`` too.
"""

from __future__ import annotations

import json
import re

from kiosk.contract import CONSENT_HEADER, IDEMPOTENCY_HEADER, REPLAYED_HEADER, UPLOADS_PATH

MUTATING = ("post", "put", "patch", "delete")

OVERVIEW = """The contract between the counter kiosk and a municipal server. Served by the training sandbox with
illustrative data; every error is an `ErrorBody` whose `error.message` is a Persian sentence for the
operator.

**Whose answer is it?** Every answer to a request that carries an `Idempotency-Key` — success, refusal,
replay, or the server's own idempotency errors — carries the same `Idempotency-Key` header back. An answer
without it is not the server's (a gateway's page, a captive portal, a proxy's error body that looks like an
`ErrorBody`, a redirect): the kiosk never counts it as done nor as refused. Only the server's `ErrorBody`
with a 4xx status other than 408, 425 and 429 (and other than `request_in_progress` and `body_incomplete`)
is a refusal. Any other failure of a mutating request — no answer, a broken connection, a timeout, a 5xx, an
answer that is not the server's or not the operation's response model — means "outcome unknown", and the
kiosk retries with the same key. Redirects of mutating requests are not followed.

## Idempotency (what every server must implement)
- Every mutating request of the kiosk carries `Idempotency-Key` (8–128 visible ASCII characters; the kiosk
  sends 20 digits). The same key with the same request (method, path, query and body, byte for byte) is
  carried out **at most once**: a repeat gets the first answer again — status, body and headers such as a
  tus `Location` — with `Idempotent-Replayed: true`.
- **Atomic**: the stored answer is committed in the same transaction as the request's effect, before the
  first byte of the answer is sent. A server that dies before that commit did nothing; one that dies after
  it answers the retry from the record.
- **Final answers only**: 2xx and 4xx answers are stored, except 401, 408 and 429, which do not decide the
  request (the same key may be retried and is carried out then). A 5xx means nothing was done (the request is
  rolled back) and nothing is stored.
- **A body that did not arrive whole** is never carried out or recorded: the key stays free. A body shorter
  than its `Content-Length` is answered `400 body_incomplete`; a client that vanished mid-body gets nothing.
- **In progress**: a repeat that arrives while the first is still running is answered
  `409 request_in_progress` with `Retry-After` (the client asks again with the same key).
- **Bound to its operator and consent**: a replay is answered only to the operator the first request acted
  for (the one its bearer token belonged to — a clerk who signed in again keeps her answers) and with the
  same `X-Citizen-Consent`; anyone else gets `403 idempotency_key_foreign` and nothing is done. A replay to a
  token that is no longer valid (signed out, expired) is `401`, not final: after a new sign-in the same key
  gets its answer. The very token of the first request always gets its own answer (a sign-out's replay).
- **A record the server cannot verify** (its secret was lost) is answered
  `503 idempotency_record_unverifiable`, never with a refusal.
- **Another request with a used key** is refused with `422 idempotency_key_reused`. Another request is one with another method, path, query or body, or another value of a header that carries meaning: `Content-Type` (without its parameters), `Upload-Length`, `Upload-Offset`, `Upload-Metadata`, `X-Filename`, `X-Content-SHA256`.
- **Retention**: keys and answers are kept at least 14 days (`Health.idempotency_retention_days`); a client
  never retries a key older than that blindly (the kiosk sets such requests aside for a person).
- Answers that carry secrets (a login token, a consent id) are never stored in clear.

## Limits
Every field has bounds in its schema (lengths, ranges, decimal digits, nesting); integers are strict (`true` is
not `1`); text may not hold lone surrogates or NUL. Each mutating operation states the largest body it accepts
(`x-max-body-bytes`): a larger one is refused with `413 body_too_large` before it is read. Path segments longer
than 128 characters are `404`, query strings longer than 4 KiB `414`. Every error of every route — the tus
routes, a body that is not JSON, an unknown address — is an `ErrorBody`; a fault of the server is the
`ErrorBody` 500 and leaves the connection open. JSON is RFC 8259's: `NaN`, `Infinity`, a number beyond a
double or a key given twice is `422 invalid_json`. A request with both `Content-Length` and
`Transfer-Encoding` is `400`. Numbers printed for the public (receipts, service-request tracking numbers,
delay reports) cannot be guessed from one another.

## Citizen consent
`X-Citizen-Consent` is the id the one-time code yielded (`/otp/{id}/verify`), valid for 30 minutes. Writes a
counter may have queued while offline (marked `x-consent-grace-hours`) are accepted for
`Health.queued_write_grace_hours` (24) after the consent expired.

## Uploads (tus 1.0.0)
Documents go up resumably with the tus protocol at `/api/v1/uploads`: creation (`POST`, with
`Upload-Length` and `Upload-Metadata` holding `filename`, `filetype` and `sha256`), `HEAD` for
`Upload-Offset`, `PATCH` from that offset. Creation carries an `Idempotency-Key`: a repeat returns the same
`Location`, so a kiosk killed between creation and saving the URL never starts a second upload. A completed
upload becomes a document only through `…/from-upload`, which checks its size and SHA-256 against what the
kiosk computed (`422 file_hash` otherwise: the kiosk then sends the file again from byte 0 on a new upload).
"""

IDEMPOTENCY_PARAMETER = {
    "name": IDEMPOTENCY_HEADER, "in": "header", "required": False,
    "description": "The request's key (8–128 visible ASCII characters): the same key with the same request is "
                   "carried out at most once; see the API description. The kiosk sends it on every mutating "
                   "request except tus PATCH chunks, whose offset makes them safe to repeat.",
    "schema": {"type": "string", "minLength": 8, "maxLength": 128, "pattern": "^[\\x21-\\x7e]+$"},
}
REPLAYED = {"description": "`true` when this answer was replayed from the first request with this "
                           "Idempotency-Key (nothing was done again)", "schema": {"type": "string", "enum": ["true"]}}
ECHO = {"description": "The request's Idempotency-Key, on every answer to a keyed request: the proof that the "
                       "answer is the server's", "schema": {"type": "string"}}


def _error(description: str, codes: list[str]) -> dict:
    return {"description": description + " (`error.code`: " + ", ".join(f"`{c}`" for c in codes) + ")",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}


IDEMPOTENCY_RESPONSES = {
    "401": _error("The replay's token is no longer valid: sign in again and repeat with the same key (not final)",
                  ["token_expired"]),
    "503": _error("A record of this key exists but cannot be verified now; nothing was done (not final)",
                  ["idempotency_record_unverifiable"]),
    "400": _error("The request's body did not arrive whole, or its key is malformed; nothing was done, the key "
                  "is free", ["body_incomplete", "idempotency_key_invalid"]),
    "403": _error("The key belongs to another operator's request or another consent; nothing was done",
                  ["idempotency_key_foreign"]),
    "409": _error("The first request with this key is still running: retry with the same key after "
                  "`Retry-After`", ["request_in_progress"]),
    "422": _error("The key was used for a different request", ["idempotency_key_reused"]),
}


def _tus_header(name: str, description: str, schema: dict, required: bool = True) -> dict:
    return {"name": name, "in": "header", "required": required, "description": description, "schema": schema}


def tus_paths() -> dict:
    """The upload routes as the contract states them (tus 1.0.0 core and creation, with termination), written
    by hand: the generated description of the tus router names transport headers (``Content-Length``) and
    internal query parameters, and no answer's headers."""
    from kiosk.contract.tus import MAX_UPLOAD, TUS_VERSION

    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
    version = _tus_header("Tus-Resumable", "The tus version the client speaks", {"type": "string",
                                                                                   "enum": [TUS_VERSION]})
    uid = {"name": "uuid", "in": "path", "required": True, "description": "The upload's id (from `Location`)",
           "schema": {"type": "string", "minLength": 1, "maxLength": 128}}
    resumable = {"description": "The server's tus version", "schema": {"type": "string"}}
    offset_header = {"description": "Bytes the server holds", "schema": {"type": "string", "pattern": "^[0-9]+$"}}

    def errors(*pairs: tuple[str, str]) -> dict:
        answers = {status: {"description": text, **json.loads(json.dumps(error))} for status, text in pairs}
        answers["401"] = {"description": "No valid operator token (`token_missing`, `token_expired`)",
                          **json.loads(json.dumps(error))}
        answers["412"] = {"description": "`Tus-Resumable` is missing or not " + TUS_VERSION + " (`tus_version`)",
                          "headers": {"Tus-Version": {"schema": {"type": "string"}}},
                          **json.loads(json.dumps(error))}
        answers["5XX"] = {"description": "The server failed; retry later", **json.loads(json.dumps(error))}
        return answers

    security = [{"HTTPBearer": []}]
    return {
        UPLOADS_PATH: {
            "post": {
                "tags": ["uploads"], "summary": "Create an upload", "operationId": "tus_create", "security": security,
                "description": "The first bytes may come with the creation (tus creation-with-upload), held to "
                               "the rules of a PATCH: `application/offset+octet-stream`, `Content-Length`, no "
                               "more than `Upload-Length`.",
                "parameters": [
                    version,
                    _tus_header("Upload-Length", f"The file's size in bytes (at most {MAX_UPLOAD})",
                                {"type": "string", "pattern": "^[0-9]{1,20}$"}),
                    _tus_header("Upload-Metadata", "`filename`, `filetype` and `sha256` (64 hex digits), each "
                                "`key base64(value)`, separated by commas", {"type": "string", "minLength": 1,
                                                                             "maxLength": 2048}),
                ],
                "responses": {
                    "201": {"description": "Created: send the bytes to `Location`", "headers": {
                        "Location": {"description": "The upload's address", "schema": {"type": "string"}},
                        "Tus-Resumable": resumable,
                        "Upload-Expires": {"description": "When an unfinished upload is deleted",
                                           "schema": {"type": "string"}}}},
                    **errors(("400", "`Upload-Length` or `Upload-Metadata` missing or malformed, deferred length or "
                                     "concatenation asked (`upload_length`, `upload_metadata`, `upload_concat`)"),
                             ("411", "First bytes sent with the creation without `Content-Length` "
                                     "(`length_required`)"),
                             ("413", f"Larger than {MAX_UPLOAD} bytes (`upload_too_large`, `body_too_large`), or "
                                     "first bytes longer than `Upload-Length` (`upload_overflow`)"),
                             ("415", "First bytes sent with the creation, not as `application/offset+octet-stream` "
                                     "(`upload_content_type`)")),
                },
            },
        },
        UPLOADS_PATH + "/{uuid}": {
            "head": {
                "tags": ["uploads"], "summary": "How much of an upload the server holds", "operationId": "tus_head",
                "security": security, "parameters": [uid, version],
                "responses": {
                    "200": {"description": "The upload's state (no body)", "headers": {
                        "Upload-Offset": offset_header, "Upload-Length": offset_header,
                        "Tus-Resumable": resumable, "Cache-Control": {"schema": {"type": "string",
                                                                                 "enum": ["no-store"]}}}},
                    **errors(("404", "No such upload of this operator, or it expired (`upload_unknown`)")),
                },
            },
            "patch": {
                "tags": ["uploads"], "summary": "Send bytes from the upload's offset", "operationId": "tus_patch",
                "security": security,
                "parameters": [uid, version, _tus_header("Upload-Offset", "Where these bytes start: the offset "
                                                          "HEAD reported", {"type": "string",
                                                                            "pattern": "^[0-9]{1,20}$"})],
                "requestBody": {"required": True, "content": {"application/offset+octet-stream": {
                    "schema": {"type": "string", "format": "binary"}}}},
                "responses": {
                    "204": {"description": "Stored; the new offset", "headers": {
                        "Upload-Offset": offset_header, "Tus-Resumable": resumable}},
                    **errors(("400", "`Upload-Offset` missing or not a number (`upload_offset`)"),
                             ("404", "No such upload of this operator, or it expired (`upload_unknown`)"),
                             ("409", "The offset is not where the upload stands: ask HEAD and send the rest "
                                     "(`upload_offset_conflict`, with `Upload-Offset`)"),
                             ("411", "No `Content-Length` (`length_required`)"),
                             ("413", "The bytes would run past `Upload-Length` (`upload_overflow`, "
                                     "`body_too_large`)"),
                             ("415", "Not `application/offset+octet-stream` (`upload_content_type`)")),
                },
            },
            "delete": {
                "tags": ["uploads"], "summary": "Give up an upload", "operationId": "tus_delete",
                "security": security, "parameters": [uid, version],
                "responses": {
                    "204": {"description": "Deleted", "headers": {"Tus-Resumable": resumable}},
                    **errors(("404", "No such upload of this operator, or it expired (`upload_unknown`)")),
                },
            },
        },
    }


def _uploads(path: str) -> bool:
    return path == UPLOADS_PATH or path.startswith(UPLOADS_PATH + "/")


def served_operations(app) -> dict[str, frozenset[str]]:
    """The methods the served contract offers at each of its addresses, read from the routes themselves
    (the same table as the ``paths`` of ``/openapi.json``, checked by a test, without building the whole
    document: that took a third of a second, on the first request the training server answered)."""
    from fastapi import routing

    from kiosk.sandbox.guards import HTTP_METHODS

    table: dict[str, set[str]] = {}
    for route in routing.iter_route_contexts(app.routes):
        if isinstance(route.original_route, routing.APIRoute) and route.include_in_schema \
                and not _uploads(route.path_format):
            table.setdefault(route.path_format, set()).update(m.upper() for m in route.methods)
    for path, operations in tus_paths().items():
        table.setdefault(path, set()).update(m.upper() for m in operations if m in HTTP_METHODS)
    return {path: frozenset(methods) for path, methods in table.items()}


def document(spec: dict, grace_operations: set[tuple[str, str]], grace_hours: int = 24) -> dict:
    """Adds the idempotency, consent, size and upload rules to every operation they apply to (in place)."""
    from kiosk.sandbox.guards import body_limit

    spec.setdefault("info", {})["description"] = OVERVIEW
    paths = spec.setdefault("paths", {})
    for path in [p for p in paths if _uploads(p)]:
        del paths[path]
    paths.update(tus_paths())
    for path, operations in spec.get("paths", {}).items():
        for method, op in operations.items():
            if method not in MUTATING:
                continue
            op["x-max-body-bytes"] = body_limit(method.upper(), re.sub(r"\{[^}]+\}", "x", path))
            op.setdefault("responses", {}).setdefault("413", json.loads(json.dumps(_error(
                "The body is larger than this operation accepts (`x-max-body-bytes`); refused before it is read",
                ["body_too_large"]))))
            params = op.setdefault("parameters", [])
            if not any(p.get("name") == IDEMPOTENCY_HEADER for p in params):
                params.append(dict(IDEMPOTENCY_PARAMETER))
            responses = op.setdefault("responses", {})
            for status, response in list(responses.items()):
                if status.startswith("2"):
                    response.setdefault("headers", {})[REPLAYED_HEADER] = dict(REPLAYED)
            for status, response in IDEMPOTENCY_RESPONSES.items():
                existing = responses.get(status)
                if existing is None:
                    responses[status] = json.loads(json.dumps(response))
                else:
                    existing["description"] = existing.get("description", "") + "; or: " + response["description"]
            for response in responses.values():
                response.setdefault("headers", {})[IDEMPOTENCY_HEADER] = dict(ECHO)
            op["x-idempotent"] = True
            if (method.upper(), path) in grace_operations:
                op["x-consent-grace-hours"] = grace_hours
                op["description"] = (op.get("description", "") + f"\n\nMay arrive from a counter's queue: accepted "
                                     f"up to {grace_hours} h after the `{CONSENT_HEADER}` consent expired.").strip()
            if path.startswith(UPLOADS_PATH) and method == "post":
                op["description"] = ("tus creation. `Upload-Metadata` must hold `filename`, `filetype` and `sha256` "
                                     "(base64, as tus defines). With an `Idempotency-Key`, a repeat returns the same "
                                     "`Location` (and `Idempotent-Replayed: true`): the upload may already hold "
                                     "bytes, so ask its offset with HEAD before sending.")
            if path.endswith("/from-upload"):
                op["description"] = ((op.get("description") or "") + "\n\nThe completed upload's size and SHA-256 "
                                     "must equal the body's `size` and `sha256`, or `422 file_hash` (send the file "
                                     "again from byte 0 on a new upload); `409 upload_incomplete` while bytes are "
                                     "missing.").strip()
    return spec


def grace_operations(app) -> set[tuple[str, str]]:
    """(METHOD, path) of the routes whose consent may be up to a day old (queued writes)."""
    found = set()

    def walk(dependant) -> bool:
        for dep in dependant.dependencies:
            if getattr(dep.call, "__name__", "") == "citizen_consent_for_queued_write" or walk(dep):
                return True
        return False

    for route in app.routes:
        dependant = getattr(route, "dependant", None)
        if dependant is not None and walk(dependant):
            for method in route.methods:
                found.add((method, route.path))
    return found


def install(app, grace_hours: int) -> None:
    """The app's ``/openapi.json`` carries the documented rules too."""
    plain = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = document(plain(), grace_operations(app), grace_hours)
        return app.openapi_schema

    app.openapi = openapi


def openapi_json() -> str:
    from kiosk.sandbox.app import create_app
    from kiosk.sandbox.db import Database

    db = Database(":memory:")
    try:
        spec = create_app(db).openapi()
    finally:
        db.close()
    return json.dumps(spec, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
