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


def test_a_fields_error_wraps_in_its_field_and_does_not_move_its_neighbours(qtbot, persian_app):
    """The floors field narrowed when «۴ طبقه از حداکثر ۳ طبقهٔ مجاز این ملک بیشتر است.» appeared under it:
    the sentence, as wide as it is long, pushed at the grid. It wraps within the field instead."""
    from PySide6.QtWidgets import QGridLayout, QLineEdit, QSpinBox, QWidget

    from kiosk.ui.widgets import FormField

    page = QWidget()
    qtbot.addWidget(page)
    grid = QGridLayout(page)  # no column stretch: each column as wide as its fields ask
    fields = [FormField(caption, editor()) for caption, editor in (
        ("تعداد طبقات", QSpinBox), ("زیربنای هر طبقه", QLineEdit), ("تعداد واحد", QSpinBox), ("تعداد پارکینگ", QLineEdit))]
    for i, field in enumerate(fields):
        grid.addWidget(field, i // 2, i % 2)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    widths = [f.width() for f in fields]
    fields[0].set_error("۴ طبقه از حداکثر ۳ طبقهٔ مجاز این ملک بیشتر است؛ میراث فرهنگی بیش از ۲ طبقه را "
                        "در حریم آثار تاریخی نمی‌پذیرد.")
    qtbot.waitUntil(lambda: fields[0].error.isVisible(), timeout=2000)
    page.layout().activate()
    assert [f.width() for f in fields] == widths
    assert fields[0].error.height() > fields[0].error.fontMetrics().height() * 1.5  # wrapped, not cut
    assert not [f for f in inspect(page) if f.kind in ("clipped", "cut")]
