"""The file picker a clerk attaches documents with: Qt's own dialog, in Persian (Qt's catalogue and the
kiosk's for what Qt's leaves in English), right to left with the folder and typed names left to right,
Jalali dates in Iran's time whatever the PC's zone, Persian sizes and kinds, and the last folder of the
run remembered."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QTreeView, QWidget

from kiosk.domain.digits import ltr, to_persian_digits
from kiosk.domain.jalali import format_jalali, iran_zone
from kiosk.ui import file_picker

LATIN = re.compile(r"[A-Za-z0-9]")


def folder_with_a_scan(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "scans"
    folder.mkdir()
    scan = folder / "deed-01.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"0" * 5000)
    moment = dt.datetime(2026, 12, 6, 22, 40, tzinfo=dt.timezone.utc).timestamp()  # 02:10 next day in Iran
    os.utime(scan, (moment, moment))
    (folder / "old").mkdir()
    return folder, scan


def test_qt_itself_speaks_persian(persian_app):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "انصراف"  # qtbase_fa is loaded
    assert QCoreApplication.translate("QLineEdit", "Select All") == "انتخاب همه"  # the context menu
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") != "Files of &type:"  # ours fills Qt's gap


def test_the_picker_is_persian_and_reads_paths_and_dates_right(persian_app, qtbot, tmp_path, monkeypatch):
    folder, scan = folder_with_a_scan(tmp_path)
    monkeypatch.setattr(file_picker, "_last_folder", [str(folder)])
    text = QCoreApplication.translate("PermitDocumentsStep", "Documents (*.pdf *.jpg *.jpeg *.png)")
    dialog = file_picker.file_dialog(None, "پیوست مدرک", text, many=True)
    qtbot.addWidget(dialog)
    dialog.show()
    tree = dialog.findChild(QTreeView, "treeView")
    model = tree.model()
    qtbot.waitUntil(lambda: model.rowCount(tree.rootIndex()) == 2, timeout=5000)

    # Every caption and button in Persian: no Latin letters or digits on the dialog's own words.
    words = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.isVisible() and w.text()
             and w.objectName() != "pickerFolder"]
    assert words and not [w for w in words if LATIN.search(w.replace("&", ""))], words
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert not [h for h in headers if LATIN.search(h)], headers
    assert "(*." not in dialog.findChild(QComboBox, "fileTypeCombo").currentText()  # no reversed globs

    # The folder: left to right, whole, in place of Qt's combo box that drew it reversed.
    where = dialog.findChild(QLabel, "pickerFolder")
    assert where.isVisible() and where.text() == ltr(str(folder))
    assert not dialog.findChild(QWidget, "lookInCombo").isVisible()
    assert dialog.findChild(QLineEdit, "fileNameEdit").layoutDirection() == Qt.LayoutDirection.LeftToRight

    # The scan's row: its name isolated, «۵ کیلوبایت», «فایل PDF», its date and time in Iran's time.
    rows = {model.index(r, 0, tree.rootIndex()).data(): r for r in range(model.rowCount(tree.rootIndex()))}
    row = rows[ltr("deed-01.pdf")]
    cell = lambda c: model.index(row, c, tree.rootIndex()).data()  # noqa: E731
    assert cell(1) == "۵ کیلوبایت"
    assert cell(2) == "فایل " + ltr("PDF")
    iran = dt.datetime.fromtimestamp(scan.stat().st_mtime, iran_zone())
    assert cell(3) == format_jalali(iran.date()) + " " + to_persian_digits(iran.strftime("%H:%M"))
    assert cell(3) == "۱۴۰۵/۰۹/۱۶ ۰۲:۱۰"  # whatever the PC's zone: 22:40 UTC on 6 December is 02:10 on 16 Azar
    folder_row = rows[ltr("old")]
    assert model.index(folder_row, 1, tree.rootIndex()).data() == ""
    assert model.index(folder_row, 2, tree.rootIndex()).data() == "پوشه"

    # The side bar's places by Persian names as drawn: not the login («root») nor «Desktop», «Computer».
    from PySide6.QtWidgets import QListView, QStyleOptionViewItem

    bar = dialog.findChild(QListView, "sidebar")
    drawn = []
    for r in range(bar.model().rowCount()):
        option = QStyleOptionViewItem()
        bar.itemDelegate().initStyleOption(option, bar.model().index(r, 0))
        drawn.append(option.text)
    assert "پوشهٔ شخصی" in drawn and not [n for n in drawn if LATIN.search(n)], drawn
    dialog.reject()


def test_choosing_returns_the_files_and_the_next_picker_opens_where_the_clerk_was(persian_app, qtbot, tmp_path, monkeypatch):
    folder, scan = folder_with_a_scan(tmp_path)
    monkeypatch.setattr(file_picker, "_last_folder", [])
    monkeypatch.setenv("HOME", str(tmp_path))

    def choose():
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "filePicker":
            QTimer.singleShot(100, choose)  # not open yet
            return
        dialog.setDirectory(str(folder))
        dialog.findChild(QLineEdit, "fileNameEdit").setText(scan.name)  # as the clerk types or clicks it
        dialog.accept()

    QTimer.singleShot(100, choose)
    started = time.monotonic()
    assert file_picker.choose_files(None, "پیوست", "PDF (*.pdf)") == [str(scan)]
    assert time.monotonic() - started < 30
    again = file_picker.file_dialog(None, "پیوست", "PDF (*.pdf)", many=False)
    qtbot.addWidget(again)
    assert Path(again.directory().absolutePath()) == folder


def test_the_picker_returns_no_device_and_nothing_of_the_kiosks_own_folders(persian_app, qtbot, tmp_path,
                                                                            monkeypatch):
    from kiosk import paths

    own = tmp_path / "config"
    own.mkdir()
    (own / "outbox-keys.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(paths, "config_dir", lambda: own)
    assert not file_picker.allowed("/dev/zero")  # a device reads forever: the review filled 4.9 GB with it
    assert not file_picker.allowed(own / "outbox-keys.json") and not file_picker.allowed(own)
    assert file_picker.allowed(tmp_path)

    def type_path(text: str):
        def go():
            from PySide6.QtWidgets import QApplication

            dialog = QApplication.activeModalWidget()
            if dialog is None or dialog.objectName() != "filePicker":
                QTimer.singleShot(100, go)
                return
            dialog.findChild(QLineEdit, "fileNameEdit").setText(text)
            dialog.accept()
            if dialog.isVisible():  # a folder was typed: the dialog entered it (or refused to) and stays
                def look():
                    seen.append(dialog.directory().absolutePath())
                    dialog.reject()
                QTimer.singleShot(300, look)
        return go

    for typed in ("/dev/zero", str(own / "outbox-keys.json")):
        seen: list[str] = []
        QTimer.singleShot(100, type_path(typed))
        assert file_picker.choose_files(None, "پیوست", "*") == [], typed
    seen = []
    QTimer.singleShot(100, type_path(str(own)))
    assert file_picker.choose_files(None, "پیوست", "*") == []
    assert seen and Path(seen[0]) != own  # typed into the kiosk's folder: sent back where it was
