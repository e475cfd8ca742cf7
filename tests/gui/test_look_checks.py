"""The look's own checks (scripts/look.py walks every screen with them): a wrapped table cell counts as cut
only when Qt's own row is shorter than its text, at any width the other columns leave it."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from kiosk.ui.look import inspect
from kiosk.ui.widgets import list_table

REASON = "شناسهٔ قبض یا شناسهٔ پرداخت معتبر نیست. آن‌ها را دوباره از روی فیش وارد کنید."


def _table(qtbot, width: int) -> QTableWidget:
    table = list_table(["درخواست", "علت", "زمان"], stretch=1, name="t", table=QTableWidget(0, 3))
    qtbot.addWidget(table)
    table.setRowCount(1)
    for col, text in enumerate(["پرداخت کارتی", REASON, "۱۴۰۵/۰۹/۱۶ ساعت ۱۸:۵۱"]):
        table.setItem(0, col, QTableWidgetItem(text))
    table.resize(width, 260)
    table.show()
    qtbot.waitExposed(table)
    return table


def _clipped(table):
    return [f for f in inspect(table) if f.kind == "clipped"]


def test_a_wrapped_cell_as_tall_as_its_text_is_not_clipped_at_any_width(qtbot, persian_app):
    table = _table(qtbot, 300)
    flagged = []
    for width in range(300, 1000):  # every width a time of day can leave the reason's column
        table.resize(width, 260)
        qtbot.waitUntil(lambda: table.rowHeight(0) >= table.sizeHintForRow(0))
        if _clipped(table):
            flagged.append(width)
    assert flagged == []


def test_a_wrapped_cell_in_a_row_too_short_is_clipped(qtbot, persian_app):
    table = _table(qtbot, 480)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setRowHeight(0, table.fontMetrics().height() + 4)  # one line for a reason of three
    assert [f.text for f in _clipped(table)] == [REASON]
