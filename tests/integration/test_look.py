"""The automated look (scripts/look.py): every screen and dialog at 1366×768 and 1280×720, with no Latin
letters or digits outside the allow-list, nothing clipped or cut, no left-aligned Persian text box."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("size", ["1366x768", "1280x720"])  # 1024x768: see the README (not yet clean)
def test_every_screen_passes_the_look(tmp_path, size):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "look.py"), "--out", str(tmp_path), "--size", size],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    report = "\n".join(line for line in run.stdout.splitlines() if not line.startswith("ok "))
    assert run.returncode == 0, report + run.stderr[-3000:]
    shots = list(tmp_path.rglob("*.png"))
    assert len(shots) >= 31, report


def test_the_look_finds_what_it_looks_for(qapp):
    """The checks themselves: each kind of fault on a real widget is found, a clean widget passes."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

    from kiosk.ui.look import inspect
    from kiosk.ui.widgets import text_area

    root = QWidget()
    root.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    root.resize(300, 200)
    lay = QVBoxLayout(root)
    lay.addWidget(QLabel("پهنهٔ R2"))
    lay.addWidget(QLabel("۱۲ و 12"))
    narrow = QPushButton("دکمه‌ای با متنی بسیار بسیار بلند که جا نمی‌شود")
    narrow.setFixedWidth(60)
    lay.addWidget(narrow)
    lay.addWidget(QPlainTextEdit())  # Qt's own: starts on the left while empty
    lay.addWidget(text_area())  # the kiosk's: starts on the right
    ok = QLabel("فایل scan.pdf در https://example.org — کلید Enter یا Ctrl+K")
    lay.addWidget(ok)
    root.show()
    qapp.processEvents()
    outside = QLabel("بیرون از پنجره", root)  # placed past the window's edge, whatever size the layout gave it
    outside.move(root.width() - 20, root.height() - 10)
    outside.show()
    qapp.processEvents()
    kinds = {(f.kind, f.text) for f in inspect(root)}
    assert ("latin", "پهنهٔ R2") in kinds
    assert ("digits", "۱۲ و 12") in kinds
    assert any(k == "clipped" and t.startswith("دکمه") for k, t in kinds)
    assert sum(1 for k, _t in kinds if k == "left") == 1
    assert ("cut", "بیرون از پنجره") in kinds
    assert not any(t == ok.text() for _k, t in kinds)
    root.close()


def test_the_look_finds_a_persian_line_turned_left_to_right(qapp):
    """A line whose first strong letter is Latin is laid out left to right, brackets and all."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from kiosk.app import configure
    from kiosk.ui.look import _PERSIAN, first_strong, inspect, plain

    configure(qapp)  # in Persian, as at the counter (the English source strings are left to right by nature)
    from kiosk.ui.widgets import attached_file_text

    assert first_strong("PDF، ۱ کیلوبایت") == "ltr"
    assert first_strong("\u2066scan.pdf\u2069 (کیلوبایت)") == "rtl"  # isolated spans do not count
    assert first_strong("\u200f✔ PDF") == "rtl" and first_strong("۱۲ - ۳") is None
    from kiosk.domain.documents import FileFacts

    for facts in (None, FileFacts("application/pdf", 3), FileFacts("image/jpeg", None, "application/pdf")):
        first, *rest = [plain(line) for line in attached_file_text("scan.pdf", 2048, facts).split("<br>")]
        assert first_strong(first) == "rtl", first  # whatever the language: it starts with a right-to-left mark
        for line in rest:  # the misnamed note begins with a Persian word in Persian
            assert first_strong(line) == ("rtl" if _PERSIAN.search(line) else "ltr"), line
        # a wrap never parts a number from its unit: «۵۱ / کیلوبایت)» on two lines
        assert "۲\u00a0کیلوبایت" in first and (facts is None or not facts.pages or "۳\u00a0صفحه" in first), first
    root = QWidget()
    root.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    lay = QVBoxLayout(root)
    bad = QLabel("✔ \u2066scan.pdf\u2069 (PDF، ۱ کیلوبایت)")
    carried = QLabel("\u200f✔ \u2066scan.jpg\u2069 (تصویر JPEG، ۹ کیلوبایت)")  # the digits go with «JPEG»
    lay.addWidget(bad)
    lay.addWidget(carried)
    for facts in (None, FileFacts("application/pdf", 3), FileFacts("image/jpeg", None, "application/pdf"),
                  FileFacts("image/png", None)):
        lay.addWidget(QLabel(attached_file_text("scan.pdf", 9 * 1024, facts)))
    root.show()
    turned = [f.text for f in inspect(root) if f.kind == "turned"]
    assert len(turned) == 2 and "JPEG" in turned[1], turned
    root.close()
