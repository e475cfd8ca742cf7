#!/usr/bin/env bash
# Refresh translations/fa/kiosk_fa.ts from the source (keeps existing translations, marks new strings
# unfinished). Then translate the unfinished entries (Qt Linguist, or any editor) and run ./test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t sources < <(git ls-files 'kiosk/*.py'; git ls-files --others --exclude-standard 'kiosk/*.py')
.venv/bin/pyside6-lupdate -locations none -no-obsolete "${sources[@]}" -ts translations/fa/kiosk_fa.ts
