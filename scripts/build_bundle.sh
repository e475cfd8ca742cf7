#!/usr/bin/env bash
# Build the one-folder bundle in dist/kiosk (no Python needed on the counter PC), then report its size.
# Usage: scripts/build_bundle.sh   → dist/kiosk/kiosk --training
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/setup.sh bundle
rm -rf dist/kiosk
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/work build/kiosk.spec
du -sm dist/kiosk | awk '{print "[bundle] dist/kiosk: " $1 " MB"}' >&2
