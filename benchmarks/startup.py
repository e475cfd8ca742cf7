"""Start-up to the first painted screen: the kiosk (`python -m kiosk --training --exit-after-start`)
against a baseline measured in the same run — a bare PySide6 window painting one label.

Prints JSON lines {"metric", "value", "unit"}. Usage: .venv/bin/python benchmarks/startup.py [runs]
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BASELINE = r"""
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
def age():
    f = open('/proc/self/stat', 'rb').read().rsplit(b')', 1)[1].split()
    up = float(open('/proc/uptime').read().split()[0])
    return (up - int(f[19]) / os.sysconf('SC_CLK_TCK')) * 1000
app = QApplication([])
class L(QLabel):
    done = False
    def paintEvent(self, e):
        super().paintEvent(e)
        if not self.done:
            self.done = True
            print(f'ready in {age():.0f} ms', flush=True)
            QTimer.singleShot(0, app.quit)
w = L('سلام'); w.show(); app.exec()
"""


def run(cmd: list[str], env: dict) -> tuple[float, float | None]:
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120).stdout
    ready = float(re.search(r"^ready in (\d+) ms", out, re.M).group(1))
    server = re.search(r"^server ready in (\d+) ms", out, re.M)
    return ready, float(server.group(1)) if server else None


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit}), flush=True)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    tmp = Path(tempfile.mkdtemp())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp / "d"),
               XDG_STATE_HOME=str(tmp / "s"), XDG_CONFIG_HOME=str(tmp / "c"))
    kiosk = [sys.executable, "-m", "kiosk", "--training", "--training-db", str(tmp / "t.sqlite3"),
             "--exit-after-start"]
    baseline = [sys.executable, "-c", BASELINE]
    run(kiosk, env)  # warm the page cache and create the training database once
    run(baseline, env)
    k_paint, k_server, b_paint = [], [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        p, s = run(kiosk, env)
        k_paint.append(p)
        k_server.append(s)
        b_paint.append(run(baseline, env)[0])
    kp, bp = statistics.median(k_paint), statistics.median(b_paint)
    emit("startup_first_paint_warm_median", kp, "ms")
    emit("startup_server_ready_warm_median", statistics.median(k_server), "ms")
    emit("baseline_bare_pyside6_first_paint_median", bp, "ms")
    emit("startup_first_paint_ratio_to_bare_pyside6", kp / bp, "x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
