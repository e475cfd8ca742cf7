"""Guard against a PySide6 release that corrupts reference counts.

PySide6-Essentials 6.12.0 on Python 3.11 dropped a reference to None on every void call (setText,
setValue…) and to True/False on bool results: a kiosk died with "Fatal Python error: none_dealloc" after
a few thousand calls — minutes of real use. These loops fail fast if a future pin brings that back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget


def test_void_and_bool_calls_keep_none_true_false_alive(qapp):
    import gc

    label, edit, spin, widget = QLabel(), QLineEdit(), QSpinBox(), QWidget()
    gc.collect()
    gc.disable()  # a collection in the middle (of other tests' garbage) would free references to None too
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for i in range(2000):
        label.setText("x" if i % 2 else "y")
        edit.setText("a")
        spin.setValue(i % 5)
        widget.property("missing")
        widget.isVisible()
        widget.style().polish(widget)
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    gc.enable()
    # The broken binding lost one reference per call (over ten thousand here); a healthy one loses none.
    # Other threads of earlier tests may still free a few objects meanwhile, so only a large fall fails.
    assert all(a >= b - 500 for a, b in zip(after, before)), (before, after)
