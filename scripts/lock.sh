#!/usr/bin/env bash
# Re-pin requirements/lock.txt (hashed) after changing pyproject.toml's dependencies.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh run >/dev/null
UV_PYTHON_DOWNLOADS=never .venv/bin/uv pip compile pyproject.toml --extra dev --generate-hashes \
  --python-version 3.11 --python-platform x86_64-manylinux_2_36 --no-header -o requirements/lock.txt
