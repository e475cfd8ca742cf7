"""Nothing lost, nothing twice — counted: SIGKILLs of the kiosk's outbox, SIGKILLs of the server (frozen at
the first byte of an answer, after its commit, and at random moments), bodies cut half-way, and the answer
cut after the commit on every mutating operation of the contract. Each figure is a JSON line.

    .venv/bin/python benchmarks/kills.py            # quick: 25 kiosk kills, 6 server kills, 10 cut bodies
    .venv/bin/python benchmarks/kills.py --long     # ≥ 200 kiosk kills, ≥ 50 server kills, 60 cut bodies
    .venv/bin/python benchmarks/kills.py --long --write   # and the figures into benchmarks/RESULTS.md

Goals: 0 lost, 0 duplicated everywhere; the kills must land where it hurts (the figures say where).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.killharness import SandboxProcess, body_cuts, free_port, kiosk_kills, server_kills  # noqa: E402


def emit(rows: list, metric: str, value, unit: str) -> None:
    row = {"metric": metric, "value": value, "unit": unit}
    rows.append(row)
    print(json.dumps(row, ensure_ascii=False), flush=True)


def answer_cuts() -> tuple[int, int]:
    """(operations checked, operations that did something twice) from the answer-cut matrix."""
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/integration/test_answer_cuts.py"], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=1200)
    passed = int(m.group(1)) if (m := re.search(r"(\d+) passed", proc.stdout)) else 0
    failed = int(m.group(1)) if (m := re.search(r"(\d+) failed", proc.stdout)) else 0
    return passed - 1, failed  # one test checks that every operation has a scenario


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--long", action="store_true")
    parser.add_argument("--write", action="store_true", help="put the figures into benchmarks/RESULTS.md")
    args = parser.parse_args()
    kiosk_n, server_n, cut_n = (200, 50, 60) if args.long else (25, 6, 10)
    rows: list = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        server = SandboxProcess(tmp / "sandbox.sqlite3", free_port())
        server.start()
        try:
            k = kiosk_kills(server.url, server.db_path, tmp / "k", kills=kiosk_n)
            c = body_cuts("127.0.0.1", server.port, server.db_path, tmp / "c", cuts=cut_n)
        finally:
            server.stop()
        s = server_kills(tmp / "s", kills=server_n)
    checked, doubled = answer_cuts()
    for metric, value, unit in (
            ("kiosk_kills", k["kiosk_kills"], "SIGKILLs of the outbox process"),
            ("kiosk_kill_requests", k["requests_queued"], "requests queued across the runs (none re-added)"),
            ("kiosk_kill_moments", k["kills_by_moment"], "where the kills landed"),
            ("kiosk_kill_lost", k["lost"], "requests"), ("kiosk_kill_duplicated", k["duplicated"], "requests"),
            ("server_kills", s["server_kills"], "SIGKILLs of the server (after SIGSTOP)"),
            ("server_kill_moments", s["kills_by_moment"], "where the kills landed"),
            ("server_kill_requests", s["requests_queued"], "requests"),
            ("server_kill_lost", s["lost"], "requests"), ("server_kill_duplicated", s["duplicated"], "requests"),
            ("bodies_cut_half_way", c["bodies_cut"], "requests whose body was cut mid-way"),
            ("body_cut_lost", c["lost"], "requests"), ("body_cut_duplicated", c["duplicated"], "requests"),
            ("answer_cut_operations", checked, "mutating operations of the contract, answer cut after commit"),
            ("answer_cut_duplicates", doubled, "operations done twice")):
        emit(rows, metric, value, unit)
    emit(rows, "kills_wall_time", round(time.monotonic() - started), "s")
    if args.write:
        from benchmarks.run_all import write_section

        write_section(f"kills.py{' --long' if args.long else ''}", rows)
    bad = k["lost"] + k["duplicated"] + s["lost"] + s["duplicated"] + c["lost"] + c["duplicated"] + doubled
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
