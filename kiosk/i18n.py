"""Persian text without Qt (the sandbox's messages, printed documents), read from the translation source.

One catalogue (translations/fa/kiosk_fa.ts) serves both: the kiosk loads the compiled .qm through Qt, the
sandbox (which must not depend on Qt) reads the XML source here.
"""

from __future__ import annotations

import functools
from pathlib import Path

from kiosk.paths import translation_file


class Catalog:
    def __init__(self, entries: dict[tuple[str, str], str]):
        self._entries = entries

    @classmethod
    def load(cls, path: Path) -> "Catalog":
        entries: dict[tuple[str, str], str] = {}
        if path.exists():
            import xml.etree.ElementTree as ET  # the first Persian sentence outside Qt, not the start, pays it

            root = ET.parse(path).getroot()
            for ctx in root.iter("context"):
                name = ctx.findtext("name") or ""
                for msg in ctx.iter("message"):
                    source = msg.findtext("source") or ""
                    tr = msg.find("translation")
                    if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") or not tr.text:
                        continue
                    entries[(name, source)] = tr.text
        return cls(entries)

    def translate(self, context: str, text: str) -> str:
        return self._entries.get((context, text), text)


@functools.lru_cache(maxsize=1)
def persian() -> Catalog:
    return Catalog.load(translation_file("fa", ".ts"))
