"""``kiosk conformance``: sign in, obtain the consents, run the generated requests and the behavioural checks,
print the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.conformance.checks import (
    Account, Citizen, Clerk, Context, NotRun, run_checks, training_code, typed_code,
)
from kiosk.conformance.cli import EXAMPLES, LONG_EXAMPLES  # noqa: F401 - benchmarks/conformance.py reads them
from kiosk.conformance.report import Report

# The training sandbox's accounts, citizen and test parcels (README, "Training accounts"): the defaults when the
# server says it is a training server. A real server's are given on the command line.
TRAINING = {"user": Account("clerk1", "amoozesh-1"), "other": Account("clerk3", "amoozesh-3"),
            "supervisor": Account("super1", "amoozesh-s"), "citizen": Citizen("0499370899", "09131234567"),
            "parcels": ["8-15-30", "12-7-9", "3-42-117"]}


@dataclass
class Options:
    server: str
    user: Account | None = None
    other: Account | None = None
    supervisor: Account | None = None
    citizen: Citizen | None = None
    parcels: list[str] = field(default_factory=list)
    examples: int = EXAMPLES
    workers: int = 1
    seed: int | None = None
    generated: bool = True
    checks: set[str] | None = None
    prompt: object = None  # asks a person for a one-time code on a real server


class SetupError(Exception):
    pass


def run(options: Options, progress=None) -> Report:
    from kiosk.api_client import ApiError, ApiSession, KioskApi

    base = options.server.rstrip("/")
    try:
        health = KioskApi(ApiSession(base, get_retries=2)).health()
    except ApiError as exc:
        raise SetupError(f"{base}: {exc}") from exc
    defaults = TRAINING if health.training else {}
    user = options.user or defaults.get("user")
    other = options.other or defaults.get("other")
    citizen = options.citizen or defaults.get("citizen")
    if user is None or other is None or citizen is None:
        raise SetupError("a real server needs --user, --other and --citizen (see kiosk conformance --help)")
    supervisor_account = options.supervisor or defaults.get("supervisor")
    try:
        clerk = Clerk(base, user, "clerk")
        second = Clerk(base, other, "other")
        supervisor = Clerk(base, supervisor_account, "supervisor") if supervisor_account else None
    except NotRun as exc:
        raise SetupError(exc.message.format(**exc.params)) from exc
    if health.training:
        source = training_code
    else:
        source = typed_code(options.prompt or (lambda who: input(f"one-time code sent for {who}: ").strip()))
    ctx = Context(base, clerk, second, citizen, source, supervisor=supervisor,
                  parcels=options.parcels or defaults.get("parcels", []))
    try:  # before the generated requests, which may exhaust the citizen's one-time codes for the hour
        ctx.consent(clerk)
        ctx.consent(second)
    except (ApiError, NotRun) as exc:
        raise SetupError(f"no consent of the test citizen {citizen.national_code}: {exc}") from exc
    generated = None
    if options.generated:
        from kiosk.conformance.generated import ContractUnavailable, run_generated

        try:
            generated = run_generated(base, clerk.token, ctx.consent(clerk), examples=options.examples,
                                      workers=options.workers, seed=options.seed, progress=progress)
        except ContractUnavailable as exc:
            raise SetupError(f"the server's contract could not be read: {exc}") from exc
    outcomes = run_checks(ctx, options.checks)
    return Report(base, health.api_version, health.training, generated, outcomes)
