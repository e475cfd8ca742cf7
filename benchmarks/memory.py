"""Resident memory after a full intake: sign-in, one-time code, a new electronic file, the permit wizard
from parcel to a paid slip (the same flow as scripts/screenshots.py, offscreen), against a baseline
measured in the same run — a bare PySide6 window. Goal (issue 8): ≤ 200 MB.
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


def main() -> int:
    bare = int(subprocess.run([sys.executable, "-c", BARE], capture_output=True, text=True,
                              env=dict(os.environ)).stdout.split()[-1]) / 1024
    from scripts.screenshots import run_until

    with tempfile.TemporaryDirectory() as tmp:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            run_until("14-permit-paid", tmp)
        after = rss_mb()
    emit("rss_after_full_intake", after, "MB (goal ≤ 200; includes the in-process training server)")
    emit("baseline_bare_pyside6_rss", bare, "MB")
    emit("rss_ratio_to_bare_pyside6", after / bare, "x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
