"""Resident memory after a full intake: sign-in, one-time code, a new electronic file, the permit wizard
from parcel to a paid slip (the same flow as scripts/look.py, offscreen), against a baseline
measured in the same run — a bare PySide6 window. Goal (issue 17): ≤ 150 MB at a live counter.

Measured twice, each in a fresh process: with the municipal server in its own process (as at a live
counter: nothing of the sandbox, FastAPI or uvicorn is imported in the measured process) and with the
training server inside the kiosk's process, as the GUI tests run it (the kiosk's own training mode runs it
in a process of its own: kiosk/training.py).
Prints JSON lines {"metric", "value", "unit"}. Usage: .venv/bin/python benchmarks/memory.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
w = QLabel('سلام'); w.show()
QTimer.singleShot(300, app.quit); app.exec()
print([l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1])
"""


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 1), "unit": unit}, ensure_ascii=False), flush=True)


def intake(external: bool) -> float:
    """One full intake in this process; its resident memory afterwards."""
    import contextlib
    import io

    from scripts.look import run_until

    with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(io.StringIO()):
        run_until("14-permit-paid", tmp, external_server=external)
        return rss_mb()


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] in ("external", "inprocess"):
        print(intake(sys.argv[1] == "external"))
        return 0
    bare = int(subprocess.run([sys.executable, "-c", BARE], capture_output=True, text=True,
                              env=dict(os.environ)).stdout.split()[-1]) / 1024

    def child(mode: str) -> float:
        out = subprocess.run([sys.executable, __file__, mode], capture_output=True, text=True, env=dict(os.environ),
                             timeout=600).stdout.split()
        return float(out[-1])

    live = child("external")
    training = child("inprocess")
    emit("rss_after_full_intake", live, "MB (server in its own process, as at a live counter; goal ≤ 150)")
    emit("rss_after_full_intake_training", training, "MB (training server inside the measured process, as in the GUI tests)")
    emit("baseline_bare_pyside6_rss", bare, "MB")
    emit("rss_ratio_to_bare_pyside6", live / bare, "x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
