"""The conformance kit: what a municipality runs against its server before pointing counters at it.

``kiosk conformance --server URL --user … --password …`` runs, against any server that claims to speak the
kiosk's contract (``docs/api/openapi.json``):

- **generated requests** (:mod:`.generated`): schemathesis, property-based, over every operation of the
  contract the server serves, signed in as a clerk and with a citizen's consent: no answer may be a 5xx, and
  every answer must match the contract (status, headers, content type, body schema, the one ErrorBody);
- **behavioural checks** (:mod:`.checks`): the rules the kiosk relies on and a schema cannot state —
  idempotent replay and its binding to the operator, the body that did not arrive whole, consent rules, tus
  resume and offsets, the file hash, the error shape, who may read and cancel what.

Each failure is reported in Persian and English with a ``curl`` line that repeats it (:mod:`.report`). The kit
is a client: it shares only the wire contract (``kiosk.contract``) with the sandbox, and uses the kiosk's own
API client for the steps that set a check up.
"""
