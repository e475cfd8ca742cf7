"""Generated requests: schemathesis over the contract the server serves.

Signed in as a clerk and with the citizen's consent on every request, schemathesis sends, for each operation,
examples from the contract, boundary values of every field (its *coverage* phase) and random valid and invalid
requests (*fuzzing*), and judges each answer: never a 5xx, the documented status codes, content types, headers
and body schemas, invalid requests refused, authentication enforced, 405 answers naming the allowed methods.

Operations that would end the run's own session are left out: signing out (its token is the run's) and moving
the training clock (the consent would expire). The behavioural checks cover both.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

CHECKS_ON = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
             "response_schema_conformance", "response_headers_conformance", "negative_data_rejection",
             "ignored_auth", "unsupported_method", "allow_header_conformance", "missing_required_header")
# positive_data_acceptance expects every schema-valid request to succeed; business rules (a national code's
# check digit, a parcel that exists) refuse most of them, rightly. The stateful checks need the stateful phase.
CHECKS_OFF = ("positive_data_acceptance", "use_after_free", "ensure_resource_availability",
              "object_level_authorization")
# The contract's refusals beyond schemathesis's defaults: 411/412 (tus: no length, wrong protocol version),
# 413 (larger than the route or upload allows), 414 (address too long).
REFUSALS = ["400", "401", "403", "404", "405", "406", "409", "411", "412", "413", "414", "415", "422", "428",
            "429", "5xx"]
MISSING_HEADER_REFUSALS = ["400", "401", "403", "406", "412", "415", "422"]
SKIPPED_OPERATIONS = ("/api/v1/auth/logout", "/api/v1/training/clock/advance")
SERVER_ERROR = "not_a_server_error"


class ContractUnavailable(Exception):
    """The server's /openapi.json could not be read or is not an OpenAPI document."""


@dataclass
class Failure:
    operation: str
    check: str
    title: str
    count: int
    curl: str
    status: int | None = None


@dataclass
class GeneratedResult:
    requests: int = 0
    operations: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the run could not send (network, serialization)
    seed: int | None = None

    @property
    def server_errors(self) -> int:
        return sum(f.count for f in self.failures if f.check == SERVER_ERROR)

    @property
    def violations(self) -> int:
        return sum(f.count for f in self.failures if f.check != SERVER_ERROR)


def config(token: str, consent: str, examples: int, workers: int, seed: int | None, phases: tuple[str, ...]):
    import schemathesis

    data = {
        "headers": {"Authorization": f"Bearer {token}", "X-Citizen-Consent": consent},
        "workers": workers,
        "continue-on-failure": True,
        "cache": {"enabled": False},  # each run judges the server afresh, and writes nothing where it runs
        "request-timeout": 30,
        "generation": {"max-examples": examples},
        "phases": {name: {"enabled": name in phases} for name in ("examples", "coverage", "fuzzing", "stateful")},
        "checks": {**{name: {"enabled": True} for name in CHECKS_ON},
                   **{name: {"enabled": False} for name in CHECKS_OFF},
                   "negative_data_rejection": {"enabled": True, "expected-statuses": REFUSALS},
                   "missing_required_header": {"enabled": True, "expected-statuses": MISSING_HEADER_REFUSALS}},
        "operations": [{"include-path": path, "enabled": False} for path in SKIPPED_OPERATIONS],
    }
    if seed is not None:
        data["seed"] = seed
    return schemathesis.Config.from_dict(data)


def _register_media_types() -> None:
    import schemathesis

    from kiosk.contract.tus import PATCH_TYPE

    try:
        schemathesis.serializer.alias(PATCH_TYPE, "application/octet-stream")  # tus PATCH bodies are bytes
    except ValueError:
        pass


def run_generated(base_url: str, token: str, consent: str, *, examples: int = 20, workers: int = 1,
                  seed: int | None = None, phases: tuple[str, ...] = ("examples", "coverage", "fuzzing"),
                  progress=None) -> GeneratedResult:
    """Runs schemathesis against ``base_url`` (its ``/openapi.json``) and sums up what it found."""
    import schemathesis
    from schemathesis import engine
    from schemathesis.engine import events

    _register_media_types()
    url = base_url.rstrip("/") + "/openapi.json"
    try:
        schema = schemathesis.openapi.from_url(url, config=config(token, consent, examples, workers, seed, phases))
    except Exception as exc:  # noqa: BLE001 - no contract to test against: said plainly, not as a traceback
        raise ContractUnavailable(f"{url}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") \
            from exc
    result = GeneratedResult()
    found: Counter = Counter()
    samples: dict[tuple, tuple[str, int | None]] = {}
    labels: set[str] = set()
    started = time.monotonic()
    for event in engine.from_schema(schema).execute():
        recorder = getattr(event, "recorder", None)
        if isinstance(event, (events.ScenarioFinished, events.FuzzScenarioFinished)) and recorder is not None:
            labels.add(recorder.label)
            result.requests += len(recorder.interactions)
            for case_id, nodes in recorder.checks.items():
                for node in nodes:
                    info = getattr(node, "failure_info", None)
                    if info is None:
                        continue
                    key = (recorder.label, node.name, info.failure.title)
                    found[key] += 1
                    if key not in samples:
                        response = recorder.find_response(case_id=case_id)
                        samples[key] = (info.code_sample, getattr(response, "status_code", None))
            if progress is not None:
                progress(result.requests)
        elif isinstance(event, events.NonFatalError):
            result.errors.append(f"{event.label}: {getattr(event.info, 'title', event.info)}")
        elif isinstance(event, events.FatalError):
            result.errors.append(f"fatal: {event.exception}")
        elif isinstance(event, events.EngineStarted):
            result.seed = getattr(schema.config, "seed", None)
    result.seconds = time.monotonic() - started
    result.operations = len(labels)
    result.failures = [Failure(label, check, title, count, _reproducible(samples[(label, check, title)][0]),
                               samples[(label, check, title)][1])
                       for (label, check, title), count in sorted(found.items())]
    return result


def _reproducible(code_sample: str) -> str:
    """schemathesis hides the token as ``[Filtered]``: shown as the shell variable the report explains."""
    line = code_sample.strip()
    line = line.replace("'Authorization: [Filtered]'", '"Authorization: Bearer $KIOSK_TOKEN"')
    # schemathesis hides the key too; a fresh one per repeat (the shell fills it in)
    return line.replace("'Idempotency-Key: [Filtered]'", '"Idempotency-Key: conformance-$(date +%s%N)"')
