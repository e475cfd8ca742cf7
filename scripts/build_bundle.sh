#!/usr/bin/env bash
# Build the one-folder bundles (no Python needed on the counter PC), then report their sizes:
#   dist/kiosk/            the live counter's kiosk: no training server, sandbox, FastAPI or training key
#   dist/kiosk-training/   the same kiosk with its training server, for classes: dist/kiosk-training/kiosk --training
# Usage: scripts/build_bundle.sh [live] [training]   (both when none is named)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/setup.sh bundle
flavours=("$@")
[[ ${#flavours[@]} -gt 0 ]] || flavours=(live training)
for flavour in "${flavours[@]}"; do
  case $flavour in
    live) name=kiosk ;;
    training) name=kiosk-training ;;
    *) echo "[bundle] unknown bundle '$flavour': live or training" >&2; exit 2 ;;
  esac
  rm -rf "dist/$name"
  KIOSK_BUNDLE=$flavour .venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
    --workpath "build/work-$flavour" build/kiosk.spec
  du -sm "dist/$name" | awk -v f="$flavour" '{print "[bundle] " f ": " $2 " " $1 " MB"}' >&2
done
