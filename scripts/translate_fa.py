"""Fills unfinished Persian entries of translations/fa/kiosk_fa.ts from a table (context, English) → Persian.

Usage: .venv/bin/python scripts/translate_fa.py TABLE.json — the table is a JSON list of
[context, source, translation]. Entries not in the table stay unfinished (the translation test then fails,
as it should). Run it after scripts/i18n.sh has added the new strings as unfinished.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "translations" / "fa" / "kiosk_fa.ts"


def main(table_path: str) -> int:
    table = {(c, s): t for c, s, t in json.loads(Path(table_path).read_text(encoding="utf-8"))}
    tree = ET.parse(TS)
    filled = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            key = (name, msg.findtext("source"))
            if tr is not None and tr.get("type") == "unfinished" and key in table:
                tr.text = table[key]
                del tr.attrib["type"]
                filled += 1
    ET.indent(tree, space="    ")  # the layout the file has always had (small diffs)
    text = ET.tostring(tree.getroot(), encoding="unicode")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + text + "\n", encoding="utf-8")
    print(f"filled {filled} of {len(table)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
