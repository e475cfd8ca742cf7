"""The ``kiosk conformance`` command line. Imports nothing heavy until it runs: ``kiosk`` parses its arguments
before the first screen is painted."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

EXAMPLES = 20  # per operation and phase: about 3,000 requests against the sandbox
LONG_EXAMPLES = 1500  # --long: more than 50,000 requests (against the sandbox 400 gave 17,780, 1200 gave 48,982)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", metavar="URL", required=True, help="the server's address (its /openapi.json "
                        "is read from there)")
    parser.add_argument("--user", metavar="NAME[:PASSWORD]",
                        help="a clerk's account; without the password it is asked for (training: clerk1)")
    parser.add_argument("--other", metavar="NAME[:PASSWORD]",
                        help="a clerk of another district, for the ownership checks (training: clerk3)")
    parser.add_argument("--supervisor", metavar="NAME[:PASSWORD]",
                        help="a supervisor of the first clerk's district (training: super1)")
    parser.add_argument("--citizen", metavar="NATIONAL_CODE:MOBILE",
                        help="a test citizen whose phone receives the one-time codes (training: the seeded one)")
    parser.add_argument("--parcel", action="append", default=[], metavar="RENOVATION_CODE",
                        help="a test parcel a permit may be filed on (repeatable; training: the fixed parcels)")
    parser.add_argument("--examples", type=int, default=None,
                        help=f"generated examples per operation and phase (default {EXAMPLES})")
    parser.add_argument("--long", action="store_true",
                        help=f"the long run: {LONG_EXAMPLES} examples per operation and phase (>50,000 requests)")
    parser.add_argument("--workers", type=int, default=1, help="parallel generated requests (default 1)")
    parser.add_argument("--seed", type=int, help="repeat a run's generated requests")
    parser.add_argument("--checks-only", action="store_true", help="only the behavioural checks")
    parser.add_argument("--check", action="append", metavar="ID",
                        help="only this behavioural check (repeatable; the report lists their ids)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the report as JSON")


class UsageError(Exception):
    pass


def _account(value: str | None, what: str):
    from kiosk.conformance.checks import Account

    if value is None:
        return None
    name, sep, password = value.partition(":")
    if not name:
        raise UsageError(f"{what}: expected NAME or NAME:PASSWORD")
    if not sep:
        password = getpass.getpass(f"password of {name}: ")
    return Account(name, password)


def _citizen(value: str | None):
    from kiosk.conformance.checks import Citizen

    if value is None:
        return None
    code, sep, mobile = value.partition(":")
    if not sep or not code or not mobile:
        raise UsageError(f"--citizen: expected NATIONAL_CODE:MOBILE, got {value!r}")
    return Citizen(code, mobile)


def main(args: argparse.Namespace) -> int:
    from kiosk.conformance.checks import CHECKS
    from kiosk.conformance.run import Options, SetupError, run

    try:
        unknown = sorted(set(args.check or ()) - {c.id for c in CHECKS})
        if unknown:
            raise UsageError(f"unknown check {', '.join(unknown)}; the checks are: "
                             + ", ".join(c.id for c in CHECKS))
        options = Options(
            server=args.server, user=_account(args.user, "--user"), other=_account(args.other, "--other"),
            supervisor=_account(args.supervisor, "--supervisor"), citizen=_citizen(args.citizen),
            parcels=args.parcel, examples=args.examples or (LONG_EXAMPLES if args.long else EXAMPLES),
            workers=args.workers, seed=args.seed, generated=not args.checks_only,
            checks=set(args.check) if args.check else None)

        def progress(count: int) -> None:
            print(f"\r{count} requests", end="", file=sys.stderr, flush=True)

        report = run(options, progress=progress if sys.stderr.isatty() else None)
    except (SetupError, UsageError) as exc:
        print(f"conformance: {exc}", file=sys.stderr)
        return 2
    if sys.stderr.isatty():
        print(file=sys.stderr)
    sys.stdout.write(report.to_text())
    if args.json:
        args.json.write_text(report.to_json(), encoding="utf-8")
    return report.exit_code()
