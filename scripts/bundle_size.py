"""A bundle's size on disk and compressed (the zip an update carries): shared by the bundle test and the
benchmarks. Usage: .venv/bin/python scripts/bundle_size.py dist/kiosk"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path


def files(bundle: Path):
    return sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def disk_mb(bundle: Path) -> float:
    return sum(p.stat().st_size for p in files(bundle)) / 2**20


def compressed_mb(bundle: Path) -> float:
    """Deflated at level 9 into a zip counted as it is written (nothing is kept on disk)."""

    class Counter:
        size = 0

        def write(self, data) -> int:
            self.size += len(data)
            return len(data)

        def flush(self) -> None:
            pass

    out = Counter()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files(bundle):
            archive.write(path, path.relative_to(bundle).as_posix())
    return out.size / 2**20


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        print(f"{folder}: {disk_mb(Path(folder)):.1f} MB on disk, {compressed_mb(Path(folder)):.1f} MB zipped")
