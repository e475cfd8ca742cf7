"""Runs every benchmark and writes benchmarks/RESULTS.md with the date, the machine and each figure
against its goal. One command: `scripts/bench.sh` (it installs Chromium for the start-up baseline and
builds the bundle first), or `.venv/bin/python benchmarks/run_all.py` when both are in place.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCRIPTS = [("startup.py", ["5"]), ("memory.py", []), ("recompute.py", []), ("uploads.py", []), ("reconnect.py", []),
           ("printing.py", []),
           ("kills.py", ["--long"]), ("conformance.py", [])]
# metric → (goal, "le" when the figure must be at most the goal, "ge" at least)
GOALS = {
    "startup_first_paint_warm_median": (500, "le"), "bundle_first_paint_warm_median": (500, "le"),
    # issue 17: close to a bare PySide6 window with the same widgets, and sign-in ready within a second
    "startup_first_paint_ratio_to_bare_pyside6": (1.3, "le"), "bundle_first_paint_ratio_to_bare_pyside6": (1.3, "le"),
    "startup_first_paint_ratio_to_chromium": (0.4, "le"), "bundle_first_paint_ratio_to_chromium": (0.4, "le"),
    "training_signin_ready_warm_median": (1000, "le"),
    "rss_after_full_intake": (150, "le"), "recompute_gui_p95": (5, "le"),
    "upload_throughput_ratio_to_link": (0.9, "ge"), "upload_resent_after_cut_in_chunks": (1, "le"),
    "gui_longest_stall": (50, "le"), "outbox_drain_after_reconnect_max": (2, "le"), "permit_pdf_warm": (50, "le"),
    "bundle_live_size": (100, "le"), "bundle_live_compressed": (40, "le"),
    # 27 since the tus router's trailing-slash alias of upload creation is no longer served (not in the contract)
    "kiosk_kills": (200, "ge"), "server_kills": (50, "ge"), "answer_cut_operations": (27, "ge"),
    **{m: (0, "le") for m in ("kiosk_kill_lost", "kiosk_kill_duplicated", "server_kill_lost", "server_kill_duplicated",
                              "body_cut_lost", "body_cut_duplicated", "answer_cut_duplicates")},
    "generated_requests": (50_000, "ge"),
    **{m: (0, "le") for m in ("server_errors", "contract_violations", "requests_not_sent", "checks_failed",
                              "checks_not_run", "cross_clerk_reads_or_writes")},
}


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    mem = next((int(ln.split()[1]) // 1024 // 1024 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), 0)
    try:
        import PySide6

        qt = PySide6.__version__
    except ImportError:
        qt = "?"
    distro = next((ln.split("=", 1)[1].strip('"') for ln in Path("/etc/os-release").read_text().splitlines()
                   if ln.startswith("PRETTY_NAME")), platform.platform())
    return (f"{cpu}, {os.cpu_count()} cores, {mem} GiB RAM; {distro}; Python {platform.python_version()}, "
            f"PySide6 {qt}")


def bundle_sizes() -> list[dict]:
    """Each built bundle's size on disk and as the zip archive an update would carry (deflate, level 9)."""
    from scripts.bundle_size import compressed_mb, disk_mb

    rows = []
    for name, label in (("kiosk", "live"), ("kiosk-training", "training")):
        bundle = ROOT / "dist" / name
        if bundle.exists():
            rows.append({"metric": f"bundle_{label}_size", "value": round(disk_mb(bundle), 1), "unit": f"MB (dist/{name})"})
            rows.append({"metric": f"bundle_{label}_compressed", "value": round(compressed_mb(bundle), 1),
                         "unit": "MB (zip, deflate 9)"})
    return rows


def verdict(metric: str, value: float) -> str:
    if metric not in GOALS:
        return ""
    goal, way = GOALS[metric]
    ok = value <= goal if way == "le" else value >= goal
    return ("✅ " if ok else "❌ ") + ("≤ " if way == "le" else "≥ ") + f"{goal:g}"


def write_section(title: str, rows: list[dict]) -> None:
    """Puts one script's figures into benchmarks/RESULTS.md, in place of its earlier section (or at the end)."""
    import re

    path = ROOT / "benchmarks" / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    section = [f"## {title}", "", f"Measured {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {machine()}.", "",
               "| metric | value | unit | goal |", "|---|---|---|---|"]
    for r in rows:
        value = json.dumps(r["value"], ensure_ascii=False) if isinstance(r["value"], dict) else r["value"]
        section.append(f"| {r['metric']} | {value} | {r['unit']} | "
                       f"{verdict(r['metric'], r['value']) if not isinstance(r['value'], dict) else ''} |")
    block = "\n".join(section)
    name = title.split()[0]
    pattern = re.compile(rf"## {re.escape(name)}.*?(?=\n## |\Z)", re.S)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    print(f"[bench] wrote the {name} section of benchmarks/RESULTS.md", file=sys.stderr)


def only(scripts: list[str]) -> int:
    """`run_all.py --only startup.py memory.py`: runs those and replaces their sections of RESULTS.md."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    arguments = dict(SCRIPTS)
    for script in scripts:
        proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *arguments.get(script, [])],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
        rows = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
        for row in rows:
            print(json.dumps(row, ensure_ascii=False), flush=True)
        if proc.returncode != 0:
            rows.append({"metric": "failed", "value": proc.returncode, "unit": proc.stderr.strip()[-200:]})
        write_section(script, rows)
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--only"]:
        return only(sys.argv[2:])
    results: list[tuple[str, list[dict]]] = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for script, args in SCRIPTS:
        print(f"[bench] {script}", file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=1800)
        rows = []
        for line in proc.stdout.splitlines():
            if line.startswith("{"):
                rows.append(json.loads(line))
                print(line, flush=True)
        if proc.returncode != 0:
            rows.append({"metric": "failed", "value": proc.returncode, "unit": proc.stderr.strip()[-200:]})
        results.append((script, rows))
    sizes = bundle_sizes()
    if sizes:
        results.append(("bundles (dist/kiosk, dist/kiosk-training)", sizes))
    lines = ["# Benchmark results", "",
             f"Measured {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {machine()}.", "",
             "Each script prints JSON lines; ratios are against a baseline measured in the same run. "
             "Regenerate with `scripts/bench.sh`.", ""]
    for script, rows in results:
        lines += [f"## {script}", "", "| metric | value | unit | goal |", "|---|---|---|---|"]
        for r in rows:
            if isinstance(r["value"], dict):
                lines.append(f"| {r['metric']} | {json.dumps(r['value'], ensure_ascii=False)} | {r['unit']} |  |")
            else:
                lines.append(f"| {r['metric']} | {r['value']} | {r['unit']} | {verdict(r['metric'], r['value'])} |")
        lines.append("")
    (ROOT / "benchmarks" / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("[bench] wrote benchmarks/RESULTS.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
