#!/usr/bin/env bash
# One set-up for every entry point (./run, ./test, .ci/run, the bundle build).
# Usage: scripts/setup.sh [run|test|bundle|bench]
# Installs what is missing, and only that: Debian libraries Qt (and, for tests, printing/PDF tooling)
# need, a virtual environment in .venv with the hashed lock file, the project itself (editable), and the
# compiled Persian translation. Safe to run again: each step checks before it acts.
set -euo pipefail
purpose=${1:-run}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
say() { printf '[setup] %s\n' "$*" >&2; }

# --- Debian libraries -------------------------------------------------------------------------
# What Qt's xcb/wayland/offscreen platforms load at run time (ldd of the plugins on a bare machine).
deb_qt=(libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libxkbcommon0 libx11-6
        libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
        libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 libcups2
        libwayland-client0 libwayland-cursor0 libwayland-egl1)
# Tests: PDF rendering, a display, a spooler, a QR decoder, and the Linux counter session (cage, the
# single-application Wayland compositor, nested in Xvfb; grim and xdotool look at it and press its keys).
deb_test=(poppler-utils xvfb xauth cups cups-client printer-driver-cups-pdf zbar-tools cage xwayland grim xdotool)
deb_bench=(chromium)  # the start-up baseline: headless Chromium painting the same first screen
wanted=("${deb_qt[@]}")
case "$purpose" in
  test|bundle) wanted+=("${deb_test[@]}") ;;
  bench) wanted+=("${deb_test[@]}" "${deb_bench[@]}") ;;
esac
missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == *"ok installed"* ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then sudo_cmd=(sudo); else
      say "not root and no sudo: please install ${missing[*]} with apt-get"; exit 1; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq >&2
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# --- A real print spooler for the tests: CUPS with a cups-pdf printer named KioskPDF -----------------
if [[ $purpose == test && $(id -u) -eq 0 ]] && command -v lpadmin >/dev/null; then
  if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    say "starting the CUPS scheduler"
    /usr/sbin/cupsd || say "cupsd did not start: the spooler test will be skipped"
    for _ in 1 2 3 4 5 6 7 8 9 10; do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.5; done
  fi
  if lpstat -r 2>/dev/null | grep -q "is running" && ! lpstat -p KioskPDF >/dev/null 2>&1; then
    say "adding the KioskPDF test printer (cups-pdf)"
    lpadmin -p KioskPDF -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd -E 2>/dev/null || true
  fi
fi

# --- Python environment -----------------------------------------------------------------------
py=${KIOSK_PYTHON:-}
if [[ -z "$py" ]]; then
  for c in python3.11 python3; do
    if command -v "$c" >/dev/null && "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      py=$c; break; fi
  done
fi
[[ -n "$py" ]] || { say "Python 3.11 is required (set KIOSK_PYTHON to its path)"; exit 1; }

venv=$root/.venv
if [[ ! -x $venv/bin/python ]]; then
  say "creating virtual environment in .venv"
  "$py" -m venv "$venv"
fi
if [[ ! -x $venv/bin/uv ]]; then
  say "installing the installer (uv, hash-pinned)"
  "$venv/bin/python" -m pip install -q --require-hashes --no-deps -r requirements/bootstrap.txt
fi
stamp=$venv/.kiosk-lock-sha
want_sha=$( (cat requirements/lock.txt pyproject.toml; echo compile-bytecode) | sha256sum | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want_sha" ]]; then
  say "installing pinned Python packages (requirements/lock.txt)"
  export UV_PYTHON_DOWNLOADS=never
  # Compiled to bytecode once, here, as pip would: this machine's PYTHONDONTWRITEBYTECODE would otherwise
  # have every start compile FastAPI, pydantic and PySide6's Python parts again (0.4 s of each start).
  VIRTUAL_ENV=$venv "$venv/bin/uv" pip sync -q --require-hashes --compile-bytecode --python "$venv/bin/python" \
    requirements/lock.txt
  VIRTUAL_ENV=$venv "$venv/bin/uv" pip install -q --no-deps --no-build-isolation --python "$venv/bin/python" -e .
  echo "$want_sha" > "$stamp"
fi

# --- Build steps ------------------------------------------------------------------------------
# The kiosk's own modules as bytecode too (only what changed since the last run is compiled again).
"$venv/bin/python" -m compileall -q -j0 kiosk >/dev/null
# The Persian translation is compiled from its source (.ts) and never committed as a binary.
ts=translations/fa/kiosk_fa.ts
qm=translations/fa/kiosk_fa.qm
if [[ ! -f $qm || $ts -nt $qm ]]; then
  "$venv/bin/pyside6-lrelease" -silent "$ts" -qm "$qm" >&2
fi
