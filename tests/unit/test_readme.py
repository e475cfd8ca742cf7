"""The README stays a document a person can read: the links it gives exist, and no edit script has smeared
text through it (a bad replace once inserted a paragraph between every character: 252,762 lines)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_is_a_readable_size_and_repeats_no_paragraph():
    lines = README.splitlines()
    assert 100 < len(lines) < 1500, len(lines)
    paragraphs = Counter(p.strip() for p in README.split("\n\n") if len(p.strip()) > 80)
    assert [p[:60] for p, n in paragraphs.items() if n > 1] == []


def test_every_file_the_readme_links_to_exists():
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", README)
    local = [t for t in targets if not re.match(r"[a-z]+://", t)]
    assert local, "the README links to nothing in the repository"
    assert [t for t in local if not (ROOT / t).exists()] == []


def test_the_two_commands_are_there():
    assert "./run" in README and "./test" in README
