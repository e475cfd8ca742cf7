"""Start-up to the first painted screen, warm and cold: the kiosk run from the venv
(`python -m kiosk --training --exit-after-start`) and from the frozen training bundle (dist/kiosk-training, if built),
against baselines measured in the same run — a bare PySide6 window with the sign-in screen's widgets (header,
two fields, a button, a status bar; right to left, in Vazirmatn), and headless Chromium (Debian's package)
painting the same first screen as an HTML form (benchmarks/form.html) to a screenshot. Goals (issues 8 and
17): ≤ 500 ms, ≤ 1.3 × the bare window and ≤ 0.4 × Chromium.

In training mode, "sign-in ready" is when the sign-in button is enabled because the training server (its
own process, started first: kiosk/training.py) has answered: goal ≤ 1.0 s after launch.

The kiosk reports its own process age at the first paint; Chromium is timed from spawn until its screenshot
is written (a paint, a PNG encode and its start-up: the browser's number includes a little more). Cold
runs drop the page cache first (needs root; skipped otherwise).

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
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (QApplication, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMainWindow,
                               QPushButton, QVBoxLayout, QWidget)
def age():
    f = open('/proc/self/stat', 'rb').read().rsplit(b')', 1)[1].split()
    up = float(open('/proc/uptime').read().split()[0])
    return (up - int(f[19]) / os.sysconf('SC_CLK_TCK')) * 1000
app = QApplication([])
app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
family = 'Vazirmatn'
for font in sorted(Path(sys.argv[1]).glob('Vazirmatn-*.ttf')):
    family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(font)))[0]
app.setFont(QFont(family, 12))
class W(QMainWindow):
    done = False
    def paintEvent(self, e):
        super().paintEvent(e)
        if not self.done:
            self.done = True
            print(f'ready in {age():.0f} ms', flush=True)
            QTimer.singleShot(0, app.quit)
w = W()
w.resize(1100, 700)
central = QWidget(); layout = QVBoxLayout(central)
header = QHBoxLayout(); header.addWidget(QLabel('شهرداری اصفهان — میز خدمت الکترونیک')); header.addStretch(1)
header.addWidget(QPushButton('اصالت سند')); layout.addLayout(header)
form = QFormLayout(); form.addRow('نام کاربری', QLineEdit()); password = QLineEdit()
password.setEchoMode(QLineEdit.EchoMode.Password); form.addRow('گذرواژه', password); layout.addLayout(form)
layout.addWidget(QPushButton('ورود')); layout.addStretch(1)
w.setCentralWidget(central); w.statusBar().showMessage('سرور: در حال اتصال…')
w.show(); app.exec()
"""


def run(cmd: list[str], env: dict) -> tuple[float, float | None]:
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120).stdout
    ready = float(re.search(r"^ready in (\d+) ms", out, re.M).group(1))
    server = re.search(r"^server ready in (\d+) ms", out, re.M)
    return ready, float(server.group(1)) if server else None


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit}, ensure_ascii=False), flush=True)


ROOT = Path(__file__).resolve().parents[1]


def chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(binary: str, tmp: Path) -> float:
    import time

    shot = tmp / "chromium.png"
    shot.unlink(missing_ok=True)
    t = time.perf_counter()
    subprocess.run([binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--no-first-run", f"--user-data-dir={tmp / 'chromium-profile'}", "--window-size=1100,760",
                    f"--screenshot={shot}", (ROOT / "benchmarks" / "form.html").as_uri()],
                   capture_output=True, timeout=120)
    elapsed = (time.perf_counter() - t) * 1000
    if not shot.exists():
        raise RuntimeError("chromium wrote no screenshot")
    return elapsed


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    tmp = Path(tempfile.mkdtemp())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp / "d"),
               XDG_STATE_HOME=str(tmp / "s"), XDG_CONFIG_HOME=str(tmp / "c"))
    kiosk = [sys.executable, "-m", "kiosk", "--training", "--training-db", str(tmp / "t.sqlite3"),
             "--exit-after-start"]
    bundle_exe = ROOT / "dist" / "kiosk-training" / "kiosk"
    bundle = [str(bundle_exe), "--training", "--training-db", str(tmp / "b.sqlite3"), "--exit-after-start"]
    have_bundle = bundle_exe.exists()
    browser = chromium()
    baseline = [sys.executable, "-c", BASELINE, str(ROOT / "resources" / "fonts")]

    # cold: nothing of any of them in the page cache
    if drop_caches():
        emit("startup_first_paint_cold", run(kiosk, env)[0], "ms (python -m kiosk)")
        if have_bundle and drop_caches():
            emit("bundle_first_paint_cold", run(bundle, env)[0], "ms")
        if browser and drop_caches():
            emit("chromium_form_painted_cold", run_chromium(browser, tmp), "ms")
    else:
        emit("cold_runs_skipped", 0, "not root: the page cache cannot be dropped")

    run(kiosk, env)  # warm the page cache and create the training database once
    run(baseline, env)
    if have_bundle:
        run(bundle, env)
    if browser:
        run_chromium(browser, tmp)
    k_paint, k_server, b_paint, f_paint, c_paint = [], [], [], [], []
    for _ in range(runs):  # interleaved, so all see the same machine load
        p, srv = run(kiosk, env)
        k_paint.append(p)
        k_server.append(srv)
        b_paint.append(run(baseline, env)[0])
        if have_bundle:
            f_paint.append(run(bundle, env)[0])
        if browser:
            c_paint.append(run_chromium(browser, tmp))
    kp, bp = statistics.median(k_paint), statistics.median(b_paint)
    emit("startup_first_paint_warm_median", kp, "ms (python -m kiosk; goal ≤ 500)")
    emit("training_signin_ready_warm_median", statistics.median(k_server),
         "ms after launch (training server answered; goal ≤ 1000)")
    emit("training_signin_ready_warm_max", max(k_server), "ms")
    emit("baseline_bare_pyside6_signin_first_paint_median", bp, "ms (the sign-in screen's widgets, RTL, Vazirmatn)")
    emit("startup_first_paint_ratio_to_bare_pyside6", kp / bp, "x (goal ≤ 1.3)")
    if have_bundle:
        fp = statistics.median(f_paint)
        emit("bundle_first_paint_warm_median", fp, "ms (goal ≤ 500)")
        emit("bundle_first_paint_ratio_to_bare_pyside6", fp / bp, "x (goal ≤ 1.3)")
    else:
        emit("bundle_missing", 0, "build it with scripts/build_bundle.sh")
    if browser:
        cp = statistics.median(c_paint)
        emit("chromium_form_painted_warm_median", cp, "ms (headless, to screenshot)")
        emit("startup_first_paint_ratio_to_chromium", kp / cp, "x (goal ≤ 0.4)")
        if have_bundle:
            emit("bundle_first_paint_ratio_to_chromium", statistics.median(f_paint) / cp, "x (goal ≤ 0.4)")
    else:
        emit("chromium_missing", 0, "scripts/setup.sh bench installs Debian's chromium")
    return 0


if __name__ == "__main__":
    sys.exit(main())
