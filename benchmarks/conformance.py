"""The conformance kit's long run against a fresh sandbox, counted: generated requests, server errors, answers
outside the contract, and the behavioural checks (the ownership ones count cross-clerk reads or writes).

    .venv/bin/python benchmarks/conformance.py            # the long run (kiosk conformance --long)
    .venv/bin/python benchmarks/conformance.py --write    # and the figures into benchmarks/RESULTS.md
    .venv/bin/python benchmarks/conformance.py --examples 20   # shorter

Goals: ≥ 50,000 generated requests; 0 server errors, 0 contract violations, every check run and passed,
0 cross-clerk reads or writes.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.conformance.run import LONG_EXAMPLES, Options, run  # noqa: E402
from tests.killharness import SandboxProcess, free_port  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=LONG_EXAMPLES)
    parser.add_argument("--write", action="store_true", help="put the figures into benchmarks/RESULTS.md")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        server = SandboxProcess(Path(tmp) / "sandbox.sqlite3", free_port())
        server.start()
        try:
            report = run(Options(server=server.url, examples=args.examples))
        finally:
            server.stop()
    g = report.generated
    outcomes = report.outcomes
    rows = []
    for metric, value, unit in (
            ("generated_requests", g.requests, f"requests over {g.operations} operations "
                                               f"({args.examples} examples per operation and phase)"),
            ("generated_time", round(g.seconds), "s"),
            ("server_errors", g.server_errors, "5xx answers"),
            ("contract_violations", g.violations, "answers outside the contract"),
            ("requests_not_sent", len(g.errors), "requests schemathesis could not send"),
            ("checks_passed", sum(o.status == "passed" for o in outcomes), f"of {len(outcomes)} behavioural checks"),
            ("checks_failed", sum(o.status == "failed" for o in outcomes), "behavioural checks"),
            ("checks_not_run", sum(o.status == "not run" for o in outcomes), "behavioural checks"),
            ("cross_clerk_reads_or_writes", sum(o.status != "passed" for o in outcomes
                                                if o.id.startswith(("ownership.", "consent.bound",
                                                                    "idempotency.operator"))),
             "ownership checks not passed (uploads, receipts, tracking view, consents, replays)"),
            ("conformance_wall_time", round(time.monotonic() - started), "s")):
        row = {"metric": metric, "value": value, "unit": unit}
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    if report.failed:
        print(report.to_text(), file=sys.stderr)
    if args.write:
        from benchmarks.run_all import write_section

        write_section("conformance.py (kiosk conformance --long against the sandbox)", rows)
    return report.exit_code()


if __name__ == "__main__":
    sys.exit(main())
