#!/usr/bin/env bash
# All benchmarks in one command: sets up (Chromium for the start-up baseline), builds the bundle, runs every
# script in benchmarks/ and writes benchmarks/RESULTS.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/setup.sh bench
[[ -x dist/kiosk/kiosk && -x dist/kiosk-training/kiosk ]] || scripts/build_bundle.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python benchmarks/run_all.py
